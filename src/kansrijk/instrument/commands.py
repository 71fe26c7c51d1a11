"""``kansrijk instrument …``: check, import and export questionnaires as XLSForm.

Mounted by ``kansrijk.cli`` as a Typer sub-app. Bad input prints the located problems and exits with 2;
never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kansrijk.instrument.diff import diff_instruments
from kansrijk.instrument.errors import InstrumentErrors
from kansrijk.instrument.model import Instrument
from kansrijk.instrument.summary import Summary, summarize
from kansrijk.instrument.xlsform_read import load_xlsform
from kansrijk.instrument.xlsform_write import write_xlsform

app = typer.Typer(
    name="instrument",
    help="Questionnaires (instruments) as XLSForm: check, compare versions, export.",
    no_args_is_help=True,
)

EXIT_INVALID = 2


def _load(path: Path, console: Console) -> Instrument:
    try:
        return load_xlsform(path)
    except InstrumentErrors as exc:
        console.print(f"[bold red]{path}: {len(exc.errors)} problem(s)[/bold red]", highlight=False)
        for e in exc.errors:
            console.print(f"  [red]✗[/red] {e.location}: {e.message}", highlight=False, markup=False)
        raise typer.Exit(EXIT_INVALID) from None


def _print_summary(s: Summary, console: Console, show_missing: int) -> None:
    console.print(f"[bold]{s.title}[/bold]  ({s.code} version {s.version})", highlight=False)
    types = ", ".join(f"{n} {t}" for t, n in sorted(s.items_by_type.items()))
    console.print(f"  items:       {s.items} to answer ({types})", highlight=False)
    console.print(f"  pages:       {s.pages} ({s.matrices} matrix groups)", highlight=False)
    console.print(f"  choice lists:{s.choice_lists:>4}", highlight=False)
    console.print(f"  indicators:  {s.indicators}", highlight=False)
    console.print(f"  languages:   {' '.join(s.languages)}", highlight=False)
    console.print(
        f"  completion:  about {s.minutes:.0f} minutes for a slow reader ({s.words} Dutch words)",
        highlight=False,
    )
    missing = s.missing_by_language()
    if not missing:
        console.print("  translations: complete", highlight=False)
        return
    per_lang = ", ".join(f"{lang}: {n}" for lang, n in missing.items())
    console.print(
        f"  [yellow]missing translations (Dutch is shown instead): {per_lang}[/yellow]", highlight=False
    )
    for m in s.missing_translations[:show_missing]:
        console.print(f"    - {m}", highlight=False, markup=False)
    if len(s.missing_translations) > show_missing:
        console.print(
            f"    … and {len(s.missing_translations) - show_missing} more (use --all)", highlight=False
        )


@app.command("check")
def check(
    file: Annotated[Path, typer.Argument(help="The XLSForm (.xlsx) to check.")],
    against: Annotated[
        Path | None, typer.Option("--against", help="An earlier version (.xlsx): list what changed.")
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="List every missing translation.")] = False,
) -> None:
    """Validate an XLSForm and print a summary; --against lists added/removed/changed items and indicators.

    Exit code 0 when valid, 2 with a list of problems (sheet, row, column, what is wrong) otherwise.
    Sheets: survey, choices, settings (form_title, form_id, version, default_language) and optionally
    indicators (code, label::…, domain, risk_groups, expression, denominator, unit, direction, min_answered).
    See docs/developers/xlsform.md.
    """
    console = Console(highlight=False)
    instrument = _load(file, console)
    _print_summary(summarize(instrument), console, show_missing=10**9 if show_all else 20)
    if against is None:
        return
    old = _load(against, console)
    diff = diff_instruments(old, instrument)
    console.print(f"\n[bold]Changes since {old.code} version {old.version}[/bold]", highlight=False)
    if diff.unchanged:
        console.print("  none: every item and indicator is comparable", highlight=False)
    for change in diff.changes:
        console.print(f"  {change}", highlight=False, markup=False)
    items, indicators = len(diff.comparable_items), len(diff.comparable_indicators)
    console.print(f"  comparable for trends: {items} items, {indicators} indicators", highlight=False)


@app.command("normalise")
def export(
    file: Annotated[Path, typer.Argument(help="The XLSForm (.xlsx) to read.")],
    output: Annotated[Path, typer.Argument(help="Where to write the normalised XLSForm (.xlsx).")],
) -> None:
    """Read, validate and write an XLSForm in Kansrijk's normalised layout (deterministic bytes)."""
    console = Console(highlight=False)
    instrument = _load(file, console)
    write_xlsform(instrument, output)
    console.print(f"wrote {output}", highlight=False)
