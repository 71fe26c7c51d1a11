"""Server-side SVG: choropleth classes and the trend chart's geometry."""

from __future__ import annotations

from kansrijk.cycle.indicators import SeriesPoint
from kansrijk.cycle.svgchart import trend_chart
from kansrijk.cycle.svgmap import bin_of, choropleth, equal_breaks


def square(x: float, y: float) -> dict:  # type: ignore[type-arg]
    return {
        "type": "Polygon",
        "coordinates": [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]],
    }


def test_equal_breaks_and_bins() -> None:
    breaks = equal_breaks([0, 3, 10])
    assert breaks == (2, 4, 6, 8)
    assert [bin_of(v, breaks) for v in (0, 2, 2.5, 8, 9, 10)] == [1, 1, 2, 4, 5, 5]
    assert equal_breaks([5, 5]) == () and bin_of(5, ()) == 3


def test_choropleth_draws_every_area_with_a_class() -> None:
    areas = [
        ("WK1", "Noord", square(6.0, 52.01)),
        ("WK2", "Zuid", square(6.0, 52.0)),
        ("WK4", "West", square(5.99, 52.0)),
        ("WK3", "Oost", None),
    ]
    svg = choropleth(areas, {"WK1": 10.0, "WK2": None, "WK4": 0.0})
    assert svg is not None
    assert [(a.code, a.css_class) for a in svg.areas] == [
        ("WK1", "kr-map-q5"),
        ("WK2", "kr-map-none"),
        ("WK4", "kr-map-q1"),
    ]
    # north is up: Noord's path lies above Zuid's
    y_noord = float(svg.areas[0].path.split()[0].split(",")[1])
    y_zuid = float(svg.areas[1].path.split()[0].split(",")[1])
    assert y_noord < y_zuid
    assert choropleth([("WK3", "Oost", None)], {}) is None


def test_trend_chart_skips_suppressed_points() -> None:
    chart = trend_chart(
        [
            SeriesPoint("2022", 20.0, 18.0, 22.0),
            SeriesPoint("2024", None, suppressed_reason="n<30"),
            SeriesPoint("2026", 10.0, 8.0, 12.0),
        ]
    )
    assert chart is not None and [p.label for p in chart.points] == ["2022", "2026"]
    assert chart.points[0].y < chart.points[1].y  # higher value is higher on the screen
    assert trend_chart([]) is None
