"""The council report's chapter "Risico- en beschermende factoren": the classic IPM pairs per leefdomein.

The numbers are those of :mod:`.factors` — the same function the page and the API call — in public
precision (percentages to 0.1 point, odds ratios to two decimals); a hidden level shows as "niet
gepubliceerd", and so do its odds ratios.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from kansrijk.reporting.documents import Paragraph, Section, Suppressed, Table
from kansrijk.reporting.formatting import format_value

from . import factors, present
from .models import AnalysisRun

NOT_PUBLISHED = "niet gepubliceerd"


def _level_cell(level: factors.Level | None, language: str) -> Any:
    if level is None:
        return "–"
    if level.suppressed or level.estimate is None:
        return Suppressed(NOT_PUBLISHED)
    return f"{level.label}: {format_value(level.estimate, 'percentage', 1, language)}"


def factor_section(run: AnalysisRun, language: str = "nl") -> Section | None:
    """One table per IPM leefdomein with its classic pairs and the sentence of each; None without any."""
    blocks: list[Any] = [
        Paragraph(
            _(
                "Het IJslandse preventiemodel werkt via risico- en beschermende factoren in het gezin, bij "
                "vrienden, in de vrije tijd en op school. Per factor staat hieronder hoe vaak een uitkomst "
                "voorkomt bij leerlingen met en zonder die factor, en de odds ratio gecorrigeerd voor "
                "leerjaar en geslacht (1 = geen verschil). Een samenhang is geen bewijs van oorzaak en "
                "gevolg."
            )
        )
    ]
    domains = dict(present.leefdomeinen(language))
    found = False
    for domain in factors.FACTOR_DOMAINS:
        pairs = factors.pairs_overview(run, domain, language)
        if not pairs:
            continue
        found = True
        rows = []
        for pair in pairs:
            reference = next((lv for lv in pair.levels if lv.is_reference), None)
            others = [lv for lv in pair.levels if not lv.is_reference]
            if len(pair.levels) > 2:  # an item with several answers: its most different answer
                shown = [lv for lv in others if lv.adjusted_odds_ratio is not None]
                other = max(shown, key=lambda lv: abs((lv.adjusted_odds_ratio or 1) - 1)) if shown else None
            else:
                other = others[0] if others else None
            ratio: Any = "–"
            if other is not None and (other.suppressed or (reference is not None and reference.suppressed)):
                ratio = Suppressed(NOT_PUBLISHED)
            elif other is not None and other.adjusted_odds_ratio is not None:
                value, ci = factors.format_ratio(
                    other.adjusted_odds_ratio, other.adjusted_or_ci_low, other.adjusted_or_ci_high, language
                )
                ratio = f"{value} ({ci})" if ci else value
            rows.append(
                (
                    pair.factor_label,
                    pair.outcome_label,
                    _level_cell(other, language),
                    _level_cell(reference, language),
                    ratio,
                )
            )
        blocks.append(
            Table(
                (
                    _("Factor"),
                    _("Uitkomst"),
                    _("Met de factor"),
                    _("Vergelijkingsgroep"),
                    _("Odds ratio, gecorrigeerd (95%-BI)"),
                ),
                tuple(rows),
                _("%(domain)s: risico- en beschermende factoren") % {"domain": domains.get(domain, domain)},
                (False, False, True, True, True),
            )
        )
        blocks.extend(Paragraph(pair.sentence) for pair in pairs)
    if not found:
        return None
    return Section(_("Risico- en beschermende factoren"), tuple(blocks))


def risk_group_section(run: AnalysisRun, language: str = "nl") -> Section | None:
    """ "Hoe gaat het met de risicogroepen": per risk group the survey can define, the indicators on which its
    pupils differ significantly from the other pupils (the full list is on the group's page in the cycle)."""
    from kansrijk.cycle.models import RiskGroup
    from kansrijk.cycle.riskgroup_survey import profile

    blocks: list[Any] = [
        Paragraph(
            _(
                "Een risicogroep uit Kinderen op de Kaart is in de vragenlijst te herkennen aan een antwoord "
                "(bijvoorbeeld: een ouder zit of zat in de gevangenis). Per groep staan hieronder de "
                "indicatoren waarop de leerlingen van die groep significant verschillen van de andere "
                "leerlingen. Groepen met te weinig leerlingen worden niet getoond."
            )
        )
    ]
    found = False
    for rg in RiskGroup.objects.filter(municipality=run.wave.municipality).order_by("number"):
        group = profile(rg, language)
        if group is None:
            continue
        found = True
        differ = [r for r in group.rows if not r.hidden and r.direction in ("higher", "lower")]
        words = {"higher": _("vaker"), "lower": _("minder vaak")}
        blocks.append(
            Table(
                (_("Indicator"), _("Deze groep"), _("Andere leerlingen"), _("Verschil")),
                tuple((r.label, r.group, r.rest, words[str(r.direction)]) for r in differ)
                or ((_("geen significante verschillen"), "–", "–", "–"),),
                _("%(group)s (in de vragenlijst: ‘%(definition)s’, %(n)s leerlingen)")
                % {"group": rg.title, "definition": group.label, "n": group.n_group},
                (False, True, True, False),
            )
        )
    if not found:
        return None
    return Section(_("Hoe gaat het met de risicogroepen?"), tuple(blocks))
