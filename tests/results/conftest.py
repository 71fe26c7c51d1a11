"""Fixtures of the results tests: a small synthetic municipality imported through fieldwork, analysed with a
stand-in pipeline (hand-made result tables, see stand_in.py) and published."""

from __future__ import annotations

from pathlib import Path

import pytest

from .stand_in import FakePipeline


@pytest.fixture(scope="session")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kansrijk.synth.dataset import generate_dataset

    out = tmp_path_factory.mktemp("synth") / "gm9999"
    generate_dataset(out, pupils=400, waves=2, seed=3)
    return out


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.KANSRIJK_SNAPSHOT_DIR = str(tmp_path / "snapshots")


@pytest.fixture
def fake_pipeline(settings) -> FakePipeline:  # type: ignore[no-untyped-def]
    """The stand-in as ``KANSRIJK_ANALYSIS_PIPELINE`` (the real one is ``kansrijk.analysis.pipeline``)."""
    pipeline = FakePipeline()
    settings.KANSRIJK_ANALYSIS_PIPELINE = pipeline
    return pipeline


@pytest.fixture
def waves(db, municipality, synth_dir):  # type: ignore[no-untyped-def]
    """Schools, areas and the two synthetic waves (closed, with snapshots)."""
    from kansrijk.fieldwork.services import import_dataset

    return import_dataset(None, municipality, synth_dir)


@pytest.fixture
def published(waves, fake_pipeline):  # type: ignore[no-untyped-def]
    """Both waves analysed (stand-in pipeline) and published; returns the runs, oldest first."""
    from kansrijk.results import services

    runs = []
    for wave in waves:
        run = services.analyse_wave(None, wave, background=False)
        runs.append(services.publish(None, run))
    return runs
