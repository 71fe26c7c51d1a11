"""Snapshot v1: the frozen, immutable form of one wave (see DESIGN.md, "Snapshot v1").

A snapshot is a folder with two files:

* ``responses.parquet`` — one row per respondent: the fixed columns below, then one column per item;
* ``meta.json`` — who/what/when (municipality, wave, instrument version and XLSForm sha256), the design
  (column names of strata, PSU and weight), the enrolment table the weights calibrate to, the row count and
  the sha256 of ``responses.parquet``.

Every published number must be reproducible from a snapshot, so the format is strict in both directions:
the writer produces deterministic bytes (same data → byte-identical files: fixed compression, sorted JSON
keys, no timestamps anywhere) and the reader refuses anything that does not match its own metadata. This
module is the only place that reads or writes the format.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

SCHEMA_VERSION = 1
RESPONSES_FILE = "responses.parquet"
META_FILE = "meta.json"

#: The fixed columns of ``responses.parquet``, in order, with their exact dtypes.
FIXED_COLUMNS: dict[str, pl.DataType] = {
    "respondent_id": pl.String(),
    "school_id": pl.String(),
    "class_id": pl.String(),
    "grade": pl.Int64(),
    "gender": pl.String(),
    "pc4": pl.String(),
    "wijk": pl.String(),
    "complete": pl.Boolean(),
    "duration_s": pl.Int64(),
}
GENDER_CODES = frozenset({"m", "v", "x"})
#: Enrolment counts come from DUO, which registers only these two.
ENROLMENT_GENDERS = frozenset({"m", "v"})

# Parquet settings are part of the format: changing any of them changes the bytes (and the checksums).
_PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 3,
    "use_dictionary": True,
    "write_statistics": True,
    "data_page_version": "2.0",
    "version": "2.6",
    "row_group_size": 1 << 20,
}


#: A select_multiple item is stored as one boolean column per choice, named ``item__choice``.
CHOICE_SEPARATOR = "__"


def choice_column(item: str, choice: str) -> str:
    """The column of one choice of a select_multiple item: (``alc_source``, ``shop``) → ``alc_source__shop``.

    The name is part of Snapshot v1; every reader and writer of answers spells it through here."""
    return f"{item}{CHOICE_SEPARATOR}{choice}"


def split_choice_column(column: str) -> tuple[str, str] | None:
    """The inverse of :func:`choice_column`: ``(item, choice)``, or None for any other column (item names
    never hold ``__``: the instrument validator refuses them)."""
    item, separator, choice = column.partition(CHOICE_SEPARATOR)
    return (item, choice) if separator and item and choice else None


class SnapshotError(Exception):
    """A snapshot cannot be written or read as it is; the message says what and where."""

    def __init__(self, folder: str | os.PathLike[str], message: str) -> None:
        self.folder = str(folder)
        self.message = message
        super().__init__(f"snapshot {self.folder}: {message}")


@dataclass(frozen=True, slots=True)
class InstrumentRef:
    """Which questionnaire produced the answers: the XLSForm's code, ``settings.version`` and sha256."""

    code: str
    version: str
    sha256: str


@dataclass(frozen=True, slots=True)
class DesignRef:
    """Column names of the design in ``responses.parquet``; ``weight`` is None until analysis weights."""

    strata: str = "school_id"
    psu: str = "class_id"
    weight: str | None = None


@dataclass(frozen=True, slots=True)
class EnrolmentRow:
    """Enrolled pupils (DUO) of one school × grade × gender cell: the weighting target."""

    school_id: str
    grade: int
    gender: str
    n: int


