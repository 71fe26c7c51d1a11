"""The council report, the school reports and the fact sheets, as ``kansrijk.reporting`` documents.

Data is gathered from the database here (:func:`council_report`, :func:`school_report`, :func:`factsheet`);
rendering (HTML, PDF with WeasyPrint, charts with vl-convert) is the reporting library's. All school reports
of a run are built in this process and rendered in parallel worker processes (:func:`render_school_reports`):
rendering is pure and CPU-bound, gathering needs the database.

Every figure comes from a published (or, for analysts, finished) run, in public precision
(:func:`kansrijk.analysis.public.public_table`: rounded to 0.1 point, no RSE or design effect); a suppressed
cell shows as "–" marked "niet gepubliceerd", never as a number or with its reason. The method annex speaks
in aggregates only: no table per school or per weighting cell. School reports show only rows of their own
school (``school`` and ``school_grade`` domains) next to the municipal total.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import polars as pl
from django.utils import translation
from django.utils.translation import gettext as _

from kansrijk.accounts.constants import AreaLevel
from kansrijk.accounts.models import Area, School
from kansrijk.analysis.public import NOT_PUBLISHED, public_table
from kansrijk.reporting.charts import Chart, TextAlternative
from kansrijk.reporting.documents import (
    Figure,
    Paragraph,
    Report,
    Section,
    Suppressed,
    Table,
    render_pdf,
)
from kansrijk.reporting.formatting import format_count, format_number, format_percent, format_value
from kansrijk.reporting.texts import suppression_reason
from kansrijk.reporting.texts import text as fixed_text

from . import charts, present, queries, storage
from .factor_report import factor_section, risk_group_section
from .models import AnalysisRun

HEADLINE_INDICATORS = (
    "alc_30d",
    "binge_30d",
    "vape_30d",
    "sport_weekly",
    "sch_wellbeing",
    "bullied_school",
    "life_sat_low",
    "lonely_often",
    "par_monitoring",
)
MAPS_IN_COUNCIL_REPORT = 3


def _row_cells(row: Mapping[str, Any], language: str) -> tuple[Any, Any, str]:
    if row.get("suppressed") is not None:
        reason = Suppressed(NOT_PUBLISHED)
        return reason, reason, format_count(row.get("n"), language)
    c = present.cell(row, language)
    return c.value + (" *" if c.caution else ""), c.margin or c.ci, c.n


def _indicator_table(
    frame: pl.DataFrame, info: Mapping[str, present.IndicatorInfo], language: str, caption: str
) -> Table:
    """Indicator | figure | 95% CI | n | trend since the previous wave | vs the reference."""
    rows = []
    caution = inestimable = False
    by_code = {r["indicator"]: r for r in frame.iter_rows(named=True)}
    for code, ind in info.items():
        row = by_code.get(code)
        if row is None:
            continue
        value, ci, n = _row_cells(row, language)
        caution |= row.get("reliability") == "caution" and row.get("suppressed") is None
        c = present.cell(row, language)
        inestimable |= bool(c.margin) and row.get("suppressed") is None
        trend = f"{c.trend} ({c.difference})" if c.trend and c.difference else c.trend or "–"
        ref = f"{c.reference} ({c.reference_value})" if c.reference else "–"
        rows.append((ind.label, value, ci, n, trend, ref))
    columns = (
        _("Indicator"),
        _("Uitkomst"),
        _("95%-BI"),
        _("n"),
        _("Trend sinds vorige meting"),
        _("Vergeleken met referentie"),
    )
    notes = (
        ("* " + _("Minder betrouwbaar: de relatieve standaardfout is groot; lees met voorzichtigheid."),)
        if caution
        else ()
    ) + ((fixed_text("not_estimable_note", language),) if inestimable else ())
    return Table(
        columns, tuple(rows), caption, (False, True, True, True, False, False), notes, (34, 11, 13, 8, 18, 16)
    )


@dataclass(frozen=True)
class RunContext:
    """What every report of one run needs, read once."""

    run: AnalysisRun
    table: pl.DataFrame
    info: dict[str, present.IndicatorInfo]
    names: dict[str, dict[str, str]]
    language: str


def context(run: AnalysisRun, language: str = "nl") -> RunContext:
    with translation.override(language):
        return RunContext(
            run,
            public_table(queries.table(run)),
            present.indicators(present.instrument_of(run.wave), language),
            present.domain_names(run.wave.municipality),
            language,
        )


def _date(run: AnalysisRun) -> str | None:
    moment = run.published_at or run.finished_at
    return moment.date().isoformat() if moment is not None else None


def _author(run: AnalysisRun) -> str:
    return run.wave.municipality.name


def _response_total(run: AnalysisRun) -> tuple[int | None, float | None]:
    """Respondents kept and response rate of the whole municipality (the row without a school)."""
    response = storage.read_frame(run, "response")
    if response is None or response.is_empty() or "kept" not in response.columns:
        return None, None
    total = response.filter(pl.col("school_id").is_null() | (pl.col("school_id") == ""))
    if total.height:
        row = total.row(0, named=True)
        return int(row.get("kept") or 0), row.get("response_rate")
    return int(response["kept"].sum()), None


def _significant(frame: pl.DataFrame, column: str, flag: str) -> list[str]:
    return frame.filter((pl.col("domain_type") == "total") & (pl.col(column) == flag))["indicator"].to_list()


def _summary(ctx: RunContext) -> Section:
    total = ctx.table.filter(pl.col("domain_type") == "total")
    kept, rate = _response_total(ctx.run)
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


def _features(run: AnalysisRun) -> list[dict[str, Any]]:
    return [
        {"type": "Feature", "geometry": a.geometry, "properties": {"wijkcode": a.code, "wijknaam": a.name}}
        for a in Area.objects.filter(municipality=run.wave.municipality, level=AreaLevel.WIJK).order_by(
            "code"
        )
        if a.geometry
    ]


def _series(run: AnalysisRun, code: str) -> pl.DataFrame:
    """Published waves up to and including this run's wave (the run itself even if not yet published)."""
    frames = []
    for other in queries.runs_for(run.wave.municipality):
        if other.wave.window_start < run.wave.window_start:
            part = public_table(queries.table(other, domain_types=["total"], indicators=[code]))
            frames.append(part.with_columns(pl.lit(other.wave.name).alias("wave")))
    own = public_table(queries.table(run, domain_types=["total"], indicators=[code]))
    frames.append(own.with_columns(pl.lit(run.wave.name).alias("wave")))
    return (
        pl.concat([f for f in frames if f.height], how="vertical") if any(f.height for f in frames) else own
    )


