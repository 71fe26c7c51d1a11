"""Demo part of the cycle app: the Kinderen op de Kaart seed, a provision catalogue for Gemeente Voorbeeld,
context figures from the synthetic data generator when it is installed, and a few dialogue moments.

Goes through the same services (seed loader, CSV importers) as real data. Idempotent.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from rich.console import Console

from kansrijk.accounts.models import Municipality

from . import services
from .models import ActionPoint, DialogueEntry

DEMO_CODE = "GM9999"
PROVISION_CSV = Path(__file__).resolve().parent / "data" / "aanbod_voorbeeld.csv"


def _synth_context_csv() -> bytes | None:
    """The context figures of the synthetic demo set as Dutch CSV bytes; None without ``kansrijk.synth``.

    The same rows ``kansrijk.synth.demo_dataset`` writes to ``context.csv`` (same seed, geography and wave
    years), computed directly: the cycle needs neither the pupils nor the snapshots the full set generates.
    """
    try:
        from kansrijk.synth.context import build_context
        from kansrijk.synth.dataset import DEMO_SEED, wave_years
        from kansrijk.synth.geography import build_geography
    except ImportError:
        return None
    frame = build_context(build_geography(DEMO_SEED), DEMO_SEED, wave_years(3))
    buffer = io.BytesIO()
    frame.write_csv(buffer, separator=";", include_bom=True, decimal_comma=True)
    return buffer.getvalue()


def _dialogue(municipality: Municipality) -> int:
    if DialogueEntry.objects.filter(municipality=municipality).exists():
        return 0
    points = {p.number: p for p in ActionPoint.objects.filter(municipality=municipality)}
    year = dt.date.today().year
    entries = [
        (
            dt.date(year, 3, 12),
            "youth",
            "Klassengesprek 3 vmbo",
            "Leerlingen zeggen dat sporten bij een club te duur is en dat er in hun wijk niets is na 18 uur.",
            "Sportaanbod per wijk naast de sportdeelname leggen (risicokaart).",
            [1],
        ),
        (
            dt.date(year, 4, 2),
            "parents",
            "Ouderavond",
            "Ouders willen weten hoe ze met hun kind over alcohol en blowen kunnen praten.",
            "Ouderavonden met het CJG op alle scholen.",
            [35, 40],
        ),
        (
            dt.date(year, 5, 20),
            "schools",
            "Zorgcoördinatorenoverleg",
            "Verzuim wordt laat gemeld; scholen willen één protocol.",
            "Verzuimprotocol opstellen met Leerplicht.",
            [13],
        ),
        (
            dt.date(year, 6, 15),
            "council",
            "Commissie Sociaal Domein",
            "De raad vraagt jaarlijks een voortgangsverslag per thema.",
            "Voortgangsverslag in het najaar.",
            [4, 12, 32],
        ),
    ]
    for date, audience, fmt, heard, follow, numbers in entries:
        services.add_dialogue(
            None,
            municipality,
            date=date,
            audience=audience,
            format=fmt,
            heard=heard,
            follow_up=follow,
            action_points=[points[n] for n in numbers if n in points],
        )
    return len(entries)


def load(console: Console) -> list[tuple[str, str, str]]:
    municipality = Municipality.objects.filter(code=DEMO_CODE).first()
    if municipality is None:
        console.print("[yellow]cycle: demo municipality missing; skipped[/yellow]")
        return []
    seed = services.load_seed(municipality)
    offers = services.import_provision(None, municipality, PROVISION_CSV.read_bytes(), PROVISION_CSV.name)
    context_note = "no synthetic context figures available"
    data = _synth_context_csv()
    if data is not None:
        summary = services.import_context(None, municipality, data, "synth-context.csv")
        context_note = f"{summary.total} context figures"
    dialogue = _dialogue(municipality)
    console.print(
        f"[green]✓[/green] cycle: {seed.themes} themes, {seed.risk_groups} risk groups, "
        f"{seed.action_points_created} new action points, {offers.total} offers, {context_note}, "
        f"{dialogue} dialogue entries"
    )
    return []
