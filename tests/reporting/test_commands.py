from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pyreadstat
from typer.testing import CliRunner

from kansrijk.reporting.commands import app
from tests.reporting.frames import DEFAULT_INSTRUMENT

runner = CliRunner()


def test_export_csv_and_sav(tmp_path: Path) -> None:
    data = tmp_path / "responses.parquet"
    pl.DataFrame({"alc_life": ["0", "2"], "note": ["=1+1", "ok"]}).write_parquet(data)
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["export", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == "\ufeffalc_life;note\n0;'=1+1\n2;ok\n".encode()
    sav = tmp_path / "out.sav"
    result = runner.invoke(
        app, ["export", str(data), "-f", "sav", "--instrument", str(DEFAULT_INSTRUMENT), "--out", str(sav)]
    )
    assert result.exit_code == 0, result.output
    df, meta = pyreadstat.read_sav(str(sav))
    assert list(df["alc_life"]) == [0.0, 2.0] and meta.variable_value_labels["alc_life"][0.0] == "nooit"


def test_export_errors_exit_2(tmp_path: Path) -> None:
    data = tmp_path / "d.parquet"
    pl.DataFrame({"x": [1]}).write_parquet(data)
    result = runner.invoke(app, ["export", str(data), "-f", "sav", "--out", str(tmp_path / "x.sav")])
    assert result.exit_code == 2 and "--instrument" in result.output
    result = runner.invoke(
        app, ["export", str(tmp_path / "missing.parquet"), "--out", str(tmp_path / "x.csv")]
    )
    assert result.exit_code == 2 and "readable Parquet" in " ".join(result.output.split())
    result = runner.invoke(app, ["export", str(data), "-f", "dbf", "--out", str(tmp_path / "x.dbf")])
    assert result.exit_code == 2


def test_chart_to_svg_and_bad_spec(tmp_path: Path) -> None:
    spec = tmp_path / "c.json"
    spec.write_text(
        json.dumps(
            {
                "title": "Proef",
                "mark": "bar",
                "data": {"values": [{"a": 1}]},
                "encoding": {"x": {"field": "a", "type": "quantitative"}},
            }
        )
    )
    out = tmp_path / "c.svg"
    result = runner.invoke(app, ["chart", str(spec), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Proef" in out.read_text()
    spec.write_text("{not json")
    assert runner.invoke(app, ["chart", str(spec), "--out", str(out)]).exit_code == 2


def test_codebook_html(tmp_path: Path) -> None:
    out = tmp_path / "codebook.html"
    result = runner.invoke(app, ["codebook", str(DEFAULT_INSTRUMENT), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "alc_30d" in out.read_text(encoding="utf-8")
    assert (
        runner.invoke(app, ["codebook", str(DEFAULT_INSTRUMENT), "--out", str(tmp_path / "x.doc")]).exit_code
        == 2
    )
