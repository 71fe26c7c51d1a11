"""The council report: the appendix to the raadsinformatiebrief, with its map, method and action points.

The method annex speaks in aggregates only (respondents, schools taking part, the range of response rates
and weights): no table per school or per weighting cell, since a cell may hold a single pupil.
"""

from __future__ import annotations

from typing import Any, Literal

import polars as pl
from django.utils import translation
from django.utils.translation import gettext as _

from kansrijk.reporting.documents import Figure, Paragraph, Report, Section, Table
from kansrijk.reporting.formatting import format_count, format_number, format_percent, format_value

from .. import charts, present
from ..factor_report import factor_section, risk_group_section
from ..models import AnalysisRun
from . import data
from .common import HEADLINE_INDICATORS, author, indicator_table, issue_date, margin_words
from .data import RunContext

MAPS_IN_COUNCIL_REPORT = 3


def council_report(run: AnalysisRun, *, language: str = "nl", maps: bool = True) -> Report:
    """The appendix to the council letter: summary, every leefdomein with charts and trends, map, method."""
    ctx = data.context(run, language)
    response = data.response(run)
    with translation.override(language):
        sections = [_summary(ctx, response)]
        total = ctx.table.filter(pl.col("domain_type") == "total")
        for domain_code, domain_label in present.leefdomeinen(language):
            info = {c: i for c, i in ctx.info.items() if i.domain == domain_code}
            part = total.filter(pl.col("indicator").is_in(list(info)))
            if part.is_empty():
                continue
            blocks: list[Any] = []
            for unit in ("percentage", "mean"):
                chart = charts.domain_chart(part, info, unit=unit, title=domain_label, language=language)
                if chart is not None:
                    blocks.append(Figure(chart, _("Uitkomsten met 95%-betrouwbaarheidsinterval.")))
            blocks.append(
                indicator_table(part, info, language, _("%(domain)s: uitkomsten") % {"domain": domain_label})
            )
            for code in part.filter(pl.col("trend").is_in(["higher", "lower"]))["indicator"].to_list():
                chart = charts.indicator_trend_chart(
                    data.trend_series(run, code), info[code], language=language
                )
                if chart is not None:
                    blocks.append(
                        Figure(
                            chart,
                            _("Trend over de metingen; een driehoek markeert een significante verandering."),
                        )
                    )
            sections.append(Section(domain_label, tuple(blocks)))
        factor_chapter = factor_section(run, language)
        if factor_chapter is not None:
            sections.append(factor_chapter)
        groups_chapter = risk_group_section(run, language)
        if groups_chapter is not None:
            sections.append(groups_chapter)
        if maps:
            sections.append(_map_section(ctx, data.wijk_features(run)))
        sections.append(_method_section(ctx, response, data.weights(run)))
        sections.append(
            _action_points_section(ctx, data.linked_action_points(run.wave.municipality, ctx.info))
        )
        return Report(
            title=_("Resultaten %(wave)s") % {"wave": run.wave.name},
            subtitle=_("Bijlage bij de raadsinformatiebrief — %(municipality)s")
            % {"municipality": author(run)},
            sections=tuple(sections),
            lang=language,
            author=author(run),
            date=issue_date(run),
            keywords=("OKO", "IJslands preventiemodel", run.wave.code),
        )


# -- summary ---------------------------------------------------------------------------------------------


def _response_total(response: pl.DataFrame | None) -> tuple[int | None, float | None]:
    """Respondents kept and response rate of the whole municipality (the row without a school)."""
    if response is None or response.is_empty() or "kept" not in response.columns:
        return None, None
    total = response.filter(pl.col("school_id").is_null() | (pl.col("school_id") == ""))
    if total.height:
        row = total.row(0, named=True)
        return int(row.get("kept") or 0), row.get("response_rate")
    return int(response["kept"].sum()), None


def _significant(frame: pl.DataFrame, column: str, flag: str) -> list[str]:
    return frame.filter((pl.col("domain_type") == "total") & (pl.col(column) == flag))["indicator"].to_list()


