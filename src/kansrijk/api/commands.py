"""``kansrijk privacy …``: retention (run it daily from cron) and the privacy officer's documents."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from rich.console import Console

console = Console()
app = typer.Typer(no_args_is_help=True, help="Privacy: data retention and the privacy officer's documents.")


def _municipality(code: str):
    from kansrijk.accounts.models import Municipality

    found = Municipality.objects.filter(code=code).first()
    if found is None:
        console.print(f"[red]Municipality {code} does not exist.[/red] Use a CBS code such as GM0935.")
        raise typer.Exit(2)
    return found


def _setup() -> None:
    from kansrijk.cli import setup_django

    setup_django()


@app.command()
def retention(
    apply: Annotated[bool, typer.Option("--apply", help="Delete; without it only report (dry run).")] = False,
    today: Annotated[str | None, typer.Option(help="Date to judge by (YYYY-MM-DD); default today.")] = None,
) -> None:
    """Delete raw responses of waves past their municipality's retention period (snapshots stay)."""
    _setup()
    from kansrijk.accounts.models import Municipality

    from .retention import apply_retention

    try:
        day = dt.date.fromisoformat(today) if today else None
    except ValueError:
        console.print(f"[red]--today {today!r} is not a date.[/red] Write it as 2031-12-31.")
        raise typer.Exit(2) from None
    for municipality in Municipality.objects.order_by("code"):
        for expired in apply_retention(None, municipality, today=day, dry_run=not apply):
            action = (
                "deleted"
                if apply and expired.kept_snapshot
                else "would delete"
                if expired.kept_snapshot
                else "kept (freeze the wave to a snapshot first)"
            )
            console.print(f"{municipality.code} {expired.wave}: {expired.responses} responses {action}")


@app.command()
def register(code: Annotated[str, typer.Argument(help="CBS municipality code, e.g. GM0935.")]) -> None:
    """Print the record-of-processing entry (verwerkingsregister) as Markdown."""
    _setup()
    from .privacy import facts, register_markdown

    typer.echo(register_markdown(facts(_municipality(code))))


@app.command()
def dpia(code: Annotated[str, typer.Argument(help="CBS municipality code, e.g. GM0935.")]) -> None:
    """Print the DPIA template, filled in from the settings, as Markdown."""
    _setup()
    from .privacy import dpia_markdown, facts

    typer.echo(dpia_markdown(facts(_municipality(code))))
