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
    published = AnalysisRun.objects.filter(published_at__isnull=False, wave__municipality__code="GM9999")
    assert published.values("wave").distinct().count() == 2, list(
        AnalysisRun.objects.values("wave__code", "status", "error")
    )
    assert Area.objects.filter(level="wijk").exists()
    latest = published.order_by("-wave__window_start", "-version").first()
    assert latest is not None and latest.rows.filter(reference__isnull=False).exists()  # a reference used
    # the latest wave is compared with the one before it (same cleaning rules, grades, areas)
    assert latest.rows.filter(domain_type="total", trend__isnull=False).exists()
    # the region: three neighbours published, and the latest wave compared live with them
    assert latest.meta["reference_municipalities"] == ["GM9991", "GM9992", "GM9993"]
    neighbours = AnalysisRun.objects.filter(published_at__isnull=False).exclude(
        wave__municipality__code="GM9999"
    )
    assert set(neighbours.values_list("wave__municipality__code", flat=True)) == {
        "GM9991",
        "GM9992",
        "GM9993",
    }
    runs = AnalysisRun.objects.count()
    demo.load(console)
    assert AnalysisRun.objects.count() == runs  # idempotent
