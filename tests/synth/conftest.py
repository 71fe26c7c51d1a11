"""One demo-sized dataset per test session (about 3 × 6,000 respondents), shared by the synth tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from kansrijk.synth.dataset import DatasetResult, demo_dataset


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DatasetResult:
    return demo_dataset(tmp_path_factory.mktemp("synth") / "demo")


@pytest.fixture(scope="session")
def demo_dir(demo: DatasetResult) -> Path:
    return demo.out_dir
