"""Benchmark: the full results table of a national wave (1,000,000 pupils) with kansrijk.analysis.

    .venv/bin/python benchmarks/analysis_bench.py [--rows 1000000] [--samplics /tmp/sampvenv/bin/python]

Generates its own synthetic frame (schools as strata, classes as PSUs, weights, 30 binary + 10 numeric
indicators, domains grade, gender, school, wijk, school type and crossings), then times
1. Kansrijk: estimate() for 40 indicators × 10 domain sets (estimate, SE, CI, deff, n — everything);
2. DuckDB: a plain weighted GROUP BY giving the point estimates only (no variance), as a floor;
3. optionally samplics (in its own venv): the same means with Taylor SEs, domain by domain, on a subset.
Prints one JSON line with the figures; benchmarks/README.md records them.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import polars as pl

from kansrijk.analysis import SurveyDesign, estimate, estimate_table
from kansrijk.analysis.weights import enrolment_weights

N_BINARY, N_NUMERIC = 30, 10
DOMAIN_SETS: list[list[str]] = [
    [],
    ["grade"],
    ["gender"],
    ["school_type"],
    ["wijk"],
    ["school_id"],
    ["grade", "gender"],
    ["school_type", "grade"],
    ["wijk", "gender"],
    ["school_id", "grade"],
]


def synth(rows: int, seed: int = 1) -> pl.DataFrame:
    """Schools of ~1000 pupils in classes of ~25; answers depend on school, class and grade."""
    rng = np.random.default_rng(seed)
    n_classes = rows // 25
    class_school = rng.integers(0, max(rows // 1000, 2), n_classes)
    class_grade = rng.integers(1, 7, n_classes)
    cls = np.sort(rng.integers(0, n_classes, rows))
    school = class_school[cls]
    frame = {
        "school_id": np.char.add("S", school.astype(str)),
        "class_id": np.char.add("C", cls.astype(str)),
        "grade": class_grade[cls],
        "gender": rng.choice(np.array(["m", "v", "x"]), rows, p=[0.49, 0.49, 0.02]),
        "wijk": np.char.add("WK", rng.integers(0, 60, rows).astype(str)),
        "school_type": np.array(["vmbo", "havo", "vwo", "pro"])[school % 4],
        "weight": rng.uniform(0.8, 1.3, rows),
    }
    school_effect = rng.normal(0, 0.4, school.max() + 1)[school]
    class_effect = rng.normal(0, 0.3, n_classes)[cls]
    for j in range(N_BINARY):
        logit = -1.5 + 0.15 * frame["grade"] + school_effect + class_effect + rng.normal(0, 1, rows) * 0.1
        value = (rng.random(rows) < 1 / (1 + np.exp(-logit))).astype(float)
        value[rng.random(rows) < 0.03] = np.nan
        frame[f"b{j:02d}"] = value
    for j in range(N_NUMERIC):
        value = 6 + school_effect + class_effect + rng.normal(0, 2, rows)
        value[rng.random(rows) < 0.03] = np.nan
        frame[f"x{j:02d}"] = value
    return pl.DataFrame(frame).with_columns(pl.col("^[bx]\\d\\d$").fill_nan(None))


def kansrijk_table(data: pl.DataFrame) -> pl.DataFrame:
    design = SurveyDesign(psu="class_id", strata="school_id", weights="weight")
    binary = [f"b{j:02d}" for j in range(N_BINARY)]
    numeric = [f"x{j:02d}" for j in range(N_NUMERIC)]
    parts = [
        estimate_table(data, design, binary, DOMAIN_SETS, "proportion"),
        estimate_table(data, design, numeric, DOMAIN_SETS, "mean"),
    ]
    return pl.concat(parts, how="diagonal_relaxed")


def calibrated_table(data: pl.DataFrame) -> pl.DataFrame:
    """The same table, weights post-stratified to enrolment (school × grade × gender) as in Kansrijk."""
    enrolment = (
        data.filter(pl.col("gender").is_in(["m", "v"]))
        .group_by("school_id", "grade", "gender")
        .agg((pl.len() * 1.08).round().alias("N"))
    )
    weighted = enrolment_weights(data, enrolment)
    binary = [f"b{j:02d}" for j in range(N_BINARY)]
    numeric = [f"x{j:02d}" for j in range(N_NUMERIC)]
    return pl.concat(
        [
            estimate_table(weighted.data, weighted.design, binary, DOMAIN_SETS, "proportion"),
            estimate_table(weighted.data, weighted.design, numeric, DOMAIN_SETS, "mean"),
        ],
        how="diagonal_relaxed",
    )


def duckdb_table(data: pl.DataFrame) -> int:
    con = duckdb.connect()
    con.register("d", data.to_arrow())
    names = [f"b{j:02d}" for j in range(N_BINARY)] + [f"x{j:02d}" for j in range(N_NUMERIC)]
    rows = 0
    for by in DOMAIN_SETS:
        cols = ", ".join(
            f"sum(weight * {v}) / sum(CASE WHEN {v} IS NOT NULL THEN weight END) AS {v}" for v in names
        )
        group = f" GROUP BY {', '.join(by)}" if by else ""
        select_by = f"{', '.join(by)}, " if by else ""
        rows += len(con.execute(f"SELECT {select_by}{cols} FROM d{group}").fetchall())  # noqa: S608
    return rows


SAMPLICS_SCRIPT = r"""
import sys, time, json
import numpy as np, polars as pl
from samplics.estimation import TaylorEstimator
from samplics.utils.types import PopParam
data = pl.read_parquet(sys.argv[1])
names = [c for c in data.columns if c[0] in "bx" and c[1:].isdigit()]
t = time.perf_counter()
for by in [None, "grade", "gender"]:
    for v in names:
        sub = data.filter(pl.col(v).is_not_null())
        est = TaylorEstimator(PopParam.mean)
        est.estimate(y=sub[v].to_numpy(), samp_weight=sub["weight"].to_numpy(),
                     stratum=sub["school_id"].to_numpy(), psu=sub["class_id"].to_numpy(),
                     domain=None if by is None else sub[by].to_numpy(), remove_nan=True)
