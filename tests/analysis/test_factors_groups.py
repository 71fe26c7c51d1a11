"""group_profile: a group against the rest, as domains of the whole design, under disclosure control."""

from __future__ import annotations

import polars as pl
import pytest

from kansrijk.analysis import DisclosureRules, estimate
from kansrijk.analysis.contrast import domain_vs_rest
from kansrijk.analysis.factors import group_profile
from tests.analysis.test_logistic_golden import data, designs


def test_group_and_rest_are_domain_estimates_and_the_difference_is_the_contrast() -> None:
    frame = data().with_columns(
        (pl.col("par_know") == "nooit").alias("g"), (pl.col("sport") >= 2).cast(pl.Float64).alias("sporty")
    )
    design = designs(frame)["poststratified"]
    profile = group_profile(frame, design, "g", ["drunk", "sporty"], disclosure=None)
    assert profile["variable"].to_list() == ["drunk", "sporty"]
    # the group's and the rest's figure: estimate() with the group as a domain of the whole design
    by = estimate(
        frame.with_columns(pl.col("g").cast(pl.String)),
        design,
        ["drunk", "sporty"],
        by=["g"],
        statistic="mean",
    )
    for row in profile.iter_rows(named=True):
        mine = by.filter(pl.col("variable") == row["variable"])
        assert row["group_estimate"] == pytest.approx(
            mine.filter(pl.col("g") == "true")["estimate"][0], rel=1e-12
        )
        assert row["rest_estimate"] == pytest.approx(
            mine.filter(pl.col("g") == "false")["estimate"][0], rel=1e-12
        )
        assert row["difference"] == pytest.approx(row["group_estimate"] - row["rest_estimate"], rel=1e-9)
    # pupils without a par_know answer are in neither group, but stay in the design: same as blanking them
    blank = frame.with_columns(
        *[
            pl.when(pl.col("g").is_null()).then(None).otherwise(pl.col(v)).alias(v)
            for v in ("drunk", "sporty")
        ],
        pl.when(pl.col("g")).then(pl.lit("in")).otherwise(pl.lit("out")).alias("gk"),
    )
    contrast = domain_vs_rest(blank, design, ["drunk", "sporty"], "gk", ["in"])
    for row in profile.iter_rows(named=True):
        want = contrast.filter(pl.col("variable") == row["variable"]).row(0, named=True)
        assert row["se"] == pytest.approx(want["se"], rel=1e-12)
        assert row["p_value"] == pytest.approx(want["p_value"], rel=1e-12)


def test_a_hidden_group_hides_the_rest_and_the_test() -> None:
    # every pupil in the group or the rest: total − rest would give the group back, so the rest is hidden too
    # (with pupils in neither, their unpublished count can protect the group, as the linked audit decides)
    frame = data().with_columns((pl.col("par_know") == "nooit").fill_null(False).alias("g"))
    design = designs(frame)["plain"]
    profile = group_profile(frame, design, "g", ["drunk"], disclosure=DisclosureRules(min_n=100))
    row = profile.row(0, named=True)
    assert row["group_n"] < 100 and row["group_suppressed"] is not None
    assert row["rest_suppressed"] == "complementary" and row["rest_estimate"] is None
    assert row["difference"] is None and row["p_value"] is None and row["direction"] is None
