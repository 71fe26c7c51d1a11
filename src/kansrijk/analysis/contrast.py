"""Domain versus the rest of the municipality: is a wijk (or school) significantly higher or lower?

The map colours a wijk "higher / no difference / lower" than the municipal average. A wijk and the rest of
the municipality are **not** independent samples — one class holds pupils from many wijken — so the two SEs
cannot simply be added. The contrast Δ = ȳ_d − ȳ_rest is a smooth function of weighted totals; its
linearised score is

    z_k = 1[k∈d]·(y_k − ȳ_d) / N̂_d − 1[k∉d]·(y_k − ȳ_rest) / N̂_rest

(Binder 1983; the coefficient of ``svyglm(y ~ in_domain)`` in R has the same score), and Var(Δ) is the design
variance of Σ w_k z_k, with the calibration carried in exactly as for every estimate (the residual method),
with the same stage-by-stage variance as :func:`estimate`. Testing against the rest (rather than against the
total, which contains the domain) is the usual convention of Dutch health monitors and gives a proper
two-sample comparison.

The score total of a unit is dense — every unit holds rest rows — so it is never formed per domain (a national
file has 2,000 schools × 37,000 classes). It splits into a part shared by all domains and a sparse part:

    Z_u(d) = −E_u(d) / N̂_rest + T_u(d),     E_u(d) = Ẽ_u − δ_d · B̃_u,     δ_d = ȳ_rest − ȳ

with Ẽ_u = Σ_u w(y − ȳ), B̃_u = Σ_u w (both after the calibration residual, `variance`) and T_u(d) the
domain's own correction, non-zero only for units that share a calibration cell with domain d. Σ scale·Z² is
then three weighted inner products of the shared vectors plus sums over the sparse part, per stage and
variance stratum. Centring on the overall mean ȳ keeps the terms small, so nothing large cancels.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl
import scipy.sparse as sp
from scipy import stats

from kansrijk.analysis.design import SurveyDesign
from kansrijk.analysis.errors import DesignError
from kansrijk.analysis.estimate import _unit_cell_weights, domain_units
from kansrijk.analysis.resolve import dense_inverse, resolve
from kansrijk.analysis.variance import _stage_parts

#: Domains × units up to which the domain part of the scores is held dense (grade, gender, wijk), not sparse.
DENSE_LIMIT = 2_000_000

SCHEMA = {
    "variable": pl.String,
    "domain": pl.String,
    "difference": pl.Float64,
    "se": pl.Float64,
    "df": pl.Int64,
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
    own_df: bool = False,
) -> pl.DataFrame:
    """Δ = ȳ_domain − ȳ_rest for every variable × domain value, with SE, df, p-value and direction.

    Rows with a null variable are outside both groups for that variable; rows with a null domain key are in
    the rest. Returns ``variable, domain, difference, se, df, p_value, direction`` (``higher`` / ``lower`` /
    ``no_difference``); a domain or rest without respondents gives no row.

    The test is two-sided on t with the design's df, or with the domain's own df (PSUs − strata of the
    domain, R's `degf(subset(design, domain))`) when `own_df` — the rule for a school against the rest of
    the municipality (its domain lies in one stratum). A domain with df < 1, or in a single PSU, has a
    variance that is not estimable: no test (``p_value`` null, direction ``not_estimable``).
    """
    own = (domain_column,) if own_df else ()
    return domain_vs_rest_by(data, design, variables, {domain_column: domains}, alpha=alpha, own_df=own)[
        domain_column
    ]


@dataclass(frozen=True)
class _Domains:
    """The groups (domain, finest unit, calibration cell) of one domain column."""

    names: tuple[str, ...]
    group_of_row: np.ndarray
    dom: np.ndarray  # group -> domain code (len(names): the rest)
    unit: np.ndarray  # group -> finest unit
    cell: np.ndarray  # group -> calibration cell
    df: np.ndarray  # domain -> its own df (PSUs − strata)
    psus: np.ndarray  # domain -> its PSUs


def domain_vs_rest_by(
    data: pl.DataFrame,
    design: SurveyDesign,
    variables: Sequence[str],
    domains_by_column: Mapping[str, Sequence[str]],
    *,
    alpha: float = 0.05,
    own_df: Collection[str] = (),
) -> dict[str, pl.DataFrame]:
    """`domain_vs_rest` for several domain columns at once: the design is resolved (calibrated) once and
    each variable read once. Returns one table per column, as `domain_vs_rest` gives it; the columns in
    `own_df` are tested on their domains' own df."""
    rd = resolve(data, design)
    cal = rd.calibration
    if cal is not None and cal.kind == "rake":
        raise DesignError(
            "design", "domain versus rest is not available for a raked design", "post-stratify instead"
        )
    n_units = rd.stages[-1].unit_of_finest.size
    n_cells = cal.n_cells if cal is not None else 1
    cell_row = cal.cell if cal is not None else np.zeros(data.height, dtype=np.int64)
    columns: dict[str, _Domains] = {}
    for column, domains in domains_by_column.items():
        dom_index = {d: i for i, d in enumerate(domains)}
        n_dom = len(domains)
        # domain code per row; rows in none of `domains` (or without a key) get code n_dom (always "rest")
        d_row = (
            data[column]
            .cast(pl.String)
            .replace_strict(dom_index, default=n_dom, return_dtype=pl.Int64)
            .fill_null(n_dom)
            .to_numpy()
        )
        group_of_row, n_groups = dense_inverse((d_row * n_units + rd.unit) * n_cells + cell_row)
        rep = np.empty(n_groups, dtype=np.int64)
        rep[group_of_row] = np.arange(data.height)  # a row of each group
        psus, strata = domain_units(rd, d_row, n_dom + 1)
        columns[column] = _Domains(
            tuple(domains),
            group_of_row,
            d_row[rep],
            rd.unit[rep],
            cell_row[rep],
            (psus - strata)[:n_dom],
            psus[:n_dom],
        )
    w = rd.weights
    spread = None
    if cal is not None:
        # R(z)_u = z_u − Σ_c W_uc · z_c / W_c: the post-stratification residual of a per-group score
        w_uc = _unit_cell_weights(rd, cal.cell, n_units, n_cells)
        spread = sp.csr_matrix(w_uc @ sp.diags(1.0 / cal.cell_weight))  # units × cells
    parts = [_stage_parts(stage) for stage in rd.stages]
    found: dict[str, list[tuple[str, np.ndarray, np.ndarray, np.ndarray]]] = {c: [] for c in columns}
    for variable in variables:
        y = data[variable].cast(pl.Float64).to_numpy()
        valid = ~np.isnan(y)
        wy = np.where(valid, w * y, 0.0)
        wv = np.where(valid, w, 0.0)
        for column, groups in columns.items():
            result = _contrasts(groups, wy, wv, n_units, n_cells, spread, parts)
            if result is not None:
                found[column].append((variable, *result))
    return {
        column: _table(columns[column], found[column], rd.df, alpha, column in own_df) for column in columns
    }


def _contrasts(
    groups: _Domains,
    wy: np.ndarray,
    wv: np.ndarray,
    n_units: int,
    n_cells: int,
    spread: sp.csr_matrix | None,
    parts: Sequence[tuple[sp.csr_matrix, sp.csr_matrix, np.ndarray, np.ndarray]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Domains with a contrast, their differences and variances, for one variable and domain column."""
    n_dom = len(groups.names)
    n_groups = groups.dom.size
    g_dom, g_unit, g_cell = groups.dom, groups.unit, groups.cell
    a = np.bincount(groups.group_of_row, weights=wy, minlength=n_groups)
    b = np.bincount(groups.group_of_row, weights=wv, minlength=n_groups)
    n_d = np.bincount(g_dom, weights=b, minlength=n_dom + 1)[:n_dom]
    y_d = np.bincount(g_dom, weights=a, minlength=n_dom + 1)[:n_dom]
    n_r, y_r = b.sum() - n_d, a.sum() - y_d
    ok = (n_d > 0) & (n_r > 0)
    if not ok.any():
        return None
    mean_d = np.divide(y_d, n_d, out=np.zeros(n_dom), where=n_d > 0)
    mean_r = np.divide(y_r, n_r, out=np.zeros(n_dom), where=n_r > 0)
    safe_d, safe_r = np.where(n_d > 0, n_d, 1.0), np.where(n_r > 0, n_r, 1.0)
    overall = a.sum() / b.sum()
    # shared part: Ẽ (centred on the overall mean) and B̃ per finest unit
    centred = a - overall * b
    e_unit = np.bincount(g_unit, weights=centred, minlength=n_units)
    b_unit = np.bincount(g_unit, weights=b, minlength=n_units)
    # sparse part: the score of the domain's own groups, s = (a − ȳ_d b)/N̂_d + (a − ȳ_r b)/N̂_r
    in_dom = g_dom < n_dom
    e = g_dom[in_dom]
    ga, gb = a[in_dom], b[in_dom]
    s_g = (ga - mean_d[e] * gb) / safe_d[e] + (ga - mean_r[e] * gb) / safe_r[e]
    if spread is not None:
        e_unit -= spread @ np.bincount(g_cell, weights=centred, minlength=n_cells)
        b_unit -= spread @ np.bincount(g_cell, weights=b, minlength=n_cells)
    delta = mean_r - overall
    variance = np.zeros(n_dom)
    if n_dom * n_units <= DENSE_LIMIT:
        # few domains (grade, gender, wijk): the domain part as a dense units × domains matrix
        t_dense = np.bincount(g_unit[in_dom] * n_dom + e, weights=s_g, minlength=n_units * n_dom).reshape(
            n_units, n_dom
        )
        if spread is not None:
            t_cell = np.bincount(g_cell[in_dom] * n_dom + e, weights=s_g, minlength=n_cells * n_dom)
            t_dense -= spread @ t_cell.reshape(n_cells, n_dom)
        for to_unit, to_vs, scale, centre in parts:
            e_s, b_s, td_s = to_unit.T @ e_unit, to_unit.T @ b_unit, to_unit.T @ t_dense
            variance += _dense_sum_of_squares(e_s, b_s, td_s, delta, safe_r, scale)
            e_v, b_v, td_v = to_vs.T @ e_s, to_vs.T @ b_s, to_vs.T @ td_s
            variance -= _dense_sum_of_squares(e_v, b_v, td_v, delta, safe_r, centre)
    else:
        t = sp.csr_matrix((s_g, (e, g_unit[in_dom])), shape=(n_dom, n_units))
        if spread is not None:
            t_cell_sparse = sp.csr_matrix((s_g, (e, g_cell[in_dom])), shape=(n_dom, n_cells))
            t = sp.csr_matrix(t - t_cell_sparse @ spread.T)
        for to_unit, to_vs, scale, centre in parts:
            e_s, b_s, t_s = to_unit.T @ e_unit, to_unit.T @ b_unit, sp.csr_matrix(t @ to_unit)
            variance += _sum_of_squares(e_s, b_s, t_s, delta, safe_r, scale)
            e_v, b_v, t_v = to_vs.T @ e_s, to_vs.T @ b_s, sp.csr_matrix(t_s @ to_vs)
            variance -= _sum_of_squares(e_v, b_v, t_v, delta, safe_r, centre)
    index = np.flatnonzero(ok)
    return index, (mean_d - mean_r)[index], variance[index]


def _table(
    groups: _Domains,
    found: list[tuple[str, np.ndarray, np.ndarray, np.ndarray]],
    design_df: int,
    alpha: float,
    own_df: bool,
) -> pl.DataFrame:
    """The result rows: variable, domain, difference, se, df, two-sided t test, direction.

    No test (p null, direction ``not_estimable``) where the test's df is below 1 — with `own_df`, the
    domain's own — where the domain lies in a single PSU, or where the SE is 0 (a zero SE would make any
    difference certain)."""
    if not found:
        return pl.DataFrame(schema=SCHEMA)
    variable = np.concatenate([np.full(index.size, name, dtype=object) for name, index, _, _ in found])
    index = np.concatenate([index for _, index, _, _ in found])
    domain = np.asarray(groups.names, dtype=object)[index]
    difference = np.concatenate([diff for _, _, diff, _ in found])
    se = np.sqrt(np.maximum(np.concatenate([var for _, _, _, var in found]), 0.0))
    df = groups.df[index] if own_df else np.full(index.size, design_df, dtype=np.int64)
    testable = (df >= 1) & (groups.psus[index] >= 2) & (se > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        tail = 2 * stats.t.sf(np.abs(difference / np.where(se > 0, se, 1.0)), np.where(df >= 1, df, 1))
    p_value = np.where(testable, tail, np.nan)
    direction = np.where(
        testable,
        np.where(p_value < alpha, np.where(difference > 0, "higher", "lower"), "no_difference"),
        "not_estimable",
    ).astype(object)
    return pl.DataFrame(
        {
            "variable": variable,
            "domain": domain,
            "difference": difference,
            "se": se,
            "df": df,
            "p_value": p_value,
            "direction": direction,
        },
        schema=SCHEMA,
        nan_to_null=True,
    )


def _dense_sum_of_squares(
    e: np.ndarray, b: np.ndarray, t: np.ndarray, delta: np.ndarray, n_rest: np.ndarray, weight: np.ndarray
) -> np.ndarray:
    """`_sum_of_squares` with the domain part as a dense (units × domains) matrix."""
    ee, eb, bb = weight @ (e * e), weight @ (e * b), weight @ (b * b)
    shared = (ee - 2 * delta * eb + delta**2 * bb) / n_rest**2
    cross = ((weight * e) @ t - delta * ((weight * b) @ t)) / n_rest
    own = weight @ (t * t)
    return shared - 2 * cross + own


def _sum_of_squares(
    e: np.ndarray, b: np.ndarray, t: sp.csr_matrix, delta: np.ndarray, n_rest: np.ndarray, weight: np.ndarray
) -> np.ndarray:
    """Σ_i weight_i · Z_i(d)² for every domain d, Z_i(d) = −(e_i − δ_d·b_i)/n_rest_d + t_di (t sparse)."""
    ee, eb, bb = weight @ (e * e), weight @ (e * b), weight @ (b * b)
    shared = (ee - 2 * delta * eb + delta**2 * bb) / n_rest**2
    cross = (t @ (weight * e) - delta * (t @ (weight * b))) / n_rest
    own = t.multiply(t) @ weight
    return shared - 2 * cross + np.asarray(own).ravel()
