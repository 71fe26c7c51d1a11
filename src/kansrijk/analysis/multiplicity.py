"""Guard against chance findings: Benjamini–Hochberg per family of tests and a minimal relevant difference.

A wave publishes hundreds of tests (every indicator × wijk against the rest, every trend, the reference). At a
5 % level each, about one in twenty true "no difference"s is flagged; on a map of 10 wijken × 50 indicators
that is some 25 coloured cells by chance. Kansrijk therefore flags a difference only when

1. its **Benjamini–Hochberg q-value** (Benjamini & Hochberg 1995; R ``p.adjust(p, method = "BH")``) is below
   `fdr` (default 0.05) within its **family** — every published test of one kind (versus the rest, trend,
   reference, risk group, factor) for one domain type in one wave, over all indicators. Hidden (suppressed)
   and non-estimable cells are no test and stay out of the family (their p is null);
2. **and** the difference is at least the minimal relevant difference: 3 percentage points for percentages
   by default (Dutch health monitors use 3–5 points as the smallest difference worth a policy response), none
   for means unless a municipality sets one.

q_(i) = min_{j ≥ i} min(1, m · p_(j) / j) over the m ordered p-values of the family, exactly R's algorithm
(``cummin`` over the decreasing order), so ties and the value 1 behave as in R.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl


@dataclass(frozen=True)
class GuardRules:
    """The false discovery rate per family and the minimal relevant differences (0–1 for percentages)."""

    fdr: float = 0.05
    min_difference_percentage: float = 0.03
    min_difference_mean: float | None = None


@dataclass(frozen=True)
class TestKind:
    """One kind of test in the result table: where its p-value and difference are, and which flag it sets."""

    name: str
    p_value: str
    difference: str
    flag: str
    none: str  # the flag's value for "no (relevant) difference"


#: The kinds of test of the result table (``docs/developers/result-table.md``).
RESULT_TESTS = (
    TestKind("vs_total", "vs_total_p", "vs_total_difference", "vs_total", "no_difference"),
    TestKind("trend", "trend_p", "trend_difference", "trend", "no_change"),
    TestKind("reference", "reference_p", "reference_difference", "reference", "no_difference"),
)


def bh_adjust(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg q-values, R's ``p.adjust(p, "BH")``; NaN stays NaN and is not counted in m."""
    p = np.asarray(p, dtype=float)
    q = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    values = p[ok]
    m = values.size
    if m == 0:
        return q
    order = np.argsort(-values, kind="stable")  # decreasing, as R's order(p, decreasing = TRUE)
    rank = np.arange(m, 0, -1)
    adjusted = np.minimum(1.0, np.minimum.accumulate(m / rank * values[order]))
    out = np.empty(m)
    out[order] = adjusted
    q[ok] = out
    return q


def guard(
    table: pl.DataFrame,
    kinds: Sequence[TestKind] = RESULT_TESTS,
    rules: GuardRules | None = None,
    *,
    family: Sequence[str] = ("domain_type",),
    unit: str = "unit",
) -> pl.DataFrame:
    """Set each kind's flag from its family-wise q-value and the minimal relevant difference.

    Adds ``<kind>_q`` (the BH q-value, null where there was no test) and ``<kind>_raw`` (the flag at p < fdr
    without the guard, for the record) and rewrites ``<kind>`` to ``higher`` / ``lower`` only where
    q < fdr and |difference| >= the minimal relevant difference of the row's unit; other tested rows get the
    kind's "none" value, rows without a test null. A kind whose columns are absent is left alone.
    """
    r = rules or GuardRules()
    out = table
    if "reliability" in out.columns:  # a non-estimable variance is no test (its SE is not published)
        inestimable = pl.col("reliability") == "not_estimable"
        out = out.with_columns(
            pl.when(inestimable).then(None).otherwise(pl.col(c)).alias(c)
            for kind in kinds
            for c in (kind.p_value, kind.flag)
            if c in out.columns
        )
    for kind in kinds:
        if kind.p_value not in out.columns or kind.difference not in out.columns:
            continue
        out = out.with_row_index("__guard_row")
        tested = out.filter(pl.col(kind.p_value).is_not_null() & pl.col(kind.p_value).is_not_nan())
        parts = []
        for _, group in tested.group_by(list(family), maintain_order=True):
            q = bh_adjust(group[kind.p_value].to_numpy())
            parts.append(group.select("__guard_row").with_columns(pl.Series("__q", q)))
        q_frame = (
            pl.concat(parts) if parts else pl.DataFrame(schema={"__guard_row": pl.UInt32, "__q": pl.Float64})
        )
        out = out.join(q_frame, on="__guard_row", how="left").sort("__guard_row")
        minimal = (
            pl.when(pl.col(unit) == "percentage")
            .then(pl.lit(r.min_difference_percentage))
            .otherwise(pl.lit(r.min_difference_mean or 0.0))
            if unit in out.columns
            else pl.lit(0.0)
        )
        diff = pl.col(kind.difference)
        direction = pl.when(diff > 0).then(pl.lit("higher")).otherwise(pl.lit("lower"))
        out = out.with_columns(
            pl.when(pl.col("__q").is_null())
            .then(None)
            .when(pl.col(kind.p_value) < r.fdr)
            .then(direction)
            .otherwise(pl.lit(kind.none))
            .alias(f"{kind.name}_raw"),
            pl.when(pl.col("__q").is_null())
            .then(None)
            .when((pl.col("__q") < r.fdr) & (diff.abs() >= minimal))
            .then(direction)
            .otherwise(pl.lit(kind.none))
            .alias(kind.flag),
            pl.col("__q").alias(f"{kind.name}_q"),
        ).drop("__q", "__guard_row")
    return out


def flag_counts(table: pl.DataFrame, kinds: Sequence[TestKind] = RESULT_TESTS) -> dict[str, dict[str, int]]:
    """Per kind: rows tested, flagged without the guard (``raw``) and with it (``guarded``)."""
    counts = {}
    for kind in kinds:
        if f"{kind.name}_raw" not in table.columns:
            continue
        raw = int(table[f"{kind.name}_raw"].is_in(["higher", "lower"]).sum())
        guarded = int(table[kind.flag].is_in(["higher", "lower"]).sum())
        tests = int(table[f"{kind.name}_q"].is_not_null().sum())
        counts[kind.name] = {"tests": tests, "raw": raw, "guarded": guarded}
    return counts


#: The plain Dutch sentence shown wherever significance is shown (dashboards, maps, reports).
SENTENCE_NL = (
    "'Hoger' of 'lager' staat er alleen als het verschil groter is dan toeval bij zoveel vergelijkingen "
    "waarschijnlijk maakt, en groot genoeg is om ertoe te doen (bij percentages minstens 3 procentpunten)."
)
SENTENCE_EN = (
    "'Higher' or 'lower' is shown only where a difference is larger than chance would make likely across so "
    "many comparisons, and large enough to matter (for percentages at least 3 percentage points)."
)
