"""`kansrijk analyse …`: design-based estimates from a CSV/Parquet file (the lead mounts `app` in cli.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.console import Console

from kansrijk.analysis.design import SurveyDesign
from kansrijk.analysis.disclosure import suppress
from kansrijk.analysis.errors import AnalysisError
from kansrijk.analysis.estimate import estimate

app = typer.Typer(help="Design-based estimates (means, proportions, totals) with SE, CI and suppression.")
err = Console(stderr=True)


@app.callback()
def main() -> None:
    """Design-based estimates from a respondents file."""


def _read(path: Path) -> pl.DataFrame:
    if path.suffix == ".parquet":
        return pl.read_parquet(path)
    if path.suffix == ".csv":
        return pl.read_csv(path, infer_schema_length=None)
    raise AnalysisError(str(path), "unknown file type", "give a .csv or .parquet file")


@app.command("estimate")
def estimate_command(
    data: Annotated[Path, typer.Argument(help="Respondents: .csv or .parquet, one row per pupil.")],
    variable: Annotated[list[str], typer.Option("--var", help="Column to estimate (repeat).")],
    by: Annotated[list[str] | None, typer.Option("--by", help="Domain column (repeat to cross).")] = None,
    statistic: Annotated[str, typer.Option(help="mean | proportion | total")] = "mean",
    psu: Annotated[str | None, typer.Option(help="Cluster column (class).")] = "class_id",
    strata: Annotated[str | None, typer.Option(help="Stratum column (school).")] = "school_id",
    weights: Annotated[str | None, typer.Option(help="Weight column; none = equal weights.")] = None,
    protect: Annotated[
        bool, typer.Option("--suppress/--no-suppress", help="Apply disclosure control.")
    ] = True,
    out: Annotated[Path | None, typer.Option(help="Write the table to this .csv (default: print).")] = None,
) -> None:
    """Estimate each --var in each domain of --by and print or write the table."""
    try:
        frame = _read(data)
        design = SurveyDesign(psu=psu or None, strata=strata or None, weights=weights)
        table = estimate(frame, design, variable, by or [], statistic)  # type: ignore[arg-type]
        if protect:
            table = suppress(table)
    except AnalysisError as exc:
        err.print(
            f"[red]{exc.place}[/red]: {exc.message}" + (f"\n[bold]Fix:[/bold] {exc.fix}" if exc.fix else "")
        )
        raise typer.Exit(2) from exc
    if out:
        table.write_csv(out)
    else:
        print(table.write_csv(), end="")
