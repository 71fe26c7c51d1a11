"""The dashboard's, map's and reports' charts: result rows → ``kansrijk.reporting.charts`` builders.

One function per chart, used by the JSON endpoints of the pages (vega-embed) and by the PDF reports
(vl-convert), so a chart on the page and in a report come from the same spec.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from kansrijk.reporting.charts import Chart, estimates_chart, map_chart, reference_chart, trend_chart

from .present import IndicatorInfo, chart_frame


def _labels(info: Mapping[str, IndicatorInfo]) -> dict[str, str]:
    return {code: i.label for code, i in info.items()}


def domain_chart(
    frame: pl.DataFrame,
    info: Mapping[str, IndicatorInfo],
    *,
    unit: str,
    title: str,
    names: Mapping[str, str] | None = None,
    language: str = "nl",
) -> Chart | None:
    """Bars with 95% CI for one leefdomein's indicators of one unit; per domain value if broken down."""
    part = frame.filter(pl.col("unit") == unit)
    if part.is_empty():
        return None
    order = {code: i for i, code in enumerate(info)}
    part = part.with_columns(pl.col("indicator").replace_strict(order, default=999).alias("_o")).sort(
        "_o", "domain"
    )
    broken_down = part["domain_type"].n_unique() > 1 or part["domain_type"][0] != "total"
    data = chart_frame(part).with_columns(
        pl.col("domain").replace_strict(dict(names or {}), default=pl.col("domain")).alias("group")
    )
    return estimates_chart(
        data.drop("_o"),
        by="group" if broken_down else None,
        labels=_labels(info),
        unit=unit,  # type: ignore[arg-type]
        lang=language,
        title=title,
    )


def indicator_trend_chart(series: pl.DataFrame, info: IndicatorInfo, *, language: str = "nl") -> Chart | None:
    """One indicator over all waves; a significant change against the previous wave marked (the ``trend``)."""
    if series.is_empty():
        return None
    waves = list(dict.fromkeys(series["wave"].to_list()))
    return trend_chart(
        chart_frame(series, direction_from="trend"),
        waves=waves,
        labels={info.code: info.label},
        unit=info.unit,  # type: ignore[arg-type]
        lang=language,
    )


def breakdown_chart(
    frame: pl.DataFrame,
    total: float | None,
    info: IndicatorInfo,
    names: Mapping[str, str],
    *,
    language: str = "nl",
    reference_label: str,
) -> Chart | None:
    """One indicator per domain value, coloured by the significant difference from the municipal total."""
    if frame.is_empty() or total is None:
        return None
    data = chart_frame(frame, direction_from="vs_total").with_columns(
        pl.col("domain").replace_strict(dict(names), default=pl.col("domain")).alias("group")
    )
    return reference_chart(
        data,
        total,
        by="group",
        reference_label=reference_label,
        labels={info.code: info.label},
        unit=info.unit,  # type: ignore[arg-type]
        lang=language,
    )


def wijk_map_chart(
    features: Sequence[Mapping[str, Any]],
    frame: pl.DataFrame,
    info: IndicatorInfo,
    *,
    colour_by: str = "category",
    language: str = "nl",
    title: str | None = None,
) -> Chart:
    """Choropleth per wijk: higher / no difference / lower than the municipality, or by value."""
    data = chart_frame(frame, direction_from="vs_total").rename({"domain": "wijk"})
    return map_chart(
        {"type": "FeatureCollection", "features": list(features)},
        data,
        colour_by="category" if colour_by == "category" else "value",
        labels={info.code: info.label},
        unit=info.unit,  # type: ignore[arg-type]
        lang=language,
        title=title,
    )
