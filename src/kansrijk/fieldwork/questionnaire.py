"""The questionnaire as the pupil meets it: which pages and items are shown, and how a posted page is read.

Answers are kept in snapshot conventions (see :class:`~kansrijk.fieldwork.models.Response`), which the
instrument library's evaluator understands directly (``item__choice`` flags for a select_multiple). Skip
logic is evaluated item by item in form order, so an item on the same page that depends on an earlier one
is judged on the answer just given. An item that is not relevant is cleared, as in ODK.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from kansrijk.instrument import Group, Instrument, Item, load_xlsform
from kansrijk.snapshot import choice_column
from kansrijk.tabular import parse_decimal

from .pupil_text import text_for

#: Longest free-text answer stored (characters).
MAX_TEXT = 500


class FormData(Protocol):
    def getlist(self, key: str) -> list[str]: ...

    def __contains__(self, key: object) -> bool: ...


@functools.lru_cache(maxsize=16)
def _parse(sha256: str, data: bytes) -> Instrument:
    return load_xlsform(data)


def load_instrument(data: bytes) -> Instrument:
    """Parse an XLSForm once per process (keyed by its sha256): page saves must not re-read the workbook."""
    return _parse(hashlib.sha256(data).hexdigest(), data)


@functools.lru_cache(maxsize=16)
def instrument_for_version(pk: int, sha256: str) -> Instrument:
    """The parsed instrument of an ``InstrumentVersion``, fetched from the database once per process.

    Hot paths load the version with its (large) XLSForm bytes deferred and pass only pk and sha256.
    """
    from .models import InstrumentVersion

    data = bytes(InstrumentVersion.objects.values_list("xlsform", flat=True).get(pk=pk))
    return _parse(sha256, data)


def item_keys(instrument: Instrument, item: Item) -> list[str]:
    """The answer keys an item occupies: its name, or ``name__choice`` per choice of a select_multiple."""
    if item.type == "select_multiple":
        return [choice_column(item.name, code) for code in instrument.choices_of(item).codes]
    return [item.name]


def is_relevant(instrument: Instrument, item: Item, answers: Mapping[str, Any]) -> bool:
    return instrument.conditions.is_relevant(item.name, answers)


def page_items(page: Group) -> list[Item]:
    return list(page.iter_items())


def page_shown(instrument: Instrument, page: Group, answers: Mapping[str, Any]) -> bool:
    """A page is shown when at least one question on it is asked (a page of notes only is always shown)."""
    items = page_items(page)
    questions = [i for i in items if i.answerable]
    if not questions:
        return all(is_relevant(instrument, i, answers) for i in items) if items else False
    return any(is_relevant(instrument, i, answers) for i in questions)


def next_page(instrument: Instrument, index: int, answers: Mapping[str, Any]) -> int | None:
    """Index of the first shown page after ``index``; ``None`` when the questionnaire is done."""
    for j in range(index + 1, len(instrument.pages)):
        if page_shown(instrument, instrument.pages[j], answers):
            return j
    return None


def previous_page(instrument: Instrument, index: int, answers: Mapping[str, Any]) -> int | None:
    for j in range(index - 1, -1, -1):
        if page_shown(instrument, instrument.pages[j], answers):
            return j
    return None


def first_page(instrument: Instrument, answers: Mapping[str, Any]) -> int | None:
    return next_page(instrument, -1, answers)


def shown_count(instrument: Instrument, answers: Mapping[str, Any]) -> int:
    return sum(page_shown(instrument, p, answers) for p in instrument.pages)


def page_index(instrument: Instrument, name: str) -> int | None:
    for i, page in enumerate(instrument.pages):
        if page.name == name:
            return i
    return None


@dataclass
class ItemView:
    """One item as the pupil page draws it (``fieldwork/pupil/item.html``): the pupil's page and the staff
    preview of an item both use this view and that template, so the preview is the page."""

    name: str
    type: str
    label: str
    hint: str
    required: bool
    relevant: bool
    choices: list[tuple[str, str, bool]] = field(default_factory=list)  # (code, label, checked)
    value: str = ""
    error: str = ""
    inputmode: str = ""
    appearance: str = ""


def item_view(
    instrument: Instrument,
    item: Item,
    lang: str,
    answers: Mapping[str, Any] | None = None,
    raw: Mapping[str, list[str]] | None = None,
    errors: Mapping[str, str] | None = None,
) -> ItemView:
    """The item in ``lang`` with the pupil's ``answers`` (or the ``raw`` values of a page that did not pass,
    with its ``errors``). Without ``answers`` (the staff preview) the item is shown, empty."""
    raw = raw or {}
    relevant = True if answers is None else is_relevant(instrument, item, answers)
    answers = answers or {}
    view = ItemView(
        name=item.name,
        type=item.type,
        label=instrument.label(item, lang),
        hint=instrument.label(item.hint, lang) if item.hint else "",
        required=item.required,
        relevant=relevant,
        error=(errors or {}).get(item.name, ""),
        appearance=item.appearance or "",
    )
    if item.type in {"select_one", "select_multiple"}:
        if item.name in raw:
            selected = set(raw[item.name])
        elif item.type == "select_one":
            selected = {str(answers[item.name])} if answers.get(item.name) is not None else set()
        else:
            selected = {
                c for c in instrument.choices_of(item).codes if answers.get(choice_column(item.name, c))
            }
        view.choices = [
            (c.code, instrument.label(c, lang), c.code in selected)
            for c in instrument.choices_of(item).choices
        ]
    else:
        if item.name in raw:
            view.value = raw[item.name][0] if raw[item.name] else ""
        elif answers.get(item.name) is not None:
            value = answers[item.name]
            view.value = str(value).replace(".", ",") if item.type == "decimal" else str(value)
        view.inputmode = {"integer": "numeric", "decimal": "decimal"}.get(
            item.type, "numeric" if item.appearance == "numbers" else ""
        )
    return view


@dataclass
class ParsedPage:
    """Values to store (snapshot conventions; ``None`` clears) and messages per item name."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    raw: dict[str, list[str]] = field(default_factory=dict)


