"""factor_table and logistic: levels, cut-points, reference levels and errors (hand-worked cases)."""

from __future__ import annotations

import math

import polars as pl
import pytest

from kansrijk.analysis import EstimationError, SurveyDesign, factor_table, logistic
from kansrijk.analysis.factors import cut_labels
from tests.analysis.test_logistic_golden import data, designs


def test_cut_points_give_left_closed_levels_in_order() -> None:
    assert cut_labels([2, 5]) == ["<2", "2–5", "≥5"]
    frame = data()
    table = factor_table(frame, designs(frame)["plain"], "drunk", "age", cuts=[13, 14.5], disclosure=None)
    assert table["level"].to_list() == ["<13", "13–14.5", "≥14.5"]
    counts = frame.filter(pl.col("drunk").is_not_null())
    assert table["n"].to_list() == [
        counts.filter(pl.col("age") < 13).height,
        counts.filter((pl.col("age") >= 13) & (pl.col("age") < 14.5)).height,
        counts.filter(pl.col("age") >= 14.5).height,
    ]
    assert table.filter(pl.col("is_reference"))["level"].to_list() == ["<13"]


def test_integer_levels_sort_numerically_and_reference_can_be_named() -> None:
    frame = data()
    design = designs(frame)["plain"]
    table = factor_table(frame, design, "drunk", "sport", disclosure=None)
    assert table["level"].to_list() == ["0", "1", "2", "10"]
    fit = logistic(frame, design, "drunk", ["sport", "age"], categorical=["sport"], reference={"sport": "10"})
    assert fit.coefficients["term"].to_list() == ["(Intercept)", "sport=0", "sport=1", "sport=2", "age"]
    assert fit.levels["sport"] == ("10", "0", "1", "2")


def test_a_two_by_two_table_gives_the_hand_worked_odds_ratio() -> None:
    # unweighted, every pupil its own unit: OR = (a·d)/(b·c) = (20·60)/(40·10) = 3
    rows = [("ja", 1)] * 20 + [("ja", 0)] * 40 + [("nee", 1)] * 10 + [("nee", 0)] * 60
    frame = pl.DataFrame({"factor": [r[0] for r in rows], "y": [r[1] for r in rows]})
    table = factor_table(frame, SurveyDesign(), "y", "factor", reference="nee", disclosure=None)
    ja = table.filter(pl.col("level") == "ja").row(0, named=True)
    assert ja["odds_ratio"] == pytest.approx(3.0, rel=1e-12)
    assert ja["estimate"] == pytest.approx(20 / 60)
    # with replacement, one unit per pupil: the sandwich SE of log OR is the robust √(n/(n−1)·Σ 1/cell)
    se = math.sqrt(130 / 129 * (1 / 20 + 1 / 40 + 1 / 10 + 1 / 60))
    fit = logistic(frame, SurveyDesign(), "y", ["factor"], reference={"factor": "nee"})
    assert fit.term("factor=ja")["se"] == pytest.approx(se, rel=1e-10)
    assert fit.df == 130 - 1 + 1 - 2


def test_errors_name_the_place_and_the_fix() -> None:
    frame = data()
    design = designs(frame)["plain"]
    with pytest.raises(EstimationError, match="0 and 1"):
        factor_table(frame, design, "age", "par_know")
    with pytest.raises(EstimationError, match="cut-points"):
        factor_table(frame, design, "drunk", "age")
    with pytest.raises(EstimationError, match="not a level"):
        factor_table(frame, design, "drunk", "par_know", reference="vaak")
    separated = frame.with_columns(
        pl.when(pl.col("par_know") == "nooit").then(1).otherwise(pl.col("drunk")).alias("d2")
    )
    separated = separated.with_columns(
        pl.when(pl.col("par_know") == "altijd").then(0).otherwise(pl.col("d2")).alias("d2")
    )
    with pytest.raises(EstimationError, match=r"separated|converge"):
        logistic(separated, design, "d2", ["par_know"])
    # factor_table turns a fit that cannot be made into a row without an odds ratio
    table = factor_table(separated, design, "d2", "par_know", disclosure=None)
    assert table["odds_ratio"].drop_nulls().to_list() in ([1.0], [])
