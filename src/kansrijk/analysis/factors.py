"""Risk and protective factors: an outcome by the levels of a factor, with crude and adjusted odds ratios.

The Icelandic Prevention Model reads its survey through such tables ("of the pupils whose parents know where
they are on Saturday night, 8 % were drunk last month; of the others, 31 %"). For each level of the factor
(× the domains of `by`):

- the proportion with the outcome, a domain estimate of `estimate()` (ratio estimator, logit CI on the
  design's df) — the factor level is one more domain column;
- the crude odds ratio of the level against the reference level: the design-based logistic regression
  ``outcome ~ factor`` in the `by` domain (R ``svyglm(..., subset = domain, family = quasibinomial())``, see
  `logistic`), with its t-test and CI exp(β ± t(0.975, df)·se) on the fit's df = degf + 1 − p. With one
  categorical predictor the model is saturated, so the crude odds ratio is exactly the ratio of the levels'
  estimated odds p/(1 − p);
- optionally the odds ratio adjusted for `adjust` (the site uses grade and gender), each adjusting column as
  categorical; a column that has one value in the domain (grade when `by` is grade) is left out of that fit.

The reference level's row has odds ratio 1 and null CI and p. A factor is categorical (levels as strings;
integer levels sort numerically) or numeric with `cuts`: cut-points c₁ < … < c_k give the levels ``<c₁``,
``c₁–c₂`` (c₁ ≤ x < c₂), …, ``≥c_k``, in that order. Rows with a missing outcome or factor are in no level.

Disclosure control over linked tables (:mod:`kansrijk.analysis.linked`): the factor levels are the domain
type ``factor_level``, the `by` domains ``factor_by`` and their crossing ``factor_by_level``, with the margins
declared in :mod:`kansrijk.analysis.domains` (total ⊃ level, total ⊃ by, by ⊃ by × level, level ⊃ by × level).
The margins (the total, each `by` domain, each level over all of `by`) count as published — they are, on the
dashboard or in the table without `by` — so they are never complements; the level cells are protected by the
same linear-programme audit as the result table, and after it :func:`linked.recoverable` must find no hidden
level recoverable (else every level of its domain is hidden). A hidden level also hides its odds ratios, CIs
and p; a hidden reference level hides every odds ratio of its domain (they are ratios to its odds, which
would give its proportion back).

Chance findings: every level's crude and adjusted odds-ratio test goes through
:func:`kansrijk.analysis.multiplicity.guard` (test kinds ``factor`` and ``factor_adjusted``; the family is the
table — one domain type, one wave) with the minimal relevant difference on ``difference``, the level's
proportion minus the reference level's. ``flag`` / ``adjusted_flag`` say ``higher`` / ``lower`` /
``no_difference``; ``factor_q`` / ``factor_raw`` (and the adjusted pair) keep the q-value and the unguarded
flag.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np
import polars as pl

from kansrijk.analysis.design import SurveyDesign
from kansrijk.analysis.disclosure import DisclosureRules
from kansrijk.analysis.domains import declare_margin, declared_margins, domain_links
from kansrijk.analysis.errors import EstimationError
from kansrijk.analysis.estimate import as_polars, estimate
from kansrijk.analysis.linked import LinkedProblem, finish, primary, protect_indicator, recoverable
from kansrijk.analysis.logistic import level_text, logistic, outcome_values, sorted_levels
from kansrijk.analysis.multiplicity import GuardRules, TestKind, guard
from kansrijk.analysis.resolve import resolve

LEVEL = "__factor_level"
IN_DOMAIN = "__factor_domain"
OR_COLUMNS = ("odds_ratio", "or_ci_low", "or_ci_high", "p_value")
ADJUSTED_COLUMNS = tuple(f"adjusted_{c}" for c in OR_COLUMNS)


def _number(x: float) -> str:
    return f"{x:g}"


def cut_labels(cuts: Sequence[float]) -> list[str]:
    """Level labels of the intervals cut at `cuts`: ``<c1``, ``c1–c2``, …, ``≥ck`` (left-closed)."""
    points = [_number(c) for c in cuts]
    labels = [f"<{points[0]}"]
    labels += [f"{a}–{b}" for a, b in itertools.pairwise(points)]
    labels.append(f"≥{points[-1]}")
    return labels


def factor_levels(
    frame: pl.DataFrame, factor: str, cuts: Sequence[float] | None = None
) -> tuple[pl.Series, list[str]]:
    """The factor's level of every row (a string, null where missing) and the levels in their order."""
    if factor not in frame.columns:
        raise EstimationError(f"factor {factor!r}", "not a column of the data", "check the factor name")
    series = frame[factor]
    if cuts is None:
        if series.dtype.is_float() and not all(
            float(v).is_integer() for v in series.drop_nulls().drop_nans().to_list()
        ):
            raise EstimationError(
                f"factor {factor!r}", "a numeric factor needs cut-points", "pass cuts=[...] to factor_table"
            )
        text = level_text(series).alias(LEVEL)
        return text, sorted_levels(series)
    points = sorted(float(c) for c in cuts)
    if not points or len(set(points)) != len(points):
        raise EstimationError("cuts", "cut-points must be distinct and at least one", "e.g. cuts=[2, 5]")
    if not series.dtype.is_numeric():
        raise EstimationError(f"factor {factor!r}", "cut-points need a numeric factor", "leave cuts out")
    labels = cut_labels(points)
    values = series.cast(pl.Float64).to_numpy().astype(float)
    index = np.searchsorted(np.array(points), values, side="right")
    text = pl.Series(
        LEVEL,
        [None if np.isnan(v) else labels[i] for v, i in zip(values, index, strict=True)],
        dtype=pl.String,
    )
    present = set(text.drop_nulls().to_list())
    return text, [label for label in labels if label in present]


