"""A complete synthetic municipality on disk: areas, schools, classes, enrolment, context, reference tables
and one Snapshot v1 per wave (with the XLSForm each wave used next to it).

Layout of ``out_dir`` (columns documented in docs/methods/synthetic-data.md)::

    areas.geojson            gemeente, wijken and buurten (PDOK property names, WGS84, with ``crs``)
    areas.csv  pc4_wijk.csv  schools.csv  classes.csv  enrolment.csv  context.csv  reference.csv
    waves/<year>/snapshot/{responses.parquet, meta.json}
    waves/<year>/<code>-<version>.xlsx

Same arguments → byte-identical files (no timestamps anywhere; every random draw from a named stream).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from kansrijk.geo import write_areas
from kansrijk.instrument.default import default_instrument_path
from kansrijk.instrument.errors import InstrumentErrors
from kansrijk.instrument.model import Group, Instrument, Item
from kansrijk.instrument.xlsform_read import load_xlsform
from kansrijk.instrument.xlsform_write import xlsform_bytes
from kansrijk.snapshot import DesignRef, InstrumentRef, SnapshotMeta, write_snapshot
from kansrijk.synth import targets as T
from kansrijk.synth.answers import draw_pupils, generate_answers, poststep_wijk
from kansrijk.synth.context import build_context
from kansrijk.synth.contract import CONTRACT_ITEMS
from kansrijk.synth.csv_out import write_dutch_csv
from kansrijk.synth.geography import Geography, build_geography
from kansrijk.synth.names import REFERENCE_MUNICIPALITIES
from kansrijk.synth.schools import DEFAULT_GRADES, SchoolSet, build_classes, build_schools

Progress = Callable[[str, float], None]
"""Called with a message and the fraction of the work done (0–1)."""

DEMO_SEED = 20260101
DEMO_PUPILS = 7000  # enrolled per wave; about 6,000 respond


class SynthError(Exception):
    """Bad arguments for the generator (the CLI prints the message and exits 2)."""


@dataclass(frozen=True)
class WaveResult:
    year: int
    folder: Path
    meta: SnapshotMeta
    respondents: int


@dataclass(frozen=True)
class DatasetResult:
    out_dir: Path
    waves: tuple[WaveResult, ...]
    notes: tuple[str, ...]


def wave_years(waves: int, last: int = 2023) -> tuple[int, ...]:
    """Biennial wave years ending in ``last``: 3 → (2019, 2021, 2023)."""
    if waves < 1:
        raise SynthError("--waves must be at least 1")
    return tuple(last - 2 * (waves - 1 - i) for i in range(waves))


def load_instrument(source: bytes | None = None) -> tuple[Instrument, bytes, str]:
    """The instrument to answer: ``source`` (XLSForm bytes), else the packaged default OKO kern; with its
    XLSForm bytes and a note (empty: nothing to report)."""
    data = source if source is not None else default_instrument_path().read_bytes()
    try:
        return load_xlsform(data), data, ""
    except InstrumentErrors as exc:
        raise SynthError(f"the instrument cannot be used: {exc}") from None


#: Items preferred as "added after the first wave" (laughing gas entered Dutch surveys around 2020).
PREFERRED_NEW_ITEMS: tuple[str, ...] = ("drug_nitrous_life", "lei_hangout_where")


def _referenced(instrument: Instrument) -> set[str]:
    """Items that other items' relevant/constraint/choice_filter refer to (dropping those breaks the form)."""
    text = " ".join(
        t for item in instrument.items for t in (item.relevant, item.constraint, item.choice_filter) if t
    )
    return {item.name for item in instrument.items if "${" + item.name + "}" in text}


def item_dropped_before(instrument: Instrument) -> str | None:
    """The item the earliest wave lacks: a preferred one if present, else the last answerable non-contract
    item no other item refers to (never the honesty check ``hon_*``, which cleaning relies on)."""
    used = _referenced(instrument)
    candidates = [
        i.name
        for i in instrument.items
        if i.answerable
        and i.name not in CONTRACT_ITEMS
        and i.name not in used
        and not i.name.startswith("hon_")
    ]
    for name in PREFERRED_NEW_ITEMS:
        if name in candidates:
            return name
    return candidates[-1] if candidates else None


