"""``kansrijk analyse SNAPSHOT [--previous SNAPSHOT…] [--reference FILE] --out DIR`` — the full result table.

A single command (registered by ``kansrijk.cli``), not a group, so options may follow the snapshot.

The instrument of a snapshot is the XLSForm next to it (as ``kansrijk synth`` and fieldwork's close write
it) or the one given with ``--instrument``; its sha256 must match the snapshot's meta, so a table is never
computed with the wrong questionnaire.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kansrijk.analysis.errors import AnalysisError
from kansrijk.analysis.multiplicity import GuardRules
from kansrijk.analysis.pipeline import AnalysisOptions, AnalysisResult, run_analysis
from kansrijk.analysis.reference import read_reference
from kansrijk.analysis.weights import WeightingRules
from kansrijk.instrument import Instrument, InstrumentErrors, load_xlsform
from kansrijk.snapshot import Snapshot, SnapshotError, read_snapshot

console = Console(stderr=True)


def _instrument_for(snapshot: Snapshot, folder: Path, given: Path | None) -> Instrument:
    candidates = [given] if given else sorted(folder.parent.glob("*.xlsx")) + sorted(folder.glob("*.xlsx"))
    expected = snapshot.meta.instrument.sha256
    for path in candidates:
        if path is not None and path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == expected:
            return load_xlsform(path)
    raise AnalysisError(
        str(folder),
        f"no XLSForm with sha256 {expected[:12]}… (instrument {snapshot.meta.instrument.code} "
        f"{snapshot.meta.instrument.version}) next to the snapshot",
        "pass the questionnaire the wave used with --instrument FILE.xlsx",
    )


def _school_types(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    frame = pl.read_csv(path, separator=";", infer_schema=False, encoding="utf8-lossy")
    frame = frame.rename({c: c.lstrip("\ufeff") for c in frame.columns})
    if not {"school_id", "schooltype"} <= set(frame.columns):
        raise AnalysisError(
            str(path), "needs the columns school_id;schooltype", "see docs/methods/synthetic-data.md"
        )
    return dict(zip(frame["school_id"], frame["schooltype"], strict=True))


def _analyse(folder: Path, instrument: Path | None, **kwargs: object) -> AnalysisResult:
    snapshot = read_snapshot(folder)
    return run_analysis(snapshot, _instrument_for(snapshot, folder, instrument), **kwargs)  # type: ignore[arg-type]


def analyse(
    snapshot: Annotated[Path, typer.Argument(help="Snapshot folder (responses.parquet + meta.json).")],
    out: Annotated[
        Path, typer.Option(help="Folder for results.parquet/.csv, cleaning, weights, response, meta.")
    ],
    previous: Annotated[
        list[Path] | None,
        typer.Option("--previous", help="Snapshot of an earlier wave (repeat), for trends."),
    ] = None,
    reference: Annotated[
        Path | None,
        typer.Option(
            help="Published tables of other municipalities (CSV: gemeentecode;indicator;jaar;schatting;se;n)."
        ),
    ] = None,
    instrument: Annotated[
        Path | None, typer.Option(help="The wave's XLSForm (default: the one beside the snapshot).")
    ] = None,
    schools: Annotated[
        Path | None,
        typer.Option(help="schools.csv with school_id;schooltype (school-type domain and weighting cells)."),
    ] = None,
    min_cell_n: Annotated[
        int, typer.Option(help="Weighting: fewest respondents in a cell before it is pooled across schools.")
    ] = WeightingRules().min_cell_n,
    trim: Annotated[
        float | None, typer.Option(help="Weighting: cap weights at this multiple of the median (e.g. 3.5).")
    ] = None,
    min_difference: Annotated[
        float, typer.Option(help="Smallest difference in percentage points that a flag needs (default 3).")
    ] = 100 * GuardRules().min_difference_percentage,
) -> None:
    """Clean, weight, estimate every indicator for every domain, trends, reference, disclosure control."""
    try:
        ref = read_reference(reference) if reference else None
        types = _school_types(schools)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task("analyse", total=1.0)

            def progress(step: str, fraction: float) -> None:
                bar.update(task, description=step, completed=fraction)

            options = AnalysisOptions(
                weighting=WeightingRules(min_cell_n=min_cell_n, trim=trim),
                guard=GuardRules(min_difference_percentage=min_difference / 100),
            )
            earlier = [_analyse(p, None, school_types=types, options=options) for p in previous or []]
            result = _analyse(
                snapshot,
                instrument,
                school_types=types,
                previous=earlier,
                reference=ref,
                options=options,
                progress=progress,
            )
        result.write(out)
    except (AnalysisError, SnapshotError, InstrumentErrors) as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    table = result.table
    summary = Table(
        title=f"{result.meta['wave_name']} — {result.meta['kept']} of {result.meta['respondents']} kept"
    )
    for column in ("rows", "indicators", "suppressed", "significant trends", "wijken higher/lower"):
        summary.add_column(column)
    summary.add_row(
        str(table.height),
        str(table["indicator"].n_unique()),
        str(table["suppressed"].is_not_null().sum()),
        str(table["trend"].is_in(["higher", "lower"]).sum()),
        str(table.filter(pl.col("domain_type") == "wijk")["vs_total"].is_in(["higher", "lower"]).sum()),
    )
    Console().print(summary)
    console.print(result.meta["coverage"]["sentence"])
    console.print(f"written to {out}")
