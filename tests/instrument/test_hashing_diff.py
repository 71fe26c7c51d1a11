"""Comparability hashes and version diffs."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

from kansrijk.instrument import (
    ChoiceList,
    Instrument,
    diff_instruments,
    indicator_hash,
    item_hash,
    load_xlsform,
)
from kansrijk.instrument.model import Choice, Group, Item
from tests.instrument.forms import rich_form


def rich() -> Instrument:
    return load_xlsform(rich_form())


def replace_item(ins: Instrument, name: str, **changes: object) -> Instrument:
    def swap(el: Item | Group) -> Item | Group:
        if isinstance(el, Item):
            return replace(el, **changes) if el.name == name else el  # type: ignore[arg-type]
        return replace(el, children=tuple(swap(c) for c in el.children))

    return replace(ins, body=tuple(swap(e) for e in ins.body))


def test_item_hash_is_sha256_of_canonical_json() -> None:
    ins = rich()
    payload = {
        "choices": [["0", "nooit"], ["1", "1-2 keer"], ["2", "3 keer of vaker"]],
        "constraint": None,
        "hint": "",
        "label": "En de laatste 30 dagen?",
        "relevant": ["(${bg_age} >= 12)", "(${alc_life} != '0')"],
        "type": "select_one",
    }
    expected = hashlib.sha256(
        json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    ).hexdigest()
    assert item_hash(ins, "alc_30d") == expected


def test_translation_and_spacing_do_not_change_hashes() -> None:
    ins = rich()
    other = replace_item(
        ins, "alc_30d", label={"nl": "En de laatste 30 dagen?", "en": "Changed"}, relevant="${alc_life}!='0'"
    )
    assert item_hash(other, "alc_30d") == item_hash(ins, "alc_30d")
    assert diff_instruments(ins, other).unchanged


def test_diff_lists_added_removed_changed() -> None:
    old = rich()
    new = replace_item(old, "alc_30d", label={"nl": "Hoe vaak in de laatste 4 weken?"})
    freq = old.choice_lists["freq"]
    new_lists = dict(new.choice_lists)
    new_lists["agree"] = ChoiceList(
        "agree", (*old.choice_lists["agree"].choices, Choice("4", {"nl": "helemaal eens"}))
    )
    new = replace(new, choice_lists=new_lists)
    new = replace(new, body=(*new.body[:-1], new.body[-1], Item("extra", "integer", {"nl": "Nieuw?"})))
    new = replace(new, indicators=new.indicators[:1])
    diff = diff_instruments(old, new)
    got = {(c.kind, c.name, c.status, c.parts) for c in diff.changes}
    assert got == {
        ("item", "alc_30d", "changed", ("label",)),
        ("item", "wb_mh_1", "changed", ("choices",)),
        ("item", "wb_mh_2", "changed", ("choices",)),
        ("item", "extra", "added", ()),
        ("indicator", "alc_30d_any", "changed", ("items",)),  # it reads the reworded alc_30d
        ("indicator", "mh_mean", "removed", ()),
    }
    assert "alc_30d" not in diff.comparable_items and "bg_age" in diff.comparable_items
    assert diff.comparable_indicators == frozenset()
    assert freq is old.choice_lists["freq"]


def test_indicator_hash_covers_expression_and_min_answered() -> None:
    ins = rich()
    mh = ins.indicator("mh_mean")
    base = indicator_hash(ins, mh)
    assert indicator_hash(ins, replace(mh, min_answered=2)) != base
    assert indicator_hash(ins, replace(mh, expression="mean(${wb_mh_1},4-${wb_mh_2})")) == base
    assert indicator_hash(ins, replace(mh, label={"nl": "Anders genoemd"})) == base
    assert indicator_hash(ins, replace(mh, direction="neutral")) == base
