# ruff: noqa: E501 — one sentence per line reads better than split strings
"""The fixed words of charts, tables and reports in Dutch and English.

Indicator and area names come from the instrument and the area file; only the words Kansrijk itself adds
(axis titles, legend entries, suppression reasons) live here. Dutch is the fallback for any other language,
as for the instrument's labels.
"""

from __future__ import annotations

import re

from kansrijk.analysis.public import NOT_PUBLISHED

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "percentage": "Percentage",
        "mean": "Gemiddelde",
        "ci": "95%-betrouwbaarheidsinterval",
        "ci_short": "95%-BI",
        "estimate": "Uitkomst",
        "indicator": "Indicator",
        "domain": "Leefdomein",
        "group": "Groep",
        "wave": "Meting",
        "n": "Aantal respondenten",
        "n_short": "n",
        "area": "Wijk",
        "reference": "Referentie",
        "difference": "Verschil",
        "category": "Vergeleken met gemiddelde",
        "higher": "hoger",
        "lower": "lager",
        "no_difference": "geen verschil",
        "sig_higher": "significant hoger",
        "sig_lower": "significant lager",
        "suppressed": "onderdrukt",
        "no_data": "geen gegevens",
        "reliability_caution": "voorzichtig interpreteren",
        "not_estimable": "marge niet te schatten",
        "reference_basis": "Referentie: {source}, {year}.",
        "reference_basis_no_year": "Referentie: {source}.",
        "not_estimable_note": "Marge niet te schatten: de onzekerheid van dit cijfer is niet te berekenen (bijvoorbeeld alle antwoorden uit één klas); er is geen interval en geen toets.",
        "page": "pagina",
        "of": "van",
        "footnote_suppressed": "Niet getoond",
        "footnote_not_published": "Niet gepubliceerd, om te voorkomen dat iets over afzonderlijke leerlingen te herleiden is.",
        "not_published": "niet gepubliceerd",
        "chart_estimates": "{count} uitkomsten; hoogste: {top_label} met {top_value}; laagste: {low_label} met {low_value}.",
        "chart_estimates_none": "Alle {count} uitkomsten zijn onderdrukt.",
        "chart_suppressed_count": " {count} uitkomst(en) onderdrukt.",
        "compared_with": "Vergeleken met {reference}",
        "chart_trend": "{label}: van {first} in {first_wave} naar {last} in {last_wave}.",
        "chart_trend_sig": " Significante veranderingen: {changes}.",
        "chart_trend_none": "{label}: geen gepubliceerde uitkomsten over de metingen.",
        "chart_reference": "{count} uitkomsten vergeleken met {reference_label} ({reference}): {higher} hoger, {lower} lager, {same} geen verschil.",
        "chart_map": "Kaart van {count} wijken: {higher} hoger, {lower} lager, {same} geen verschil, {suppressed} onderdrukt.",
        "chart_map_value": "Kaart van {count} wijken; hoogste: {top_label} met {top_value}; laagste: {low_label} met {low_value}.",
        "chart_map_uncertain": "{count} wijk(en) licht gekleurd: daar is de marge groot.",
        "map_uncertain_note": "Licht gekleurd met stippelrand: grote marge, het werkelijke cijfer kan flink afwijken.",
        "reason_n": "minder dan {value} antwoorden",
        "reason_count": "minder dan {value} jongeren met (of zonder) dit antwoord",
        "reason_rse": "relatieve standaardfout groter dan {value}",
        "reason_complementary": "aanvullend onderdrukt, zodat een onderdrukte cel niet terug te rekenen is",
        "reason_other": "onderdrukt ({value})",
        "variable": "Variabele",
        "type": "Type",
        "question": "Vraag",
        "codes": "Codes en labels",
        "relevant": "Gesteld als",
        "definition": "Definitie",
        "unit": "Eenheid",
        "direction": "Richting",
        "denominator": "Noemer",
        "codebook": "Codeboek",
        "variables": "Variabelen",
        "indicators": "Indicatoren",
        "always": "altijd",
        "chosen": "gekozen",
        "not_chosen": "niet gekozen",
    },
    "en": {
        "percentage": "Percentage",
        "mean": "Mean",
        "ci": "95% confidence interval",
        "ci_short": "95% CI",
        "estimate": "Estimate",
        "indicator": "Indicator",
        "domain": "Domain",
        "group": "Group",
        "wave": "Wave",
        "n": "Respondents",
        "n_short": "n",
        "area": "District",
        "reference": "Reference",
        "difference": "Difference",
        "category": "Compared with the average",
        "higher": "higher",
        "lower": "lower",
        "no_difference": "no difference",
        "sig_higher": "significantly higher",
        "sig_lower": "significantly lower",
        "suppressed": "suppressed",
        "no_data": "no data",
        "reliability_caution": "interpret with caution",
        "not_estimable": "margin cannot be estimated",
        "reference_basis": "Reference: {source}, {year}.",
        "reference_basis_no_year": "Reference: {source}.",
        "not_estimable_note": "Margin cannot be estimated: the uncertainty of this figure cannot be computed (for example, all answers come from one class); there is no interval and no test.",
        "page": "page",
        "of": "of",
        "footnote_suppressed": "Not shown",
        "footnote_not_published": "Not published, so that nothing can be traced back to individual pupils.",
        "not_published": "not published",
        "chart_estimates": "{count} estimates; highest: {top_label} at {top_value}; lowest: {low_label} at {low_value}.",
        "chart_estimates_none": "All {count} estimates are suppressed.",
        "chart_suppressed_count": " {count} estimate(s) suppressed.",
        "compared_with": "Compared with {reference}",
        "chart_trend": "{label}: from {first} in {first_wave} to {last} in {last_wave}.",
        "chart_trend_sig": " Significant changes: {changes}.",
        "chart_trend_none": "{label}: no published estimates across the waves.",
        "chart_reference": "{count} estimates compared with {reference_label} ({reference}): {higher} higher, {lower} lower, {same} no difference.",
        "chart_map": "Map of {count} districts: {higher} higher, {lower} lower, {same} no difference, {suppressed} suppressed.",
        "chart_map_value": "Map of {count} districts; highest: {top_label} at {top_value}; lowest: {low_label} at {low_value}.",
        "chart_map_uncertain": "{count} district(s) shown pale: their margin is wide.",
        "map_uncertain_note": "Pale with a dotted outline: wide margin, the true figure may differ considerably.",
        "reason_n": "fewer than {value} answers",
        "reason_count": "fewer than {value} young people with (or without) this answer",
        "reason_rse": "relative standard error above {value}",
        "reason_complementary": "suppressed as well so that a suppressed cell cannot be recalculated",
        "reason_other": "suppressed ({value})",
        "variable": "Variable",
        "type": "Type",
        "question": "Question",
        "codes": "Codes and labels",
        "relevant": "Asked when",
        "definition": "Definition",
        "unit": "Unit",
        "direction": "Direction",
        "denominator": "Denominator",
        "codebook": "Codebook",
        "variables": "Variables",
        "indicators": "Indicators",
        "always": "always",
        "chosen": "chosen",
        "not_chosen": "not chosen",
    },
}


