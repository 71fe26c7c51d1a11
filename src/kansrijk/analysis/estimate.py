"""Design-based means, proportions and totals for many variables × domains in one pass.

Definitions follow R's `survey` package (Lumley 2004; `svymean`, `svytotal`, `svyby`, `svyciprop`):

- mean / proportion of y in domain D: the ratio ȳ_D = Σ_D w·y / Σ_D w, variance by Taylor linearisation of the
  ratio (score w·(y − ȳ_D)/Σ_D w, zero outside D) — domains as domains, never by subsetting;
- total: Σ_D w·y with score w·y;
- missing values: an estimate of v uses the rows where v is not null as a domain. R's `svymean(na.rm=TRUE)`
  drops those rows but keeps each stratum's number of PSUs (`fpc$sampsize`), which is the same thing; Kansrijk
  does it per variable (R drops rows missing *any* of the variables of one call);
- variance per stage and stratum as in `resolve` (with-replacement or fpc-corrected, lonely PSU `adjust`);
  calibrated designs use calibration residuals (`variance`);
- df: `df="design"` (default) = PSUs − strata of the whole design (R's `degf(design)`) for every domain;
  `df="domain"` = the domain's own PSUs − strata, counted over the rows of the domain with a non-zero weight
  whether or not the item is missing (R's `degf(subset(design, domain))`, which `svyby(..., svyciprop)` uses).
  The pipeline publishes with `df="domain"`: a domain whose df is below 1 rests on one PSU per stratum and
  its variance is not estimable (see docs/methods/statistics.md);
- CI on the t distribution with df; for proportions on the logit scale by default (R `svyciprop(method =
  "logit")`: expit(logit p ± t·se/(p(1−p)))), Wald (clipped to [0, 1]) as an option; a proportion of exactly 0
  or 1 gets the CI [p, p];
- deff: R's `deff = "replace"` — the design variance over the variance of a with-replacement simple random
  sample of the same size (the superpopulation view of DESIGN.md), s²_w/(n − 1) for a mean, with s²_w = Σ w(y
  − ȳ)²/Σ w over the domain and n the respondents with a non-zero weight.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import polars as pl
import pyarrow as pa
import scipy.sparse as sp
from scipy import stats

from kansrijk.analysis.design import SurveyDesign
from kansrijk.analysis.errors import EstimationError
from kansrijk.analysis.groups import GroupIndex, Masked, part_codes, row_quantities
from kansrijk.analysis.resolve import ResolvedDesign, Scratch, dense_inverse, parallel_map, resolve
from kansrijk.analysis.variance import RatioScores, calibrated_variance, calibration_alpha, pair_variance

Statistic = Literal["mean", "proportion", "total"]
CiMethod = Literal["logit", "wald"]
DfRule = Literal["design", "domain"]
STATISTICS: tuple[str, ...] = ("mean", "proportion", "total")


@dataclass(frozen=True)
class Item:
    """One estimated quantity: a variable, or one level of a categorical variable."""

    variable: str
    level: str | None
    value: pl.Expr  # y, 0 where missing
    valid: pl.Expr  # v is not missing
    numeric: bool  # y can be other than 0/1 (needs Σ w·y² for the design effect)


def as_polars(data: Any) -> pl.DataFrame:
    """Accept a Polars or pandas frame."""
    if isinstance(data, pl.DataFrame):
        return data
    if isinstance(data, pl.LazyFrame):
        return data.collect()
    try:
        return pl.from_pandas(data)
    except (TypeError, ValueError) as exc:
        raise EstimationError(
            "data", f"not a data frame: {type(data).__name__}", "pass a Polars frame"
        ) from exc


def _items(data: pl.DataFrame, variable: str, statistic: str) -> list[Item]:
    if variable not in data.columns:
        raise EstimationError(
            f"variable {variable!r}", "not a column of the data", "check the indicator name"
        )
    dtype = data.schema[variable]
    col = pl.col(variable)
    if dtype.is_numeric() or dtype == pl.Boolean:
        valid = col.is_not_null()
        if dtype.is_float():
            valid = valid & col.is_not_nan()
        value = pl.when(valid).then(col.cast(pl.Float64)).otherwise(0.0)
        if statistic == "proportion" and dtype != pl.Boolean:
            values = data[variable].drop_nulls()
            if dtype.is_float():
                values = values.drop_nans()
            if not ((values == 0) | (values == 1)).all():
                raise EstimationError(
                    f"variable {variable!r}",
                    "a proportion needs a 0/1, boolean or categorical column",
                    "use statistic='mean' for a numeric scale, or recode the variable",
                )
        return [Item(variable, None, value, valid, numeric=statistic != "proportion" and dtype != pl.Boolean)]
    if dtype in (pl.String, pl.Categorical) or isinstance(dtype, pl.Enum):
        if statistic == "mean":
            raise EstimationError(
                f"variable {variable!r}",
                "a mean of a categorical variable is not defined",
                "use statistic='proportion' (one row per answer category)",
            )
        if isinstance(dtype, pl.Enum):
            levels = [str(v) for v in dtype.categories.to_list()]
        else:
            levels = sorted(str(v) for v in data[variable].drop_nulls().unique().to_list())
        text = col.cast(pl.String)
        valid = col.is_not_null()
        return [
            Item(variable, level, (text == level).fill_null(False).cast(pl.Float64), valid, numeric=False)
            for level in levels
        ]
    raise EstimationError(
        f"variable {variable!r}", f"type {dtype} cannot be estimated", "use numbers or codes"
    )


def _ci(
    est: np.ndarray, se: np.ndarray, df: int | np.ndarray, level: float, statistic: str, method: str
) -> tuple[np.ndarray, np.ndarray]:
    """CI on t(df); `df` is one number or one per domain (D × 1), null where df < 1."""
    if np.ndim(df) == 0:
        t = stats.t.ppf(1 - (1 - level) / 2, df) if int(df) > 0 else np.nan
    else:
        dfs = np.asarray(df, dtype=float)
        with np.errstate(invalid="ignore"):
            t = np.where(dfs > 0, stats.t.ppf(1 - (1 - level) / 2, np.where(dfs > 0, dfs, 1.0)), np.nan)
    if statistic != "proportion" or method == "wald":
        low, high = est - t * se, est + t * se
        if statistic == "proportion":
            low, high = np.clip(low, 0, 1), np.clip(high, 0, 1)
        return low, high
    with np.errstate(divide="ignore", invalid="ignore"):
        inner = (est > 0) & (est < 1)
        p = np.where(inner, est, 0.5)
        centre = np.log(p / (1 - p))
        half = t * se / (p * (1 - p))
        low = np.where(inner, 1 / (1 + np.exp(-(centre - half))), est)
        high = np.where(inner, 1 / (1 + np.exp(-(centre + half))), est)
    return low, high


def estimate(
    data: Any,
    design: SurveyDesign,
    variables: Sequence[str],
    by: Sequence[str] | None = None,
    statistic: Statistic = "mean",
    *,
    ci: CiMethod = "logit",
    level: float = 0.95,
    df: DfRule = "design",
) -> pl.DataFrame:
    """Estimate `statistic` of every variable in every domain of `by` (see the module docstring).

    Returns one row per variable × domain (× level for categorical variables) with the columns variable,
    statistic, *by, level, estimate, se, ci_low, ci_high, df, n (unweighted respondents with a value), n_level
    (proportions: unweighted respondents with this answer), weighted_n, deff, rse.
    """
    frame = as_polars(data)
    if statistic not in STATISTICS:
        raise EstimationError("statistic", f"unknown statistic {statistic!r}", f"use one of {STATISTICS}")
    if ci not in ("logit", "wald"):
        raise EstimationError("ci", f"unknown CI method {ci!r}", "use 'logit' or 'wald'")
    by = list(by or [])
    for name in by:
        if name not in frame.columns:
            raise EstimationError(f"by {name!r}", "not a column of the data", "check the domain columns")
    _check_df(df)
    resolved, prepared, parts = _bind(frame, design, list(variables), statistic, by)
    index = _group_index(frame, resolved, prepared, [by], parts)
    return _estimate(frame, resolved, by, statistic, ci, level, prepared, index, df_rule=df)


def _bind(
    frame: pl.DataFrame, design: SurveyDesign, variables: list[str], statistic: str, columns: Sequence[str]
) -> tuple[ResolvedDesign, Prepared, dict[str, tuple[np.ndarray, int]]]:
    """The design bound to the frame, the items' values and the domain columns' codes — a call's fixed work,
    three jobs that need nothing of each other — side by side on the analysis threads (mostly NumPy and
    Polars, which let go of the GIL). A design error still comes first: the first job's error is raised
    first."""
    names = list(dict.fromkeys(columns))
    jobs: list[Callable[[], Any]] = [
        lambda: resolve(frame, design),
        lambda: _prepare(frame, variables, statistic),
    ]
    jobs += [functools.partial(part_codes, frame[name]) for name in names]
    done = parallel_map(lambda job: job(), jobs)
    return done[0], done[1], dict(zip(names, done[2:], strict=True))


def _check_df(df: str) -> None:
    if df not in ("design", "domain"):
        raise EstimationError("df", f"unknown df rule {df!r}", "use 'design' or 'domain'")


def domain_units(rd: ResolvedDesign, domain: np.ndarray, n_domains: int) -> tuple[np.ndarray, np.ndarray]:
    """PSUs and strata among the rows of each domain with a non-zero weight.

    Rows count whether or not an item is missing: R's `subset` keeps them, and `degf` looks at the weights
    only.
    """
    stage = rd.stages[0]
    psu = stage.unit_of_finest[rd.unit]
    positive = rd.weights != 0
    d, p = domain[positive], psu[positive]
    n_psu = stage.n_units
    psus = np.bincount(np.unique(d * n_psu + p) // n_psu, minlength=n_domains)
    strata = np.bincount(np.unique(d * stage.n_vs + stage.vs[p]) // stage.n_vs, minlength=n_domains)
    return psus.astype(np.int64), strata.astype(np.int64)


def domain_df(rd: ResolvedDesign, domain: np.ndarray, n_domains: int) -> np.ndarray:
    """The domain's own df: PSUs − strata of its rows with a non-zero weight (R: `degf(subset(des, d))`)."""
    psus, strata = domain_units(rd, domain, n_domains)
    return psus - strata


