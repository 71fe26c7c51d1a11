"""The Typer sub-app: report, export (domain errors exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kansrijk.accounts.models import AuditEvent
from kansrijk.results.commands import app

runner = CliRunner()


@pytest.mark.django_db
def test_report_and_export(published, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wave = published[1].wave.code
    out = tmp_path / "raad.html"
    result = runner.invoke(app, ["report", wave, "--kind", "council", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "21,4%" in out.read_text(encoding="utf-8")
    result = runner.invoke(
        app, ["report", wave, "--kind", "school", "--school", "99AA00", "--out", str(tmp_path / "s.html")]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["export", wave, "--format", "sav", "--out", str(tmp_path / "exp")])
    assert result.exit_code == 0, result.output
    assert any(p.suffix == ".sav" for p in (tmp_path / "exp").iterdir())
    assert AuditEvent.objects.filter(action="export_microdata", details__via="cli").exists()


@pytest.mark.django_db
def test_domain_errors_exit_2(published, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert runner.invoke(app, ["report", "GM9999-1900", "--out", str(tmp_path / "x.pdf")]).exit_code == 2
    assert (
        runner.invoke(
            app,
            [
                "report",
                published[1].wave.code,
                "--kind",
                "school",
                "--school",
                "00XX00",
                "--out",
                str(tmp_path / "x.pdf"),
            ],
        ).exit_code
        == 2
    )
    assert runner.invoke(app, ["export", published[1].wave.code, "--format", "dta"]).exit_code == 2