def text(key: str, lang: str = "nl", **values: object) -> str:
    """The fixed text ``key`` in ``lang`` (Dutch when the language has no texts), filled with ``values``."""
    table = TEXTS.get(lang, TEXTS["nl"])
    template = table.get(key) or TEXTS["nl"][key]
    return template.format(**values) if values else template


_REASON = re.compile(r"^(n|count|rse)\s*([<>])\s*([0-9.]+)$")


def suppression_reason(reason: str, lang: str = "nl") -> str:
    """Plain words for a reason code of ``kansrijk.analysis.suppress`` (``n<30;rse>0.5`` → two clauses).

    Unknown codes are kept as they are, so a new rule never makes a report fail.
    """
    from kansrijk.reporting.formatting import format_number

    if reason.strip() == NOT_PUBLISHED:
        return text("not_published", lang)
    parts: list[str] = []
    for code in (c.strip() for c in reason.split(";")):
        if not code:
            continue
        if code == "complementary":
            parts.append(text("reason_complementary", lang))
            continue
        m = _REASON.match(code)
        if m is None:
            parts.append(text("reason_other", lang, value=code))
            continue
        kind, _, number = m.groups()
        value = float(number)
        shown = format_number(value, decimals=0 if value.is_integer() else 1, lang=lang)
        parts.append(
            text({"n": "reason_n", "count": "reason_count", "rse": "reason_rse"}[kind], lang, value=shown)
        )
    return "; ".join(parts)
