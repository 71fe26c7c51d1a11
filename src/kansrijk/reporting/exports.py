"""Microdata and result tables for researchers: CSV, Excel, Parquet and SPSS ``.sav``.

- **CSV** for Dutch Excel: ``;``-separated, decimal comma, UTF-8 with a byte-order mark (without it Excel
  reads UTF-8 as Windows-1252 and breaks every ë and Arabic letter). ``dialect="plain"`` writes ordinary
  comma-separated UTF-8 with a decimal point for scripts.
- **Excel** (openpyxl): one sheet per table, bold frozen header, column widths from the content.
- **Parquet**: the frame as it is (types kept), for R, Python and DuckDB.
- **SPSS** (pyreadstat): variable labels (the question text) and value labels (the answer texts) from the
  instrument. A select_one whose codes are all numbers becomes a numeric variable with labelled codes; one
  with text codes (e.g. ``ja``/``nee``/``nz``) stays a string variable with labelled codes; a select_multiple
  column ``item__choice`` becomes 0/1 with labels "niet gekozen"/"gekozen". In SPSS a missing string is empty.

**Formula injection** (CSV/Excel): a text cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is run as a formula by spreadsheet programs (OWASP "CSV injection"); such cells get a leading ``'``
in CSV
and Excel exports. Numbers are numbers and are not touched.
"""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import polars as pl

from kansrijk.reporting.errors import ReportingError
from kansrijk.reporting.texts import text
from kansrijk.snapshot import split_choice_column

if TYPE_CHECKING:
    from kansrijk.instrument import Instrument

CsvDialect = Literal["excel-nl", "plain"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_RE = r"^[=+\-@\t\r]"
BOM = "\ufeff"
EXCEL_MAX_WIDTH = 60
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SPSS_NAME = re.compile(r"^[A-Za-z@][A-Za-z0-9_.@#$]{0,63}$")

#: Labels of the fixed columns of a snapshot (DESIGN.md, Snapshot v1).
FIXED_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "respondent_id": "Respondent (willekeurige code)",
        "school_id": "School",
        "class_id": "Klas",
        "grade": "Leerjaar",
        "gender": "Geslacht",
        "pc4": "Postcode (4 cijfers)",
        "wijk": "Wijk",
        "complete": "Vragenlijst volledig ingevuld",
        "duration_s": "Invulduur in seconden (afgerond op 5)",
    },
    "en": {
        "respondent_id": "Respondent (random code)",
        "school_id": "School",
        "class_id": "Class",
        "grade": "Grade",
        "gender": "Gender",
        "pc4": "Postcode (4 digits)",
        "wijk": "District (wijk)",
        "complete": "Questionnaire completed",
        "duration_s": "Duration in seconds (rounded to 5)",
    },
}
GENDER_LABELS = {
    "nl": {"m": "jongen", "v": "meisje", "x": "anders"},
    "en": {"m": "boy", "v": "girl", "x": "other"},
}
YES_NO = {"nl": {0.0: "nee", 1.0: "ja"}, "en": {0.0: "no", 1.0: "yes"}}


# -- formula injection ------------------------------------------------------------------------------------


def neutralise(value: str) -> str:
    """``=SUM(A1)`` → ``'=SUM(A1)``: a spreadsheet shows the text instead of running it."""
    return "'" + value if value.startswith(FORMULA_START) else value


def neutralise_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """:func:`neutralise` on every text column (categoricals and enums included)."""
    exprs = []
    for name, dtype in frame.schema.items():
        if dtype in (pl.String, pl.Categorical) or isinstance(dtype, pl.Enum):
            col = pl.col(name).cast(pl.String)
            exprs.append(
                pl.when(col.str.contains(_FORMULA_RE)).then(pl.lit("'") + col).otherwise(col).alias(name)
            )
    return frame.with_columns(exprs) if exprs else frame


