"""The one table reader of every import: Dutch CSV conventions and Excel, read without Django."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from kansrijk.tabular import (
    ImportFileError,
    RowError,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_int,
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
        ("1,5", "1.5"),
        ("2.5", "2.5"),
        ("-1.234", "-1234"),
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
    # the case: the row after the blank line is spreadsheet row 4, not 3
    assert list(table.numbered()) == [(2, {"a": "1", "b": "2"}), (4, {"a": "3", "b": "4"})]
    assert table.row_number(2) == 4


def test_errors_name_the_true_row_and_column_in_dutch() -> None:
    error = RowError(4, "waarde", "'x' is geen getal (gebruik bv. 12,5)")
    assert str(error) == "rij 4, kolom 'waarde': 'x' is geen getal (gebruik bv. 12,5)"
    refused = ImportFileError("cijfers.csv", [error, RowError(2, "", "is leeg")])
    assert [e.row for e in refused.errors] == [2, 4]  # file order
    assert "er is niets geïmporteerd" in str(refused) and "rij 4, kolom 'waarde'" in str(refused)


def test_headers_match_loosely_and_rows_answer_any_spelling() -> None:
    table = read_table(b" School ID ;Leeftijd van;Aantal-Leerlingen\n99AA00;12;30\n", "x.csv")
    assert table.columns == ("schoolid", "leeftijdvan", "aantalleerlingen")
    assert table.has("school_id") and table.has("leeftijd_van") and not table.has("klas")
    row = table.rows[0]
    assert row["school_id"] == row["schoolid"] == row["School ID"] == "99AA00"
    assert row.get("leeftijd_van") == "12" and row.get("klas", "") == ""
    assert "aantal_leerlingen" in row


def test_semicolon_is_the_separator_and_others_are_sniffed() -> None:
    assert read_table(b"brin;naam\n99AA;X, Y\n", "s.csv").rows[0] == {"brin": "99AA", "naam": "X, Y"}
    assert read_table(b"brin,naam\n99AA,X\n", "s.csv").rows[0] == {"brin": "99AA", "naam": "X"}
    assert read_table(b"brin\tnaam\n99AA\tX\n", "s.csv").rows[0] == {"brin": "99AA", "naam": "X"}
    # a decimal comma inside a ;-file stays one cell
    assert read_table(b"pc4;aandeel\n6211;0,25\n", "p.csv").rows[0]["aandeel"] == "0,25"


def test_cp1252_with_a_character_utf8_cannot_decode() -> None:
    data = "brin;naam\n99AA;Sint-Ignatiuscollege – locatie Zuid\n".encode("cp1252")
    assert read_table(data, "s.csv").rows[0]["naam"] == "Sint-Ignatiuscollege – locatie Zuid"


def test_unreadable_excel_is_an_error_not_a_crash() -> None:
    with pytest.raises(ImportFileError) as info:
        read_table(b"not a zip", "x.xlsx")
    assert info.value.errors[0].row == 1 and "Excel" in info.value.errors[0].message


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12), ("1.234", 1234), ("12,0", 12), ("1,5", None), ("x", None), ("-3", None), ("", None)],
)
def test_parse_int_dutch(text: str, value: int | None) -> None:
    assert parse_int(text) == value


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


def test_xlsx_whole_numbers_stay_whole() -> None:
    book = openpyxl.Workbook()
    book.active.append(["school_id", "leerjaar"])
    book.active.append(["99AA00", 2.0])
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_table(buffer.getvalue(), "x.xlsx").rows[0]["leerjaar"] == "2"