#: The domain types of a factor table and of a risk group, and their margins (the registry of `domains`).
FACTOR_LEVEL, FACTOR_BY, FACTOR_BY_LEVEL, RISK_GROUP = (
    "factor_level",
    "factor_by",
    "factor_by_level",
    "risk_group",
)
for _parent, _child in (
    ("total", FACTOR_LEVEL),
    ("total", FACTOR_BY),
    (FACTOR_BY, FACTOR_BY_LEVEL),
    (FACTOR_LEVEL, FACTOR_BY_LEVEL),
    ("total", RISK_GROUP),
):
    declare_margin(_parent, _child)

#: The tests of a factor table and of a risk group against the rest (`multiplicity.guard`).
FACTOR_TESTS = (
    TestKind("factor", "p_value", "difference", "flag", "no_difference"),
    TestKind("factor_adjusted", "adjusted_p_value", "difference", "adjusted_flag", "no_difference"),
)
RISK_GROUP_TEST = TestKind("risk_group", "p_value", "difference", "direction", "no_difference")

CELL_COLUMNS = ("indicator", "unit", "domain_type", "domain", "estimate", "n", "n_yes", "weighted_n", "rse")


def _key(columns: Sequence[str]) -> pl.Expr:
    """One string key of `columns` (null when any is null), as `domains.add_domain_columns` joins them."""
    if not columns:
        return pl.lit("")
    parts = [pl.col(c).cast(pl.String) for c in columns]
    return parts[0] if len(parts) == 1 else pl.concat_str(parts, separator="|", ignore_nulls=False)


def _cells(table: pl.DataFrame, domain_type: str, columns: Sequence[str], unit: str) -> pl.DataFrame:
    """Rows of `estimate()` as the result-table cells `linked` reads."""
    n_yes = pl.col("n_level") if unit == "percentage" and "n_level" in table.columns else pl.lit(None)
    return table.filter(
        pl.all_horizontal(pl.col(c).is_not_null() for c in columns) if columns else True
    ).select(
        pl.col("variable").alias("indicator"),
        pl.lit(unit).alias("unit"),
        pl.lit(domain_type).alias("domain_type"),
        _key(columns).alias("domain"),
        pl.col("estimate"),
        pl.col("n").cast(pl.Int64),
        n_yes.cast(pl.Int64).alias("n_yes"),
        pl.col("weighted_n"),
        pl.col("rse"),
    )


