"""reference_chart: one indicator per wijk against a reference value."""

from __future__ import annotations

from typing import Any

from kansrijk.reporting.charts import reference_chart
from tests.reporting.charts.specs import data_values as _data
from tests.reporting.frames import WIJKEN, wijk_table


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
