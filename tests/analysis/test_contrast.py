"""Domain versus rest against R's survey package (golden/contrast.R → golden/contrast.csv)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
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


def _brute_force_contrast(
    data: pl.DataFrame, weights: np.ndarray, variable: str, in_domain: np.ndarray, cell: np.ndarray | None
) -> tuple[float, float]:
    """Δ and its SE from row-level scores, written out by hand: one stage, strata = school, PSU = class,
    with replacement; a stratum with one class contributes its total squared (lonely PSU `adjust`)."""
    y = data[variable].to_numpy()
    valid = ~np.isnan(y)
    inside, rest = valid & in_domain, valid & ~in_domain
    n_d, n_r = weights[inside].sum(), weights[rest].sum()
    mean_d = (weights * np.where(inside, y, 0)).sum() / n_d
    mean_r = (weights * np.where(rest, y, 0)).sum() / n_r
    z = np.where(inside, weights * (np.nan_to_num(y) - mean_d) / n_d, 0.0)
    z -= np.where(rest, weights * (np.nan_to_num(y) - mean_r) / n_r, 0.0)
    if cell is not None:  # post-stratification residual: z − w · Σ_cell z / Σ_cell w
        alpha = np.bincount(cell, weights=z) / np.bincount(cell, weights=weights)
        z = z - weights * alpha[cell]
    totals = pl.DataFrame({"s": data["school_id"], "c": data["class_id"], "z": z}).group_by("s", "c").sum()
    variance = 0.0
    for (_,), stratum in totals.group_by("s"):
        values = stratum["z"].to_numpy()
        if values.size == 1:
            variance += float(values[0] ** 2)
        else:
            variance += values.size / (values.size - 1) * float(((values - values.mean()) ** 2).sum())
    return float(mean_d - mean_r), float(np.sqrt(variance))


@pytest.mark.parametrize("dense", [True, False])
@pytest.mark.parametrize("calibrated", [False, True])
def test_many_domains_match_row_level_scores(
    calibrated: bool, dense: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Classes as domains (17, most inside one calibration cell), a variable with missing values; the
    scalable form (shared part + domain part, held dense or sparse) against the row-level definition."""
    from kansrijk.analysis import contrast, poststratify
    from kansrijk.analysis.resolve import resolve

    if not dense:
        monkeypatch.setattr(contrast, "DENSE_LIMIT", 0)

    data = school().with_columns(
        pl.when(pl.int_range(pl.len()) % 7 == 3).then(None).otherwise(pl.col("life_sat")).alias("life_sat")
    )
    design = SurveyDesign(psu="class_id", strata="school_id", weights="weight")
    cell = None
    if calibrated:
        population = (
            data.group_by("school_id", "gender")
            .agg((pl.col("weight").sum() * 1.1).alias("N"))
            .sort("school_id")
        )
        design = poststratify(data, design, by=["school_id", "gender"], population=population)
    rd = resolve(data, design)
    if rd.calibration is not None:
        cell = rd.calibration.cell
    classes = sorted(data["class_id"].unique().to_list())
    result = domain_vs_rest(data, design, ["alc_30d", "life_sat"], "class_id", [*classes, "C99"])
    assert result.height == 2 * len(classes)  # C99 has no pupils: no row
    for row in result.iter_rows(named=True):
        in_domain = (data["class_id"] == row["domain"]).to_numpy()
        difference, se = _brute_force_contrast(data, rd.weights, row["variable"], in_domain, cell)
        assert row["difference"] == pytest.approx(difference, rel=1e-12, abs=1e-15)
        assert row["se"] == pytest.approx(se, rel=1e-10)
