"""Reading the tables a municipality brings: CSV in Dutch conventions and Excel, row by row, as text.

Dutch spreadsheets saved as CSV use ``;`` (the comma is the decimal separator), and come as UTF-8 with a BOM
or as cp1252 (Excel's "CSV (gescheiden door lijstscheidingsteken)"). Excel files are read with openpyxl in
read-only, data-only mode: formulas are never evaluated, only their cached values are read. Every value is
kept as text here; the importers parse and report problems per row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from zipfile import BadZipFile

from openpyxl import load_workbook


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an uploaded table, at a row (as a spreadsheet shows it: header = 1) and column."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"rij {self.row}")
        if self.column:
            where.append(f"kolom {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ImportFailed(Exception):
    """An import refused as a whole: nothing was written. ``problems`` says what to fix, per row."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Table:
    """Rows of text keyed by normalised header; ``rows[i]`` is spreadsheet row ``i + 2``."""

    headers: tuple[str, ...]
    rows: tuple[dict[str, str], ...] = field(default=())

    @staticmethod
    def row_number(index: int) -> int:
        return index + 2


def normalize_header(text: str) -> str:
    """``" Vestigings Nummer "`` → ``"vestigingsnummer"``: case, spaces, dashes and underscores ignored."""
    return re.sub(r"[\s_\-]+", "", text.strip().lower())


def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, otherwise cp1252 (Excel on Windows in a Dutch locale)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def read_table(data: bytes, filename: str) -> Table:
    """Read a CSV or ``.xlsx`` upload; raises :class:`ImportFailed` when the file cannot be read at all."""
    if filename.lower().endswith((".xlsx", ".xlsm")):
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (BadZipFile, KeyError, OSError, ValueError) as exc:
            raise ImportFailed(
                [Problem(None, None, f"dit is geen leesbaar Excel-bestand (.xlsx): {exc}")]
            ) from None
        sheet = workbook.worksheets[0]
        raw_rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    else:
        text = decode_csv(data)
        first = text.split("\n", 1)[0]
        raw_rows = [
            [cell.strip() for cell in row]
            for row in csv.reader(io.StringIO(text), delimiter=_sniff_delimiter(first))
        ]
    if not raw_rows or not any(raw_rows[0]):
        raise ImportFailed([Problem(1, None, "het bestand is leeg of heeft geen kopregel")])
    headers = tuple(normalize_header(h) for h in raw_rows[0])
    rows = []
    for raw in raw_rows[1:]:
        if not any(cell for cell in raw):
            continue
        rows.append({h: (raw[i] if i < len(raw) else "") for i, h in enumerate(headers) if h})
    return Table(headers=headers, rows=tuple(rows))


def pick(row: dict[str, str], *names: str) -> str:
    """The first non-empty value among header aliases (``names`` already normalised)."""
    for name in names:
        value = row.get(name, "")
        if value:
            return value
    return ""


def parse_int(text: str) -> int | None:
    """A whole number in Dutch notation: ``1.234`` is one thousand two hundred thirty-four; ``12,0`` is 12."""
    text = text.strip().replace(" ", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    text = re.sub(r",0+$", "", text)
    return int(text) if re.fullmatch(r"\d+", text) else None


def parse_decimal(text: str) -> float | None:
    """A number in Dutch notation (decimal comma; a point is accepted when there is no comma)."""
    text = text.strip().replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None
