"""factor_table against R's survey package (golden/logistic.R): level proportions (svyby/svymean), crude odds
ratios per grade (svyglm in the grade's subset) and odds ratios adjusted for grade and gender, all under
post-stratification to enrolment."""

from __future__ import annotations

import math

import polars as pl
import pytest

from kansrijk.analysis import DisclosureRules, factor_table
from tests.analysis.test_logistic_golden import GOLDEN, data, designs, golden

TERMS = {"altijd": "par_know=altijd", "nooit": "par_know=nooit"}


def _ratio_checks(row: dict, expected: pl.DataFrame, prefix: str = "") -> None:
    want = expected.filter(pl.col("term") == TERMS[row["level"]]).row(0, named=True)
    b, se, df = float(want["estimate"]), float(want["se"]), int(want["df"])
    from scipy import stats

    assert row[f"{prefix}odds_ratio"] == pytest.approx(math.exp(b), rel=1e-8)
    if df <= 0:  # grade 1: one class per school, so no df is left (R: NaN p-values); no CI, no test
        assert row[f"{prefix}or_ci_low"] is None and row[f"{prefix}p_value"] is None
        return
    q = stats.t.ppf(0.975, df)
    assert row[f"{prefix}or_ci_low"] == pytest.approx(math.exp(b - q * se), rel=1e-7)
    assert row[f"{prefix}or_ci_high"] == pytest.approx(math.exp(b + q * se), rel=1e-7)
    assert row[f"{prefix}p_value"] == pytest.approx(float(want["p_value"]), rel=1e-7, abs=1e-12)


def test_factor_table_by_grade_matches_r() -> None:
    frame = data()
    design = designs(frame)["poststratified"]
    table = factor_table(frame, design, "drunk", "par_know", by=["grade"], reference="soms", disclosure=None)
    assert table.height == 9
    for grade in (1, 2, 3):
        expected = golden(f"crude_grade{grade}")
        rows = table.filter(pl.col("grade") == grade)
        assert rows["level"].to_list() == ["altijd", "nooit", "soms"]  # sorted; the reference where it falls
        reference = rows.row(2, named=True)
        assert reference["is_reference"] and reference["odds_ratio"] == 1.0
        assert reference["or_ci_low"] is None and reference["p_value"] is None
        for row in rows.iter_rows(named=True):
            if not row["is_reference"]:
                _ratio_checks(row, expected)
                assert row["or_df"] == int(expected["df"][0])


def test_level_proportions_match_svyby_and_the_crude_odds_ratio_is_their_odds_ratio() -> None:
    frame = data()
    design = designs(frame)["poststratified"]
    table = factor_table(
        frame, design, "drunk", "par_know", reference="soms", adjust=["grade", "gender"], disclosure=None
    )
    levels = pl.read_csv(GOLDEN / "logistic_levels.csv", infer_schema_length=0)
    for want in levels.iter_rows(named=True):
        row = table.filter(pl.col("level") == want["level"]).row(0, named=True)
        assert row["estimate"] == pytest.approx(float(want["estimate"]), rel=1e-9)
        assert row["se"] == pytest.approx(float(want["se"]), rel=1e-9)
    crude, adjusted = golden("crude_total"), golden("adjusted_total")
    p_ref = table.filter(pl.col("is_reference"))["estimate"][0]
    for row in table.filter(~pl.col("is_reference")).iter_rows(named=True):
        _ratio_checks(row, crude)
        _ratio_checks(row, adjusted, prefix="adjusted_")
        odds = row["estimate"] / (1 - row["estimate"]) / (p_ref / (1 - p_ref))
        assert row["odds_ratio"] == pytest.approx(odds, rel=1e-9)  # saturated model


def test_a_hidden_level_hides_its_odds_ratio_and_a_hidden_reference_hides_all() -> None:
    frame = data()
    design = designs(frame)["plain"]
    table = factor_table(frame, design, "drunk", "par_know", by=["grade"], reference="soms")
    # 'nooit' has few pupils per grade: below n = 30 it is hidden, with its odds ratio
    for row in table.iter_rows(named=True):
        if row["suppressed"]:
            assert row["estimate"] is None and row["odds_ratio"] is None and row["p_value"] is None
    assert table.filter(pl.col("suppressed").is_not_null()).height > 0
    strict = factor_table(
        frame, design, "drunk", "par_know", reference="soms", disclosure=DisclosureRules(min_n=10_000)
    )
    assert strict["odds_ratio"].is_null().all() and strict["estimate"].is_null().all()
    loose = factor_table(
        frame, design, "drunk", "par_know", reference="soms", disclosure=DisclosureRules(min_n=1)
    )
    assert loose["odds_ratio"].is_not_null().all()
