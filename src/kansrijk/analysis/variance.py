"""Design-based variance of many linearised statistics at once, from aggregated score totals.

Every (item, domain) pair is one column `q` of a sparse score matrix Z (columns × finest units): Z[q, i] is
the total over unit i of the linearised score of that statistic — for a ratio mean ȳ_D = Σ w·y / Σ w over
domain D, z_k = w_k·1[k∈D]·(y_k − ȳ_D) / Σ_D w (Binder 1983; R `svymean`), for a total z_k = w_k·1[k∈D]·y_k.
Domain estimation is automatic: rows outside the domain score 0 but their units still count in n (R keeps them
too).

Calibration (Särndal, Swensson & Wretman 1992 §6.5; R `svyrecvar`) replaces z by its residual r_k = z_k −
w_k·α_c(k) with a per-cell adjustment α:
- post-stratification: α_c = Σ_{k∈c} z_k / Σ_{k∈c} w_k (the weighted cell mean of z/w);
- raking: ten sweeps over the margins, each subtracting the *unweighted* category mean of z/w, exactly the
  iteration R's `svyrecvar` performs for a raked design.

The residual totals per unit are formed directly when that is small enough; for very large tables the
variance is expanded instead, Σ_vs scale·[Σ r_i² − c·(Σ r_i)²/n] = V(Z) − 2·α·(Z·Ŵ) + αᵀ·Q·α, with Ŵ and Q
built once from the weight totals per unit and cell (see `calibrated_variance`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from kansrijk.analysis import kernels
from kansrijk.analysis.resolve import (
    CalibrationInfo,
    ResolvedDesign,
    Scratch,
    Stage,
    dense_inverse,
    parallel_map,
)

RAKING_SWEEPS = 10  # R's svyrecvar iterates the raking projection exactly ten times


def indicator(index: np.ndarray, n: int) -> sp.csr_matrix:
    """Sparse one-hot matrix (len(index) × n)."""
    m = index.size
    return sp.csr_matrix((np.ones(m), (np.arange(m), index)), shape=(m, n))


def _stage_parts(stage: Stage) -> tuple[sp.csr_matrix, sp.csr_matrix, np.ndarray, np.ndarray]:
    """Map finest unit -> stage unit, unit -> variance stratum, per-unit scale, per-stratum centring
    weight."""
    to_unit = indicator(stage.unit_of_finest, stage.n_units)
    to_vs = indicator(stage.vs, stage.n_vs)
    centre = np.zeros(stage.n_vs)
    centre[stage.vs] = stage.scale * stage.centred / stage.n
    return to_unit, to_vs, stage.scale, centre


def plain_variance(z: sp.csr_matrix, design: ResolvedDesign) -> np.ndarray:
    """Σ over stages and variance strata of scale · [Σ Z_i² − c · (Σ Z_i)² / n] for every column of `z`."""
    total = np.zeros(z.shape[0])
    for stage in design.stages:
        to_unit, to_vs, scale, centre = _stage_parts(stage)
        zs = z @ to_unit
        total += np.asarray(zs.multiply(zs) @ scale).ravel()
        zv = zs @ to_vs
        total -= np.asarray(zv.multiply(zv) @ centre).ravel()
    return total


@dataclass(frozen=True)
class RatioScores:
    """Item j's score totals per group of a ratio mean, (a − ȳ_d·b) / Σ_d w, from its group sums a = Σ w·y and
    b = Σ w·1[valid] (`sums(j)`); a total's score is a itself. Σ a and Σ b per domain — the estimate and its
    denominator — are written into column j of `ysum` and `wsum` on the way, so no groups × items matrix is
    formed. A call returns a buffer of the calling thread, valid until its next call (see `pair_variance`)."""

    sums: Callable[[int], tuple[np.ndarray, np.ndarray]]
    domain: np.ndarray  # group -> domain
    ysum: np.ndarray  # domains × items
    wsum: np.ndarray
    ratio: bool  # False: totals
    scratch: Scratch

    def centres(self, j: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Item j's a and b per group and, per domain, ȳ_d and Σ_d w (1 where not positive)."""
        a, b = self.sums(j)
        ys, ws = np.empty(self.ysum.shape[0]), np.empty(self.ysum.shape[0])
        kernels.domain_sums(a, b, self.domain, ys, ws)
        self.ysum[:, j], self.wsum[:, j] = ys, ws
        centre, safe = kernels.ratio_centres(ys, ws)
        return a, b, centre, safe

    def __call__(self, j: int) -> np.ndarray:
        a, b, centre, safe = self.centres(j)
        if not self.ratio:
            return a
        return kernels.ratio_scores(a, b, self.domain, centre, safe, self.scratch.get("score"))


