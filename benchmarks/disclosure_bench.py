"""Benchmark: disclosure control over linked tables (``analysis.linked.protect``) on a municipality's wave.

    .venv/bin/python benchmarks/disclosure_bench.py [--pupils 4000] [--repeat 3] [--src /tmp/before/src]

Generates one synthetic wave (``kansrijk synth``, default 4,000 enrolled pupils: the demo municipality's
size), runs :func:`kansrijk.analysis.pipeline.run_analysis` once to get the full result table and its
declared margins, then times ``protect`` on them ``--repeat`` times, alternating with the same call in the
tree given by ``--src`` (e.g. ``git archive <commit> src | tar -x -C /tmp/before``) in a child process, so
both are measured in the same minutes of a shared machine. It checks that both suppress the same cells and
that the audit (:func:`kansrijk.analysis.linked.recoverable`) finds no recoverable cell. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TIME_PROTECT = r"""
import json, sys, time
import polars as pl
from kansrijk.analysis.linked import protect
table, links, out = pl.read_parquet(sys.argv[1]), pl.read_parquet(sys.argv[2]), sys.argv[3]
start = time.perf_counter()
result = protect(table, links)
seconds = time.perf_counter() - start
result.select("indicator", "domain_type", "domain", "suppressed").write_parquet(out)
print(json.dumps({"seconds": seconds}))
"""


def capture(folder: Path, pupils: int) -> tuple[Path, Path]:
    """The result table as it enters disclosure control, and its margins (from a real pipeline run)."""
    import kansrijk.analysis.pipeline as pipeline
    from kansrijk.instrument import load_xlsform
    from kansrijk.synth.dataset import generate_dataset

    generate_dataset(folder / "synth", pupils=pupils, waves=1, seed=7, reference=False)
    wave = next((folder / "synth" / "waves").glob("*/snapshot"))
    instrument = load_xlsform(sorted(wave.parent.glob("*.xlsx"))[0])
    seen = {}
    real = pipeline.protect

    def keep(table, links, rules=None):  # type: ignore[no-untyped-def,unused-ignore]
        seen["table"], seen["links"] = table, links
        return real(table, links, rules)

    pipeline.protect = keep
    try:
        pipeline.run_analysis(wave, instrument)
    finally:
        pipeline.protect = real
    seen["table"].write_parquet(folder / "table.parquet")
    seen["links"].write_parquet(folder / "links.parquet")
    return folder / "table.parquet", folder / "links.parquet"


def timed(src: Path, table: Path, links: Path, out: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-c", TIME_PROTECT, str(table), str(links), str(out)],
        env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return float(json.loads(done.stdout.strip().splitlines()[-1])["seconds"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--src", type=Path, help="another source tree to time in the same run")
    args = parser.parse_args()
    import polars as pl

    from kansrijk.analysis.linked import recoverable

    here = Path(__file__).resolve().parent.parent / "src"
    with tempfile.TemporaryDirectory(prefix="kansrijk-disclosure-") as tmp:
        folder = Path(tmp)
        table, links = capture(folder, args.pupils)
        ours, theirs = [], []
        for _ in range(args.repeat):
            ours.append(timed(here, table, links, folder / "ours.parquet"))
            if args.src:
                theirs.append(timed(args.src, table, links, folder / "theirs.parquet"))
        mine = pl.read_parquet(folder / "ours.parquet")
        full = pl.read_parquet(table)
        figures: dict[str, object] = {
            "cells": full.height,
            "indicators": full["indicator"].n_unique(),
            "suppressed": int(mine["suppressed"].is_not_null().sum()),
            "complementary": int((mine["suppressed"] == "complementary").sum()),
            "recoverable": recoverable(full, mine, pl.read_parquet(links)).height,
            "seconds_runs": [round(x, 3) for x in ours],
            "seconds": round(statistics.median(ours), 3),
            "load": [round(x, 2) for x in os.getloadavg()],
        }
        if args.src:
            other = pl.read_parquet(folder / "theirs.parquet")
            keys = ["indicator", "domain_type", "domain"]
            joined = mine.join(other, on=keys, suffix="_src")
            figures.update(
                src_seconds_runs=[round(x, 3) for x in theirs],
                src_seconds=round(statistics.median(theirs), 3),
                speed_up=round(statistics.median(theirs) / statistics.median(ours), 1),
                cells_suppressed_differently=int(
                    (joined["suppressed"].fill_null("") != joined["suppressed_src"].fill_null("")).sum()
                ),
            )
        print(json.dumps(figures))


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(json.dumps({"total_seconds": round(time.perf_counter() - start, 1)}), file=sys.stderr)