def _summary(ctx: RunContext, response: pl.DataFrame | None) -> Section:
    total = ctx.table.filter(pl.col("domain_type") == "total")
    kept, rate = _response_total(response)
    lines = [
        _(
            "Dit is de bijlage bij de raadsinformatiebrief over meting %(wave)s van de vragenlijst "
            "Opgroeien in een Kansrijke Omgeving (OKO)."
        )
        % {"wave": ctx.run.wave.name},
    ]
    if kept is not None:
        lines.append(
            _("%(n)s leerlingen deden mee; de respons was %(rate)s.")
            % {"n": format_count(kept, ctx.language), "rate": format_percent(rate, 0, ctx.language)}
        )
    label = {c: i.label for c, i in ctx.info.items()}
    for flag, text in (
        ("higher", _("Significant hoger dan bij de vorige meting: %(list)s.")),
        ("lower", _("Significant lager dan bij de vorige meting: %(list)s.")),
    ):
        codes = [c for c in _significant(total, "trend", flag) if c in label]
        if codes:
            lines.append(text % {"list": "; ".join(label[c] for c in codes)})
    lines.append(
        _(
            "Verschillen en veranderingen heten alleen 'hoger' of 'lager' als ze "
            "statistisch significant zijn (5%)."
        )
    )
    return Section(_("Samenvatting"), tuple(Paragraph(line) for line in lines))


# -- map ---------------------------------------------------------------------------------------------------


def map_indicators(ctx: RunContext) -> list[str]:
    """The indicators mapped: those with the most wijken significantly different from the municipal
    average, ties in the report's own order (leefdomein, then instrument), so a report is the same every
    time it is made."""
    differs = ctx.table.filter(
        (pl.col("domain_type") == "wijk") & pl.col("vs_total").is_in(["higher", "lower"])
    )["indicator"].to_list()
    counts = {code: differs.count(code) for code in ctx.info if code in differs}
    order = {code: i for i, code in enumerate(ctx.info)}
    return sorted(counts, key=lambda code: (-counts[code], order[code]))[:MAPS_IN_COUNCIL_REPORT]


def _map_section(ctx: RunContext, features: list[dict[str, Any]]) -> Section:
    wijk = ctx.table.filter(pl.col("domain_type") == "wijk")
    if not features or wijk.is_empty():
        return Section(
            _("Kaart per wijk"), (Paragraph(_("Er zijn geen wijkgrenzen of wijkuitkomsten beschikbaar.")),)
        )
    codes = map_indicators(ctx)
    blocks: list[Any] = [
        Paragraph(
            _(
                "Per wijk, gekleurd naar een significant verschil met het gemeentelijk gemiddelde. "
                "Onderdrukte wijken (te weinig leerlingen) zijn grijs met een stippellijn."
            )
        )
    ]
    for code in codes:
        chart = charts.wijk_map_chart(
            features, wijk.filter(pl.col("indicator") == code), ctx.info[code], language=ctx.language
        )
        blocks.append(Figure(chart, ctx.info[code].label, show_table=True))
    if not codes:
        blocks.append(Paragraph(_("Geen enkele wijk verschilt significant van het gemeentelijk gemiddelde.")))
    return Section(_("Kaart per wijk"), tuple(blocks))


# -- method ------------------------------------------------------------------------------------------------


