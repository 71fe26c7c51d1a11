"""From stored responses to a Snapshot v1, and from a Snapshot v1 (a historical wave) back to a closed wave.

The snapshot format itself belongs to :mod:`kansrijk.snapshot`; this module only assembles the frame:
fixed columns (school, class, grade, gender from ``bg_gender`` with ``nz`` → null, ``pc4`` from ``bg_pc4``,
``wijk`` via the PC4 → wijk table or ``buiten``, ``complete``, ``duration_s``) and one column per item in
snapshot conventions. Free text is left out (DESIGN.md). Answers to items that are not relevant for the
respondent are nulled here once more, so the snapshot agrees with the skip logic whatever the client sent.
"""

from __future__ import annotations

import shutil
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.db.models import Max

from kansrijk.accounts.constants import OUTSIDE_MUNICIPALITY
from kansrijk.accounts.models import Pc4Wijk
from kansrijk.instrument import Instrument
from kansrijk.snapshot import (
    FIXED_COLUMNS,
    DesignRef,
    EnrolmentRow,
    InstrumentRef,
    SnapshotMeta,
    choice_column,
    write_snapshot,
)

from .models import PageSave, Response, Wave
from .questionnaire import load_instrument

_DTYPES: dict[str, pl.DataType] = {"select_one": pl.String(), "integer": pl.Int64(), "decimal": pl.Float64()}


def snapshot_root() -> Path:
    """Where snapshots live: ``KANSRIJK_SNAPSHOT_DIR`` or ``<var>/snapshots``."""
    configured = getattr(settings, "KANSRIJK_SNAPSHOT_DIR", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "snapshots"


def item_columns(instrument: Instrument) -> dict[str, pl.DataType]:
    """Snapshot item columns in form order; text, date and note items have none."""
    columns: dict[str, pl.DataType] = {}
    for item in instrument.items:
        if item.type == "select_multiple":
            for code in instrument.choices_of(item).codes:
                columns[choice_column(item.name, code)] = pl.Boolean()
        elif item.type in _DTYPES:
            columns[item.name] = _DTYPES[item.type]
    return columns


def wijk_lookup(wave: Wave) -> dict[str, str]:
    """PC4 → wijk code, taking the wijk with the largest share where a PC4 straddles wijken."""
    best: dict[str, tuple[float, str]] = {}
    for row in Pc4Wijk.objects.filter(municipality=wave.municipality).select_related("wijk"):
        if row.pc4 not in best or row.share > best[row.pc4][0]:
            best[row.pc4] = (row.share, row.wijk.code)
    return {pc4: code for pc4, (_, code) in best.items()}


def _clean(instrument: Instrument, answers: dict[str, Any]) -> dict[str, Any]:
    out = dict(answers)
    for item in instrument.items:
        if item.answerable and not instrument.conditions.is_relevant(item.name, out):
            if item.type == "select_multiple":
                for code in instrument.choices_of(item).codes:
                    out[choice_column(item.name, code)] = None
            else:
                out[item.name] = None
    return out


def responses_frame(wave: Wave, instrument: Instrument) -> pl.DataFrame:
    """One row per respondent who did not refuse, in snapshot v1 layout (respondent ids freshly random)."""
    columns = item_columns(instrument)
    wijken = wijk_lookup(wave)
    durations: dict[int, int] = defaultdict(int)
    per_page = (
        PageSave.objects.filter(response__session__school_class__wave=wave)
        .values("response_id", "page")
        .annotate(seconds=Max("seconds"))
    )
    for row in per_page:
        durations[row["response_id"]] += row["seconds"]
    records: list[dict[str, Any]] = []
    responses = (
        Response.objects.filter(session__school_class__wave=wave, refused=False)
        .select_related("session__school_class__school")
        .order_by("pk")
    )
    for response in responses.iterator(chunk_size=2000):
        answers = _clean(instrument, response.answers)
        if not any(answers.get(name) is not None for name in columns) and not response.complete:
            continue  # entered the code, never answered anything: not a respondent
        school_class = response.session.school_class
        gender = answers.get("bg_gender")
        pc4 = answers.get("bg_pc4") or None
        record: dict[str, Any] = {
            "respondent_id": str(uuid.uuid4()),
            "school_id": school_class.school.code,
            "class_id": school_class.class_id,
            "grade": school_class.grade,
            "gender": gender if gender in {"m", "v", "x"} else None,
            "pc4": pc4,
            "wijk": None if pc4 is None else wijken.get(pc4, OUTSIDE_MUNICIPALITY),
            "complete": response.complete,
            "duration_s": durations.get(response.pk, 0),
        }
        for name in columns:
            record[name] = answers.get(name)
        records.append(record)
    schema = {**FIXED_COLUMNS, **columns}
    frame = pl.DataFrame(records, schema=schema, orient="row") if records else pl.DataFrame(schema=schema)
    return frame.sort("respondent_id")


def wave_meta(wave: Wave) -> SnapshotMeta:
    enrolment = tuple(
        EnrolmentRow(e.school.code, e.grade, e.gender, e.n) for e in wave.enrolment.select_related("school")
    )
    return SnapshotMeta(
        municipality_code=wave.municipality.code,
        wave_id=wave.code,
        wave_name=wave.name,
        fieldwork_start=wave.window_start,
        fieldwork_end=wave.window_end,
        instrument=InstrumentRef(wave.instrument.code, wave.instrument.version, wave.instrument.sha256),
        design=DesignRef(),
        enrolment=enrolment,
    )


def write_wave_snapshot(wave: Wave) -> tuple[Path, SnapshotMeta]:
    """Freeze a wave's responses into a new snapshot folder; returns the folder and the meta as written."""
    instrument = load_instrument(bytes(wave.instrument.xlsform))
    frame = responses_frame(wave, instrument)
    folder = snapshot_root() / wave.municipality.code / wave.code
    if folder.exists() and not any(folder.iterdir()):
        folder.rmdir()
    meta = write_snapshot(folder, frame, wave_meta(wave))
    return folder, meta


def copy_snapshot(source: Path, wave: Wave) -> Path:
    """Copy an existing snapshot folder into the store (import of a historical wave)."""
    folder = snapshot_root() / wave.municipality.code / wave.code
    folder.parent.mkdir(parents=True, exist_ok=True)
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(source, folder)
    return folder
