"""Demo part of the region: GGD Voorbeeldregio with Gemeente Voorbeeld and three neighbours, and a GGD login.

Andersdorp, Rivierstad and Heideveen (the synthetic reference municipalities, ``synth.names``) each get one
synthetic wave of 2023 — the year and grades of Gemeente Voorbeeld's latest wave — imported, analysed and
published through the product's own paths, like Gemeente Voorbeeld's. All four consent, so each one's
reference is pooled live from the three others (no CSV), and the GGD login sees the region's dashboard.

The synthetic generator makes Gemeente Voorbeeld (``GM9999``); a neighbour's data is that generator's output
with another seed and size, relabelled to its own CBS code and rewritten as a new snapshot through
:func:`kansrijk.snapshot.write_snapshot` (so its checksum is its own). Idempotent: what exists is kept.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.db import transaction
from rich.console import Console

from kansrijk.accounts.importers import import_schools
from kansrijk.accounts.models import Municipality, User
from kansrijk.accounts.services import ensure_municipality
from kansrijk.fieldwork import services as fieldwork
from kansrijk.fieldwork.models import Wave
from kansrijk.snapshot import read_snapshot, write_snapshot

from . import services
from .models import AnalysisRun
from .region_models import Region, RegionStaff
from .regional import live_reference, set_consent

REGION = ("voorbeeldregio", "GGD Voorbeeldregio")
HOME = "GM9999"
#: code, name, enrolled pupils, seed, where it lies from Gemeente Voorbeeld (degrees lon, lat: ~10 km steps)
NEIGHBOURS: tuple[tuple[str, str, int, int, tuple[float, float]], ...] = (
    ("GM9991", "Andersdorp", 800, 91, (0.15, 0.0)),
    ("GM9992", "Rivierstad", 1200, 92, (0.0, -0.095)),
    ("GM9993", "Heideveen", 600, 93, (0.15, -0.095)),
)
LOGIN = ("ggd", "demo-ggd-2026", "Regiomedewerker (GGD Voorbeeldregio)")


def load(console: Console) -> list[tuple[str, str, str]]:
    home = Municipality.objects.filter(code=HOME).first()
    if home is None:
        return []
    region = _region_and_login(home)
    for code, name, pupils, seed, offset in NEIGHBOURS:
        municipality = ensure_municipality(code, name)
        set_consent(None, region, municipality, True)
        wave = Wave.objects.filter(municipality=municipality).first() or _import_neighbour(
            municipality, pupils, seed
        )
        _ensure_areas(municipality, offset)
        _analysed(wave, console)
    # Each municipality's reference comes from the three others: a run made before all four had published
    # (its meta names a smaller pool, or none) is analysed once more, now with the whole live pool.
    for wave in Wave.objects.filter(municipality__region_memberships__region=region).exclude(
        snapshot_path=""
    ):
        run = AnalysisRun.objects.filter(wave=wave, published_at__isnull=False).order_by("-version").first()
        pool = live_reference(wave)
        wanted = sorted(set(pool["gemeentecode"])) if pool is not None else None
        if run is not None and wanted and run.meta.get("reference_municipalities") != wanted:
            _analysed(wave, console, again=True)
    console.print(
        f"[green]✓[/green] {region.name}: {region.members.count()} gemeenten, live reference, "
        f"regional login [bold]{LOGIN[0]}[/bold]"
    )
    return [LOGIN]


@transaction.atomic
def _region_and_login(home: Municipality) -> Region:
    region, _created = Region.objects.get_or_create(code=REGION[0], defaults={"name": REGION[1]})
    set_consent(None, region, home, True)
    user = User.objects.filter(username=LOGIN[0]).first()
    if user is None:
        user = User.objects.create_user(username=LOGIN[0], password=LOGIN[1], email="ggd@voorbeeld.example")
    RegionStaff.objects.get_or_create(region=region, user=user)
    return region


def _analysed(wave: Wave, console: Console, *, again: bool = False) -> AnalysisRun | None:
    if not again and AnalysisRun.objects.filter(wave=wave, published_at__isnull=False).exists():
        return AnalysisRun.objects.filter(wave=wave, published_at__isnull=False).order_by("-version").first()
    run = services.analyse_wave(None, wave, background=False)
    if run.status != "done":
        console.print(f"[yellow]region demo: analysis of {wave.name} failed: {run.error[:300]}[/yellow]")
        return None
    note = "Referentie opnieuw berekend: live uit de andere gemeenten van de regio." if again else ""
    published = services.publish(None, run, note=note)
    pool = published.meta.get("reference_municipalities")
    source = f"reference: {', '.join(pool)}" if pool else "reference file"
    console.print(
        f"[green]✓[/green] {wave.municipality.name}, {wave.name}: analysed and published ({source})"
    )
    return published


def _relabel(text: str, code: str) -> str:
    digits = code[2:]
    return text.replace("GM9999", code).replace("WK9999", f"WK{digits}").replace("BU9999", f"BU{digits}")


def _import_neighbour(municipality: Municipality, pupils: int, seed: int) -> Wave:
    from kansrijk.synth.dataset import generate_dataset

    root = Path(settings.VAR_DIR) / "demo-region" / municipality.code
    synth = root / "synth"
    if not (synth / "schools.csv").is_file():
        generate_dataset(synth, pupils=pupils, waves=1, seed=seed, reference=False)
    folder = next((synth / "waves").glob("*/snapshot"))
    own = root / "snapshot"
    if not (own / "meta.json").is_file():
        _rewrite_snapshot(folder, own, municipality)
    code = municipality.code
    schools = _relabel((synth / "schools.csv").read_text(encoding="utf-8-sig"), code).encode()
    import_schools(None, municipality, schools, "schools.csv")
    xlsx = sorted(folder.parent.glob("*.xlsx"))[0].read_bytes()
    classes = _relabel((synth / "classes.csv").read_text(encoding="utf-8-sig"), code).encode()
    enrolment = _relabel((synth / "enrolment.csv").read_text(encoding="utf-8-sig"), code).encode()
    return fieldwork.import_snapshot_as_wave(
        None,
        municipality,
        own,
        xlsx,
        classes=(classes, "classes.csv"),
        enrolment=(enrolment, "enrolment.csv"),
    )


def _rewrite_snapshot(source: Path, target: Path, municipality: Municipality) -> None:
    """The generator's snapshot under another CBS code: wijk codes and wave id relabelled, checksum anew."""
    snapshot = read_snapshot(source)
    code = municipality.code
    responses = snapshot.responses.with_columns(
        pl.col("wijk").str.replace("^WK9999", f"WK{code[2:]}"),
    )
    meta: Any = dataclasses.replace(
        snapshot.meta,
        municipality_code=code,
        wave_id=_relabel(snapshot.meta.wave_id, code),
        wave_name=f"OKO {snapshot.meta.fieldwork_start.year} {municipality.name}",
    )
    write_snapshot(target, responses, meta)


