"""Issue 18's faster group sums give the numbers of the plain per-item bincounts of the rows.

The sums are formed on demand (a split of one domain set) or kept (a split shared by several), from a numeric
column as read with its missing rows (`Masked`) or from y with 0 where missing, on one thread or several;
every way must equal `np.bincount(group_of_row, weights=w * y)` of the rows in row order to the last bit — on
random frames with one row, zero weights, all-missing items, domains without respondents and nested or crossed
codes. A 0/1 item, estimated as a proportion or as a mean, is summed over its 1-rows only: the same bits. The
one sum formed in another order is Σ w·1[valid] per group (Σ w less the weights of the missing rows): exact in
a group without missing rows or without valid ones, else to the rounding of Σ w (`assert_weight_sums`).
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from kansrijk.analysis import SurveyDesign, estimate, estimate_table
from kansrijk.analysis.groups import GroupIndex, Masked, row_quantities
from kansrijk.analysis.resolve import combine, dense_inverse, parallel_map, resolve

SETS: list[list[str]] = [[], ["grade"], ["gender"], ["grade", "gender"]]


@st.composite
def frames(draw: st.DrawFn) -> pl.DataFrame:
    """A small two-stage sample: schools, classes within schools, pupils; y with gaps, weights with zeros."""
    n = draw(st.integers(1, 60))
    n_classes = draw(st.integers(1, 8))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    cls = np.sort(rng.integers(0, n_classes, n)) if draw(st.booleans()) else rng.integers(0, n_classes, n)
    school = rng.integers(0, 3, n_classes)[cls]
    weight = rng.choice([0.0, 0.5, 1.0, 1.7, 2.25], n) if draw(st.booleans()) else rng.uniform(0.5, 2, n)
    columns: dict[str, object] = {
        "school": [f"S{s}" for s in school],
        "class": [f"C{c}" for c in cls],
        "grade": rng.integers(1, 3, n_classes)[cls],
        "gender": rng.choice(["m", "v", "x"], n),
        "weight": weight,
    }
    for name in ("x", "b"):
        values = rng.normal(5, 3, n) if name == "x" else (rng.random(n) < 0.3).astype(float)
        share = draw(st.sampled_from([0.0, 0.2, 1.0]))  # 1.0: an item nobody answered
        columns[name] = [None if rng.random() < share else float(v) for v in values]
    return pl.DataFrame(columns, schema_overrides={"x": pl.Float64, "b": pl.Float64})


DESIGN = SurveyDesign(psu="class", strata="school", weights="weight")


def reference_sums(index: GroupIndex, split: tuple[str, ...], column: np.ndarray) -> np.ndarray:
    """Σ column per group of `split` by one bincount over the rows (the path before issue 18)."""
    sums = index.sums(split)
    values, n_values = index.codes(split)
    row_key = index.block_row * n_values + values
    group_key = sums.block * n_values + values[sums.first_row]
    order = np.argsort(group_key)
    group_of_row = order[np.searchsorted(group_key[order], row_key)]
    assert np.array_equal(group_key[group_of_row], row_key)
    return np.bincount(group_of_row, weights=column, minlength=sums.block.size)


def assert_weight_sums(
    b: np.ndarray, index: GroupIndex, split: tuple[str, ...], w: np.ndarray, valid: np.ndarray
) -> None:
    """Σ w·1[valid] per group, formed as Σ w less Σ w over the missing rows: the plain sum itself in a group
    without missing rows, 0 in a group of missing rows only, else the plain sum to the rounding of Σ w."""
    expected = reference_sums(index, split, w * valid)
    total = reference_sums(index, split, w)
    gaps = reference_sums(index, split, (~valid).astype(float))
    whole = gaps == 0
    np.testing.assert_array_equal(b[whole], expected[whole])
    none = reference_sums(index, split, valid.astype(float)) == 0
    np.testing.assert_array_equal(b[none], 0.0)
    size = reference_sums(index, split, np.ones(w.size))  # rounding of a sum of n terms: ≤ n·eps·Σ|w|
    assert np.all(np.abs(b - expected) <= 2 * size * np.finfo(float).eps * total)


@settings(deadline=None, max_examples=60)
@given(frames(), st.booleans(), st.booleans())
def test_group_sums_equal_a_bincount_of_the_rows_kept_or_on_demand(
    data: pl.DataFrame, masked: bool, b_mean: bool
) -> None:
    rd = resolve(data, DESIGN)
    w = rd.weights
    x = data["x"].fill_null(np.nan).to_numpy()  # NaN under a missing row: never part of a sum
    valid = ~np.isnan(x)
    y = np.where(valid, x, 0.0)
    b = data["b"].fill_null(0.0).to_numpy()
    b_valid = data["b"].is_not_null().to_numpy()
    items = [Masked(x, np.flatnonzero(~valid)) if masked else y, b]
    # b_mean: the 0/1 item b is estimated as a mean (it needs Σ w·y² too), else as a proportion
    rows = row_quantities(w, items, [True, b_mean], [np.flatnonzero(~valid), np.flatnonzero(~b_valid)])
    # shared splits keep their sums; a lone set's are formed on demand
    choices: list[list[list[str]]] = [SETS, [["gender"]], [[]]]
    for sets in choices:
        index = GroupIndex(data, rd, rows, sets)
        for by in sets:
            split = index.split(by)
            sums = index.sums(split)
            np.testing.assert_array_equal(sums.a(0), reference_sums(index, split, w * y))
            np.testing.assert_array_equal(sums.a(1), reference_sums(index, split, w * b))
            for v, valid_v in enumerate([valid, b_valid]):
                assert_weight_sums(sums.b(v), index, split, w, valid_v)
            domain, n_domains = index.codes(by)
            totals = sums.totals[tuple(by)]
            np.testing.assert_array_equal(
                totals.c[0], np.bincount(domain, weights=w * y * y, minlength=n_domains)
            )
            assert (1 in totals.c) == b_mean
            if b_mean:
                np.testing.assert_array_equal(
                    totals.c[1], np.bincount(domain, weights=w * b * b, minlength=n_domains)
                )
            assert totals.k is not None
            np.testing.assert_array_equal(totals.k[:, 0], np.bincount(domain, weights=y, minlength=n_domains))
            np.testing.assert_array_equal(totals.k[:, 1], np.bincount(domain, weights=b, minlength=n_domains))
            np.testing.assert_array_equal(
                totals.n[:, 0], np.bincount(domain, weights=valid, minlength=n_domains)
            )
            positive = valid & (w > 0)
            np.testing.assert_array_equal(
                totals.nz[:, 0], np.bincount(domain, weights=positive, minlength=n_domains)
            )


@settings(deadline=None, max_examples=25)
@given(frames())
def test_threads_table_and_single_calls_give_the_same_numbers(data: pl.DataFrame) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KANSRIJK_ANALYSIS_THREADS", "1")
        one = estimate_table(data, DESIGN, ["x", "b"], SETS, "mean")
        alone = [estimate(data, DESIGN, ["x", "b"], by, "mean") for by in SETS]
        patch.setenv("KANSRIJK_ANALYSIS_THREADS", "3")
        many = estimate_table(data, DESIGN, ["x", "b"], SETS, "mean")
    assert_frame_equal(one, many, check_exact=True)
    for by, part in zip(SETS, alone, strict=True):
        shared = one.filter(pl.col("domain_set") == "+".join(by)).select(part.columns)
        assert_frame_equal(shared, part, check_exact=True)


@settings(deadline=None)
@given(
    st.lists(st.integers(0, 9), min_size=1, max_size=80),
    st.integers(1, 6),
    st.booleans(),
)
def test_combined_codes_equal_dense_inverse_nested_or_not(
    parts: list[int], n_outer: int, nested: bool
) -> None:
    part, n_part = dense_inverse(np.array(parts, dtype=np.int64))
    rng = np.random.default_rng(len(parts) * 7 + n_outer)
    outer_of_part = rng.integers(0, n_outer, n_part)
    outer = outer_of_part[part] if nested else rng.integers(0, n_outer, part.size)
    outer, size = dense_inverse(outer)
    codes, n_codes = combine(outer, size, part, n_part)
    expected, n_expected = dense_inverse(outer * n_part + part)
    np.testing.assert_array_equal(codes, expected)
    assert n_codes == n_expected


def test_parallel_map_keeps_the_order_of_the_items() -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KANSRIJK_ANALYSIS_THREADS", "4")
        assert parallel_map(lambda i: i * i, range(50)) == [i * i for i in range(50)]
