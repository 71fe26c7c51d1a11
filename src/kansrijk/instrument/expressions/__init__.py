"""A small, safe, XLSForm-compatible expression language compiled to Polars and to Python closures.

Parse once (:func:`compile_expression`), then evaluate a million rows with
:meth:`CompiledExpression.to_polars` or one respondent with :meth:`CompiledExpression.evaluate`.
Nothing is ever ``eval``-ed. The language and its null semantics: ``docs/methods/expressions.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import polars as pl

from kansrijk.instrument.expressions.checker import (
    FUNCTIONS,
    ExpressionContext,
    MinAnswered,
    Type,
    Typed,
    Variable,
    check,
)
from kansrijk.instrument.expressions.errors import ExpressionError
from kansrijk.instrument.expressions.polars_backend import compile_polars
from kansrijk.instrument.expressions.python_backend import MISSING, Answers, Fn, compile_python
from kansrijk.instrument.expressions.syntax import Node, parse, references, unparse

if TYPE_CHECKING:
    from kansrijk.instrument.model import Instrument

__all__ = [
    "FUNCTIONS",
    "CompiledExpression",
    "ExpressionContext",
    "ExpressionError",
    "Variable",
    "compile_expression",
    "evaluate",
    "parse",
    "to_polars",
    "unparse",
]

Expect = Literal["bool", "num", "str", "date"]


@dataclass(frozen=True)
class CompiledExpression:
    """A parsed, type-checked expression, ready for both back ends."""

    text: str
    tree: Node = field(repr=False)
    typed: Typed = field(repr=False)
    type: Type
    references: frozenset[str]
    current: str | None = None
    _fn: Fn = field(repr=False, compare=False, default=lambda a, cur: None)

    @property
    def canonical(self) -> str:
        """The expression in canonical form (whitespace and redundant brackets do not matter)."""
        return unparse(self.tree)

    def evaluate(self, answers: Answers, current: Any = MISSING) -> Any:
        """Value for one respondent: ``True``/``False``/a float/text, or ``None`` for no value.

        ``current`` is the value ``.`` stands for; when left out it is read from ``answers`` under the
        current item's name.
        """
        return self._fn(answers, current)

    def to_polars(self) -> pl.Expr:
        """One vectorised Polars expression over a Snapshot-shaped frame."""
        return compile_polars(self.typed)


def _context(
    context: Instrument | ExpressionContext | Mapping[str, Variable] | None,
    answers: Answers | None,
    current: str | None,
    min_answered: MinAnswered,
) -> ExpressionContext:
    if isinstance(context, ExpressionContext):
        if current is None and min_answered is None:
            return context
        k = min_answered if min_answered is not None else context.min_answered
        return ExpressionContext(context.variables, current or context.current, k)
    if context is None:
        return ExpressionContext(_infer_variables(answers or {}), current, min_answered)
    if isinstance(context, Mapping):
        return ExpressionContext(context, current, min_answered)
    return ExpressionContext.from_instrument(context, current, min_answered)


def _infer_variables(answers: Answers) -> dict[str, Variable]:
    """Guess item kinds from one respondent's answers (only for ad-hoc use without an instrument)."""
    out: dict[str, Variable] = {}
    for name, value in answers.items():
        if isinstance(value, bool):
            continue
        if isinstance(value, int | float):
            out[name] = Variable("number")
        elif isinstance(value, list | tuple | set | frozenset):
            out[name] = Variable("select_multiple", tuple(sorted(str(v) for v in value)))
        else:
            out[name] = Variable("text")
    return out


def compile_expression(
    text: str,
    context: Instrument | ExpressionContext | Mapping[str, Variable] | None = None,
    *,
    current: str | None = None,
    min_answered: MinAnswered = None,
    expect: Expect | None = None,
) -> CompiledExpression:
    """Parse and type-check ``text`` against the items of ``context``; raises :class:`ExpressionError`.

    ``current`` names the item ``.`` stands for (constraints). ``min_answered`` applies to ``mean()`` and
    ``sum()``. ``expect="bool"`` insists on a condition (relevant, constraint, percentage indicators).
    """
    ctx = _context(context, None, current, min_answered)
    tree = parse(text)
    typed = check(tree, text, ctx)
    if expect is not None and typed.type != expect and not (expect == "str" and typed.type == "date"):
        words = {"bool": "a condition (true/false)", "num": "a number", "str": "text", "date": "a date"}
        raise ExpressionError(f"expected {words[expect]} but this gives {words[typed.type]}", 0, text)
    return CompiledExpression(
        text=text,
        tree=tree,
        typed=typed,
        type=typed.type,
        references=references(tree),
        current=ctx.current,
        _fn=compile_python(typed),
    )


def to_polars(
    expr: str | CompiledExpression,
    context: Instrument | ExpressionContext | Mapping[str, Variable] | None = None,
    **options: Any,
) -> pl.Expr:
    """A Polars expression for ``expr`` (text is compiled against ``context`` first)."""
    compiled = expr if isinstance(expr, CompiledExpression) else compile_expression(expr, context, **options)
    return compiled.to_polars()


def evaluate(
    expr: str | CompiledExpression,
    answers: Answers,
    current: Any = MISSING,
    context: Instrument | ExpressionContext | Mapping[str, Variable] | None = None,
) -> Any:
    """Evaluate for one respondent. Prefer compiling once and calling ``.evaluate`` in loops.

    Without a context, item kinds are guessed from ``answers`` (numbers, text, lists for select_multiple).
    """
    if isinstance(expr, CompiledExpression):
        return expr.evaluate(answers, current)
    ctx = _context(context, answers, None, None)
    return compile_expression(expr, ctx).evaluate(answers, current)
