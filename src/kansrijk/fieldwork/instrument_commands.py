"""``kansrijk instrument import FILE.xlsx`` and ``kansrijk instrument export CODE --version V FILE.xlsx``.

The database-backed half of ``kansrijk instrument`` (``check`` lives in the library and needs no database).
Register the commands of ``app`` into the ``instrument`` group of ``kansrijk.cli``. Django is set up lazily,
inside each command, so ``kansrijk instrument check`` keeps working without settings. Both commands call
``fieldwork.instrument_services`` — the same rules as the web page — and write the audit log as ``system``.
Problems a user can fix are printed with their sheet, row and column and exit with code 2; never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

EXIT_INVALID = 2

app = typer.Typer(
    name="instrument",
    help="Questionnaire versions in the database: import an XLSForm, export a stored version.",
    no_args_is_help=True,
)


def _console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _setup() -> None:
    from kansrijk.cli import setup_django

    setup_django()


def _fail(console: Console, message: str) -> typer.Exit:
    console.print(message, style="red", markup=False)
    return typer.Exit(EXIT_INVALID)


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="The XLSForm (.xlsx) to store as a new instrument version.")],
) -> None:
    """Validate an XLSForm and store it as a new version (code = form_id, version = settings.version).

    The same file again changes nothing (exit 0). A version that is already stored with other contents is
    refused: versions never change, because the snapshots of every wave name them by sha256 — raise
    settings.version instead. A file with problems stores nothing; each problem is listed with its sheet,
    row and column. Exit code 0 when stored (or already there), 2 otherwise.
    """
    console = _console()
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise _fail(console, f"{file}: cannot read the file ({exc.strerror or exc})") from None
    _setup()
    from .instrument_services import InstrumentImportFailed, import_instrument

    try:
        result = import_instrument(None, data, filename=file.name)
    except InstrumentImportFailed as exc:
        console.print(f"[bold red]{file}: nothing stored, {len(exc.errors)} problem(s)[/bold red]")
        for error in exc.errors:
            console.print(f"  ✗ {error.location}: {error.message}", markup=False)
        raise typer.Exit(EXIT_INVALID) from None
    v = result.version
    if result.created:
        console.print(f"stored {v.code} version {v.version} ({v.title}), sha256 {v.sha256}", markup=False)
    else:
        console.print(
            f"already stored as {v.code} version {v.version} (sha256 {v.sha256}); nothing changed",
            markup=False,
        )


@app.command("export")
def export_command(
    code: Annotated[str, typer.Argument(help="Code of the instrument (its form_id), e.g. oko_kern.")],
    output: Annotated[Path, typer.Argument(help="Where to write the XLSForm (.xlsx).")],
    version: Annotated[str, typer.Option("--version", "-v", help="The version, e.g. 2025.1.")],
) -> None:
    """Write a stored instrument version's XLSForm, byte for byte as it was imported (same sha256).

    Exit code 0 when written, 2 when the version does not exist or the file cannot be written.
    """
    console = _console()
    _setup()
    from .instrument_services import export_instrument, get_version
    from .services import FieldworkError

    try:
        stored = get_version(code, version)
        data = export_instrument(None, stored)
    except FieldworkError as exc:  # no such version, or stored bytes that no longer match their sha256
        raise _fail(console, str(exc)) from None
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise _fail(console, f"{output}: cannot write the file ({exc.strerror or exc})") from None
    console.print(f"wrote {output} ({len(data)} bytes, sha256 {stored.sha256})", markup=False)
