"""enrolment_weights(): hand-worked weights, pooling across schools (not grades), non-participation, trimming.

Golden values from R for the same rule and its standard errors are in test_weights_golden.py.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from kansrijk.analysis import CalibrationError, SurveyDesign, poststratify
from kansrijk.analysis.resolve import resolve
from kansrijk.analysis.weights import WeightingRules, enrolment_weights

PUPILS = pl.DataFrame(
    {
        "school_id": ["A"] * 14 + ["B"] * 7,
        "grade": [1] * 12 + [2] * 2 + [1] * 7,
        "gender": ["m"] * 5 + ["v"] * 5 + ["x", None] + ["m", "v"] + ["m"] * 6 + ["v"],
    }
)
ENROL = pl.DataFrame(
    {
        "school_id": ["A", "A", "A", "A", "B", "B", "B", "B"],
        "grade": [1, 1, 2, 2, 1, 1, 3, 3],
        "gender": ["m", "v"] * 4,
        "N": [60, 40, 30, 30, 20, 25, 10, 0],
    }
)


def test_hand_worked_weights_pool_across_schools_not_grades() -> None:
    result = enrolment_weights(PUPILS, ENROL, min_cell_n=5)
    w = result.weights.to_numpy()
    # A grade 1: 12 respondents, 2 of them x/none at the rate 100/12; boys 0.6 · (100 − 200/12) = 50 over 5
    assert w[:5] == pytest.approx([10.0] * 5)
    assert w[10:12] == pytest.approx([100 / 12] * 2)
    # B grade 1 has 1 girl (< 5): pooled across schools within grade 1 × girls → A's 5 girls join her:
    # (0.4 · 250/3 + 25) / 6 for all six, B's boys keep their own cell 20 / 6
    girls = (0.4 * (100 - 200 / 12) + 25) / 6
    assert w[5:10] == pytest.approx([girls] * 5) and w[20] == pytest.approx(girls)
    assert w[14:20] == pytest.approx([20 / 6] * 6)
    # A grade 2 (1 boy, 1 girl) is short in every way: one grade-2 cell, 60 / 2 — never mixed with grade 1
    assert w[12:14] == pytest.approx([30.0, 30.0])
    levels = {(s, g): lv for s, g, lv in result.report.select("school_id", "grade", "level").rows()}
    assert levels == {("A", 1): "all", ("A", 2): "grade_type", ("B", 1): "all", ("B", 3): "not_taking_part"}


def test_weights_add_up_to_the_covered_enrolment() -> None:
    result = enrolment_weights(PUPILS, ENROL, min_cell_n=5)
    frame = PUPILS.with_columns(result.weights.alias("w"))
    per_grade = dict(frame.group_by("grade").agg(pl.sum("w")).rows())
    assert per_grade == pytest.approx({1: 145.0, 2: 60.0})
    # B grade 3 is enrolled but nobody of grade 3 took part anywhere: not represented, and said so
    assert result.coverage.uncovered == ((3, "onbekend"),)
    assert result.coverage.missing_school_grades == (("B", 3),)
    assert "Niet vertegenwoordigd" in result.coverage.sentence


def test_a_school_that_did_not_take_part_is_covered_by_its_grade_and_type() -> None:
    enrol = pl.concat([ENROL, pl.DataFrame({"school_id": ["C", "C"], "grade": [1, 1], "gender": ["m", "v"],
                                            "N": [30, 25]})])  # fmt: skip
    types = {"A": "havo", "B": "havo", "C": "havo"}
    base = enrolment_weights(PUPILS, ENROL, min_cell_n=5, school_types=types).weights.to_numpy()
    result = enrolment_weights(PUPILS, enrol, min_cell_n=5, school_types=types)
    w = result.weights.to_numpy()
    grade1 = PUPILS["grade"].to_numpy() == 1
    np.testing.assert_allclose(w[grade1], base[grade1] * (145 + 55) / 145, rtol=1e-12)
    np.testing.assert_allclose(w[~grade1], base[~grade1], rtol=1e-12)
    assert result.coverage.schools == 3 and result.coverage.schools_participating == 2
    assert result.coverage.sentence.startswith("1 van 3 scholen deed niet mee; van 1 school deed 1 leerjaar")
    assert "per leerjaar en schooltype" in result.coverage.sentence


def test_school_types_are_never_mixed() -> None:
    types = {"A": "havo", "B": "vmbo"}
    w = enrolment_weights(PUPILS, ENROL, min_cell_n=5, school_types=types).weights.to_numpy()
    # B's single girl cannot join A's girls (another type): grade 1 × vmbo becomes one cell, 45 / 7
    assert w[14:21] == pytest.approx([45 / 7] * 7)
    assert w[5:10] == pytest.approx([0.4 * (100 - 200 / 12) / 5] * 5)


def test_min_cell_n_is_a_rule_the_municipality_sets() -> None:
    w = enrolment_weights(PUPILS, ENROL, rules=WeightingRules(min_cell_n=1)).weights.to_numpy()
    assert w[5:10] == pytest.approx([0.4 * (100 - 200 / 12) / 5] * 5)  # A's girls keep their own cell
    assert w[20] == pytest.approx(25.0)


def test_trimming_caps_weights_and_keeps_grade_totals() -> None:
    result = enrolment_weights(PUPILS, ENROL, min_cell_n=1, trim=2.0)
    w = result.weights.to_numpy()
    frame = PUPILS.with_columns(pl.Series("w", w))
    untrimmed = enrolment_weights(PUPILS, ENROL, min_cell_n=1).weights.to_numpy()
    cap = 2.0 * float(np.median(untrimmed))
    grade1 = PUPILS["grade"].to_numpy() == 1
    assert untrimmed[grade1].max() > cap >= w[grade1].max() * (1 - 1e-9)  # B's girl (25) is capped
    # grade 2 has no cell below the cap to take an excess: left as it is, its total first
    np.testing.assert_allclose(w[~grade1], untrimmed[~grade1])
    per_grade = dict(frame.group_by("grade").agg(pl.sum("w")).rows())
    assert per_grade == pytest.approx({1: 145.0, 2: 60.0})


def test_the_weights_are_a_post_stratification_to_the_population() -> None:
    result = enrolment_weights(PUPILS, ENROL)
    w = result.weights.to_numpy()
    data = PUPILS.with_columns(result.cells)
    design = poststratify(data, SurveyDesign(), ["weight_cell"], result.population)
    np.testing.assert_allclose(resolve(data, design).weights, w, rtol=1e-12)
    np.testing.assert_allclose(resolve(result.data, result.design).weights, w, rtol=1e-12)
    assert result.data[result.weight_column].to_list() == pytest.approx(list(w))


def test_respondents_outside_enrolment_are_an_error() -> None:
    with pytest.raises(CalibrationError, match="no enrolment"):
        enrolment_weights(PUPILS, ENROL.filter(pl.col("school_id") == "A"))
