"""Demo part of the cycle app: the Kinderen op de Kaart seed, a provision catalogue for Gemeente Voorbeeld,
context figures from the synthetic data generator when it is installed (their source says SYNTHETISCH), a few
dialogue moments, targets of a local action plan taken from the published demo waves, and a wave schedule.

Gemeente Voorbeeld does not load the Maastricht 2018 starter set: its figures are Maastricht's, so the demo
shows them only on the labelled example page (``cyclus/voorbeeld-maastricht-2018/``).

Goes through the same services (seed loader, CSV importers) as real data. Idempotent.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from rich.console import Console

from kansrijk.accounts.models import Municipality

from . import services
from .models import ActionPoint, DialogueEntry, WaveSchedule

DEMO_CODE = "GM9999"
PROVISION_CSV = Path(__file__).resolve().parent / "data" / "aanbod_voorbeeld.csv"


def _synth_context_csv() -> bytes:
    """The context figures of the synthetic demo set as Dutch CSV bytes.

    The same rows ``kansrijk.synth.demo_dataset`` writes to ``context.csv`` (same seed, geography and wave
    years), computed directly: the cycle needs neither the pupils nor the snapshots the full set generates.
    """
    from kansrijk.synth.context import build_context
    from kansrijk.synth.dataset import DEMO_SEED, wave_years
    from kansrijk.synth.geography import build_geography

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
            dt.date(year, 2, 20),
            "internal",
            "Overleg afdelingen Jeugd, Onderwijs, Veiligheid en Sociale Zaken",
            "Team Jeugd en Leerplicht bespreken dezelfde jongeren in verschillende overleggen.",
            "Overlegvormen naast elkaar leggen en waar het kan samenvoegen.",
            [14, 17],
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


#: action point → (indicator, relative change the plan aims for between the first and the target wave)
DEMO_TARGETS: dict[int, tuple[tuple[str, float], ...]] = {
    35: (("alc_30d", -0.25), ("binge_30d", -0.2)),
    36: (("can_30d", -0.2),),
    1: (("sport_weekly", 0.1),),
    13: (("truancy", -0.2),),
    38: (("bullied_school", -0.2),),
}


def _targets(municipality: Municipality) -> int:
    """Baseline = the first published wave of each indicator, target = a plausible change four years after
    the latest wave; written through the same service as the edit page. Skipped without published waves."""
    from .indicators import indicator_series

    written = 0
    for number, wanted in DEMO_TARGETS.items():
        point = ActionPoint.objects.filter(municipality=municipality, number=number).first()
        if point is None:
            continue
        links = {(i.kind, i.code): i for i in point.indicators.all()}
        targets = {}
        for code, change in wanted:
            link = links.get(("survey", code))
            if link is None or link.target_value is not None:
                continue
            series = [p for p in indicator_series(municipality, code) if p.estimate is not None]
            if not series:
                continue
            base = series[0]
            assert base.estimate is not None
            last_years = [int(w) for w in series[-1].wave.split() if w.isdigit() and len(w) == 4]
            targets[("survey", code)] = {
                "baseline_wave": base.wave,
                "baseline_value": round(base.estimate, 1),
                "target_value": round(min(100.0, base.estimate * (1 + change)), 1),
                "target_year": (last_years[0] if last_years else dt.date.today().year) + 4,
            }
        if targets:
            services.set_indicator_links(
                None, point, [(i.kind, i.code, i.expected) for i in point.indicators.all()], targets
            )
            written += len(targets)
    return written


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
    targets = _targets(municipality)
    if not WaveSchedule.objects.filter(municipality=municipality).exists():
        year = dt.date.today().year
        services.plan_waves(None, municipality, year - year % 2)
    console.print(
        f"[green]✓[/green] cycle: {seed.themes} themes, {seed.risk_groups} risk groups, "
        f"{seed.action_points_created} new action points, {offers.total} offers, {context_note}, "
        f"{dialogue} dialogue entries, {targets} targets, wave schedule"
    )
    return []
