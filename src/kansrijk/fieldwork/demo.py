"""Demo part of fieldwork: the synthetic Gemeente Voorbeeld waves and one live wave with class codes.

Everything goes through the product's own paths: schools, classes and enrolment through the importers,
historical waves through ``import_snapshot_as_wave`` (which verifies the snapshots), the live wave through
``create_wave``/``open_wave``/``create_sessions``. Idempotent: a second run adds nothing and prints a code.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from rich.console import Console

from kansrijk.accounts.models import Municipality
from kansrijk.synth.dataset import demo_dataset

from . import importers, services
from .constants import WaveStatus
from .models import ClassSession, SchoolClass, Wave

DEMO_MUNICIPALITY = "GM9999"
LIVE_DAYS = 14


def _rows_of(data: bytes, meting: str) -> bytes:
    """The rows of one ``meting`` from a multi-wave CSV, without that column (for a new wave)."""
    text = data.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    fields = [f for f in (reader.fieldnames or []) if f != "meting"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, delimiter=";", extrasaction="ignore")
    writer.writeheader()
    for row in reader:
        if row.get("meting") == meting:
            writer.writerow(row)
    return out.getvalue().encode()


def _synth_dir() -> Path:
    """The synthetic Gemeente Voorbeeld (``kansrijk synth``'s demo set), generated once under ``var/``."""
    out = Path(settings.VAR_DIR) / "demo-synth"
    if not (out / "schools.csv").is_file():
        demo_dataset(out)
    return out


def load(console: Console) -> list[tuple[str, str, str]]:
    municipality = Municipality.objects.filter(code=DEMO_MUNICIPALITY).first()
    if municipality is None:
        console.print(
            "[yellow]fieldwork demo: Gemeente Voorbeeld is missing (accounts demo not loaded)[/yellow]"
        )
        return []
    synth = _synth_dir()
    # the wijk boundaries and the PC4 table are loaded by the results demo, after the schools (as before)
    waves = services.import_dataset(None, municipality, synth, areas=False)
    for wave in waves:
        console.print(f"[green]✓[/green] historical wave {wave.name} (snapshot {wave.snapshot_sha256[:12]}…)")
    last_code = waves[-1].code
    classes_csv = (synth / "classes.csv").read_bytes()
    enrolment_csv = (synth / "enrolment.csv").read_bytes()
    session = _live_wave(municipality, classes_csv, enrolment_csv, last_code)
    url = f"http://127.0.0.1:8000/k/{session.code}/"
    console.print(
        f"[green]✓[/green] live wave open for {LIVE_DAYS} days — "
        f"class code [bold]{session.display_code}[/bold] "
        f"({session.school_class}): {url}  (or enter the code at http://127.0.0.1:8000/start/)"
    )
    return []


def _live_wave(
    municipality: Municipality, classes_csv: bytes, enrolment_csv: bytes, last_code: str
) -> ClassSession:
    today = timezone.localdate()
    code = f"{municipality.code}-{today.year}-live"
    wave = Wave.objects.filter(municipality=municipality, code=code).first()
    if wave is None:
        wave = services.create_wave(
            None,
            municipality,
            services.default_instrument(),
            code=code,
            name=f"OKO {today.year} (demo, live)",
            grades=[2, 4],
            window_start=today,
            window_end=today + dt.timedelta(days=LIVE_DAYS),
            languages=["nl", "en", "ar", "pl", "tr", "uk"],
        )
        importers.import_classes(None, wave, _rows_of(classes_csv, last_code), "classes.csv")
        importers.import_enrolment(None, wave, _rows_of(enrolment_csv, last_code), "enrolment.csv")
        wave = services.open_wave(None, wave)
    now = timezone.now()
    valid = ClassSession.objects.filter(school_class__wave=wave, starts_at__lte=now, ends_at__gte=now)
    if not valid.exists() and wave.status == WaveStatus.OPEN:
        ends = min(
            now + dt.timedelta(days=LIVE_DAYS),
            dt.datetime.combine(wave.window_end, dt.time(23, 59), tzinfo=now.tzinfo),
        )
        if ends <= now:
            ends = now + dt.timedelta(days=LIVE_DAYS)
            Wave.objects.filter(pk=wave.pk).update(window_end=ends.date())
            wave.refresh_from_db()
        services.create_sessions(None, SchoolClass.objects.filter(wave=wave), now, ends)
    first = (
        valid.select_related("school_class__school")
        .order_by("school_class__school__name", "school_class__name")
        .first()
    )
    if first is None:
        raise services.FieldworkError("the live demo wave has no class with a valid session")
    return first
