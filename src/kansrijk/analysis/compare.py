"""Differences between two estimate tables: two waves, or a domain and a reference.

difference = a − b per matching row (same variable, statistic, domain and level), with

    se = √(se_a² + se_b²)

because the two estimates come from **independent samples** (two waves, or our survey and another
municipality's published table); the covariance is taken as 0. A reference published as aggregates may lack a
standard error: it is then treated as known without error (se_b = 0), which makes the test a one-sample test
against a fixed value, and the output says so in `reference_se` (`"unknown (taken as 0)"`).

The test is two-sided on the normal distribution (z = difference / se): the two designs have different degrees
of freedom, and for the sample sizes of a school survey the t and normal quantiles agree to the third digit.
`significant` is p < 1 − level; `direction` says `higher` / `lower` when significant. Without a positive SE
(both SEs 0, or one not estimable) there is no test: p, `significant` and `direction` are null.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl
from scipy import stats

from kansrijk.analysis.errors import ComparisonError

BASE = {"variable", "statistic", "level", "estimate", "se", "ci_low", "ci_high", "df", "n", "n_level",
        "weighted_n", "deff", "rse", "suppressed", "reliability"}  # fmt: skip


def _keys(table: pl.DataFrame, name: str) -> list[str]:
    for col in ("variable", "estimate"):
        if col not in table.columns:
            raise ComparisonError(name, f"column {col!r} is missing", "pass a table made by estimate()")
    return [c for c in table.columns if c not in BASE] + [
        c for c in ("variable", "level") if c in table.columns
    ]


def compare(table_a: pl.DataFrame, table_b: pl.DataFrame, *, level: float = 0.95) -> pl.DataFrame:
    """Rows of `table_a` with a match in `table_b`: estimate_a, estimate_b, difference, se, p_value, …

    Only comparable indicators are compared: both tables must hold the same statistic for a variable
    (a mean is never compared with a proportion). `table_b` may lack `se` (a published reference).
    """
    keys_a, keys_b = _keys(table_a, "table_a"), _keys(table_b, "table_b")
    keys = [k for k in keys_a if k in keys_b]
    if set(keys_a) != set(keys):
        missing = sorted(set(keys_a) - set(keys))
        raise ComparisonError(
            "table_b", f"has no column(s) {missing}", "compare tables with the same domains (same `by`)"
        )
    b = table_b
    if "se" not in b.columns:
        b = b.with_columns(pl.lit(None, dtype=pl.Float64).alias("se"))
    if "statistic" not in b.columns:
        b = b.with_columns(pl.lit(None, dtype=pl.String).alias("statistic"))
    if "level" in b.columns:
        b = b.with_columns(pl.col("level").cast(pl.String))
    right = b.select([*keys, "statistic", pl.col("estimate").alias("estimate_b"), pl.col("se").alias("se_b")])
    left = table_a.select(
        [*keys, "statistic", pl.col("estimate").alias("estimate_a"), pl.col("se").alias("se_a")]
    )
    joined = left.join(right.rename({"statistic": "statistic_b"}), on=keys, how="inner", nulls_equal=True)
    clash = joined.filter(
        pl.col("statistic_b").is_not_null() & (pl.col("statistic") != pl.col("statistic_b"))
    )
    if clash.height:
        row = clash.row(0, named=True)
        raise ComparisonError(
            f"variable {row['variable']!r}",
            f"table_a holds a {row['statistic']} and table_b a {row['statistic_b']}",
            "compare the same indicator definition in both tables",
        )
    z_crit = stats.norm.ppf(1 - (1 - level) / 2)
    out = joined.with_columns(
        (pl.col("estimate_a") - pl.col("estimate_b")).alias("difference"),
        pl.when(pl.col("se_b").is_null())
        .then(pl.lit("unknown (taken as 0)"))
        .otherwise(pl.lit("known"))
        .alias("reference_se"),
        (pl.col("se_a") ** 2 + pl.col("se_b").fill_null(0.0) ** 2).sqrt().alias("se"),
    )
    diff = out["difference"].to_numpy().astype(float)
    se = out["se"].to_numpy().astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        zval = diff / se
        # no test without a positive SE: a zero SE would make any difference certain, a missing one
        # (a non-estimable variance) says nothing
        p = np.where(se > 0, 2 * stats.norm.sf(np.abs(zval)), np.nan)
    p = np.where(np.isnan(diff), np.nan, p)
    out = out.with_columns(
        (pl.col("difference") - z_crit * pl.col("se")).alias("ci_low"),
        (pl.col("difference") + z_crit * pl.col("se")).alias("ci_high"),
        pl.Series("p_value", p, nan_to_null=True),
    ).with_columns((pl.col("p_value") < 1 - level).alias("significant"))
    return out.with_columns(
        pl.when(pl.col("significant") & (pl.col("difference") > 0))
        .then(pl.lit("higher"))
        .when(pl.col("significant") & (pl.col("difference") < 0))
        .then(pl.lit("lower"))
        .when(pl.col("significant").is_not_null())
        .then(pl.lit("no difference"))
        .alias("direction")
    ).drop("statistic_b")


# --- trends between waves: which comparisons are like with like -------------------------------------------

#: Domain types whose domains are a fixed set of grades or schools: compared directly even when the waves'
#: grades or school coverage differ (grade 2 with grade 2, school S with school S).
SAME_POPULATION_TYPES = ("grade", "grade_gender", "school", "school_grade")
#: A trend needs this share of participating schools in common (Jaccard: shared / either wave).
MIN_SCHOOL_OVERLAP = 0.8

TREND_COLUMNS = {
    "prev_wave": pl.String, "prev_estimate": pl.Float64, "trend_difference": pl.Float64,
    "trend_se": pl.Float64, "trend_p": pl.Float64, "trend": pl.String, "trend_basis": pl.String,
    "trend_reason": pl.String,
}  # fmt: skip


@dataclass(frozen=True)
class TrendRule:
    """What two waves allow: no trend, none per wijk, or standardised figures only for mixed domains."""

    blocked: str | None  # reason no trend is possible (Dutch)
    wijk_blocked: str | None
    standardise: str | None  # reason the total is grade × gender-standardised and mixed domains get no trend


def trend_rule(current: Mapping[str, Any], previous: Mapping[str, Any]) -> TrendRule:
    """Compare the waves' meta: cleaning rules, area version, target grades and school coverage.

    A key that is missing from either wave's meta (results made before it was recorded) is not checked; the
    indicator definitions are compared per indicator (``comparable_hash``) by the caller.
    """

    def both(key: str) -> tuple[Any, Any] | None:
        if current.get(key) is None or previous.get(key) is None:
            return None
        return current[key], previous[key]

    blocked = None
    cleaning = both("cleaning")
    if cleaning is not None and _canonical(cleaning[0]) != _canonical(cleaning[1]):
        blocked = "andere opschoonregels dan de vorige meting"
    area = (current.get("area_version"), previous.get("area_version"))
    wijk_blocked = "andere wijkindeling dan de vorige meting" if area[0] != area[1] else None
    reasons = []
    grades = both("grades")
    if grades is not None and sorted(grades[0]) != sorted(grades[1]):
        reasons.append("andere leerjaren dan de vorige meting")
    schools = both("schools_participating")
    if schools is not None:
        a, b = set(schools[0]), set(schools[1])
        overlap = len(a & b) / len(a | b) if a | b else 1.0
        if overlap < MIN_SCHOOL_OVERLAP:
            reasons.append(f"andere deelnemende scholen (overlap {overlap:.0%})")
    return TrendRule(blocked, wijk_blocked, "; ".join(reasons) or None)


def _canonical(value: Any) -> str:
    """A meta value as meta.json stores it (tuples become lists), so a stored wave compares with a new one."""
    return json.dumps(value, sort_keys=True, default=str)


def standardised(table: pl.DataFrame, standard: Mapping[str, float], cells: Sequence[str]) -> pl.DataFrame:
    """Grade × gender-standardised figures per indicator: Σ_c W_c·p_c / Σ W_c over `cells` (``grade|gender``).

    `table` is a result table (its ``grade_gender`` rows are used), `standard` the standard population per
    cell (the current wave's enrolment). SE = √(Σ (W_c/W)²·se_c²): the cells are treated as independent,
    which ignores their (small, positive or negative) covariance through shared classes — stated in
    docs/methods/trends.md. Returns ``indicator, estimate, se``; an indicator missing a cell gives no row.
    """
    weights = pl.DataFrame(
        {"domain": list(cells), "__W": [float(standard.get(c, 0.0)) for c in cells]},
        schema={"domain": pl.String, "__W": pl.Float64},
    )
    rows = table.filter(pl.col("domain_type") == "grade_gender", pl.col("estimate").is_not_null()).join(
        weights, on="domain"
    )
    return (
        rows.group_by("indicator")
        .agg(
            ((pl.col("__W") * pl.col("estimate")).sum() / pl.col("__W").sum()).alias("estimate"),
            (((pl.col("__W") / pl.col("__W").sum()) ** 2 * pl.col("se") ** 2).sum().sqrt()).alias("se"),
            pl.col("se").is_null().any().alias("__no_se"),
            pl.len().alias("__cells"),
        )
        .filter(pl.col("__cells") == len(cells), ~pl.col("__no_se"))
        .select("indicator", "estimate", "se")
    )


def add_trends(
    table: pl.DataFrame,
    previous: Sequence[tuple[pl.DataFrame, Mapping[str, Any]]],
    current_meta: Mapping[str, Any],
    standard: Mapping[str, float],
    *,
    alpha: float = 0.05,
) -> pl.DataFrame:
    """Trend columns of a result table against the most recent comparable earlier wave.

    Per indicator and domain: the newest earlier wave with the same ``comparable_hash`` whose meta allows it
    (`trend_rule`). Waves with other cleaning rules give no trend; another area version no wijk trend; other
    grades or participating schools give the total as a grade × gender-standardised comparison over the
    cells both waves publish (`standardised`, standard population = this wave's enrolment), a direct
    comparison for the domains of `SAME_POPULATION_TYPES`, and no trend for the other domain types. A row
    without a trend says why in ``trend_reason``; ``trend_basis`` says how a trend was made.
    """
    keys = ["indicator", "domain_type", "domain"]
    if not previous:
        return table.with_columns(pl.lit(None, dtype=d).alias(c) for c, d in TREND_COLUMNS.items())
    ordered = sorted(previous, key=lambda p: str(p[1].get("year") or ""), reverse=True)
    remaining = table.filter(pl.col("estimate").is_not_null())
    done: list[pl.DataFrame] = []
    reasons: list[pl.DataFrame] = []
    for prev_table, prev_meta in ordered:
        rule = trend_rule(current_meta, prev_meta)
        wave = str(prev_meta.get("wave_id"))
        prev = prev_table.filter(pl.col("estimate").is_not_null())
        matched = remaining.join(
            prev.select(*keys, "comparable_hash"), on=[*keys, "comparable_hash"], how="semi"
        )
        if matched.height == 0:
            continue
        if rule.blocked:
            reasons.append(matched.select(keys).with_columns(pl.lit(rule.blocked).alias("trend_reason")))
            remaining = remaining.join(matched.select(keys), on=keys, how="anti")
            continue
        blocked = pl.lit(False)
        reason = pl.lit(None, dtype=pl.String)
        if rule.wijk_blocked:
            blocked = pl.col("domain_type") == "wijk"
            reason = pl.when(blocked).then(pl.lit(rule.wijk_blocked)).otherwise(reason)
        direct_ok = ~blocked
        if rule.standardise:
            mixed = ~pl.col("domain_type").is_in(SAME_POPULATION_TYPES)
            reason = pl.when(mixed & ~blocked).then(pl.lit(rule.standardise)).otherwise(reason)
            direct_ok = direct_ok & ~mixed
        direct = matched.filter(direct_ok)
        no_trend = matched.filter(~direct_ok).with_columns(reason.alias("trend_reason"))
        if direct.height:
            done.append(_trend_rows(direct, prev, keys, wave, alpha, "direct"))
        if rule.standardise:
            cells = sorted(
                set(
                    table.filter(pl.col("domain_type") == "grade_gender", pl.col("estimate").is_not_null())[
                        "domain"
                    ]
                )
                & set(prev.filter(pl.col("domain_type") == "grade_gender")["domain"])
            )
            totals = no_trend.filter(pl.col("domain_type") == "total")
            std_now = standardised(table, standard, cells)
            std_prev = standardised(prev_table, standard, cells)
            if totals.height and std_now.height and std_prev.height:
                a = totals.select(*keys, "unit").join(std_now, on="indicator")
                b = totals.select(*keys, "unit").join(std_prev, on="indicator")
                rows = _trend_rows(a, b, keys, wave, alpha, "gestandaardiseerd naar leerjaar × geslacht")
                done.append(rows)
                no_trend = no_trend.join(rows.select(keys), on=keys, how="anti")
        reasons.append(no_trend.select(*keys, "trend_reason"))
        remaining = remaining.join(matched.select(keys), on=keys, how="anti")
    out = table
    if done:
        out = out.join(pl.concat(done, how="diagonal_relaxed"), on=keys, how="left")
    for column, dtype in TREND_COLUMNS.items():
        if column not in out.columns:
            out = out.with_columns(pl.lit(None, dtype=dtype).alias(column))
    if reasons:
        why = pl.concat(reasons).unique(keys, keep="first").rename({"trend_reason": "__why"})
        out = (
            out.join(why, on=keys, how="left")
            .with_columns(pl.coalesce("trend_reason", "__why").alias("trend_reason"))
            .drop("__why")
        )
    return out


def _trend_rows(
    a: pl.DataFrame, b: pl.DataFrame, keys: list[str], wave: str, alpha: float, basis: str
) -> pl.DataFrame:
    def side(frame: pl.DataFrame) -> pl.DataFrame:
        stat = pl.when(pl.col("unit") == "percentage").then(pl.lit("proportion")).otherwise(pl.lit("mean"))
        return frame.select(
            pl.col("indicator").alias("variable"), "domain_type", "domain", stat.alias("statistic"),
            "estimate", "se",
        )  # fmt: skip

    b_rows = b.join(a.select(keys), on=keys, how="semi") if "unit" in b.columns else b
    if "unit" not in b_rows.columns:
        b_rows = b_rows.join(a.select(*keys, "unit"), on=keys)
    diff = compare(side(a), side(b_rows), level=1 - alpha)
    return diff.select(
        pl.col("variable").alias("indicator"), "domain_type", "domain",
        pl.lit(wave).alias("prev_wave"), pl.col("estimate_b").alias("prev_estimate"),
        pl.col("difference").alias("trend_difference"), pl.col("se").alias("trend_se"),
        pl.col("p_value").alias("trend_p"),
        pl.when(pl.col("significant")).then(pl.col("direction")).otherwise(pl.lit("no_change")).alias("trend"),
        pl.lit(basis).alias("trend_basis"), pl.lit(None, dtype=pl.String).alias("trend_reason"),
    )  # fmt: skip
