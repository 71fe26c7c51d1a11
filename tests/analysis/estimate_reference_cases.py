"""Synthetic designs whose `estimate_table` output was stored before the group-sum rewrite (issue 18).

`golden/estimate_reference.csv` holds the tables the code of commit 16ae56d computed for these cases
(regenerate only on purpose: `.venv/bin/python -m tests.analysis.estimate_reference_cases`); the test
`test_estimate_reference.py` requires today's code to agree to 1e-12. The cases cover what the group sums
serve: plain, post-stratified and raked designs, two stages with fpc, zero weights, missing values, 0/1 items
summed over their 1-rows and dense ones, categorical levels, totals, domain df, and domain sets that split
classes (gender, wijk) or not (grade, school).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

from kansrijk.analysis import SurveyDesign, estimate_table, poststratify, rake

GOLDEN = Path(__file__).parent / "golden"
SETS: list[list[str]] = [
    [],
    ["grade"],
    ["gender"],
    ["wijk"],
    ["school"],
    ["grade", "gender"],
    ["wijk", "gender"],
]


def data(rows: int = 3000, seed: int = 7) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    n_classes = rows // 20
    class_school = rng.integers(0, 12, n_classes)
    cls = rng.integers(0, n_classes, rows)  # rows not in class order
    school = class_school[cls]
    effect = rng.normal(0, 0.5, n_classes)[cls]
    frame: dict[str, object] = {
        "school": np.char.add("S", school.astype(str)),
        "class": np.char.add("C", cls.astype(str)),
        "grade": rng.integers(1, 4, n_classes)[cls],
        "gender": rng.choice(np.array(["m", "v", "x"]), rows, p=[0.48, 0.48, 0.04]),
        "wijk": np.char.add("W", rng.integers(0, 9, rows).astype(str)),
        "weight": rng.uniform(0.5, 2.0, rows),
        "pupils": np.full(rows, 60.0),  # fpc of the second stage: pupils per class
    }
    for j in range(4):
        share = 0.2 + 0.2 * j  # the last two have more 1s than 0s (dense sums)
        value = (rng.random(rows) < 1 / (1 + np.exp(-(np.log(share / (1 - share)) + effect)))).astype(float)
        value[rng.random(rows) < 0.05 * j] = np.nan
        frame[f"b{j}"] = value
    for j in range(3):
        value = 5 + 3 * effect + rng.normal(0, 1 + j, rows)
        value[rng.random(rows) < 0.04] = np.nan
        frame[f"x{j}"] = value
    frame["answer"] = rng.choice(np.array(["nooit", "soms", "vaak"]), rows, p=[0.5, 0.3, 0.2])
    out = pl.DataFrame(frame).with_columns(pl.col("^[bx]\\d$").fill_nan(None))
    return out.with_columns(
        pl.when(pl.int_range(pl.len()) % 97 == 0).then(None).otherwise(pl.col("answer")).alias("answer")
    )


def designs(frame: pl.DataFrame) -> dict[str, tuple[pl.DataFrame, SurveyDesign]]:
    plain = SurveyDesign(psu="class", strata="school", weights="weight")
    zero = frame.with_columns(
        pl.when(pl.int_range(pl.len()) % 53 == 0).then(0.0).otherwise("weight").alias("weight")
    )
    population = (
        frame.group_by("grade", "gender")
        .agg((pl.col("weight").sum() * 1.1).alias("N"))
        .sort("grade", "gender")
    )
    grades = frame.group_by("grade").agg((pl.len() * 2.0).alias("N")).sort("grade")
    genders = frame.group_by("gender").agg((pl.len() * 2.0).alias("N")).sort("gender")
    margins = {
        "grade": dict(grades.iter_rows()),
        "gender": dict(genders.iter_rows()),
    }
    return {
        "plain": (frame, plain),
        "zero_weights": (zero, plain),
        "poststratified": (frame, poststratify(frame, plain, ["grade", "gender"], population)),
        "raked": (frame, rake(frame, plain, margins)),
        "two_stage_fpc": (
            frame.with_columns(pl.lit(40.0).alias("classes")),
            SurveyDesign(psu=["class", "grade"], strata="school", fpc=["classes", "pupils"]),
        ),
        "no_strata": (frame, SurveyDesign(psu="class", weights="weight")),
    }


def tables() -> pl.DataFrame:
    frame = data()
    parts = []
    for name, (rows, design) in designs(frame).items():
        for statistic, variables in (
            ("proportion", ["b0", "b1", "b2", "b3"]),
            ("proportion", ["answer"]),
            ("mean", ["b0", "b3", "x0", "x1", "x2"]),
            ("total", ["b1", "x0"]),
        ):
            for df in ("design", "domain"):
                part = estimate_table(rows, design, variables, SETS, statistic, df=df)  # type: ignore[arg-type]
                parts.append(part.with_columns(pl.lit(name).alias("case"), pl.lit(df).alias("df_rule")))
    keys = [
        "case",
        "df_rule",
        "domain_set",
        "variable",
        "statistic",
        "level",
        *dict.fromkeys(c for s in SETS for c in s),
    ]
    return (
        pl.concat(parts, how="diagonal_relaxed")
        .with_columns(pl.col("grade").cast(pl.Int64))
        .select(*keys, pl.exclude(keys))
    )


if __name__ == "__main__":
    tables().write_csv(GOLDEN / "estimate_reference.csv")