def protect_linked(
    cells: pl.DataFrame, frame: pl.DataFrame, targets: Sequence[str], rules: DisclosureRules
) -> pl.DataFrame:
    """Linked suppression of the `targets` domain types' cells; the other cells (margins) count as published.

    ``cells`` has :data:`CELL_COLUMNS` for every domain type; ``frame`` the respondents with one
    ``__domain_<type>`` key column per domain type, from which :func:`domains.domain_links` reads the declared
    margins. Returns the cells with ``suppressed`` (primary reasons or ``complementary``) and ``reliability``,
    numbers of hidden cells nulled. The audit (:func:`linked.recoverable`) runs afterwards; a target cell it
    still finds recoverable has every published target cell of its margins hidden with it, until none is.
    """
    types = list(dict.fromkeys(cells["domain_type"].to_list()))
    links = domain_links(frame, declared_margins(types))
    # margin cells are published elsewhere: as domain type "total" they are never primary nor complementary
    margin = ~pl.col("domain_type").is_in(list(targets))
    as_total = pl.when(margin).then(pl.lit("total")).otherwise(pl.col("domain_type"))
    tagged = pl.concat_str([pl.col("domain_type"), pl.lit(":"), pl.col("domain")])
    work = cells.with_columns(
        pl.col("domain_type").alias("__type"),
        pl.col("domain").alias("__domain"),
        pl.when(margin).then(tagged).otherwise(pl.col("domain")).alias("domain"),
        as_total.alias("domain_type"),
    )

    def relabel(kind: str) -> pl.Expr:
        outside = ~pl.col(f"{kind}_type").is_in(list(targets))
        return (
            pl.when(outside)
            .then(pl.concat_str([pl.col(f"{kind}_type"), pl.lit(":"), pl.col(kind)]))
            .otherwise(pl.col(kind))
            .alias(f"__{kind}")
        )

    # the margin groups as `linked` builds them, with the margin cells' keys relabelled (each margin keeps
    # its own group: total ⊃ levels and total ⊃ by domains are two equations, not one)
    relabelled = links.with_columns(relabel("parent"), relabel("child"))
    groups = []
    for (ptype, parent, ctype), part in relabelled.group_by(
        ["parent_type", "__parent", "child_type"], maintain_order=True
    ):
        pkey = ("total" if ptype not in targets else str(ptype), str(parent))
        ckind = "total" if ctype not in targets else str(ctype)
        groups.append((pkey, [(ckind, str(c)) for c in part["__child"].to_list()]))
    marked = primary(work, rules).with_columns(
        pl.when(pl.col("domain_type") == "total")
        .then(None)
        .otherwise(pl.col("suppressed"))
        .alias("suppressed")
    )
    parts = []
    for _, part in marked.group_by("indicator", maintain_order=True):
        problem = LinkedProblem.build(part, groups)
        mask = part["suppressed"].is_not_null().to_numpy()
        hidden = part["suppressed"].to_list()
        if mask.any():
            extra = protect_indicator(problem, mask, rules.min_count)
            hidden = ["complementary" if e else h for h, e in zip(hidden, extra, strict=True)]
        for _round in range(len(problem.keys)):  # the audit: hide whole margins until nothing is recoverable
            audited = part.with_columns(
                pl.Series("suppressed", hidden, dtype=pl.String),
                pl.col("__type").alias("domain_type"),
                pl.col("__domain").alias("domain"),
            )
            keys = audited.select("indicator", "domain_type", "domain", "suppressed")
            found = recoverable(audited, keys, links, rules)
            if found.height == 0:
                break
            index = dict(
                zip(
                    zip(audited["domain_type"], audited["domain"], strict=True),
                    range(audited.height),
                    strict=True,
                )
            )
            more: set[int] = set()
            for dt, domain in found.select("domain_type", "domain").iter_rows():
                more |= {j for j in problem.linked(index[(dt, domain)]) if problem.keys[j][0] != "total"}
            fresh = [j for j in more if hidden[j] is None]
            if not fresh:
                break
            for j in fresh:
                hidden[j] = "complementary"
        parts.append(
            part.with_columns(
                pl.Series("suppressed", hidden, dtype=pl.String),
                pl.col("__type").alias("domain_type"),
                pl.col("__domain").alias("domain"),
            ).drop("__type", "__domain")
        )
    return finish(pl.concat(parts), rules)


