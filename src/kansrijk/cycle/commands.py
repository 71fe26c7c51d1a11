"""``kansrijk import context|provision FILE --gemeente GM9999`` (mounted by ``kansrijk.cli``).

Both read CSV in Dutch conventions (``;``, decimal comma, UTF-8 or Windows-1252) or Excel (.xlsx). A file
with any error imports nothing; every error is printed with row, column and what to change (exit code 2).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kansrijk.accounts.commands import GemeenteOption, import_errors, import_target

console = Console()
app = typer.Typer(help="Import data a municipality brings.", no_args_is_help=True)

CONTEXT_HELP = """Context figures per area and period (e.g. children in poverty, Veilig Thuis reports).

Columns (header row, any order): gebiedcode; gebiedsniveau (gemeente|wijk|buurt|pc4, optional);
indicator (code, e.g. kinderen_armoede); omschrijving; periode (e.g. 2024); waarde (decimal comma);
eenheid (percentage|aantal|…); bron; peildatum (2025-03-01 or 1-3-2025). Exactly what `kansrijk synth` writes.
"""

PROVISION_HELP = """The catalogue of what the city offers young people (aanbod).

Columns: aanbieder; activiteit;
soort (sport|cultuur|jongerenwerk|ggz_inloop|armoederegeling|opvoeding|overig);
omschrijving; locatie; wijkcode (WK…); leeftijd_van; leeftijd_tot; kosten_per_jaar (decimal comma);
armoederegeling (ja|nee: covered by a poverty scheme); regeling; themas (1,2,3); risicogroepen (codes, comma
separated); beschermende_factoren (codes, comma separated); website.
"""

FileArgument = Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)]


def _run(kind: str, path: Path, code: str | None) -> None:
    municipality = import_target(path, code)
    from . import services

    importer = services.import_context if kind == "context" else services.import_provision
    with import_errors(path.name):
        summary = importer(None, municipality, path.read_bytes(), path.name)
    console.print(
        f"[green]✓[/green] {summary.total} rows imported ({summary.created} new, {summary.updated} updated) "
        f"for {municipality}"
    )


@app.command("context", help=CONTEXT_HELP)
def context(path: FileArgument, gemeente: GemeenteOption = None) -> None:
    _run("context", path, gemeente)


@app.command("provision", help=PROVISION_HELP)
def provision(path: FileArgument, gemeente: GemeenteOption = None) -> None:
    _run("provision", path, gemeente)


@app.command("startset")
def starter_set(
    name: Annotated[str, typer.Argument(help="The starter set: maastricht-2018.")] = "maastricht-2018",
    gemeente: GemeenteOption = None,
) -> None:
    """Load the figures of a starter set (maastricht-2018: every figure of Kinderen op de Kaart, Maastricht
    2018, with page and quote) as context figures of the municipality that chooses it. Loading again replaces
    the set's figures only; every page names them "Maastricht, 2018"."""
    from . import services

    starter = services.STARTER_SETS.get(name)
    if starter is None:
        console.print(
            f"[red]Unknown starter set {name}[/red]: choose from {', '.join(services.STARTER_SETS)}"
        )
        raise typer.Exit(2)
    municipality = import_target(starter.path, gemeente)
    n = services.load_starter_set(None, municipality, name)
    console.print(f"[green]✓[/green] {n} figures of {starter.label} loaded for {municipality}")