#: Items OKO kern added in version 2026.1 (the peers leefdomein): the demo's first wave was fielded with an
#: instrument without them, so their indicators start at the second wave and peer_drunk keeps its trend.
PEER_ITEMS_2026: tuple[str, ...] = (
    "peer_smoke",
    "peer_vape",
    "peer_alcohol",
    "peer_cannabis",
    "peer_attitude_drunk",
    "peer_react_smoke",
    "peer_react_drunk",
    "peer_react_cannabis",
)


def without_item(instrument: Instrument, name: str | tuple[str, ...], version: str) -> Instrument:
    """A copy of ``instrument`` without item(s) ``name`` (and without groups left empty), as ``version``."""
    names = {name} if isinstance(name, str) else set(name)

    def prune(elements: tuple[Item | Group, ...]) -> tuple[Item | Group, ...]:
        out: list[Item | Group] = []
        for el in elements:
            if isinstance(el, Item):
                if el.name not in names:
                    out.append(el)
            else:
                children = prune(el.children)
                if children:
                    out.append(dataclasses.replace(el, children=children))
        return tuple(out)

    refs = ["${" + n + "}" for n in names]
    indicators = tuple(
        ind
        for ind in instrument.indicators
        if not any(ref in ind.expression or ref in (ind.denominator or "") for ref in refs)
    )
    return dataclasses.replace(
        instrument, body=prune(instrument.body), version=version, indicators=indicators
    )


def _classes_frame(classes_by_year: dict[int, pl.DataFrame], code: str) -> pl.DataFrame:
    frames = [
        c.select(
            pl.lit(f"{code}-{year}").alias("meting"),
            "school_id",
            pl.col("class_id").alias("klas_id"),
            pl.col("grade").alias("leerjaar"),
            pl.col("size").alias("leerlingen"),
        )
        for year, c in sorted(classes_by_year.items())
    ]
    return pl.concat(frames)


def _enrolment_frame(metas: dict[int, SnapshotMeta]) -> pl.DataFrame:
    rows = [
        {
            "meting": m.wave_id,
            "school_id": r.school_id,
            "leerjaar": r.grade,
            "geslacht": r.gender,
            "aantal": r.n,
        }
        for _, m in sorted(metas.items())
        for r in m.enrolment
    ]
    return pl.DataFrame(rows)


def _areas_frame(geo: Geography) -> pl.DataFrame:
    rows = [
        {
            "gebiedcode": a.code,
            "gebiedsniveau": a.level,
            "naam": a.name,
            "ouder_code": a.parent_code,
            "inwoners": a.residents,
            "pc4": geo.buurt_pc4.get(a.code),
        }
        for a in (geo.gemeente, *geo.wijken, *geo.buurten)
    ]
    return pl.DataFrame(rows)


def _schools_frame(schools: SchoolSet) -> pl.DataFrame:
    return schools.schools.select(
        "school_id", "brin", "vestiging", "naam", "niveaus", "schooltype", "buurtcode", "lon", "lat"
    )


def _proportion_with_se(y: np.ndarray, cluster: np.ndarray) -> tuple[float, float]:
    """Proportion and its SE with classes as clusters (with-replacement linearisation, no strata)."""
    n = len(y)
    p = float(y.mean())
    _, inv = np.unique(cluster, return_inverse=True)
    totals = np.bincount(inv, weights=y - p)
    k = len(totals)
    se = float(np.sqrt(k / (k - 1) * np.sum(totals**2)) / n) if k > 1 else float("nan")
    return p, se


