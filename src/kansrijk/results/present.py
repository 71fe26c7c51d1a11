"""Result rows made ready for people: names of indicators and domains, formatted figures, comparison words.

Formatting goes through :mod:`kansrijk.reporting.formatting`, so a figure reads the same on the dashboard, in
a chart and in a PDF. A suppressed row yields no number at all, only the neutral label "niet gepubliceerd"
(the reason is for analysts: ``reasons=True``); charts get public precision
(:func:`kansrijk.analysis.public.public_table`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kansrijk.accounts.constants import AreaLevel
from kansrijk.accounts.models import Area, Municipality, School
from kansrijk.analysis.public import NOT_PUBLISHED, public_table
from kansrijk.fieldwork.models import Wave
from kansrijk.fieldwork.questionnaire import instrument_for_version
from kansrijk.instrument import Instrument
from kansrijk.reporting.charts import domain_label
from kansrijk.reporting.formatting import format_ci, format_count, format_difference, format_value
from kansrijk.reporting.texts import suppression_reason, text
from kansrijk.vocabulary import DOMAINS

from .constants import COMPARISON_LABELS, GENDER_LABELS, OUTSIDE_LABEL, SCHOOL_TYPE_LABELS


def lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def instrument_of(wave: Wave) -> Instrument:
    return instrument_for_version(wave.instrument_id, wave.instrument.sha256)


@dataclass(frozen=True)
class IndicatorInfo:
    code: str
    label: str
    domain: str  # leefdomein code
    unit: str
    direction: str


def indicators(instrument: Instrument, language: str | None = None) -> dict[str, IndicatorInfo]:
    """The instrument's indicators in leefdomein order (then instrument order)."""
    language = language or lang()
    order = {t.code: i for i, t in enumerate(DOMAINS)}
    items = sorted(enumerate(instrument.indicators), key=lambda p: (order.get(p[1].domain, 99), p[0]))
    return {
        ind.code: IndicatorInfo(
            ind.code,
            str(ind.label.get(language) or ind.label.get("nl") or ind.code),
            ind.domain,
            str(ind.unit),
            str(ind.direction),
        )
        for _i, ind in items
    }


def leefdomeinen(language: str | None = None) -> list[tuple[str, str]]:
    language = language or lang()
    return [(t.code, domain_label(t.code, language)) for t in DOMAINS]


def domain_names(municipality: Municipality) -> dict[str, dict[str, str]]:
    """domain_type → domain value → name, for every domain type of the result table."""
    schools = {s.code: s.name for s in School.objects.filter(municipality=municipality)}
    wijken = {a.code: a.name for a in Area.objects.filter(municipality=municipality, level=AreaLevel.WIJK)}
    wijken["buiten"] = str(OUTSIDE_LABEL)
    genders = {k: str(v) for k, v in GENDER_LABELS.items()}
    grades = {str(g): _("leerjaar %(g)s") % {"g": g} for g in range(1, 7)}
    grade_gender = {f"{g}|{k}": f"{grades[str(g)]}, {v}" for g in range(1, 7) for k, v in genders.items()}
    school_grade = {f"{c}|{g}": f"{n}, {grades[str(g)]}" for c, n in schools.items() for g in range(1, 7)}
    return {
        "total": {"": municipality.name},
        "grade": grades,
        "gender": genders,
        "school_type": {k: str(v) for k, v in SCHOOL_TYPE_LABELS.items()},
        "school": schools,
        "wijk": wijken,
        "grade_gender": grade_gender,
        "school_grade": school_grade,
    }


def domain_name(names: Mapping[str, Mapping[str, str]], domain_type: str, domain: str) -> str:
    return names.get(domain_type, {}).get(domain, domain or "")


@dataclass(frozen=True)
class Cell:
    """One figure for a table: text, CI text, or the suppression reason instead of both."""

    value: str
    ci: str
    n: str
    suppressed: str | None  # reason in words
    caution: bool
    vs_total: str
    vs_flag: str | None
    trend: str
    trend_flag: str | None
    difference: str
    reference: str
    reference_flag: str | None
    reference_value: str
    margin: str = ""  # "marge niet te schatten" where the variance is not estimable: no CI, no test


def comparison_text(flag: Any) -> str:
    return str(COMPARISON_LABELS.get(str(flag), "")) if flag else ""


def cell(row: Mapping[str, Any], language: str | None = None, *, reasons: bool = False) -> Cell:
    language = language or lang()
    unit = "percentage" if row.get("unit") == "percentage" else "mean"
    n = format_count(row.get("n"), language)
    if row.get("suppressed") is not None:
        return Cell(
            "",
            "",
            n,
            suppression_reason(str(row["suppressed"]) if reasons else NOT_PUBLISHED, language),
            False,
            "",
            None,
            "",
            None,
            "",
            "",
            None,
            "",
        )
    inestimable = row.get("reliability") == "not_estimable"  # no SE: no interval and no test to show
    return Cell(
        value=format_value(row.get("estimate"), unit, 1, language),  # type: ignore[arg-type]
        ci="" if inestimable else format_ci(row.get("ci_low"), row.get("ci_high"), unit, 1, language),  # type: ignore[arg-type]
        n=n,
        suppressed=None,
        caution=row.get("reliability") == "caution",
        vs_total="" if inestimable else comparison_text(row.get("vs_total")),
        vs_flag=None if inestimable else row.get("vs_total"),
        trend=comparison_text(row.get("trend")),
        trend_flag=row.get("trend"),
        difference=format_difference(row.get("trend_difference"), unit, 1, language)  # type: ignore[arg-type]
        if row.get("trend_difference") is not None
        else "",
        reference=comparison_text(row.get("reference")),
        reference_flag=row.get("reference"),
        reference_value=format_value(row.get("reference_estimate"), unit, 1, language)  # type: ignore[arg-type]
        if row.get("reference_estimate") is not None
        else "",
        margin=text("not_estimable", language) if inestimable else "",
    )


def method_notes(meta: Mapping[str, Any], language: str | None = None) -> list[str]:
    """What to say next to the figures: the weighting coverage sentence, the reference's source and year."""
    language = language or lang()
    notes = []
    coverage = (meta.get("coverage") or {}).get("sentence")
    if coverage:
        notes.append(str(coverage))
    ref = meta.get("reference_info") or {}
    if ref.get("source"):
        key = "reference_basis" if ref.get("year") else "reference_basis_no_year"
        notes.append(text(key, language, source=ref["source"], year=ref.get("year")))
    return notes


def chart_frame(frame: pl.DataFrame, *, direction_from: str | None = None) -> pl.DataFrame:
    """A result table in the shape the chart builders of ``kansrijk.reporting`` read.

    ``indicator`` becomes ``variable``; ``direction_from`` (``vs_total``, ``trend`` or ``reference``) becomes
    ``direction``, the comparison the chart colours or marks — significance is the analysis's, never redrawn.
    """
    out = public_table(frame).rename({"indicator": "variable"})
    if direction_from is not None:
        out = out.with_columns(
            pl.col(direction_from).replace({"no_change": "no_difference"}).alias("direction")
        )
    return out
