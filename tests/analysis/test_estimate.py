"""estimate(): hand-worked examples, properties (Hypothesis) and errors users can act on."""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kansrijk.analysis import DesignError, EstimationError, SurveyDesign, estimate, estimate_table
from kansrijk.analysis.variance import DIRECT_LIMIT
from tests.analysis.golden_cases import case

# Two strata, two PSUs each, weights 1: by hand
#   stratum A: PSU a1 y = 1, 3 ; PSU a2 y = 5      stratum B: PSU b1 y = 2 ; PSU b2 y = 4, 6
HAND = pl.DataFrame(
    {
        "h": ["A", "A", "A", "B", "B", "B"],
        "psu": ["a1", "a1", "a2", "b1", "b2", "b2"],
        "y": [1.0, 3.0, 5.0, 2.0, 4.0, 6.0],
        "g": ["p", "q", "p", "q", "p", "q"],
    }
)


def test_hand_worked_stratified_cluster_mean() -> None:
    # ȳ = 21/6 = 3.5; scores z = (y − 3.5)/6; PSU totals: a1 (−2.5−0.5)/6 = −0.5, a2 1.5/6 = 0.25,
    # b1 −1.5/6 = −0.25, b2 (0.5+2.5)/6 = 0.5. V = Σ_h 2/(2−1)·Σ(Z − Z̄_h)² = 2·(2·0.375²) + 2·(2·0.375²) =
    # 1.125
    row = estimate(HAND, SurveyDesign(psu="psu", strata="h"), ["y"]).row(0, named=True)
    assert row["estimate"] == pytest.approx(3.5, rel=1e-12)
    assert row["se"] == pytest.approx(math.sqrt(1.125), rel=1e-12)
    assert row["df"] == 2  # 4 PSUs − 2 strata


def test_hand_worked_domain_keeps_zero_scores_outside() -> None:
    # domain g = p: rows 1, 5, 4 → ȳ = 10/3, W = 3; PSU totals a1 (1−10/3)/3, a2 (5−10/3)/3, b1 0, b2
    # (4−10/3)/3
    z = {"a1": (1 - 10 / 3) / 3, "a2": (5 - 10 / 3) / 3, "b1": 0.0, "b2": (4 - 10 / 3) / 3}
    var = 2 * ((z["a1"] - z["a2"]) ** 2 / 2) + 2 * ((z["b1"] - z["b2"]) ** 2 / 2)
    table = estimate(HAND, SurveyDesign(psu="psu", strata="h"), ["y"], by=["g"])
    row = table.filter(pl.col("g") == "p").row(0, named=True)
    assert row["estimate"] == pytest.approx(10 / 3, rel=1e-12)
    assert row["se"] == pytest.approx(math.sqrt(var), rel=1e-12)
    assert row["n"] == 3


def test_lonely_psu_adjust_is_uncentred_and_fail_refuses() -> None:
    data = pl.DataFrame({"h": ["A", "A", "B"], "psu": ["a1", "a2", "b1"], "y": [1.0, 2.0, 6.0]})
    # ȳ = 3; z/row = (y−3)/3; stratum A: 2·Σ(Z−Z̄)² = 2·2·(1/6)² ; stratum B (lonely, adjust): Z² = 1
    row = estimate(data, SurveyDesign(psu="psu", strata="h"), ["y"]).row(0, named=True)
    assert row["se"] ** 2 == pytest.approx(4 / 36 + 1, rel=1e-12)
    removed = estimate(data, SurveyDesign(psu="psu", strata="h", lonely_psu="remove"), ["y"]).row(
        0, named=True
    )
    assert removed["se"] ** 2 == pytest.approx(4 / 36, rel=1e-12)
    with pytest.raises(DesignError, match="one unit"):
        estimate(data, SurveyDesign(psu="psu", strata="h", lonely_psu="fail"), ["y"])


def test_weights_from_fpc_when_no_weights() -> None:
    data = pl.DataFrame({"h": ["A", "A", "B"], "y": [1.0, 3.0, 10.0], "N": [10, 10, 4]})
    row = estimate(data, SurveyDesign(strata="h", fpc="N"), ["y"], statistic="total").row(0, named=True)
    assert row["estimate"] == pytest.approx(5 * 1 + 5 * 3 + 4 * 10, rel=1e-12)
    assert row["weighted_n"] == pytest.approx(14, rel=1e-12)


def test_proportion_rows_per_level_with_counts() -> None:
    data = pl.DataFrame({"a": ["x", "y", "x", None, "z"], "w": [1.0, 1.0, 2.0, 5.0, 1.0]})
    table = estimate(data, SurveyDesign(weights="w"), ["a"], statistic="proportion")
    assert table["level"].to_list() == ["x", "y", "z"]
    assert table["estimate"].to_list() == pytest.approx([0.6, 0.2, 0.2], rel=1e-12)
    assert table["n_level"].to_list() == [2, 1, 1]
    assert table["n"].to_list() == [4, 4, 4]


