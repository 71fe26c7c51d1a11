from __future__ import annotations

import pytest


@pytest.fixture
def seeded(municipality):  # type: ignore[no-untyped-def]
    """Gemeente Voorbeeld with the Kinderen op de Kaart seed loaded."""
    from kansrijk.cycle.services import load_seed

    load_seed(municipality)
    return municipality


@pytest.fixture
def published(monkeypatch, no_published_results):  # type: ignore[no-untyped-def]
    """Pretend the results app publishes the waves of :func:`fake_results.demo_results`."""
    from kansrijk.cycle import indicators

    from .fake_results import demo_results

    source = demo_results()
    monkeypatch.setattr(indicators, "_source", lambda: source)
    return source


@pytest.fixture(autouse=True)
def no_published_results(monkeypatch):  # type: ignore[no-untyped-def]
    """By default no results source: the cycle's tests must not depend on the results app's state.
    Tests that need figures use ``published`` (an in-memory source behind the same interface)."""
    from kansrijk.cycle import indicators

    monkeypatch.setattr(indicators, "_source", lambda: None)
