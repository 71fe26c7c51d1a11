"""Reading the tables municipalities bring: CSV in Dutch conventions, or Excel. Every import uses this reader.

Dutch CSV means ``;`` as separator (a file with ``,`` or tabs in its header is read with that), a decimal
comma (``12,5``; ``1.234,5``; ``1.234`` is one thousand two hundred and thirty-four), and a file saved either
as UTF-8 (often with a byte-order mark, as Excel writes it) or as Windows-1252 (older Excel). Excel files are
read with openpyxl in read-only, data-only mode: formulas are never evaluated, their cached values are used,
and cells become the text a CSV would hold. Plain Python, no Django (like :mod:`kansrijk.snapshot`, this is
library code that every app's importer shares). Every problem becomes a :class:`RowError` with the
spreadsheet row (header = 1, blank lines counted) and the column to fix; an import that finds any raises
:class:`ImportFileError` with all of them, and writes nothing.

Headers are matched loosely: case, spaces, dashes and underscores are ignored, so ``School ID``,
``school_id`` and ``schoolid`` name the same column, and a row answers ``row["leeftijd_van"]`` for a header
``Leeftijd van``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
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

    def __str__(self) -> str:
        head = super().__str__()
        return "\n".join([head, *(f"- {e}" for e in self.errors)])


@lru_cache(maxsize=1024)
def normalize_header(text: str) -> str:
    """``" Vestigings Nummer "`` → ``"vestigingsnummer"``: case, spaces, dashes and underscores ignored."""
    return re.sub(r"[\s_\-]+", "", str(text).strip().lower())


class Row(dict[str, str]):
    """One data row: values (trimmed text) keyed by normalised header, found by any spelling of the header.

    An empty row is a blank line of the file (kept so that row numbers stay the spreadsheet's).
    """

    def __getitem__(self, key: str) -> str:
        return super().__getitem__(normalize_header(key))

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and super().__contains__(normalize_header(key))

    def get(self, key: str, default: Any = None) -> Any:
        return super().get(normalize_header(key), default)


@dataclass(frozen=True)
class Table:
    """Header (normalised) and rows; ``rows[i]`` is spreadsheet row ``first_row + i`` (blank rows: ``{}``)."""

    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    first_row: int = 2

    def has(self, column: str) -> bool:
        """Whether the header holds ``column`` (any spelling: ``leeftijd_van`` matches ``Leeftijd van``)."""
        return normalize_header(column) in self.columns

    def row_number(self, index: int) -> int:
        """The spreadsheet row of ``rows[index]``."""
        return self.first_row + index

    def numbered(self) -> Iterator[tuple[int, Row]]:
        """``(spreadsheet row, row)`` for every non-blank row, in file order."""
        for index, row in enumerate(self.rows):
            if row:
                yield self.first_row + index, row


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, else Windows-1252 — the two encodings Excel writes."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(first_line: str) -> str:
    """``;`` unless the header holds more tabs or commas than semicolons."""
    counts = {d: first_line.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def read_table(data: bytes, filename: str) -> Table:
    """Read a ``.csv`` or ``.xlsx`` file; raises :class:`ImportFileError` when it cannot be read at all."""
    if filename.lower().endswith((".xlsx", ".xlsm")):
        lines = _xlsx_lines(data, filename)
    else:
        text = decode(data)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]))
        lines = [[cell.strip() for cell in line] for line in reader]
    if not lines or not any(lines[0]):
        raise ImportFileError(filename, [RowError(1, "", "het bestand is leeg of heeft geen kopregel")])
    columns = tuple(normalize_header(c) for c in lines[0])
    rows: list[Row] = []
    for line in lines[1:]:
        if not any(line):
            rows.append(Row())  # keep row numbering; blank rows are skipped by the row parsers
            continue
        rows.append(Row((col, line[i] if i < len(line) else "") for i, col in enumerate(columns) if col))
    return Table(tuple(c for c in columns if c), tuple(rows))


def _xlsx_lines(data: bytes, filename: str) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ImportFileError(filename, [RowError(1, "", f"geen leesbaar Excel-bestand ({exc})")]) from None
    sheet = book.worksheets[0]
    lines = [[_cell_text(c) for c in r] for r in sheet.iter_rows(values_only=True)]
    book.close()
    return lines


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


def pick(row: Row, *names: str) -> str:
    """The first non-empty value among header aliases."""
    for name in names:
        value = row.get(name, "")
        if value:
            return str(value)
    return ""


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


def parse_int(text: str) -> int | None:
    """A count in Dutch notation (``1.234`` is 1234, ``12,0`` is 12); None unless it is a whole number ≥ 0."""
    if not re.fullmatch(r"[\d.,\s\u00a0]+", text.strip()):
        return None
    try:
        value = parse_decimal(text)
    except ValueError:
        return None
    return int(value) if value == value.to_integral_value() else None


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
