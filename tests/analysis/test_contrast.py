"""Domain versus rest against R's survey package (golden/contrast.R → golden/contrast.csv)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from kansrijk.analysis import SurveyDesign
from kansrijk.analysis.contrast import domain_vs_rest

GOLDEN = Path(__file__).parent / "golden"


def school() -> pl.DataFrame:
    return pl.read_csv(GOLDEN / "school.csv", infer_schema_length=None).with_columns(
        pl.col("grade").cast(pl.String),
        pl.col("alc_30d").cast(pl.Float64),
        pl.col("life_sat").cast(pl.Float64),
    )


def test_domain_vs_rest_matches_r_svyglm_contrast() -> None:
    data = school()
    design = SurveyDesign(psu="class_id", strata="school_id", weights="weight")
    result = domain_vs_rest(data, design, ["alc_30d", "life_sat"], "grade", ["1", "2", "3"])
    golden = pl.read_csv(GOLDEN / "contrast.csv", schema_overrides={"difference": pl.String, "se": pl.String})
    assert result.height == golden.height == 6
    for row in golden.iter_rows(named=True):
        got = result.filter(pl.col("variable") == row["variable"], pl.col("domain") == str(row["grade"])).row(
            0, named=True
        )
        assert got["difference"] == pytest.approx(float(row["difference"]), rel=1e-9, abs=1e-15)
        assert got["se"] == pytest.approx(float(row["se"]), rel=1e-9)


def test_direction_follows_the_test() -> None:
    data = school()
    design = SurveyDesign(psu="class_id", strata="school_id", weights="weight")
    result = domain_vs_rest(data, design, ["alc_30d"], "grade", ["3"])
    # grade 3 drinks more than the rest: difference 0.27 with SE 0.03 (R)
    assert result["direction"].to_list() == ["higher"]
    assert result["p_value"][0] < 1e-4  # t = 8.8 on 11 df
    calm = domain_vs_rest(data, design, ["life_sat"], "grade", ["1"])
    assert calm["direction"].to_list() == ["no_difference"]


def test_an_empty_domain_gives_no_row() -> None:
    data = school()
    design = SurveyDesign(psu="class_id", strata="school_id", weights="weight")
    result = domain_vs_rest(data, design, ["alc_30d"], "grade", ["9"])
    assert result.height == 0


def test_domain_vs_rest_under_post_stratification_matches_r() -> None:
    """The published design: post-stratified to enrolment, the calibration carried into the variance."""
    from kansrijk.analysis import poststratify

    data = school()
    enrolment = pl.read_csv(GOLDEN / "enrolment.csv").with_columns(pl.col("grade").cast(pl.String))
    cells = data.select("school_id", "grade").unique()
    enrolment = enrolment.join(cells, on=["school_id", "grade"], how="semi")
    base = SurveyDesign(psu="class_id", strata="school_id", weights="weight")
    design = poststratify(data, base, by=["school_id", "grade"], population=enrolment)
    result = domain_vs_rest(data, design, ["alc_30d", "life_sat"], "grade", ["1", "2", "3"])
    golden = pl.read_csv(
        GOLDEN / "contrast_poststratified.csv", schema_overrides={"difference": pl.String, "se": pl.String}
    )
    for row in golden.iter_rows(named=True):
        got = result.filter(pl.col("variable") == row["variable"], pl.col("domain") == str(row["grade"])).row(
            0, named=True
        )
        assert got["difference"] == pytest.approx(float(row["difference"]), rel=1e-9, abs=1e-15)
        assert got["se"] == pytest.approx(float(row["se"]), rel=1e-9)
