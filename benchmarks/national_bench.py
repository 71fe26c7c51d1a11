"""Benchmark: a national OKO wave end to end — 342 municipalities, 1,000,000 enrolled pupils.

    .venv/bin/python benchmarks/national_bench.py [--municipalities 342] [--pupils 1000000] [--regions 25]
        [--jobs N] [--out DIR] [--json figures.json]

Steps, each in a fresh child process so its peak memory is its own (``ru_maxrss`` of the process and of its
children, the larger is reported):

1. **generate** — one national synthetic wave with :func:`kansrijk.synth.dataset.generate_dataset`, split by
   school into ``--municipalities`` snapshots (each its own CBS code, enrolment and checksum,
   :func:`kansrijk.snapshot.write_snapshot`);
2. **analyse** — :func:`kansrijk.analysis.pipeline.run_analysis` on every municipality (cleaning, indicators,
   weights, every domain type, domain versus rest, suppression), ``--jobs`` processes at once (default: one
   per CPU); each result table stored as Parquet;
3. **publish** — every municipality's published totals; for each one the live reference pooled from all the
   others (:mod:`kansrijk.analysis.live_reference`); the municipalities in ``--regions`` regions and each
   region's table (:func:`kansrijk.analysis.region.regional_table`) through the linked suppression and the
   recoverability audit; everything stored as Parquet;
4. **baseline** — the same run reads every municipality's responses and writes them once more as Parquet
   (the floor for "touch all the data"), so the ratio step/baseline means something on a shared machine.

Prints one JSON line per step and the load average at start and end; benchmarks/README.md records them.
Not part of ``make test`` (tests/benchmarks/test_national_bench.py runs it at 4 municipalities).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kansrijk.instrument import Instrument


def _peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _code(i: int) -> str:
    return f"GM{1000 + i:04d}"


def step_generate(out: Path, municipalities: int, pupils: int) -> dict[str, object]:
    import polars as pl

    from kansrijk.snapshot import read_snapshot, write_snapshot
    from kansrijk.synth.dataset import generate_dataset

    generate_dataset(out / "synth", pupils=pupils, waves=1, seed=7, reference=False)
    folder = next((out / "synth" / "waves").glob("*/snapshot"))
    xlsx = sorted(folder.parent.glob("*.xlsx"))[0]
    snapshot = read_snapshot(folder)
    schools = sorted({r.school_id for r in snapshot.meta.enrolment})
    owner = {s: _code(i % municipalities) for i, s in enumerate(schools)}
    responses = snapshot.responses.with_columns(
        pl.col("school_id").replace_strict(owner, default=None).alias("__m")
    )
    rows = 0
    for i in range(municipalities):
        code = _code(i)
        part = responses.filter(pl.col("__m") == code).drop("__m")
        meta = dataclasses.replace(
            snapshot.meta,
            municipality_code=code,
            wave_id=f"{snapshot.meta.wave_id}-{code}",
            wave_name=f"OKO {snapshot.meta.fieldwork_start.year} {code}",
            enrolment=tuple(r for r in snapshot.meta.enrolment if owner[r.school_id] == code),
        )
        target = out / "municipalities" / code
        write_snapshot(target / "snapshot", part, meta)
        shutil.copy(xlsx, target / xlsx.name)
        rows += part.height
    return {"respondents": rows, "schools": len(schools)}


def _folders(out: Path) -> list[Path]:
    return sorted((out / "municipalities").iterdir())


def _analyse_one(folder: Path) -> int:
    from kansrijk.analysis.pipeline import run_analysis
    from kansrijk.instrument import load_xlsform

    instrument = _INSTRUMENTS.get(folder.parent)
    if instrument is None:
        instrument = _INSTRUMENTS[folder.parent] = load_xlsform(sorted(folder.glob("*.xlsx"))[0])
    result = run_analysis(folder / "snapshot", instrument)
    result.table.write_parquet(folder / "results.parquet")
    return int(result.table.height)


_INSTRUMENTS: dict[Path, Instrument] = {}  # per worker process: every municipality has the same questionnaire


def step_analyse(out: Path, jobs: int) -> dict[str, object]:
    """Every municipality analysed on its own, ``jobs`` at a time: municipalities share nothing, so a
    national run is as parallel as the machine (the way a cluster's workers would take them)."""
    from concurrent.futures import ProcessPoolExecutor

    folders = _folders(out)
    rows = 0
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        for k, height in enumerate(pool.map(_analyse_one, folders), 1):
            rows += height
            elapsed = time.perf_counter() - start
            if k % 20 == 0 or k == len(folders):
                load = os.getloadavg()[0]
                print(f"analysed {k} municipalities in {elapsed:.1f} s, load {load:.1f}", file=sys.stderr)
    return {"result_rows": rows, "jobs": jobs}


def step_publish(out: Path, regions: int) -> dict[str, object]:
    import polars as pl

    from kansrijk.analysis import live_reference as live
    from kansrijk.analysis.region import audit_region, regional_table
    from kansrijk.snapshot import read_snapshot

    members = []
    for folder in _folders(out):
        meta = read_snapshot(folder / "snapshot").meta
        grades = tuple(sorted({r.grade for r in meta.enrolment}))
        members.append(
            live.PublishedTotals(
                code=meta.municipality_code,
                name=meta.municipality_code,
                year=meta.fieldwork_start.year,
                grades=grades,
                enrolment=sum(r.n for r in meta.enrolment),
                table=pl.read_parquet(folder / "results.parquet"),
            )
        )
    units = {
        str(i): str(u) for m in members for i, u in m.table.select("indicator", "unit").unique().iter_rows()
    }
    pooled_rows = 0
    pool = live.ReferencePool(members)
    for m in members:
        frame = pool.frame(m.code, m.year, m.grades)
        reference = live.pooled(frame, units)
        reference.write_parquet(out / "municipalities" / m.code / "reference.parquet")
        pooled_rows += reference.height
    region_rows = 0
    recoverable = 0
    for r in range(regions):
        group = [m for i, m in enumerate(members) if i % regions == r]
        table = regional_table(f"GGD{r:02d}", group)
        protected, audit = audit_region(table)
        protected.write_parquet(out / f"region-GGD{r:02d}.parquet")
        region_rows += protected.height
        recoverable += audit.height
    return {"reference_rows": pooled_rows, "region_rows": region_rows, "recoverable_cells": recoverable}


def step_baseline(out: Path) -> dict[str, object]:
    import polars as pl

    rows = 0
    for folder in _folders(out):
        frame = pl.read_parquet(next((folder / "snapshot").glob("*.parquet")))
        frame.write_parquet(folder / "baseline.parquet")
        rows += frame.height
    return {"rows": rows}


def _child(step: str, args: argparse.Namespace) -> dict[str, object]:
    t = time.perf_counter()
    out = Path(args.out)
    if step == "generate":
        figures = step_generate(out, args.municipalities, args.pupils)
    elif step == "analyse":
        figures = step_analyse(out, args.jobs)
    elif step == "publish":
        figures = step_publish(out, args.regions)
    else:
        figures = step_baseline(out)
    return {
        "step": step,
        "seconds": round(time.perf_counter() - t, 2),
        "peak_mib": round(_peak_mib()),
        **figures,
    }


STEPS = ("generate", "analyse", "publish", "baseline")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=342)
    parser.add_argument("--pupils", type=int, default=1_000_000, help="enrolled pupils in the country")
    parser.add_argument("--regions", type=int, default=25, help="GGD regions (the 2026 count is 25)")
    parser.add_argument("--out", help="working folder (default: a temporary one, removed afterwards)")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="municipalities at once")
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(_child(args.step, args)), flush=True)
        return
    keep = args.out is not None
    out = Path(args.out or tempfile.mkdtemp(prefix="kansrijk-national-"))
    out.mkdir(parents=True, exist_ok=True)
    common = ["--out", str(out), "--municipalities", str(args.municipalities), "--pupils", str(args.pupils)]
    common += ["--regions", str(args.regions), "--jobs", str(args.jobs)]
    result: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "municipalities": args.municipalities,
        "pupils_enrolled": args.pupils,
        "load_start": [round(x, 2) for x in os.getloadavg()],
    }
    print(json.dumps(result), flush=True)
    steps = []
    try:
        for step in STEPS:
            done = subprocess.run(
                [sys.executable, __file__, "--step", step, *common],
                check=True,
                capture_output=True,
                text=True,
            )
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            figures["load"] = [round(x, 2) for x in os.getloadavg()]
            print(json.dumps(figures), flush=True)
            steps.append(figures)
    finally:
        if not keep:
            shutil.rmtree(out, ignore_errors=True)
    work = [s for s in steps if s["step"] != "baseline"]
    total = sum(float(s["seconds"]) for s in work)
    baseline = float(steps[-1]["seconds"])
    result.update(
        steps=steps,
        total_seconds=round(total, 1),
        peak_mib=max(int(s["peak_mib"]) for s in work),
        ratio_to_baseline=round(total / baseline, 1) if baseline else None,
        load_end=[round(x, 2) for x in os.getloadavg()],
    )
    print(json.dumps({k: v for k, v in result.items() if k != "steps"}), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
