"""The small data shapes the OKO kern source is written in.

The questionnaire lives as Python data rather than directly in a spreadsheet so that every change shows up
as a readable diff: one entry per item, with its label in all six languages next to each other. `build.py`
turns these shapes into the XLSForm rows that the instrument library reads.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Language column suffixes of the XLSForm, in the order the columns are written.
LANGUAGE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("nl", "Nederlands (nl)"),
    ("en", "English (en)"),
    ("ar", "العربية (ar)"),
    ("pl", "Polski (pl)"),
    ("tr", "Türkçe (tr)"),
    ("uk", "Українська (uk)"),
)


@dataclass(frozen=True, slots=True)
class L:
    """One text in the six languages of the default instrument (positional: nl, en, ar, pl, tr, uk)."""

    nl: str
    en: str
    ar: str
    pl: str
    tr: str
    uk: str

    def get(self, lang: str) -> str:
        return str(getattr(self, lang))


@dataclass(frozen=True, slots=True)
class Choice:
    name: str
    label: L


@dataclass(frozen=True, slots=True)
class ChoiceList:
    name: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True, slots=True)
class Item:
    """A survey row: a question or a note."""

    type: str
    name: str
    label: L
    hint: L | None = None
    required: bool = False
    required_message: L | None = None
    relevant: str = ""
    constraint: str = ""
    constraint_message: L | None = None
    appearance: str = ""


@dataclass(frozen=True, slots=True)
class Group:
    """A `begin group`/`end group` pair: a page at top level, a matrix when nested with `table-list`."""

    name: str
    label: L
    children: tuple[Item | Group, ...]
    appearance: str = ""
    relevant: str = ""


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    label: L
    domain: str
    risk_groups: tuple[str, ...]
    expression: str
    denominator: str = ""
    unit: str = "percentage"
    direction: str = "higher_is_worse"
    min_answered: int | None = None
