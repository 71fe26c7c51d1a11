"""``kansrijk import schools|areas|pc4 FILE --gemeente GM9999`` and what every ``kansrijk import`` shares.

``kansrijk.cli`` gathers one ``kansrijk import`` group from the importers of each app (accounts: schools,
areas, PC4; fieldwork: enrolment, classes; cycle: context, provision). All of them take the municipality as
``--gemeente`` (default: the only one in the database), read with :mod:`kansrijk.tabular` or
:mod:`kansrijk.geo`, import all or nothing, and print every problem with its row and column, exiting with
code 2 (no traceback).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

console = Console()
import_app = typer.Typer(
    help="Import what a municipality brings (CSV with ';' in UTF-8 or Windows-1252, .xlsx, GeoJSON).",
    no_args_is_help=True,
)

#: The one municipality option of every ``kansrijk import`` subcommand.
GemeenteOption = Annotated[
    str | None,
    typer.Option("--gemeente", help="CBS code of the municipality, e.g. GM9999; default: the only one."),
]
FileArgument = Annotated[Path, typer.Argument(help="CSV (';', decimal comma) or .xlsx")]


def old_gemeente_name(name: str) -> str:
    """Read ``--municipality``, the old name of ``--gemeente`` in ``kansrijk wave`` and ``kansrijk sso``, as
    ``--gemeente``: unlisted in ``--help`` and with a warning, so scripts written for it keep working for now.

    A click ``token_normalize_func`` (``context_settings`` of those Typer apps): it gets option names
    without their dashes, once per option given.
    """
    if name == "municipality":
        Console(stderr=True).print("[yellow]--municipality is now --gemeente; the old name will go.[/yellow]")
        return "gemeente"
    return name


def fail(message: str) -> None:
    console.print(f"[red]Error:[/red] {message}")
    raise typer.Exit(2)


def import_target(file: Path, code: str | None) -> Any:
    """Set Django up and return the municipality an import is for; exits 2 with the fix otherwise."""
    from kansrijk.cli import setup_django

    if not file.is_file():
        fail(f"{file} does not exist")
    setup_django()
    from .models import Municipality

    qs = Municipality.objects.all()
    target = qs.filter(code=code).first() if code else (qs.first() if qs.count() == 1 else None)
    if target is None:
        fail(
            f"unknown municipality {code}; create it first (kansrijk demo creates GM9999)"
            if code
            else "name the municipality with --gemeente GM…"
        )
    return target


@contextmanager
def import_errors(filename: str) -> Iterator[None]:
    """Print the problems of a refused file (row, column, fix) and exit 2."""
    from kansrijk.tabular import ImportFileError

    from .importers import AreasImportError

    try:
        yield
    except ImportFileError as exc:
        console.print(f"[red]{filename}: nothing imported, {len(exc.errors)} problem(s):[/red]")
        for error in exc.errors:
            console.print(f"  - {error}", highlight=False)
        raise typer.Exit(2) from None
    except AreasImportError as exc:
        fail(f"nothing imported: {exc}")


@import_app.command("schools")
def import_schools(file: FileArgument, gemeente: GemeenteOption = None) -> None:
    """Schools. Columns: brin;vestiging;naam[;niveaus (vmbo+havo)][;buurtcode][;adres] — or school_id (12AB00)
    instead of brin + vestiging. Existing schools (same BRIN + vestiging) are updated."""
    municipality = import_target(file, gemeente)
    from .importers import import_schools as run

    with import_errors(file.name):
        result = run(None, municipality, file.read_bytes(), file.name)
    console.print(f"[green]✓[/green] schools: {result}")


@import_app.command("areas")
def import_areas(
    file: Annotated[
        Path, typer.Argument(help="GeoJSON of the CBS/PDOK wijk- en buurtkaart (WGS84 or RD New).")
    ],
    gemeente: GemeenteOption = None,
) -> None:
    """Wijk and buurt boundaries (GeoJSON; properties gemeentecode, wijkcode/wijknaam, buurtcode/buurtnaam).

    WGS84 and RD New (EPSG:28992) files are both accepted."""
    municipality = import_target(file, gemeente)
    from .importers import import_areas as run

    with import_errors(file.name):
        counts = run(None, municipality, file)
    what = f"{counts.wijken} wijken and {counts.buurten} buurten"
    console.print(f"[green]✓[/green] {what} of {municipality} ({counts.crs})")


@import_app.command("pc4")
def import_pc4(
    file: Annotated[Path, typer.Argument(help="CSV with pc4;wijkcode;aandeel (decimal comma; ; separator).")],
    gemeente: GemeenteOption = None,
) -> None:
    """PC4 → wijk table (pc4;wijkcode;aandeel), after the areas: a pupil's wijk from their postcode."""
    municipality = import_target(file, gemeente)
    from .importers import import_pc4_wijk

    with import_errors(file.name):
        rows = import_pc4_wijk(None, municipality, file.read_bytes(), file.name)
    console.print(f"[green]✓[/green] {rows} PC4 → wijk rows for {municipality}")