@dataclass(frozen=True)
class Prepared:
    """The per-row values of every item and the missing rows of every variable, computed once for many
    domain sets."""

    items: tuple[Item, ...]
    statistic: str
    variables: tuple[str, ...]
    y: tuple[np.ndarray | Masked, ...]  # per item: y, 0 where missing (a numeric item: `Masked`)
    missing: tuple[np.ndarray, ...]  # per variable: the missing rows (sorted)


def _prepare(frame: pl.DataFrame, variables: list[str], statistic: str) -> Prepared:
    items = [item for v in dict.fromkeys(variables) for item in _items(frame, v, statistic)]
    names = list(dict.fromkeys(i.variable for i in items))
    # numeric columns straight from NumPy (null and NaN → missing, y = 0 there: the same values as the
    # item's expression); the rest (booleans, categories) through the item's Polars expressions
    numeric = {v for v in names if frame.schema[v].is_numeric()}
    arrays: dict[str, np.ndarray] = {}
    missing: dict[str, np.ndarray] = {}
    read = parallel_map(lambda v: _float_column(frame[v]), sorted(numeric))  # a column per thread
    for v, (x, missing_v) in zip(sorted(numeric), read, strict=True):
        arrays[v], missing[v] = x, missing_v
    masks = {v: next(i.valid for i in items if i.variable == v) for v in names if v not in numeric}
    other = [j for j, item in enumerate(items) if item.variable not in numeric]
    values = frame.select(
        [items[j].value.alias(f"y{j}") for j in other] + [(~m).alias(f"m{v}") for v, m in masks.items()]
    )
    for v in masks:
        missing[v] = np.flatnonzero(values[f"m{v}"].to_numpy())

    def item_y(j: int, item: Item) -> np.ndarray | Masked:
        if item.variable not in numeric:
            return values[f"y{j}"].to_numpy()
        return Masked(arrays[item.variable], missing[item.variable])  # as read (see `groups.Masked`)

    y = tuple(item_y(j, item) for j, item in enumerate(items))
    return Prepared(tuple(items), statistic, tuple(names), y, tuple(missing[v] for v in names))


