"""A small trend chart (estimate per wave with its 95% interval) as inline SVG, drawn on the server.

No JavaScript and nothing the CSP must allow; the page prints the same numbers in a table next to it, so
the chart is decoration for sighted readers and the table is the accessible source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .indicators import SeriesPoint


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    y_low: float
    y_high: float
    label: str
    value: float


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    points: tuple[ChartPoint, ...]
    line: str
    y_min: float
    y_max: float

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def trend_chart(series: Sequence[SeriesPoint], width: int = 320, height: int = 140) -> TrendChart | None:
    shown = [p for p in series if p.estimate is not None and p.suppressed_reason is None]
    if not shown:
        return None
    lows = [p.ci_low if p.ci_low is not None else p.estimate for p in shown]
    highs = [p.ci_high if p.ci_high is not None else p.estimate for p in shown]
    y_min = min(0.0, min(v for v in lows if v is not None))
    y_max = max(v for v in highs if v is not None) or 1.0
    pad_x, pad_y = 30.0, 16.0

    def sy(v: float) -> float:
        return height - pad_y - (v - y_min) / (y_max - y_min or 1.0) * (height - 2 * pad_y)

    step = (width - 2 * pad_x) / max(len(shown) - 1, 1)
    points = []
    for i, (p, lo, hi) in enumerate(zip(shown, lows, highs, strict=True)):
        assert p.estimate is not None and lo is not None and hi is not None
        x = pad_x + i * step if len(shown) > 1 else width / 2
        points.append(
            ChartPoint(
                round(x, 1), round(sy(p.estimate), 1), round(sy(lo), 1), round(sy(hi), 1), p.wave, p.estimate
            )
        )
    line = " ".join(f"{pt.x},{pt.y}" for pt in points)
    return TrendChart(width, height, tuple(points), line, y_min, y_max)