def _with_keys(frame: pl.DataFrame, keys: dict[str, pl.Expr]) -> pl.DataFrame:
    return frame.with_columns(expr.alias(f"__domain_{code}") for code, expr in keys.items())


def _disclose_levels(
    work: pl.DataFrame,
    design: SurveyDesign,
    outcome: str,
    by: list[str],
    table: pl.DataFrame,
    rules: DisclosureRules,
) -> pl.DataFrame:
    """Linked suppression of the level cells (the module docstring); `table` gains suppressed, reliability."""
    target = FACTOR_BY_LEVEL if by else FACTOR_LEVEL
    cells = [_cells(table, target, [*by, LEVEL], "percentage")]
    total = estimate(work, design, [outcome], statistic="proportion")
    cells.append(_cells(total, "total", [], "percentage"))
    keys = {"total": pl.lit(""), target: _key([*by, LEVEL])}
    if by:
        levels = estimate(work, design, [outcome], by=[LEVEL], statistic="proportion")
        domains = estimate(work, design, [outcome], by=by, statistic="proportion")
        cells += [
            _cells(levels, FACTOR_LEVEL, [LEVEL], "percentage"),
            _cells(domains, FACTOR_BY, by, "percentage"),
        ]
        keys |= {FACTOR_LEVEL: _key([LEVEL]), FACTOR_BY: _key(by)}
    inside = work.filter(pl.col(outcome).is_not_null())
    protected = protect_linked(
        pl.concat(cells, how="vertical_relaxed"), _with_keys(inside, keys), [target], rules
    )
    mine = protected.filter(pl.col("domain_type") == target).select(
        pl.col("domain").alias("__key"), "suppressed", "reliability"
    )
    out = (
        table.with_columns(_key([*by, LEVEL]).alias("__key")).join(mine, on="__key", how="left").drop("__key")
    )
    hidden = pl.col("suppressed").is_not_null()
    numbers = [
        c
        for c in ("estimate", "se", "ci_low", "ci_high", "deff", "rse", "weighted_n", "n_level")
        if c in out.columns
    ]
    return out.with_columns(pl.when(hidden).then(None).otherwise(pl.col(c)).alias(c) for c in numbers)


def _disclose_group(
    work: pl.DataFrame,
    design: SurveyDesign,
    variables: list[str],
    statistic: str,
    unit: str,
    table: pl.DataFrame,
    rules: DisclosureRules,
) -> pl.DataFrame:
    """Linked suppression of the group and the rest, the total as their margin; `table` gains suppressed."""
    total = estimate(work, design, variables, statistic=statistic)  # type: ignore[arg-type]
    cells = pl.concat(
        [_cells(table, RISK_GROUP, [GROUP], unit), _cells(total, "total", [], unit)], how="vertical_relaxed"
    )
    keyed = _with_keys(work, {"total": pl.lit(""), RISK_GROUP: pl.col(GROUP)})
    protected = protect_linked(cells, keyed, [RISK_GROUP], rules).filter(pl.col("domain_type") == RISK_GROUP)
    mine = protected.select(
        pl.col("indicator").alias("variable"), pl.col("domain").alias(GROUP), "suppressed"
    )
    out = table.join(mine, on=["variable", GROUP], how="left")
    hidden = pl.col("suppressed").is_not_null()
    numbers = [
        c
        for c in ("estimate", "se", "ci_low", "ci_high", "deff", "rse", "weighted_n", "n_level")
        if c in out.columns
    ]
    return out.with_columns(pl.when(hidden).then(None).otherwise(pl.col(c)).alias(c) for c in numbers)


