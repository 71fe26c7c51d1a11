from __future__ import annotations

import pytest


@pytest.fixture
def seeded(municipality):  # type: ignore[no-untyped-def]
    """Gemeente Voorbeeld with the Kinderen op de Kaart seed loaded."""
    from kansrijk.cycle.services import load_seed

    load_seed(municipality)
    return municipality


@pytest.fixture
def published(settings, no_published_results):  # type: ignore[no-untyped-def]
    """The results source is :func:`fake_results.demo_results` (in memory, behind the same interface)."""
    from kansrijk.cycle.indicators import results_source

    settings.KANSRIJK_CYCLE_RESULTS_SOURCE = "tests.cycle.fake_results.demo_results"
    return results_source()


@pytest.fixture(autouse=True)
def no_published_results(settings):  # type: ignore[no-untyped-def]
    """By default no results source: the cycle's tests must not depend on the results app's state.
    Tests that need figures use ``published`` (an in-memory source behind the same interface)."""
    settings.KANSRIJK_CYCLE_RESULTS_SOURCE = ""
