"""The cycle's charts: the reporting library's specs, drawn to SVG by Vega (vl-convert) and measured.

A map of RD New (EPSG:28992) metres and one of WGS84 degrees must both keep the shape of the wijk: the
test draws a wijk twice as tall as it is wide and measures the drawn path.
"""

from __future__ import annotations

import re

import pytest

from kansrijk.reporting.cycle_charts import AreaValue, TrendPoint, area_map, series_trend
from kansrijk.reporting.render import to_svg


def rectangle(x: float, y: float, w: float, h: float) -> dict:  # type: ignore[type-arg]
    """A GeoJSON polygon, exterior ring counter-clockwise as RFC 7946 asks."""
    return {"type": "Polygon", "coordinates": [[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]]}


def path_boxes(svg: str) -> list[tuple[float, float, float, float]]:
    """Bounding boxes (x0, y0, x1, y1) of the drawn geoshapes (``path`` marks of the map's layers)."""
    boxes = []
    for d in re.findall(r'<path[^>]*aria-roledescription="geoshape"[^>]*\sd="(M[^"]+)"', svg):
        numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", d)]
        xs, ys = numbers[0::2], numbers[1::2]
        if xs and ys:
            boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return boxes


@pytest.mark.parametrize(
    ("projection", "north", "south"),
    [
        # RD New metres around Utrecht: 1 km wide, 2 km tall, and a wijk south of it
        ("identity", rectangle(136_000, 456_000, 1_000, 2_000), rectangle(136_000, 454_000, 1_000, 1_000)),
        # WGS84 degrees at 52°N: 0.01° lon ≈ 0.69 km, so 0.0125° lat ≈ 1.39 km is twice as tall as wide
        ("mercator", rectangle(5.12, 52.0925, 0.01, 0.0125), rectangle(5.12, 52.08625, 0.01, 0.00625)),
    ],
)
def test_map_keeps_the_shape_of_wijken_in_rd_new_and_wgs84(projection: str, north: dict, south: dict) -> None:  # type: ignore[type-arg]
    chart = area_map(
        [("WK01", "Noord", north), ("WK02", "Zuid", south)],
        {"WK01": AreaValue(12.5), "WK02": AreaValue(20.0)},
        label="Kinderen in armoede",
        unit="percentage",
    )
    assert chart is not None
    assert chart.spec["projection"]["type"] == projection
    svg = to_svg(chart)
    boxes = path_boxes(svg)
    assert len(boxes) == 2, boxes
    tall = max(boxes, key=lambda b: (b[3] - b[1]) / max(b[2] - b[0], 1e-9))
    ratio = (tall[3] - tall[1]) / (tall[2] - tall[0])
    assert ratio == pytest.approx(2.0, rel=0.03)
    width, height = chart.spec["width"], chart.spec["height"]
    for x0, y0, x1, y1 in boxes:  # fitted into the view, not a 9·10¹⁴ tall strip
        assert -1 <= x0 < x1 <= width + 1 and -1 <= y0 < y1 <= height + 1
    north_box, south_box = sorted(boxes, key=lambda b: b[1])  # screen y runs down: north on top
    assert north_box == tall and south_box[1] >= north_box[3] - 1
    assert "12,5%" in chart.alt.rows[0][1] or "12,5%" in chart.alt.rows[1][1]


def test_map_without_geometry_is_none_and_counts_have_their_own_title() -> None:
    assert area_map([("WK01", "Noord", None)], {"WK01": AreaValue(3)}, label="Aanbod", unit="mean") is None
    chart = area_map(
        [("WK01", "Noord", rectangle(136_000, 456_000, 1_000, 1_000))],
        {"WK01": AreaValue(3.0), "WK02": None},
        label="Sportaanbod (aantal)",
        unit="mean",
        value_title="Sportaanbod (aantal)",
    )
    assert chart is not None
    value_layer = chart.spec["layer"][0]["encoding"]
    assert value_layer["color"]["title"] == "Sportaanbod (aantal)"
    assert "Gemiddelde" not in str(value_layer)


def test_trend_has_axes_a_band_and_the_significant_change() -> None:
    chart = series_trend(
        [
            TrendPoint("2022", 26.0, 23.5, 28.7),
            TrendPoint("2024", None, published=False),
            TrendPoint("2026", 21.4, 19.0, 23.9, trend="lower"),
        ],
        code="alc_30d",
        label="dronk alcohol in de afgelopen 30 dagen",
        unit="percentage",
    )
    assert chart is not None
    band, _line, _marks, _gaps = chart.spec["layer"]
    assert band["mark"]["type"] == "area" and band["encoding"]["y2"] == {"field": "ci_high"}
    values = chart.spec["data"]["values"]
    assert [(v["wave"], v["estimate"], v["ci_low"], v["ci_high"]) for v in values] == [
        ("2022", 0.26, 0.235, 0.287),
        ("2024", None, None, None),
        ("2026", 0.214, 0.19, 0.239),
    ]
    assert values[2]["change"] == "significant lager" and values[0]["change"] is None
    svg = to_svg(chart)
    assert "role-axis" in svg and "Percentage" in svg and "Meting" in svg  # both axes with titles
    assert "20%" in svg and "2026" in svg
    assert ("niet gepubliceerd" in str(chart.alt.rows)) or values[1]["gap_text"] is not None
    assert series_trend([TrendPoint("2024", None, published=False)], code="x", label="x", unit="mean") is None