def factor_table(
    data: Any,
    design: SurveyDesign,
    outcome: str,
    factor: str,
    by: Sequence[str] | None = None,
    *,
    cuts: Sequence[float] | None = None,
    reference: str | None = None,
    levels: Sequence[str] | None = None,
    adjust: Sequence[str] = (),
    disclosure: DisclosureRules | None = DisclosureRules(),  # noqa: B008 - a frozen value
    level: float = 0.95,
    rules: GuardRules | None = None,
) -> pl.DataFrame:
    """The outcome by factor level (× `by`), with crude (and adjusted) odds ratios; see the module docstring.

    Returns one row per `by` domain × level: outcome, factor, *by, level, is_reference, estimate, se, ci_low,
    ci_high, df, n, n_level, weighted_n, suppressed, reliability, odds_ratio, or_ci_low, or_ci_high, p_value,
    or_df, and with `adjust` the same four as ``adjusted_*``; then difference (the level's proportion minus
    the reference's), flag, factor_q, factor_raw (and with `adjust` adjusted_flag, factor_adjusted_q,
    factor_adjusted_raw): the guarded test, `rules` the guard's (default `GuardRules()`).
    `disclosure=None` skips disclosure control (for analysts with microdata access only). Rows come in
    level order: `levels` (e.g. the order of the item's choices) when given, else the sorted order;
    the reference is the first level unless `reference` is given.
    """
    frame = as_polars(data)
    by = list(by or [])
    for name in [*by, *adjust]:
        if name not in frame.columns:
            raise EstimationError(f"column {name!r}", "not a column of the data", "check the column names")
    outcome_values(frame, outcome)  # refuses a non-0/1 outcome early
    levels_of_row, found = factor_levels(frame, factor, cuts)
    if levels is not None:  # the caller's order (e.g. the item's choices), then any other level found
        wanted = [str(v) for v in levels]
        found = [v for v in wanted if v in found] + [v for v in found if v not in wanted]
    levels = found
    if not levels:
        raise EstimationError(f"factor {factor!r}", "no respondent has a value", "pick another factor")
    ref = levels[0] if reference is None else str(reference)
    if ref not in levels:
        raise EstimationError(f"reference {ref!r}", f"not a level of {factor!r}", f"use one of {levels}")
    work = frame.with_columns(levels_of_row)
    table = estimate(work, design, [outcome], by=[*by, LEVEL], statistic="proportion", level=level)
    table = table.filter(pl.all_horizontal(pl.col(c).is_not_null() for c in [*by, LEVEL])).drop("level")
    if disclosure is not None:
        table = _disclose_levels(work, design, outcome, by, table, disclosure)
    else:
        table = table.with_columns(
            pl.lit(None, dtype=pl.String).alias("suppressed"),
            pl.lit(None, dtype=pl.String).alias("reliability"),
        )

    rd = resolve(work, design)
    domains = table.select(by).unique(maintain_order=True) if by else pl.DataFrame({"__all": [0]})
    ratios: list[dict[str, Any]] = []
    for key in domains.iter_rows(named=True):
        inside = pl.lit(True)
        for name in by:
            inside = inside & (pl.col(name) == key[name])
        fitted = work.with_columns(inside.fill_null(False).alias(IN_DOMAIN))
        crude = _odds_ratios(fitted, design, rd, outcome, [], ref, level)
        adjusted: dict[str, dict[str, Any]] = {}
        if adjust:
            in_dom = fitted.filter(pl.col(IN_DOMAIN))
            extra = [a for a in adjust if a not in by and in_dom[a].drop_nulls().n_unique() > 1]
            adjusted = _odds_ratios(fitted, design, rd, outcome, extra, ref, level)
        for lev in levels:
            row: dict[str, Any] = {name: key[name] for name in by}
            row[LEVEL] = lev
            row.update(crude.get(lev, {}))
            row.update({f"adjusted_{k}": v for k, v in adjusted.get(lev, {}).items() if k != "or_df"})
            ratios.append(row)
    schema: dict[str, Any] = {name: table.schema[name] for name in by}
    schema[LEVEL] = pl.String
    schema.update(dict.fromkeys(OR_COLUMNS, pl.Float64))
    schema["or_df"] = pl.Int64
    if adjust:
        schema.update(dict.fromkeys(ADJUSTED_COLUMNS, pl.Float64))
    ratio_frame = pl.DataFrame(ratios, schema=schema, orient="row")

    out = table.join(ratio_frame, on=[*by, LEVEL], how="left", nulls_equal=True)
    or_columns = [*OR_COLUMNS, *(ADJUSTED_COLUMNS if adjust else ())]
    is_ref = pl.col(LEVEL) == ref
    out = out.with_columns(is_ref.alias("is_reference"))
    # the reference row: odds ratio 1, no CI, no p
    out = out.with_columns(
        *[
            pl.when(is_ref)
            .then(pl.lit(1.0) if c.endswith("odds_ratio") else None)
            .otherwise(pl.col(c))
            .alias(c)
            for c in or_columns
        ]
    )
    hidden = pl.col("suppressed").is_not_null()
    ref_hidden = (is_ref & hidden).any().over(by) if by else (is_ref & hidden).any()
    out = out.with_columns(
        *[pl.when(hidden | ref_hidden).then(None).otherwise(pl.col(c)).alias(c) for c in or_columns]
    )
    order = {lev: i for i, lev in enumerate(levels)}
    out = (
        out.with_columns(pl.col(LEVEL).replace_strict(order, return_dtype=pl.Int64).alias("__order"))
        .sort([*by, "__order"], maintain_order=True)
        .rename({LEVEL: "level"})
        .with_columns(pl.lit(outcome).alias("outcome"), pl.lit(factor).alias("factor"))
    )
    ref_estimate = pl.col("estimate").filter(pl.col("is_reference")).first()
    out = out.with_columns(
        (pl.col("estimate") - (ref_estimate.over(by) if by else ref_estimate)).alias("difference"),
        pl.lit("factor").alias("__family"),
        pl.lit("percentage").alias("__unit"),
    )
    kinds = FACTOR_TESTS if adjust else FACTOR_TESTS[:1]
    out = guard(out, kinds, rules, family=["__family"], unit="__unit")
    tests = [c for k in kinds for c in (k.flag, f"{k.name}_q", f"{k.name}_raw")]
    columns = [
        "outcome",
        "factor",
        *by,
        "level",
        "is_reference",
        "estimate",
        "se",
        "ci_low",
        "ci_high",
        "df",
        "n",
        "n_level",
        "weighted_n",
        "suppressed",
        "reliability",
        *OR_COLUMNS,
        "or_df",
        *(ADJUSTED_COLUMNS if adjust else ()),
        "difference",
        *tests,
    ]
    return out.select(columns)


