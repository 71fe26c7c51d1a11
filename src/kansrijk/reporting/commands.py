"""``kansrijk report …``: codebooks, charts and microdata exports from the command line.

Mounted by ``kansrijk.cli`` as a Typer sub-app. Bad input prints what is wrong and how to fix it and exits 2.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.console import Console

from kansrijk.reporting.errors import ReportingError

app = typer.Typer(name="report", help="Reports, charts, codebooks and data exports.", no_args_is_help=True)

EXIT_INVALID = 2
EXPORT_FORMATS = ("csv", "csv-plain", "xlsx", "parquet", "sav")


def _fail(console: Console, message: str) -> None:
    console.print(f"[bold red]✗[/bold red] {message}", highlight=False)
    raise typer.Exit(EXIT_INVALID)


def _instrument(path: Path, console: Console):  # type: ignore[no-untyped-def]
    from kansrijk.instrument import InstrumentErrors, load_xlsform

    try:
        return load_xlsform(path)
    except InstrumentErrors as exc:
        _fail(
            console,
            f"{path}: {len(exc.errors)} problem(s) in the instrument; run `kansrijk instrument check`",
        )
    except OSError as exc:
        _fail(console, f"{path}: cannot be read ({exc.strerror})")


@app.command()
def codebook(
    instrument: Annotated[Path, typer.Argument(help="The instrument as XLSForm (.xlsx).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file: .html or .pdf.")],
    lang: Annotated[str, typer.Option(help="Language of headings and answer labels (nl or en).")] = "nl",
) -> None:
    """Write the codebook (every variable, its question, codes and condition; every indicator)."""
    from kansrijk.reporting.codebook import codebook_html, codebook_pdf

    console = Console(stderr=True)
    inst = _instrument(instrument, console)
    if out.suffix.lower() not in (".html", ".pdf"):
        _fail(console, f"{out}: use a .html or .pdf file name")
    if out.suffix.lower() == ".pdf":
        out.write_bytes(codebook_pdf(inst, lang=lang))
    else:
        out.write_text(codebook_html(inst, lang=lang), encoding="utf-8")
    console.print(f"codebook written to {out}", highlight=False)


@app.command()
def chart(
    spec: Annotated[Path, typer.Argument(help="A Vega-Lite spec (JSON).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file: .svg, .png or .pdf.")],
    scale: Annotated[float, typer.Option(help="PNG scale factor.")] = 2.0,
) -> None:
    """Render a Vega-Lite chart spec to SVG, PNG or PDF (Vega-Lite 6.4, as on the web pages)."""
    from kansrijk.reporting.render import to_pdf, to_png, to_svg

    console = Console(stderr=True)
    try:
        data = json.loads(spec.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        _fail(console, f"{spec}: not a readable JSON file ({exc})")
    suffix = out.suffix.lower()
    try:
        if suffix == ".svg":
            out.write_text(to_svg(data), encoding="utf-8")
        elif suffix == ".png":
            out.write_bytes(to_png(data, scale))
        elif suffix == ".pdf":
            out.write_bytes(to_pdf(data))
        else:
            _fail(console, f"{out}: use a .svg, .png or .pdf file name")
    except ReportingError as exc:
        _fail(console, str(exc))
    console.print(f"chart written to {out}", highlight=False)


@app.command()
def export(
    data: Annotated[Path, typer.Argument(help="A table or microdata as Parquet (e.g. responses.parquet).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file.")],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="csv (Dutch Excel: ';', decimal comma, BOM), csv-plain, xlsx, "
            "parquet or sav (SPSS, needs --instrument).",
        ),
    ] = "csv",
    instrument: Annotated[Path | None, typer.Option(help="XLSForm for SPSS labels.")] = None,
    lang: Annotated[str, typer.Option(help="Language of SPSS labels.")] = "nl",
) -> None:
    """Export a Parquet table as CSV, Excel, Parquet or SPSS (formula-safe text cells)."""
    from kansrijk.reporting.exports import csv_bytes, excel_bytes, parquet_bytes, write_spss

    console = Console(stderr=True)
    if fmt not in EXPORT_FORMATS:
        _fail(console, f"unknown format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    try:
        frame = pl.read_parquet(data)
    except (OSError, pl.exceptions.ComputeError) as exc:
        _fail(console, f"{data}: not a readable Parquet file ({exc})")
    try:
        if fmt == "csv":
            out.write_bytes(csv_bytes(frame))
        elif fmt == "csv-plain":
            out.write_bytes(csv_bytes(frame, dialect="plain"))
        elif fmt == "xlsx":
            out.write_bytes(excel_bytes({data.stem: frame}))
        elif fmt == "parquet":
            out.write_bytes(parquet_bytes(frame))
        else:
            if instrument is None:
                _fail(console, "SPSS export needs --instrument (the XLSForm) for variable and value labels")
            assert instrument is not None
            write_spss(frame, out, _instrument(instrument, console), lang=lang)
    except ReportingError as exc:
        _fail(console, str(exc))
    console.print(f"{frame.height} rows written to {out}", highlight=False)
