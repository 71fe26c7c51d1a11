"""The ``kansrijk`` command (DESIGN.md §3): one entry point for the demo, the servers and the library tools.

Library sub-commands (instrument, synth, analyse) are mounted from their packages; commands that need the
database set up Django first, lazily, so ``kansrijk instrument check`` works without any database.
"""

from __future__ import annotations

import importlib
import os
import signal
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Annotated

import typer
from rich.console import Console

console = Console()
#: Written by ``kansrijk demo`` into its var/ folder: commands run in that folder use the demo settings.
DEMO_MARKER = ".kansrijk-demo"
SETTINGS_HELP = (
    "Instellingen / settings: in de map waar `make demo` draaide gebruikt elk commando de demo-instellingen "
    "(SQLite in var/) — in the folder where `make demo` ran every command uses the demo settings. "
    "Elders / elsewhere: SECRET_KEY en/and DATABASE_URL (postgres://…), of/or KANSRIJK_DEMO=true voor een "
    "demo / for a demo. Alle instellingen / all settings: README, Configuration."
)
app = typer.Typer(
    name="kansrijk",
    help="Kansrijk: OKO / Icelandic Prevention Model monitor and Kinderen op de Kaart.",
    epilog=SETTINGS_HELP,
    no_args_is_help=True,
    rich_markup_mode="rich",
)


def in_demo_folder() -> bool:
    """True when the current folder is where ``kansrijk demo`` (``make demo``) set up its database."""
    if os.environ.get("DATABASE_URL") or os.environ.get("SECRET_KEY"):
        return False  # configured explicitly: a real installation, or a demo the user set up by hand
    var = Path(os.environ.get("KANSRIJK_VAR_DIR", Path.cwd() / "var"))
    return (var / DEMO_MARKER).exists() or (var / "kansrijk.sqlite3").exists()