def _odds_ratios(
    frame: pl.DataFrame,
    design: SurveyDesign,
    rd: Any,
    outcome: str,
    adjust: Sequence[str],
    reference: str,
    level: float,
) -> dict[str, dict[str, Any]]:
    """Odds ratio, CI and p of every non-reference level in the domain column's true rows (empty: no fit)."""
    try:
        fit = logistic(
            frame,
            design,
            outcome,
            [LEVEL, *adjust],
            categorical=[LEVEL, *adjust],
            reference={LEVEL: reference},
            domain=IN_DOMAIN,
            level=level,
            resolved=rd,
        )
    except EstimationError:
        return {}  # too few respondents, a level where everyone (or no one) has the outcome, …
    prefix = f"{LEVEL}="
    out: dict[str, dict[str, Any]] = {}
    for row in fit.coefficients.filter(pl.col("term").str.starts_with(prefix)).iter_rows(named=True):
        out[row["term"][len(prefix) :]] = {
            "odds_ratio": row["odds_ratio"],
            "or_ci_low": row["or_ci_low"],
            "or_ci_high": row["or_ci_high"],
            "p_value": row["p_value"],
            "or_df": row["df"],
        }
    return out


GROUP = "__risk_group"
GROUP_LEVELS = ("group", "rest")


