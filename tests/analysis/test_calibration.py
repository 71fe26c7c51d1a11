"""rake() / poststratify(): calibrated weights meet the population, collapsing, clear errors."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from kansrijk.analysis import CalibrationError, SurveyDesign, estimate, poststratify, rake
from kansrijk.analysis.resolve import resolve
from tests.analysis.golden_cases import SCHOOL, read


def test_raked_weights_meet_both_margins() -> None:
    school = read("school")
    design = rake(school, SCHOOL, {"sex": {"m": 610, "v": 590}, "grade": {1: 420, 2: 400, 3: 380}})
    w = resolve(school, design).weights
    sums = school.with_columns(pl.Series("cw", w))
    assert sums.filter(pl.col("sex") == "m")["cw"].sum() == pytest.approx(610, rel=1e-10)
    assert sums.filter(pl.col("grade") == 3)["cw"].sum() == pytest.approx(380, rel=1e-10)
    total = estimate(school, design, ["alc_30d"], by=["sex"], statistic="total")
    assert total["weighted_n"].sum() <= 1200 + 1e-6


def test_poststratify_collapses_empty_enrolment_cell_within_school() -> None:
    school, enrol = read("school"), read("enrolment")
    design = poststratify(school, SCHOOL, ["school_id", "grade"], enrol)
    w = resolve(school, design).weights
    s5 = school.with_columns(pl.Series("cw", w)).filter(pl.col("school_id") == "S5")
    assert s5["cw"].sum() == pytest.approx(enrol.filter(pl.col("school_id") == "S5")["N"].sum(), rel=1e-12)


def test_calibration_errors() -> None:
    school = read("school")
    with pytest.raises(CalibrationError, match="without a population count"):
        rake(school, SCHOOL, {"gender": {"m": 600, "v": 600}})
    with pytest.raises(CalibrationError, match="did not converge"):
        rake(school, SCHOOL, {"sex": {"m": 600, "v": 600}, "grade": {1: 10, 2: 10, 3: 10}}, max_iter=50)
    enrol = read("enrolment").filter(pl.col("school_id") != "S1")
    with pytest.raises(CalibrationError, match="no population count"):
        poststratify(school, SCHOOL, ["school_id", "grade"], enrol)
    design = rake(school, SCHOOL, {"sex": {"m": 610, "v": 590}})
    with pytest.raises(CalibrationError, match="already calibrated"):
        rake(school, design, {"sex": {"m": 610, "v": 590}})


def test_calibration_lowers_variance_of_a_correlated_total() -> None:
    school = read("school")
    plain = estimate(school, SCHOOL, ["alc_30d"], statistic="total")
    design = poststratify(school, SCHOOL, ["school_id", "grade"], read("enrolment"))
    calibrated = estimate(school, design, ["alc_30d"], statistic="total")
    assert np.isfinite(calibrated["se"][0]) and calibrated["se"][0] != plain["se"][0]
    assert SurveyDesign is not None