def _float_column(series: pl.Series) -> tuple[np.ndarray, np.ndarray]:
    """A numeric column's Float64 values and missing rows (null or NaN), read from its Arrow buffers.

    The values are used in place (values under a null are arbitrary: callers read them through `missing`),
    instead of copying the column with NaN written where it is null — the same numbers, one pass fewer.
    """
    values = series.cast(pl.Float64)
    arrow = values.rechunk().to_arrow()
    if isinstance(arrow, pa.ChunkedArray):
        arrow = arrow.combine_chunks()
    size, offset = len(arrow), arrow.offset
    buffers = arrow.buffers()
    if buffers[1] is None:  # an all-null column may have no value buffer
        return np.zeros(size), np.arange(size)
    x = np.frombuffer(buffers[1], dtype=np.float64, count=offset + size)[offset:]
    gap = np.isnan(x)
    if arrow.null_count and buffers[0] is not None:
        bits = np.frombuffer(buffers[0], dtype=np.uint8)
        valid = np.unpackbits(bits, count=offset + size, bitorder="little")[offset:].view(bool)
        np.logical_or(gap, np.logical_not(valid, out=valid), out=gap)  # null or NaN
    return x, np.flatnonzero(gap)


def estimate_table(
    data: Any,
    design: SurveyDesign,
    variables: Sequence[str],
    domain_sets: Sequence[Sequence[str]],
    statistic: Statistic = "mean",
    *,
    ci: CiMethod = "logit",
    level: float = 0.95,
    df: DfRule | Mapping[str, DfRule] = "design",
) -> pl.DataFrame:
    """`estimate()` for several domain sets at once (the design and the values are prepared once).

    `df` is one rule for every set, or a mapping from a set's name (its columns joined by `+`) to its rule
    (sets not named use `"design"`).
    Returns the tables stacked (diagonal: a `by` column is null in the sets that do not use it), with a
    column `domain_set` naming the set's columns joined by `+` (`""` for the whole population). Domain sets
    that split the design's units the same way share their group sums (see `groups`).
    """
    frame = as_polars(data)
    sets = [list(by) for by in domain_sets]
    for by in sets:
        for name in by:
            if name not in frame.columns:
                raise EstimationError(f"by {name!r}", "not a column of the data", "check the domain columns")
    rules = {"+".join(by): (df if isinstance(df, str) else df.get("+".join(by), "design")) for by in sets}
    for rule in rules.values():
        _check_df(rule)
    resolved, prepared, codes = _bind(
        frame, design, list(variables), statistic, [c for by in sets for c in by]
    )
    index = _group_index(frame, resolved, prepared, sets, codes)
    # the index holds what it needs of the row values (0/1 items as their 1-rows, masks as booleans)
    prepared = dataclasses.replace(prepared, y=(), missing=())
    splits = [index.split(by) for by in sets]
    last_use = {split: i for i, split in enumerate(splits)}
    parts = []
    for i, by in enumerate(sets):
        part = _estimate(
            frame,
            resolved,
            by,
            statistic,
            ci,
            level,
            prepared,
            index,
            df_rule=rules["+".join(by)],
        )
        parts.append(part.with_columns(pl.lit("+".join(by)).alias("domain_set")))
        if last_use[splits[i]] == i:
            index.release(splits[i])
    return pl.concat(parts, how="diagonal_relaxed")


