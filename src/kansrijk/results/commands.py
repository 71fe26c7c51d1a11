"""``kansrijk report``, ``kansrijk export`` and ``kansrijk import-areas`` (Typer; the lead mounts ``app``).

The commands need the database: ``kansrijk.cli.setup_django`` runs first (the callback below), so this module
imports Django models only inside the commands. Domain errors print a clear message and exit with code 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

console = Console()
#: Commands gathered under ``kansrijk import`` by kansrijk.cli.
import_app = typer.Typer()
app = typer.Typer(
    help="Results: reports (PDF), exports for researchers, wijk boundaries.", no_args_is_help=True
)


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


def _import_target(file: Path, municipality: str | None) -> Any:
    """The municipality an import is for (``--gemeente``, or the only one); exits 2 with the fix otherwise."""
    from kansrijk.accounts.models import Municipality

    if not file.is_file():
        _fail(f"{file} does not exist")
    qs = Municipality.objects.all()
    target = (
        qs.filter(code=municipality).first() if municipality else (qs.first() if qs.count() == 1 else None)
    )
    if target is None:
        _fail(
            "name the municipality with --gemeente GM…"
            if not municipality
            else f"no municipality {municipality}"
        )
    return target


@import_app.command(
    "areas", help="Wijk and buurt boundaries (GeoJSON in the CBS/PDOK wijk- en buurtkaart format)."
)
@app.command("import-areas")
def import_areas(
    file: Annotated[
        Path, typer.Argument(help="GeoJSON of the CBS/PDOK wijk- en buurtkaart (WGS84 or RD New).")
    ],
    municipality: Annotated[
        str | None, typer.Option("--gemeente", help="CBS code (GM….); default: the only one.")
    ] = None,
) -> None:
    """Import wijk and buurt boundaries (properties gemeentecode, wijkcode/wijknaam, buurtcode/buurtnaam)."""
    _setup()
    from .areas_import import AreasImportError
    from .areas_import import import_areas as run_import

    target = _import_target(file, municipality)
    try:
        counts = run_import(None, target, file)
    except AreasImportError as exc:
        _fail(str(exc))
    console.print(
        f"[green]✓[/green] {counts.wijken} wijken and {counts.buurten} buurten of {target} ({counts.crs})"
    )


@import_app.command("pc4", help="PC4 → wijk table (CSV: pc4;wijkcode;aandeel), after the areas.")
def import_pc4(
    file: Annotated[Path, typer.Argument(help="CSV with pc4;wijkcode;aandeel (decimal comma; ; separator).")],
    municipality: Annotated[
        str | None, typer.Option("--gemeente", help="CBS code (GM….); default: the only one.")
    ] = None,
) -> None:
    """Replace the PC4 → wijk table that decides a pupil's wijk from their postcode."""
    _setup()
    from .areas_import import AreasImportError, import_pc4_wijk

    target = _import_target(file, municipality)
    try:
        rows = import_pc4_wijk(None, target, file.read_bytes(), file.name)
    except AreasImportError as exc:
        _fail(str(exc))
    console.print(f"[green]✓[/green] {rows} PC4 → wijk rows for {target}")
