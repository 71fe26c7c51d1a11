"""Demo part of results: wijk boundaries, the reference table, every historical wave analysed and published.

Goes through the product's own paths (``import_areas``, ``analyse_wave``, ``publish``), so ``make demo`` shows
Gemeente Voorbeeld with published waves on every dashboard, map and report. Idempotent: a wave that already
has a published run is left alone.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from rich.console import Console

from kansrijk.accounts.constants import AreaLevel
from kansrijk.accounts.importers import AreasImportError, import_areas, import_pc4_wijk
from kansrijk.accounts.models import Area, Municipality, Pc4Wijk
from kansrijk.fieldwork.constants import WaveStatus
from kansrijk.fieldwork.models import Wave
from kansrijk.tabular import ImportFileError

from . import services, storage
from .models import AnalysisRun

DEMO_MUNICIPALITY = "GM9999"


def load(console: Console) -> list[tuple[str, str, str]]:
    municipality = Municipality.objects.filter(code=DEMO_MUNICIPALITY).first()
    if municipality is None:
        return []
    synth = Path(settings.VAR_DIR) / "demo-synth"
    if (synth / "areas.geojson").is_file() and not Area.objects.filter(
        municipality=municipality, level=AreaLevel.WIJK
    ).exists():
        try:
            counts = import_areas(None, municipality, synth / "areas.geojson")
            console.print(f"[green]✓[/green] {counts.wijken} wijken, {counts.buurten} buurten (GeoJSON)")
        except AreasImportError as exc:
            console.print(f"[yellow]results demo: areas not imported: {exc}[/yellow]")
    if (synth / "pc4_wijk.csv").is_file() and not Pc4Wijk.objects.filter(municipality=municipality).exists():
        try:
            rows = import_pc4_wijk(None, municipality, (synth / "pc4_wijk.csv").read_bytes(), "pc4_wijk.csv")
            console.print(f"[green]✓[/green] PC4 → wijk table ({rows} rows)")
        except ImportFileError as exc:
            console.print(f"[yellow]results demo: PC4 table not imported: {exc}[/yellow]")
    reference = storage.results_root() / "reference" / "reference.csv"
    if (synth / "reference.csv").is_file() and not reference.exists():
        reference.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(synth / "reference.csv", reference)
    waves = Wave.objects.filter(
        municipality=municipality, status__in=[WaveStatus.CLOSED, WaveStatus.PUBLISHED]
    )
    for wave in waves.exclude(snapshot_path="").order_by("window_start"):
        if AnalysisRun.objects.filter(wave=wave, published_at__isnull=False).exists():
            continue
        try:
            run = services.analyse_wave(None, wave, background=False)
        except services.ResultsError as exc:
            console.print(f"[yellow]results demo: {wave.name} not analysed: {exc}[/yellow]")
            continue
        if run.status != "done":
            console.print(f"[yellow]results demo: analysis of {wave.name} failed: {run.error[:300]}[/yellow]")
            continue
        services.publish(None, run)
        console.print(
            f"[green]✓[/green] {wave.name}: analysed and published ({run.rows.count()} result rows)"
        )
    # The region: three neighbours, their published waves, the live reference and the GGD login.
    from .region_demo import load as load_region

    return load_region(console)
