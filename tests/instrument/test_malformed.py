"""Malformed forms: every problem located at sheet, row and column, all collected, never a traceback."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import pytest

from kansrijk.instrument import InstrumentError, InstrumentErrors, load_xlsform
from kansrijk.instrument.xlsform_read import read_xlsform
from tests.instrument.forms import EN, NL, SETTINGS, workbook

CHOICES = [["list_name", "name", NL], ["yn", "ja", "ja"], ["yn", "nee", "nee"], ["freq", "0", "nooit"]]
HEAD = ["type", "name", NL, "relevant", "constraint"]


def errors_of(survey: Sequence[Sequence[Any]], **kw: Any) -> list[InstrumentError]:
    kw.setdefault("choices", CHOICES)
    with pytest.raises(InstrumentErrors) as info:
        load_xlsform(workbook(survey, **kw))
    return list(info.value.errors)


def only(errors: list[InstrumentError]) -> InstrumentError:
    assert len(errors) == 1, errors
    return errors[0]


def test_unknown_type() -> None:
    e = only(errors_of([HEAD, ["integer", "a", "A?"], ["slider", "b", "B?"]]))
    assert (e.sheet, e.row, e.column) == ("survey", 3, "type")
    assert "unknown question type “slider”" in e.message


def test_unsupported_types_are_errors_not_dropped() -> None:
    errs = errors_of(
        [
            HEAD,
            ["geopoint", "g", "Waar?"],
            ["calculate", "c", None],
            ["begin repeat", "r", "R"],
            ["select_one yn or_other", "o", "O?"],
            ["rank yn", "k", "K?"],
        ]
    )
    assert [(e.row, e.column) for e in errs] == [
        (2, "type"),
        (3, "type"),
        (4, "type"),
        (5, "type"),
        (6, "type"),
    ]
    assert "“geopoint” is not supported" in errs[0].message
    assert "“calculate” is not supported" in errs[1].message
    assert "repeats are not supported" in errs[2].message
    assert "or_other is not supported" in errs[3].message
    assert "rank questions are not supported" in errs[4].message


def test_duplicate_name() -> None:
    e = only(errors_of([HEAD, ["integer", "age", "A?"], ["text", "x", "X?"], ["integer", "age", "B?"]]))
    assert (e.sheet, e.row, e.column) == ("survey", 4, "name")
    assert e.message == "duplicate name “age” (first used in row 2)"


def test_reference_to_unknown_item() -> None:
    e = only(errors_of([HEAD, ["integer", "age", "A?", "${agee} > 1", None]]))
    assert (e.sheet, e.row, e.column) == ("survey", 2, "relevant")
    assert e.message.startswith("unknown item ${agee} at character 1")


def test_broken_expression() -> None:
    e = only(errors_of([HEAD, ["integer", "age", "A?", None, ". >= 10 and"]]))
    assert (e.sheet, e.row, e.column) == ("survey", 2, "constraint")
    assert "ends too early at character 12" in e.message


def test_choice_list_missing() -> None:
    e = only(errors_of([HEAD, ["select_one often", "q", "Hoe vaak?"]]))
    assert (e.sheet, e.row, e.column) == ("survey", 2, "type")
    assert e.message == "choice list “often” is missing from the choices sheet"


def test_missing_dutch_label_on_item_and_choice_is_a_located_warning() -> None:
    survey = [["type", "name", NL, EN], ["select_one yn", "q", None, "Question?"]]
    choices = [["list_name", "name", NL, EN], ["yn", "ja", "ja", "yes"], ["yn", "nee", None, "no"]]
    ins, errs = read_xlsform(workbook(survey, choices=choices))
    assert ins.label(ins.item("q"), "nl") == "Question?"
    assert [(e.sheet, e.row, e.column) for e in errs] == [
        ("survey", 2, NL),
        ("choices", 3, NL),
    ]
    assert errs[0].message == "q has no Dutch (nl) label"
    assert errs[1].message == "choice yn/nee has no Dutch (nl) label"


def test_missing_dutch_label_reports_the_header_the_author_wrote() -> None:
    _, warnings = read_xlsform(
        workbook([["type", "name", "label::nl", "label::en"], ["integer", "a", None, "A?"]])
    )
    e = only(warnings)
    assert (e.row, e.column) == (2, "label::nl")


def test_unbalanced_groups() -> None:
    errs = errors_of(
        [
            HEAD,
            ["begin group", "p1", "Pagina"],
            ["integer", "a", "A?"],
            ["end group"],
            ["end group"],
            ["begin group", "p2", "Open"],
            ["integer", "b", "B?"],
        ]
    )
    assert [(e.row, e.column, e.message) for e in errs] == [
        (5, "type", "end group without a matching begin group"),
        (6, "type", "group “p2” is never closed (end group)"),
    ]


def test_bad_names() -> None:
    errs = errors_of(
        [HEAD, ["integer", "my age", "A?"], ["integer", "alc__30d", "B?"], ["integer", None, "C?"]]
    )
    assert [(e.row, e.column) for e in errs] == [(2, "name"), (3, "name"), (4, "name")]
    assert "only letters, digits and _" in errs[0].message
    assert "may not contain “__”" in errs[1].message
    assert errs[2].message == "a question needs a name"


def test_unknown_and_unsupported_columns() -> None:
    errs = errors_of(
        [
            [*HEAD, "calculation", "commentaar", "label::Klingon", "label:Deutsch"],
            ["integer", "a", "A?", None, None, "1+1", "zie boven", "nuq?", "Alter?"],
        ]
    )
    assert [(e.row, e.column) for e in errs] == [(1, "calculation"), (1, "commentaar"), (1, "label::Klingon")]
    assert "calculations are not supported" in errs[0].message
    assert "unknown column “commentaar”" in errs[1].message
    assert "cannot tell the language" in errs[2].message


def test_placeholder_in_label_and_bad_required() -> None:
    errs = errors_of(
        [
            [*HEAD, "required"],
            ["integer", "a", "A?", None, None, "misschien"],
            ["text", "b", "Hoi ${a}", None, None, None],
        ]
    )
    assert [(e.row, e.column) for e in errs] == [(2, "required"), (3, NL)]
    assert "required must be yes or no" in errs[0].message
    assert "${item} inside a label are not supported" in errs[1].message


def test_type_error_in_condition() -> None:
    e = only(errors_of([HEAD, ["select_one yn", "q", "Q?"], ["integer", "a", "A?", "${q} >= 1", None]]))
    assert (e.row, e.column) == (3, "relevant")
    assert "${q} has codes that are not numbers" in e.message


def test_settings_without_form_id_and_version_take_file_name_and_content_hash() -> None:
    data = workbook([HEAD, ["integer", "a", "A?"]], settings=[["form_title"], ["Zonder id"]])
    ins = load_xlsform(data, name="uploads/GGD vragen.xlsx")
    assert (ins.code, ins.title) == ("GGD_vragen", "Zonder id")
    assert ins.version == "sha-" + hashlib.sha256(data).hexdigest()[:12]


def test_settings_sheet_missing_is_fine() -> None:
    ins = load_xlsform(workbook([HEAD, ["integer", "a", "A?"]], settings=None), name="x.xlsx")
    assert (ins.code, ins.title, ins.default_language) == ("x", "x", "nl")


def test_bad_settings_values_are_located_at_the_written_header() -> None:
    errs = errors_of(
        [HEAD, ["integer", "a", "A?"]],
        settings=[["Form_ID", "ALLOW_CHOICE_DUPLICATES", "comment"], ["mijn form", "misschien", "x"]],
    )
    assert [(e.sheet, e.row, e.column) for e in errs] == [
        ("settings", 1, "comment"),
        ("settings", 2, "ALLOW_CHOICE_DUPLICATES"),
        ("settings", 2, "Form_ID"),
    ]
    assert "must be yes or no, not “misschien”" in errs[1].message


def test_duplicate_choice_codes_need_the_setting_and_never_in_select_multiple() -> None:
    survey = [HEAD, ["select_one c", "one", "Een?"], ["select_multiple m", "many", "Meer?"]]
    choices = [
        ["list_name", "name", NL],
        ["c", "a", "A"],
        ["c", "a", "A2"],
        ["m", "b", "B"],
        ["m", "b", "B2"],
    ]
    errs = errors_of(survey, choices=choices)
    assert [(e.row, e.column) for e in errs] == [(3, "name"), (5, "name")]
    assert "set allow_choice_duplicates to yes" in errs[0].message
    allowed = [[*SETTINGS[0], "allow_choice_duplicates"], [*SETTINGS[1], "yes"]]
    e = only(errors_of(survey, choices=choices, settings=allowed))
    assert e.row == 5 and "a select_multiple list cannot repeat a code" in e.message


IND_HEAD = [
    "code",
    NL,
    "domain",
    "risk_groups",
    "expression",
    "denominator",
    "unit",
    "direction",
    "min_answered",
]


def test_indicator_errors_all_collected() -> None:
    survey = [HEAD, ["select_one freq", "f", "Hoe vaak?"], ["integer", "a", "A?"], ["integer", "b", "B?"]]
    indicators = [
        IND_HEAD,
        [
            "ok",
            "Goed",
            "substance_use",
            "middelengebruik",
            "${f} >= 1",
            None,
            "percentage",
            "higher_is_worse",
            None,
        ],
        ["bad_domain", "X", "sport", None, "${f} >= 1", None, "percentage", "neutral", None],
        ["bad_rg", "X", "family", "armoede kattenkwaad", "${f} >= 1", None, "percentage", "neutral", None],
        ["bad_unit", "X", "family", None, "${f} >= 1", None, "median", "neutral", None],
        ["bad_dir", "X", "family", None, "${f} >= 1", None, "percentage", "up", None],
        ["bad_type", "X", "family", None, "${a} + 1", None, "percentage", "neutral", None],
        ["bad_den", "X", "family", None, "mean(${a}, ${b})", "${a}", "mean", "neutral", "x"],
        ["ok", "Dubbel", "family", None, "${a} > 1", "${zz} = 1", "percentage", "neutral", None],
        [None, None, "family", None, None, None, "percentage", "neutral", None],
    ]
    errs = errors_of(survey, settings=SETTINGS, indicators=indicators)
    got = [(e.row, e.column) for e in errs]
    assert got == [
        (3, "domain"),
        (4, "risk_groups"),
        (5, "unit"),
        (6, "direction"),
        (7, "expression"),
        (8, "min_answered"),
        (8, "denominator"),
        (9, "code"),
        (9, "denominator"),
        (10, "code"),
        (10, "expression"),
    ], errs
    assert all(e.sheet == "indicators" for e in errs)
    msgs = {(e.row, e.column): e.message for e in errs}
    assert "unknown domain “sport”" in msgs[(3, "domain")]
    assert "unknown risk group “kattenkwaad”" in msgs[(4, "risk_groups")]
    assert "expected a condition" in msgs[(7, "expression")]
    assert "duplicate indicator code “ok”" in msgs[(9, "code")]
    assert "unknown item ${zz}" in msgs[(9, "denominator")]


def test_not_a_workbook() -> None:
    with pytest.raises(InstrumentErrors) as info:
        load_xlsform(b"type,name\ninteger,a\n")
    e = only(list(info.value.errors))
    assert e.sheet == "file" and "not a readable .xlsx workbook" in e.message


def test_all_errors_of_a_file_at_once() -> None:
    errs = errors_of(
        [
            HEAD,
            ["slider", "a", "A?"],
            ["integer", "b", None],
            ["integer", "c", "C?", "${nope}", None],
            ["select_one nolist", "d", "D?"],
        ]
    )
    assert [e.row for e in errs] == [2, 4, 5]
