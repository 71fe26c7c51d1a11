from __future__ import annotations

import json
from typing import Any

import polars as pl
import pytest

from kansrijk.reporting.charts import (
    VEGA_LITE_SCHEMA,
    _ring_area,
    estimates_chart,
    map_chart,
    projection_for,
    reference_chart,
    trend_chart,
)
from kansrijk.reporting.errors import ReportingError
from tests.reporting.frames import (
    WIJKEN,
    indicator_table,
    result_row,
    trend_table,
    wijk_table,
    wijken_geojson,
)


def _data(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return spec["data"]["values"]


def test_estimates_spec_is_vega_lite_6_with_dutch_locale(instrument: Any) -> None:
    chart = estimates_chart(indicator_table(), instrument=instrument, title="Uitkomsten")
    spec = chart.spec
    assert spec["$schema"] == VEGA_LITE_SCHEMA and "/v6" in spec["$schema"]
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec["config"]["locale"]["number"]["thousands"] == "."
    assert spec["title"]["text"] == "Uitkomsten"
    json.dumps(spec)  # plain JSON


def test_suppressed_cell_is_a_labelled_gap_without_numbers(instrument: Any) -> None:
    chart = estimates_chart(indicator_table(), instrument=instrument)
    binge = next(r for r in _data(chart.spec) if r["label"].startswith("dronk 5 of meer"))
    assert binge["estimate"] is None and binge["ci_low"] is None and binge["ci_high"] is None
    assert binge["gap_text"] == "onderdrukt (minder dan 30 antwoorden)"
    # the table still held 23.45%: it appears nowhere in the spec or the text alternative
    dumped = json.dumps(chart.spec, ensure_ascii=False) + repr(chart.alt)
    assert "23,4" not in dumped and "0.2345" not in dumped and "27,0" not in dumped
    row = next(r for r in chart.alt.rows if r[1].startswith("dronk 5 of meer"))
    assert row[2] == "– (onderdrukt (minder dan 30 antwoorden))"


def test_estimates_text_alternative_and_grouping_by_domain(instrument: Any) -> None:
    chart = estimates_chart(indicator_table(), instrument=instrument)
    assert chart.alt.columns == ("Leefdomein", "Indicator", "Percentage (95%-BI)", "n")
    assert (
        "Middelengebruik",
        "dronk alcohol in de afgelopen 30 dagen",
        "12,3% (10,1–14,8)",
        "812",
    ) in chart.alt.rows
    assert chart.alt.rows[-1][0] == "Veiligheid"  # substance use before safety (vocabulary order)
    assert chart.spec["facet"]["row"]["field"] == "domain"
    summary = chart.alt.summary
    assert summary.startswith("4 uitkomsten; hoogste: dronk alcohol in de afgelopen 30 dagen met 12,3%")
    assert "laagste: was dronken in de afgelopen 30 dagen met 5,7%" in summary
    assert summary.endswith("1 uitkomst(en) onderdrukt.")
    assert "<caption>4 uitkomsten" in chart.alt.to_html()


def test_estimates_in_english_with_groups(instrument: Any) -> None:
    t = indicator_table()
    t2 = pl.concat([t.with_columns(gender=pl.lit("m")), t.with_columns(gender=pl.lit("v"))])
    chart = estimates_chart(
        t2, by="gender", level_labels={"m": "boys", "v": "girls"}, instrument=instrument, lang="en"
    )
    assert chart.spec["config"]["locale"]["number"]["decimal"] == "."
    assert (
        "Substance use",
        "drank alcohol in the last 30 days",
        "boys",
        "12.3% (10.1–14.8)",
        "812",
    ) in chart.alt.rows
    layer = chart.spec["spec"]["layer"]
    assert layer[0]["encoding"]["yOffset"]["field"] == "group"
    assert all("yOffset" in lyr["encoding"] for lyr in layer)  # error bars sit on their own bar


def test_mean_unit_axis_and_mixed_units_refused(instrument: Any) -> None:
    t = pl.DataFrame([result_row("life_sat_mean", 7.23, 7.1, 7.36, 900)])
    chart = estimates_chart(t, instrument=instrument)
    assert chart.alt.rows[0][-2] == "7,2 (7,1–7,4)"
    assert chart.alt.columns[-2] == "Gemiddelde (95%-BI)"
    mixed = pl.concat([t, indicator_table()], how="diagonal_relaxed")
    with pytest.raises(ReportingError, match="mixes units"):
        estimates_chart(mixed, instrument=instrument)


def test_missing_columns_are_reported() -> None:
    with pytest.raises(ReportingError, match="ci_low"):
        estimates_chart(pl.DataFrame({"variable": ["x"], "estimate": [0.1]}))


def test_trend_marks_significant_changes(instrument: Any) -> None:
    chart = trend_chart(trend_table(), instrument=instrument)
    rows = {r["wave"]: r for r in _data(chart.spec)}
    assert rows["2025"]["change"] == "significant lager"
    assert rows["2021"]["change"] is None  # not significant
    assert rows["2023"]["estimate"] is None and rows["2023"]["gap_text"] == "onderdrukt"
    shape = chart.spec["layer"][2]["encoding"]["shape"]
    assert shape["scale"]["domain"] == ["significant hoger", "significant lager"]
    assert shape["scale"]["range"] == ["triangle-up", "triangle-down"]
    assert chart.spec["layer"][0]["encoding"]["y2"]["field"] == "ci_high"  # the CI band
    assert chart.alt.summary == (
        "dronk alcohol in de afgelopen 30 dagen: van 31,2% in 2019 naar 24,8% in 2025. "
        "Significante veranderingen: significant lager in 2025."
    )
    assert chart.alt.rows[3] == ("2025", "24,8% (22,1–27,7)", "−4,8 procentpunt (significant lager)", "1.010")


def test_trend_needs_one_variable(instrument: Any) -> None:
    t = pl.concat([trend_table(), trend_table().with_columns(variable=pl.lit("drunk_30d"))])
    with pytest.raises(ReportingError, match="one variable"):
        trend_chart(t, instrument=instrument)


def test_trend_direction_column_also_works() -> None:
    t = (
        trend_table()
        .drop("significant", "difference")
        .with_columns(direction=pl.Series(["no difference", "higher", None, "lower"]))
    )
    rows = {r["wave"]: r for r in _data(trend_chart(t, unit="percentage", lang="en").spec)}
    assert rows["2021"]["change"] == "significantly higher"
    assert rows["2025"]["change"] == "significantly lower"


def test_reference_rule_and_categories(instrument: Any) -> None:
    chart = reference_chart(
        wijk_table(), 0.26, by="wijk", reference_label="Gemeente", level_labels=WIJKEN, instrument=instrument
    )
    ref = chart.spec["layer"][3]
    assert ref["data"]["values"] == [{"reference": 0.26, "text": "Gemeente: 26,0%"}]
    assert ref["layer"][0]["mark"]["type"] == "rule"
    cats = {r["label"]: r["category"] for r in _data(chart.spec)}
    assert cats == {"Centrum": "hoger", "Noord": "lager", "Oost": "geen verschil", "Zuid": None}
    assert (
        chart.alt.summary
        == "4 uitkomsten vergeleken met Gemeente (26,0%): 1 hoger, 1 lager, 1 geen verschil."
    )


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
    assert _ring_area(ring) < 0  # exterior clockwise, as d3-geo's spherical projections want
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