def _group_index(
    frame: pl.DataFrame,
    rd: ResolvedDesign,
    prep: Prepared,
    sets: Sequence[Sequence[str]],
    parts: dict[str, tuple[np.ndarray, int]] | None = None,
) -> GroupIndex:
    cal = rd.calibration
    with_k = prep.statistic == "proportion" or (cal is not None and cal.kind == "rake")
    rake = cal is not None and cal.kind == "rake"
    numeric = [item.numeric for item in prep.items]
    rows = row_quantities(rd.weights, prep.y, numeric, prep.missing, with_k=with_k, group_counts=rake)
    return GroupIndex(frame, rd, rows, sets, parts)


def _estimate(
    frame: pl.DataFrame,
    rd: ResolvedDesign,
    by: list[str],
    statistic: str,
    ci: str,
    level: float,
    prep: Prepared,
    index: GroupIndex,
    *,
    df_rule: str = "design",
) -> pl.DataFrame:
    items = list(prep.items)
    cal = rd.calibration
    zero_weights = bool(np.any(rd.weights == 0))
    if cal is not None and cal.kind == "rake" and zero_weights:
        raise EstimationError(
            "weights",
            "a raked design with zero weights",
            "drop the rows with weight 0 before raking (R's residuals are undefined for them)",
        )
    domain, n_domains = index.codes(by)
    first = np.full(n_domains, domain.size, dtype=np.int64)
    first[domain] = np.arange(domain.size)  # a row of each domain code (any: they hold the same values)
    domains = frame.select(by)[first] if by else pl.DataFrame()
    # group sums per (finest unit, calibration cell, domain): one bincount per quantity, shared by the
    # domain sets with the same split (groups ordered unit-major, so each domain's groups come in unit order)
    split = index.split(by)
    sums = index.sums(split)
    n_finest = rd.stages[-1].unit_of_finest.size
    n_cells = index.n_cells
    d_r = domain[sums.first_row]
    c_r = sums.block % n_cells
    u_r = sums.block // n_cells
    variables_in = list(prep.variables)
    n_items = len(items)
    var_of = [variables_in.index(i.variable) for i in items]
    n_groups = sums.block.size
    totals = sums.totals[tuple(by)]

    ysum = np.zeros((n_domains, n_items))
    wsum = np.zeros((n_domains, n_items))
    # Σ w·y and Σ w per domain are formed item by item as the variance asks for the item's scores (a
    # group sum need not outlive its item, see `groups.GroupSums`)
    score = RatioScores(
        lambda j: (sums.a(j), sums.b(var_of[j])), d_r, ysum, wsum, statistic != "total", Scratch(n_groups)
    )

    if cal is None:
        variance = pair_variance(d_r, u_r, score, rd, n_domains, n_items=n_items, pairs_unique=True)
        variance = variance.T.ravel()
    elif cal.kind == "poststratify":
        d_all, u_all, residual_column = _poststratified_residuals(
            d_r, u_r, c_r, score, n_items, rd, n_domains, index.cell_units()
        )
        variance = pair_variance(d_all, u_all, residual_column, rd, n_domains, n_items=n_items).T.ravel()
    else:
        z = np.empty((n_groups, n_items), order="F")
        for j in range(n_items):
            z[:, j] = score(j)
        # sparse score matrix: column q = item * D + domain, over finest units
        q_r = (np.arange(n_items)[None, :] * n_domains + d_r[:, None]).ravel()
        u_rep = np.repeat(u_r, n_items)
        zmat = sp.csr_matrix((z.ravel(), (q_r, u_rep)), shape=(n_items * n_domains, n_finest))
        c_rep = np.repeat(c_r, n_items)
        z_cell = sp.csr_matrix((z.ravel(), (q_r, c_rep)), shape=(n_items * n_domains, cal.n_cells))
        s_cell = None
        if cal.kind == "rake":
            kk = np.column_stack(sums.k).reshape(n_groups, n_items)
            with np.errstate(divide="ignore", invalid="ignore"):
                if statistic == "total":
                    s = kk
                else:
                    nn = np.column_stack([sums.n[v] for v in var_of]).reshape(n_groups, n_items)
                    ratio = np.nan_to_num(ysum / wsum)  # the estimate (ysum, wsum are complete here)
                    s = (kk - ratio[d_r] * nn) / np.where(wsum > 0, wsum, 1.0)[d_r]
            s_cell = sp.csr_matrix((s.ravel(), (q_r, c_rep)), shape=z_cell.shape).toarray()
        alpha = calibration_alpha(cal, z_cell, s_cell)
        unit_cell = _unit_cell_weights(rd, cal.cell, n_finest, cal.n_cells)
        variance = calibrated_variance(zmat, alpha, rd, unit_cell)
    variance = np.maximum(variance, 0.0).reshape(n_items, n_domains).T  # D × I
    se = np.sqrt(variance)
    n_obs = totals.n[:, var_of]
    n_pos = totals.nz[:, var_of] if zero_weights else n_obs
    n_level = totals.k if totals.k is not None else np.zeros_like(ysum)  # reported for proportions only
    csum = ysum.copy()
    for j, c_j in totals.c.items():
        csum[:, j] = c_j
    with np.errstate(divide="ignore", invalid="ignore"):
        est = ysum if statistic == "total" else ysum / wsum

    with np.errstate(divide="ignore", invalid="ignore"):
        mean = ysum / wsum
        spread = np.maximum(csum - mean * ysum, 0.0) / wsum  # s²_w = Σ w (y − ȳ)² / Σ w
        srs = spread * wsum**2 / (n_pos - 1) if statistic == "total" else spread / (n_pos - 1)
        deff = variance / srs
        rse = se / np.abs(est)

    empty = (wsum <= 0) & (statistic != "total")  # an empty domain has total 0 but no mean
    est = np.where(empty, np.nan, est)
    se = np.where(empty, np.nan, se)
    if df_rule == "domain":
        dfs: int | np.ndarray = domain_df(rd, domain, n_domains)[:, None]
        df_out = np.repeat(np.asarray(dfs).ravel()[None, :], n_items, axis=0).ravel()
    else:
        dfs = rd.df
        df_out = np.full(n_items * n_domains, rd.df, dtype=np.int64)
    low, high = _ci(est, se, dfs, level, statistic, ci)
    rows: dict[str, Any] = {
        "variable": np.repeat([i.variable for i in items], n_domains),
        "statistic": [statistic] * (n_items * n_domains),
        "level": np.repeat(np.array([i.level for i in items], dtype=object), n_domains).tolist(),
        "__domain": np.tile(np.arange(n_domains), n_items),
    }
    out = pl.DataFrame(
        {
            **rows,
            "estimate": est.T.ravel(),
            "se": se.T.ravel(),
            "ci_low": low.T.ravel(),
            "ci_high": high.T.ravel(),
            "df": df_out,
            "n": n_obs.T.ravel().astype(np.int64),
            "n_level": n_level.T.ravel().round().astype(np.int64),
            "weighted_n": wsum.T.ravel(),
            "deff": deff.T.ravel(),
            "rse": rse.T.ravel(),
        },
        schema_overrides={"level": pl.String},
        nan_to_null=True,
    )
    if statistic != "proportion":
        out = out.with_columns(pl.lit(None, dtype=pl.Int64).alias("n_level"))
    if by:
        out = out.join(domains.with_row_index("__domain").cast({"__domain": pl.Int64}), on="__domain")
    position = {v: i for i, v in enumerate(variables_in)}
    out = (
        out.with_columns(pl.col("variable").replace_strict(position, return_dtype=pl.Int64).alias("__v"))
        .sort(["__v", *by, "__domain"], nulls_last=True, maintain_order=True)
        .select("variable", "statistic", *by, pl.exclude("variable", "statistic", "__v", "__domain", *by))
    )
    return out


