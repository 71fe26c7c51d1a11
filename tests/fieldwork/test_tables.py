"""Reading CSV in Dutch conventions and Excel, without Django."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from kansrijk.fieldwork.tables import ImportFailed, parse_decimal, parse_int, read_table


def test_utf8_with_bom_and_semicolons() -> None:
    data = "\ufeffBRIN;Vestiging;Naam\n99AA;00;Één College\n".encode()
    table = read_table(data, "scholen.csv")
    assert table.headers == ("brin", "vestiging", "naam")
    assert table.rows[0]["naam"] == "Één College"


def test_cp1252_is_read() -> None:
    data = "brin;naam\n99AA;Sint-Ignatiuscollege – locatie Zuid\n".encode("cp1252")
    assert read_table(data, "s.csv").rows[0]["naam"] == "Sint-Ignatiuscollege – locatie Zuid"


def test_comma_separated_file_is_sniffed() -> None:
    assert read_table(b"brin,naam\n99AA,X\n", "s.csv").rows[0] == {"brin": "99AA", "naam": "X"}


def test_xlsx_reads_cached_values_not_formulas() -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["school_id", "leerjaar", "aantal"])
    ws.append(["99AA00", 2.0, "=1+1"])
    buffer = io.BytesIO()
    wb.save(buffer)
    table = read_table(buffer.getvalue(), "x.xlsx")
    assert table.rows[0]["leerjaar"] == "2"
    assert table.rows[0]["aantal"] == ""  # openpyxl-written formula has no cached value: never evaluated


def test_unreadable_excel_is_a_problem_not_a_crash() -> None:
    with pytest.raises(ImportFailed) as exc:
        read_table(b"not a zip", "x.xlsx")
    assert "Excel" in str(exc.value)


@pytest.mark.parametrize(
    ("text", "value"), [("12", 12), ("1.234", 1234), ("12,0", 12), ("1,5", None), ("x", None)]
)
def test_parse_int_dutch(text: str, value: int | None) -> None:
    assert parse_int(text) == value


@pytest.mark.parametrize(("text", "value"), [("2,5", 2.5), ("1.234,5", 1234.5), ("2.5", 2.5), ("", None)])
def test_parse_decimal_dutch(text: str, value: float | None) -> None:
    assert parse_decimal(text) == value