def _ensure_areas(municipality: Municipality, offset: tuple[float, float]) -> None:
    """The neighbour's wijk and buurt boundaries: the generator's, relabelled and moved next door (so the
    region's map shows four municipalities side by side)."""
    from kansrijk.accounts.constants import AreaLevel
    from kansrijk.accounts.importers import import_areas
    from kansrijk.accounts.models import Area

    if Area.objects.filter(municipality=municipality, level=AreaLevel.WIJK).exists():
        return
    root = Path(settings.VAR_DIR) / "demo-region" / municipality.code
    source = root / "synth" / "areas.geojson"
    if not source.is_file():
        return
    data = json.loads(_relabel(source.read_text(encoding="utf-8"), municipality.code))
    for feature in data["features"]:
        feature["properties"]["gemeentenaam"] = municipality.name
        feature["geometry"]["coordinates"] = _moved(feature["geometry"]["coordinates"], offset)
    target = root / "areas.geojson"
    target.write_text(json.dumps(data), encoding="utf-8")
    import_areas(None, municipality, target)


def _moved(coordinates: Any, offset: tuple[float, float]) -> Any:
    if coordinates and isinstance(coordinates[0], int | float):
        return [round(coordinates[0] + offset[0], 6), round(coordinates[1] + offset[1], 6), *coordinates[2:]]
    return [_moved(c, offset) for c in coordinates]
