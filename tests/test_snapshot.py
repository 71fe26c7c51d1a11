"""Snapshot v1: round trip, deterministic bytes, and every refusal the reader promises."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest

from kansrijk.snapshot import (
    DesignRef,
    EnrolmentRow,
    InstrumentRef,
    SnapshotError,
    SnapshotMeta,
    choice_column,
    read_snapshot,
    split_choice_column,
    write_snapshot,
)


def _responses() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "respondent_id": ["a1", "b2", "c3"],
            "school_id": ["99AA00", "99AA00", "99AB00"],
            "class_id": ["99AA00-2A", "99AA00-2A", "99AB00-4B"],
            "grade": [2, 2, 4],
            "gender": ["m", None, "x"],
            "pc4": ["9901", "9902", None],
            "wijk": ["WK999901", "buiten", None],
            "complete": [True, True, False],
            "duration_s": [600, 415, 120],
            "alc_life": ["0", "2", None],
            "bg_lives_with__mother": [True, False, None],
            "wb_life_sat": [7, 8, None],
            "lei_sleep_hours": [8.5, None, 7.0],
        },
        schema_overrides={"grade": pl.Int64, "duration_s": pl.Int64, "wb_life_sat": pl.Int64},
    )


def _meta() -> SnapshotMeta:
    return SnapshotMeta(
        municipality_code="GM9999",
        wave_id="GM9999-2023",
        wave_name="OKO 2023",
        fieldwork_start=dt.date(2023, 3, 1),
        fieldwork_end=dt.date(2023, 4, 15),
        instrument=InstrumentRef("oko_kern", "2023.1", "ab" * 32),
        design=DesignRef(strata="school_id", psu="class_id", weight=None),
        enrolment=(
            EnrolmentRow("99AB00", 4, "v", 12),
            EnrolmentRow("99AA00", 2, "m", 20),
            EnrolmentRow("99AA00", 2, "v", 22),
        ),
    )


def test_round_trip_keeps_data_and_fills_count_and_checksum(tmp_path: Path) -> None:
    written = write_snapshot(tmp_path / "s", _responses(), _meta())
    snap = read_snapshot(tmp_path / "s")
    assert snap.responses.equals(_responses())
    assert snap.meta == written
    assert written.row_count == 3
    expected = hashlib.sha256((tmp_path / "s" / "responses.parquet").read_bytes()).hexdigest()
    assert written.responses_sha256 == expected
    raw = json.loads((tmp_path / "s" / "meta.json").read_text())
    assert raw["schema_version"] == 1
    assert raw["enrolment"][0] == {"school_id": "99AA00", "grade": 2, "gender": "m", "N": 20}
    assert raw["instrument"] == {"code": "oko_kern", "version": "2023.1", "sha256": "ab" * 32}


def test_same_data_gives_byte_identical_files(tmp_path: Path) -> None:
    write_snapshot(tmp_path / "one", _responses(), _meta())
    write_snapshot(tmp_path / "two", _responses().clone(), _meta())
    for name in ("responses.parquet", "meta.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_parquet_has_fixed_compression_and_no_timestamp_metadata(tmp_path: Path) -> None:
    write_snapshot(tmp_path / "s", _responses(), _meta())
    md = pq.ParquetFile(tmp_path / "s" / "responses.parquet").metadata
    assert md.row_group(0).column(0).compression == "ZSTD"
    assert md.metadata is None or b"ARROW:schema" not in md.metadata
    text = (tmp_path / "s" / "meta.json").read_text() + str(md.metadata)
    assert str(dt.date.today().year) not in text.replace("2023", "")


def test_snapshot_folders_are_immutable(tmp_path: Path) -> None:
    write_snapshot(tmp_path / "s", _responses(), _meta())
    with pytest.raises(SnapshotError, match="immutable"):
        write_snapshot(tmp_path / "s", _responses(), _meta())


def test_reader_refuses_changed_parquet(tmp_path: Path) -> None:
    write_snapshot(tmp_path / "s", _responses(), _meta())
    write_snapshot(tmp_path / "t", _responses().head(2), _meta())
    (tmp_path / "s" / "responses.parquet").write_bytes((tmp_path / "t" / "responses.parquet").read_bytes())
    with pytest.raises(SnapshotError, match="sha256"):
        read_snapshot(tmp_path / "s")


def test_reader_refuses_wrong_row_count(tmp_path: Path) -> None:
    write_snapshot(tmp_path / "s", _responses(), _meta())
    meta_path = tmp_path / "s" / "meta.json"
    raw = json.loads(meta_path.read_text())
    raw["row_count"] = 4
    meta_path.write_text(json.dumps(raw))
    with pytest.raises(SnapshotError, match="3 rows"):
        read_snapshot(tmp_path / "s")


def test_reader_refuses_other_schema_version(tmp_path: Path) -> None:
    write_snapshot(tmp_path / "s", _responses(), _meta())
    meta_path = tmp_path / "s" / "meta.json"
    raw = json.loads(meta_path.read_text())
    raw["schema_version"] = 2
    meta_path.write_text(json.dumps(raw))
    with pytest.raises(SnapshotError, match="schema_version 2"):
        read_snapshot(tmp_path / "s")


def test_reader_refuses_meta_without_a_key(tmp_path: Path) -> None:
    write_snapshot(tmp_path / "s", _responses(), _meta())
    meta_path = tmp_path / "s" / "meta.json"
    raw = json.loads(meta_path.read_text())
    del raw["instrument"]
    meta_path.write_text(json.dumps(raw))
    with pytest.raises(SnapshotError, match="'instrument'"):
        read_snapshot(tmp_path / "s")


def _forge(tmp_path: Path, frame: pl.DataFrame) -> Path:
    """Write a snapshot whose parquet bypasses the writer's checks, with a matching checksum."""
    folder = tmp_path / "forged"
    write_snapshot(folder, _responses(), _meta())
    from kansrijk.snapshot import responses_to_parquet_bytes

    data = responses_to_parquet_bytes(frame)
    (folder / "responses.parquet").write_bytes(data)
    raw = json.loads((folder / "meta.json").read_text())
    raw["responses_sha256"] = hashlib.sha256(data).hexdigest()
    raw["row_count"] = frame.height
    (folder / "meta.json").write_text(json.dumps(raw))
    return folder


