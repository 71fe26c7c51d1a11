from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl
import polars as pl
import pyreadstat
import pytest
from polars.testing import assert_frame_equal

from kansrijk.reporting.errors import ReportingError
from kansrijk.reporting.exports import (
    csv_bytes,
    excel_bytes,
    neutralise,
    parquet_bytes,
    sheet_name,
    spss_bytes,
    write_spss,
)

DANGEROUS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def _frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "wijk": ["Noord", "Zuid-Oost", *DANGEROUS, "Bétonstraat ٣"],
            "aandeel": [0.125, -2.5, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, None],
            "n": [1204, 30, 1, 2, 3, 4, 5, 6, 7],
        }
    )


def test_neutralise() -> None:
    for value in DANGEROUS:
        assert neutralise(value) == "'" + value
    assert neutralise("Noord") == "Noord" and neutralise("a=b") == "a=b" and neutralise("") == ""


def test_csv_for_dutch_excel() -> None:
    raw = csv_bytes(_frame())
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ["wijk", "aandeel", "n"]
    assert rows[1] == ["Noord", "0,125", "1204"]
    assert rows[2] == ["Zuid-Oost", "-2,5", "30"]  # numbers are not neutralised; only text is
    assert [r[0] for r in rows[3:9]] == ["'" + v for v in DANGEROUS]
    assert rows[9][0] == "Bétonstraat ٣" and rows[9][1] == ""


def test_plain_csv() -> None:
    raw = csv_bytes(_frame(), dialect="plain")
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert rows[1] == ["Noord", "0.125", "1204"]
    assert rows[3][0] == "'" + DANGEROUS[0]
    with pytest.raises(ReportingError, match="dialect"):
        csv_bytes(_frame(), dialect="tsv")  # type: ignore[arg-type]


def test_excel_sheets_header_widths_and_injection(tmp_path: Path) -> None:
    data = excel_bytes(
        {"Wijken": _frame(), "Tabel: 2/3": pl.DataFrame({"x": [1]}), "wijken": pl.DataFrame({"y": [2]})}
    )
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Wijken", "Tabel_ 2_3", "wijken (2)"]
    ws = wb["Wijken"]
    assert ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]] == ["wijk", "aandeel", "n"] and ws["A1"].font.b
    assert ws["B2"].value == 0.125 and ws["C2"].value == 1204  # numbers stay numbers
    values = [ws.cell(row=r, column=1) for r in range(4, 10)]
    assert [c.value for c in values[:5]] == ["'" + v for v in DANGEROUS[:5]]
    assert values[5].value.startswith("'")  # XML stores a lone CR as LF; the prefix is what matters
    assert all(c.data_type == "s" for c in values)  # text, never a formula
    assert ws.column_dimensions["A"].width >= len(DANGEROUS[0]) + 2
    assert ws.column_dimensions["C"].width < ws.column_dimensions["A"].width


def test_sheet_names_are_valid_and_unique() -> None:
    taken: set[str] = set()
    long = "x" * 40
    assert sheet_name(long, taken) == "x" * 31
    assert sheet_name(long, taken) == "x" * 27 + " (2)"
    with pytest.raises(ReportingError):
        excel_bytes({})


def test_parquet_round_trip() -> None:
    frame = _frame()
    assert_frame_equal(pl.read_parquet(io.BytesIO(parquet_bytes(frame))), frame)


def _microdata() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "respondent_id": ["a1", "b2", "c3", "d4"],
            "school_id": ["00AA", "00AA", "01BB", "01BB"],
            "grade": [2, 4, 2, 4],
            "gender": ["m", "v", None, "x"],
            "complete": [True, True, False, True],
            "alc_life": ["0", "3", None, "6"],
            "par_alc_allowed": ["ja", "nz", None, "nee"],
            "bg_lives_with__mother": [True, False, None, True],
            "wb_life_sat": [7, 8, None, 10],
            "lei_sleep_hours": [8.5, None, 7.0, 6.25],
        }
    )


def test_spss_round_trip_values_and_labels(instrument: Any, tmp_path: Path) -> None:
    path = tmp_path / "oko.sav"
    write_spss(_microdata(), path, instrument)
    df, meta = pyreadstat.read_sav(str(path))
    assert list(df["alc_life"].astype(object).where(df["alc_life"].notna(), None)) == [0.0, 3.0, None, 6.0]
    assert list(df["par_alc_allowed"]) == ["ja", "nz", "", "nee"]  # strings: missing is empty in SPSS
    assert list(df["bg_lives_with__mother"].fillna(-1)) == [1.0, 0.0, -1, 1.0]
    assert list(df["complete"]) == [1.0, 1.0, 0.0, 1.0]
    assert list(df["lei_sleep_hours"].fillna(-1)) == [8.5, -1, 7.0, 6.25]
    assert list(df["respondent_id"]) == ["a1", "b2", "c3", "d4"]
    labels = meta.column_names_to_labels
    assert labels["alc_life"] == instrument.item("alc_life").label["nl"]
    assert (
        labels["bg_lives_with__mother"]
        == f"{instrument.item('bg_lives_with').label['nl']}: "
        + (instrument.choices_of("bg_lives_with").choice("mother").label["nl"])
    )
    assert labels["grade"] == "Leerjaar"
    values = meta.variable_value_labels
    freq = instrument.choices_of("alc_life")
    assert values["alc_life"] == {float(c.code): c.label["nl"] for c in freq.choices}
    assert values["par_alc_allowed"]["nz"] == "zeg ik liever niet"
    assert values["bg_lives_with__mother"] == {0.0: "niet gekozen", 1.0: "gekozen"}
    assert values["gender"] == {"m": "jongen", "v": "meisje", "x": "anders"}
    assert meta.variable_measure["alc_life"] == "ordinal" and meta.variable_measure["wb_life_sat"] == "scale"


def test_spss_in_english_and_as_bytes(instrument: Any, tmp_path: Path) -> None:
    data = spss_bytes(_microdata(), instrument, lang="en")
    path = tmp_path / "en.sav"
    path.write_bytes(data)
    _, meta = pyreadstat.read_sav(str(path), metadataonly=True)
    assert meta.column_names_to_labels["alc_life"] == instrument.item("alc_life").label["en"]
    assert meta.variable_value_labels["bg_lives_with__mother"] == {0.0: "not chosen", 1.0: "chosen"}


def test_spss_refuses_bad_codes_and_names(instrument: Any, tmp_path: Path) -> None:
    with pytest.raises(ReportingError, match="alc_life"):
        write_spss(pl.DataFrame({"alc_life": ["0", "veel"]}), tmp_path / "x.sav", instrument)
    with pytest.raises(ReportingError, match="SPSS variable name"):
        write_spss(pl.DataFrame({"1st": [1]}), tmp_path / "y.sav", instrument)
