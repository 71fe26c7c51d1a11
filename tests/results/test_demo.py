"""The demo loader: areas, reference, every historical wave analysed and published; idempotent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.console import Console

from kansrijk.accounts.models import Area
from kansrijk.results.models import AnalysisRun


@pytest.mark.django_db
@pytest.mark.slow
def test_demo_publishes_every_historical_wave(
    municipality, synth_dir: Path, settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    settings.VAR_DIR = tmp_path / "var"
    shutil.copytree(synth_dir, settings.VAR_DIR / "demo-synth")
    from kansrijk.fieldwork import demo as fieldwork_demo
    from kansrijk.results import demo

    console = Console(quiet=True)
    fieldwork_demo.load(console)
    demo.load(console)
    published = AnalysisRun.objects.filter(published_at__isnull=False)
    assert published.count() == 2, list(AnalysisRun.objects.values("wave__code", "status", "error"))
    assert Area.objects.filter(level="wijk").exists()
    latest = published.order_by("-wave__window_start").first()
    assert latest is not None and latest.rows.filter(reference__isnull=False).exists()  # reference table used
    demo.load(console)
    assert AnalysisRun.objects.count() == 2
