"""Vectorised evaluation: the typed tree compiled into one Polars expression.

The analysis evaluates indicator definitions over a whole snapshot (up to a million rows) in one pass. Data
follow Snapshot v1: select_one → text column of codes, select_multiple → boolean columns ``item__code``,
integer/decimal → numbers, null = no value. Semantics mirror :mod:`python_backend` exactly; see
``docs/methods/expressions.md``.
"""

from __future__ import annotations

import polars as pl

from kansrijk.instrument.expressions.checker import (
    Agg,
    Arith,
    Cmp,
    Coalesce,
    Col,
    CountSelected,
    If,
    Lit,
    Logic,
    MultiJoin,
    MultiSelected,
    Negate,
    Not,
    Regex,
    Round,
    StrLen,
    ToNum,
    Trunc,
    Type,
    Typed,
)
from kansrijk.snapshot import choice_column

_DTYPES: dict[Type, type[pl.DataType]] = {
    "bool": pl.Boolean,
    "num": pl.Float64,
    "str": pl.String,
    "date": pl.String,
}


_NOT_FINITE = [float("inf"), float("-inf"), float("nan")]


def _finite(e: pl.Expr) -> pl.Expr:
    """inf/NaN → null, as in the Python back end. One unary step on purpose: ``when(e.is_finite()).then(e)``
    or ``fill_nan`` repeat ``e``, and nested expressions would then grow exponentially."""
    return e.replace(_NOT_FINITE, None)


def _has_columns(node: Typed) -> bool:
    """Whether a typed subtree reads any column (else Polars treats it as a scalar)."""
    if isinstance(node, Col | MultiJoin | MultiSelected | CountSelected):
        return True
    if isinstance(node, Lit):
        return False
    return any(_has_columns(child) for child in _typed_children(node))


def _typed_children(node: Typed) -> tuple[Typed, ...]:
    if isinstance(node, Logic | Cmp | Arith):
        return (node.left, node.right)
    if isinstance(node, If):
        return (node.cond, node.then, node.otherwise)
    if isinstance(node, Coalesce | Agg):
        return node.args
    if isinstance(node, ToNum | Not | Negate | StrLen | Regex | Trunc | Round):
        return (node.operand,)
    return ()


def _per_row(divisor: pl.Expr, dividend: pl.Expr) -> pl.Expr:
    """The divisor broadcast to the dividend's rows.

    Polars divides a column by a *scalar* as multiplication by its reciprocal (137 / 10 → 13.700000000000001);
    Python divides exactly. Broadcasting the divisor first makes Polars divide element by element, so the two
    back ends give bit-identical results.
    """
    return pl.when(dividend.is_not_null()).then(divisor)


def _flags(name: str, choices: tuple[str, ...]) -> list[pl.Expr]:
    return [pl.col(choice_column(name, c)) for c in choices]


def _any_answered(flags: list[pl.Expr]) -> pl.Expr:
    return pl.any_horizontal([f.is_not_null() for f in flags]) if flags else pl.lit(False)


def compile_polars(node: Typed) -> pl.Expr:
    """Compile a typed tree into a Polars expression over a Snapshot-shaped frame."""
    match node:
        case Lit(value, typ):
            # A full-length column, not a scalar: Polars (2.1) returns a length-1 result for `when/then` whose
            # condition is false on every row (e.g. an item nobody answered), and `literal <op> that` then
            # fails to broadcast ("length 1 doesn't match the DataFrame height"). Found by the property test.
            return pl.repeat(value, pl.len(), dtype=_DTYPES[typ])
        case Col(name, typ):
            if typ == "num":
                return pl.col(name).cast(pl.Float64, strict=False)
            return pl.col(name).cast(pl.String)
        case MultiJoin(name, choices):
            flags = _flags(name, choices)
            if not flags:
                return pl.lit(None, dtype=pl.String)
            parts = [pl.when(f).then(pl.lit(c)) for f, c in zip(flags, choices, strict=True)]
            joined = pl.concat_str(parts, separator=" ", ignore_nulls=True)
            return pl.when(_any_answered(flags)).then(joined)
        case MultiSelected(name, code):
            return pl.col(choice_column(name, code)).cast(pl.Boolean)
        case CountSelected(name, choices):
            flags = _flags(name, choices)
            if not flags:
                return pl.lit(None, dtype=pl.Float64)
            total = pl.sum_horizontal([f.cast(pl.Float64) for f in flags])
            return pl.when(_any_answered(flags)).then(total)
        case ToNum(operand):
            inner = compile_polars(operand)
            if operand.type == "bool":
                return inner.cast(pl.Float64)
            # Polars' lenient cast accepts exactly the texts values.NUMBER_BODY describes once inf/NaN are
            # dropped (checked by a property test on random text); a regex here would cost 10x.
            return _finite(inner.cast(pl.Float64, strict=False))
        case Not(operand):
            return ~compile_polars(operand)
        case Logic(op, left, right):
            lx, rx = compile_polars(left), compile_polars(right)
            return lx & rx if op == "and" else lx | rx
        case Cmp(op, left, right):
            return _compare(op, compile_polars(left), compile_polars(right))
        case Arith(op, left, right):
            lx, rx = compile_polars(left), compile_polars(right)
            if op == "+":
                return _finite(lx + rx)
            if op == "-":
                return _finite(lx - rx)
            if op == "*":
                return _finite(lx * rx)
            # x / 0 gives ±inf or NaN, which _finite turns into null, as the Python back end does
            return _finite(lx / (rx if _has_columns(right) else _per_row(rx, lx)))
        case Negate(operand):
            return -compile_polars(operand)
        case If(cond, then, otherwise):
            return (
                pl.when(compile_polars(cond)).then(compile_polars(then)).otherwise(compile_polars(otherwise))
            )
        case Coalesce(args):
            return pl.coalesce([compile_polars(a) for a in args])
        case Agg(kind, args, need):
            xs = [compile_polars(a) for a in args]
            if kind == "max":
                return pl.max_horizontal(xs)
            if kind == "min":
                return pl.min_horizontal(xs)
            total = pl.sum_horizontal(xs)
            answered = pl.sum_horizontal([x.is_not_null().cast(pl.Int32) for x in xs])
            result = total if kind == "sum" else total / answered
            return _finite(pl.when(answered >= need).then(result))
        case StrLen(operand):
            return compile_polars(operand).str.len_chars().cast(pl.Float64)
        case Regex(operand, pattern):
            return compile_polars(operand).str.contains(pattern)
        case Trunc(operand):
            return compile_polars(operand).cast(pl.Int64, strict=False).cast(pl.Float64)
        case Round(operand, digits):
            x, scale = compile_polars(operand), 10.0**digits
            whole = (x.abs() * scale + 0.5).floor()
            return _finite(whole / _per_row(pl.lit(scale), whole) * x.sign())
    raise AssertionError(node)  # pragma: no cover


def _compare(op: str, lx: pl.Expr, rx: pl.Expr) -> pl.Expr:
    if op == "=":
        return lx == rx
    if op == "!=":
        return lx != rx
    if op == "<":
        return lx < rx
    if op == "<=":
        return lx <= rx
    if op == ">":
        return lx > rx
    return lx >= rx