def _flatten(frame: pl.DataFrame) -> pl.DataFrame:
    """Lists and structs have no place in a spreadsheet cell: written as text."""
    exprs = []
    for name, dtype in frame.schema.items():
        if isinstance(dtype, pl.List | pl.Array):
            exprs.append(pl.col(name).cast(pl.List(pl.String)).list.join("|").alias(name))
        elif isinstance(dtype, pl.Struct):
            exprs.append(pl.col(name).struct.json_encode().alias(name))
    return frame.with_columns(exprs) if exprs else frame


# -- CSV, Parquet -----------------------------------------------------------------------------------------


def csv_bytes(frame: pl.DataFrame, *, dialect: CsvDialect = "excel-nl") -> bytes:
    """The frame as CSV: ``excel-nl`` (``;``, decimal comma, BOM) or ``plain`` (``,``, decimal point)."""
    if dialect not in ("excel-nl", "plain"):
        raise ReportingError("dialect", f"unknown CSV dialect {dialect!r}", "use 'excel-nl' or 'plain'")
    safe = neutralise_frame(_flatten(frame))
    if dialect == "plain":
        return safe.write_csv().encode("utf-8")
    body = safe.write_csv(separator=";", decimal_comma=True)
    return (BOM + body).encode("utf-8")


def parquet_bytes(frame: pl.DataFrame) -> bytes:
    """The frame as Parquet (zstd), types and nulls kept."""
    buffer = io.BytesIO()
    frame.write_parquet(buffer, compression="zstd")
    return buffer.getvalue()


# -- Excel ------------------------------------------------------------------------------------------------


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name: at most 31 characters, none of ``[]:*?/\\``."""
    base = _SHEET_FORBIDDEN.sub("_", name).strip("'") or "Blad"
    base = base[:31]
    candidate, i = base, 2
    while candidate.lower() in taken:
        suffix = f" ({i})"
        candidate, i = base[: 31 - len(suffix)] + suffix, i + 1
    taken.add(candidate.lower())
    return candidate


def excel_bytes(sheets: Mapping[str, pl.DataFrame]) -> bytes:
    """An .xlsx workbook, a sheet per frame: bold frozen header, fitted column widths, numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    if not sheets:
        raise ReportingError("sheets", "no tables to export", "pass at least one frame")
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    bold = Font(bold=True)
    for name, frame in sheets.items():
        ws = wb.create_sheet(sheet_name(name, taken))
        safe = neutralise_frame(_flatten(frame))
        ws.append(list(safe.columns))
        for cell in ws[1]:
            cell.font = bold
        widths = [len(str(c)) for c in safe.columns]
        for row in safe.iter_rows():
            ws.append([_excel_value(v) for v in row])
            for i, v in enumerate(row):
                if v is not None:
                    widths[i] = max(widths[i], len(str(v)))
        for row_cells in ws.iter_rows(min_row=2):
            for cell in row_cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # a text that survived neutralising is still never a formula
        ws.freeze_panes = "A2"
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = min(EXCEL_MAX_WIDTH, w + 2)
        if safe.height:
            ws.auto_filter.ref = ws.dimensions
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _excel_value(value: Any) -> Any:
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


# -- SPSS -------------------------------------------------------------------------------------------------


