"""An in-memory :class:`kansrijk.cycle.indicators.ResultsSource` — a stand-in for the results app's own
implementation, exercising the same interface the pages use."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kansrijk.cycle.indicators import GroupTable, IndicatorStatus, Results, SeriesPoint
from kansrijk.instrument import Instrument


@dataclass
class FakeResults:
    latest_by_code: dict[str, IndicatorStatus] = field(default_factory=dict)
    wijk: dict[str, dict[str, IndicatorStatus]] = field(default_factory=dict)
    history: dict[str, list[SeriesPoint]] = field(default_factory=dict)
    wave: str = "Voorbeeld 2026"
    previous: str = "Voorbeeld 2024"

    def latest(self, municipality_code: str, codes: Iterable[str]) -> Results:
        wanted = set(codes)
        return Results(
            self.wave, self.previous, by_code={c: s for c, s in self.latest_by_code.items() if c in wanted}
        )

    def per_wijk(self, municipality_code: str, code: str) -> Mapping[str, IndicatorStatus]:
        return self.wijk.get(code, {})

    def series(self, municipality_code: str, code: str) -> list[SeriesPoint]:
        return self.history.get(code, [])

    def instrument(self, municipality_code: str, *, include_unpublished: bool = False) -> Instrument | None:
        return None  # no microdata in memory: the risk-group profile says "no run" (tests/results covers it)

    def group_profile(self, municipality_code: str, indicator: str) -> GroupTable | None:
        return None


def demo_results() -> FakeResults:
    s = IndicatorStatus
    return FakeResults(
        latest_by_code={
            "alc_30d": s("alc_30d", 21.4, 19.0, 23.9, "lower", previous=26.0, wave="Voorbeeld 2026"),
            "binge_30d": s("binge_30d", 14.2, 12.1, 16.5, "no_change", previous=15.0, wave="Voorbeeld 2026"),
            "sport_weekly": s("sport_weekly", 58.3, 55.0, 61.5, "no_change", wave="Voorbeeld 2026"),
            "truancy": s("truancy", 11.0, 9.0, 13.0, "higher", previous=8.0, wave="Voorbeeld 2026"),
        },
        wijk={
            "sport_weekly": {
                "WK999901": s("sport_weekly", 63.0, 55.0, 70.0, wave="Voorbeeld 2026"),
                "WK999902": s(
                    "sport_weekly", None, suppressed_reason="minder dan 30 leerlingen", wave="Voorbeeld 2026"
                ),
            }
        },
        history={
            "alc_30d": [
                SeriesPoint("Voorbeeld 2024", 26.0, 23.5, 28.7),
                SeriesPoint("Voorbeeld 2026", 21.4, 19.0, 23.9, trend="lower"),
            ]
        },
    )