def test_expansion_agrees_with_direct_residuals(monkeypatch: pytest.MonkeyPatch) -> None:
    data, design, _ = case("school_rake")
    direct = estimate(data, design, ["alc_30d", "life_sat"], by=["grade"])
    monkeypatch.setattr("kansrijk.analysis.variance.DIRECT_LIMIT", -1)
    expanded = estimate(data, design, ["alc_30d", "life_sat"], by=["grade"])
    assert DIRECT_LIMIT > 0
    np.testing.assert_allclose(expanded["se"].to_numpy(), direct["se"].to_numpy(), rtol=1e-7)


def test_errors_name_place_and_fix() -> None:
    with pytest.raises(EstimationError, match="not a column"):
        estimate(HAND, SurveyDesign(), ["nope"])
    with pytest.raises(EstimationError, match="proportion"):
        estimate(HAND, SurveyDesign(), ["g"], statistic="mean")
    with pytest.raises(EstimationError, match="0/1"):
        estimate(HAND, SurveyDesign(), ["y"], statistic="proportion")
    with pytest.raises(DesignError, match="not in the data"):
        estimate(HAND, SurveyDesign(psu="class"), ["y"])
    # the design is bound while the items are read (side by side on the analysis threads): a bad design
    # is still the error reported when both are wrong, as when they ran one after the other
    for call in (estimate, lambda *a: estimate_table(*a, [[]])):
        with pytest.raises(DesignError, match="not in the data"):
            call(HAND, SurveyDesign(psu="class"), ["nope"])


def test_pandas_input() -> None:
    pd = pytest.importorskip("pandas")
    table = estimate(pd.DataFrame(HAND.to_dict(as_series=False)), SurveyDesign(psu="psu", strata="h"), ["y"])
    assert table["estimate"][0] == pytest.approx(3.5)


frames = st.integers(min_value=0, max_value=2**32 - 1).map(
    lambda seed: (
        lambda rng: pl.DataFrame(
            {
                "h": rng.integers(0, 3, 40).astype(str),
                "psu": rng.integers(0, 12, 40).astype(str),
                "y": rng.normal(5, 2, 40),
                "d": rng.integers(0, 2, 40),
                "w": rng.uniform(0.5, 3, 40),
            }
        )
    )(np.random.default_rng(seed))
)
DESIGN = SurveyDesign(psu="psu", strata="h", weights="w")


@settings(deadline=None, max_examples=25)
@given(frames, st.randoms(use_true_random=False))
def test_row_order_does_not_matter(data: pl.DataFrame, rnd: object) -> None:
    shuffled = data.sample(fraction=1.0, shuffle=True, seed=7)
    a = estimate(data, DESIGN, ["y"], by=["d"])
    b = estimate(shuffled, DESIGN, ["y"], by=["d"])
    np.testing.assert_allclose(a["estimate"].to_numpy(), b["estimate"].to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(a["se"].to_numpy(), b["se"].to_numpy(), rtol=1e-9)


@settings(deadline=None, max_examples=25)
@given(frames, st.floats(min_value=0.01, max_value=1000))
def test_scaling_weights_leaves_means_unchanged(data: pl.DataFrame, factor: float) -> None:
    a = estimate(data, DESIGN, ["y"], by=["d"])
    b = estimate(data.with_columns(pl.col("w") * factor), DESIGN, ["y"], by=["d"])
    np.testing.assert_allclose(a["estimate"].to_numpy(), b["estimate"].to_numpy(), rtol=1e-9)
    np.testing.assert_allclose(a["se"].to_numpy(), b["se"].to_numpy(), rtol=1e-9)


@settings(deadline=None, max_examples=25)
@given(frames)
def test_census_with_fpc_has_zero_variance(data: pl.DataFrame) -> None:
    # every PSU of every stratum sampled: fpc = number of PSUs in the stratum
    census = data.with_columns(pl.col("psu").n_unique().over("h").alias("N"))
    table = estimate(census, SurveyDesign(psu="psu", strata="h", weights="w", fpc="N"), ["y"], by=["d"])
    assert table["se"].to_numpy() == pytest.approx(0.0, abs=1e-12)


def test_estimate_table_stacks_the_same_tables() -> None:
    data, design, _ = case("school")
    sets = [[], ["grade"], ["grade", "gender"]]
    table = estimate_table(data, design, ["alc_30d", "life_sat"], sets)
    for by in sets:
        alone = estimate(data, design, ["alc_30d", "life_sat"], by)
        part = table.filter(pl.col("domain_set") == "+".join(by))
        assert part.height == alone.height
        np.testing.assert_allclose(part["se"].to_numpy(), alone["se"].to_numpy(), rtol=1e-12)


def test_a_01_item_and_a_categorical_item_in_one_call() -> None:
    data = pl.DataFrame(
        {"y": [1.0, 0.0, 1.0, None], "answer": ["ja", "nee", None, "ja"], "psu": [1, 1, 2, 2]}
    )
    table = estimate(data, SurveyDesign(psu="psu"), ["y", "answer"], statistic="proportion")
    assert table["level"].to_list() == [None, "ja", "nee"]
    assert table["estimate"].to_list() == pytest.approx([2 / 3, 2 / 3, 1 / 3])
