"""map_chart: the choropleth of wijken, its categories, uncertainty, projection and winding."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from kansrijk.reporting.charts import map_chart, projection_for
from kansrijk.reporting.charts.maps import ring_area
from kansrijk.reporting.errors import ReportingError
from tests.reporting.charts.specs import data_values as _data
from tests.reporting.frames import wijk_table, wijken_geojson


def test_map_categories_suppressed_and_missing_areas(instrument: Any) -> None:
    chart = map_chart(wijken_geojson(), wijk_table(), instrument=instrument)
    props = {f["properties"]["wijkcode"]: f["properties"]["kansrijk"] for f in _data(chart.spec)}
    assert [props[c]["category"] for c in sorted(props)] == [
        "higher",
        "lower",
        "no_difference",
        "suppressed",
        "no_data",
    ]
    assert props["WK099904"]["category_label"] == "onderdrukt" and props["WK099904"]["estimate"] is None
    assert props["WK099901"]["estimate_text"] == "31,0%"
    assert chart.spec["projection"] == {"type": "mercator"}
    grey = chart.spec["layer"][1]["encoding"]["fill"]["scale"]
    assert grey["domain"][0] == "onderdrukt"
    colour = chart.spec["layer"][0]["encoding"]["color"]["scale"]
    assert colour["domain"] == ["hoger", "geen verschil", "lager"]
    assert len(set(colour["range"])) == 3
    assert chart.alt.summary == "Kaart van 5 wijken: 1 hoger, 1 lager, 1 geen verschil, 1 onderdrukt."
    assert chart.alt.rows[3] == ("Zuid", "– (onderdrukt: minder dan 30 antwoorden)", "onderdrukt", "14")
    tooltip_fields = [t["field"] for t in chart.spec["layer"][0]["encoding"]["tooltip"]]
    assert "properties.kansrijk.estimate_text" in tooltip_fields


def test_map_rewinds_for_d3_and_detects_rd() -> None:
    chart = map_chart(wijken_geojson(), wijk_table(), colour_by="value", unit="percentage")
    ring = _data(chart.spec)[0]["geometry"]["coordinates"][0]
    assert ring_area(ring) < 0  # exterior clockwise, as d3-geo's spherical projections want
    assert chart.spec["layer"][0]["encoding"]["color"]["type"] == "quantitative"
    assert chart.alt.summary.startswith(
        "Kaart van 5 wijken; hoogste: Centrum met 31,0%; laagste: Noord met 18,0%"
    )
    assert projection_for(wijken_geojson(rd=True)["features"]) == {"type": "identity", "reflectY": True}


def test_map_category_needs_comparison() -> None:
    with pytest.raises(ReportingError, match="compare"):
        map_chart(wijken_geojson(), wijk_table().drop("direction"), unit="percentage")
    with pytest.raises(ReportingError, match="FeatureCollection"):
        map_chart({"type": "Feature"}, wijk_table(), unit="percentage")


def test_a_value_map_shows_the_uncertainty_too() -> None:
    # WK099901: 31 % (27–35), ± 4 points: sure enough; a wide margin (± 11 points) is drawn pale, dotted
    table = wijk_table().with_columns(
        pl.when(pl.col("wijk") == "WK099902").then(0.07).otherwise(pl.col("ci_low")).alias("ci_low"),
        pl.when(pl.col("wijk") == "WK099902").then(0.29).otherwise(pl.col("ci_high")).alias("ci_high"),
    )
    chart = map_chart(wijken_geojson(), table, colour_by="value", unit="percentage")
    flags = {
        f["properties"]["wijkcode"]: f["properties"]["kansrijk"]["uncertain"]
        for f in chart.spec["data"]["values"]
    }
    assert flags["WK099902"] is True and flags["WK099901"] is False and flags["WK099904"] is False
    layer = chart.spec["layer"][0]["encoding"]
    assert layer["opacity"]["condition"]["value"] < 1 and layer["strokeDash"]["condition"]["value"] == [1, 2]
    assert "stippelrand" in chart.spec["title"]["subtitle"]
    assert "1 wijk(en) licht gekleurd" in chart.alt.summary
    # the category map (colour = significance) is left as it was
    plain = map_chart(wijken_geojson(), wijk_table(), unit="percentage")
    assert "opacity" not in plain.spec["layer"][0]["encoding"]


def test_value_title_names_the_legend_and_the_tooltips() -> None:
    # a count or a rate is no "Gemiddelde": the caller names the value once, both layers show that name
    chart = map_chart(
        wijken_geojson(), wijk_table(), colour_by="value", unit="mean", value_title="Sportaanbod (aantal)"
    )
    value, grey = chart.spec["layer"]
    assert value["encoding"]["color"]["title"] == "Sportaanbod (aantal)"
    for layer in (value, grey):
        titles = {t["field"]: t["title"] for t in layer["encoding"]["tooltip"]}
        assert titles["properties.kansrijk.estimate_text"] == "Sportaanbod (aantal)"
    default = map_chart(wijken_geojson(), wijk_table(), colour_by="value", unit="mean")
    assert default.spec["layer"][0]["encoding"]["color"]["title"] == "Gemiddelde"


def test_the_layer_of_grey_wijken_leaves_the_aria_tree_only_when_it_draws_nothing() -> None:
    # an empty mark group with a role but no label is an axe svg-img-alt error; a drawn one must stay
    with_gaps = map_chart(wijken_geojson(), wijk_table(), colour_by="value", unit="percentage")
    assert "aria" not in with_gaps.spec["layer"][1]["mark"]
    areas = wijken_geojson()
    areas["features"] = areas["features"][:3]  # Centrum, Noord, Oost: all three have a figure
    complete = map_chart(areas, wijk_table(), colour_by="value", unit="percentage")
    assert complete.spec["layer"][1]["mark"]["aria"] is False
    assert "aria" not in complete.spec["layer"][0]["mark"]
