"""Layout pieces more than one document uses: the indicator table, a figure's cells, margins in words.

Nothing here reads the database (that is :mod:`.data`); these functions turn rows of the public result table
into text and :mod:`kansrijk.reporting.documents` blocks. A suppressed row yields the neutral "niet
gepubliceerd", never a number or its reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import polars as pl
from django.utils.translation import gettext as _

from kansrijk.analysis.public import NOT_PUBLISHED
from kansrijk.reporting.documents import Suppressed, Table
from kansrijk.reporting.formatting import format_count, format_value
from kansrijk.reporting.texts import suppression_reason
from kansrijk.reporting.texts import text as fixed_text

from .. import present
from ..models import AnalysisRun

#: The indicators a fact sheet shows first and the method annex takes its example margin from.
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


def row_cells(row: Mapping[str, Any], language: str) -> tuple[Any, Any, str]:
    """(figure, 95% CI or margin, n) of one row; a suppressed row shows no number, only its neutral label."""
    if row.get("suppressed") is not None:
        reason = Suppressed(NOT_PUBLISHED)
        return reason, reason, format_count(row.get("n"), language)
    c = present.cell(row, language)
    return c.value + (" *" if c.caution else ""), c.margin or c.ci, c.n


def indicator_table(
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
        value, ci, n = row_cells(row, language)
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


def issue_date(run: AnalysisRun) -> str | None:
    """The document's date: when the run was published (or, for analysts, finished)."""
    moment = run.published_at or run.finished_at
    return moment.date().isoformat() if moment is not None else None


def author(run: AnalysisRun) -> str:
    """The document's author: the municipality whose survey it is."""
    return run.wave.municipality.name


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


def suppressed_words(reason: str, language: str = "nl") -> str:
    """A suppression reason in words (for analysts; public documents show only "niet gepubliceerd")."""
    return suppression_reason(reason, language)
