"""The policy cycle's charts, built with the same specs as the results pages (:mod:`.charts`).

The cycle holds its figures as plain values in percent points (``21.4`` for 21,4%), one series per
indicator and one value per wijk; these two functions turn them into the tables :func:`.charts.trend_chart`
and :func:`.charts.map_chart` read (proportions as fractions), so an action point's trend has axes and its
95% band, and the risk map projects WGS84 and RD New (EPSG:28992) boundaries alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from .charts import Chart, map_chart, trend_chart
from .formatting import Unit
from .texts import NOT_PUBLISHED

__all__ = ["AreaValue", "TrendPoint", "area_map", "series_trend"]


@dataclass(frozen=True)
class TrendPoint:
    """One wave of an indicator: estimate and 95% interval in percent points (or the mean's own unit)."""

    wave: str
    estimate: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    published: bool = True
    trend: str | None = None  # higher | lower | no_change: against the previous wave


@dataclass(frozen=True)
class AreaValue:
    value: float | None
    ci_low: float | None = None
    ci_high: float | None = None


def _scale(value: float | None, unit: Unit) -> float | None:
    if value is None:
        return None
    return float(value) / 100 if unit == "percentage" else float(value)


_DIRECTION = {"higher": "higher", "lower": "lower", "no_change": "no difference"}


def series_trend(
    points: Sequence[TrendPoint],
    *,
    code: str,
    label: str,
    unit: Unit,
    lang: str = "nl",
    title: str | None = None,
) -> Chart | None:
    """The trend of one indicator over its waves, or None when no wave has a published figure."""
    if not any(p.published and p.estimate is not None for p in points):
        return None
    rows = [
        {
            "variable": code,
            "wave": p.wave,
            "estimate": _scale(p.estimate, unit) if p.published else None,
            "ci_low": _scale(p.ci_low, unit) if p.published else None,
            "ci_high": _scale(p.ci_high, unit) if p.published else None,
            "suppressed": None if p.published else NOT_PUBLISHED,
            "direction": _DIRECTION.get(p.trend or "") if p.published else None,
        }
        for p in points
    ]
    frame = pl.DataFrame(
        rows,
        schema={
            "variable": pl.String,
            "wave": pl.String,
            "estimate": pl.Float64,
            "ci_low": pl.Float64,
            "ci_high": pl.Float64,
            "suppressed": pl.String,
            "direction": pl.String,
        },
    )
    waves = list(dict.fromkeys(p.wave for p in points))
    return trend_chart(frame, waves=waves, labels={code: label}, unit=unit, lang=lang, title=title)


def area_map(
    areas: Sequence[tuple[str, str, Mapping[str, Any] | None]],
    values: Mapping[str, AreaValue | None],
    *,
    label: str,
    unit: Unit,
    lang: str = "nl",
    title: str | None = None,
    value_title: str | None = None,
) -> Chart | None:
    """A choropleth of ``areas`` (code, name, GeoJSON geometry in WGS84 or RD New) coloured by value.

    None when no area has a geometry. Areas without a value are white ("geen gegevens"). ``value_title``
    names the legend and the tooltip's value (a count or a rate is no "Gemiddelde"); default: the unit.
    """
    features: list[dict[str, Any]] = [
        {"type": "Feature", "geometry": dict(geometry), "properties": {"wijkcode": code, "wijknaam": name}}
        for code, name, geometry in areas
        if isinstance(geometry, Mapping) and geometry.get("coordinates")
    ]
    if not features:
        return None
    rows = [
        {
            "variable": "measure",
            "wijk": code,
            "estimate": _scale(v.value, unit),
            "ci_low": _scale(v.ci_low, unit),
            "ci_high": _scale(v.ci_high, unit),
        }
        for code, v in values.items()
        if v is not None and v.value is not None
    ]
    frame = pl.DataFrame(
        rows,
        schema={
            "variable": pl.String,
            "wijk": pl.String,
            "estimate": pl.Float64,
            "ci_low": pl.Float64,
            "ci_high": pl.Float64,
        },
    )
    if frame.is_empty():  # map_chart needs one variable: an all-empty map still names it
        frame = pl.DataFrame(
            [{"variable": "measure", "wijk": "", "estimate": None, "ci_low": None, "ci_high": None}],
            schema=frame.schema,
        )
    return map_chart(
        {"type": "FeatureCollection", "features": features},
        frame,
        colour_by="value",
        labels={"measure": label},
        unit=unit,
        lang=lang,
        title=title or label,
        value_title=value_title,
    )
