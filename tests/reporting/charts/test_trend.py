"""trend_chart: one indicator over the waves, its 95% band and the significant changes."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from kansrijk.reporting.charts import trend_chart
from kansrijk.reporting.errors import ReportingError
from tests.reporting.charts.specs import data_values as _data
from tests.reporting.frames import trend_table


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
