"""Exports for researchers: SPSS round trip with labels, result tables."""

from __future__ import annotations

from pathlib import Path

import pyreadstat
import pytest

from kansrijk.results import exporting


@pytest.mark.django_db
def test_spss_round_trip_keeps_variable_and_value_labels(published, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = published[1]
    path = tmp_path / "data.sav"
    path.write_bytes(exporting.microdata_bytes(run, "sav"))
    frame, meta = pyreadstat.read_sav(str(path))
    source = exporting.microdata(run)
    assert len(frame) == source.height
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    assert labels["grade"] == "Leerjaar"
    assert meta.variable_value_labels["gender"] == {"m": "jongen", "v": "meisje", "x": "anders"}
    assert sorted(frame["respondent_id"].tolist()) == sorted(source["respondent_id"].to_list())


@pytest.mark.django_db
def test_write_export_writes_microdata_codebook_and_results(published, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paths = exporting.write_export(published[1], "parquet", tmp_path)
    assert [p.suffix for p in paths] == [".parquet", ".html", ".csv"]
    assert "alc_30d" in paths[2].read_text(encoding="utf-8-sig")
