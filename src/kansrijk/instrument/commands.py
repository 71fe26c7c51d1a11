"""``kansrijk instrument …``: check, import and export questionnaires as XLSForm.

Mounted by ``kansrijk.cli`` as a Typer sub-app. Bad input prints the located problems and exits with 2;
never a traceback. Output is styled on a terminal and plain text otherwise (log files, CI): no markup is
ever printed literally, and lines are never wrapped by Kansrijk — only by the terminal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from kansrijk.instrument.diff import diff_instruments
from kansrijk.instrument.errors import InstrumentError, InstrumentErrors
from kansrijk.instrument.model import Instrument
from kansrijk.instrument.summary import Summary, summarize
from kansrijk.instrument.xlsform_read import read_xlsform
from kansrijk.instrument.xlsform_write import write_xlsform

app = typer.Typer(
    name="instrument",
    help="Questionnaires (instruments) as XLSForm: check, compare versions, export.",
    no_args_is_help=True,
)

EXIT_INVALID = 2


def output_console() -> Console:
    """A console that styles only on a terminal and never wraps: Rich's own wrapping at 80 columns is off
    (``soft_wrap``), markup is off (messages quote the author's cells, which may hold ``[...]``), and
    styles are given as :class:`Text` spans, which Rich drops when the output is not a terminal."""
    return Console(highlight=False, soft_wrap=True, markup=False, emoji=False)


def _line(console: Console, *parts: str | tuple[str, str]) -> None:
    console.print(Text.assemble(*parts))


def _load(path: Path, console: Console) -> tuple[Instrument, list[InstrumentError]]:
    try:
        return read_xlsform(path)
    except InstrumentErrors as exc:
        _line(console, (f"{path}: {len(exc.errors)} problem(s)", "bold red"))
        for e in exc.errors:
            _line(console, "  ", ("✗", "red"), f" {e.location}: {e.message}")
        raise typer.Exit(EXIT_INVALID) from None


def _print_warnings(warnings: list[InstrumentError], console: Console, show: int) -> None:
    if not warnings:
        return
    _line(
        console,
        (
            f"  warning: {len(warnings)} labels without Dutch (nl) — a wave that offers Dutch cannot open "
            "with this form until they are added",
            "yellow",
        ),
    )
    for w in warnings[:show]:
        _line(console, "    ", ("!", "yellow"), f" {w.location}: {w.message}")
    if len(warnings) > show:
        console.print(f"    … and {len(warnings) - show} more (use --all)")


def _print_summary(s: Summary, console: Console, show_missing: int) -> None:
    _line(console, (s.title, "bold"), f"  ({s.code} version {s.version})")
    types = ", ".join(f"{n} {t}" for t, n in sorted(s.items_by_type.items()))
    console.print(f"  items:       {s.items} to answer ({types})")
    console.print(f"  pages:       {s.pages} ({s.matrices} matrix groups)")
    console.print(f"  choice lists:{s.choice_lists:>4}")
    console.print(f"  indicators:  {s.indicators}")
    console.print(f"  languages:   {' '.join(s.languages)}")
    console.print(
        f"  completion:  about {s.minutes:.0f} minutes for a slow reader ({s.words} Dutch words)",
    )
    missing = s.missing_by_language()
    if not missing:
        console.print("  translations: complete")
        return
    per_lang = ", ".join(f"{lang}: {n}" for lang, n in missing.items())
    _line(console, (f"  missing translations (Dutch is shown instead): {per_lang}", "yellow"))
    for m in s.missing_translations[:show_missing]:
        console.print(f"    - {m}")
    if len(s.missing_translations) > show_missing:
        console.print(f"    … and {len(s.missing_translations) - show_missing} more (use --all)")


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
    Sheets: survey, choices, settings (form_title, form_id, version, default_language; optional — without
    it the form id is the file name and the version sha- + 12 hex digits of the file's sha256) and optionally
    indicators (code, label::…, domain, risk_groups, expression, denominator, unit, direction, min_answered).
    See docs/developers/xlsform.md.
    """
    console = output_console()
    instrument, warnings = _load(file, console)
    show = 10**9 if show_all else 20
    _print_summary(summarize(instrument), console, show_missing=show)
    _print_warnings(warnings, console, show)
    if against is None:
        return
    old, _ = _load(against, console)
    diff = diff_instruments(old, instrument)
    console.print()
    _line(console, (f"Changes since {old.code} version {old.version}", "bold"))
    if diff.unchanged:
        console.print("  none: every item and indicator is comparable")
    for change in diff.changes:
        console.print(f"  {change}")
    items, indicators = len(diff.comparable_items), len(diff.comparable_indicators)
    console.print(f"  comparable for trends: {items} items, {indicators} indicators")


@app.command("normalise")
def export(
    file: Annotated[Path, typer.Argument(help="The XLSForm (.xlsx) to read.")],
    output: Annotated[Path, typer.Argument(help="Where to write the normalised XLSForm (.xlsx).")],
) -> None:
    """Read, validate and write an XLSForm in Kansrijk's normalised layout (deterministic bytes)."""
    console = output_console()
    instrument, _ = _load(file, console)
    write_xlsform(instrument, output)
    console.print(f"wrote {output}")