def council_report(run: AnalysisRun, *, language: str = "nl", maps: bool = True) -> Report:
    """The appendix to the council letter: summary, every leefdomein with charts and trends, map, method."""
    ctx = context(run, language)
    with translation.override(language):
        sections = [_summary(ctx)]
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
                _indicator_table(part, info, language, _("%(domain)s: uitkomsten") % {"domain": domain_label})
            )
            for code in part.filter(pl.col("trend").is_in(["higher", "lower"]))["indicator"].to_list():
                chart = charts.indicator_trend_chart(_series(run, code), info[code], language=language)
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
            sections.append(_map_section(ctx))
        sections.append(_method_section(ctx))
        sections.append(_action_points_section(ctx))
        return Report(
            title=_("Resultaten %(wave)s") % {"wave": run.wave.name},
            subtitle=_("Bijlage bij de raadsinformatiebrief — %(municipality)s")
            % {"municipality": _author(run)},
            sections=tuple(sections),
            lang=language,
            author=_author(run),
            date=_date(run),
            keywords=("OKO", "IJslands preventiemodel", run.wave.code),
        )


def _map_section(ctx: RunContext) -> Section:
    features = _features(ctx.run)
    wijk = ctx.table.filter(pl.col("domain_type") == "wijk")
    if not features or wijk.is_empty():
        return Section(
            _("Kaart per wijk"), (Paragraph(_("Er zijn geen wijkgrenzen of wijkuitkomsten beschikbaar.")),)
        )
    counts = (
        wijk.filter(pl.col("vs_total").is_in(["higher", "lower"]))
        .group_by("indicator")
        .len()
        .sort("len", descending=True)
    )
    codes = [c for c in counts["indicator"].to_list() if c in ctx.info][:MAPS_IN_COUNCIL_REPORT]
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


