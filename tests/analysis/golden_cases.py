"""The designs behind tests/analysis/golden/golden.csv, mirroring make_golden.R case by case."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from kansrijk.analysis import SurveyDesign, poststratify, rake

GOLDEN = Path(__file__).parent / "golden"


def read(name: str) -> pl.DataFrame:
    overrides = {"alc_freq": pl.String, "cds": pl.String}
    return pl.read_csv(
        GOLDEN / f"{name}.csv", null_values=["NA", ""], infer_schema_length=None, schema_overrides=overrides
    )


SCHOOL = SurveyDesign(psu="class_id", strata="school_id", weights="weight")


def case(name: str) -> tuple[pl.DataFrame, SurveyDesign, str]:
    """(data, design, statistic) for a golden case name."""
    stat = "total" if name.endswith("_total") else "proportion" if name.endswith("_prop") else "mean"
    base = name.removesuffix("_total").removesuffix("_prop")
    if base == "apistrat":
        return read("apistrat"), SurveyDesign(strata="stype", weights="pw", fpc="fpc"), stat
    if base == "apiclus1":
        return read("apiclus1"), SurveyDesign(psu="dnum", weights="pw", fpc="fpc"), stat
    if base == "apiclus2":
        return read("apiclus2"), SurveyDesign(psu=["dnum", "snum"], fpc=["fpc1", "fpc2"]), stat
    if base == "apiclus2_wr":
        return read("apiclus2"), SurveyDesign(psu=["dnum", "snum"], weights="pw"), stat
    school = read("school")
    if base == "school":
        return school, SCHOOL, stat
    if base == "school_zero":
        return school, SurveyDesign(psu="class_id", strata="school_id", weights="weight0"), stat
    if base == "school_fpc":
        design = SurveyDesign(
            psu=["class_id", "pupil_id"], strata="school_id", fpc=["school_classes", "class_n"]
        )
        return school, design, stat
    if base == "school_srs":
        return school, SurveyDesign(), stat
    if base == "school_ps":
        return school, poststratify(school, SCHOOL, ["school_id", "grade"], read("enrolment")), stat
    if base == "school_rake":
        margins = {"sex": {"m": 610, "v": 590}, "grade": {1: 420, 2: 400, 3: 380}}
        return school, rake(school, SCHOOL, margins), stat
    raise KeyError(name)
