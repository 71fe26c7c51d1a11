"""The questionnaire as data: frozen dataclasses, no behaviour beyond look-ups.

An :class:`Instrument` is one immutable version of a questionnaire. Its ``body`` keeps the XLSForm's structure
(items and groups in order) so an export reproduces the form; ``pages``, ``items`` and look-ups are derived.
Labels are plain ``{language code: text}`` dicts; treat them as read-only. Source rows (for error messages)
are carried along but do not take part in equality, so a round trip through XLSForm compares equal.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from kansrijk.vocabulary import LANGUAGES, RTL_LANGUAGES

ItemType = Literal["select_one", "select_multiple", "integer", "decimal", "text", "note", "date"]
ITEM_TYPES: tuple[str, ...] = ("select_one", "select_multiple", "integer", "decimal", "text", "note", "date")
SELECT_TYPES: frozenset[str] = frozenset({"select_one", "select_multiple"})
Unit = Literal["percentage", "mean"]
UNITS: tuple[str, ...] = ("percentage", "mean")
Direction = Literal["higher_is_better", "higher_is_worse", "neutral"]
DIRECTIONS: tuple[str, ...] = ("higher_is_better", "higher_is_worse", "neutral")

#: The language every label must exist in, and the fallback for missing translations.
BASE_LANGUAGE = "nl"

Labels = Mapping[str, str]


@dataclass(frozen=True)
class Choice:
    """One answer option; ``properties`` holds extra columns of the choices sheet (for ``choice_filter``)."""

    code: str
    label: Labels
    properties: Mapping[str, str] = field(default_factory=dict)
    row: int | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class ChoiceList:
    name: str
    choices: tuple[Choice, ...]
    row: int | None = field(default=None, compare=False, repr=False)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.choices)

    @property
    def numeric(self) -> bool:
        """True when every code reads as a number, so ``${x} >= 1`` is meaningful (see expressions.md)."""
        from kansrijk.instrument.expressions.values import parse_number

        return bool(self.choices) and all(parse_number(c) is not None for c in self.codes)

    def choice(self, code: str) -> Choice:
        for c in self.choices:
            if c.code == code:
                return c
        raise KeyError(code)


@dataclass(frozen=True)
class Item:
    """One question (or note). ``relevant``/``constraint`` are expression texts, validated on load."""

    name: str
    type: ItemType
    label: Labels
    hint: Labels = field(default_factory=dict)
    list_name: str | None = None
    required: bool = False
    required_message: Labels = field(default_factory=dict)
    relevant: str | None = None
    constraint: str | None = None
    constraint_message: Labels = field(default_factory=dict)
    appearance: str | None = None
    choice_filter: str | None = None
    row: int | None = field(default=None, compare=False, repr=False)

    @property
    def answerable(self) -> bool:
        return self.type != "note"


@dataclass(frozen=True)
class Group:
    """A ``begin group``/``end group`` block. At the top level a group is a page; nested, a matrix of rows.

    ``implicit`` marks a page made up for a top-level item outside any group; it is never written out.
    """

    name: str
    label: Labels = field(default_factory=dict)
    hint: Labels = field(default_factory=dict)
    relevant: str | None = None
    appearance: str | None = None
    children: tuple[Item | Group, ...] = ()
    implicit: bool = False
    row: int | None = field(default=None, compare=False, repr=False)

    @property
    def is_matrix(self) -> bool:
        """Rows shown together as a table (e.g. MHI-5): appearance ``table-list`` or ``field-list``."""
        return (
            (self.appearance or "").split(" ")[0] in {"table-list", "field-list"}
            if self.appearance
            else False
        )

    def iter_items(self) -> Iterator[Item]:
        for child in self.children:
            if isinstance(child, Item):
                yield child
            else:
                yield from child.iter_items()


@dataclass(frozen=True)
class Indicator:
    """A derived measure, defined by expressions over items (see docs/methods/expressions.md)."""

    code: str
    label: Labels
    domain: str
    expression: str
    unit: Unit
    direction: Direction
    risk_groups: tuple[str, ...] = ()
    denominator: str | None = None
    min_answered: int | None = None
    row: int | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Instrument:
    """One immutable version of a questionnaire.

    ``code`` is the XLSForm ``form_id``; ``version`` its ``settings.version``. ``languages`` is ordered with
    ``nl`` first. ``body`` is the form's structure; use ``pages``/``items``/``item()`` to navigate it.
    """

    code: str
    version: str
    title: str
    languages: tuple[str, ...]
    body: tuple[Item | Group, ...]
    choice_lists: Mapping[str, ChoiceList]
    indicators: tuple[Indicator, ...] = ()
    default_language: str = BASE_LANGUAGE
    #: ``settings.allow_choice_duplicates``: a code may repeat within a list (cascading selects).
    allow_choice_duplicates: bool = False

    # -- navigation -------------------------------------------------------------------------------------
    @cached_property
    def items(self) -> tuple[Item, ...]:
        """All items in form order, groups flattened."""
        out: list[Item] = []
        for el in self.body:
            out.extend([el] if isinstance(el, Item) else el.iter_items())
        return tuple(out)

    @cached_property
    def _items_by_name(self) -> dict[str, Item]:
        return {i.name: i for i in self.items}

    @cached_property
    def _ancestors(self) -> dict[str, tuple[Group, ...]]:
        out: dict[str, tuple[Group, ...]] = {}

        def walk(elements: tuple[Item | Group, ...], parents: tuple[Group, ...]) -> None:
            for el in elements:
                if isinstance(el, Item):
                    out[el.name] = parents
                else:
                    walk(el.children, (*parents, el))

        walk(self.body, ())
        return out

    @cached_property
    def pages(self) -> tuple[Group, ...]:
        """Pages in order: each top-level group; a top-level item outside any group is a page of its own."""
        return tuple(
            el if isinstance(el, Group) else Group(name=el.name, children=(el,), implicit=True)
            for el in self.body
        )

    def item(self, name: str) -> Item:
        """The item called ``name``; ``KeyError`` if there is none."""
        return self._items_by_name[name]

    def has_item(self, name: str) -> bool:
        return name in self._items_by_name

    def ancestors(self, name: str) -> tuple[Group, ...]:
        """The groups around an item, outermost first (their ``relevant`` applies to the item too)."""
        return self._ancestors[name]

    def choices_of(self, item: Item | str) -> ChoiceList:
        it = self.item(item) if isinstance(item, str) else item
        if it.list_name is None:
            raise KeyError(f"{it.name} has no choice list")
        return self.choice_lists[it.list_name]

    def indicator(self, code: str) -> Indicator:
        for ind in self.indicators:
            if ind.code == code:
                return ind
        raise KeyError(code)

    @cached_property
    def conditions(self) -> Conditions:
        """Compiled ``relevant``/``constraint`` conditions, built once per instrument (web page saves)."""
        return _conditions(self)

    # -- languages --------------------------------------------------------------------------------------
    @staticmethod
    def label(obj: Item | Group | Choice | Indicator | Labels, lang: str) -> str:
        """The label in ``lang``, falling back to Dutch (the reference wording), then to any language."""
        labels = obj if isinstance(obj, Mapping) else obj.label
        return labels.get(lang) or labels.get(BASE_LANGUAGE) or next((t for t in labels.values() if t), "")

    @staticmethod
    def is_rtl(lang: str) -> bool:
        """Direction is a property of the language (``vocabulary.LANGUAGES``), never guessed from text."""
        return lang in RTL_LANGUAGES

    @staticmethod
    def language_name(lang: str) -> str:
        return LANGUAGES[lang][0] if lang in LANGUAGES else lang


def _conditions(instrument: Instrument) -> Conditions:
    from kansrijk.instrument.relevance import Conditions

    return Conditions(instrument)


if TYPE_CHECKING:
    from kansrijk.instrument.relevance import Conditions
