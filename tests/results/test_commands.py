"""The Typer sub-app: report, export, import-areas (domain errors exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kansrijk.accounts.models import Area, AuditEvent
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


@pytest.mark.django_db
def test_import_areas_all_or_nothing(municipality, synth_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads((synth_dir / "areas.geojson").read_text(encoding="utf-8"))
    broken = dict(
        data,
        features=[
            *data["features"],
            {"type": "Feature", "properties": {"buurtcode": "BU99999901"}, "geometry": None},
        ],
    )
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps(broken), encoding="utf-8")
    result = runner.invoke(app, ["import-areas", str(bad), "--gemeente", "GM9999"])
    assert result.exit_code == 2 and "BU99999901" in result.output
    assert not Area.objects.exists()
    result = runner.invoke(app, ["import-areas", str(synth_dir / "areas.geojson"), "--gemeente", "GM9999"])
    assert result.exit_code == 0, result.output
    wijk = Area.objects.filter(level="wijk").order_by("code").first()
    assert (
        wijk is not None and wijk.code == "WK999901" and wijk.geometry["type"] in ("Polygon", "MultiPolygon")
    )
    assert Area.objects.filter(level="buurt", parent=wijk).exists()
