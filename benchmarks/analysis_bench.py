"""Benchmark: the full results table of a national wave (1,000,000 pupils) with kansrijk.analysis.

    .venv/bin/python benchmarks/analysis_bench.py [--rows 1000000] [--calibrated] [--suppress]
        [--samplics /tmp/sampvenv/bin/python --samplics-rows 10000] [--pipeline /tmp/synth1m]
        [--single] [--svy /tmp/svyvenv/bin/python]

Generates its own synthetic frame (schools as strata, classes as PSUs, weights, 30 binary + 10 numeric
indicators, domains grade, gender, school, wijk, school type and crossings), then times, in one run:
1. Kansrijk: estimate_table() for 40 indicators × 10 domain sets (estimate, SE, CI, deff, n — everything),
   with `--suppress` also disclosure control of every domain set;
2. DuckDB: a plain weighted GROUP BY giving the point estimates only (no variance), as a floor;
3. optionally samplics (in its own venv): the same means with Taylor SEs, domain by domain, on a subset, and
   Kansrijk on the same subset;
4. `--single`: one `estimate()` call (40 means over the whole population, and by wijk) against DuckDB's
   weighted GROUP BY of the same means, alternating; `--svy PYTHON` (a venv with `svy`, samplics' Rust-core
   successor) times svy's `estimation.mean` of the same 40 means, total and by wijk, on the same frame;
5. optionally (`--pipeline DIR`, a `kansrijk synth` dataset) `run_analysis` on its newest wave — the product's
   entry point: cleaning, indicators, weights, every domain type, domain versus rest, suppression — with the
   time of each step.
Prints JSON lines with the figures and the load average (the build machine is shared); benchmarks/README.md
records them.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import polars as pl

from kansrijk.analysis import SurveyDesign, estimate, estimate_table, suppress
from kansrijk.analysis.resolve import workers
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


def suppressed(table: pl.DataFrame) -> int:
    """Disclosure control of every domain set (as the pipeline does per domain type); suppressed cells."""
    count = 0
    for (name,), part in table.group_by("domain_set", maintain_order=True):
        by = [c for c in str(name).split("+") if c]
        keep = ["variable", "statistic", *by, "level", "estimate", "se", "ci_low", "ci_high", "df", "n"]
        keep += ["n_level", "weighted_n", "deff", "rse"]
        count += int(suppress(part.select(keep))["suppressed"].is_not_null().sum())
    return count


def pipeline(folder: Path) -> dict[str, object]:
    """`run_analysis` on the newest wave of a `kansrijk synth` dataset, with the seconds of every step."""
    from kansrijk.analysis.pipeline import run_analysis
    from kansrijk.instrument import load_xlsform

    wave = sorted((folder / "waves").iterdir())[-1]
    schools = pl.read_csv(folder / "schools.csv", separator=";")
    types = dict(zip(schools["school_id"], schools["schooltype"], strict=True))
    instrument = load_xlsform(next(wave.glob("*.xlsx")))
    marks: list[tuple[str, float]] = []
    start = time.perf_counter()
    result = run_analysis(
        wave / "snapshot",
        instrument,
        school_types=types,
        progress=lambda step, _: marks.append((step, time.perf_counter())),
    )
    total = time.perf_counter() - start
    steps: dict[str, float] = {}
    bounds = [*marks, ("end", start + total)]
    for (step, at), (_, until) in itertools.pairwise(bounds):
        name = step.split(":")[0]
        steps[name] = round(steps.get(name, 0.0) + until - at, 2)
    return {
        "pipeline_respondents": result.meta["respondents"],
        "pipeline_indicators": result.meta["indicators"],
        "pipeline_table_rows": result.table.height,
        "pipeline_seconds": round(total, 2),
        "pipeline_steps": steps,
        "peak_rss_mb_pipeline": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


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


SVY_SCRIPT = r"""
import sys, time, json
import polars as pl, svy
data = pl.read_parquet(sys.argv[1])
names = [c for c in data.columns if c[0] in "bx" and c[1:].isdigit()]
sample = svy.Sample(data, svy.Design(stratum="school_id", psu="class_id", wgt="weight"))
out = {}
for by in sys.argv[2:]:
    t = time.perf_counter()
    sample.estimation.mean(names, by=None if by == "-" else by, drop_nulls=True)
    out[by] = time.perf_counter() - t
