"""Cleaning rules: each rule gives a boolean flag column and a count, overall and per school.

The rules are parameterised by column names (defaults: the OKO-kern items of
`docs/developers/oko-kern-contract.md`), so they need no instrument library. A flag never deletes
anything; the analyst decides which flags exclude a respondent (`exclude` in the result is the union of
`exclude_rules`).

Rules (flag column: a respondent is flagged when …):
- fictitious substance (`flag_fictitious`): `fict_life` is answered and not `"0"` (claims to have used the
  non-existent "Relevin");
- straight-lining (`flag_straightline_<group>`): every item of a matrix group (of at least
  `straightline_min_items` items) is answered, all with the same answer;
- speeder (`flag_speeder`): `duration_s` < `seconds_per_item` × number of answered items;
- too few answers (`flag_incomplete`): fewer than `min_answered_share` of the item columns answered;
- impossible combination (`flag_impossible`): any `(a, op, b)` rule holds, e.g. `alc_first_age > bg_age`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from kansrijk.analysis.errors import AnalysisError
from kansrijk.analysis.estimate import as_polars

OPERATORS = (">", ">=", "<", "<=", "==", "!=")


@dataclass(frozen=True)
class CleaningRules:
    """Thresholds and column names of the cleaning rules."""

    fictitious: str = "fict_life"
    fictitious_never: str = "0"
    matrix_groups: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("wb_mh", ("wb_mh_1", "wb_mh_2", "wb_mh_3", "wb_mh_4", "wb_mh_5")),
    )
    straightline_min_items: int = 5
    duration: str = "duration_s"
    seconds_per_item: float = 1.5
    min_answered_share: float = 0.5
    impossible: tuple[tuple[str, str, str], ...] = (("alc_first_age", ">", "bg_age"),)
    school: str = "school_id"
    exclude_rules: tuple[str, ...] = field(default=("flag_fictitious", "flag_incomplete"))


@dataclass(frozen=True)
class CleaningResult:
    """Flag columns (one row per respondent, data order) and counts per rule, overall and per school."""

    flags: pl.DataFrame
    report: pl.DataFrame  # rule, school (null = all), flagged, respondents


def _compare(a: pl.Expr, op: str, b: pl.Expr) -> pl.Expr:
    return {">": a > b, ">=": a >= b, "<": a < b, "<=": a <= b, "==": a == b, "!=": a != b}[op]


def clean_flags(data: Any, items: Sequence[str], rules: CleaningRules | None = None) -> CleaningResult:
    """Apply the rules of this module; `items` are the questionnaire's item columns (for counting answers)."""
    r = rules or CleaningRules()
    frame = as_polars(data)
    needed = {r.fictitious, r.duration, r.school, *items}
    needed |= {c for _, cols in r.matrix_groups for c in cols}
    needed |= {c for a, _, b in r.impossible for c in (a, b)}
    missing = sorted(c for c in needed if c not in frame.columns)
    if missing:
        raise AnalysisError(
            "cleaning", f"columns {missing} are not in the data", "pass the rules your columns' names"
        )
    for _, op, _ in r.impossible:
        if op not in OPERATORS:
            raise AnalysisError(
                "CleaningRules.impossible", f"unknown operator {op!r}", f"use one of {OPERATORS}"
            )
    answered = pl.sum_horizontal([pl.col(c).is_not_null().cast(pl.Int64) for c in items])
    exprs: dict[str, pl.Expr] = {
        "flag_fictitious": (
            pl.col(r.fictitious).is_not_null() & (pl.col(r.fictitious).cast(pl.String) != r.fictitious_never)
        ),
    }
    for name, cols in r.matrix_groups:
        if len(cols) < r.straightline_min_items:
            continue
        first = pl.col(cols[0]).cast(pl.String)
        exprs[f"flag_straightline_{name}"] = pl.all_horizontal(
            [pl.col(c).is_not_null() for c in cols] + [pl.col(c).cast(pl.String) == first for c in cols[1:]]
        )
    exprs["flag_speeder"] = pl.col(r.duration).cast(pl.Float64) < r.seconds_per_item * answered
    exprs["flag_incomplete"] = answered < r.min_answered_share * len(items)
    impossible = [
        _compare(pl.col(a).cast(pl.Float64), op, pl.col(b).cast(pl.Float64)) for a, op, b in r.impossible
    ]
    exprs["flag_impossible"] = pl.any_horizontal(impossible) if impossible else pl.lit(False)
    flags = frame.select(
        pl.col(r.school), *[e.fill_null(False).alias(n) for n, e in exprs.items()]
    ).with_columns(pl.any_horizontal([pl.col(c) for c in r.exclude_rules if c in exprs]).alias("exclude"))
    names = [*exprs, "exclude"]
    overall = flags.select(
        pl.lit(None, dtype=flags.schema[r.school]).alias(r.school),
        pl.len().alias("respondents"),
        *[pl.col(n).sum().alias(n) for n in names],
    )
    per_school = flags.group_by(r.school).agg(
        pl.len().alias("respondents"), *[pl.col(n).sum() for n in names]
    )
    report = (
        pl.concat([overall, per_school.sort(r.school)])
        .unpivot(index=[r.school, "respondents"], on=names, variable_name="rule", value_name="flagged")
        .select("rule", r.school, "flagged", "respondents")
    )
    return CleaningResult(flags.drop(r.school), report)


@dataclass(frozen=True)
class CleanedData:
    """The data with the flag columns and `__keep` (= not `exclude`) added, and the report."""

    data: pl.DataFrame
    report: pl.DataFrame


def item_columns(data: pl.DataFrame, instrument: Any) -> list[str]:
    """The answer columns of `instrument` present in `data` (an item, or its `item__choice` columns).

    Duck-typed on `instrument.items` (each with `name` and `answerable`), so this module needs no import of
    the instrument package.
    """
    names = [i.name for i in getattr(instrument, "items", ()) if getattr(i, "answerable", True)]
    columns = set(data.columns)
    out: list[str] = []
    for name in names:
        if name in columns:
            out.append(name)
        else:
            out.extend(c for c in data.columns if c.startswith(f"{name}__"))
    return out


def clean(data: Any, instrument: Any, rules: CleaningRules | None = None) -> CleanedData:
    """`clean_flags` with the items taken from the instrument; adds the flags and `__keep` to the data."""
    frame = as_polars(data)
    result = clean_flags(frame, item_columns(frame, instrument), rules)
    flags = result.flags.with_columns((~pl.col("exclude")).alias("__keep"))
    return CleanedData(pl.concat([frame, flags], how="horizontal"), result.report)


def rules_from_mapping(values: Mapping[str, Any]) -> CleaningRules:
    """A `CleaningRules` from a plain mapping (e.g. a municipality's settings), unknown keys refused."""
    known = set(CleaningRules.__dataclass_fields__)
    unknown = sorted(set(values) - known)
    if unknown:
        raise AnalysisError("cleaning rules", f"unknown settings {unknown}", f"use {sorted(known)}")
    return CleaningRules(**dict(values))
