"""The compiled loops give the bits of the NumPy expressions they replace (see `analysis/kernels.py`).

Each kernel is run on random inputs — negative and tiny values, NaN under missing rows, zero weights, empty
domains, one bin, no rows — and compared with the NumPy calls the estimation used before it, with
`np.array_equal` (every bit; NaN compared as NaN only where NumPy gives NaN too).
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kansrijk.analysis import kernels


def same_bits(ours: np.ndarray, theirs: np.ndarray) -> bool:
    ours, theirs = np.asarray(ours, dtype=np.float64), np.asarray(theirs, dtype=np.float64)
    return ours.shape == theirs.shape and bool(np.all(ours.view(np.int64) == theirs.view(np.int64)))


@st.composite
def rows(draw: st.DrawFn) -> dict[str, np.ndarray | int]:
    n = draw(st.integers(0, 300))
    n_bins = draw(st.integers(1, 12))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    index = rng.integers(0, n_bins, n)
    if draw(st.booleans()):
        index = np.sort(index)
    weights = rng.choice([0.0, 0.3, 1.0, 2.5], n) if draw(st.booleans()) else rng.uniform(0.1, 3.0, n)
    scale = 10.0 ** draw(st.integers(-300, 300)) if draw(st.booleans()) else 1.0
    values = rng.normal(draw(st.floats(-5, 5)), 2, n) * scale
    missing = np.flatnonzero(rng.random(n) < draw(st.floats(0, 1)))
    values[missing] = np.where(rng.random(missing.size) < 0.5, np.nan, 7.0)  # whatever lies under a gap
    return {"n_bins": n_bins, "index": index, "weights": weights, "values": values, "missing": missing}


def masked_product(r: dict, squared: bool) -> np.ndarray:
    """`groups.Masked.times` once or twice: w·y (then ·y), 0 at the missing rows."""
    with np.errstate(invalid="ignore", over="ignore"):
        product = np.multiply(r["weights"], r["values"])
        product[r["missing"]] = 0.0
        if squared:
            product = np.multiply(product, r["values"])
            product[r["missing"]] = 0.0
    return product


@settings(max_examples=150, deadline=None)
@given(rows(), st.booleans())
def test_product_sums_are_the_bincount_of_the_masked_products(r: dict, squared: bool) -> None:
    expected = np.bincount(r["index"], weights=masked_product(r, squared), minlength=r["n_bins"])
    out = np.full(r["n_bins"], np.nan)
    with np.errstate(over="ignore", invalid="ignore"):
        got = kernels.product_sums(r["index"], r["weights"], r["values"], r["missing"], squared, out)
        running = kernels.product_sums(
            kernels.ONE_BIN, r["weights"], r["values"], r["missing"], squared, np.empty(1)
        )[0]
        cumulative = np.cumsum(masked_product(r, squared))[-1:] if r["weights"].size else np.zeros(1)
    assert same_bits(got, expected)
    assert same_bits(np.array([running]), cumulative)


@settings(max_examples=150, deadline=None)
@given(rows())
def test_weighted_sums_and_valid_weight_sums_are_their_bincounts(r: dict) -> None:
    n_bins, index, weights, missing = r["n_bins"], r["index"], r["weights"], r["missing"]
    out = np.full(n_bins, np.nan)
    assert same_bits(kernels.weighted_sums(index, weights, out), np.bincount(index, weights, n_bins))
    assert same_bits(
        kernels.weighted_sums_at(index, weights, missing, np.full(n_bins, np.nan)),
        np.bincount(index[missing], weights=weights[missing], minlength=n_bins),
    )
    total = np.bincount(index, weights, n_bins)
    gaps = np.bincount(index.take(missing), weights=weights.take(missing), minlength=n_bins)
    got = kernels.valid_weight_sums(total, index, missing, weights.take(missing), np.full(n_bins, np.nan))
    assert same_bits(got, total - gaps)


@settings(max_examples=150, deadline=None)
@given(rows())
def test_ratio_scores_are_the_numpy_scores(r: dict) -> None:
    """`estimate.score` before the kernels: bincounts per domain, nan_to_num of the ratio, (a − ȳ·b) / w;
    and the fused scores-and-terms pass against the scores and `stage_terms`."""
    n_domains, domain = r["n_bins"], r["index"]
    rng = np.random.default_rng(domain.size)
    a = np.nan_to_num(r["values"]) * r["weights"]
    b = r["weights"] * (rng.random(domain.size) < 0.9)
    if domain.size and rng.random() < 0.5:
        b[domain == domain[0]] = 0.0  # a domain without weight (ȳ = a/0: ±inf or nan, made finite)
    ysum = np.bincount(domain, weights=a, minlength=n_domains)
    wsum = np.bincount(domain, weights=b, minlength=n_domains)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        centre = np.nan_to_num(ysum / wsum)
        safe_w = np.where(wsum > 0, wsum, 1.0)
        expected = (a - centre[domain] * b) / safe_w[domain]
        ys, ws = np.empty(n_domains), np.empty(n_domains)
        kernels.domain_sums(a, b, domain, ys, ws)
        got_centre, got_safe = kernels.ratio_centres(ys, ws)
        got = kernels.ratio_scores(a, b, domain, got_centre, got_safe, np.empty(domain.size))
    assert same_bits(ys, ysum) and same_bits(ws, wsum)
    assert same_bits(got, expected)

    # the fused pass (the scores formed inside the variance terms) gives the terms of those scores
    n_cells = 7
    scale = rng.uniform(0.5, 2.0, domain.size)
    cell, cell_domain = rng.integers(0, n_cells, domain.size), rng.integers(0, n_domains, n_cells)
    cell_centre = rng.random(n_cells)
    terms = [np.empty(n_domains) for _ in range(4)]
    with np.errstate(over="ignore", invalid="ignore"):
        kernels.stage_terms(got, domain, scale, cell, cell_domain, cell_centre, np.empty(n_cells), *terms[:2])
        kernels.ratio_stage_terms(
            a,
            b,
            domain,
            got_centre,
            got_safe,
            scale,
            cell,
            cell_domain,
            cell_centre,
            np.empty(n_cells),
            *terms[2:],
        )
    assert same_bits(terms[2], terms[0]) and same_bits(terms[3], terms[1])


@settings(max_examples=150, deadline=None)
@given(rows(), st.integers(1, 9))
def test_stage_terms_are_the_numpy_terms(r: dict, n_cells: int) -> None:
    """`variance._StageTerms` before the kernel: Σ scale·z² per domain, then c/n·(Σ z)² over cells."""
    domain, n_domains = r["index"], r["n_bins"]
    rng = np.random.default_rng(domain.size + n_cells)
    z = np.nan_to_num(r["values"])
    scale = rng.uniform(0.5, 2.0, domain.size)
    cell = rng.integers(0, n_cells, domain.size)
    cell_domain = rng.integers(0, n_domains, n_cells)
    cell_centre = rng.uniform(0.0, 1.0, n_cells)
    with np.errstate(over="ignore", invalid="ignore"):
        plus = np.bincount(domain, weights=z * z * scale, minlength=n_domains)
        zv = np.bincount(cell, weights=z, minlength=n_cells)
        minus = np.bincount(cell_domain, weights=zv * zv * cell_centre, minlength=n_domains)
        got_plus, got_minus = np.empty(n_domains), np.empty(n_domains)
        kernels.stage_terms(
            z, domain, scale, cell, cell_domain, cell_centre, np.empty(n_cells), got_plus, got_minus
        )
    assert same_bits(got_plus, plus) and same_bits(got_minus, minus)


@settings(max_examples=150, deadline=None)
@given(rows(), st.booleans(), st.floats(0, 1))
def test_one_rows_are_the_nonzero_rows_of_a_few_ones_item(r: dict, check_ones: bool, share: float) -> None:
    """`groups.row_quantities`' rule before the kernel: the present non-zero rows when there are at most
    `limit`, and (numeric items) only when they are all 1."""
    rng = np.random.default_rng(r["weights"].size)
    values = (rng.random(r["weights"].size) < share).astype(float)
    if rng.random() < 0.3 and values.size:
        values[rng.integers(0, values.size)] = rng.choice([0.5, -1.0, 2.0])
    missing = r["missing"]
    values[missing] = np.where(rng.random(missing.size) < 0.5, np.nan, 3.0)
    limit = int(0.5 * values.size)
    nonzero = values != 0
    nonzero[missing] = False
    expected = np.flatnonzero(nonzero) if np.count_nonzero(nonzero) <= limit else None
    if expected is not None and check_ones and not np.all(values.take(expected) == 1):
        expected = None
    few, got = kernels.one_rows(values, missing, check_ones, limit)
    assert few == (expected is not None)
    if expected is not None:
        assert np.array_equal(got, expected)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 30), max_size=200), st.booleans())
def test_first_seen_codes_number_the_values_by_their_first_row(values: list, offset: bool) -> None:
    key = np.array(values, dtype=np.int64) + (1000 if offset else 0)
    low = int(key.min()) if key.size else 0
    codes, first = kernels.first_seen_codes(key, low, int(key.max()) - low + 1 if key.size else 1)
    distinct, first_expected = np.unique(key, return_index=True)
    order = np.argsort(first_expected)  # the values in the order of their first row
    assert first.tolist() == first_expected[order].tolist()
    assert codes.tolist() == [int(np.flatnonzero(distinct[order] == v)[0]) for v in key]