def pair_variance(
    d_r: np.ndarray,
    u_r: np.ndarray,
    z: np.ndarray | Callable[[int], np.ndarray],
    design: ResolvedDesign,
    n_domains: int,
    *,
    n_items: int | None = None,
    pairs_unique: bool = False,
) -> np.ndarray:
    """The same sum as `plain_variance` for scores held as rows (domain d_r, finest unit u_r) × items.

    Dense in items and sparse in (domain, unit) pairs, so a fine domain set (wijk × gender on a national file,
    where nearly every pupil is a pair of their own) costs one pass over the pairs. Returns domains × items.
    `pairs_unique`: the caller guarantees that the rows are distinct (unit, domain) pairs in unit order; a
    stage whose units are the finest units then takes the rows as they are instead of sorting them into pairs
    (the sums visit each domain's pairs in unit order either way, so the result is the same to the last bit).
    `z` is a rows × items matrix, or a function giving item j's column (with `n_items`), so that a long score
    table (post-stratification residuals: a row per unit of every cell a domain meets) is never formed for all
    items at once. Ratio scores (`RatioScores`) of a one-stage design whose rows are its (PSU, domain) pairs
    go through one compiled pass per item that forms each score and adds it to the terms (`kernels`).
    The items run on `parallel_map`'s threads: a function `z` must be safe to call from several threads at
    once (its column may be a buffer of the calling thread, read before its next call).
    """
    if callable(z):
        column, n_items = z, int(n_items or 0)
    else:
        matrix = z
        column, n_items = (lambda j: matrix[:, j]), matrix.shape[1]
    total = np.zeros((n_domains, n_items))
    ratio = z if isinstance(z, RatioScores) and z.ratio and len(design.stages) == 1 else None
    for stage in design.stages:
        _, _, scale, centre = _stage_parts(stage)
        identity = pairs_unique and np.array_equal(stage.unit_of_finest, np.arange(stage.unit_of_finest.size))
        if identity:
            unit, dom, pair_of_row = u_r, d_r, None
        else:
            key = stage.unit_of_finest[u_r] * n_domains + d_r
            pair_of_row, n_pairs = dense_inverse(key)
            pair = np.empty(n_pairs, dtype=np.int64)
            pair[pair_of_row] = key
            unit = pair // n_domains
            dom = pair % n_domains
        dv_of_pair, n_dv = dense_inverse(stage.vs[unit] * n_domains + dom)
        dv_first = np.zeros(n_dv, dtype=np.int64)
        dv_first[dv_of_pair] = np.arange(dv_of_pair.size)
        dv_dom = dom[dv_first]
        dv_centre = centre[stage.vs[unit[dv_first]]]
        terms = _StageTerms(
            column,
            pair_of_row,
            dom,
            scale[unit],
            dv_of_pair,
            n_dv,
            dv_dom,
            dv_centre,
            n_domains,
            ratio if identity else None,
        )
        for j, (plus, minus) in enumerate(parallel_map(terms, range(n_items))):
            total[:, j] += plus
            total[:, j] -= minus
    return total


class _StageTerms:
    """One stage's two terms per domain for item j: Σ scale·Z_i² and Σ c/n·(Σ Z_i)² (one column at a time:
    contiguous, and no (pairs × items) temporaries; a scratch column per thread)."""

    def __init__(
        self,
        column: Callable[[int], np.ndarray],
        pair_of_row: np.ndarray | None,
        dom: np.ndarray,
        pair_scale: np.ndarray,
        dv_of_pair: np.ndarray,
        n_dv: int,
        dv_dom: np.ndarray,
        dv_centre: np.ndarray,
        n_domains: int,
        ratio: RatioScores | None = None,
    ) -> None:
        self.ratio = ratio
        self.column, self.pair_of_row, self.dom, self.pair_scale = column, pair_of_row, dom, pair_scale
        self.dv_of_pair, self.n_dv, self.dv_dom, self.dv_centre = dv_of_pair, n_dv, dv_dom, dv_centre
        self.n_domains = n_domains
        self.scratch = Scratch(dom.size)
        self.cells = Scratch(n_dv)

    def __call__(self, j: int) -> tuple[np.ndarray, np.ndarray]:
        plus, minus = np.empty(self.n_domains), np.empty(self.n_domains)
        zv = self.cells.get("zv")
        if self.ratio is not None:  # the scores formed inside the pass (see `kernels.ratio_stage_terms`)
            a, b, centre, safe = self.ratio.centres(j)
            kernels.ratio_stage_terms(
                a,
                b,
                self.dom,
                centre,
                safe,
                self.pair_scale,
                self.dv_of_pair,
                self.dv_dom,
                self.dv_centre,
                zv,
                plus,
                minus,
            )
            return plus, minus
        zs = self.column(j)
        if self.pair_of_row is not None:
            zs = kernels.weighted_sums(self.pair_of_row, zs, self.scratch.get("pairs"))
        kernels.stage_terms(
            zs, self.dom, self.pair_scale, self.dv_of_pair, self.dv_dom, self.dv_centre, zv, plus, minus
        )
        return plus, minus


