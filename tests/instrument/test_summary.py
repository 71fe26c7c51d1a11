"""Summary: counts, missing translations, completion time (hand-counted)."""

from __future__ import annotations

from kansrijk.instrument import load_xlsform, summarize
from tests.instrument.forms import EN, NL, SETTINGS, rich_form, workbook


def test_counts_and_time_hand_worked() -> None:
    survey = [
        ["type", "name", NL, EN],
        ["note", "hallo", "Welkom", "Welcome"],  # 1 word
        ["begin group", "p", "Over jou", None],  # 2 words
        ["integer", "age", "Hoe oud ben je?", "Age?"],  # 4 words
        ["select_one yn", "q", "Rook je?", None],  # 2 words + choices 1 + 1
        ["end group", None, None, None],
    ]
    choices = [["list_name", "name", NL, EN], ["yn", "ja", "ja", "yes"], ["yn", "nee", "nee", None]]
    s = summarize(load_xlsform(workbook(survey, choices, SETTINGS)))
    assert (s.items, s.pages, s.choice_lists, s.indicators, s.matrices) == (2, 2, 1, 0, 0)
    assert s.items_by_type == {"note": 1, "integer": 1, "select_one": 1}
    assert s.words == 1 + 2 + 4 + 2 + 2
    # 11 words at 100/min + 2 answers × 4 s
    assert abs(s.minutes - (11 / 100 + 8 / 60)) < 1e-12
    missing = sorted((m.sheet, m.row, m.column, m.name, m.language) for m in s.missing_translations)
    assert missing == [
        ("choices", 3, "label::English (en)", "yn/nee", "en"),
        ("survey", 3, "label::English (en)", "p", "en"),
        ("survey", 5, "label::English (en)", "q", "en"),
    ]


def test_rich_form_summary() -> None:
    s = summarize(load_xlsform(rich_form()))
    assert s.languages == ("nl", "en", "ar")
    assert s.matrices == 1 and s.pages == 4 and s.indicators == 2 and s.items == 11
    by_lang = s.missing_by_language()
    assert by_lang["en"] == 3  # wb_help label, bg_age required_message, bg_pc4 constraint_message
    assert by_lang["ar"] > by_lang["en"]
