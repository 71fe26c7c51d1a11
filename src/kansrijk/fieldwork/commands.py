"""``kansrijk wave create|open|close|publish`` and ``kansrijk import enrolment|classes FILE``.

Mount ``wave_app`` as ``wave`` and ``import_app`` as ``import`` in ``kansrijk.cli`` (``app`` holds both, for
tests and for mounting as one group). Every command goes through the same services as the web pages; the
actor in the audit log is ``system`` (the command line has no logged-in user). Errors a user can fix are
printed without a traceback and exit with code 2.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from kansrijk.accounts.commands import (
    FileArgument,
    GemeenteOption,
    import_errors,
    import_target,
    old_gemeente_name,
)

console = Console()
wave_app = typer.Typer(
    help="The fieldwork life cycle of a wave: create, open, close (→ snapshot), publish.",
    no_args_is_help=True,
    context_settings={"token_normalize_func": old_gemeente_name},
)
import_app = typer.Typer(
    help="Import what a municipality brings (CSV with ';' in UTF-8 or Windows-1252, or .xlsx).",
    no_args_is_help=True,
)
app = typer.Typer(no_args_is_help=True, help="Fieldwork: waves and imports.")
app.add_typer(wave_app, name="wave")
app.add_typer(import_app, name="import")

#: The municipality of a ``kansrijk wave`` command: the same ``--gemeente`` as every ``kansrijk import``, but
#: required (``-m`` for short; ``--municipality``, its old name, is still read, see ``old_gemeente_name``).
WaveGemeenteOption = Annotated[
    str, typer.Option("--gemeente", "-m", help="CBS code of the municipality, e.g. GM9999.")
]
WaveOpt = Annotated[str, typer.Option("--wave", "-w", help="Code of the wave, e.g. GM9999-2025.")]


def _setup() -> None:
    import os

    import django
    from django.conf import settings

    if not settings.configured:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kansrijk.web.settings")
        django.setup()


@contextmanager
def _domain_errors() -> Iterator[None]:
    """Print errors the user can act on and exit 2 (no traceback)."""
    from .services import FieldworkError

    try:
        yield
    except FieldworkError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None


def _municipality(code: str) -> Any:
    from kansrijk.accounts.models import Municipality

    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None:
        console.print(
            f"[red]Unknown municipality {code}; create it first (kansrijk demo creates GM9999).[/red]"
        )
        raise typer.Exit(2)
    return municipality


def _wave(municipality_code: str, wave_code: str) -> Any:
    return _wave_of(_municipality(municipality_code), wave_code)


def _wave_of(municipality: Any, wave_code: str) -> Any:
    from .models import Wave

    wave = Wave.objects.filter(municipality=municipality, code=wave_code).first()
    if wave is None:
        console.print(
            f"[red]Unknown wave {wave_code} in {municipality.code}; see `kansrijk wave create --help`.[/red]"
        )
        raise typer.Exit(2)
    return wave


@wave_app.command("create")
def wave_create(
    gemeente: WaveGemeenteOption,
    code: Annotated[str, typer.Option(help="Short unique code, e.g. GM9999-2025.")],
    name: Annotated[str, typer.Option(help="Name shown to staff, e.g. 'OKO 2025'.")],
    start: Annotated[
        dt.datetime, typer.Option(formats=["%Y-%m-%d"], help="First day of fieldwork (YYYY-MM-DD).")
    ],
    end: Annotated[
        dt.datetime, typer.Option(formats=["%Y-%m-%d"], help="Last day of fieldwork (YYYY-MM-DD).")
    ],
    grades: Annotated[str, typer.Option(help="Target grades, comma-separated, e.g. 2,4.")] = "2,4",
    languages: Annotated[str, typer.Option(help="Languages offered, e.g. nl,en,ar (nl always).")] = "nl",
    instrument: Annotated[
        Path | None, typer.Option(help="XLSForm of the questionnaire; default: the packaged OKO kern.")
    ] = None,
) -> None:
    """Create a wave in status draft."""
    _setup()
    from . import services

    with _domain_errors():
        version = (
            services.register_instrument(instrument.read_bytes())
            if instrument
            else services.default_instrument()
        )
        try:
            grade_list = [int(g) for g in grades.split(",") if g.strip()]
        except ValueError:
            raise services.FieldworkError(f"--grades {grades!r}: give whole numbers, e.g. 2,4") from None
        wave = services.create_wave(
            None,
            _municipality(gemeente),
            version,
            code=code,
            name=name,
            grades=grade_list,
            window_start=start.date(),
            window_end=end.date(),
            languages=[lang.strip() for lang in languages.split(",") if lang.strip()],
        )
    console.print(f"[green]✓[/green] wave {wave.code} ({wave.name}) created, status {wave.status}")


def _transition(action: Callable[..., Any], gemeente: str, code: str) -> None:
    _setup()
    with _domain_errors():
        wave = action(None, _wave(gemeente, code))
    console.print(f"[green]✓[/green] wave {wave.code} is now {wave.status}")
    if wave.snapshot_path:
        console.print(f"  snapshot {wave.snapshot_path} (sha256 {wave.snapshot_sha256})")


@wave_app.command("open")
def wave_open(gemeente: WaveGemeenteOption, code: Annotated[str, typer.Argument(help="Wave code.")]) -> None:
    """Open fieldwork: class codes work within their time window."""
    from . import services

    _transition(services.open_wave, gemeente, code)


@wave_app.command("close")
def wave_close(gemeente: WaveGemeenteOption, code: Annotated[str, typer.Argument(help="Wave code.")]) -> None:
    """Close fieldwork, lock the responses and freeze them into a Snapshot v1 (checksum recorded)."""
    from . import services

    _transition(services.close_wave, gemeente, code)


@wave_app.command("publish")
def wave_publish(
    gemeente: WaveGemeenteOption, code: Annotated[str, typer.Argument(help="Wave code.")]
) -> None:
    """Mark a closed wave as published."""
    from . import services

    _transition(services.publish_wave, gemeente, code)


@import_app.command("enrolment")
def import_enrolment(file: FileArgument, wave: WaveOpt, gemeente: GemeenteOption = None) -> None:
    """Enrolment (DUO). Columns: school_id;leerjaar;geslacht (m/v);aantal — optional meting (rows of other
    waves are skipped). Replaces the wave's enrolment as a whole."""
    municipality = import_target(file, gemeente)
    from .importers import import_enrolment as run

    with import_errors(file.name), _domain_errors():
        result = run(None, _wave_of(municipality, wave), file.read_bytes(), file.name)
    console.print(f"[green]✓[/green] enrolment: {result}")


@import_app.command("classes")
def import_classes(file: FileArgument, wave: WaveOpt, gemeente: GemeenteOption = None) -> None:
    """Classes. Columns: school_id;klas (or klas_id like 99AA00-2A);leerjaar;leerlingen (expected) — optional
    meting. Classes with the same name are updated."""
    municipality = import_target(file, gemeente)
    from .importers import import_classes as run

    with import_errors(file.name), _domain_errors():
        result = run(None, _wave_of(municipality, wave), file.read_bytes(), file.name)
    console.print(f"[green]✓[/green] classes: {result}")
