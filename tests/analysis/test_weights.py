"""enrolment_weights(): totals, gender ratio, x/null pupils, collapsing, equivalence with poststratify()."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from kansrijk.analysis import CalibrationError, SurveyDesign, poststratify
from kansrijk.analysis.resolve import resolve
from kansrijk.analysis.weights import enrolment_weights

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


def test_hand_worked_weights_with_collapsed_school() -> None:
    result = enrolment_weights(PUPILS, ENROL, min_cell_n=5)
    w = result.weights.to_numpy()
    # A grade 2 has 2 respondents (< 5) → school A is one cell: (100 + 60) / 14 for all of A's pupils
    assert w[:14] == pytest.approx([160 / 14] * 14)
    # with min_cell_n = 2, A grade 1 keeps gender cells; A grade 2 (1 m, 1 v) too
    w2 = enrolment_weights(PUPILS, ENROL, min_cell_n=1).weights.to_numpy()
    assert w2[0] == pytest.approx(0.6 * (100 - 200 / 12) / 5)
    assert w2[5] == pytest.approx(0.4 * (100 - 200 / 12) / 5)
    assert w2[10] == pytest.approx(100 / 12)
    assert w2[12] == pytest.approx(30.0)


def test_weights_add_up_to_enrolment_and_report_collapses() -> None:
    result = enrolment_weights(PUPILS, ENROL, min_cell_n=5)
    frame = PUPILS.with_columns(result.weights.alias("w"))
    assert frame["w"].sum() == pytest.approx(ENROL["N"].sum())
    levels = dict(
        zip(
            result.report["school_id"] + result.report["grade"].cast(str), result.report["level"], strict=True
        )
    )
    assert levels["A1"] == "school" and levels["A2"] == "school"  # A2 has 2 respondents: school A collapses
    assert levels["B1"] == "school"  # B3 enrolled, nobody answered → B collapses across grade
    assert frame.filter(pl.col("school_id") == "B")["w"].to_list() == pytest.approx([55 / 7] * 7)


def test_gender_cells_when_not_sparse() -> None:
    result = enrolment_weights(PUPILS.filter(pl.col("school_id") == "A", pl.col("grade") == 1),
                               ENROL.filter(pl.col("school_id") == "A", pl.col("grade") == 1))  # fmt: skip
    w = result.weights.to_numpy()
    assert w[:5] == pytest.approx([0.6 * (100 - 200 / 12) / 5] * 5)
    assert w[10:] == pytest.approx([100 / 12] * 2)
    assert result.report["level"].to_list() == ["gender"]
    # the weights *are* a post-stratification to result.population
    data = PUPILS.filter(pl.col("school_id") == "A", pl.col("grade") == 1).with_columns(result.cells)
    design = poststratify(data, SurveyDesign(), ["weight_cell"], result.population)
    np.testing.assert_allclose(resolve(data, design).weights, w, rtol=1e-12)
    np.testing.assert_allclose(resolve(result.data, result.design).weights, w, rtol=1e-12)
    assert result.data[result.weight_column].to_list() == pytest.approx(list(w))


def test_respondents_outside_enrolment_are_an_error() -> None:
    with pytest.raises(CalibrationError, match="no enrolment"):
        enrolment_weights(PUPILS, ENROL.filter(pl.col("school_id") == "A"))
