"""Design-based logistic regression: R's ``svyglm(y ~ x, design, family = quasibinomial())``.

The coefficients β solve the weighted score equations Σ_k w_k (y_k − μ_k) x_k = 0, μ = expit(Xβ), with the
(calibrated) design weights w — the pseudo-likelihood of Binder (1983), found by Newton–Raphson (the IRLS of
R's ``glm``, iterated to machine precision). Their variance is the sandwich of Binder (1983) / Lumley (2010
§5.2, R ``survey:::svy.varcoef``):

    V(β) = Var_design( Σ_k u_k ),   u_k = w_k (y_k − μ_k) x_kᵀ A⁻¹,   A = Xᵀ diag(w μ (1 − μ)) X,

the design variance of the total of the influence values u_k, stage by stage and with the calibration
residual of a post-stratified design, exactly as every estimate of Kansrijk (``variance.plain_variance``).

Domains and missing values follow R: rows with a missing outcome or predictor, or outside ``domain`` (a
boolean column; null counts as outside), have u_k = 0 but keep their PSU and stratum for the variance (R:
``svyglm(..., subset = domain)`` and ``na.action`` subset the design, which keeps every PSU's count) and their
weight in the post-stratification cells. Degrees of freedom as ``summary.svyglm``: df = degf(fitted design)
+ 1 − p, with degf = PSUs − strata among the rows in the fit (R's ``degf`` of a subset counts the units with
a non-zero weight). p-values on the t distribution with that df, odds ratio exp(β) with CI
exp(β ± t(0.975, df)·se); with df ≤ 0 (one PSU per stratum in the domain) there is no test and no CI.

Terms are named as in the issue: ``(Intercept)``, a numeric predictor by its name, a level of a categorical
predictor as ``name=level`` (treatment contrasts against the reference level: the first level in sorted
order — integer levels numerically — unless ``reference`` names another).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl
import scipy.sparse as sp
from scipy import stats

from kansrijk.analysis.design import SurveyDesign
from kansrijk.analysis.errors import DesignError, EstimationError
from kansrijk.analysis.resolve import ResolvedDesign, codes, resolve
from kansrijk.analysis.variance import plain_variance

INTERCEPT = "(Intercept)"
MAX_ITER = 100
SEPARATED = 30.0  # |log-odds| beyond this: an odds ratio of 1e13, i.e. separation
TOLERANCE = 1e-13  # on the largest Newton step (log-odds): far past R's glm default of 1e-8 on deviance

COEFFICIENT_SCHEMA = {
    "term": pl.String,
    "estimate": pl.Float64,
    "se": pl.Float64,
    "t": pl.Float64,
    "df": pl.Int64,
    "p_value": pl.Float64,
    "odds_ratio": pl.Float64,
    "or_ci_low": pl.Float64,
    "or_ci_high": pl.Float64,
}


@dataclass(frozen=True)
class LogisticFit:
    """A fitted design-based logistic regression (see the module docstring)."""

    outcome: str
    coefficients: pl.DataFrame  # term, estimate, se, t, df, p_value, odds_ratio, or_ci_low, or_ci_high
    covariance: np.ndarray  # p × p design-based covariance of the coefficients (R: vcov(fit))
    df: int  # residual df: degf(fitted design) + 1 − p
    n: int  # unweighted rows in the fit
    weighted_n: float
    levels: Mapping[str, tuple[str, ...]]  # categorical predictor -> its levels, reference first
    iterations: int

    def term(self, name: str) -> dict[str, Any]:
        """One coefficient row as a dict (KeyError for an unknown term)."""
        rows = self.coefficients.filter(pl.col("term") == name)
        if rows.height == 0:
            raise KeyError(name)
        return rows.row(0, named=True)


def level_text(series: pl.Series) -> pl.Series:
    """Levels of a categorical column as strings (integers without a decimal point)."""
    if series.dtype.is_float():
        values = series.to_list()
        return pl.Series(
            series.name,
            [
                None if v is None or v != v else (str(int(v)) if float(v).is_integer() else str(v))
                for v in values
            ],
            dtype=pl.String,
        )
    return series.cast(pl.String)


def sorted_levels(series: pl.Series) -> list[str]:
    """The distinct non-null levels of a column in sorted order; integer levels sort numerically."""
    dtype = series.dtype
    present = series.drop_nulls()
    if dtype.is_float():
        present = present.drop_nans()
    if isinstance(dtype, pl.Enum):
        seen = set(level_text(present).to_list())
        return [str(v) for v in dtype.categories.to_list() if str(v) in seen]
    if dtype.is_numeric():
        return [str(v) for v in level_text(present.unique().sort()).to_list()]
    values = [str(v) for v in present.cast(pl.String).unique().to_list()]
    if values and all(_is_int(v) for v in values):
        return sorted(values, key=int)
    return sorted(values)


def _is_int(text: str) -> bool:
    return text.lstrip("-").isdigit()


def outcome_values(frame: pl.DataFrame, outcome: str) -> np.ndarray:
    """The 0/1 outcome as floats (NaN where missing); refuse anything that is not 0/1 or boolean."""
    if outcome not in frame.columns:
        raise EstimationError(f"outcome {outcome!r}", "not a column of the data", "check the indicator name")
    series = frame[outcome]
    if not (series.dtype.is_numeric() or series.dtype == pl.Boolean):
        raise EstimationError(
            f"outcome {outcome!r}", "the outcome must be 0/1 or boolean", "use a 0/1 indicator as outcome"
        )
    y = series.cast(pl.Float64).to_numpy().astype(float)
    present = y[~np.isnan(y)]
    if not np.all((present == 0) | (present == 1)):
        raise EstimationError(
            f"outcome {outcome!r}",
            "the outcome has values other than 0 and 1",
            "use a 0/1 indicator as outcome",
        )
    return y


@dataclass(frozen=True)
class _Matrix:
    x: np.ndarray  # rows × p (0 outside the fit)
    in_fit: np.ndarray  # bool per row
    terms: tuple[str, ...]
    levels: dict[str, tuple[str, ...]]


def _model_matrix(
    frame: pl.DataFrame,
    predictors: Sequence[str],
    categorical: set[str],
    reference: Mapping[str, str],
    in_fit: np.ndarray,
) -> _Matrix:
    columns: list[np.ndarray] = [np.ones(frame.height)]
    terms = [INTERCEPT]
    levels: dict[str, tuple[str, ...]] = {}
    texts: dict[str, np.ndarray] = {}
    for name in predictors:
        if name not in frame.columns:
            raise EstimationError(f"predictor {name!r}", "not a column of the data", "check the column name")
        series = frame[name]
        if name in categorical or not (series.dtype.is_numeric() or series.dtype == pl.Boolean):
            text = level_text(series).to_numpy()
            texts[name] = text
            in_fit &= np.array([v is not None for v in text], dtype=bool)
        else:
            values = series.cast(pl.Float64).to_numpy().astype(float)
            in_fit &= ~np.isnan(values)
    for name in predictors:
        series = frame[name]
        if name in texts:
            text = texts[name]
            found = sorted_levels(series.filter(pl.Series(in_fit)))
            ref = reference.get(name)
            if ref is not None:
                ref = str(ref)
                if ref not in found:
                    raise EstimationError(
                        f"reference {name}={ref!r}",
                        "not a level of the predictor among the rows in the fit",
                        f"use one of {', '.join(found)}",
                    )
                found = [ref, *[v for v in found if v != ref]]
            levels[name] = tuple(found)
            for level in found[1:]:
                columns.append(np.where(in_fit, (text == level).astype(float), 0.0))
                terms.append(f"{name}={level}")
        else:
            values = series.cast(pl.Float64).to_numpy().astype(float)
            columns.append(np.where(in_fit, values, 0.0))
            terms.append(name)
    return _Matrix(np.column_stack(columns), in_fit, tuple(terms), levels)


def logistic(
    data: Any,
    design: SurveyDesign,
    outcome: str,
    predictors: Sequence[str],
    categorical: Sequence[str] = (),
    reference: Mapping[str, str] | None = None,
    domain: str | None = None,
    *,
    level: float = 0.95,
    resolved: ResolvedDesign | None = None,
) -> LogisticFit:
    """Fit ``outcome ~ predictors`` by design-based logistic regression (see the module docstring).

    `categorical` lists the predictors treated as categorical (strings are categorical anyway); `reference`
    maps a categorical predictor to its reference level; `domain` names a boolean column: the fit is for its
    true rows, with the variance of the whole design (R: ``subset()``). `resolved` lets a caller that fits
    many models on one frame bind the design once.
    """
    frame = data if isinstance(data, pl.DataFrame) else pl.DataFrame(data)
    rd = resolved or resolve(frame, design)
    cal = rd.calibration
    if cal is not None and cal.kind == "rake":
        raise DesignError(
            "design", "logistic regression is not available for a raked design", "post-stratify instead"
        )
    y = outcome_values(frame, outcome)
    in_fit = ~np.isnan(y) & (rd.weights > 0)
    if domain is not None:
        if domain not in frame.columns:
            raise EstimationError(f"domain {domain!r}", "not a column of the data", "give a boolean column")
        if frame[domain].dtype != pl.Boolean:
            raise EstimationError(
                f"domain {domain!r}", "the domain must be a boolean column", "use True/False"
            )
        in_fit &= frame[domain].fill_null(False).to_numpy().astype(bool)
    matrix = _model_matrix(frame, list(predictors), set(categorical), dict(reference or {}), in_fit)
    in_fit = matrix.in_fit
    n_fit = int(in_fit.sum())
    x = matrix.x
    p = x.shape[1]
    if n_fit <= p:
        raise EstimationError(
            f"logistic({outcome})",
            f"{n_fit} respondent(s) for {p} coefficient(s)",
            "use fewer predictors or a larger domain",
        )
    w = np.where(in_fit, rd.weights, 0.0)
    yy = np.where(in_fit, y, 0.0)
    if np.linalg.matrix_rank(x[in_fit]) < p:
        raise EstimationError(
            f"logistic({outcome})",
            "the predictors are collinear (a level without respondents, or one predictor fixed by others)",
            "drop a predictor or merge levels",
        )

    beta, iterations = _newton(x, w, yy, outcome)
    mu = 1.0 / (1.0 + np.exp(-(x @ beta)))
    a = x.T @ (x * (w * mu * (1.0 - mu))[:, None])
    a_inv = np.linalg.inv(a)
    influence = (x * (w * (yy - mu))[:, None]) @ a_inv  # rows × p, 0 outside the fit
    covariance = _covariance(influence, rd)

    stratum_psu = _fit_df(frame, design, in_fit)
    df = stratum_psu + 1 - p
    se = np.sqrt(np.maximum(np.diag(covariance), 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        t_value = beta / se
    if df > 0:
        p_value = 2.0 * stats.t.sf(np.abs(t_value), df)
        q = float(stats.t.ppf(1 - (1 - level) / 2, df))
    else:
        p_value = np.full(p, np.nan)
        q = np.nan
    coefficients = pl.DataFrame(
        {
            "term": list(matrix.terms),
            "estimate": beta,
            "se": se,
            "t": t_value,
            "df": [df] * p,
            "p_value": p_value,
            "odds_ratio": np.exp(beta),
            "or_ci_low": np.exp(beta - q * se),
            "or_ci_high": np.exp(beta + q * se),
        },
        schema=COEFFICIENT_SCHEMA,
        nan_to_null=True,
    )
    return LogisticFit(
        outcome, coefficients, covariance, df, n_fit, float(w.sum()), matrix.levels, iterations
    )


def _separated(outcome: str) -> EstimationError:
    return EstimationError(
        f"logistic({outcome})",
        "the outcome is (quasi-)separated by a predictor (a level where everyone, or no one, has it): "
        "an odds ratio is infinite",
        "merge sparse levels or leave the predictor out",
    )


def _newton(x: np.ndarray, w: np.ndarray, y: np.ndarray, outcome: str) -> tuple[np.ndarray, int]:
    """Newton–Raphson for Σ w (y − μ) x = 0 from β = 0 (the log-likelihood is concave: it converges unless
    the outcome is separated, when a coefficient runs off to infinity)."""
    beta = np.zeros(x.shape[1])
    for iteration in range(1, MAX_ITER + 1):
        mu = 1.0 / (1.0 + np.exp(-(x @ beta)))
        a = x.T @ (x * (w * mu * (1.0 - mu))[:, None])
        try:
            step = np.linalg.solve(a, x.T @ (w * (y - mu)))
        except np.linalg.LinAlgError as exc:
            raise _separated(outcome) from exc
        beta = beta + step
        if np.max(np.abs(beta)) > SEPARATED:
            raise _separated(outcome)
        if np.max(np.abs(step)) < TOLERANCE * max(1.0, float(np.max(np.abs(beta)))):
            return beta, iteration
    raise _separated(outcome)


def _covariance(influence: np.ndarray, rd: ResolvedDesign) -> np.ndarray:
    """Design covariance of the totals of the influence columns, with the post-stratification residual."""
    u = influence
    cal = rd.calibration
    if cal is not None:
        # residual of the weighted regression of u/w on the cells: α_c = Σ_c u / Σ_c w (R: svyrecvar)
        alpha = (
            np.column_stack(
                [np.bincount(cal.cell, weights=u[:, j], minlength=cal.n_cells) for j in range(u.shape[1])]
            )
            / cal.cell_weight[:, None]
        )
        u = u - rd.weights[:, None] * alpha[cal.cell]
    n_units = rd.stages[-1].unit_of_finest.size
    p = u.shape[1]
    # every pair (i, j) as the variance of u_i + u_j: V(i+j) = V(i) + V(j) + 2 C(i, j)
    columns = [u[:, j] for j in range(p)]
    pairs = [(i, j) for i in range(p) for j in range(i + 1, p)]
    columns += [u[:, i] + u[:, j] for i, j in pairs]
    z = sp.csr_matrix(np.vstack([np.bincount(rd.unit, weights=c, minlength=n_units) for c in columns]))
    var = plain_variance(z, rd)
    cov = np.diag(var[:p])
    for k, (i, j) in enumerate(pairs):
        cov[i, j] = cov[j, i] = (var[p + k] - var[i] - var[j]) / 2.0
    return cov


def _fit_df(frame: pl.DataFrame, design: SurveyDesign, in_fit: np.ndarray) -> int:
    """R's degf() of the fitted design: first-stage PSUs − strata among the rows in the fit."""
    strata = [design.strata] if design.strata else []
    psu = list(design.psu_columns[:1])
    stratum, _ = codes(frame, strata)
    unit = codes(frame, [*strata, *psu])[0] if psu else np.arange(frame.height)
    return int(np.unique(unit[in_fit]).size - np.unique(stratum[in_fit]).size)
