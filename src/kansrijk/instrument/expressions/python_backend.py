"""Per-respondent evaluation: the typed tree compiled once into nested Python closures.

The web questionnaire evaluates ``relevant`` and ``constraint`` on every page save, so this must be cheap:
no parsing, no tree walking at evaluation time. Semantics mirror :mod:`polars_backend` exactly (Kleene logic,
null in → null out, division by zero and overflow → null); a property test keeps them in step.

``answers`` maps item names to values: numbers, text codes, and for a select_multiple either a collection of
codes (``{"a", "c"}``), a space-separated text (``"a c"``) or the snapshot's flat boolean columns
(``{"x__a": True, "x__c": False}``). ``None`` or a missing key means no value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Mapping
from typing import Any

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
    Typed,
)
from kansrijk.instrument.expressions.values import INT_LIMIT, finite, parse_number
from kansrijk.snapshot import choice_column

Answers = Mapping[str, Any]
Fn = Callable[[Answers, Any], Any]

#: Marker for "the caller did not pass a current value": then ``.`` reads the current item from answers.
MISSING: Any = object()

_CMP: dict[str, Callable[[Any, Any], bool]] = {
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _as_num(v: Any) -> float | None:
    if v is None:
        return None
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, int | float):
        return finite(float(v))
    return parse_number(str(v))


def _as_str(v: Any) -> str | None:
    if v is None or isinstance(v, str):
        return v
    return str(v)


def _raw(name: str, is_current: bool) -> Fn:
    if is_current:
        return lambda a, cur: a.get(name) if cur is MISSING else cur
    return lambda a, cur: a.get(name)


def _selection(
    name: str, choices: tuple[str, ...], is_current: bool
) -> Callable[[Answers, Any], set[str] | None]:
    """The selected codes of a select_multiple in whatever shape the answers hold them, or None."""
    flat = tuple(choice_column(name, c) for c in choices)

    def get(a: Answers, cur: Any) -> set[str] | None:
        if is_current and cur is not MISSING:
            v = cur
        elif name in a:
            v = a[name]
        else:
            flags = [a.get(f) for f in flat]
            if all(f is None for f in flags):
                return None
            return {c for c, f in zip(choices, flags, strict=True) if f}
        if v is None:
            return None
        if isinstance(v, str):
            return set(v.split())
        if isinstance(v, Collection):
            return {str(x) for x in v}
        return {str(v)}

    return get


def compile_python(node: Typed) -> Fn:
    """Compile a typed tree into a function ``(answers, current) -> value``."""
    match node:
        case Lit(value):
            return lambda a, cur: value
        case Col(name, typ, is_current):
            raw = _raw(name, is_current)
            if typ == "num":
                return lambda a, cur: _as_num(raw(a, cur))
            return lambda a, cur: _as_str(raw(a, cur))
        case MultiJoin(name, choices, is_current):
            sel = _selection(name, choices, is_current)

            def join(a: Answers, cur: Any) -> str | None:
                s = sel(a, cur)
                return None if s is None else " ".join(c for c in choices if c in s)

            return join
        case MultiSelected(name, code, is_current):
            column = choice_column(name, code)
            sel = _selection(name, (code,), is_current)

            def selected(a: Answers, cur: Any) -> bool | None:
                if not (is_current and cur is not MISSING) and name not in a:
                    v = a.get(column)
                    return None if v is None else bool(v)
                s = sel(a, cur)
                return None if s is None else code in s

            return selected
        case CountSelected(name, choices, is_current):
            sel = _selection(name, choices, is_current)

            def count(a: Answers, cur: Any) -> float | None:
                s = sel(a, cur)
                return None if s is None else float(sum(1 for c in choices if c in s))

            return count
        case ToNum(operand):
            f = compile_python(operand)
            return lambda a, cur: _as_num(f(a, cur))
        case Not(operand):
            f = compile_python(operand)

            def not_(a: Answers, cur: Any) -> bool | None:
                v = f(a, cur)
                return None if v is None else not v

            return not_
        case Logic(op, left, right):
            lf, rf = compile_python(left), compile_python(right)
            if op == "and":

                def and_(a: Answers, cur: Any) -> bool | None:
                    x = lf(a, cur)
                    if x is False:
                        return False
                    y = rf(a, cur)
                    if y is False:
                        return False
                    return None if x is None or y is None else True

                return and_

            def or_(a: Answers, cur: Any) -> bool | None:
                x = lf(a, cur)
                if x is True:
                    return True
                y = rf(a, cur)
                if y is True:
                    return True
                return None if x is None or y is None else False

            return or_
        case Cmp(op, left, right):
            lf, rf, cmp = compile_python(left), compile_python(right), _CMP[op]

            def compare(a: Answers, cur: Any) -> bool | None:
                x = lf(a, cur)
                if x is None:
                    return None
                y = rf(a, cur)
                return None if y is None else cmp(x, y)

            return compare
        case Arith(op, left, right):
            return _arith(op, compile_python(left), compile_python(right))
        case Negate(operand):
            f = compile_python(operand)
            return lambda a, cur: None if (v := f(a, cur)) is None else -v
        case If(cond, then, otherwise):
            cf, tf, of = compile_python(cond), compile_python(then), compile_python(otherwise)
            return lambda a, cur: tf(a, cur) if cf(a, cur) is True else of(a, cur)
        case Coalesce(args):
            fs = tuple(compile_python(x) for x in args)

            def coalesce(a: Answers, cur: Any) -> Any:
                for f in fs:
                    v = f(a, cur)
                    if v is not None:
                        return v
                return None

            return coalesce
        case Agg(kind, args, need):
            return _agg(kind, tuple(compile_python(x) for x in args), need)
        case StrLen(operand):
            f = compile_python(operand)
            return lambda a, cur: None if (v := f(a, cur)) is None else float(len(v))
        case Regex(operand, pattern):
            f, rx = compile_python(operand), re.compile(pattern)
            return lambda a, cur: None if (v := f(a, cur)) is None else rx.search(v) is not None
        case Trunc(operand):
            f = compile_python(operand)
            return lambda a, cur: (
                None if (v := f(a, cur)) is None or not -INT_LIMIT < v < INT_LIMIT else float(math.trunc(v))
            )
        case Round(operand, digits):
            f, scale = compile_python(operand), 10.0**digits

            def round_(a: Answers, cur: Any) -> float | None:
                v = f(a, cur)
                if v is None:
                    return None
                y = abs(v) * scale + 0.5
                if not math.isfinite(y):
                    return None
                sign = (v > 0) - (v < 0)
                return finite(math.floor(y) / scale * sign)

            return round_
    raise AssertionError(node)  # pragma: no cover


def _arith(op: str, lf: Fn, rf: Fn) -> Fn:
    def arith(a: Answers, cur: Any) -> float | None:
        x, y = lf(a, cur), rf(a, cur)
        if x is None or y is None:
            return None
        if op == "+":
            return finite(x + y)
        if op == "-":
            return finite(x - y)
        if op == "*":
            return finite(x * y)
        return None if y == 0 else finite(x / y)

    return arith


def _agg(kind: str, fs: tuple[Fn, ...], need: int) -> Fn:
    def agg(a: Answers, cur: Any) -> float | None:
        values = [v for f in fs if (v := f(a, cur)) is not None]
        if kind in ("max", "min"):
            return (max if kind == "max" else min)(values) if values else None
        if len(values) < need:
            return None
        total = 0.0
        for v in values:
            total += v
        if kind == "sum":
            return finite(total)
        return finite(total / len(values))

    return agg