def _poststratified_residuals(
    d_r: np.ndarray,
    u_r: np.ndarray,
    c_r: np.ndarray,
    score: Callable[[int], np.ndarray],
    n_items: int,
    rd: ResolvedDesign,
    n_domains: int,
    cell_units: tuple[np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray, Callable[[int], np.ndarray]]:
    """Rows (domain, unit, −Σ_c W_uc·α_dc) appended to the score rows: the post-stratification residuals.

    α_dc = Σ z over domain d in cell c / Σ w in cell c (R's `postStratify` residual). Only cells that meet the
    domain get an α, and only the units of those cells a correction, so this stays as sparse as the cells.
    Returns the domain and unit of every row and a function giving one item's column of scores (a fine domain
    set on a national file has millions of rows; all items at once would not fit in memory).
    `cell_units` = (cell · n_units + unit of each (cell, unit) pair, its weight total), see `GroupIndex`.
    """
    cal = rd.calibration
    assert cal is not None
    n_units = rd.stages[-1].unit_of_finest.size
    cd_of_row, n_cd = dense_inverse(c_r * n_domains + d_r)
    cd = np.empty(n_cd, dtype=np.int64)
    cd[cd_of_row] = c_r * n_domains + d_r
    cell_weight = cal.cell_weight[cd // n_domains]
    alpha = np.empty((n_cd, n_items), order="F")
    for j in range(n_items):
        alpha[:, j] = np.bincount(cd_of_row, weights=score(j), minlength=n_cd) / cell_weight
    cu, w_cu = cell_units
    cd_cell, cu_cell = cd // n_domains, cu // n_units
    # every (domain, cell) pair meets every unit of its cell: a cartesian product within each cell
    cu_start = np.searchsorted(cu_cell, np.arange(cal.n_cells))
    cu_count = np.bincount(cu_cell, minlength=cal.n_cells)
    repeat = cu_count[cd_cell]
    left = np.repeat(np.arange(cd.size), repeat)
    offset = np.arange(left.size) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    right = cu_start[cd_cell][left] + offset
    w_right = w_cu[right]
    d_all = np.concatenate([d_r, cd[left] % n_domains])
    u_all = np.concatenate([u_r, cu[right] % n_units])

    n_rows = d_r.size
    scratch = Scratch(n_rows + left.size)  # reused for every item: no fresh multi-million-row arrays

    def column(j: int) -> np.ndarray:
        buffer = scratch.get("residual")  # the calling thread's (see `pair_variance`)
        buffer[:n_rows] = score(j)
        correction = buffer[n_rows:]
        np.take(alpha[:, j], left, out=correction, mode="clip")
        np.negative(correction, out=correction)  # −α·W, as (−α)·W
        np.multiply(correction, w_right, out=correction)
        return buffer

    return d_all, u_all, column


def _unit_cell_weights(rd: ResolvedDesign, cell: np.ndarray, n_units: int, n_cells: int) -> sp.csr_matrix:
    """W_fin: calibrated weight total of each finest unit in each calibration cell."""
    return sp.csr_matrix((rd.weights, (rd.unit, cell)), shape=(n_units, n_cells))


#: Domain types whose domains lie within one stratum (a school): their CI and tests use the domain's own df.
OWN_DF_TYPES = ("school", "school_grade")


def domain_psu_counts(
    frame: pl.DataFrame, keys: Mapping[str, str], design: SurveyDesign, weights: str | None = None
) -> pl.DataFrame:
    """``domain_type, domain, psus``: the PSUs with a non-zero weight holding rows of each domain."""
    psu = [*([design.strata] if design.strata else []), *design.psu_columns[:1]]
    rows = frame if weights is None else frame.filter(pl.col(weights) != 0)
    parts = []
    for code, key in keys.items():
        unit = pl.struct(psu).n_unique() if psu else pl.len()
        parts.append(
            rows.filter(pl.col(key).is_not_null())
            .group_by(key)
            .agg(unit.cast(pl.Int64).alias("psus"))
            .select(pl.lit(code).alias("domain_type"), pl.col(key).cast(pl.String).alias("domain"), "psus")
        )
    return pl.concat(parts) if parts else pl.DataFrame(schema={"domain_type": pl.String, "domain": pl.String})


def withhold_inestimable(table: pl.DataFrame, psus: pl.DataFrame) -> pl.DataFrame:
    """Mark published cells whose variance is not estimable: they keep the estimate, lose SE, CI, RSE, deff.

    Not estimable (``reliability = "not_estimable"``, "marge niet te schatten"): a domain of a within-school
    type (`OWN_DF_TYPES`) whose own df is below 1, any domain in a single PSU (its variance is 0 by
    construction, or only a calibration artefact), and — the safety net — any other published estimate with
    SE 0 that is not a proportion of exactly 0 or 1. So a published 0 < p < 1 never has SE 0.
    """
    out = table.join(psus, on=["domain_type", "domain"], how="left")
    p = pl.col("estimate")
    exact = (pl.col("unit") == "percentage") & ((p == 0) | (p == 1))
    inestimable = p.is_not_null() & (
        (pl.col("domain_type").is_in(OWN_DF_TYPES) & (pl.col("df") < 1))
        | (pl.col("psus").fill_null(2) < 2)
        | ((pl.col("se").fill_null(0.0) <= 0) & ~exact)
    )
    out = out.with_columns(inestimable.alias("__inestimable"))
    hidden = [c for c in ("se", "ci_low", "ci_high", "rse", "deff") if c in out.columns]
    return out.with_columns(
        *[pl.when(pl.col("__inestimable")).then(None).otherwise(pl.col(c)).alias(c) for c in hidden],
        pl.when(pl.col("__inestimable"))
        .then(pl.lit("not_estimable"))
        .otherwise(pl.col("reliability"))
        .alias("reliability"),
    ).drop("__inestimable", "psus")