def test_reader_refuses_missing_fixed_column(tmp_path: Path) -> None:
    folder = _forge(tmp_path, _responses().drop("wijk"))
    with pytest.raises(SnapshotError, match="fixed column 'wijk'"):
        read_snapshot(folder)


def test_reader_refuses_wrong_dtype(tmp_path: Path) -> None:
    folder = _forge(tmp_path, _responses().with_columns(pl.col("grade").cast(pl.String)))
    with pytest.raises(SnapshotError, match="'grade' has dtype String"):
        read_snapshot(folder)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda df: df.with_columns(pl.lit("nz").alias("gender")), "gender 'nz'"),
        (lambda df: df.with_columns(pl.col("duration_s").cast(pl.Int32)), "duration_s"),
        (lambda df: df.with_columns(pl.lit("a1").alias("respondent_id")), "unique"),
        (lambda df: df.select(["school_id", *[c for c in df.columns if c != "school_id"]]), "order"),
        (lambda df: df.with_columns(pl.lit(dt.date(2023, 1, 1)).alias("x")), "'x' has dtype Date"),
    ],
)
def test_writer_refuses_bad_frames(tmp_path: Path, change, match: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SnapshotError, match=match):
        write_snapshot(tmp_path / "s", change(_responses()), _meta())
    assert not (tmp_path / "s" / "meta.json").exists()


def test_writer_refuses_bad_enrolment(tmp_path: Path) -> None:
    meta = dataclasses.replace(_meta(), enrolment=(EnrolmentRow("99AA00", 2, "x", 3),))
    with pytest.raises(SnapshotError, match="DUO"):
        write_snapshot(tmp_path / "s", _responses(), meta)
    meta = dataclasses.replace(_meta(), enrolment=(EnrolmentRow("99AA00", 2, "m", 3),) * 2)
    with pytest.raises(SnapshotError, match="twice"):
        write_snapshot(tmp_path / "s", _responses(), meta)


def test_choice_columns_are_named_and_parsed_in_one_place() -> None:
    assert choice_column("alc_source", "shop") == "alc_source__shop"
    assert split_choice_column("alc_source__shop") == ("alc_source", "shop")
    assert split_choice_column(choice_column("a", "b_c")) == ("a", "b_c")
    for column in ("alc_30d", "school_id", "__x", "x__"):
        assert split_choice_column(column) is None