def _method_section(ctx: RunContext) -> Section:
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
    blocks += _response_paragraphs(ctx)
    blocks += _cleaning_paragraphs(ctx)
    blocks += _weighting_paragraphs(ctx)
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


def margin_words(row: Mapping[str, Any], language: str) -> str | None:
    """The 95% interval of a published figure in words ("ligt waarschijnlijk tussen 10,1 % en 14,8 %")."""
    if row.get("suppressed") is not None or row.get("ci_low") is None or row.get("ci_high") is None:
        return None
    unit: Literal["percentage", "mean"] = "percentage" if row.get("unit") == "percentage" else "mean"
    low = format_value(float(row["ci_low"]), unit, 1, language)
    high = format_value(float(row["ci_high"]), unit, 1, language)
    if unit == "percentage":
        return _("het werkelijke percentage ligt waarschijnlijk tussen %(low)s en %(high)s") % {
            "low": low,
            "high": high,
        }
    return _("het werkelijke gemiddelde ligt waarschijnlijk tussen %(low)s en %(high)s") % {
        "low": low,
        "high": high,
    }


def _margin_paragraphs(ctx: RunContext) -> list[Any]:
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


def _response_paragraphs(ctx: RunContext) -> list[Any]:
    """Response in aggregates: pupils, schools taking part, the range of response rates (no school table)."""
    response = storage.read_frame(ctx.run, "response")
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


def _cleaning_paragraphs(ctx: RunContext) -> list[Any]:
    """Cleaning in one sentence: how many answers were set aside, and why (the rules in words)."""
    response = storage.read_frame(ctx.run, "response")
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


def _weighting_paragraphs(ctx: RunContext) -> list[Any]:
    """Weighting in words, with aggregate figures only (never the per-cell table: cells may hold 1 pupil)."""
    weights = storage.read_frame(ctx.run, "weights")
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


def linked_action_points(municipality: Any, codes: Iterable[str]) -> list[tuple[int, str, list[str]]]:
    """(number, title, indicator codes) of the cycle's action points linked to these indicators."""
    from kansrijk.cycle.models import ActionPointIndicator

    wanted = set(codes)
    points: dict[int, tuple[str, list[str]]] = {}
    for link in ActionPointIndicator.objects.filter(
        action_point__municipality=municipality, code__in=wanted
    ).select_related("action_point"):
        _title, linked = points.setdefault(link.action_point.number, (link.action_point.title, []))
        linked.append(link.code)
    return [(n, t, sorted(c)) for n, (t, c) in sorted(points.items())]


def _action_points_section(ctx: RunContext) -> Section:
    points = linked_action_points(ctx.run.wave.municipality, ctx.info)
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


# -- school report --------------------------------------------------------------------------------------


