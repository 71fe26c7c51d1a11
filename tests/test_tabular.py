"""Dutch CSV conventions and Excel, read without Django."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from kansrijk.cycle.tabular import (
    ImportFileError,
    parse_bool,
    parse_date,
    parse_decimal,
    read_table,
    split_list,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12,5", "12.5"),
        ("1.234,5", "1234.5"),
        ("1.234", "1234"),
        ("12.5", "12.5"),
        ("0", "0"),
        ("-3,25", "-3.25"),
        ("€ 185,00", "185.00"),
        ("1 234,5", "1234.5"),
    ],
)
def test_parse_decimal_dutch(text: str, value: str) -> None:
    assert parse_decimal(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "twaalf", "1,2,3", "nan"])
def test_parse_decimal_rejects(text: str) -> None:
    with pytest.raises(ValueError, match=r"getal|leeg"):
        parse_decimal(text)


def test_parse_date_iso_and_day_first() -> None:
    assert parse_date("2025-03-01") == dt.date(2025, 3, 1)
    assert parse_date("1-3-2025") == dt.date(2025, 3, 1)
    assert parse_date("01/03/2025") == dt.date(2025, 3, 1)
    with pytest.raises(ValueError, match="geen datum"):
        parse_date("31-2-2025")


def test_parse_bool_and_lists() -> None:
    assert parse_bool("Ja") is True and parse_bool("nee") is False and parse_bool("") is False
    with pytest.raises(ValueError, match="ja of nee"):
        parse_bool("misschien")
    assert split_list("armoede, pesten|risicojeugd") == ["armoede", "pesten", "risicojeugd"]


def test_cp1252_and_bom_utf8_read_the_same() -> None:
    text = "aanbieder;activiteit\nCafé Zuid;Dansen\n"
    a = read_table(text.encode("cp1252"), "a.csv")
    b = read_table(b"\xef\xbb\xbf" + text.encode("utf-8"), "b.csv")
    assert a == b
    assert a.columns == ("aanbieder", "activiteit")
    assert a.rows[0]["aanbieder"] == "Café Zuid"


def test_blank_lines_keep_row_numbers() -> None:
    table = read_table(b"a;b\n1;2\n\n3;4\n", "x.csv")
    assert table.rows[1] == {} and table.rows[2] == {"a": "3", "b": "4"}


def test_empty_file_is_an_error() -> None:
    with pytest.raises(ImportFileError) as info:
        read_table(b"", "leeg.csv")
    assert info.value.errors[0].row == 1


def test_xlsx_values_not_formulas() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Gebiedcode", "Waarde", "Peildatum"])
    sheet.append(["WK999901", 12.5, dt.datetime(2025, 3, 1)])
    sheet.append(["WK999902", "=1+1", None])
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table(buffer.getvalue(), "cijfers.xlsx")
    assert table.columns == ("gebiedcode", "waarde", "peildatum")
    assert table.rows[0] == {"gebiedcode": "WK999901", "waarde": "12,5", "peildatum": "2025-03-01"}
    # data_only: a formula is never evaluated; without a cached value the cell is empty ("is leeg")
    assert table.rows[1]["waarde"] == ""
