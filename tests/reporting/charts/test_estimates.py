"""estimates_chart: bars with their 95% CI per indicator, suppressed cells as labelled gaps."""

from __future__ import annotations

import json
from typing import Any

import polars as pl
import pytest

from kansrijk.reporting.charts import VEGA_LITE_SCHEMA, estimates_chart
from kansrijk.reporting.errors import ReportingError
from tests.reporting.charts.specs import data_values as _data
from tests.reporting.frames import indicator_table, result_row


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
