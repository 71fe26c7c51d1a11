"""Comparability hashes: two waves' figures for an item or indicator may be compared only if these match.

A hash covers what changes the *meaning* of an answer or a figure: the Dutch wording (the reference text;
translations follow it), the type, the choices (codes and Dutch labels, in order), who is asked (the item's
own ``relevant`` and its groups') and the constraint. Expressions are hashed in canonical form, so spacing or
redundant brackets do not break a trend. An indicator's hash covers its expression, denominator, unit and
``min_answered``, and the hashes of every item it reads — reword a question and the indicator built on it is
no longer comparable either. Item names, translations, hints in other languages and appearance do not count.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from kansrijk.instrument.expressions import ExpressionError, parse, unparse
from kansrijk.instrument.expressions.syntax import references
from kansrijk.instrument.model import BASE_LANGUAGE, Indicator, Instrument, Item


def canonical_expression(text: str | None) -> str | None:
    """Canonical text of an expression; unparsable text is compared with its whitespace collapsed."""
    if not text:
        return None
    try:
        return unparse(parse(text))
    except ExpressionError:
        return " ".join(text.split())


def _digest(payload: Any) -> str:
    data = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _reference(instrument: Instrument, labels: Mapping[str, str]) -> str:
    """The wording a hash covers: Dutch, or the form's default language for a form without Dutch."""
    return labels.get(BASE_LANGUAGE) or labels.get(instrument.default_language, "")


def item_payload(instrument: Instrument, item: Item) -> dict[str, Any]:
    """What the item hash covers, as a dict (also used to say *what* changed)."""
    choices = None
    if item.list_name and item.list_name in instrument.choice_lists:
        choices = [
            [c.code, _reference(instrument, c.label)] for c in instrument.choice_lists[item.list_name].choices
        ]
    relevant = [canonical_expression(g.relevant) for g in instrument.ancestors(item.name) if g.relevant]
    if item.relevant:
        relevant.append(canonical_expression(item.relevant))
    return {
        "type": item.type,
        "label": _reference(instrument, item.label),
        "hint": _reference(instrument, item.hint),
        "choices": choices,
        "relevant": relevant,
        "constraint": canonical_expression(item.constraint),
    }


def item_hash(instrument: Instrument, item: Item | str) -> str:
    it = instrument.item(item) if isinstance(item, str) else item
    return _digest(item_payload(instrument, it))


def indicator_payload(instrument: Instrument, indicator: Indicator) -> dict[str, Any]:
    names: set[str] = set()
    for text in (indicator.expression, indicator.denominator):
        if text:
            with contextlib.suppress(ExpressionError):
                names |= references(parse(text))
    return {
        "expression": canonical_expression(indicator.expression),
        "denominator": canonical_expression(indicator.denominator),
        "unit": indicator.unit,
        "min_answered": indicator.min_answered,
        "items": {n: item_hash(instrument, n) if instrument.has_item(n) else None for n in sorted(names)},
    }


def indicator_hash(instrument: Instrument, indicator: Indicator | str) -> str:
    ind = instrument.indicator(indicator) if isinstance(indicator, str) else indicator
    return _digest(indicator_payload(instrument, ind))


def instrument_hashes(instrument: Instrument) -> dict[str, dict[str, str]]:
    """``{"items": {name: hash}, "indicators": {code: hash}}`` — store this with a wave."""
    return {
        "items": {i.name: item_hash(instrument, i) for i in instrument.items},
        "indicators": {i.code: indicator_hash(instrument, i) for i in instrument.indicators},
    }
