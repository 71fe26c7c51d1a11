"""``kansrijk synth``: write a synthetic municipality (areas, schools, enrolment, context, snapshots)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from kansrijk.geo import GeoError
from kansrijk.snapshot import SnapshotError
from kansrijk.synth.dataset import SynthError, generate_dataset

app = typer.Typer(help="Synthetic data: the fictional Gemeente Voorbeeld (GM9999) with realistic structure.")


@app.callback(invoke_without_command=True)
def synth(
    out: Annotated[Path, typer.Option("--out", help="Folder to write to (must be empty or absent).")],
    pupils: Annotated[
        int, typer.Option("--pupils", help="Enrolled pupils in the target grades, per wave.")
    ] = 7000,
    waves: Annotated[int, typer.Option("--waves", help="Number of biennial waves, ending in 2023.")] = 3,
    seed: Annotated[int, typer.Option("--seed", help="Same seed → byte-identical output.")] = 1,
    grades: Annotated[str, typer.Option("--grades", help="Target grades, comma-separated.")] = "2,4",
    reference: Annotated[
        bool, typer.Option("--reference/--no-reference", help="Also write reference.csv.")
    ] = True,
) -> None:
    """Generate areas.geojson, CSVs (';', UTF-8 BOM, decimal comma) and one Snapshot v1 per wave.

    Files and columns: docs/methods/synthetic-data.md.
    """
    console = Console(stderr=True)
    try:
        grade_tuple = tuple(int(g) for g in grades.split(",") if g.strip())
    except ValueError:
        console.print(f"[red]--grades {grades!r}: give numbers like 2,4[/red]")
        raise typer.Exit(2) from None
    try:
        columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console) as bar:
            task = bar.add_task("synth", total=1.0)

            def report(message: str, fraction: float) -> None:
                bar.update(task, completed=fraction, description=message)

            result = generate_dataset(
                out,
                pupils=pupils,
                waves=waves,
                seed=seed,
                grades=grade_tuple,
                reference=reference,
                progress=report,
            )
    except (SynthError, SnapshotError, GeoError) as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    for note in result.notes:
        console.print(f"[yellow]note:[/yellow] {note}")
    for wave in result.waves:
        console.print(f"wave {wave.year}: {wave.respondents} respondents → {wave.folder}")