def _message(labels: Mapping[str, str], lang: str, fallback: str) -> str:
    return labels.get(lang) or labels.get("nl") or fallback


def parse_page(
    instrument: Instrument,
    page: Group,
    data: FormData,
    answers: Mapping[str, Any],
    lang: str,
    *,
    only: Sequence[str] | None = None,
    check_required: bool = True,
) -> ParsedPage:
    """Read a posted page. ``only`` limits reading to some items (an autosave of one answer), and then
    neither required answers nor the clearing of other items apply."""
    t = text_for(lang)
    merged: dict[str, Any] = dict(answers)
    out = ParsedPage()
    for item in page_items(page):
        if not item.answerable or (only is not None and item.name not in only):
            continue
        keys = item_keys(instrument, item)
        if not is_relevant(instrument, item, merged):
            if only is None:
                for key in keys:
                    out.values[key] = None
                    merged[key] = None
            continue
        raw = [v for v in data.getlist(item.name) if v is not None]
        out.raw[item.name] = raw
        value: Any = None
        error = ""
        text = raw[0].strip() if raw else ""
        if item.type == "select_one":
            codes = instrument.choices_of(item).codes
            if text:
                if text in codes:
                    value = text
                else:
                    error = t["choose"]
        elif item.type == "select_multiple":
            codes = instrument.choices_of(item).codes
            chosen = {v for v in raw if v}
            if chosen - set(codes):
                error = t["choose"]
            elif chosen:
                value = {choice_column(item.name, c): c in chosen for c in codes}
        elif item.type == "integer":
            if text:
                try:
                    value = int(text)
                except ValueError:
                    error = t["integer"]
        elif item.type == "decimal":
            if text:
                try:
                    value = float(parse_decimal(text))
                except ValueError:
                    error = t["decimal"]
        else:  # text, date: stored as text, escaped wherever shown
            value = text[:MAX_TEXT] or None
        if not error and value is None and item.required and check_required and only is None:
            error = _message(item.required_message, lang, t["required"])
        if (
            not error
            and value is not None
            and item.type != "select_multiple"
            and instrument.conditions.violates_constraint(item.name, merged, value)
        ):
            error = _message(item.constraint_message, lang, t["constraint"])
        if error:
            out.errors[item.name] = error
            continue
        if item.type == "select_multiple":
            flags = value if value is not None else dict.fromkeys(keys)
            out.values.update(flags)
            merged.update(flags)
        else:
            out.values[item.name] = value
            merged[item.name] = value
    return out
