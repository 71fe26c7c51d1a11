"""Design-based logistic regression against R's survey package.

Golden values: golden/logistic.R → golden/logistic_golden.csv.

R: ``svyglm(drunk ~ par_know + factor(sport) + age + gender, design, family = quasibinomial())`` with
``glm.control(epsilon = 1e-15)``, on a stratified cluster sample (6 schools × 4 classes), without and with a
subpopulation (``subset(design, grade >= 2)``), and post-stratified to enrolment (school × grade). The data
has missing outcomes and a missing predictor, which R drops from the design keeping every PSU.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from kansrijk.analysis import SurveyDesign, logistic, poststratify

GOLDEN = Path(__file__).parent / "golden"
FULL = ["par_know", "sport", "age", "gender"]


def data() -> pl.DataFrame:
    frame = pl.read_csv(GOLDEN / "logistic.csv", infer_schema_length=None)
    return frame.with_columns((pl.col("grade") >= 2).alias("older"))


def designs(frame: pl.DataFrame) -> dict[str, SurveyDesign]:
    base = SurveyDesign(psu="class_id", strata="school_id", weights="weight")
    enrolment = pl.read_csv(GOLDEN / "logistic_enrolment.csv")
    return {"plain": base, "poststratified": poststratify(frame, base, ["school_id", "grade"], enrolment)}


def golden(case: str) -> pl.DataFrame:
    table = pl.read_csv(GOLDEN / "logistic_golden.csv", infer_schema_length=0)
    return table.filter(pl.col("case") == case)


def check(fit_table: pl.DataFrame, case: str) -> None:
    expected = golden(case)
    assert expected.height > 0
    assert fit_table["term"].to_list() == expected["term"].to_list()
    for row in expected.iter_rows(named=True):
        got = fit_table.filter(pl.col("term") == row["term"]).row(0, named=True)
        assert got["estimate"] == pytest.approx(float(row["estimate"]), abs=1e-6), row["term"]
        assert got["se"] == pytest.approx(float(row["se"]), abs=1e-6), row["term"]
        # tighter than the 1e-6: both ends are iterated to convergence
        assert got["estimate"] == pytest.approx(float(row["estimate"]), rel=1e-8, abs=1e-12)
        assert got["se"] == pytest.approx(float(row["se"]), rel=1e-8)
        assert got["t"] == pytest.approx(float(row["t"]), rel=1e-7, abs=1e-10)
        assert got["p_value"] == pytest.approx(float(row["p_value"]), rel=1e-7, abs=1e-12)
        assert got["df"] == int(row["df"])


@pytest.mark.parametrize("design_name", ["plain", "poststratified"])
@pytest.mark.parametrize("subpopulation", [False, True])
def test_logistic_matches_r_svyglm_quasibinomial(design_name: str, subpopulation: bool) -> None:
    frame = data()
    design = designs(frame)[design_name]
    fit = logistic(
        frame,
        design,
        outcome="drunk",
        predictors=FULL,
        categorical=["par_know", "sport", "gender"],
        reference={"par_know": "soms"},
        domain="older" if subpopulation else None,
    )
    check(fit.coefficients, design_name + ("_domain" if subpopulation else ""))


def test_degrees_of_freedom_are_those_of_summary_svyglm() -> None:
    frame = data()
    design = designs(frame)["plain"]
    fit = logistic(frame, design, "drunk", FULL, categorical=["par_know", "sport", "gender"])
    # 24 classes − 6 schools + 1 − 9 coefficients; in grades 2–3: 18 − 6 + 1 − 9
    assert fit.df == 10
    sub = logistic(frame, design, "drunk", FULL, categorical=["par_know", "sport", "gender"], domain="older")
    assert sub.df == 4
    # a missing outcome or predictor leaves the row out
    complete = frame.filter(pl.col("drunk").is_not_null() & pl.col("par_know").is_not_null())
    assert fit.n == complete.height
