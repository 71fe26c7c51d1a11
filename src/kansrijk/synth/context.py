"""Context figures per wijk and buurt and year for the policy map — synthetic, and labelled as such.

Each figure carries a source and a reference date, as real ones do (CBS, Veilig Thuis, the municipality's
own registrations, DUO). Levels follow the area's deprivation score, so the poorer wijken that show up in the
survey answers also show up here. Stated assumptions, not real data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import polars as pl

from kansrijk.synth.geography import Geography
from kansrijk.synth.rng import rng_for

SYNTHETIC_SOURCE = "SYNTHETISCH (kansrijk synth) — geen echte gegevens"


@dataclass(frozen=True, slots=True)
class ContextIndicator:
    code: str
    description: str
    unit: str
    source: str
    buurt: bool  # also published per buurt


CONTEXT_INDICATORS: tuple[ContextIndicator, ...] = (
    ContextIndicator(
        "kinderen_armoede",
        "Kinderen (0–17) in huishoudens met een inkomen onder 110% van het sociaal minimum",
        "percentage",
        f"{SYNTHETIC_SOURCE}; model naar CBS, Kinderen in armoede",
        True,
    ),
    ContextIndicator(
        "veilig_thuis_meldingen",
        "Meldingen bij Veilig Thuis over kinderen",
        "aantal",
        f"{SYNTHETIC_SOURCE}; model naar Veilig Thuis-registratie",
        True,
    ),
    ContextIndicator(
        "huisuitzetting_preventie",
        "Aanmeldingen vroegsignalering/preventie huisuitzetting, gezinnen met kinderen",
        "aantal",
        f"{SYNTHETIC_SOURCE}; model naar gemeentelijke registratie schuldhulp",
        True,
    ),
    ContextIndicator(
        "voortijdig_schoolverlaters",
        "Voortijdig schoolverlaters zonder startkwalificatie (12–23 jaar)",
        "percentage",
        f"{SYNTHETIC_SOURCE}; model naar DUO/OCW VSV-cijfers",
        False,
    ),
    ContextIndicator(
        "jeugdzorg_gebruik",
        "Jongeren (0–17) met jeugdzorg",
        "percentage",
        f"{SYNTHETIC_SOURCE}; model naar CBS Jeugdzorg",
        True,
    ),
)


def build_context(geo: Geography, seed: int, years: tuple[int, ...]) -> pl.DataFrame:
    """One row per area × indicator × year: gebiedcode, gebiedsniveau, indicator, periode, waarde, eenheid,
    bron, peildatum."""
    rng = rng_for(seed, "context")
    rows: list[dict[str, object]] = []
    areas = [*geo.wijken, *geo.buurten]
    first = min(years)
    for area in areas:
        dep = geo.deprivation[area.code]
        residents = area.residents or 0
        children = residents * 0.2
        for ind in CONTEXT_INDICATORS:
            if area.level == "buurt" and not ind.buurt:
                continue
            for year in range(first, max(years) + 1):
                t = year - first
                if ind.code == "kinderen_armoede":
                    value = float(np.clip(8 + 6 * dep - 0.3 * t + rng.normal(0, 0.8), 1, 40))
                elif ind.code == "veilig_thuis_meldingen":
                    value = float(rng.poisson(children * (12 + 6 * max(dep, -1.5)) / 1000))
                elif ind.code == "huisuitzetting_preventie":
                    value = float(rng.poisson(residents * (1.5 + 1.2 * max(dep, -1)) / 1000 * (1 + 0.05 * t)))
                elif ind.code == "voortijdig_schoolverlaters":
                    value = float(np.clip(1.9 + 0.8 * dep - 0.05 * t + rng.normal(0, 0.2), 0.2, 8))
                else:
                    value = float(np.clip(10 + 2.5 * dep + 0.2 * t + rng.normal(0, 0.6), 2, 25))
                rows.append(
                    {
                        "gebiedcode": area.code,
                        "gebiedsniveau": area.level,
                        "indicator": ind.code,
                        "omschrijving": ind.description,
                        "periode": str(year),
                        "waarde": round(value, 1),
                        "eenheid": ind.unit,
                        "bron": ind.source,
                        "peildatum": dt.date(year + 1, 3, 1).isoformat(),
                    }
                )
    return pl.DataFrame(rows).sort(["indicator", "gebiedsniveau", "gebiedcode", "periode"])