print(json.dumps({"seconds": time.perf_counter() - t, "rows": data.height, "tables": 3 * len(names)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--samplics", help="python of a venv with samplics installed")
    parser.add_argument("--samplics-rows", type=int, default=50_000)
    parser.add_argument("--calibrated", action="store_true", help="also time the post-stratified design")
    args = parser.parse_args()

    data = synth(args.rows)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    table = kansrijk_table(data)
    ours = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    duck_rows = duckdb_table(data)
    duck = time.perf_counter() - start
    result: dict[str, object] = {
        "rows": args.rows,
        "indicators": N_BINARY + N_NUMERIC,
        "domain_sets": len(DOMAIN_SETS),
        "table_rows": table.height,
        "kansrijk_seconds": round(ours, 2),
        "duckdb_point_estimates_seconds": round(duck, 2),
        "duckdb_rows": duck_rows,
        "peak_rss_mb_after_data": round(base_rss),
        "peak_rss_mb": round(peak),
    }
    print(json.dumps(result), flush=True)
    if args.calibrated:
        start = time.perf_counter()
        calibrated = calibrated_table(data)
        result["kansrijk_calibrated_seconds"] = round(time.perf_counter() - start, 2)
        result["calibrated_table_rows"] = calibrated.height
        result["peak_rss_mb_calibrated"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        print(json.dumps(result), flush=True)
    if args.samplics:
        subset = data.sample(args.samplics_rows, seed=2)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "subset.parquet"
            subset.write_parquet(path)
            out = subprocess.run(
                [args.samplics, "-c", SAMPLICS_SCRIPT, str(path)], capture_output=True, text=True, check=True
            )
        samp = json.loads(out.stdout.strip().splitlines()[-1])
        start = time.perf_counter()
        design = SurveyDesign(psu="class_id", strata="school_id", weights="weight")
        names = [c for c in subset.columns if c[0] in "bx" and c[1:].isdigit()]
        for by in ([], ["grade"], ["gender"]):
            estimate(subset, design, names, by, "mean")
        ours_subset = time.perf_counter() - start
        result |= {
            "samplics_rows": args.samplics_rows,
            "samplics_seconds": round(samp["seconds"], 2),
            "kansrijk_same_subset_seconds": round(ours_subset, 3),
            "samplics_over_kansrijk": round(samp["seconds"] / ours_subset, 1),
        }
    print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