def calibration_alpha(
    cal: CalibrationInfo, z_cell: sp.csr_matrix, s_cell: np.ndarray | None
) -> sp.csr_matrix:
    """The per-cell adjustment α (columns × cells); `z_cell` = Σ z per cell, `s_cell` = Σ z/w per cell."""
    if cal.kind == "poststratify":
        return sp.csr_matrix(z_cell @ sp.diags(1.0 / cal.cell_weight))
    assert s_cell is not None
    s = s_cell.copy()
    alpha = np.zeros_like(s)
    margins = [
        indicator(code, size).toarray() for code, size in zip(cal.margin_codes, cal.margin_sizes, strict=True)
    ]
    rows = cal.cell_rows
    for _ in range(RAKING_SWEEPS):
        for onehot in margins:
            a = (s @ onehot) / (rows @ onehot)
            step = a @ onehot.T
            alpha += step
            s -= step * rows
    return sp.csr_matrix(alpha)


DIRECT_LIMIT = 20_000_000  # residual totals up to this many (column, unit) entries are formed directly


def calibrated_variance(
    z: sp.csr_matrix, alpha: sp.csr_matrix, design: ResolvedDesign, unit_cell_weight: sp.csr_matrix
) -> np.ndarray:
    """Variance of the residual totals Z − α·Wᵀ, directly when small enough, else by the expansion below.

    The direct route is exact to rounding; the expansion subtracts large terms and loses relative precision
    when calibration removes nearly all of the variance (e.g. a total of a calibration cell, whose true
    variance is 0), so it is kept for tables too large to form (raking × many domains on a national file).
    """
    w_t = sp.csr_matrix(unit_cell_weight.T)
    per_column = np.diff(alpha.indptr)
    cells_units = np.diff(w_t.indptr)
    expected = float(np.sum(per_column) * max(float(np.mean(cells_units)), 1.0)) if alpha.nnz else 0.0
    if expected <= DIRECT_LIMIT:
        return plain_variance(sp.csr_matrix(z - alpha @ w_t), design)
    return expanded_variance(z, alpha, design, unit_cell_weight)


def expanded_variance(
    z: sp.csr_matrix, alpha: sp.csr_matrix, design: ResolvedDesign, unit_cell_weight: sp.csr_matrix
) -> np.ndarray:
    """V(Z − W·αᵀ) = V(Z) − 2·rowsum(α ∘ (Z·Ŵ)) + rowsum(α ∘ (α·Q)), stage by stage.

    `unit_cell_weight` is W_fin (finest units × cells): the calibrated weight total of each unit in each cell.
    Per stage, W = W_finᵀ-aggregated to the stage's units, T = weight totals per variance stratum and cell,
    Ŵ = diag(scale)·W − diag(c/n)[vs]·T[vs] and Q = Wᵀ·diag(scale)·W − Tᵀ·diag(c/n)·T.
    """
    total = plain_variance(z, design)
    for stage in design.stages:
        to_unit, to_vs, scale, centre = _stage_parts(stage)
        w_unit = sp.csr_matrix(to_unit.T @ unit_cell_weight)
        t_vs = sp.csr_matrix(to_vs.T @ w_unit)
        w_hat = sp.diags(scale) @ w_unit - to_vs @ (sp.diags(centre) @ t_vs)
        q = w_unit.T @ sp.diags(scale) @ w_unit - t_vs.T @ sp.diags(centre) @ t_vs
        zs = z @ to_unit
        cross = zs @ w_hat
        total -= 2.0 * np.asarray(alpha.multiply(cross).sum(axis=1)).ravel()
        total += np.asarray(alpha.multiply(alpha @ q).sum(axis=1)).ravel()
    return total
