"""clean_flags(): each rule on a hand-made frame, and the per-school report."""

from __future__ import annotations

import polars as pl
import pytest

from kansrijk.analysis import AnalysisError
from kansrijk.analysis.cleaning import CleaningRules, clean_flags, rules_from_mapping

MH = [f"wb_mh_{i}" for i in range(1, 6)]
DATA = pl.DataFrame(
    {
        "school_id": ["A", "A", "B", "B"],
        "fict_life": ["0", "2", None, "0"],
        **{c: ["3", "4", "2", None] for c in MH[:1]},
        **{c: ["3", "4", "5", None] for c in MH[1:]},
        "duration_s": [600, 5, 600, 600],
        "alc_first_age": [None, 15, 12, None],
        "bg_age": [14, 14, 13, 14],
    }
)
ITEMS = ["fict_life", *MH, "alc_first_age", "bg_age"]


def test_each_rule() -> None:
    result = clean_flags(DATA, ITEMS)
    f = result.flags
    assert f["flag_fictitious"].to_list() == [False, True, False, False]
    assert f["flag_straightline_wb_mh"].to_list() == [True, True, False, False]
    assert f["flag_speeder"].to_list() == [False, True, False, False]  # 5 s for 8 answers < 1.5 s each
    assert f["flag_incomplete"].to_list() == [False, False, False, True]  # 2 of 8 answered
    assert f["flag_impossible"].to_list() == [False, True, False, False]  # first drink at 15, aged 14
    assert f["exclude"].to_list() == [False, True, False, True]


def test_report_per_school() -> None:
    report = clean_flags(DATA, ITEMS).report
    row = report.filter((pl.col("rule") == "flag_fictitious") & (pl.col("school_id") == "A")).row(
        0, named=True
    )
    assert (row["flagged"], row["respondents"]) == (1, 2)
    total = report.filter((pl.col("rule") == "exclude") & pl.col("school_id").is_null())
    assert total["flagged"][0] == 2


def test_rules_are_configurable_and_checked() -> None:
    strict = rules_from_mapping({"seconds_per_item": 100.0})
    assert clean_flags(DATA, ITEMS, strict).flags["flag_speeder"].to_list() == [True, True, True, False]
    with pytest.raises(AnalysisError, match="unknown settings"):
        rules_from_mapping({"speed": 1})
    with pytest.raises(AnalysisError, match="not in the data"):
        clean_flags(DATA, ITEMS, CleaningRules(duration="seconds"))