def setup_django(*, demo: bool = False) -> None:
    """Configure Django for commands that need the database; the demo defaults to SQLite under ``var/``.

    In the demo folder the demo settings apply without any environment; elsewhere a missing setting is one
    line on what to set (exit code 2), not a traceback.
    """
    if demo or in_demo_folder():
        os.environ.setdefault("KANSRIJK_DEMO", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kansrijk.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        console.print(
            f"{exc} Or run it in the folder where `make demo` ran, or set KANSRIJK_DEMO=true for a demo.",
            markup=False,
            soft_wrap=True,
        )
        raise typer.Exit(2) from None


def manage(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


def _var_dir() -> Path:
    path = Path(os.environ.get("KANSRIJK_VAR_DIR", Path.cwd() / "var"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@app.command()
def demo(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Start web server and worker.")] = True,
) -> None:
    """Set up the demo municipality "Gemeente Voorbeeld" on SQLite under var/ and start web server + worker.

    Idempotent: running it twice neither fails nor duplicates data.
    """
    (_var_dir() / DEMO_MARKER).write_text("kansrijk demo\n", encoding="utf-8")
    setup_django(demo=True)
    manage("migrate", "--noinput", "--verbosity", "0")
    manage("collectstatic", "--noinput", "--verbosity", "0")
    from kansrijk.web.demo import load_demo

    logins = load_demo(console)
    url = f"http://{host}:{port}/"
    console.rule("[bold]Kansrijk demo")
    console.print(f"Open [link={url}]{url}[/link]")
    for username, password, role in logins:
        console.print(f"  login [bold]{username}[/bold] / [bold]{password}[/bold]  ({role})")
    if serve:
        _run_servers(host, port, prod=False)


def _run_servers(host: str, port: int, *, prod: bool) -> None:
    env = dict(os.environ)
    worker = subprocess.Popen([sys.executable, "-m", "kansrijk", "worker"], env=env)
    try:
        _serve(host, port, prod=prod)
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()


#: Access-log line of the production server: no client address, no user agent (privacy by design).
ACCESS_LOG_FORMAT = '[%(time)s] "%(method)s %(path)s %(protocol)s" %(status)d %(dt_ms).1fms'


def _serve(host: str, port: int, *, prod: bool, workers: int = 2, threads: int = 4) -> None:
    if prod:
        os.execvp(sys.executable, _production_server(host, port, workers, threads))  # noqa: S606
    manage("runserver", f"{host}:{port}", "--noreload", "--skip-checks")


def _production_server(host: str, port: int, workers: int, threads: int) -> list[str]:
    """The command line of the production server: Granian (HTTP in Rust) running Django's WSGI app.

    Why Granian rather than gunicorn: at a class-hour peak the server's own Python work per request (HTTP
    parsing, the worker's thread hand-offs, an access-log record) was two fifths of the Python time of a save;
    Granian parses HTTP and holds the connections in Rust, so the same two cores serve 1.4-2x the saves
    (``benchmarks/README.md``, "Fieldwork intake"). Each worker process runs the WSGI calls on ``threads``
    threads, each with its own persistent database connection (``workers x threads`` connections per
    instance). The access log is off unless ``KANSRIJK_ACCESS_LOG`` is set: the ingress in front logs requests
    already, and at a thousand saves a second the Python log record is a tenth of the server's CPU.
    """
    from django.conf import settings

    command = [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--blocking-threads",
        str(threads),
        "--no-ws",
        # A worker that dies (out of memory, a crash in a C library) is replaced, not left missing.
        "--respawn-failed-workers",
        # SIGTERM: stop accepting, finish the requests in flight, then exit; a worker still busy after this
        # long is killed (Kubernetes' own grace period is longer: deploy/kubernetes).
        "--workers-kill-timeout",
        "25",
        "--log-level",
        "warning",
    ]
    if settings.KANSRIJK["ACCESS_LOG"]:
        command += ["--access-log", "--access-log-fmt", ACCESS_LOG_FORMAT]
    return [*command, "kansrijk.web.wsgi:application"]


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    prod: Annotated[
        bool, typer.Option("--prod", help="Run Granian (production) instead of Django's server.")
    ] = False,
    workers: Annotated[int, typer.Option(help="Server processes (with --prod).")] = 2,
    threads: Annotated[
        int, typer.Option(help="Threads per process, each with a database connection (with --prod).")
    ] = 4,
) -> None:
    """Start the web server (Django's development server, or Granian with --prod)."""
    setup_django()
    _serve(host, port, prod=prod, workers=workers, threads=threads)


@app.command()
def worker(
    alive: Annotated[
        bool,
        typer.Option(
            "--alive",
            help="Check a running worker's heartbeat instead (the liveness probe): exit 1 when it is stale "
            "or one task runs longer than KANSRIJK_WORKER_TASK_LIMIT seconds.",
        ),
    ] = False,
) -> None:
    """Run background tasks (analysis on close, report rendering) from the database queue."""
    from kansrijk import worker_health

    if alive:
        problem = worker_health.check()
        if problem:
            console.print(f"[red]worker not alive:[/red] {problem}")
            raise typer.Exit(1)
        console.print("worker alive")
        return
    setup_django()
    heartbeat = worker_health.Heartbeat()
    worker_health.connect(heartbeat)
    heartbeat.start()
    manage("db_worker")


@app.command("migrate")
def migrate_cmd() -> None:
    """Create or upgrade the database tables."""
    setup_django()
    manage("migrate", "--noinput")


@app.command("check-deploy")
def check_deploy() -> None:
    """Django's deployment checks plus Kansrijk's own; exit code 1 when anything is wrong."""
    setup_django()
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    try:
        call_command("check", "--deploy", "--fail-level", "WARNING")
    except SystemCheckError as exc:
        console.print(str(exc))
        raise typer.Exit(1) from None
    console.print("[green]All deployment checks passed.[/green]")


def _optional(module: str) -> ModuleType | None:
    """Import a command module if its package exists (a real missing dependency still raises)."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name is None or not module.startswith(exc.name):
            raise
        return None


def _mount_commands() -> None:
    """Mount the sub-commands each package owns. Django-backed commands set Django up only when they run,
    so ``kansrijk instrument check`` needs no database and no settings."""
    for module, name, help_text in (
        ("kansrijk.instrument.commands", "instrument", "Questionnaires as XLSForm: check, import, export."),
        ("kansrijk.synth.commands", "synth", "Generate a synthetic municipality."),
        ("kansrijk.analysis.commands", "estimate", "Design-based estimates from any CSV/Parquet file."),
        ("kansrijk.reporting.commands", "reporting", "Charts, codebooks and file exports from plain files."),
        ("kansrijk.api.commands", "privacy", "Retention, the processing register entry and the DPIA."),
        ("kansrijk.results.region_commands", "region", "A region (GGD): members, consent, regional staff."),
        ("kansrijk.accounts.sso_commands", "sso", "Single sign-on: identity providers and role mappings."),
    ):
        sub = _optional(module)
        if sub is not None:
            app.add_typer(sub.app, name=name, help=help_text)
            if name == "instrument":  # the stored versions: kansrijk instrument import|export (fieldwork)
                stored = _optional("kansrijk.fieldwork.instrument_commands")
                if stored is not None:
                    sub.app.registered_commands.extend(stored.app.registered_commands)
    pipeline = _optional("kansrijk.analysis.pipeline_command")
    if pipeline is not None:
        app.command("analyse")(pipeline.analyse)
    fieldwork = _optional("kansrijk.fieldwork.commands")
    if fieldwork is not None:
        app.add_typer(
            fieldwork.wave_app, name="wave", help="The fieldwork life cycle: create, open, close, publish."
        )
    results = _optional("kansrijk.results.commands")
    if results is not None:  # kansrijk report · kansrijk export
        app.registered_commands.extend(results.app.registered_commands)
    # One `kansrijk import …` group gathers the importers of every app (DESIGN.md §3).
    import_app = typer.Typer(
        no_args_is_help=True, help="Import data a municipality brings (CSV, Excel, GeoJSON)."
    )
    for module, attribute in (
        ("kansrijk.accounts.commands", "import_app"),
        ("kansrijk.fieldwork.commands", "import_app"),
        ("kansrijk.cycle.commands", "app"),
    ):
        sub = _optional(module)
        if sub is not None and hasattr(sub, attribute):
            import_app.registered_commands.extend(getattr(sub, attribute).registered_commands)
    if import_app.registered_commands:
        app.add_typer(import_app, name="import")


_mount_commands()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
