"""compare(): independent-samples differences, unknown reference SE, comparability."""

from __future__ import annotations

import math

import polars as pl
import pytest
from scipy import stats

from kansrijk.analysis import ComparisonError, compare


def table(est: list[float], se: list[float] | None, statistic: str = "proportion") -> pl.DataFrame:
    frame = pl.DataFrame(
        {"variable": ["alc"] * 2, "statistic": [statistic] * 2, "grade": [2, 4], "level": [None, None],
         "estimate": est},
        schema_overrides={"level": pl.String},
    )  # fmt: skip
    return frame.with_columns(pl.Series("se", se)) if se is not None else frame


def test_difference_se_and_p_value_by_hand() -> None:
    out = compare(table([0.30, 0.50], [0.03, 0.04]), table([0.25, 0.50], [0.04, 0.03])).sort("grade")
    row = out.row(0, named=True)
    assert row["difference"] == pytest.approx(0.05)
    assert row["se"] == pytest.approx(0.05)  # √(0.03² + 0.04²)
    assert row["p_value"] == pytest.approx(2 * stats.norm.sf(1.0), rel=1e-12)
    assert row["significant"] is False and row["direction"] == "no difference"
    assert out.row(1, named=True)["p_value"] == pytest.approx(1.0)


def test_unknown_reference_se_is_zero_and_said() -> None:
    out = compare(table([0.30, 0.60], [0.01, 0.01]), table([0.25, 0.50], None)).sort("grade")
    assert out["reference_se"].to_list() == ["unknown (taken as 0)"] * 2
    assert out["se"].to_list() == pytest.approx([0.01, 0.01])
    assert out["direction"].to_list() == ["higher", "higher"]
    assert out.row(1, named=True)["p_value"] == pytest.approx(2 * stats.norm.sf(10.0), rel=1e-9)
    assert math.isclose(out.row(0, named=True)["ci_low"], 0.05 - 1.959963984540054 * 0.01, rel_tol=1e-12)


def test_refuses_different_statistics() -> None:
    with pytest.raises(ComparisonError, match="same indicator"):
        compare(table([0.3, 0.5], [0.1, 0.1]), table([3.0, 5.0], [0.1, 0.1], statistic="mean"))
