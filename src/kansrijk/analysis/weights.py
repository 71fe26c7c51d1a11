"""Post-stratification weights to enrolment: school × grade × gender {m, v}, with a rule for sparse cells.

DUO's enrolment counts only boys (`m`) and girls (`v`); pupils who answer `x` (another gender) or nothing are
counted there as `m` or `v`, unknown which. Kansrijk therefore weights per school × grade:

1. N = enrolment of the school × grade (m + v), n = all respondents of it (m, v, x and no gender).
2. Pupils with gender `x` or null get the school × grade weight N / n; together they represent W_x = n_x·N/n.
3. The rest, N − W_x, is divided over `m` and `v` in the enrolment's proportion N_m : N_v, and each pupil of
   gender g gets (N_g / (N_m + N_v))·(N − W_x) / n_g.
So the weights add up to the enrolment of every school × grade and keep its gender ratio.

**Collapsing** (`min_cell_n`, default 5): when `m` or `v` has fewer than `min_cell_n` respondents, the
school × grade is weighted as one cell (step 2's N / n for everyone, across gender); when the school ×
grade as a whole has fewer than `min_cell_n` respondents — or none, while pupils are enrolled — the whole
school is weighted as one cell (N_school / n_school, across grade). A school without any respondent is
not represented; the report says so. Respondents in a school × grade that the enrolment does not list
are an error.

The weights are exactly a post-stratification to the cells in `WeightingResult.population` (column
`weight_cell` per respondent), and `WeightingResult.design` is that post-stratified design (classes as PSUs,
schools as strata) — the same weights, *and* the calibration carried into the variance.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from kansrijk.analysis.calibration import poststratify
from kansrijk.analysis.design import SurveyDesign
from kansrijk.analysis.errors import CalibrationError
from kansrijk.analysis.estimate import as_polars

WEIGHT = "weight"
CELL = "weight_cell"


@dataclass(frozen=True)
class WeightingResult:
    """Weights per respondent (in data order), the cell each was weighted in, and what was collapsed."""

    weights: pl.Series
    cells: pl.Series
    population: pl.DataFrame  # weight_cell, N: the post-stratification these weights are
    report: pl.DataFrame  # per school × grade: counts, enrolment, level (gender/grade/school), note
    data: pl.DataFrame  # the input with `weight` and `weight_cell` added
    design: SurveyDesign  # post-stratified to `population`; pass it to estimate() with `data`
    weight_column: str = WEIGHT


def enrolment_weights(
    data: Any,
    enrolment: Any,
    *,
    school: str = "school_id",
    grade: str = "grade",
    gender: str = "gender",
    count: str = "N",
    psu: str | None = "class_id",
    min_cell_n: int = 5,
) -> WeightingResult:
    """Weights to enrolment cells school × grade × gender by the rules of this module."""
    original = as_polars(data)
    frame = original.select(school, grade, gender).with_row_index("__row")
    enrol = as_polars(enrolment)
    for name in (school, grade, gender, count):
        if name not in enrol.columns:
            raise CalibrationError(
                "enrolment", f"column {name!r} is missing", f"give {school}, {grade}, {gender}, N"
            )
    wide = (
        enrol.filter(pl.col(gender).is_in(["m", "v"]))
        .group_by(school, grade)
        .agg(
            pl.col(count).filter(pl.col(gender) == "m").sum().cast(pl.Float64).alias("N_m"),
            pl.col(count).filter(pl.col(gender) == "v").sum().cast(pl.Float64).alias("N_v"),
        )
        .with_columns((pl.col("N_m") + pl.col("N_v")).alias("N_sg"))
        .cast({grade: frame.schema[grade], school: frame.schema[school]})
    )
    g = pl.col(gender)
    counts = frame.group_by(school, grade).agg(
        (g == "m").sum().alias("n_m"),
        (g == "v").sum().alias("n_v"),
        (~g.is_in(["m", "v"]).fill_null(False)).sum().alias("n_x"),
    )
    cells = wide.join(counts, on=[school, grade], how="full", coalesce=True).with_columns(
        pl.col("n_m", "n_v", "n_x").fill_null(0), pl.col("N_m", "N_v", "N_sg").fill_null(0.0)
    )
    orphan = cells.filter((pl.col("N_sg") <= 0) & (pl.col("n_m") + pl.col("n_v") + pl.col("n_x") > 0))
    if orphan.height:
        row = orphan.row(0, named=True)
        raise CalibrationError(
            "enrolment",
            f"respondents in {school}={row[school]!r}, {grade}={row[grade]!r} but no enrolment there",
            "add the school × grade to the enrolment table, or correct the respondents' school/grade",
        )
    cells = cells.with_columns((pl.col("n_m") + pl.col("n_v") + pl.col("n_x")).alias("n_sg")).with_columns(
        pl.when((pl.col("n_m") >= min_cell_n) & (pl.col("n_v") >= min_cell_n))
        .then(pl.lit("gender"))
        .when(pl.col("n_sg") >= min_cell_n)
        .then(pl.lit("grade"))
        .otherwise(pl.lit("school"))
        .alias("level")
    )
    school_level = cells.filter(pl.col("level") == "school")[school].unique()
    cells = cells.with_columns(
        pl.when(pl.col(school).is_in(school_level.implode()))
        .then(pl.lit("school"))
        .otherwise(pl.col("level"))
        .alias("level")
    )
    per_school = cells.group_by(school).agg(pl.sum("N_sg").alias("N_s"), pl.sum("n_sg").alias("n_s"))
    cells = cells.join(per_school, on=school).with_columns(
        pl.when((pl.col("level") == "school") & (pl.col("n_s") == 0))
        .then(pl.lit("school without respondents: not represented"))
        .when(pl.col("level") == "school")
        .then(pl.lit(f"collapsed across grade within school (n<{min_cell_n})"))
        .when(pl.col("level") == "grade")
        .then(pl.lit(f"collapsed across gender within school × grade (m or v n<{min_cell_n})"))
        .alias("note")
    )
    key = pl.concat_str([pl.col(school).cast(pl.String), pl.col(grade).cast(pl.String)], separator="|")
    rows = frame.join(cells, on=[school, grade], how="left", maintain_order="left").with_columns(
        g.is_in(["m", "v"]).fill_null(False).alias("__mv")
    )
    w_grade = pl.col("N_sg") / pl.col("n_sg")
    w_x_total = pl.col("n_x") * w_grade
    share = pl.when(g == "m").then(pl.col("N_m")).otherwise(pl.col("N_v")) / pl.col("N_sg")
    n_g = pl.when(g == "m").then(pl.col("n_m")).otherwise(pl.col("n_v"))
    rows = rows.with_columns(
        pl.when(pl.col("level") == "school")
        .then(pl.col("N_s") / pl.col("n_s"))
        .when((pl.col("level") == "grade") | ~pl.col("__mv"))
        .then(w_grade)
        .otherwise(share * (pl.col("N_sg") - w_x_total) / n_g)
        .alias("weight"),
        pl.when(pl.col("level") == "school")
        .then(pl.col(school).cast(pl.String))
        .when((pl.col("level") == "grade") | ~pl.col("__mv"))
        .then(key + pl.when(pl.col("level") == "grade").then(pl.lit("")).otherwise(pl.lit("|x")))
        .otherwise(key + "|" + g)
        .alias("cell"),
    ).sort("__row")
    population = rows.group_by("cell").agg(pl.sum("weight").alias("N")).sort("cell").rename({"cell": CELL})
    report = cells.select(school, grade, "n_m", "n_v", "n_x", "N_m", "N_v", "level", "note")
    weighted = original.with_columns(rows["weight"].alias(WEIGHT), rows["cell"].alias(CELL))
    base = SurveyDesign(psu=psu if psu in original.columns else None, strata=school)
    design = poststratify(weighted, base, [CELL], population)
    return WeightingResult(
        rows["weight"].alias(WEIGHT),
        rows["cell"].alias(CELL),
        population,
        report.sort(school, grade),
        weighted,
        design,
    )
