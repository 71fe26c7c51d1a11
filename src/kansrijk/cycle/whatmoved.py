""" "What moved": after a wave is published, which indicators changed significantly and what that says
about the action points that were meant to move them.

Pure logic over :class:`~kansrijk.cycle.indicators.Results` and plain link records, so it is tested with
in-memory data. "Changed" means the results app flagged the wave-to-wave difference (``trend``
higher/lower) — the *guarded* flag of ``kansrijk.analysis.multiplicity``: Benjamini–Hochberg q < 0.05 over the
wave's trend tests of that domain type and at least the minimal relevant difference (3 points for
percentages). An unflagged difference counts as no change, however large it looks — the cycle never judges
movement by eye, nor by an unguarded p-value (DESIGN.md §4, Trends; docs/methods/multiplicity.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from .indicators import IndicatorStatus, Results

Expected = Literal["up", "down"]
Judgement = Literal["better", "worse", "neutral"]


@dataclass(frozen=True)
class Link:
    """Action point ``number`` should move survey indicator ``code`` in direction ``expected``."""

    number: int
    code: str
    expected: Expected


@dataclass(frozen=True)
class MovedIndicator:
    code: str
    status: IndicatorStatus
    judgement: Judgement
    as_expected: tuple[int, ...]  # action points that wanted this direction
    against: tuple[int, ...]  # action points that wanted the other direction

    @property
    def linked(self) -> tuple[int, ...]:
        return tuple(sorted({*self.as_expected, *self.against}))


@dataclass(frozen=True)
class ActionPointMovement:
    number: int
    as_expected: tuple[str, ...]
    against: tuple[str, ...]
    unchanged: tuple[str, ...]
    no_data: tuple[str, ...]

    @property
    def verdict(self) -> Literal["moved", "mixed", "against", "not_moved", "no_data"]:
        if self.as_expected and self.against:
            return "mixed"
        if self.as_expected:
            return "moved"
        if self.against:
            return "against"
        if self.unchanged:
            return "not_moved"
        return "no_data"


@dataclass(frozen=True)
class WhatMoved:
    wave: str | None
    previous_wave: str | None
    moved: tuple[MovedIndicator, ...]
    action_points: tuple[ActionPointMovement, ...]

    @property
    def not_moved(self) -> tuple[ActionPointMovement, ...]:
        """Action points none of whose indicators moved, though at least one could be compared."""
        return tuple(a for a in self.action_points if a.verdict == "not_moved")

    @property
    def available(self) -> bool:
        return self.wave is not None


def judge(trend: str, direction: str) -> Judgement:
    """Is a significant rise or fall good news? ``direction`` is the indicator's (instrument) direction."""
    if direction == "higher_is_worse":
        return "worse" if trend == "higher" else "better"
    if direction == "higher_is_better":
        return "better" if trend == "higher" else "worse"
    return "neutral"


def _matches(trend: str, expected: str) -> bool:
    return (trend == "higher" and expected == "up") or (trend == "lower" and expected == "down")


def what_moved(results: Results, links: Iterable[Link], directions: Mapping[str, str]) -> WhatMoved:
    """Indicators with a significant change (all of ``results``, linked or not) and, per action point, which
    of its indicators moved the expected way, the other way, not at all, or have no comparable figure."""
    links = list(links)
    if not results.available:
        return WhatMoved(None, None, (), ())
    by_code: dict[str, list[Link]] = defaultdict(list)
    by_point: dict[int, list[Link]] = defaultdict(list)
    for link in links:
        by_code[link.code].append(link)
        by_point[link.number].append(link)

    moved: list[MovedIndicator] = []
    for code, status in sorted(results.by_code.items()):
        if status.trend not in ("higher", "lower") or status.suppressed_reason:
            continue
        trend = status.trend
        moved.append(
            MovedIndicator(
                code=code,
                status=status,
                judgement=judge(trend, directions.get(code, "neutral")),
                as_expected=tuple(
                    sorted({ln.number for ln in by_code[code] if _matches(trend, ln.expected)})
                ),
                against=tuple(
                    sorted({ln.number for ln in by_code[code] if not _matches(trend, ln.expected)})
                ),
            )
        )

    points: list[ActionPointMovement] = []
    for number in sorted(by_point):
        buckets: dict[str, list[str]] = {"as_expected": [], "against": [], "unchanged": [], "no_data": []}
        for link in sorted(by_point[number], key=lambda ln: ln.code):
            current = results.get(link.code)
            if current is None or current.suppressed_reason or current.trend is None:
                buckets["no_data"].append(link.code)
            elif current.trend == "no_change":
                buckets["unchanged"].append(link.code)
            elif _matches(current.trend, link.expected):
                buckets["as_expected"].append(link.code)
            else:
                buckets["against"].append(link.code)
        points.append(ActionPointMovement(number, *(tuple(v) for v in buckets.values())))
    return WhatMoved(results.wave, results.previous_wave, tuple(moved), tuple(points))
