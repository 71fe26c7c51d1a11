"""Domain versus the rest of the municipality: is a wijk (or school) significantly higher or lower?

The map colours a wijk "higher / no difference / lower" than the municipal average. A wijk and the rest of
the municipality are **not** independent samples — one class holds pupils from many wijken — so the two SEs
cannot simply be added. The contrast Δ = ȳ_d − ȳ_rest is a smooth function of weighted totals; its
linearised score is

    z_k = 1[k∈d]·(y_k − ȳ_d) / N̂_d − 1[k∉d]·(y_k − ȳ_rest) / N̂_rest

(Binder 1983; the coefficient of ``svyglm(y ~ in_domain)`` in R has the same score), and Var(Δ) is the design
variance of Σ w_k z_k, with the calibration carried in exactly as for every estimate (the residual method),
through the same variance functions as :func:`estimate`. Every variable × domain contrast is computed in one
vectorised pass over (domain, unit, calibration cell) aggregates, not row by row. Testing against the rest
(rather than against the total, which contains the domain) is the usual convention of Dutch health monitors
and gives a proper two-sample comparison.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl
import scipy.sparse as sp
from scipy import stats

from kansrijk.analysis.design import SurveyDesign
from kansrijk.analysis.errors import DesignError
from kansrijk.analysis.estimate import _unit_cell_weights
from kansrijk.analysis.resolve import resolve
from kansrijk.analysis.variance import calibrated_variance, calibration_alpha, plain_variance

SCHEMA = {
    "variable": pl.String,
    "domain": pl.String,
    "difference": pl.Float64,
    "se": pl.Float64,
    "p_value": pl.Float64,
    "direction": pl.String,
}


def domain_vs_rest(
    data: pl.DataFrame,
    design: SurveyDesign,
    variables: Sequence[str],
    domain_column: str,
    domains: Sequence[str],
    *,
    alpha: float = 0.05,
) -> pl.DataFrame:
    """Δ = ȳ_domain − ȳ_rest for every variable × domain value, with SE, p-value and direction.

    Rows with a null variable are outside both groups for that variable; rows with a null domain key are in
    the rest. Returns ``variable, domain, difference, se, p_value, direction`` (``higher`` / ``lower`` /
    ``no_difference``); a domain or rest without respondents gives no row.
    """
    rd = resolve(data, design)
    key = data[domain_column].cast(pl.String).to_numpy()
    dom_index = {d: i for i, d in enumerate(domains)}
    n_dom = len(domains)
    # domain code per row; rows in none of `domains` get code n_dom (always "rest")
    d_row = np.array([dom_index.get(k, n_dom) if k is not None else n_dom for k in key], dtype=np.int64)
    cal = rd.calibration
    n_units = rd.stages[-1].unit_of_finest.size
    n_cells = cal.n_cells if cal is not None else 1
    cell_row = cal.cell if cal is not None else np.zeros(data.height, dtype=np.int64)
    group_key = (d_row * n_units + rd.unit) * n_cells + cell_row
    groups, group_of_row = np.unique(group_key, return_inverse=True)
    g_cell = groups % n_cells
    g_unit = (groups // n_cells) % n_units
    g_dom = groups // (n_cells * n_units)
    w = rd.weights

    rows = []
    score_columns = []
    for variable in variables:
        y = data[variable].cast(pl.Float64).to_numpy()
        valid = ~np.isnan(y)
        a = np.bincount(group_of_row, weights=np.where(valid, w * y, 0.0), minlength=groups.size)
        b = np.bincount(group_of_row, weights=np.where(valid, w, 0.0), minlength=groups.size)
        n_d = np.bincount(g_dom, weights=b, minlength=n_dom + 1)[:n_dom]
        y_d = np.bincount(g_dom, weights=a, minlength=n_dom + 1)[:n_dom]
        n_r, y_r = b.sum() - n_d, a.sum() - y_d
        ok = (n_d > 0) & (n_r > 0)
        mean_d = np.divide(y_d, n_d, out=np.zeros(n_dom), where=n_d > 0)
        mean_r = np.divide(y_r, n_r, out=np.zeros(n_dom), where=n_r > 0)
        safe_d, safe_r = np.where(n_d > 0, n_d, 1.0), np.where(n_r > 0, n_r, 1.0)
        # groups × domains: the score total of each (domain, unit, cell) group for each domain's contrast
        inside = g_dom[:, None] == np.arange(n_dom)[None, :]
        z = np.where(
            inside,
            (a[:, None] - mean_d[None, :] * b[:, None]) / safe_d[None, :],
            -(a[:, None] - mean_r[None, :] * b[:, None]) / safe_r[None, :],
        )
        for j in np.flatnonzero(ok):
            rows.append((variable, domains[int(j)], float(mean_d[j] - mean_r[j])))
            score_columns.append(z[:, j])
    if not rows:
        return pl.DataFrame(schema=SCHEMA)
    z_all = np.column_stack(score_columns)  # groups × contrasts
    q = z_all.shape[1]
    zmat = sp.csr_matrix(sp.csr_matrix((np.ones(groups.size), (g_unit, np.arange(groups.size))),
                                       shape=(n_units, groups.size)) @ z_all).T  # fmt: skip
    if cal is None:
        variance = plain_variance(sp.csr_matrix(zmat), rd)
    else:
        to_cell = sp.csr_matrix(
            (np.ones(groups.size), (np.arange(groups.size), g_cell)), shape=(groups.size, n_cells)
        )
        z_cell = sp.csr_matrix(z_all.T @ to_cell)
        if cal.kind == "rake":
            raise DesignError(
                "design", "domain versus rest is not available for a raked design", "post-stratify instead"
            )
        alpha_cells = calibration_alpha(cal, z_cell, None)
        unit_cell = _unit_cell_weights(rd, cal.cell, n_units, n_cells)
        variance = calibrated_variance(sp.csr_matrix(zmat), alpha_cells, rd, unit_cell)
    se = np.sqrt(np.maximum(np.asarray(variance).reshape(q), 0.0))
    out = []
    for (variable, domain, diff), s in zip(rows, se, strict=True):
        p = _p_value(diff, s, rd.df)
        direction = ("higher" if diff > 0 else "lower") if p < alpha else "no_difference"
        out.append((variable, domain, diff, float(s), p, direction))
    return pl.DataFrame(out, schema=SCHEMA, orient="row")


def _p_value(difference: float, se: float, df: int) -> float:
    """Two-sided t test on the design's degrees of freedom; a zero SE makes any difference certain."""
    if se > 0:
        return float(2 * stats.t.sf(abs(difference / se), df))
    return 0.0 if difference != 0 else 1.0
