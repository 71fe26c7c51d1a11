"""The result table of the analysis contract as Polars frames: check, normalise, compare two runs.

Pure functions (no database): services store what these return, views and reports read frames built by
:func:`frame_from_records`. Contract: docs/developers/result-table.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import polars as pl

from .constants import CHANGE_TOLERANCE, CHANGES_LISTED

#: Columns of the result table and their Polars types, in contract order.
SCHEMA: dict[str, Any] = {
    "indicator": pl.String,
    "unit": pl.String,
    "domain_type": pl.String,
    "domain": pl.String,
    "estimate": pl.Float64,
    "se": pl.Float64,
    "ci_low": pl.Float64,
    "ci_high": pl.Float64,
    "df": pl.Int64,
    "n": pl.Int64,
    "n_yes": pl.Int64,
    "weighted_n": pl.Float64,
    "deff": pl.Float64,
    "rse": pl.Float64,
    "suppressed": pl.String,
    "reliability": pl.String,
    "vs_total": pl.String,
    "prev_estimate": pl.Float64,
    "trend_difference": pl.Float64,
    "trend_se": pl.Float64,
    "trend_p": pl.Float64,
    "trend": pl.String,
    "reference_estimate": pl.Float64,
    "reference_p": pl.Float64,
    "reference": pl.String,
    "comparable_hash": pl.String,
}
REQUIRED = ("indicator", "unit", "domain_type", "domain", "estimate", "ci_low", "ci_high", "n", "suppressed")
#: Columns that must be null in a suppressed row: a withheld cell never carries a number downstream.
WITHHELD = (
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "rse",
    "prev_estimate",
    "trend_difference",
    "trend_se",
    "trend_p",
    "trend",
    "vs_total",
    "reference_p",
    "reference",
    "n_yes",
    "weighted_n",
    "deff",
)


class ResultTableError(ValueError):
    """The analysis handed over a table that does not follow the contract (names the column and the fix)."""


def normalise(table: pl.DataFrame) -> pl.DataFrame:
    """The table in contract column order and types; missing optional columns added as null.

    Suppressed rows are blanked in every number-bearing column even if the analysis left one in, so nothing
    stored can leak a withheld figure (defence in depth behind the pipeline's own disclosure control).
    """
    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        raise ResultTableError(
            f"result table: column(s) {missing} missing; the analysis must follow "
            "docs/developers/result-table.md"
        )
    exprs = []
    for name, dtype in SCHEMA.items():
        if name in table.columns:
            exprs.append(pl.col(name).cast(dtype, strict=False).alias(name))
        else:
            exprs.append(pl.lit(None, dtype=dtype).alias(name))
    out = table.select(exprs).with_columns(
        pl.col("domain").fill_null(""),
        pl.col("reliability").fill_null(""),
        pl.col("comparable_hash").fill_null(""),
    )
    is_suppressed = pl.col("suppressed").is_not_null()
    return out.with_columns(
        [pl.when(is_suppressed).then(None).otherwise(pl.col(c)).alias(c) for c in WITHHELD]
    )


def records(table: pl.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts ready for ``ResultRow(**row)`` (NaN becomes None)."""
    out = []
    for row in normalise(table).iter_rows(named=True):
        out.append({k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()})
    return out


def frame_from_records(rows: Iterable[Mapping[str, Any]]) -> pl.DataFrame:
    """A result table from stored rows (``ResultRow.objects.values(...)``), in contract schema."""
    data = [{k: r.get(k) for k in SCHEMA} for r in rows]
    if not data:
        return pl.DataFrame(schema=SCHEMA)
    return pl.DataFrame(data, schema=SCHEMA)


def _key(row: Mapping[str, Any]) -> tuple[str, str, str]:
    return (str(row["indicator"]), str(row["domain_type"]), str(row["domain"] or ""))


def _differs(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return (a is None) != (b is None)
    return abs(a - b) > CHANGE_TOLERANCE


def changes_between(old: pl.DataFrame, new: pl.DataFrame) -> dict[str, Any]:
    """What a republication changes: counts and the first changed cells, JSON-ready.

    Compared per (indicator, domain_type, domain): estimates and CIs that moved, cells newly suppressed or
    released, trend and reference flags that flipped, cells added or removed. ``listed`` holds at most
    :data:`CHANGES_LISTED` changes, largest estimate moves first.
    """
    before = {_key(r): r for r in normalise(old).iter_rows(named=True)}
    after = {_key(r): r for r in normalise(new).iter_rows(named=True)}
    counts = dict.fromkeys(("changed", "newly_suppressed", "released", "flag_changed", "added", "removed"), 0)
    listed: list[dict[str, Any]] = []
    for key in sorted(before.keys() | after.keys()):
        a, b = before.get(key), after.get(key)
        item: dict[str, Any] = {"indicator": key[0], "domain_type": key[1], "domain": key[2]}
        if a is None:
            counts["added"] += 1
            listed.append(item | {"kind": "added", "after": b and b["estimate"]})
            continue
        if b is None:
            counts["removed"] += 1
            listed.append(item | {"kind": "removed", "before": a["estimate"]})
            continue
        if a["suppressed"] is None and b["suppressed"] is not None:
            counts["newly_suppressed"] += 1
            listed.append(item | {"kind": "newly_suppressed", "reason": b["suppressed"]})
            continue
        if a["suppressed"] is not None and b["suppressed"] is None:
            counts["released"] += 1
            listed.append(item | {"kind": "released", "after": b["estimate"]})
            continue
        if any(_differs(a[c], b[c]) for c in ("estimate", "ci_low", "ci_high")):
            counts["changed"] += 1
            listed.append(item | {"kind": "changed", "before": a["estimate"], "after": b["estimate"]})
        if any(a[c] != b[c] for c in ("trend", "reference", "vs_total")):
            counts["flag_changed"] += 1
            listed.append(
                item
                | {
                    "kind": "flag_changed",
                    "trend": [a["trend"], b["trend"]],
                    "reference": [a["reference"], b["reference"]],
                    "vs_total": [a["vs_total"], b["vs_total"]],
                }
            )

    def size(item: dict[str, Any]) -> float:
        if item["kind"] == "changed" and item["before"] is not None and item["after"] is not None:
            return abs(item["after"] - item["before"])
        return math.inf  # suppression and structure changes first

    listed.sort(key=lambda i: (-size(i), i["indicator"], i["domain_type"], i["domain"]))
    return {"counts": counts, "total": sum(counts.values()), "listed": listed[:CHANGES_LISTED]}