def _method_section(ctx: RunContext, response: pl.DataFrame | None, weights: pl.DataFrame | None) -> Section:
    blocks: list[Any] = [
        Paragraph(
            _(
                "Alle leerlingen van de deelnemende leerjaren zijn uitgenodigd. "
                "Scholen zijn strata en klassen "
                "clusters; de antwoorden zijn gewogen naar het aantal ingeschreven leerlingen per school, "
                "leerjaar en geslacht. Schattingen hebben een 95%-betrouwbaarheidsinterval."
            )
        ),
        Paragraph(
            _(
                "Privacy: een uitkomst wordt niet gepubliceerd als minder dan %(min_n)s leerlingen de vraag "
                "beantwoordden, als minder dan %(min_count)s leerlingen het antwoord wel (of niet) gaven, "
                "of als de uitkomst te onzeker is. Daarnaast worden zo nodig andere uitkomsten niet "
                "gepubliceerd, zodat niemand een verborgen uitkomst kan terugrekenen uit de gepubliceerde "
                "(bijvoorbeeld een leerjaar uit de school en de andere leerjaren). Gepubliceerde "
                "percentages zijn afgerond op één decimaal."
            )
            % _disclosure_rules(ctx)
        ),
    ]
    blocks += _margin_paragraphs(ctx)
    blocks += _response_paragraphs(ctx, response)
    blocks += _cleaning_paragraphs(ctx, response)
    blocks += _weighting_paragraphs(ctx, weights)
    blocks += [Paragraph(note) for note in present.method_notes(ctx.run.meta or {}, ctx.language)]
    if ctx.run.note:
        blocks.append(Paragraph(_("Correctie in deze versie: %(note)s") % {"note": ctx.run.note}))
    meta = ctx.run.meta or {}
    blocks.append(
        Paragraph(
            _("Analyseversie %(version)s; snapshot %(sha)s; referentie: %(ref)s.")
            % {
                "version": ctx.run.version,
                "sha": (ctx.run.snapshot_sha256 or "")[:12],
                "ref": meta.get("reference_file") or _("geen"),
            }
        )
    )
    return Section(_("Methode en respons"), tuple(blocks))


def _disclosure_rules(ctx: RunContext) -> dict[str, Any]:
    rules = (ctx.run.meta or {}).get("disclosure") or {}
    return {"min_n": rules.get("min_n", 30), "min_count": rules.get("min_count", 3)}


def _margin_paragraphs(ctx: RunContext) -> list[Any]:
    """One worked example of a margin, from the first headline indicator with a published interval."""
    total = {
        r["indicator"]: r for r in ctx.table.filter(pl.col("domain_type") == "total").iter_rows(named=True)
    }
    for code in (*HEADLINE_INDICATORS, *ctx.info):
        row = total.get(code)
        words = margin_words(row, ctx.language) if row is not None else None
        if row is None or words is None or code not in ctx.info:
            continue
        unit: Literal["percentage", "mean"] = "percentage" if row.get("unit") == "percentage" else "mean"
        shown = format_value(float(row["estimate"]), unit, 1, ctx.language)
        return [
            Paragraph(
                _(
                    "Elke uitkomst is een schatting met een marge (het 95%%-betrouwbaarheidsinterval, BI). "
                    "Een voorbeeld: van alle leerlingen geldt '%(label)s' voor %(value)s; %(words)s."
                )
                % {"label": ctx.info[code].label, "value": shown, "words": words}
            )
        ]
    return []


def _response_paragraphs(ctx: RunContext, response: pl.DataFrame | None) -> list[Any]:
    """Response in aggregates: pupils, schools taking part, the range of response rates (no school table)."""
    if response is None or response.is_empty() or "school_id" not in response.columns:
        return []
    per = response.filter(pl.col("school_id").is_not_null() & (pl.col("school_id") != ""))
    schools = per.group_by("school_id").agg(
        pl.col("respondents").sum(), pl.col("enrolment").sum(), pl.col("kept").sum()
    )
    if schools.is_empty():
        return []
    taking_part = schools.filter(pl.col("respondents") > 0)
    rates = taking_part.filter(pl.col("enrolment") > 0).select(pl.col("respondents") / pl.col("enrolment"))
    total_enrolled = int(schools["enrolment"].sum())
    total_resp = int(schools["respondents"].sum())
    values = {
        "part": taking_part.height,
        "schools": schools.height,
        "respondents": format_count(total_resp, ctx.language),
        "enrolled": format_count(total_enrolled, ctx.language),
        "rate": format_percent(total_resp / total_enrolled if total_enrolled else None, 0, ctx.language),
    }
    lines = [
        _(
            "Respons: %(part)s van de %(schools)s scholen deden mee; %(respondents)s van de %(enrolled)s "
            "ingeschreven leerlingen vulden de vragenlijst in (%(rate)s)."
        )
        % values
    ]
    if rates.height:
        col = rates.to_series()
        lines.append(
            _("De respons per deelnemende school lag tussen %(low)s en %(high)s.")
            % {
                "low": format_percent(float(col.min()), 0, ctx.language),  # type: ignore[arg-type]
                "high": format_percent(float(col.max()), 0, ctx.language),  # type: ignore[arg-type]
            }
        )
    return [Paragraph(line) for line in lines]