def spss_metadata(
    frame: pl.DataFrame, instrument: Instrument, lang: str = "nl"
) -> tuple[pl.DataFrame, dict[str, Any]]:
    """The frame converted for SPSS and the keyword arguments of ``pyreadstat.write_sav`` (labels, measures).

    Columns named after an item take its question text as variable label; ``item__choice`` columns of a
    select_multiple take "question: choice" and 0/1 labels; snapshot fixed columns have labels of their own;
    other columns are written without a label. Booleans become 0/1.
    """
    label = instrument.label
    column_labels: dict[str, str] = {}
    value_labels: dict[str, dict[Any, str]] = {}
    measures: dict[str, str] = {}
    exprs: list[pl.Expr] = []
    fixed = FIXED_LABELS.get(lang, FIXED_LABELS["nl"])
    chosen = {0.0: text("not_chosen", lang), 1.0: text("chosen", lang)}
    for name, dtype in frame.schema.items():
        if not _SPSS_NAME.match(name):
            raise ReportingError(
                f"column {name!r}", "is not a valid SPSS variable name", "use letters, digits and _ (max 64)"
            )
        col = pl.col(name)
        item_name, choice = split_choice_column(name) or (name, "")
        if name in fixed:
            column_labels[name] = fixed[name]
            if name == "gender":
                value_labels[name] = GENDER_LABELS.get(lang, GENDER_LABELS["nl"])
                measures[name] = "nominal"
            elif name == "grade":
                measures[name] = "ordinal"
        elif instrument.has_item(name):
            item = instrument.item(name)
            column_labels[name] = label(item, lang)
            if item.type == "select_one" and item.list_name:
                choices = instrument.choices_of(item)
                if choices.numeric:
                    exprs.append(_numeric_codes(frame, name))
                    value_labels[name] = {float(c.code): label(c, lang) for c in choices.choices}
                    measures[name] = "ordinal"
                else:
                    value_labels[name] = {c.code: label(c, lang) for c in choices.choices}
                    measures[name] = "nominal"
            elif item.type in ("integer", "decimal"):
                measures[name] = "scale"
        elif (
            choice and instrument.has_item(item_name) and instrument.item(item_name).type == "select_multiple"
        ):
            item = instrument.item(item_name)
            try:
                choice_label = label(instrument.choices_of(item).choice(choice), lang)
            except KeyError:
                choice_label = choice
            column_labels[name] = f"{label(item, lang)}: {choice_label}"
            value_labels[name] = dict(chosen)
            measures[name] = "nominal"
        if dtype == pl.Boolean:
            exprs.append(col.cast(pl.Float64).alias(name))  # SPSS numbers are doubles; labels keyed 0.0/1.0
            if name not in value_labels:
                value_labels[name] = dict(YES_NO.get(lang, YES_NO["nl"]))
                measures[name] = "nominal"
        elif isinstance(dtype, pl.Categorical | pl.Enum):
            exprs.append(col.cast(pl.String).alias(name))
    converted = frame.with_columns(exprs) if exprs else frame
    return converted, {
        "column_labels": column_labels,
        "variable_value_labels": value_labels,
        "variable_measure": measures,
    }


def _numeric_codes(frame: pl.DataFrame, name: str) -> pl.Expr:
    values = frame[name].cast(pl.String)
    bad = values.filter(values.is_not_null() & values.cast(pl.Float64, strict=False).is_null())
    if bad.len():
        raise ReportingError(
            f"column {name!r}",
            f"holds codes that are not numbers ({bad[0]!r})",
            "check the data against the instrument",
        )
    return pl.col(name).cast(pl.String).cast(pl.Float64).alias(name)


def write_spss(
    frame: pl.DataFrame, path: str | Path, instrument: Instrument, *, lang: str = "nl", file_label: str = ""
) -> None:
    """Write ``frame`` as an SPSS .sav file with variable and value labels from ``instrument``."""
    import pyreadstat

    converted, meta = spss_metadata(frame, instrument, lang)
    pyreadstat.write_sav(
        converted,  # pyreadstat ≥ 1.3 takes a Polars frame (through narwhals); no pandas needed
        str(path),
        file_label=file_label or f"{instrument.title} ({instrument.code} {instrument.version})",
        **meta,
    )


def spss_bytes(frame: pl.DataFrame, instrument: Instrument, *, lang: str = "nl") -> bytes:
    """The .sav file as bytes (pyreadstat writes only to a path: a temporary file, removed afterwards)."""
    with tempfile.TemporaryDirectory(prefix="kansrijk-sav-") as folder:
        path = Path(folder) / "data.sav"
        write_spss(frame, path, instrument, lang=lang)
        return path.read_bytes()
