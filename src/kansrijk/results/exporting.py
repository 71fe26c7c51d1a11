"""Files for researchers: cleaned microdata (CSV, Excel, Parquet, SPSS with labels), codebook, result tables.

Formats and labels are the reporting library's (:mod:`kansrijk.reporting.exports`, formula-injection safe);
this module only decides *what* is exported. The microdata are the run's cleaned respondents when the pipeline
handed them over (``microdata.parquet`` in the run folder), otherwise the wave's snapshot as frozen.
Views audit-log every download before sending it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import polars as pl

from kansrijk.analysis.public import NOT_PUBLISHED
from kansrijk.analysis.public import public_table as public_figures
from kansrijk.reporting.codebook import codebook_html
from kansrijk.reporting.exports import csv_bytes, excel_bytes, parquet_bytes, spss_bytes
from kansrijk.snapshot import read_snapshot

from . import present, storage
from .constants import COMPARISON_LABELS
from .models import AnalysisRun

MICRODATA_FORMATS: dict[str, tuple[str, str]] = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
    "sav": ("application/x-spss-sav", "sav"),
}


def microdata(run: AnalysisRun) -> pl.DataFrame:
    """The respondents of the run's wave, cleaned when the pipeline supplied the cleaned set."""
    cleaned = storage.read_frame(run, "microdata")
    if cleaned is not None:
        return cleaned
    return read_snapshot(Path(run.wave.snapshot_path)).responses


def row_count(run: AnalysisRun) -> int:
    return microdata(run).height


def microdata_bytes(run: AnalysisRun, fmt: str) -> bytes:
    frame = microdata(run)
    if fmt == "csv":
        return csv_bytes(frame)
    if fmt == "xlsx":
        return excel_bytes({"microdata": frame})
    if fmt == "parquet":
        return parquet_bytes(frame)
    if fmt == "sav":
        return spss_bytes(frame, present.instrument_of(run.wave))
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(MICRODATA_FORMATS)}")


def microdata_file(run: AnalysisRun, fmt: str) -> tuple[bytes, str, str]:
    content_type, suffix = MICRODATA_FORMATS[fmt]
    return microdata_bytes(run, fmt), content_type, f"microdata-{run.wave.code}-v{run.version}.{suffix}"


def codebook_html_of(run: AnalysisRun) -> str:
    instrument = present.instrument_of(run.wave)
    languages = tuple(lang for lang in ("nl", "en") if lang in instrument.languages) or ("nl",)
    return codebook_html(instrument, languages=languages)


def write_export(run: AnalysisRun, fmt: str, out_dir: Path) -> list[Path]:
    """Microdata in ``fmt``, the codebook (HTML) and the result table (CSV) into ``out_dir`` (for the CLI)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    data, _ct, name = microdata_file(run, fmt)
    paths = [
        out_dir / name,
        out_dir / f"codeboek-{run.wave.code}.html",
        out_dir / f"resultaten-{run.wave.code}-v{run.version}.csv",
    ]
    paths[0].write_bytes(data)
    paths[1].write_text(codebook_html_of(run), encoding="utf-8")
    from .services import run_table

    paths[2].write_bytes(csv_bytes(run_table(run)))
    return paths


def public_table(
    frame: pl.DataFrame, info: Mapping[str, present.IndicatorInfo], names: Mapping[str, str]
) -> pl.DataFrame:
    """A result table for people (the dashboard's CSV): names, figures rounded as every public output
    (:mod:`kansrijk.analysis.public`: 0.1 point, 0.1 unit for means), "niet gepubliceerd" for a withheld cell.
    """
    rows = []
    for r in public_figures(frame).iter_rows(named=True):
        pct = r["unit"] == "percentage"
        ind = info.get(r["indicator"])
        withheld = r["suppressed"] is not None

        def shown(value: float | None, *, pct: bool = pct, withheld: bool = withheld) -> float | None:
            if withheld or value is None:
                return None
            return round(value * 100, 1) if pct else round(value, 1)

        rows.append(
            {
                "indicator": r["indicator"],
                "omschrijving": ind.label if ind else r["indicator"],
                "eenheid": "%" if pct else "gemiddelde",
                "uitsplitsing": r["domain_type"],
                "groep": names.get(r["domain"], r["domain"]) if r["domain"] else "",
                "schatting": shown(r["estimate"]),
                "bi_onder": shown(r["ci_low"]),
                "bi_boven": shown(r["ci_high"]),
                "n": r["n"],
                "onderdrukt": NOT_PUBLISHED if withheld else "",
                "vergeleken_met_gemeente": str(COMPARISON_LABELS.get(r["vs_total"] or "", "")),
                "trend": str(COMPARISON_LABELS.get(r["trend"] or "", "")),
                "referentie": str(COMPARISON_LABELS.get(r["reference"] or "", "")),
            }
        )
    schema = {"schatting": pl.Float64, "bi_onder": pl.Float64, "bi_boven": pl.Float64, "n": pl.Int64}
    return pl.DataFrame(rows, schema_overrides=schema) if rows else pl.DataFrame(schema=schema)
