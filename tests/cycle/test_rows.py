"""Row validation of context and provision files: every error with row and column, without Django."""

from __future__ import annotations

from kansrijk.cycle.rows import area_level_of, parse_context, parse_provision
from kansrijk.tabular import read_table

CONTEXT_HEADER = "gebiedcode;gebiedsniveau;indicator;omschrijving;periode;waarde;eenheid;bron;peildatum\n"


def test_area_levels() -> None:
    assert area_level_of("GM9999", "GM9999") == "gemeente"
    assert area_level_of("WK999903", "GM9999") == "wijk"
    assert area_level_of("BU99990301", "GM9999") == "buurt"
    assert area_level_of("6222", "GM9999") == "pc4"
    assert area_level_of("WK093501", "GM9999") is None


def test_context_good_rows() -> None:
    data = (
        CONTEXT_HEADER
        + "WK999901;wijk;kinderen_armoede;Kinderen in armoede;2024;12,5;percentage;CBS;1-3-2025\n"
        "BU99990101;;veilig_thuis_meldingen;Meldingen;2024;7;aantal;Veilig Thuis;2025-03-01\n"
    ).encode()
    rows, errors = parse_context(read_table(data, "c.csv"), "GM9999")
    assert errors == []
    assert [(r.area_code, r.area_level, r.value) for r in rows] == [
        ("WK999901", "wijk", 12.5),
        ("BU99990101", "buurt", 7.0),
    ]
    assert rows[0].retrieved.isoformat() == "2025-03-01"


def test_context_errors_name_row_and_column() -> None:
    data = (
        CONTEXT_HEADER
        + "WK093501;wijk;kinderen_armoede;x;2024;12,5;percentage;CBS;2025-03-01\n"  # row 2: elsewhere
        + "WK999901;buurt;kinderen_armoede;x;2024;twaalf;percentage;CBS;2025-02-30\n"  # row 3: 3 errors
        + "WK999901;wijk;Kinderen Armoede;x;2024;1;percentage;;2025-03-01\n"  # row 4: code, bron
        + "WK999902;wijk;kinderen_armoede;x;2024;1;percentage;CBS;2025-03-01\n"
        + "WK999902;wijk;kinderen_armoede;x;2024;2;percentage;CBS;2025-03-01\n"
    ).encode()  # row 6: duplicate
    rows, errors = parse_context(read_table(data, "c.csv"), "GM9999")
    got = {(e.row, e.column) for e in errors}
    assert got == {
        (2, "gebiedcode"),
        (3, "gebiedsniveau"),
        (3, "waarde"),
        (3, "peildatum"),
        (4, "indicator"),
        (4, "bron"),
        (6, "periode"),
    }
    assert [r.row for r in rows] == [5]


def test_context_missing_columns_are_reported_once() -> None:
    rows, errors = parse_context(read_table(b"gebiedcode;waarde\nWK999901;1\n", "c.csv"), "GM9999")
    assert rows == []
    assert {e.column for e in errors} == {"indicator", "periode", "eenheid", "bron", "peildatum"}
    assert all(e.row == 1 for e in errors)


PROVISION_HEADER = (
    "aanbieder;activiteit;soort;wijkcode;leeftijd_van;leeftijd_tot;kosten_per_jaar;armoederegeling;themas;"
    "risicogroepen;beschermende_factoren;website\n"
)


def test_provision_good_row() -> None:
    data = (
        PROVISION_HEADER + "VV Zuid;Voetbal;sport;WK999906;6;18;185,00;ja;1,3;armoede|risicojeugd;"
        "georganiseerde_sport;https://vv.example\n"
    ).encode()
    rows, errors = parse_provision(read_table(data, "p.csv"), "GM9999")
    assert errors == []
    (row,) = rows
    assert (row.category, row.age_min, row.age_max, str(row.cost_per_year), row.poverty_scheme) == (
        "sport",
        6,
        18,
        "185.00",
        True,
    )
    assert row.themes == (1, 3) and row.risk_groups == ("armoede", "risicojeugd")


def test_provision_errors() -> None:
    data = (
        PROVISION_HEADER
        + "VV Zuid;Voetbal;zwemmen;WK999906;18;6;-5;misschien;4;armoe;sport;www.vv.example\n"
        + ";Dansen;cultuur;BU99990101;;;;;;;;\n"
    ).encode()
    rows, errors = parse_provision(read_table(data, "p.csv"), "GM9999")
    assert rows == []
    assert {(e.row, e.column) for e in errors} == {
        (2, "soort"),
        (2, "leeftijd_tot"),
        (2, "kosten_per_jaar"),
        (2, "armoederegeling"),
        (2, "themas"),
        (2, "risicogroepen"),
        (2, "beschermende_factoren"),
        (2, "website"),
        (3, "aanbieder"),
        (3, "wijkcode"),
    }
