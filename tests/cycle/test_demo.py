"""The demo loader: seed, provision catalogue, dialogue; idempotent."""

from __future__ import annotations

import pytest
from rich.console import Console

from kansrijk.cycle import demo
from kansrijk.cycle.models import ActionPoint, DialogueEntry, Provision

pytestmark = pytest.mark.django_db


def test_demo_load_twice(municipality) -> None:  # type: ignore[no-untyped-def]
    console = Console(record=True)
    assert demo.load(console) == []
    assert demo.load(console) == []
    assert ActionPoint.objects.filter(municipality=municipality).count() == 40
    assert Provision.objects.filter(municipality=municipality).count() >= 25
    assert DialogueEntry.objects.filter(municipality=municipality).count() == 5
    assert DialogueEntry.objects.filter(municipality=municipality, audience="internal").count() == 1
    assert "40 new action points" in console.export_text()


def test_demo_loads_synthetic_context_figures(municipality) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("kansrijk.synth.dataset")
    from kansrijk.cycle.models import ContextFigure

    demo.load(Console(record=True))
    figures = ContextFigure.objects.filter(municipality=municipality)
    assert figures.filter(indicator="kinderen_armoede", area_level="wijk").count() >= 10
    assert all("SYNTHETISCH" in s for s in figures.values_list("source", flat=True).distinct())