@dataclass(frozen=True, slots=True)
class SnapshotMeta:
    """Contents of ``meta.json``; ``row_count`` and ``responses_sha256`` are set by :func:`write_snapshot`."""

    municipality_code: str
    wave_id: str
    wave_name: str
    fieldwork_start: dt.date
    fieldwork_end: dt.date
    instrument: InstrumentRef
    design: DesignRef
    enrolment: tuple[EnrolmentRow, ...]
    row_count: int = 0
    responses_sha256: str = ""
    schema_version: int = SCHEMA_VERSION
    extra: Mapping[str, str] = field(default_factory=dict)

    def to_json_dict(self) -> dict[str, Any]:
        """The JSON object of ``meta.json`` (plain types only)."""
        return {
            "schema_version": self.schema_version,
            "municipality_code": self.municipality_code,
            "wave": {"id": self.wave_id, "name": self.wave_name},
            "fieldwork": {"start": self.fieldwork_start.isoformat(), "end": self.fieldwork_end.isoformat()},
            "instrument": dataclasses.asdict(self.instrument),
            "design": dataclasses.asdict(self.design),
            "enrolment": [
                {"school_id": r.school_id, "grade": r.grade, "gender": r.gender, "N": r.n}
                for r in sorted(self.enrolment, key=lambda r: (r.school_id, r.grade, r.gender))
            ],
            "row_count": self.row_count,
            "responses_sha256": self.responses_sha256,
            "extra": dict(sorted(self.extra.items())),
        }

    @classmethod
    def from_json_dict(cls, data: Mapping[str, Any], folder: str | os.PathLike[str] = "?") -> SnapshotMeta:
        """Parse ``meta.json``; any missing or ill-typed key is a :class:`SnapshotError` naming the key."""
        if not isinstance(data, Mapping):
            raise SnapshotError(folder, f"{META_FILE} must hold a JSON object")
        version = data.get("schema_version")
        if version != SCHEMA_VERSION:
            raise SnapshotError(
                folder,
                f"{META_FILE} has schema_version {version!r}; this Kansrijk reads version {SCHEMA_VERSION}",
            )
        try:
            wave = data["wave"]
            fieldwork = data["fieldwork"]
            instrument = data["instrument"]
            design = data["design"]
            return cls(
                schema_version=SCHEMA_VERSION,
                municipality_code=str(data["municipality_code"]),
                wave_id=str(wave["id"]),
                wave_name=str(wave["name"]),
                fieldwork_start=dt.date.fromisoformat(fieldwork["start"]),
                fieldwork_end=dt.date.fromisoformat(fieldwork["end"]),
                instrument=InstrumentRef(
                    code=str(instrument["code"]),
                    version=str(instrument["version"]),
                    sha256=str(instrument["sha256"]),
                ),
                design=DesignRef(
                    strata=str(design["strata"]),
                    psu=str(design["psu"]),
                    weight=None if design.get("weight") is None else str(design["weight"]),
                ),
                enrolment=tuple(
                    EnrolmentRow(str(r["school_id"]), int(r["grade"]), str(r["gender"]), int(r["N"]))
                    for r in data["enrolment"]
                ),
                row_count=int(data["row_count"]),
                responses_sha256=str(data["responses_sha256"]),
                extra={str(k): str(v) for k, v in (data.get("extra") or {}).items()},
            )
        except KeyError as exc:
            raise SnapshotError(folder, f"{META_FILE} lacks the key {exc.args[0]!r}") from None
        except (TypeError, ValueError) as exc:
            raise SnapshotError(folder, f"{META_FILE} has a value of the wrong type: {exc}") from None


@dataclass(frozen=True, slots=True)
class Snapshot:
    meta: SnapshotMeta
    responses: pl.DataFrame


def _validate_meta(folder: str | os.PathLike[str], meta: SnapshotMeta) -> None:
    if meta.fieldwork_end < meta.fieldwork_start:
        raise SnapshotError(folder, "fieldwork ends before it starts; swap fieldwork_start and fieldwork_end")
    seen: set[tuple[str, int, str]] = set()
    for row in meta.enrolment:
        if row.gender not in ENROLMENT_GENDERS:
            raise SnapshotError(
                folder, f"enrolment row {row}: gender must be 'm' or 'v' (DUO counts only those two)"
            )
        if row.n < 0:
            raise SnapshotError(folder, f"enrolment row {row}: N must not be negative")
        key = (row.school_id, row.grade, row.gender)
        if key in seen:
            raise SnapshotError(folder, f"enrolment cell {key} appears twice; give one N per cell")
        seen.add(key)


def validate_responses(folder: str | os.PathLike[str], responses: pl.DataFrame, design: DesignRef) -> None:
    """Check fixed columns, dtypes, gender codes and the design columns; raise :class:`SnapshotError`."""
    schema = responses.schema
    for name, dtype in FIXED_COLUMNS.items():
        if name not in schema:
            raise SnapshotError(folder, f"{RESPONSES_FILE} lacks the fixed column {name!r}")
        if schema[name] != dtype:
            raise SnapshotError(
                folder, f"column {name!r} has dtype {schema[name]}, expected {dtype}; cast it before writing"
            )
    fixed = list(FIXED_COLUMNS)
    if responses.columns[: len(fixed)] != fixed:
        raise SnapshotError(folder, f"the fixed columns must come first, in the order {fixed}")
    for name, dtype in schema.items():
        if name in FIXED_COLUMNS:
            continue
        if not (dtype == pl.String or dtype == pl.Boolean or dtype.is_numeric()):
            raise SnapshotError(
                folder, f"item column {name!r} has dtype {dtype}; items are strings, booleans or numbers"
            )
    bad_gender = responses.filter(pl.col("gender").is_not_null() & ~pl.col("gender").is_in(GENDER_CODES))
    if bad_gender.height:
        raise SnapshotError(
            folder,
            f"gender {bad_gender['gender'][0]!r} in row of respondent {bad_gender['respondent_id'][0]!r}; "
            "use 'm', 'v', 'x' or null",
        )
    for role, column in (("strata", design.strata), ("psu", design.psu), ("weight", design.weight)):
        if column is not None and column not in schema:
            raise SnapshotError(folder, f"design names {role} column {column!r}, which the responses lack")
    if responses["respondent_id"].null_count() or responses["respondent_id"].n_unique() != responses.height:
        raise SnapshotError(folder, "respondent_id must be present and unique in every row")


