"""The public face of a result table: rounded figures, no RSE or design effect, one neutral label.

Public outputs — the API for callers without microdata rights, the result CSV of the dashboard, the reports
and partners' dashboards — show what the disclosure audit of :mod:`kansrijk.analysis.linked` assumes a reader
sees, and no more:

- estimates, confidence bounds, standard errors and differences to 0.1 point (a proportion to 3 decimals of
  its share) or, for means, to 0.1 unit; p-values to 3 decimals;
- weighted sizes to the nearest 10; the count of pupils with the answer (``n_yes``) not at all;
- no relative standard error and no design effect (they would let a reader work back to the unrounded
  estimate and its variance);
- a suppressed cell carries :data:`NOT_PUBLISHED` instead of its reason: the reason ("fewer than 3 pupils
  said yes") is itself a disclosure. Analysts keep reasons and full precision in their own exports.
"""

from __future__ import annotations

import polars as pl

#: The one label of a withheld cell in every public output.
NOT_PUBLISHED = "niet gepubliceerd"

#: Figures on the estimate's scale, rounded like the estimate.
ON_ESTIMATE_SCALE = (
    "estimate", "se", "ci_low", "ci_high", "prev_estimate", "trend_difference", "trend_se",
    "reference_estimate",
)  # fmt: skip
#: p-values, rounded to 3 decimals.
P_VALUES = ("trend_p", "reference_p", "vs_total_p", "vs_total_q", "trend_q", "reference_q")
#: Never public.
LEFT_OUT = ("rse", "deff", "n_yes")


def decimals(unit: object) -> int:
    """Decimals of a public figure: a percentage as a share to 0.1 point (3), a mean to 0.1 unit (1)."""
    return 3 if unit == "percentage" else 1


def public_table(table: pl.DataFrame, *, drop: bool = False) -> pl.DataFrame:
    """``table`` as the public may see it. ``drop`` removes the left-out columns instead of nulling them."""
    pct = pl.col("unit") == "percentage" if "unit" in table.columns else pl.lit(True)
    exprs: list[pl.Expr] = []
    for c in ON_ESTIMATE_SCALE:
        if c in table.columns:
            exprs.append(pl.when(pct).then(pl.col(c).round(3)).otherwise(pl.col(c).round(1)).alias(c))
    exprs += [pl.col(c).round(3).alias(c) for c in P_VALUES if c in table.columns]
    if "weighted_n" in table.columns:
        exprs.append(((pl.col("weighted_n") / 10).round(0) * 10).alias("weighted_n"))
    if "suppressed" in table.columns:
        exprs.append(
            pl.when(pl.col("suppressed").is_not_null()).then(pl.lit(NOT_PUBLISHED)).alias("suppressed")
        )
    out = table.with_columns(exprs) if exprs else table
    present = [c for c in LEFT_OUT if c in out.columns]
    if drop:
        return out.drop(present)
    return out.with_columns(pl.lit(None, dtype=out.schema[c]).alias(c) for c in present)
