"""Trends only between comparable waves (compare.trend_rule / add_trends / standardised), worked by hand."""

from __future__ import annotations

import math

import polars as pl
import pytest

from kansrijk.analysis.compare import TrendRule, add_trends, standardised, trend_rule

META = {"wave_id": "W1", "year": 2021, "cleaning": {"a": 1}, "grades": [2, 4], "area_version": "2021",
        "schools_participating": ["A", "B", "C", "D", "E"]}  # fmt: skip


def table(total: float, cells: dict[str, tuple[float, float]], wijk: float = 0.2) -> pl.DataFrame:
    rows = [("total", "", total, 0.01), ("wijk", "WK01", wijk, 0.02), ("gender", "v", total, 0.01)]
    rows += [("grade_gender", c, e, s) for c, (e, s) in cells.items()]
    return pl.DataFrame(
        [("alc", "percentage", t, d, e, s, "h1") for t, d, e, s in rows],
        schema=["indicator", "unit", "domain_type", "domain", "estimate", "se", "comparable_hash"],
        orient="row",
    )


CELLS = {"2|m": (0.10, 0.02), "2|v": (0.12, 0.02), "4|m": (0.30, 0.03), "4|v": (0.34, 0.03)}


def test_rules() -> None:
    assert trend_rule(META, META) == TrendRule(None, None, None)
    # as meta.json gives a stored wave back: tuples are lists
    assert (
        trend_rule({**META, "cleaning": {"a": (1, 2)}}, {**META, "cleaning": {"a": [1, 2]}}).blocked is None
    )
    # a key one wave did not record is not checked; the area version is: one known, one not is a change
    assert trend_rule(META, {"wave_id": "W0"}) == TrendRule(
        None, "andere wijkindeling dan de vorige meting", None
    )
    assert (
        trend_rule({**META, "cleaning": {"a": 2}}, META).blocked
        == "andere opschoonregels dan de vorige meting"
    )
    assert trend_rule({**META, "area_version": "2023"}, META).wijk_blocked is not None
    assert "leerjaren" in (trend_rule({**META, "grades": [2, 3, 4]}, META).standardise or "")
    fewer = {**META, "schools_participating": ["A", "B", "C"]}  # overlap 3/5 = 60 %
    assert "overlap 60%" in (trend_rule(fewer, META).standardise or "")


def test_same_waves_compare_directly() -> None:
    out = add_trends(table(0.25, CELLS), [(table(0.20, CELLS), META)], {**META, "wave_id": "W2"}, {})
    total = out.filter(pl.col("domain_type") == "total").row(0, named=True)
    assert total["trend_difference"] == pytest.approx(0.05)
    assert total["trend_se"] == pytest.approx(math.sqrt(2) * 0.01)
    assert total["trend_basis"] == "direct" and total["trend"] == "higher"


def test_other_grades_give_a_standardised_total_and_no_mixed_trends() -> None:
    now = table(0.40, {**CELLS, "4|v": (0.38, 0.03)})
    current = {**META, "wave_id": "W2", "grades": [2, 3, 4]}
    standard = {"2|m": 100.0, "2|v": 100.0, "4|m": 50.0, "4|v": 50.0}
    out = add_trends(now, [(table(0.20, CELLS), META)], current, standard)
    total = out.filter(pl.col("domain_type") == "total").row(0, named=True)
    expected = 50 * (0.38 - 0.34) / 300  # only the 4|v cell changed
    assert total["trend_difference"] == pytest.approx(expected, abs=1e-15)
    assert total["trend_basis"] == "gestandaardiseerd naar leerjaar × geslacht"
    gender = out.filter(pl.col("domain_type") == "gender").row(0, named=True)
    assert gender["trend"] is None and gender["trend_reason"] == "andere leerjaren dan de vorige meting"
    cell = out.filter(pl.col("domain") == "4|v").row(0, named=True)
    assert cell["trend_basis"] == "direct"  # a grade × gender cell is the same population in both waves


def test_standardised_se_by_hand() -> None:
    std = standardised(table(0.2, CELLS), {"2|m": 1.0, "4|m": 3.0}, ["2|m", "4|m"]).row(0, named=True)
    assert std["estimate"] == pytest.approx(0.25 * 0.10 + 0.75 * 0.30)
    assert std["se"] == pytest.approx(math.sqrt((0.25 * 0.02) ** 2 + (0.75 * 0.03) ** 2))


def test_other_cleaning_rules_give_no_trend_with_the_reason() -> None:
    out = add_trends(table(0.25, CELLS), [(table(0.20, CELLS), META)], {**META, "cleaning": {"a": 2}}, {})
    assert out["trend"].null_count() == out.height
    assert set(out["trend_reason"]) == {"andere opschoonregels dan de vorige meting"}


def test_new_wijk_boundaries_block_only_wijk_trends() -> None:
    out = add_trends(table(0.25, CELLS), [(table(0.20, CELLS), META)], {**META, "area_version": "2023"}, {})
    wijk = out.filter(pl.col("domain_type") == "wijk").row(0, named=True)
    assert wijk["trend"] is None and wijk["trend_reason"] == "andere wijkindeling dan de vorige meting"
    assert out.filter(pl.col("domain_type") == "total")["trend"].to_list() == ["higher"]
