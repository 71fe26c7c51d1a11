"""Benjamini–Hochberg against R's p.adjust (golden/multiplicity.R) and the guard over a result table."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from kansrijk.analysis.multiplicity import GuardRules, bh_adjust, flag_counts, guard
from tests.analysis.golden_cases import GOLDEN

golden = pl.read_csv(GOLDEN / "multiplicity.csv", infer_schema_length=0)


@pytest.mark.parametrize("family", golden["family"].unique(maintain_order=True).to_list())
def test_bh_matches_r_p_adjust(family: str) -> None:
    rows = golden.filter(pl.col("family") == family)
    p = np.array([float(x) if x else np.nan for x in rows["p"].fill_null("").to_list()])
    expected = np.array([float(x) if x else np.nan for x in rows["q"].fill_null("").to_list()])
    np.testing.assert_allclose(bh_adjust(p), expected, rtol=1e-12, equal_nan=True)


def table() -> pl.DataFrame:
    # one family (wijk) of 10 tests: one clear, one small but "significant", eight null; one hidden cell
    return pl.DataFrame(
        {
            "indicator": [f"i{k}" for k in range(11)] + ["i0"],
            "unit": ["percentage"] * 11 + ["mean"],
            "domain_type": ["wijk"] * 11 + ["grade"],
            "vs_total_p": [0.0001, 0.004, 0.03, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, None, 0.04],
            "vs_total_difference": [0.08, 0.01, 0.05, 0.02, 0.0, -0.01, 0.01, 0.0, 0.02, 0.01, None, -0.3],
            "vs_total": ["higher", "higher", "higher"] + ["no_difference"] * 7 + [None, "lower"],
        }
    )


def test_a_flag_needs_q_below_005_and_a_relevant_difference() -> None:
    out = guard(table())
    flags = out["vs_total"].to_list()
    assert flags[0] == "higher"  # q = 0.001, 8 points
    assert flags[1] == "no_difference"  # q = 0.02 but 1 point: not relevant
    assert flags[2] == "no_difference"  # p = 0.03 but q = 0.1: chance across ten tests
    assert flags[10] is None  # a hidden cell is no test and stays out of the family
    assert flags[11] == "lower"  # another family (grade, one test): q = p = 0.04; means need no minimum
    q = out.filter(pl.col("domain_type") == "wijk")["vs_total_q"].to_numpy()[:10]
    np.testing.assert_allclose(q, bh_adjust(np.array(table()["vs_total_p"].to_list()[:10], dtype=float)))
    assert flag_counts(out)["vs_total"] == {"tests": 11, "raw": 4, "guarded": 2}


def test_minimal_relevant_difference_for_means_can_be_set() -> None:
    out = guard(table(), rules=GuardRules(min_difference_mean=0.5))
    assert out["vs_total"].to_list()[11] == "no_difference"
