"""Differences between two estimate tables: two waves, or a domain and a reference.

difference = a − b per matching row (same variable, statistic, domain and level), with

    se = √(se_a² + se_b²)

because the two estimates come from **independent samples** (two waves, or our survey and another
municipality's published table); the covariance is taken as 0. A reference published as aggregates may lack a
standard error: it is then treated as known without error (se_b = 0), which makes the test a one-sample test
against a fixed value, and the output says so in `reference_se` (`"unknown (taken as 0)"`).

The test is two-sided on the normal distribution (z = difference / se): the two designs have different degrees
of freedom, and for the sample sizes of a school survey the t and normal quantiles agree to the third digit.
`significant` is p < 1 − level; `direction` says `higher` / `lower` when significant.
"""

from __future__ import annotations

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
        p = np.where(se > 0, 2 * stats.norm.sf(np.abs(zval)), np.where(diff == 0, 1.0, 0.0))
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
