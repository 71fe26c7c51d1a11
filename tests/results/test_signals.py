"""Closing a wave queues its analysis (fieldwork announces the snapshot; results listens)."""

from __future__ import annotations

import pytest

from kansrijk.fieldwork import services as fieldwork
from kansrijk.results.models import AnalysisRun
from tests.fieldwork.factories import ClassSessionFactory


@pytest.fixture(autouse=True)
def _snapshot_dir(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.KANSRIJK_SNAPSHOT_DIR = str(tmp_path / "snapshots")


@pytest.mark.django_db(transaction=True)
def test_closing_a_wave_starts_an_analysis_run(municipality) -> None:  # type: ignore[no-untyped-def]
    session = ClassSessionFactory(school_class__wave__municipality=municipality)
    wave = fieldwork.close_wave(None, session.school_class.wave)
    runs = AnalysisRun.objects.filter(wave=wave)
    assert runs.count() == 1
    assert runs.get().version == 1
    # Re-freezing does nothing (snapshots are immutable), so no second run is queued.
    fieldwork.freeze_wave(None, wave)
    assert AnalysisRun.objects.filter(wave=wave).count() == 1
