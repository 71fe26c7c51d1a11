"""Factor tables and risk groups under disclosure control over linked tables, and their guarded tests."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from kansrijk.analysis import DisclosureRules, SurveyDesign, estimate, factor_table
from kansrijk.analysis.domains import declared_margins, domain_links
from kansrijk.analysis.factors import group_profile
from kansrijk.analysis.linked import recoverable
from kansrijk.analysis.multiplicity import bh_adjust


def synthetic(seed: int = 7, n: int = 2400, missing_share: float = 0.04) -> pl.DataFrame:
    """Pupils in 12 schools × classes, 4 grades, a factor with common and rare levels, a 0/1 outcome."""
    rng = np.random.default_rng(seed)
    school = rng.integers(0, 12, n)
    klass = school * 10 + rng.integers(0, 5, n)
    grade = rng.integers(1, 5, n)
    level = rng.choice(["a", "b", "c", "d", "e"], n, p=[0.5, 0.3, 0.12, 0.05, 0.03])
    risk = {"a": 0.08, "b": 0.15, "c": 0.25, "d": 0.35, "e": 0.5}
    y = (rng.random(n) < np.array([risk[v] for v in level])).astype(float)
    missing = (
        rng.random(n) < missing_share
    )  # some pupils without an answer to the factor: an unpublished rest
    return pl.DataFrame(
        {
            "school_id": [f"s{s}" for s in school],
            "class_id": [f"k{k}" for k in klass],
            "grade": grade,
            "factor": [None if m else v for v, m in zip(level, missing, strict=True)],
            "y": y,
            "weight": rng.uniform(3.0, 7.0, n),
        }
    )


DESIGN = SurveyDesign(psu="class_id", strata="school_id", weights="weight")


def _cells(frame: pl.DataFrame, by: list[str], domain_type: str) -> pl.DataFrame:
    table = estimate(frame, DESIGN, ["y"], by=by or None, statistic="proportion")
    if by:
        table = table.filter(pl.all_horizontal(pl.col(c).is_not_null() for c in by))
    key = pl.concat_str([pl.col(c).cast(pl.String) for c in by], separator="|") if by else pl.lit("")
    return table.select(
        pl.lit("y").alias("indicator"),
        pl.lit("percentage").alias("unit"),
        pl.lit(domain_type).alias("domain_type"),
        key.alias("domain"),
        "estimate",
        "n",
        pl.col("n_level").alias("n_yes"),
        "weighted_n",
        "rse",
    )


@pytest.mark.parametrize("missing_share", [0.0, 0.04])
def test_no_hidden_level_is_recoverable_from_the_published_levels_and_totals(missing_share: float) -> None:
    frame = synthetic(missing_share=missing_share)
    rules = DisclosureRules()
    table = factor_table(frame, DESIGN, "y", "factor", by=["grade"], disclosure=rules)
    hidden = table.filter(pl.col("suppressed").is_not_null())
    primary = hidden.filter(pl.col("suppressed") != "complementary")
    assert primary.height >= 4  # rare levels in every grade: the test has something to protect
    # a hidden cell loses its numbers, its odds ratios and its test
    assert hidden["estimate"].is_null().all() and hidden["odds_ratio"].is_null().all()
    assert hidden["p_value"].is_null().all() and hidden["flag"].is_null().all()
    if missing_share == 0:  # the simplest attack: one hidden level is its grade minus the others
        per_grade = table.group_by("grade").agg(pl.col("suppressed").is_not_null().sum().alias("k"))
        assert (per_grade["k"] != 1).all()

    # the full audit, by an attacker who knows every published level, each grade's figure, each level's
    # figure over all grades (the table without `by`) and the municipality's: all linked at once
    full = pl.concat(
        [
            _cells(frame, ["grade", "factor"], "factor_by_level"),
            _cells(frame, ["grade"], "factor_by"),
            _cells(frame, ["factor"], "factor_level"),
            _cells(frame, [], "total"),
        ]
    )
    published = table.select(
        pl.lit("y").alias("indicator"),
        pl.lit("factor_by_level").alias("domain_type"),
        pl.concat_str([pl.col("grade").cast(pl.String), "level"], separator="|").alias("domain"),
        "suppressed",
    ).vstack(
        full.filter(pl.col("domain_type") != "factor_by_level").select(
            "indicator", "domain_type", "domain", pl.lit(None, dtype=pl.String).alias("suppressed")
        )
    )
    answered = frame.filter(pl.col("y").is_not_null()).with_columns(
        pl.lit("").alias("__domain_total"),
        pl.col("grade").cast(pl.String).alias("__domain_factor_by"),
        pl.col("factor").alias("__domain_factor_level"),
        pl.concat_str([pl.col("grade").cast(pl.String), "factor"], separator="|").alias(
            "__domain_factor_by_level"
        ),
    )
    types = ["total", "factor_by", "factor_level", "factor_by_level"]
    links = domain_links(answered, declared_margins(types))
    assert links["child_type"].unique().sort().to_list() == ["factor_by", "factor_by_level", "factor_level"]
    assert recoverable(full, published, links, rules).height == 0


def test_the_levels_of_a_table_without_by_are_protected_against_the_total() -> None:
    frame = synthetic(seed=11, n=900, missing_share=0.0)  # no rest: total − published levels is exact
    rules = DisclosureRules()
    table = factor_table(frame, DESIGN, "y", "factor", disclosure=rules)
    assert table.filter(pl.col("suppressed").is_not_null()).height != 1
    full = pl.concat([_cells(frame, ["factor"], "factor_level"), _cells(frame, [], "total")])
    published = table.select(
        pl.lit("y").alias("indicator"), pl.lit("factor_level").alias("domain_type"),
        pl.col("level").alias("domain"), "suppressed",
    ).vstack(pl.DataFrame({"indicator": ["y"], "domain_type": ["total"], "domain": [""],
                           "suppressed": [None]}, schema_overrides={"suppressed": pl.String}))  # fmt: skip
    answered = frame.filter(pl.col("y").is_not_null()).with_columns(
        pl.lit("").alias("__domain_total"), pl.col("factor").alias("__domain_factor_level")
    )
    links = domain_links(answered, declared_margins(["total", "factor_level"]))
    assert recoverable(full, published, links, rules).height == 0


def test_factor_tests_are_guarded_by_benjamini_hochberg_over_the_table() -> None:
    frame = synthetic()
    table = factor_table(frame, DESIGN, "y", "factor", by=["grade"], disclosure=None)
    tested = table.filter(pl.col("p_value").is_not_null())
    assert tested.height == 16  # 4 grades × 4 non-reference levels; the reference rows are no test
    q = bh_adjust(tested["p_value"].to_numpy())
    assert tested["factor_q"].to_numpy() == pytest.approx(q, rel=1e-12)
    for row in tested.iter_rows(named=True):
        want = "no_difference"
        if row["factor_q"] < 0.05 and abs(row["difference"]) >= 0.03:
            want = "higher" if row["difference"] > 0 else "lower"
        assert row["flag"] == want
        assert row["factor_raw"] == (
            "no_difference"
            if row["p_value"] >= 0.05
            else want
            if want != "no_difference"
            else ("higher" if row["difference"] > 0 else "lower")
        )
    # the guard flags fewer than (or as many as) the unguarded 5 % tests, and here finds the strong risks
    assert (
        tested["flag"].is_in(["higher", "lower"]).sum()
        <= tested["factor_raw"].is_in(["higher", "lower"]).sum()
    )
    assert table.filter((pl.col("level") == "e") & (pl.col("flag") == "higher")).height >= 1
    # the difference is the level's proportion minus the reference's in the same grade
    for _grade, part in table.group_by("grade"):
        ref = part.filter(pl.col("is_reference"))["estimate"][0]
        assert part["difference"].to_numpy() == pytest.approx(part["estimate"].to_numpy() - ref, abs=1e-12)


def test_risk_group_directions_are_guarded_over_the_groups_variables() -> None:
    frame = synthetic().with_columns(
        (pl.col("factor") == "e").alias("g"),
        (pl.col("grade") >= 3).cast(pl.Float64).alias("older"),
        (pl.col("weight") > 5).cast(pl.Float64).alias("heavy"),
    )
    profile = group_profile(frame, DESIGN, "g", ["y", "older", "heavy"], disclosure=DisclosureRules())
    tested = profile.filter(pl.col("p_value").is_not_null())
    assert tested.height == 3
    assert tested["risk_group_q"].to_numpy() == pytest.approx(bh_adjust(tested["p_value"].to_numpy()))
    for row in tested.iter_rows(named=True):
        relevant = row["risk_group_q"] < 0.05 and abs(row["difference"]) >= 0.03
        assert row["direction"] == (
            ("higher" if row["difference"] > 0 else "lower") if relevant else "no_difference"
        )
    assert profile.filter(pl.col("variable") == "y")["direction"][0] == "higher"