def _cleaning_paragraphs(ctx: RunContext, response: pl.DataFrame | None) -> list[Any]:
    """Cleaning in one sentence: how many answers were set aside, and why (the rules in words)."""
    if response is None or response.is_empty() or "kept" not in response.columns:
        return []
    per = response.filter(pl.col("school_id").is_not_null() & (pl.col("school_id") != ""))
    respondents, kept = int(per["respondents"].sum()), int(per["kept"].sum())
    return [
        Paragraph(
            _(
                "Opschonen: %(dropped)s van de %(respondents)s ingevulde vragenlijsten (%(share)s) zijn niet "
                "meegeteld, omdat ze onvolledig waren, te snel of steeds met hetzelfde antwoord waren "
                "ingevuld, of een niet-bestaande drug noemden."
            )
            % {
                "dropped": format_count(respondents - kept, ctx.language),
                "respondents": format_count(respondents, ctx.language),
                "share": format_percent(
                    (respondents - kept) / respondents if respondents else None, 1, ctx.language
                ),
            }
        )
    ]


def _weighting_paragraphs(ctx: RunContext, weights: pl.DataFrame | None) -> list[Any]:
    """Weighting in words, with aggregate figures only (never the per-cell table: cells may hold 1 pupil)."""
    if weights is None or weights.is_empty():
        return []
    if "weight" in weights.columns:  # one row per respondent or per cell with its weight
        w = weights["weight"].drop_nulls()
    elif {"n_m", "N_m", "n_v", "N_v"} <= set(weights.columns):  # the per-cell report of analysis.weights
        w = pl.concat(
            [
                weights.filter(pl.col(f"n_{g}") > 0).select((pl.col(f"N_{g}") / pl.col(f"n_{g}")).alias("w"))
                for g in ("m", "v")
            ]
        )["w"].drop_nulls()
    else:
        return []
    if w.is_empty():
        return []
    if "collapsed_into" in weights.columns:
        collapsed = weights.filter(pl.col("collapsed_into").is_not_null()).height
    elif "level" in weights.columns:  # "gender": the school × grade × gender cell itself; else merged
        collapsed = weights.filter(pl.col("level").is_not_null() & (pl.col("level") != "gender")).height
    else:
        collapsed = 0
    return [
        Paragraph(
            _(
                "Weging: de antwoorden tellen mee naar het aantal ingeschreven leerlingen per school, "
                "leerjaar en geslacht. De gewichten liggen tussen %(low)s en %(high)s; "
                "%(collapsed)s te kleine groep(en) zijn samengevoegd met een vergelijkbare groep."
            )
            % {
                "low": format_number(float(w.min()), 2, ctx.language),  # type: ignore[arg-type]
                "high": format_number(float(w.max()), 2, ctx.language),  # type: ignore[arg-type]
                "collapsed": collapsed,
            }
        )
    ]


# -- action points -----------------------------------------------------------------------------------------


def _action_points_section(ctx: RunContext, points: list[tuple[int, str, list[str]]]) -> Section:
    if not points:
        return Section(
            _("Actiepunten"), (Paragraph(_("Er zijn (nog) geen actiepunten aan indicatoren gekoppeld.")),)
        )
    rows = tuple(
        (str(n), t, "; ".join(ctx.info[c].label for c in codes if c in ctx.info)) for n, t, codes in points
    )
    return Section(
        _("Actiepunten"),
        (Table((_("Nr."), _("Actiepunt"), _("Indicatoren")), rows, None, (), (), (8, 46, 46)),),
    )
