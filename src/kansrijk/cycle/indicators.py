"""The small interface through which the policy cycle reads published survey results.

Result tables belong to the ``results`` app. The cycle only needs, per municipality and indicator code, the
latest published estimate with its confidence interval and trend flag, the same per wijk, and the series
over waves for a chart. That is :class:`ResultsSource`; the setting ``KANSRIJK_CYCLE_RESULTS_SOURCE`` names
the callable that returns the implementation (``kansrijk.results.cycle_source.PublishedResults``), so the
cycle never imports the results app (which imports the cycle: ``make lint`` checks the layers). With the
setting empty every function here answers "no published wave yet" (:data:`NO_WAVE`) and the pages say so —
they never show made-up numbers.

Only published figures pass through here: suppressed cells come with ``suppressed_reason`` set and
``estimate`` None, so a page cannot print a figure that disclosure control withheld.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from kansrijk.instrument import Instrument

Trend = Literal["higher", "lower", "no_change"]


@dataclass(frozen=True)
class IndicatorStatus:
    """The latest published figure of one indicator for one domain (municipality or wijk).

    ``trend`` compares with the previous published wave: ``higher``/``lower`` only when the difference is
    statistically significant (results' test), ``no_change`` when it is not, None when there is no earlier
    wave to compare with or the cell is suppressed.
    """

    code: str
    estimate: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    trend: Trend | None = None
    suppressed_reason: str | None = None
    previous: float | None = None
    wave: str = ""

    @property
    def shown(self) -> bool:
        return self.estimate is not None and self.suppressed_reason is None


@dataclass(frozen=True)
class SeriesPoint:
    wave: str
    estimate: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    suppressed_reason: str | None = None
    trend: str | None = None  # higher | lower | no_change: significant change against the previous wave


@dataclass(frozen=True)
class Results:
    """Answer of :func:`latest_results`: the wave it comes from (None: none published) and the figures."""

    wave: str | None
    previous_wave: str | None = None
    published_on: str | None = None
    by_code: Mapping[str, IndicatorStatus] = field(default_factory=dict)

    @property
    def available(self) -> bool:
        return self.wave is not None

    def get(self, code: str) -> IndicatorStatus | None:
        return self.by_code.get(code)


NO_WAVE = Results(wave=None)


@dataclass(frozen=True)
class GroupFigure:
    """One percentage indicator for a risk group's pupils and for the rest (proportions 0–1).

    ``hidden``: disclosure control withheld the group's or the rest's figure (both are then None).
    ``direction``: the design-based test of group against rest (higher / lower / no_difference), None when
    hidden or not tested.
    """

    code: str
    group: float | None
    rest: float | None
    hidden: bool
    direction: str | None


@dataclass(frozen=True)
class GroupTable:
    """The answer of :meth:`ResultsSource.group_profile`: the latest published run's wave and figures."""

    wave: str
    n_group: int
    rows: tuple[GroupFigure, ...]


class ResultsSource(Protocol):
    """What the callable named by ``KANSRIJK_CYCLE_RESULTS_SOURCE`` returns. ``municipality_code`` is GM…."""

    def latest(self, municipality_code: str, codes: Iterable[str]) -> Results: ...

    def per_wijk(self, municipality_code: str, code: str) -> Mapping[str, IndicatorStatus]:
        """Wijk code → status of ``code`` in the latest published wave (wijk domains only)."""
        ...

    def series(self, municipality_code: str, code: str) -> list[SeriesPoint]:
        """Municipality-level estimates of ``code`` over all published waves, oldest first."""
        ...

    def instrument(self, municipality_code: str, *, include_unpublished: bool = False) -> Instrument | None:
        """The questionnaire of the current run (published only, unless ``include_unpublished``)."""
        ...

    def group_profile(self, municipality_code: str, indicator: str) -> GroupTable | None:
        """Every other percentage indicator for the pupils for whom ``indicator`` holds against the rest, in
        the latest published run (instrument order by leefdomein); None when that run lacks the item."""
        ...


def results_source() -> ResultsSource | None:
    """The configured source of published figures (``KANSRIJK_CYCLE_RESULTS_SOURCE``), None when empty."""
    path = getattr(settings, "KANSRIJK_CYCLE_RESULTS_SOURCE", "")
    if not path:
        return None
    source: ResultsSource = import_string(path)()
    return source


def _code(municipality: Any) -> str:
    return municipality if isinstance(municipality, str) else str(municipality.code)


def latest_results(municipality: Any, codes: Iterable[str]) -> Results:
    """Latest published figures of ``codes`` (municipality domain); :data:`NO_WAVE` when none published."""
    source = results_source()
    return NO_WAVE if source is None else source.latest(_code(municipality), list(codes))


def wijk_results(municipality: Any, code: str) -> Mapping[str, IndicatorStatus]:
    """Wijk code → latest published figure of ``code``; empty when no wave is published."""
    source = results_source()
    return {} if source is None else source.per_wijk(_code(municipality), code)


def indicator_series(municipality: Any, code: str) -> list[SeriesPoint]:
    source = results_source()
    return [] if source is None else source.series(_code(municipality), code)


@dataclass(frozen=True)
class IndicatorInfo:
    code: str
    label: str
    domain: str
    unit: str  # percentage | mean | …
    direction: str  # higher_is_worse | higher_is_better | neutral
    risk_groups: tuple[str, ...] = ()


DEFAULT_INSTRUMENT = Path(__file__).resolve().parents[1] / "instrument" / "data" / "oko_kern.xlsx"


@lru_cache(maxsize=4)
def _catalogue(path: str) -> dict[str, IndicatorInfo]:
    from kansrijk.instrument import load_xlsform

    instrument = load_xlsform(path)
    return {
        ind.code: IndicatorInfo(
            ind.code,
            ind.label.get("nl") or ind.code,
            ind.domain,
            str(ind.unit),
            str(ind.direction),
            tuple(ind.risk_groups),
        )
        for ind in instrument.indicators
    }


def indicator_catalogue(path: Path | None = None) -> dict[str, IndicatorInfo]:
    """Labels, units and directions of the default instrument's indicators (read once, cached)."""
    target = path or DEFAULT_INSTRUMENT
    if not target.exists():
        return {}
    return _catalogue(str(target))
