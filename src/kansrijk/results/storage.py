"""Where a run's files live: ``MEDIA_ROOT/results/<wave code>/<run version>/`` (Parquet, CSV, meta.json).

Files are written once per run and never changed, so a report or an export of an old run stays reproducible.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings

from .models import AnalysisRun


def results_root() -> Path:
    return Path(getattr(settings, "KANSRIJK_RESULTS_DIR", "") or Path(settings.MEDIA_ROOT) / "results")


def run_folder(run: AnalysisRun) -> Path:
    return results_root() / run.wave.municipality.code / run.wave.code / str(run.version)


def reference_file(municipality_code: str) -> Path | None:
    """The reference table (other municipalities' published aggregates) used for this municipality.

    ``results/reference/<GMcode>.parquet|csv`` first, then a shared
    ``results/reference/reference.parquet|csv``;
    None when neither exists (the result table then has no reference columns filled).
    """
    folder = results_root() / "reference"
    for name in (municipality_code, "reference"):
        for suffix in (".parquet", ".csv"):
            path = folder / f"{name}{suffix}"
            if path.is_file():
                return path
    return None


def write_frames(folder: Path, frames: dict[str, pl.DataFrame | None], meta: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        if frame is None:
            continue
        frame.write_parquet(folder / f"{name}.parquet", compression="zstd")
        if name == "results":
            frame.write_csv(folder / "results.csv")
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2, default=str), "utf-8")


def read_frame(run: AnalysisRun, name: str) -> pl.DataFrame | None:
    """One stored frame of a run (``cleaning``, ``weights``, ``response``, ``microdata``…) or None."""
    if not run.folder:
        return None
    path = Path(run.folder) / f"{name}.parquet"
    return pl.read_parquet(path) if path.is_file() else None
