"""Forms as the XLSForm ecosystem writes them: pyxform's own example forms (see pyxform_forms/README.md)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from kansrijk.instrument import InstrumentErrors, load_xlsform, summarize, xlsform_bytes
from kansrijk.instrument.commands import app
from kansrijk.instrument.xlsform_read import content_version, read_xlsform

FORMS = Path(__file__).parent / "pyxform_forms"
PASSING = ["group", "text_and_integer", "yes_or_no_question", "choice_filter_test", "field-list"]
runner = CliRunner()


@pytest.mark.parametrize("name", PASSING)
def test_normalised_export_reads_back_equal(name: str) -> None:
    ins = load_xlsform(FORMS / f"{name}.xlsx")
    assert load_xlsform(xlsform_bytes(ins)) == ins


@pytest.mark.parametrize("name", PASSING)
def test_check_passes(name: str) -> None:
    result = runner.invoke(app, ["check", str(FORMS / f"{name}.xlsx")])
    assert result.exit_code == 0, result.output
    assert "[red]" not in result.output and "\x1b[" not in result.output


def test_group_without_settings_takes_id_from_file_name_and_version_from_sha256() -> None:
    path = FORMS / "group.xlsx"
    ins, warnings = read_xlsform(path)
    assert ins.code == "group"
    assert ins.version == content_version(path.read_bytes())
    assert ins.version.startswith("sha-") and len(ins.version) == 16
    assert [(i.name, i.type) for i in ins.items] == [
        ("family_name", "text"),
        ("phone_number", "text"),
        ("age", "integer"),
    ]
    assert ins.item("phone_number").appearance == "numbers"
    assert ins.item("age").label == {"en": "How old is your father?"}
    assert [g.name for g in ins.ancestors("age")] == ["father"]
    # no Dutch anywhere: warnings (not errors) that name the column to add
    assert [(w.sheet, w.row, w.column) for w in warnings] == [
        ("survey", 2, "label::Nederlands (nl)"),
        ("survey", 4, "label::Nederlands (nl)"),
        ("survey", 5, "label::Nederlands (nl)"),
    ]
    assert warnings[0].message == "family_name has no Dutch (nl) label"
    # the completion estimate counts the words shown instead of the missing Dutch
    assert summarize(ins).words == 4 + 1 + 5 + 5  # family name, group label "Father", phone, age


def test_bytes_take_the_form_id_from_the_name_given() -> None:
    data = (FORMS / "group.xlsx").read_bytes()
    assert load_xlsform(data, name="Vragen van de GGD-2.xlsx").code == "Vragen_van_de_GGD_2"
    assert load_xlsform(data).code == "form"


def test_language_written_as_a_name_and_list_name_with_a_space() -> None:
    ins = load_xlsform(FORMS / "yes_or_no_question.xlsx")
    good_day = ins.item("good_day")
    assert good_day.type == "select_one" and good_day.list_name == "yes_or_no"
    assert ins.choices_of(good_day).codes == ("yes", "no")
    assert ins.label(ins.choices_of(good_day).choice("no"), "en") == "no"
    assert ins.languages == ("nl", "en")
    # Dutch pupils see the only wording there is, never an empty label
    assert ins.label(good_day, "nl") == "have you had a good day today?"


def test_text_and_integer_single_colon_language() -> None:
    ins = load_xlsform(FORMS / "text_and_integer.xlsx")
    assert {i.name: (i.type, i.label) for i in ins.items} == {
        "your_name": ("text", {"en": "What is your name?"}),
        "your_age": ("integer", {"en": "How many years old are you?"}),
    }
    assert ins.choice_lists == {}


def test_plain_label_is_the_default_language_and_duplicates_are_allowed_when_set() -> None:
    ins, warnings = read_xlsform(FORMS / "choice_filter_test.xlsx")
    assert warnings == []
    assert (ins.code, ins.title, ins.allow_choice_duplicates) == (
        "cascading_selects1",
        "cascading selects",
        True,
    )
    assert ins.item("county").choice_filter == "${state}=cf"
    counties = ins.choice_lists["counties"]
    assert counties.codes == ("king", "pierce", "king", "cameron")
    assert [c.properties for c in counties.choices] == [
        {"cf": "washington"},
        {"cf": "washington"},
        {"cf": "texas"},
        {"cf": "texas"},
    ]
    assert ins.label(counties.choices[0], "nl") == "King"


def test_field_list_two_languages_next_to_plain_label() -> None:
    ins = load_xlsform(FORMS / "field-list.xlsx")
    q = ins.item("table_list_question")
    assert q.label == {"en": "table list question"} and q.hint == {"nl": "hint"}
    assert ins.choices_of(q).choice("yes").label == {"nl": "Yes", "zh": "是"}
    assert ins.languages == ("nl", "en", "zh")


def test_case_insensitivity_refused_only_for_its_unsupported_parts() -> None:
    with pytest.raises(InstrumentErrors) as info:
        load_xlsform(FORMS / "case_insensitivity.xlsx")
    assert [(e.sheet, e.row, e.column) for e in info.value.errors] == [
        ("survey", 3, "TYPE"),
        ("survey", 4, "TYPE"),
        ("external_choices", None, None),
        ("entities", None, None),
        ("osm", None, None),
    ]
    assert "“select_one_external” is not supported" in info.value.errors[0].message
    assert "question type “osm c1” is not supported" in info.value.errors[1].message


def test_case_insensitivity_without_unsupported_parts_passes(tmp_path: Path) -> None:
    wb = load_workbook(FORMS / "case_insensitivity.xlsx")
    for title in ("EXTERNAL_CHOICES", "ENTITIES", "OSM"):
        del wb[title]
    survey = wb["SURVEY"]
    assert survey.cell(3, 1).value == "select_one_external c1"
    survey.delete_rows(3, 2)  # the select_one_external and osm questions
    path = tmp_path / "case_insensitivity_supported.xlsx"
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(buf.getvalue())
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.output
    ins = load_xlsform(path)
    assert (ins.code, ins.title, ins.default_language) == ("YesNo", "Yes or no", "en")
    assert ins.item("q1").label == {"en": "Are you good?"}
    assert ins.choice_lists["c1"].codes == ("n1-c", "n2-c")
    assert "warning: 3 labels without Dutch" in result.output
    assert "survey, row 2, column label::Nederlands (nl): q1 has no Dutch (nl) label" in result.output


def test_one_colon_is_a_language_only_on_translatable_columns() -> None:
    from tests.instrument.forms import workbook

    survey = [["Type", "Name", "Label:English", "LABEL::Nederlands (nl)"], ["select_one c", "q", "Q?", "V?"]]
    choices = [["list name", "name", "label:english", "label", "filter:x"], ["c", "a", "A", "Aa", "1"]]
    ins = load_xlsform(workbook(survey, choices=choices, settings=None), name="f.xlsx")
    assert ins.item("q").label == {"en": "Q?", "nl": "V?"}
    choice = ins.choice_lists["c"].choice("a")
    assert choice.label == {"en": "A", "nl": "Aa"} and choice.properties == {"filter:x": "1"}
