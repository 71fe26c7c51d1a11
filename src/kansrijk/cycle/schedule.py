"""The rhythm of the monitor (raadsinformatiebrief OKO 2022): a wave every two years, with verkenning and
voorbereiding before summer, veldwerk in the autumn, resultaten in the spring after, and then dialogue and
adjusting the approach until the next verkenning starts. Plain dates, no Django."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: phase → when it starts, as (years after the fieldwork year Y, month, day); a phase ends the day before the
#: next one starts, and the dialogue runs until the next wave's exploration two years on.
DEFAULT_PHASES: tuple[tuple[str, tuple[int, int, int]], ...] = (
    ("verkenning", (0, 3, 1)),
    ("voorbereiding", (0, 6, 1)),
    ("veldwerk", (0, 10, 1)),
    ("resultaten", (0, 12, 1)),
    ("dialoog", (1, 6, 1)),
)
NEXT_EXPLORATION = (2, 3, 1)


@dataclass(frozen=True)
class PlannedPhase:
    wave_year: int
    phase: str
    start: dt.date
    end: dt.date


def phases_for(wave_year: int) -> list[PlannedPhase]:
    starts = [(phase, dt.date(wave_year + y, m, d)) for phase, (y, m, d) in DEFAULT_PHASES]
    y, m, d = NEXT_EXPLORATION
    ends = [start for _phase, start in starts[1:]] + [dt.date(wave_year + y, m, d)]
    return [
        PlannedPhase(wave_year, phase, start, end - dt.timedelta(days=1))
        for (phase, start), end in zip(starts, ends, strict=True)
    ]


def plan(first_year: int, interval_years: int = 2, waves: int = 3) -> list[PlannedPhase]:
    """The phases of ``waves`` waves from ``first_year``, one every ``interval_years`` years."""
    if interval_years < 1:
        raise ValueError("interval_years must be at least 1")
    return [p for k in range(waves) for p in phases_for(first_year + k * interval_years)]


def next_steps(phases: list[PlannedPhase], today: dt.date, count: int = 3) -> list[tuple[PlannedPhase, bool]]:
    """The phase under way (flag True) and the ones after it, ``count`` in all, in date order."""
    upcoming = sorted((p for p in phases if p.end >= today), key=lambda p: (p.start, p.wave_year))
    return [(p, p.start <= today <= p.end) for p in upcoming[:count]]
