"""The local action plan: where a linked measure stands against its target ("op koers / achter / bereikt").

Pure logic over :class:`~kansrijk.cycle.indicators.IndicatorStatus` (survey) or plain context values, tested
with in-memory data. For a survey indicator the judgement rests on the results' wave-to-wave flag (``trend``
higher/lower), which is the *guarded* flag of ``kansrijk.analysis.multiplicity``: Benjamini–Hochberg
q < 0.05 per family of tests and at least the minimal relevant difference (docs/methods/multiplicity.md). A
change counts only when that flag says so, never by eye nor by an unguarded p-value (DESIGN.md §4, Trends).
Context figures (registrations, counts) have no sampling error, so for them the
latest value is compared with the baseline directly.

The rules, in order:

1. no current figure (not published, suppressed, not imported) → ``no_data``;
2. the current figure is the baseline itself (same wave) → ``baseline``;
3. the current value is at or past the target in the expected direction → ``reached``;
4. survey: the latest significant change goes the expected way → ``on_track``; context: the latest value has
   moved from the baseline towards the target → ``on_track``;
5. otherwise → ``behind``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .indicators import IndicatorStatus


@dataclass(frozen=True)
class Target:
    expected: str  # "up" | "down"
    target_value: float
    target_year: int
    baseline_wave: str = ""
    baseline_value: float | None = None


@dataclass(frozen=True)
class Verdict:
    status: str  # a value of constants.TargetStatus
    current: float | None
    wave: str = ""


def _reached(value: float, target: Target) -> bool:
    return value >= target.target_value if target.expected == "up" else value <= target.target_value


def survey_verdict(target: Target, status: IndicatorStatus | None) -> Verdict:
    if status is None or not status.shown or status.estimate is None:
        return Verdict("no_data", None, status.wave if status else "")
    value = status.estimate
    if target.baseline_wave and status.wave == target.baseline_wave:
        return Verdict("baseline", value, status.wave)
    if _reached(value, target):
        return Verdict("reached", value, status.wave)
    wanted = "higher" if target.expected == "up" else "lower"
    if status.trend == wanted:
        return Verdict("on_track", value, status.wave)
    return Verdict("behind", value, status.wave)


def context_verdict(target: Target, latest: float | None, period: str = "") -> Verdict:
    if latest is None:
        return Verdict("no_data", None, period)
    if target.baseline_wave and period == target.baseline_wave:
        return Verdict("baseline", latest, period)
    if _reached(latest, target):
        return Verdict("reached", latest, period)
    if target.baseline_value is not None:
        towards = (
            latest > target.baseline_value if target.expected == "up" else latest < target.baseline_value
        )
        if towards:
            return Verdict("on_track", latest, period)
    return Verdict("behind", latest, period)