def reference_tables(
    seed: int, years: tuple[int, ...], instrument: Instrument, pupils: int = 3000
) -> pl.DataFrame:
    """Published-style aggregate tables of other fictional municipalities, per target indicator and year.

    Each municipality is generated with the same model and a shifted substance-use level; estimates are
    percentages with a cluster (class) SE. One municipality publishes no SEs, as some real ones do not.
    """
    rows: list[dict[str, object]] = []
    for m_index, (code, name, shift) in enumerate(REFERENCE_MUNICIPALITIES):
        ref_seed = seed * 31 + 7 + m_index
        geo = build_geography(ref_seed)
        schools = build_schools(geo, pupils, ref_seed)
        for year in years:
            wave = f"{code}-{year}"
            classes = build_classes(schools, pupils, ref_seed, wave)
            resp_pupils, _, _ = draw_pupils(geo, schools, classes, ref_seed, wave)
            responses, flags, _ = generate_answers(
                instrument, resp_pupils, ref_seed, wave, year, level_shift=shift
            )
            clean = responses.filter(~flags["dishonest"] & ~flags["speeder"])
            for target in T.MARGINALS:
                if target.item not in clean.columns:
                    continue
                value = clean[target.item].cast(pl.Float64, strict=False)
                y = (value >= target.min_code).fill_null(False).to_numpy().astype(float)
                parent = {
                    "alc_30d": "alc_life",
                    "alc_binge_30d": "alc_life",
                    "alc_drunk_30d": "alc_life",
                }.get(target.item, "can_life" if target.item == "can_30d" else None)
                answered = value.is_not_null().to_numpy()
                if parent is not None:
                    answered |= (clean[parent] == "0").fill_null(False).to_numpy()
                est, se = _proportion_with_se(y[answered], clean["class_id"].to_numpy()[answered])
                rows.append(
                    {
                        "gemeentecode": code,
                        "gemeentenaam": name,
                        "indicator": target.code,
                        "jaar": year,
                        "schatting": round(100 * est, 1),
                        "se": None if m_index == len(REFERENCE_MUNICIPALITIES) - 1 else round(100 * se, 2),
                        "n": int(answered.sum()),
                    }
                )
    return pl.DataFrame(rows, schema_overrides={"se": pl.Float64})


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def generate_dataset(
    out_dir: str | os.PathLike[str],
    pupils: int,
    waves: int = 3,
    seed: int = 1,
    grades: tuple[int, ...] = DEFAULT_GRADES,
    instrument_xlsx: bytes | None = None,
    reference: bool = True,
    progress: Progress | None = None,
) -> DatasetResult:
    """Generate everything under ``out_dir`` (must be empty or absent). ``pupils`` = enrolled per wave."""
    report = progress or (lambda _m, _f: None)
    out = Path(out_dir)
    if pupils < 100:
        raise SynthError("--pupils must be at least 100 (a municipality needs a few classes)")
    if not grades or any(g not in range(1, 7) for g in grades):
        raise SynthError("grades must be secondary-school grades 1–6")
    if out.exists() and any(out.iterdir()):
        raise SynthError(f"{out} is not empty; choose a new folder (synthetic output is never overwritten)")
    years = wave_years(waves)
    out.mkdir(parents=True, exist_ok=True)
    report("areas and schools", 0.0)
    geo = build_geography(seed)
    schools = build_schools(geo, pupils, seed, tuple(sorted(grades)))
    instrument, xlsx, note = load_instrument(instrument_xlsx)
    notes = [note] if note else []
    dropped = item_dropped_before(instrument) if len(years) > 1 else None
    if len(years) > 1 and dropped is None:
        notes.append("no non-contract item to drop: every wave uses the same instrument")
    metas: dict[int, SnapshotMeta] = {}
    classes_by_year: dict[int, pl.DataFrame] = {}
    results: list[WaveResult] = []
    for w, year in enumerate(years):
        base = 0.05 + 0.8 * w / len(years)
        report(f"wave {year}: pupils", base)
        wave_inst, wave_xlsx = instrument, xlsx
        if w == 0 and dropped is not None:
            peers = tuple(
                n for n in PEER_ITEMS_2026 if n in {i.name for i in instrument.items} and n != dropped
            )
            wave_inst = without_item(instrument, (dropped, *peers), f"{year}.1")
            wave_xlsx = xlsform_bytes(wave_inst)
            lacking = f"item {dropped!r}" + (f" and the {len(peers)} peer items of 2026.1" if peers else "")
            notes.append(f"wave {year} uses instrument version {year}.1 without {lacking}")
        wave_id = f"{geo.municipality_code}-{year}"
        classes = build_classes(schools, pupils, seed, wave_id)
        resp_pupils, enrolment, class_summary = draw_pupils(geo, schools, classes, seed, wave_id)
        classes_by_year[year] = class_summary

        def step(msg: str, _year: int = year, _base: float = base) -> None:
            report(f"wave {_year}: {msg}", _base + 0.1 / len(years))

        responses, _flags, wave_notes = generate_answers(
            wave_inst, resp_pupils, seed, wave_id, year, progress=step
        )
        notes.extend(n for n in wave_notes if n not in notes)
        responses = poststep_wijk(responses, geo).sort("respondent_id")
        report(f"wave {year}: writing snapshot", base + 0.7 / len(years))
        folder = out / "waves" / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        xlsx_name = f"{wave_inst.code}-{wave_inst.version}.xlsx"
        (folder / xlsx_name).write_bytes(wave_xlsx)
        meta = SnapshotMeta(
            municipality_code=geo.municipality_code,
            wave_id=wave_id,
            wave_name=f"OKO {year} (synthetisch)",
            fieldwork_start=dt.date(year, 10, 1),
            fieldwork_end=dt.date(year, 11, 15),
            instrument=InstrumentRef(wave_inst.code, wave_inst.version, _sha(wave_xlsx)),
            design=DesignRef(strata="school_id", psu="class_id", weight=None),
            enrolment=enrolment,
            extra={
                "synthetic": "true",
                "generator": "kansrijk.synth",
                "seed": str(seed),
                "xlsform": xlsx_name,
            },
        )
        metas[year] = write_snapshot(folder / "snapshot", responses, meta)
        results.append(WaveResult(year, folder / "snapshot", metas[year], responses.height))
        del responses
    report("areas, schools, enrolment, context", 0.86)
    write_areas(
        out / "areas.geojson",
        [geo.gemeente, *geo.wijken, *geo.buurten],
        crs=geo.crs,
        extra={b.code: {"pc4": geo.buurt_pc4[b.code]} for b in geo.buurten},
    )
    write_dutch_csv(_areas_frame(geo), out / "areas.csv")
    write_dutch_csv(
        pl.DataFrame(
            [{"pc4": r.pc4, "wijkcode": r.wijk_code, "aandeel": float(r.share)} for r in geo.pc4_table.rows]
        ),
        out / "pc4_wijk.csv",
    )
    write_dutch_csv(_schools_frame(schools), out / "schools.csv")
    write_dutch_csv(_classes_frame(classes_by_year, geo.municipality_code), out / "classes.csv")
    write_dutch_csv(_enrolment_frame(metas), out / "enrolment.csv")
    write_dutch_csv(build_context(geo, seed, years), out / "context.csv")
    if reference:
        report("reference municipalities", 0.9)
        write_dutch_csv(reference_tables(seed, years, instrument), out / "reference.csv")
    report("done", 1.0)
    return DatasetResult(out, tuple(results), tuple(notes))


def demo_dataset(out_dir: str | os.PathLike[str]) -> DatasetResult:
    """The fixed-seed Gemeente Voorbeeld demo: three waves of about 6,000 respondents each.

    Called by the Django demo loaders; the same call always writes the same bytes.
    """
    return generate_dataset(out_dir, pupils=DEMO_PUPILS, waves=3, seed=DEMO_SEED)


def xlsform_sha256(data: bytes | io.BytesIO) -> str:
    return _sha(data.getvalue() if isinstance(data, io.BytesIO) else data)
