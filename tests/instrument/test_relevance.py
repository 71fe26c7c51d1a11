"""Skip logic over whole frames (parent groups included) and per respondent."""

from __future__ import annotations

import polars as pl

from kansrijk.instrument import load_xlsform, relevance_mask
from tests.instrument.forms import rich_form


def test_relevance_mask_includes_parent_groups() -> None:
    ins = load_xlsform(rich_form())
    frame = pl.DataFrame(
        {
            "bg_age": [11, 14, 14, 15, None],
            "alc_life": ["1", "0", "2", None, "1"],
            "alc_30d": [None, None, "1", None, "0"],
        }
    )
    out = frame.select(
        relevance_mask(ins, "alc_life"),
        relevance_mask(ins, "alc_30d"),
        relevance_mask(ins, "alc_glasses"),
        relevance_mask(ins, "bg_age"),
    )
    # alc group: ${bg_age} >= 12; alc_30d also ${alc_life} != '0'; alc_glasses ${alc_30d} >= 1
    assert out["alc_life"].to_list() == [False, True, True, True, False]
    assert out["alc_30d"].to_list() == [False, False, True, False, False]
    assert out["alc_glasses"].to_list() == [False, False, True, False, False]
    assert out["bg_age"].to_list() == [True] * 5


def test_conditions_for_the_web_questionnaire() -> None:
    ins = load_xlsform(rich_form())
    cond = ins.conditions
    assert cond is ins.conditions  # compiled once per instrument
    assert cond.is_relevant("alc_30d", {"bg_age": 14, "alc_life": "2"}) is True
    assert cond.is_relevant("alc_30d", {"bg_age": 11, "alc_life": "2"}) is False  # parent group
    assert cond.is_relevant("alc_30d", {"bg_age": 14}) is False  # undecidable → not asked
    assert cond.violates_constraint("bg_age", {"bg_age": 25}) is True
    assert cond.violates_constraint("bg_age", {}, 14) is False
    assert cond.violates_constraint("bg_age", {}) is False  # no answer is not a violation
    assert cond.violates_constraint("bg_pc4", {}, "62111") is True
    assert cond.violates_constraint("bg_lives_with", {}, ["none", "mother"]) is True
    assert cond.violates_constraint("bg_lives_with", {}, ["father", "mother"]) is False
