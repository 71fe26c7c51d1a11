"""Compare two versions of an instrument item by item and indicator by indicator, by comparability hash."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kansrijk.instrument.hashing import indicator_hash, indicator_payload, item_hash, item_payload
from kansrijk.instrument.model import Instrument

Status = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class Change:
    kind: Literal["item", "indicator"]
    name: str
    status: Status
    #: For ``changed``: the parts that differ, e.g. ``("label", "choices")``.
    parts: tuple[str, ...] = ()

    def __str__(self) -> str:
        detail = f" ({', '.join(self.parts)})" if self.parts else ""
        return f"{self.kind} {self.name}: {self.status}{detail}"


@dataclass(frozen=True)
class InstrumentDiff:
    """What changed from ``old`` to ``new``; trends are allowed only for the ``comparable_*`` names."""

    changes: tuple[Change, ...]
    comparable_items: frozenset[str]
    comparable_indicators: frozenset[str]

    @property
    def unchanged(self) -> bool:
        return not self.changes


def diff_instruments(old: Instrument, new: Instrument) -> InstrumentDiff:
    """Added, removed and changed items and indicators (changed = comparability hash differs)."""
    changes: list[Change] = []
    comparable_items: set[str] = set()
    old_items = {i.name: i for i in old.items}
    new_items = {i.name: i for i in new.items}
    for name, item in new_items.items():
        if name not in old_items:
            changes.append(Change("item", name, "added"))
        elif item_hash(old, old_items[name]) == item_hash(new, item):
            comparable_items.add(name)
        else:
            a, b = item_payload(old, old_items[name]), item_payload(new, item)
            changes.append(Change("item", name, "changed", tuple(k for k in a if a[k] != b[k])))
    changes.extend(Change("item", name, "removed") for name in old_items if name not in new_items)

    comparable_indicators: set[str] = set()
    old_inds = {i.code: i for i in old.indicators}
    new_inds = {i.code: i for i in new.indicators}
    for code, ind in new_inds.items():
        if code not in old_inds:
            changes.append(Change("indicator", code, "added"))
        elif indicator_hash(old, old_inds[code]) == indicator_hash(new, ind):
            comparable_indicators.add(code)
        else:
            a, b = indicator_payload(old, old_inds[code]), indicator_payload(new, ind)
            changes.append(Change("indicator", code, "changed", tuple(k for k in a if a[k] != b[k])))
    changes.extend(Change("indicator", code, "removed") for code in old_inds if code not in new_inds)
    return InstrumentDiff(tuple(changes), frozenset(comparable_items), frozenset(comparable_indicators))
