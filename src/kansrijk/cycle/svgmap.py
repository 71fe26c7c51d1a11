"""A choropleth as inline SVG, drawn on the server from GeoJSON: no JavaScript, nothing the CSP must allow,
and every area carries a ``<title>`` so a screen reader (and a mouse hover) reads name and value. The page
shows the same figures as a table as well.

Projection: equirectangular with the longitude scaled by cos(mean latitude) — at the size of one
municipality indistinguishable from a proper projection. Colours are classes (``kr-map-q1`` … ``q5``,
``kr-map-none``) styled in ``cycle.css``; classes have equal width between the lowest and highest shown value
(with ten wijken, quantile classes would put one or two wijken in each class whatever the spread).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

BINS = 5


@dataclass(frozen=True)
class MapArea:
    code: str
    name: str
    path: str
    css_class: str
    value: float | None


@dataclass(frozen=True)
class SvgMap:
    width: int
    height: int
    areas: tuple[MapArea, ...]
    breaks: tuple[float, ...]  # upper bounds of bins 1..BINS-1

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def _rings(geometry: Mapping[str, Any]) -> list[Sequence[Sequence[float]]]:
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        return list(coords)
    if kind == "MultiPolygon":
        return [ring for polygon in coords for ring in polygon]
    if kind == "Feature":
        return _rings(geometry.get("geometry") or {})
    return []


def equal_breaks(values: Iterable[float], bins: int = BINS) -> tuple[float, ...]:
    """Upper bounds of classes 1..bins-1 of equal width; empty when all values are equal (one class)."""
    data = list(values)
    if not data or min(data) == max(data):
        return ()
    low, high = min(data), max(data)
    return tuple(low + (high - low) * k / bins for k in range(1, bins))


def bin_of(value: float, breaks: Sequence[float]) -> int:
    """Class 1..BINS of ``value``; with no breaks (one distinct value) the middle class."""
    if not breaks:
        return (BINS + 1) // 2
    for i, upper in enumerate(breaks):
        if value <= upper:
            return i + 1
    return len(breaks) + 1


def choropleth(
    areas: Iterable[tuple[str, str, Mapping[str, Any] | None]],
    values: Mapping[str, float | None],
    width: int = 480,
) -> SvgMap | None:
    """``areas`` as (code, name, GeoJSON geometry); None when no area has a geometry to draw."""
    shapes = [(code, name, _rings(geom)) for code, name, geom in areas if geom]
    shapes = [s for s in shapes if s[2]]
    if not shapes:
        return None
    points = [pt for _, _, rings in shapes for ring in rings for pt in ring]
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    scale_x = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * scale_x, 1e-9)
    span_y = max(max(lats) - min(lats), 1e-9)
    pad = 4
    factor = (width - 2 * pad) / span_x
    height = round(span_y * factor) + 2 * pad

    def xy(pt: Sequence[float]) -> str:
        x = pad + (pt[0] - min(lons)) * scale_x * factor
        y = pad + (max(lats) - pt[1]) * factor
        return f"{x:.1f},{y:.1f}"

    shown = [v for v in values.values() if v is not None]
    breaks = equal_breaks(shown)
    out = []
    for code, name, rings in shapes:
        d = " ".join("M" + " L".join(xy(pt) for pt in ring) + " Z" for ring in rings)
        value = values.get(code)
        css = "kr-map-none" if value is None else f"kr-map-q{bin_of(value, breaks)}"
        out.append(MapArea(code, name, d, css, value))
    return SvgMap(width, height, tuple(out), breaks)