def school_report(
    run: AnalysisRun, school: School, *, language: str = "nl", ctx: RunContext | None = None
) -> Report:
    """The school vs the municipality; only this school's rows (school and school × grade) are read."""
    ctx = ctx or context(run, language)
    code = school.code
    with translation.override(language):
        own = ctx.table.filter(
            ((pl.col("domain_type") == "school") & (pl.col("domain") == code))
            | ((pl.col("domain_type") == "school_grade") & pl.col("domain").str.starts_with(code + "|"))
        )
        total = {
            r["indicator"]: r
            for r in ctx.table.filter(pl.col("domain_type") == "total").iter_rows(named=True)
        }
        school_rows = {
            r["indicator"]: r for r in own.filter(pl.col("domain_type") == "school").iter_rows(named=True)
        }
        grades = sorted(
            {d.split("|")[1] for d in own.filter(pl.col("domain_type") == "school_grade")["domain"].to_list()}
        )
        sections = [
            Section(
                _("Over dit rapport"),
                (
                    Paragraph(
                        _(
                            "Dit rapport is alleen bestemd voor %(school)s. "
                            "Het vergelijkt de leerlingen van de school "
                            "met alle leerlingen van %(municipality)s in meting %(wave)s."
                        )
                        % {"school": school.name, "municipality": _author(run), "wave": run.wave.name}
                    ),
                    Paragraph(
                        _(
                            "'Hoger' of 'lager' betekent: significant verschillend van de rest "
                            "van de gemeente. "
                            "Een streepje met voetnoot is een uitkomst die niet getoond wordt, "
                            "omdat die over te weinig "
                            "leerlingen gaat."
                        )
                    ),
                ),
            )
        ]
        for domain_code, domain_label in present.leefdomeinen(language):
            info = {c: i for c, i in ctx.info.items() if i.domain == domain_code and c in school_rows}
            if not info:
                continue
            rows = []
            for c, ind in info.items():
                s = school_rows[c]
                value, ci, _n = _row_cells(s, language)
                tv = present.cell(total[c], language) if c in total else None
                vs = present.cell(s, language).vs_total if s.get("suppressed") is None else "–"
                per_grade = []
                for g in grades:
                    gr = own.filter((pl.col("indicator") == c) & (pl.col("domain") == f"{code}|{g}"))
                    per_grade.append(_row_cells(gr.row(0, named=True), language)[0] if gr.height else "–")
                rows.append(
                    (ind.label, value, ci, *per_grade, tv.value if tv and tv.value else "–", vs or "–")
                )
            columns = (
                _("Indicator"),
                _("School"),
                _("95%-BI"),
                *(_("Leerjaar %(g)s") % {"g": g} for g in grades),
                _("Gemeente"),
                _("School vs gemeente"),
            )
            numeric = (False, True, True, *(True for _g in grades), True, False)
            sections.append(Section(domain_label, (Table(columns, tuple(rows), None, numeric),)))
        return Report(
            title=_("Schoolrapport %(school)s") % {"school": school.name},
            subtitle=_("%(wave)s — vertrouwelijk, alleen voor de school") % {"wave": run.wave.name},
            sections=tuple(sections),
            lang=language,
            author=_author(run),
            date=_date(run),
        )


def render_school_reports(
    run: AnalysisRun,
    out_dir: Path,
    *,
    schools: Sequence[School] | None = None,
    language: str = "nl",
    workers: int | None = None,
) -> list[Path]:
    """Every school's report as ``<school code>.pdf`` in ``out_dir``, rendered in parallel processes."""
    ctx = context(run, language)
    schools = list(
        schools if schools is not None else School.objects.filter(municipality=run.wave.municipality)
    )
    present_codes = set(ctx.table.filter(pl.col("domain_type") == "school")["domain"].to_list())
    schools = [s for s in schools if s.code in present_codes]
    reports = [school_report(run, s, language=language, ctx=ctx) for s in schools]
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / f"{s.code}.pdf" for s in schools]
    if workers == 1 or len(reports) < 2:
        pdfs: Iterable[bytes] = map(render_pdf, reports)
        for path, pdf in zip(paths, pdfs, strict=True):
            path.write_bytes(pdf)
        return paths
    import multiprocessing

    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        for path, pdf in zip(
            paths, pool.map(render_pdf, reports), strict=True
        ):  # library function: no Django in workers
            path.write_bytes(pdf)
    return paths


# -- fact sheets ---------------------------------------------------------------------------------------

#: A person in Vega's unit box (custom shapes are drawn in [-1, 1] and scaled by the mark's size).
PERSON = "M0,-0.98a0.27,0.27 0 1,0 0.01,0z M-0.38,-0.5h0.76l0.12,0.8h-0.24l-0.06,0.7h-0.4l-0.06,-0.7h-0.24z"


def share_words(share: float) -> str:
    """A share as people say it: "ongeveer 3 van de 10", never "ongeveer 0 van de 10" or "10 van de 10"."""
    k = math.floor(share * 10 + 0.5)
    if k == 0:
        if share >= 0.025:
            return _("ongeveer 1 op de 20")
        return _("minder dan 1 op de 20") if share > 0 else _("geen van de")
    if k == 10:
        return _("bijna alle") if share < 1 else _("alle")
    return _("ongeveer %(k)s van de 10") % {"k": k}