print(json.dumps({"seconds": out, "rows": data.height, "version": svy.__version__}))
"""

MEANS = [f"b{j:02d}" for j in range(N_BINARY)] + [f"x{j:02d}" for j in range(N_NUMERIC)]


def duckdb_means(con: duckdb.DuckDBPyConnection, by: list[str]) -> int:
    """The bare weighted GROUP BY of the 40 means (point estimates only)."""
    cols = ", ".join(
        f"sum(weight * {v}) / sum(CASE WHEN {v} IS NOT NULL THEN weight END) AS {v}" for v in MEANS
    )
    group = f" GROUP BY {', '.join(by)}" if by else ""
    select_by = f"{', '.join(by)}, " if by else ""
    return len(con.execute(f"SELECT {select_by}{cols} FROM d{group}").fetchall())  # noqa: S608


def single_calls(data: pl.DataFrame, repeat: int) -> dict[str, object]:
    """One `estimate()` call of 40 means (total; by wijk) against DuckDB, alternating; medians of wall and
    CPU time."""
    design = SurveyDesign(psu="class_id", strata="school_id", weights="weight")
    con = duckdb.connect()
    con.register("d", data.to_arrow())
    out: dict[str, object] = {}
    for name, by in (("total", []), ("wijk", ["wijk"])):
        ours, duck, ours_cpu, duck_cpu = [], [], [], []
        for _ in range(repeat):
            start, cpu = time.perf_counter(), time.process_time()
            estimate(data, design, MEANS, by, "mean")
            ours.append(time.perf_counter() - start)
            ours_cpu.append(time.process_time() - cpu)
            start, cpu = time.perf_counter(), time.process_time()
            duckdb_means(con, by)
            duck.append(time.perf_counter() - start)
            duck_cpu.append(time.process_time() - cpu)
        out[f"single_{name}_kansrijk_seconds_runs"] = [round(x, 3) for x in ours]
        out[f"single_{name}_duckdb_seconds_runs"] = [round(x, 3) for x in duck]
        # CPU time of the process (all threads; DuckDB's run in it): steadier than wall time on a shared box
        out[f"single_{name}_kansrijk_cpu_seconds"] = round(statistics.median(ours_cpu), 3)
        out[f"single_{name}_duckdb_cpu_seconds"] = round(statistics.median(duck_cpu), 3)
        out[f"single_{name}_kansrijk_seconds"] = round(statistics.median(ours), 3)
        out[f"single_{name}_duckdb_seconds"] = round(statistics.median(duck), 3)
        out[f"single_{name}_kansrijk_over_duckdb"] = round(
            statistics.median(ours) / statistics.median(duck), 2
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--samplics", help="python of a venv with samplics installed")
    parser.add_argument("--samplics-rows", type=int, default=50_000)
    parser.add_argument("--calibrated", action="store_true", help="also time the post-stratified design")
    parser.add_argument("--suppress", action="store_true", help="include disclosure control in the table")
    parser.add_argument("--repeat", type=int, default=1, help="alternate Kansrijk and DuckDB this many times")
    parser.add_argument("--pipeline", type=Path, help="a `kansrijk synth` folder: also time run_analysis")
    parser.add_argument("--single", action="store_true", help="time one estimate() call against DuckDB")
    parser.add_argument("--svy", help="python of a venv with svy installed (40 means, total and by wijk)")
    parser.add_argument("--skip-table", action="store_true", help="leave out the full table")
    parser.add_argument("--pipeline-only", action="store_true", help="time run_analysis alone (own peak RSS)")
    args = parser.parse_args()

    load_start = os.getloadavg()
    if args.pipeline_only:
        figures = {"loadavg_1_5_15_at_start": [round(x, 1) for x in load_start], **pipeline(args.pipeline)}
        print(json.dumps(figures | {"loadavg_1_5_15_at_end": [round(x, 1) for x in os.getloadavg()]}))
        return
    data = synth(args.rows)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # alternate the two, so that both see the same machine load; report the medians and their ratio
    ours_runs, estimate_runs, duck_runs = [], [], []
    for _ in range(0 if args.skip_table else args.repeat):
        start = time.perf_counter()
        table = kansrijk_table(data)
        estimate_runs.append(time.perf_counter() - start)
        n_suppressed = suppressed(table) if args.suppress else None
        ours_runs.append(time.perf_counter() - start)
        start = time.perf_counter()
        duck_rows = duckdb_table(data)
        duck_runs.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.skip_table:
        ours_runs = estimate_runs = duck_runs = [float("nan")]
        table, n_suppressed, duck_rows = pl.DataFrame(), None, 0
    ours, estimates, duck = (statistics.median(x) for x in (ours_runs, estimate_runs, duck_runs))
    result: dict[str, object] = {
        "loadavg_1_5_15_at_start": [round(x, 1) for x in load_start],
        "cpus": os.cpu_count(),
        "kansrijk_threads": workers(),  # KANSRIJK_ANALYSIS_THREADS overrides
        "rows": args.rows,
        "indicators": N_BINARY + N_NUMERIC,
        "domain_sets": len(DOMAIN_SETS),
        "table_rows": table.height,
        "repeats": args.repeat,
        "kansrijk_seconds_runs": [round(x, 2) for x in ours_runs],
        "duckdb_seconds_runs": [round(x, 2) for x in duck_runs],
        "kansrijk_seconds": round(ours, 2),
        "kansrijk_estimates_seconds": round(estimates, 2),
        "kansrijk_suppression_seconds": round(ours - estimates, 2),
        "suppressed_cells": n_suppressed,
        "duckdb_point_estimates_seconds": round(duck, 2),
        "kansrijk_over_duckdb": round(ours / duck, 2),  # medians
        "duckdb_rows": duck_rows,
        "peak_rss_mb_after_data": round(base_rss),
        "peak_rss_mb": round(peak),
    }
    print(json.dumps(result), flush=True)
    if args.single:
        result |= single_calls(data, args.repeat)
        print(json.dumps(result), flush=True)
    if args.svy:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "frame.parquet"
            data.write_parquet(path)
            out = subprocess.run(
                [args.svy, "-c", SVY_SCRIPT, str(path), "-", "wijk"],
                capture_output=True,
                text=True,
                check=True,
            )
        peer = json.loads(out.stdout.strip().splitlines()[-1])
        result["svy_version"] = peer["version"]
        for name, key in (("total", "-"), ("wijk", "wijk")):
            theirs = float(peer["seconds"][key])
            result[f"svy_{name}_seconds"] = round(theirs, 2)
            ours_single = result.get(f"single_{name}_kansrijk_seconds")
            if isinstance(ours_single, float):
                result[f"svy_over_kansrijk_{name}"] = round(theirs / ours_single, 1)
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
        print(json.dumps(result), flush=True)
    if args.pipeline:
        del data, table
        result |= pipeline(args.pipeline)
    result["loadavg_1_5_15_at_end"] = [round(x, 1) for x in os.getloadavg()]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
