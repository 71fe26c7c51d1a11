"""estimate() against R's survey package (golden values from golden/make_golden.R, survey 4.1.1).

Covers stratified with fpc (apistrat), one-stage cluster (apiclus1), two-stage with fpc at both stages and
weights implied by the fpc (apiclus2), with-replacement two-stage, a school survey with a lonely PSU, a domain
absent in some strata, missing values, zero weights, two-stage fpc, SRS, post-stratification with a collapsed
cell and raking — means, proportions (logit CI) and totals, overall and in domains.
"""

from __future__ import annotations

import math

import polars as pl
import pytest

from kansrijk.analysis import estimate
from tests.analysis.golden_cases import GOLDEN, case

REL = 1e-9

golden = pl.read_csv(GOLDEN / "golden.csv", infer_schema_length=0).with_columns(
    pl.col("by").fill_null(""), pl.col("domain").fill_null(""), pl.col("level").fill_null("")
)
GROUPS = golden.select("case", "by").unique(maintain_order=True).rows()


def close(ours: float | None, theirs: str | None, abs_tol: float = 0.0) -> bool:
    if theirs in (None, ""):
        return ours is None or math.isnan(ours)
    value = float(theirs)
    if value == 0:
        return ours is not None and abs(ours) <= max(abs_tol, 1e-12)
    return ours is not None and math.isclose(ours, value, rel_tol=REL, abs_tol=abs_tol)


@pytest.mark.parametrize(("name", "by"), GROUPS, ids=[f"{c}-{b or 'all'}" for c, b in GROUPS])
def test_matches_r_survey(name: str, by: str) -> None:
    data, design, statistic = case(name)
    expected = golden.filter((pl.col("case") == name) & (pl.col("by") == by))
    by_cols = by.split("+") if by else []
    table = estimate(
        data, design, expected["variable"].unique(maintain_order=True).to_list(), by_cols, statistic
    )
    table = table.with_columns(
        pl.concat_str([pl.col(b).cast(pl.String).fill_null("NA") for b in by_cols], separator="|").alias(
            "domain"
        )
        if by_cols
        else pl.lit("").alias("domain"),
        pl.col("level").fill_null(""),
    )
    assert table.height == expected.height
    for row in expected.iter_rows(named=True):
        ours = table.filter(
            (pl.col("variable") == row["variable"])
            & (pl.col("domain") == row["domain"])
            & (pl.col("level") == row["level"])
        )
        assert ours.height == 1, row
        got = ours.row(0, named=True)
        where = f"{name} {row['variable']} {by}={row['domain']} {row['level']}"
        # a variance that is 0 in theory is ~1e-17 in R: compare it absolutely, relative to the estimate's
        # scale
        scale = abs(float(row["estimate"])) * 1e-12
        if float(row["weighted_n"]) == 0 and statistic != "total":
            # nobody in the domain answered: R reports 0, Kansrijk reports no estimate (null)
            assert got["estimate"] is None and got["se"] is None and got["n"] == 0, where
            continue
        for key in ("estimate", "se", "ci_low", "ci_high", "weighted_n"):
            assert close(got[key], row[key], abs_tol=scale), (where, key, got[key], row[key])
        if float(row["se"]) > scale:
            assert close(got["deff"], row["deff"]), (where, "deff", got["deff"], row["deff"])
        assert got["df"] == int(row["df"]), where