def group_profile(
    data: Any,
    design: SurveyDesign,
    in_group: str,
    variables: Sequence[str],
    *,
    statistic: str = "proportion",
    disclosure: DisclosureRules | None = DisclosureRules(),  # noqa: B008 - a frozen value
    alpha: float = 0.05,
    rules: GuardRules | None = None,
) -> pl.DataFrame:
    """Every variable for the pupils in a group (``in_group``: a boolean column) against the rest.

    One row per variable: ``group_*`` and ``rest_*`` (estimate, ci_low, ci_high, n, suppressed) as domain
    estimates (`estimate()`), and the difference group − rest with its SE, p-value and direction
    (`contrast.domain_vs_rest`: the two are not independent samples). Rows with a null ``in_group`` are in
    neither. Disclosure control: the group and the rest are a linked table whose margin is the published
    total (domain types ``total`` ⊃ ``risk_group``, :func:`protect_linked`), so a hidden group hides the rest
    too (else total − rest gives it back); a hidden cell hides the difference and its test. Chance findings:
    ``direction`` is the guarded flag (`multiplicity.guard`, test kind ``risk_group``, one family over the
    variables; `rules` default `GuardRules()`), with ``risk_group_q`` and the unguarded ``risk_group_raw``.
    """
    from kansrijk.analysis.contrast import domain_vs_rest

    frame = as_polars(data)
    if in_group not in frame.columns or frame[in_group].dtype != pl.Boolean:
        raise EstimationError(f"group {in_group!r}", "not a boolean column of the data", "give True/False")
    work = frame.with_columns(
        pl.when(pl.col(in_group))
        .then(pl.lit("group"))
        .when(~pl.col(in_group))
        .then(pl.lit("rest"))
        .alias(GROUP)
    )
    table = estimate(work, design, list(variables), by=[GROUP], statistic=statistic)  # type: ignore[arg-type]
    table = table.filter(pl.col(GROUP).is_not_null()).drop("level")
    unit = "percentage" if statistic == "proportion" else "mean"
    if disclosure is not None:
        table = _disclose_group(work, design, list(variables), statistic, unit, table, disclosure)
    else:
        table = table.with_columns(pl.lit(None, dtype=pl.String).alias("suppressed"))
    # pupils outside both groups keep their rows (their units and calibration cells count in the variance),
    # with no value: contrast.domain_vs_rest leaves a null variable out of both groups
    unknown = pl.col(GROUP).is_null()
    blanked = work.with_columns(
        *[pl.when(unknown).then(None).otherwise(pl.col(v)).alias(v) for v in dict.fromkeys(variables)]
    )
    contrast = domain_vs_rest(blanked, design, list(variables), GROUP, ["group"], alpha=alpha)
    cells = ["estimate", "ci_low", "ci_high", "n", "suppressed"]
    wide = (
        table.filter(pl.col(GROUP) == "group")
        .select("variable", *[pl.col(c).alias(f"group_{c}") for c in cells])
        .join(
            table.filter(pl.col(GROUP) == "rest").select(
                "variable", *[pl.col(c).alias(f"rest_{c}") for c in cells]
            ),
            on="variable",
            how="full",
            coalesce=True,
        )
        .join(contrast.drop("domain"), on="variable", how="left")
    )
    hidden = pl.col("group_suppressed").is_not_null() | pl.col("rest_suppressed").is_not_null()
    wide = wide.with_columns(
        *[pl.when(hidden).then(None).otherwise(pl.col(c)).alias(c) for c in ("difference", "se", "p_value")],
        pl.when(hidden).then(None).otherwise(pl.col("direction")).alias("direction"),
    )
    # chance findings: one family per wave for the risk-group kind, over every variable of the group
    tested = wide.with_columns(pl.col("direction").alias("__direction"), pl.lit(RISK_GROUP).alias("__family"))
    tested = guard(
        tested.with_columns(pl.lit(unit).alias("__unit")),
        [RISK_GROUP_TEST],
        rules,
        family=["__family"],
        unit="__unit",
    )
    wide = tested.with_columns(  # no test (not estimable) keeps its word
        pl.coalesce(pl.col("direction"), pl.when(~hidden).then(pl.col("__direction"))).alias("direction")
    ).drop("__direction", "__family", "__unit")
    order = {v: i for i, v in enumerate(dict.fromkeys(variables))}
    return wide.sort(pl.col("variable").replace_strict(order, default=len(order), return_dtype=pl.Int64))