def responses_to_parquet_bytes(responses: pl.DataFrame) -> bytes:
    """Serialise responses with the fixed Parquet settings; the same frame always gives the same bytes."""
    table = responses.to_arrow()
    # Polars may hand over large_string/string_view; pin plain Arrow types so bytes do not depend on that.
    fields = []
    for f in table.schema:
        t = f.type
        if pa.types.is_large_string(t) or pa.types.is_string_view(t):
            t = pa.string()
        fields.append(pa.field(f.name, t, nullable=True))
    table = table.cast(pa.schema(fields), safe=True).replace_schema_metadata(None)
    buffer = io.BytesIO()
    pq.write_table(table, buffer, store_schema=False, **_PARQUET_OPTIONS)
    return buffer.getvalue()


def meta_to_json_bytes(meta: SnapshotMeta) -> bytes:
    return (json.dumps(meta.to_json_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def write_snapshot(
    folder: str | os.PathLike[str], responses: pl.DataFrame, meta: SnapshotMeta
) -> SnapshotMeta:
    """Write ``responses`` and ``meta`` as a snapshot folder and return the meta as written.

    ``row_count`` and ``responses_sha256`` are computed here (any values passed in are replaced). The folder
    may exist but must not already hold a snapshot: snapshots are immutable.
    """
    path = Path(folder)
    if (path / META_FILE).exists() or (path / RESPONSES_FILE).exists():
        raise SnapshotError(folder, "already holds a snapshot; snapshots are immutable, write a new folder")
    _validate_meta(folder, meta)
    validate_responses(folder, responses, meta.design)
    data = responses_to_parquet_bytes(responses)
    final = dataclasses.replace(
        meta,
        schema_version=SCHEMA_VERSION,
        enrolment=tuple(sorted(meta.enrolment, key=lambda r: (r.school_id, r.grade, r.gender))),
        row_count=responses.height,
        responses_sha256=hashlib.sha256(data).hexdigest(),
    )
    path.mkdir(parents=True, exist_ok=True)
    (path / RESPONSES_FILE).write_bytes(data)
    (path / META_FILE).write_bytes(meta_to_json_bytes(final))
    return final


def read_snapshot(folder: str | os.PathLike[str]) -> Snapshot:
    """Read a snapshot folder, refusing any mismatch between the files and ``meta.json``."""
    path = Path(folder)
    for name in (META_FILE, RESPONSES_FILE):
        if not (path / name).is_file():
            raise SnapshotError(folder, f"lacks {name}; is this a snapshot folder?")
    try:
        raw = json.loads((path / META_FILE).read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SnapshotError(folder, f"{META_FILE} is not valid JSON: {exc}") from None
    meta = SnapshotMeta.from_json_dict(raw, folder)
    data = (path / RESPONSES_FILE).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != meta.responses_sha256:
        raise SnapshotError(
            folder,
            f"{RESPONSES_FILE} has sha256 {digest}, but {META_FILE} records {meta.responses_sha256}; "
            "the file was changed or damaged after the wave was frozen",
        )
    try:
        responses = pl.read_parquet(io.BytesIO(data))
    except Exception as exc:  # pyarrow/polars raise several types for a damaged file
        raise SnapshotError(folder, f"{RESPONSES_FILE} cannot be read as Parquet: {exc}") from None
    if responses.height != meta.row_count:
        raise SnapshotError(
            folder, f"{RESPONSES_FILE} has {responses.height} rows, {META_FILE} records {meta.row_count}"
        )
    _validate_meta(folder, meta)
    validate_responses(folder, responses, meta.design)
    return Snapshot(meta=meta, responses=responses)
