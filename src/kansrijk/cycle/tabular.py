"""Reading the tables municipalities bring: CSV in Dutch conventions, or Excel.

Dutch CSV means ``;`` as separator, a decimal comma (``12,5``; ``1.234,5``), and a file saved either as UTF-8
(often with a byte-order mark, as Excel writes it) or as Windows-1252 (older Excel). Excel files are read
with openpyxl in read-only, data-only mode: formulas are never evaluated, their cached values are used.
Plain Python, no Django; every problem becomes a :class:`RowError` with the row and column to fix.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any


@dataclass(frozen=True, order=True)
class RowError:
    """One thing wrong in an imported file. ``row`` is the line as a spreadsheet shows it (header = 1)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"rij {self.row}" + (f", kolom '{self.column}'" if self.column else "")
        return f"{where}: {self.message}"


class ImportFileError(Exception):
    """The file cannot be imported; nothing was imported. Carries every error found, in file order."""

    def __init__(self, filename: str, errors: list[RowError]) -> None:
        self.filename = filename
        self.errors = sorted(errors)
        super().__init__(f"{filename}: {len(self.errors)} fout(en); er is niets geïmporteerd")


@dataclass(frozen=True)
class Table:
    """Header (lower-cased, trimmed) and rows as dicts; ``first_row`` is the sheet row of ``rows[0]``."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    first_row: int = 2


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, else Windows-1252 — the two encodings Excel writes."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def read_table(data: bytes, filename: str) -> Table:
    """Read a ``.csv`` (``;``-separated; ``,`` accepted when the header has no ``;``) or ``.xlsx`` file."""
    if filename.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data, filename)
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first_line or "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines = list(reader)
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise ImportFileError(filename, [RowError(1, "", "het bestand is leeg of heeft geen kopregel")])
    columns = tuple(_column(c) for c in lines[0])
    rows: list[dict[str, str]] = []
    for line in lines[1:]:
        if not any(cell.strip() for cell in line):
            rows.append({})  # keep row numbering; blank rows are skipped by the row parsers
            continue
        rows.append({col: (line[i].strip() if i < len(line) else "") for i, col in enumerate(columns)})
    return Table(columns, tuple(rows))


def _column(name: str) -> str:
    return name.strip().lower().replace(" ", "_")


def _read_xlsx(data: bytes, filename: str) -> Table:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ImportFileError(filename, [RowError(1, "", f"geen leesbaar Excel-bestand ({exc})")]) from None
    sheet = book.worksheets[0]
    lines = [list(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    if not lines or not any(c not in (None, "") for c in lines[0]):
        raise ImportFileError(filename, [RowError(1, "", "het werkblad is leeg of heeft geen kopregel")])
    columns = tuple(_column(str(c or "")) for c in lines[0])
    rows: list[dict[str, str]] = []
    for line in lines[1:]:
        if not any(c not in (None, "") for c in line):
            rows.append({})
            continue
        rows.append({col: _cell_text(line[i] if i < len(line) else None) for i, col in enumerate(columns)})
    return Table(columns, tuple(rows))


def _cell_text(value: Any) -> str:
    """Excel cells as the text a CSV would hold (numbers with a decimal comma, dates as ISO)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return (str(int(value)) if value.is_integer() else repr(value)).replace(".", ",")
    return str(value).strip()


_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_decimal(text: str) -> Decimal:
    """A number written the Dutch way: ``12,5``, ``1.234,5``, ``1.234`` (thousands), also ``12.5``.

    Raises ``ValueError`` with a Dutch message.
    """
    raw = text.strip().replace("\u00a0", "").replace(" ", "").replace("€", "")
    if not raw:
        raise ValueError("leeg")
    if "," in raw:
        normalised = raw.replace(".", "").replace(",", ".")
    elif _THOUSANDS.match(raw):
        normalised = raw.replace(".", "")
    else:
        normalised = raw
    try:
        value = Decimal(normalised)
    except InvalidOperation:
        raise ValueError(f"'{text}' is geen getal (gebruik bv. 12,5)") from None
    if not value.is_finite():
        raise ValueError(f"'{text}' is geen getal")
    return value


_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def parse_date(text: str) -> dt.date:
    """``2025-03-01`` (ISO) or ``1-3-2025`` / ``01/03/2025`` (day first, as in the Netherlands)."""
    raw = text.strip()
    try:
        match = _DMY.match(raw)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"'{text}' is geen datum (gebruik bv. 2025-03-01 of 1-3-2025)") from None


_TRUE = {"ja", "j", "yes", "y", "1", "waar", "true", "x"}
_FALSE = {"nee", "n", "no", "0", "onwaar", "false", ""}


def parse_bool(text: str) -> bool:
    raw = text.strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ValueError(f"'{text}' is geen ja of nee")


def split_list(text: str) -> list[str]:
    """A list inside one cell: separated by ``,`` or ``|`` (the file itself uses ``;``)."""
    return [part.strip() for part in re.split(r"[,|]", text) if part.strip()]
