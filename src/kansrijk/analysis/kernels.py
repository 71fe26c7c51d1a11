"""The estimation's per-item inner loops, compiled (Numba), each the same arithmetic in the same order as the
NumPy calls it replaces.

Why compiled: a fine domain set on a national file (by wijk: a (class × wijk) group for nearly every pupil)
spends most of an `estimate()` call on per-item passes over ~800,000 groups — two lookups and three array
operations for the scores, two products and three sums for the variance — each a NumPy call that writes a
groups-long temporary and holds the GIL in `np.bincount`. Fused into one loop per pass, an item reads its
group sums once, writes nothing groups-long, and releases the GIL (`nogil`), so `parallel_map`'s threads run
on both cores. DuckDB's GROUP BY of the same means has no such per-group work, so this is what separated a
design-based estimate from a bare aggregate (issue 18).

Bit-identical by construction: every sum is a sequential loop in the order `np.bincount` adds (index order of
its input), every product and quotient the same IEEE operation on the same operands in the same order, and
Numba compiles without `fastmath` (no reassociation, no fused multiply-add contraction: LLVM does not contract
without the flag). `tests/analysis/test_kernels.py` checks each kernel against the NumPy expression it
replaces, to the last bit. The compiled code is cached next to this file, or in `NUMBA_CACHE_DIR` where that
is read-only (the container: `/tmp/cache/numba`, so once per pod), and a process loads it on its first
estimate instead of compiling again.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

F = TypeVar("F", bound=Callable[..., Any])
_compile_lock = threading.Lock()


def _compiled(function: F) -> F:
    """`numba.njit` on first call, not at import: Numba and the cache lookup of every kernel cost half a
    second, which a process that never estimates (the web server, most CLI commands) should not pay.

    nogil: the threads of `resolve.parallel_map` run kernels side by side; error_model "numpy": x / 0 gives
    inf or nan as in NumPy (Numba's default raises, as Python does); no fastmath (the same operations in the
    same order as NumPy, see the module docstring). A kernel calls no other kernel (the wrapper is not
    callable from compiled code).
    """
    compiled: Callable[..., Any] | None = None

    @functools.wraps(function)
    def call(*args: Any) -> Any:
        nonlocal compiled
        if compiled is None:
            with _compile_lock:
                if compiled is None:
                    import numba

                    compiled = numba.njit(cache=True, nogil=True, boundscheck=False, error_model="numpy")(
                        function
                    )
        return compiled(*args)

    return call  # type: ignore[return-value]


@_compiled
def weighted_sums(index: np.ndarray, weights: np.ndarray, out: np.ndarray) -> np.ndarray:
    """out = `np.bincount(index, weights=weights, minlength=out.size)`, into a reused array."""
    out[:] = 0.0
    for i in range(index.size):
        out[index[i]] += weights[i]
    return out


@_compiled
def weighted_sums_at(index: np.ndarray, weights: np.ndarray, rows: np.ndarray, out: np.ndarray) -> np.ndarray:
    """out = `np.bincount(index[rows], weights=weights[rows], minlength=out.size)` (a 0/1 item's 1-rows)."""
    out[:] = 0.0
    for k in range(rows.size):
        r = rows[k]
        out[index[r]] += weights[r]
    return out


#: `product_sums`' index for "every row into one bin" (the whole population)
ONE_BIN = np.zeros(0, dtype=np.int64)


@_compiled
def product_sums(
    index: np.ndarray,
    weights: np.ndarray,
    values: np.ndarray,
    missing: np.ndarray,
    squared: bool,
    out: np.ndarray,
) -> np.ndarray:
    """out = Σ w·y per index value (`squared`: Σ (w·y)·y), y being `values` with 0 at the sorted rows
    `missing` — `np.bincount(index, weights=groups.Masked(values, missing).times(w, ...))`: a missing row
    adds +0.0 (its value may be NaN), every other row the same product.

    An empty `index` (`ONE_BIN`) puts every row in out[0] (the whole population) without reading an index,
    summed as `np.cumsum(products)[-1]` was: from the first term on (so all −0.0 terms give −0.0, as
    cumsum)."""
    out[:] = 0.0
    one_bin = index.size == 0  # loop-invariant: the compiler takes the branch out of the loop
    m, n_missing = 0, missing.size
    for i in range(weights.size):
        if m < n_missing and missing[m] == i:
            term = 0.0
            m += 1
        else:
            term = weights[i] * values[i]
            if squared:
                term = term * values[i]
        if one_bin:
            out[0] = term if i == 0 else out[0] + term
        else:
            out[index[i]] += term
    return out


@_compiled
def valid_weight_sums(
    weight_total: np.ndarray,
    index: np.ndarray,
    missing: np.ndarray,
    missing_weights: np.ndarray,
    out: np.ndarray,
) -> np.ndarray:
    """out = weight_total − `np.bincount(index[missing], weights=missing_weights)`: Σ w·1[valid] per group
    (see `groups.GroupIndex`, `variable_b`). One streaming pass subtracts (zeros for most groups): measured
    faster than visiting only the groups with missing rows, whose random reads cost more than the stream."""
    out[:] = 0.0
    for k in range(missing.size):
        out[index[missing[k]]] += missing_weights[k]
    for g in range(out.size):
        out[g] = weight_total[g] - out[g]
    return out


@_compiled
def domain_sums(a: np.ndarray, b: np.ndarray, domain: np.ndarray, ysum: np.ndarray, wsum: np.ndarray) -> None:
    """ysum, wsum = Σ a, Σ b per domain (`np.bincount(domain, weights=a)`, the same for b), in one pass."""
    ysum[:] = 0.0
    wsum[:] = 0.0
    for g in range(a.size):
        d = domain[g]
        ysum[d] += a[g]
        wsum[d] += b[g]


def ratio_centres(ysum: np.ndarray, wsum: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """ȳ_d = nan_to_num(ysum / wsum), and Σ_d w with 1 where it is not positive (an empty domain): the
    per-domain constants of the scores (NumPy: a few numbers, not worth a kernel)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.nan_to_num(ysum / wsum), np.where(wsum > 0, wsum, 1.0)


@_compiled
def ratio_scores(
    a: np.ndarray, b: np.ndarray, domain: np.ndarray, centre: np.ndarray, safe: np.ndarray, out: np.ndarray
) -> np.ndarray:
    """Per-group score totals of a ratio mean, out = (a − ȳ_d·b) / Σ_d w (see `ratio_centres`)."""
    for g in range(a.size):
        d = domain[g]
        out[g] = (a[g] - centre[d] * b[g]) / safe[d]
    return out


@_compiled
def stage_terms(
    z: np.ndarray,
    domain: np.ndarray,
    scale: np.ndarray,
    stratum: np.ndarray,
    stratum_domain: np.ndarray,
    stratum_centre: np.ndarray,
    zv: np.ndarray,
    plus: np.ndarray,
    minus: np.ndarray,
) -> None:
    """One stage's two variance terms per domain for one item's unit score totals z (a (unit, domain) pair
    each): plus_d = Σ scale·z², and minus_d = Σ over the (stratum, domain) cells of c/n·(Σ z)², with zv the
    cells' Σ z — `variance._StageTerms` as one pass over the pairs and one over the cells."""
    plus[:] = 0.0
    minus[:] = 0.0
    zv[:] = 0.0
    for p in range(z.size):
        value = z[p]
        plus[domain[p]] += value * value * scale[p]
        zv[stratum[p]] += value
    for k in range(zv.size):
        minus[stratum_domain[k]] += zv[k] * zv[k] * stratum_centre[k]


@_compiled
def ratio_stage_terms(
    a: np.ndarray,
    b: np.ndarray,
    domain: np.ndarray,
    centre: np.ndarray,
    safe: np.ndarray,
    scale: np.ndarray,
    stratum: np.ndarray,
    stratum_domain: np.ndarray,
    stratum_centre: np.ndarray,
    zv: np.ndarray,
    plus: np.ndarray,
    minus: np.ndarray,
) -> None:
    """`ratio_scores`, then `stage_terms`, for a design whose groups are its (PSU, domain) pairs (one stage,
    no calibration: the OKO design), without writing the scores: the second pass forms each group's score
    and adds it to both terms at once. The same operations in the same order as the two kernels."""
    plus[:] = 0.0
    minus[:] = 0.0
    zv[:] = 0.0
    for g in range(a.size):
        d = domain[g]
        value = (a[g] - centre[d] * b[g]) / safe[d]
        plus[d] += value * value * scale[g]
        zv[stratum[g]] += value
    for k in range(zv.size):
        minus[stratum_domain[k]] += zv[k] * zv[k] * stratum_centre[k]


@_compiled
def first_seen_codes(key: np.ndarray, low: int, span: int) -> tuple[np.ndarray, np.ndarray]:
    """Dense codes of `key` numbered in the order of each value's first row, and those first rows (in row
    order) — what `np.unique(key, return_inverse=True)` renumbered by first appearance gives, in one pass
    through a table over the key range `low … low + span − 1` (the caller keeps the range small)."""
    table = np.full(span, -1, dtype=np.int32)  # four bytes a value: the table stays in cache longer
    codes = np.empty(key.size, dtype=np.int64)
    first = np.empty(key.size, dtype=np.int64)
    n = 0
    for i in range(key.size):
        k = key[i] - low
        code = table[k]
        if code < 0:
            code = n
            table[k] = n
            first[n] = i
            n += 1
        codes[i] = code
    return codes, first[:n].copy()


@_compiled
def one_rows(
    values: np.ndarray, missing: np.ndarray, check_ones: bool, limit: int
) -> tuple[bool, np.ndarray]:
    """(True, the rows where a 0/1 item is 1) when at most `limit` rows are (its sorted `missing` rows left
    out) and, with `check_ones`, every other present value is 0; else (False, no rows).

    Branch-free over the rows (a 0/1 column is a coin toss per row: a branch on it mispredicts half the
    time): count and check in one pass, then write every row's index and advance past the non-zero ones
    that are not missing (stream compaction)."""
    count, bad = 0, 0
    for i in range(values.size):
        x = values[i]
        count += x != 0.0
        bad += (x != 0.0) & (x != 1.0)
    for r in missing:  # what lies under a missing row does not count (NaN, or any value under a null)
        x = values[r]
        count -= x != 0.0
        bad -= (x != 0.0) & (x != 1.0)
    if count > limit or (check_ones and bad > 0):
        return False, np.empty(0, dtype=np.int64)
    rows = np.empty(count + 1, dtype=np.int64)
    k, m, n_missing = 0, 0, missing.size
    gap = missing[0] if n_missing else -1
    for i in range(values.size):
        rows[k] = i
        at_gap = i == gap  # rare: a branch that is nearly always predicted
        k += (values[i] != 0.0) & (not at_gap)
        if at_gap:
            m += 1
            gap = missing[m] if m < n_missing else -1
    rows = rows[:count]
    return True, rows
