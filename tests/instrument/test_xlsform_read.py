"""Reading XLSForm: every item type, pages and matrices, translations with Dutch fallback."""

from __future__ import annotations

import pytest

from kansrijk.instrument import Group, Instrument, load_xlsform
from tests.instrument.forms import NL, SETTINGS, rich_form, workbook


@pytest.fixture(scope="module")
def rich() -> Instrument:
    return load_xlsform(rich_form())


def test_settings(rich: Instrument) -> None:
    assert (rich.code, rich.version, rich.title, rich.default_language) == (
        "test_form",
        "2025.1",
        "Testvragenlijst",
        "nl",
    )
    assert rich.languages == ("nl", "en", "ar")


def test_every_item_type(rich: Instrument) -> None:
    types = {i.name: i.type for i in rich.items}
    assert types == {
        "intro": "note",
        "bg_age": "integer",
        "bg_gender": "select_one",
        "bg_pc4": "text",
        "bg_lives_with": "select_multiple",
        "bg_date": "date",
        "alc_life": "select_one",
        "alc_30d": "select_one",
        "alc_glasses": "decimal",
        "wb_mh_1": "select_one",
        "wb_mh_2": "select_one",
        "wb_help": "select_one",
    }
    age = rich.item("bg_age")
    assert age.required is True
    assert age.constraint == ". >= 10 and . <= 20"
    assert age.hint == {"nl": "In jaren", "en": "In years"}
    assert age.required_message == {"nl": "Vul je leeftijd in"}
    assert age.constraint_message == {"nl": "Tussen 10 en 20", "en": "Between 10 and 20"}
    assert rich.item("bg_pc4").appearance == "numbers"
    assert rich.item("wb_help").choice_filter == "${bg_age} > 0"
    assert rich.choices_of("bg_lives_with").codes == ("mother", "father", "none")


def test_numeric_cells_become_codes(rich: Instrument) -> None:
    freq = rich.choice_lists["freq"]
    assert freq.codes == ("0", "1", "2")
    assert freq.numeric is True
    assert rich.choice_lists["yes_no"].numeric is False
    assert rich.choice_lists["lives"].choice("mother").properties == {"group_tag": "parent"}


def test_pages_and_matrix(rich: Instrument) -> None:
    pages = rich.pages
    assert [p.name for p in pages] == ["intro", "bg", "alc", "wb"]
    assert pages[0].implicit and [i.name for i in pages[0].iter_items()] == ["intro"]
    assert pages[2].relevant == "${bg_age} >= 12"
    matrix = pages[3].children[0]
    assert isinstance(matrix, Group) and matrix.is_matrix and matrix.appearance == "table-list"
    assert [i.name for i in matrix.iter_items()] == ["wb_mh_1", "wb_mh_2"]
    assert [g.name for g in rich.ancestors("wb_mh_2")] == ["wb", "wb_mh"]


def test_translation_and_fallback(rich: Instrument) -> None:
    gender = rich.item("bg_gender")
    assert rich.label(gender, "en") == "Are you a boy or a girl?"
    assert rich.label(gender, "ar") == "Ben je een jongen of een meisje?"  # missing → Dutch
    assert rich.label(rich.choice_lists["gender"].choice("m"), "ar") == "ولد"
    assert rich.label(rich.item("bg_age"), "ar") == "كم عمرك؟"
    assert rich.is_rtl("ar") and not rich.is_rtl("nl") and not rich.is_rtl("uk")


def test_indicators(rich: Instrument) -> None:
    alc, mh = rich.indicators
    assert (
        alc.code == "alc_30d_any"
        and alc.domain == "substance_use"
        and alc.risk_groups == ("middelengebruik",)
    )
    assert alc.unit == "percentage" and alc.direction == "higher_is_worse" and alc.denominator is None
    assert alc.label == {"nl": "Alcohol gedronken (30 dagen)", "en": "Drank alcohol (30 days)"}
    assert mh.min_answered == 1 and mh.denominator == "${bg_age} >= 12" and mh.risk_groups == ()


def test_plain_label_columns_and_short_language_codes() -> None:
    survey = [
        ["type", "name", "label", "label::en"],
        ["integer", "age", "Leeftijd", "Age"],
    ]
    ins = load_xlsform(workbook(survey, settings=[["form_id", "version"], ["f", "1"]]))
    assert ins.item("age").label == {"nl": "Leeftijd", "en": "Age"}
    assert ins.title == "f"


def test_path_input(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "form.xlsx"
    path.write_bytes(workbook([["type", "name", NL], ["text", "x", "X?"]], settings=SETTINGS))
    assert load_xlsform(path).item("x").type == "text"
    assert load_xlsform(str(path)).item("x").label == {"nl": "X?"}
