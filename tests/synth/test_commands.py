"""``kansrijk synth`` through Typer's CliRunner."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kansrijk.snapshot import read_snapshot
from kansrijk.synth.commands import app


def test_synth_writes_dataset(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["--out", str(tmp_path / "o"), "--pupils", "800", "--waves", "2", "--seed", "3"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o" / "areas.geojson").is_file()
    assert read_snapshot(tmp_path / "o" / "waves" / "2021" / "snapshot").meta.instrument.version == "2021.1"


def test_synth_domain_errors_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--out", str(tmp_path / "o"), "--pupils", "5"])
    assert result.exit_code == 2
    assert "at least 100" in result.output
    result = CliRunner().invoke(app, ["--out", str(tmp_path / "o"), "--grades", "two"])
    assert result.exit_code == 2
    assert "--grades" in result.output
