"""The data side of kansrijk.cycle.indicators: published figures only, percentages in points."""

from __future__ import annotations

import pytest

from kansrijk.cycle.indicators import indicator_series, latest_results, wijk_results
from kansrijk.results import services


@pytest.mark.django_db
def test_cycle_reads_latest_published_wave(published, municipality) -> None:  # type: ignore[no-untyped-def]
    results = latest_results(municipality, ["alc_30d", "life_sat_mean"])
    assert results.wave == "OKO 2023 (synthetisch)" and results.previous_wave == "OKO 2021 (synthetisch)"
    alc = results.get("alc_30d")
    assert alc is not None and alc.estimate == pytest.approx(21.4) and alc.ci_low == pytest.approx(19.0)
    assert alc.trend == "lower"
    assert results.get("life_sat_mean").estimate == pytest.approx(7.42)  # a mean stays a mean
    wijken = wijk_results(municipality, "alc_30d")
    assert wijken["WK999901"].shown and not wijken["WK999902"].shown
    assert "30" in (wijken["WK999902"].suppressed_reason or "")
    assert [p.wave for p in indicator_series(municipality, "alc_30d")] == [
        "OKO 2021 (synthetisch)",
        "OKO 2023 (synthetisch)",
    ]


@pytest.mark.django_db
def test_cycle_sees_nothing_unpublished(waves, fake_pipeline, municipality) -> None:  # type: ignore[no-untyped-def]
    services.analyse_wave(None, waves[1], background=False)
    assert not latest_results(municipality, ["alc_30d"]).available
