"""Skip logic and constraints for whole frames (analysis, synthetic data) and for one respondent (web).

An item is asked when its own ``relevant`` and those of all groups around it hold. A condition that is null
(it refers to an unanswered item) counts as *not asked*, as in ODK, where a non-relevant answer is cleared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl

from kansrijk.instrument.expressions import CompiledExpression, ExpressionContext, compile_expression
from kansrijk.instrument.expressions.python_backend import MISSING, Answers

if TYPE_CHECKING:
    from kansrijk.instrument.model import Instrument


def _relevant_texts(instrument: Instrument, item_name: str) -> list[str]:
    item = instrument.item(item_name)
    texts = [g.relevant for g in instrument.ancestors(item_name) if g.relevant]
    if item.relevant:
        texts.append(item.relevant)
    return texts


def relevance_mask(instrument: Instrument, item_name: str) -> pl.Expr:
    """Boolean Polars expression: was ``item_name`` asked (its own and its parent groups' relevant)?

    Never null: an undecidable condition means the item was not asked.
    """
    ctx = ExpressionContext.from_instrument(instrument)
    mask = pl.lit(True)
    for text in _relevant_texts(instrument, item_name):
        mask = mask & compile_expression(text, ctx, expect="bool").to_polars().fill_null(False)
    return mask.alias(item_name)


class Conditions:
    """All ``relevant`` and ``constraint`` conditions of one instrument, compiled once.

    Built lazily by :attr:`Instrument.conditions`; the web questionnaire calls :meth:`is_relevant` and
    :meth:`violates_constraint` on every page save without parsing anything.
    """

    def __init__(self, instrument: Instrument) -> None:
        ctx = ExpressionContext.from_instrument(instrument)
        self._relevant: dict[str, tuple[CompiledExpression, ...]] = {}
        self._constraint: dict[str, CompiledExpression] = {}
        for item in instrument.items:
            self._relevant[item.name] = tuple(
                compile_expression(t, ctx, expect="bool") for t in _relevant_texts(instrument, item.name)
            )
            if item.constraint:
                self._constraint[item.name] = compile_expression(
                    item.constraint, ctx, current=item.name, expect="bool"
                )

    def is_relevant(self, item_name: str, answers: Answers) -> bool:
        """True when the item should be asked given the answers so far (null conditions → not asked)."""
        return all(c.evaluate(answers) is True for c in self._relevant[item_name])

    def violates_constraint(self, item_name: str, answers: Answers, value: Any = MISSING) -> bool:
        """True when an answer is given and its constraint is false. No answer, or an undecidable
        constraint, is not a violation (``required`` is a separate check)."""
        compiled = self._constraint.get(item_name)
        if compiled is None:
            return False
        current = answers.get(item_name) if value is MISSING else value
        if current is None or current == "" or current == ():
            return False
        return compiled.evaluate(answers, current) is False