def pictogram(share: float, label: str, language: str) -> Chart:
    """Ten people, ``round(share × 10)`` of them coloured: "x of 10 pupils …" as a picture."""
    k = math.floor(share * 10 + 0.5)
    values = [{"i": i, "on": i < k} for i in range(10)]
    words = share_words(share)
    summary = f"{words[:1].upper()}{words[1:]}: {label}"
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": summary,
        "width": 420,
        "height": 60,
        "data": {"values": values},
        "mark": {"type": "point", "filled": True, "size": 900, "shape": PERSON},
        "encoding": {
            "x": {"field": "i", "type": "ordinal", "axis": None},
            "color": {
                "field": "on",
                "type": "nominal",
                "legend": None,
                "scale": {"domain": [True, False], "range": ["#0072B2", "#CCCCCC"]},
            },
        },
        "config": {"view": {"stroke": None}},
    }
    return Chart(spec, TextAlternative((_("Uitkomst"),), ((summary,),), summary))


def _plain_sentence(info: present.IndicatorInfo, row: Mapping[str, Any], audience: str) -> str | None:
    if row.get("suppressed") is not None or row.get("estimate") is None:
        return None
    if info.unit != "percentage":
        return None
    words = share_words(float(row["estimate"]))
    who = _("jongeren") if audience == "pupils" else _("kinderen")
    base = _("%(share)s %(who)s: %(label)s.") % {
        "share": words[:1].upper() + words[1:],
        "who": who,
        "label": info.label,
    }
    if row.get("trend") == "lower":
        base += " " + _("Dat is minder dan de vorige keer.")
    elif row.get("trend") == "higher":
        base += " " + _("Dat is meer dan de vorige keer.")
    return base


def factsheet(run: AnalysisRun, *, audience: str = "pupils", language: str = "nl") -> Report:
    """One page in plain language (B1): what we learned and what happens next, with pictograms."""
    ctx = context(run, language)
    with translation.override(language):
        total = {
            r["indicator"]: r
            for r in ctx.table.filter(pl.col("domain_type") == "total").iter_rows(named=True)
        }
        chosen = [c for c in HEADLINE_INDICATORS if c in total and c in ctx.info][:4]
        if len(chosen) < 4:
            chosen += [
                c for c in ctx.info if c in total and c not in chosen and ctx.info[c].unit == "percentage"
            ][: 4 - len(chosen)]
        learned: list[Any] = []
        for code in chosen:
            sentence = _plain_sentence(ctx.info[code], total[code], audience)
            if sentence is None:
                continue
            learned.append(
                Figure(pictogram(float(total[code]["estimate"]), ctx.info[code].label, language), sentence)
            )
        intro = (
            _(
                "In %(wave)s vulden jongeren van %(municipality)s op school een vragenlijst in. Dank je wel! "
                "Dit is wat we leerden."
            )
            if audience == "pupils"
            else _(
                "In %(wave)s vulden de leerlingen van de middelbare scholen in %(municipality)s "
                "een vragenlijst in. "
                "Dit is wat we leerden over hoe het met hen gaat."
            )
        ) % {"wave": run.wave.name, "municipality": _author(run)}
        points = linked_action_points(run.wave.municipality, chosen)
        next_lines = [_("De gemeente, scholen, ouders en jongeren gaan samen aan de slag.")]
        next_lines += [_("Actiepunt %(n)s: %(title)s.") % {"n": n, "title": t} for n, t, _c in points[:3]]
        next_lines.append(
            _("Wil je meepraten? Vraag je mentor of kijk op de website van de gemeente.")
            if audience == "pupils"
            else _(
                "Praat erover met uw kind. Wilt u meedenken? Neem contact op met de school of de gemeente."
            )
        )
        return Report(
            title=_("Wat we leerden") if audience == "pupils" else _("Hoe gaat het met onze jongeren?"),
            subtitle=_("%(wave)s — voor leerlingen") % {"wave": run.wave.name}
            if audience == "pupils"
            else _("%(wave)s — voor ouders") % {"wave": run.wave.name},
            sections=(
                Section(_("Wat we leerden"), (Paragraph(intro), *learned)),
                Section(_("Wat gebeurt er nu?"), tuple(Paragraph(line) for line in next_lines)),
            ),
            lang=language,
            author=_author(run),
        )


def suppressed_words(reason: str, language: str = "nl") -> str:
    return suppression_reason(reason, language)
