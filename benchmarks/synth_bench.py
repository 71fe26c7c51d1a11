"""Benchmark: synthetic generation of 1,000,000 pupils (one wave) — wall time and peak memory.

Each measurement runs in a fresh Python process so its peak resident memory (``ru_maxrss``) is its own. The
baseline, measured in the same run on the same machine, generates the same number of rows × columns of plain
uniform random numbers with NumPy and puts them in a Polars frame; the ratio synth/baseline is the figure to
compare across machines.

    .venv/bin/python benchmarks/synth_bench.py [--pupils 1000000] [--repeat 1] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import textwrap

SYNTH = textwrap.dedent(
    """
    import json, resource, sys, time
    from kansrijk.synth.dataset import generate_dataset
    from kansrijk.snapshot import read_snapshot
    t = time.perf_counter()
    r = generate_dataset(sys.argv[1], pupils=int(sys.argv[2]), waves=1, seed=1, reference=False)
    seconds = time.perf_counter() - t
    snap = read_snapshot(r.waves[0].folder)
    print(json.dumps({"seconds": seconds, "rows": snap.meta.row_count, "columns": snap.responses.width,
                      "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    """
)

BASELINE = textwrap.dedent(
    """
    import json, resource, sys, time
    import numpy as np, polars as pl
    rows, columns = int(sys.argv[1]), int(sys.argv[2])
    t = time.perf_counter()
    rng = np.random.default_rng(1)
    frame = pl.DataFrame({f"c{i}": rng.random(rows) for i in range(columns)})
    seconds = time.perf_counter() - t
    print(json.dumps({"seconds": seconds, "rows": frame.height, "columns": frame.width,
                      "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    """
)


def _run(code: str, *args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=1_000_000, help="enrolled pupils (one wave)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    runs = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            synth = _run(SYNTH, os.path.join(tmp, "out"), str(args.pupils))
        base = _run(BASELINE, str(int(synth["rows"])), str(int(synth["columns"])))
        runs.append({"synth": synth, "baseline": base})
    best = min(runs, key=lambda r: r["synth"]["seconds"])
    s, b = best["synth"], best["baseline"]
    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "pupils_enrolled": args.pupils,
        "respondents": int(s["rows"]),
        "columns": int(s["columns"]),
        "synth_seconds": round(s["seconds"], 2),
        "synth_peak_mib": round(s["peak_mib"]),
        "baseline_seconds": round(b["seconds"], 2),
        "baseline_peak_mib": round(b["peak_mib"]),
        "time_ratio": round(s["seconds"] / b["seconds"], 1),
        "memory_ratio": round(s["peak_mib"] / b["peak_mib"], 2),
    }
    print(json.dumps(result, indent=2))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=2)


if __name__ == "__main__":
    main()
