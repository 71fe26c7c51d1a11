"""Today's estimates against the tables stored before the group-sum rewrite of issue 18.

`golden/estimate_reference.csv` was computed by the code of commit 16ae56d (the per-item `np.bincount`
group sums) for the synthetic designs of `estimate_reference_cases`; the rewrite sums in other orders in
places, so every number must agree to 1e-12 relative (counts and df exactly). A difference of two quantities
that cancel to rounding noise (the design effect of a cell whose variance is ~0) is compared absolutely.
"""

from __future__ import annotations

import polars as pl
import pytest

from tests.analysis.estimate_reference_cases import GOLDEN, tables

KEYS = [
    "case",
    "df_rule",
    "domain_set",
    "variable",
    "statistic",
    "level",
    "grade",
    "gender",
    "wijk",
    "school",
]
FLOATS = ["estimate", "se", "ci_low", "ci_high", "weighted_n", "deff", "rse"]
EXACT = ["df", "n", "n_level"]


@pytest.fixture(scope="module")
def joined() -> pl.DataFrame:
    stored = pl.read_csv(GOLDEN / "estimate_reference.csv", schema_overrides={"level": pl.String})
    now = tables()
    assert now.height == stored.height
    out = stored.join(now, on=KEYS, how="full", nulls_equal=True, suffix="_now")
    assert out.height == stored.height
    return out


def test_counts_and_df_are_exact(joined: pl.DataFrame) -> None:
    for column in EXACT:
        same = joined[column].eq_missing(joined[f"{column}_now"])
        assert same.all(), joined.filter(~same).select(*KEYS, column, f"{column}_now").head()


@pytest.mark.parametrize("column", FLOATS)
def test_numbers_agree_to_1e12(joined: pl.DataFrame, column: str) -> None:
    old, new = pl.col(column), pl.col(f"{column}_now")
    tolerance = 1e-12 * old.abs()
    if column == "deff":  # variance / srs: where both are rounding noise near 0, compared absolutely
        tolerance = tolerance + 1e-12
    bad = joined.filter((old.is_null() != new.is_null()) | ((old - new).abs() > tolerance).fill_null(False))
    assert bad.height == 0, bad.select(*KEYS, column, f"{column}_now").head()
    assert joined[column].drop_nulls().len() > 0


def test_the_reference_covers_the_paths(joined: pl.DataFrame) -> None:
    cases = set(joined["case"].to_list())
    assert {"plain", "zero_weights", "poststratified", "raked", "two_stage_fpc", "no_strata"} <= cases
    assert set(joined["statistic"].to_list()) == {"mean", "proportion", "total"}
    assert joined.filter(pl.col("level").is_not_null()).height > 0
