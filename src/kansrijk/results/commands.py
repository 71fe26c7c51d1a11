"""``kansrijk report`` and ``kansrijk export`` (Typer; ``kansrijk.cli`` mounts ``app``).

The commands need the database: ``kansrijk.cli.setup_django`` runs first (the callback below), so this module
imports Django models only inside the commands. Domain errors print a clear message and exit with code 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

console = Console()
app = typer.Typer(help="Results: reports (PDF) and exports for researchers.", no_args_is_help=True)


def _setup() -> None:
    from django.apps import apps

    if not apps.ready:
        from kansrijk.cli import setup_django

        setup_django()


def _fail(message: str) -> None:
    console.print(f"[red]Error:[/red] {message}")
    raise typer.Exit(2)


def _run(wave_code: str, published_only: bool = False) -> Any:
    from kansrijk.fieldwork.models import Wave

    from . import queries

    wave = Wave.objects.filter(code=wave_code).select_related("municipality").first()
    if wave is None:
        _fail(f"no wave with code {wave_code!r} (see the wave list in the web app, or `kansrijk wave`)")
    assert wave is not None
    run = queries.run_for(wave.municipality, wave.code, include_unpublished=not published_only)
    if run is None:
        _fail(f"wave {wave_code} has no finished analysis yet; run it on the analysis page first")
    return run


@app.command("report")
def report(
    wave: Annotated[str, typer.Argument(help="Wave code, e.g. GM9999-2023.")],
    kind: Annotated[str, typer.Option("--kind", help="council | school | factsheet")] = "council",
    out: Annotated[
        Path,
        typer.Option(
            "--out", help="Output file (.pdf or .html); for --kind school without --school: a folder."
        ),
    ] = Path("rapport.pdf"),
    school: Annotated[
        str | None, typer.Option("--school", help="School code (BRIN + vestiging, e.g. 99AA00).")
    ] = None,
    audience: Annotated[str, typer.Option("--audience", help="factsheet: pupils | parents")] = "pupils",
    lang: Annotated[str, typer.Option("--lang", help="nl | en")] = "nl",
    workers: Annotated[
        int | None, typer.Option("--workers", help="Parallel processes for all school reports.")
    ] = None,
) -> None:
    """Render the council report, a school report (or all of them) or a fact sheet as PDF or HTML."""
    _setup()
    from kansrijk.accounts.models import School
    from kansrijk.reporting.documents import render_html, render_pdf

    from . import reports

    run = _run(wave)
    if kind not in ("council", "school", "factsheet"):
        _fail("--kind must be council, school or factsheet")
    if lang not in ("nl", "en"):
        _fail("--lang must be nl or en")
    if kind == "school" and school is None:
        paths = reports.render_school_reports(run, out, language=lang, workers=workers)
        console.print(f"[green]✓[/green] {len(paths)} school reports in {out}")
        return
    if kind == "council":
        document = reports.council_report(run, language=lang)
    elif kind == "school":
        target = next(
            (s for s in School.objects.filter(municipality=run.wave.municipality) if s.code == school), None
        )
        if target is None:
            _fail(f"no school {school} in {run.wave.municipality.name}; use BRIN + vestiging, e.g. 99AA00")
        document = reports.school_report(run, target, language=lang)  # type: ignore[arg-type]
    else:
        if audience not in ("pupils", "parents"):
            _fail("--audience must be pupils or parents")
        document = reports.factsheet(run, audience=audience, language=lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".html":
        out.write_text(render_html(document), encoding="utf-8")
    else:
        out.write_bytes(render_pdf(document))
    console.print(f"[green]✓[/green] {out}")


@app.command("export")
def export(
    wave: Annotated[str, typer.Argument(help="Wave code, e.g. GM9999-2023.")],
    fmt: Annotated[str, typer.Option("--format", help="csv | xlsx | parquet | sav")] = "csv",
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("export"),
) -> None:
    """Cleaned microdata of a wave (with codebook and result table) for researchers. Audit-logged."""
    _setup()
    from kansrijk.accounts.services import audit

    from . import exporting

    if fmt not in exporting.MICRODATA_FORMATS:
        _fail(f"--format must be one of {', '.join(exporting.MICRODATA_FORMATS)}")
    run = _run(wave)
    paths = exporting.write_export(run, fmt, out)
    audit(
        None,
        "export_microdata",
        municipality=run.wave.municipality,
        obj=run,
        wave=wave,
        format=fmt,
        via="cli",
        rows=exporting.row_count(run),
    )
    for path in paths:
        console.print(f"[green]✓[/green] {path}")
