"""Disclosure control for published tables: primary and complementary suppression, reliability flags.

Primary suppression of a cell (reasons joined with `;` in `suppressed`):
- `n<30` — fewer than `min_n` respondents answered (unweighted);
- `count<3` — for a proportion, fewer than `min_count` respondents gave the answer, or fewer than `min_count`
  did not (needs the unweighted `n_level` that `estimate()` returns for proportions);
- `rse>0.5` — the relative standard error exceeds `rse_suppress`. A published cell with RSE above
  `rse_caution` gets `reliability = "caution"`, else `"ok"`.

Complementary suppression: cells that add up to a published total are *siblings* — the domains along one `by`
column with the other `by` columns fixed (e.g. the grades within one gender; their total is the gender's
figure), and the answer levels of one categorical variable in one domain (they add up to 100%). Whenever a
sibling group has exactly one suppressed cell, the published sibling with the smallest n is suppressed too
(`complementary`), and this repeats until no group has a single suppressed cell. Suppressed cells lose
estimate, se, CI, deff, rse, weighted_n and n_level; n stays (it is what the reader is told is too small).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from kansrijk.analysis.compare import BASE


@dataclass(frozen=True)
class DisclosureRules:
    """Thresholds of disclosure control; a municipality may set its own (stricter) values."""

    min_n: int = 30
    min_count: int = 3
    rse_caution: float = 0.3
    rse_suppress: float = 0.5


HIDDEN = ("estimate", "se", "ci_low", "ci_high", "deff", "rse", "weighted_n", "n_level")


def _fmt(x: float) -> str:
    return f"{x:g}"


def suppress(
    table: pl.DataFrame,
    min_n: int | None = None,
    min_count: int | None = None,
    rse_caution: float | None = None,
    rse_suppress: float | None = None,
    hierarchy: Sequence[str] | None = None,
    *,
    rules: DisclosureRules | None = None,
    levels_add_up: bool = True,
) -> pl.DataFrame:
    """Apply the rules of this module to a table from `estimate()`.

    Keyword thresholds override `rules` (default `DisclosureRules()`). `hierarchy` lists the `by` columns
    whose domains add up to a published total (default: every `by` column of the table).
    """
    r = rules or DisclosureRules()
    min_n = r.min_n if min_n is None else min_n
    min_count = r.min_count if min_count is None else min_count
    rse_caution = r.rse_caution if rse_caution is None else rse_caution
    rse_suppress = r.rse_suppress if rse_suppress is None else rse_suppress
    by = [c for c in table.columns if c not in BASE]
    additive = list(by if hierarchy is None else hierarchy)

    t = table.with_row_index("__row")
    reasons = [
        pl.when(pl.col("n") < min_n).then(pl.lit(f"n<{min_n}")),
        pl.when(pl.col("rse").fill_null(0.0) > rse_suppress).then(pl.lit(f"rse>{_fmt(rse_suppress)}")),
    ]
    if "n_level" in t.columns and "statistic" in t.columns:
        is_prop = pl.col("statistic") == "proportion"
        few = (pl.col("n_level") < min_count) | ((pl.col("n") - pl.col("n_level")) < min_count)
        reasons.insert(1, pl.when(is_prop & few.fill_null(False)).then(pl.lit(f"count<{min_count}")))
    t = t.with_columns(
        pl.concat_str(reasons, separator=";", ignore_nulls=True).alias("suppressed")
    ).with_columns(
        pl.when(pl.col("suppressed") == "").then(None).otherwise(pl.col("suppressed")).alias("suppressed")
    )

    groups: list[list[str]] = []
    base_keys = [c for c in ("variable", "statistic") if c in t.columns]
    level_key = ["level"] if "level" in t.columns else []
    for col in additive:
        groups.append([*base_keys, *level_key, *[c for c in by if c != col]])
    if levels_add_up and level_key:
        groups.append([*base_keys, *by])
    changed = True
    while changed and groups:
        changed = False
        for keys in groups:
            flagged = t.with_columns(
                pl.col("suppressed").is_not_null().sum().over(keys).alias("__k"),
                pl.len().over(keys).alias("__size"),
            )
            if keys == [*base_keys, *by]:  # levels: only groups of a categorical variable add up
                flagged = flagged.filter(pl.col("level").is_not_null())
            lonely = flagged.filter(
                (pl.col("__k") == 1) & (pl.col("__size") > 1) & pl.col("suppressed").is_null()
            )
            if lonely.height == 0:
                continue
            pick = lonely.sort(["n", "__row"]).group_by(keys, maintain_order=True).first()
            rows = pick["__row"].to_list()
            t = t.with_columns(
                pl.when(pl.col("__row").is_in(rows))
                .then(pl.lit("complementary"))
                .otherwise(pl.col("suppressed"))
                .alias("suppressed")
            )
            changed = True

    hidden = pl.col("suppressed").is_not_null()
    t = t.with_columns(
        pl.when(hidden)
        .then(None)
        .when(pl.col("rse").fill_null(0.0) > rse_caution)
        .then(pl.lit("caution"))
        .otherwise(pl.lit("ok"))
        .alias("reliability"),
        *[pl.when(hidden).then(None).otherwise(pl.col(c)).alias(c) for c in HIDDEN if c in t.columns],
    )
    return t.drop("__row")
