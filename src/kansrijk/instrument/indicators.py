"""Indicator definitions compiled for the analysis: value and target population as Polars expressions."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from kansrijk.instrument.expressions import CompiledExpression, ExpressionContext, compile_expression
from kansrijk.instrument.model import Indicator, Instrument


@dataclass(frozen=True)
class CompiledIndicator:
    """An indicator ready for a vectorised pass over a snapshot.

    ``value()`` is 1.0/0.0 for percentages (so a mean of it is the proportion) and the number for means;
    ``population()`` is True for respondents that count: the denominator holds (blank = everyone) and the
    value is not null. Null semantics are those of ``docs/methods/expressions.md``.
    """

    indicator: Indicator
    expression: CompiledExpression
    denominator: CompiledExpression | None

    def value(self) -> pl.Expr:
        e = self.expression.to_polars()
        return (e.cast(pl.Float64) if self.indicator.unit == "percentage" else e).alias(self.indicator.code)

    def population(self) -> pl.Expr:
        mask = self.expression.to_polars().is_not_null()
        if self.denominator is not None:
            mask = mask & self.denominator.to_polars().fill_null(False)
        return mask.alias(f"{self.indicator.code}__population")


def compile_indicator(instrument: Instrument, indicator: Indicator | str) -> CompiledIndicator:
    """Compile an indicator of ``instrument`` (``min_answered`` blank = all items of a mean()/sum())."""
    ind = instrument.indicator(indicator) if isinstance(indicator, str) else indicator
    ctx = ExpressionContext.from_instrument(
        instrument, min_answered=ind.min_answered if ind.min_answered is not None else "all"
    )
    expression = compile_expression(ind.expression, ctx, expect="bool" if ind.unit == "percentage" else "num")
    denominator = compile_expression(ind.denominator, ctx, expect="bool") if ind.denominator else None
    return CompiledIndicator(ind, expression, denominator)
