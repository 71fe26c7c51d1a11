"""Semantic checks of an instrument: names, choice lists, labels, expressions, indicators.

Runs on any :class:`Instrument` (read from XLSForm or built in code) and returns every problem as an
:class:`InstrumentError` located at the cell an author must change. Missing translations are not errors
(they fall back to Dutch); :mod:`summary` reports them. Missing *Dutch* is not an error of the form either
(forms from elsewhere may have none): :func:`missing_dutch` lists it, ``instrument check`` warns, and a wave
that offers Dutch refuses to open with such a form.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from kansrijk.instrument.errors import InstrumentError
from kansrijk.instrument.expressions import ExpressionContext, ExpressionError, compile_expression
from kansrijk.instrument.expressions.checker import MinAnswered
from kansrijk.instrument.expressions.syntax import ITEM_NAME_RE
from kansrijk.instrument.model import (
    BASE_LANGUAGE,
    DIRECTIONS,
    SELECT_TYPES,
    UNITS,
    Group,
    Indicator,
    Instrument,
    Item,
)
from kansrijk.instrument.xlsform_format import CHOICES, INDICATORS, SETTINGS, SURVEY, column_header
from kansrijk.vocabulary import DOMAIN_CODES, RISK_GROUP_CODES

_REF_RE = re.compile(r"\$\{([^}]*)\}")


@dataclass(frozen=True)
class HeaderMap:
    """Translates a canonical column (sheet, base, language) into the header the author actually wrote."""

    headers: Mapping[tuple[str, str, str | None], str] = field(default_factory=dict)

    def __call__(self, sheet: str, base: str, lang: str | None = None) -> str:
        return self.headers.get((sheet, base, lang)) or column_header(base, lang)


def validate(instrument: Instrument, headers: HeaderMap | None = None) -> list[InstrumentError]:
    """All problems of ``instrument`` (empty list when it is valid)."""
    return _Validator(instrument, headers or HeaderMap()).run()


def missing_dutch(instrument: Instrument, headers: HeaderMap | None = None) -> list[InstrumentError]:
    """Every question, note, choice and indicator without a Dutch (nl) label, located at its cell."""
    col = headers or HeaderMap()
    out: list[InstrumentError] = []
    for item in instrument.items:
        if not item.label.get(BASE_LANGUAGE):
            out.append(
                InstrumentError(
                    SURVEY,
                    item.row,
                    col(SURVEY, "label", BASE_LANGUAGE),
                    f"{item.name or 'question'} has no Dutch (nl) label",
                )
            )
    label_col = col(CHOICES, "label", BASE_LANGUAGE)
    used = {item.list_name for item in instrument.items if item.list_name}
    for cl in instrument.choice_lists.values():
        if cl.name not in used:
            continue
        for choice in cl.choices:
            if not choice.label.get(BASE_LANGUAGE):
                out.append(
                    InstrumentError(
                        CHOICES,
                        choice.row,
                        label_col,
                        f"choice {cl.name}/{choice.code} has no Dutch (nl) label",
                    )
                )
    for ind in instrument.indicators:
        if not ind.label.get(BASE_LANGUAGE):
            out.append(
                InstrumentError(
                    INDICATORS,
                    ind.row,
                    col(INDICATORS, "label", BASE_LANGUAGE),
                    f"{ind.code} has no Dutch (nl) label",
                )
            )
    return out


class _Validator:
    def __init__(self, instrument: Instrument, headers: HeaderMap) -> None:
        self.ins = instrument
        self.col = headers
        self.errors: list[InstrumentError] = []
        self.context = ExpressionContext.from_instrument(instrument)

    def error(self, sheet: str, row: int | None, column: str | None, message: str) -> None:
        self.errors.append(InstrumentError(sheet, row, column, message))

    def run(self) -> list[InstrumentError]:
        self.settings()
        self.names()
        self.walk(self.ins.body)
        self.choice_lists()
        self.indicators()
        return self.errors

    def settings(self) -> None:
        if self.ins.code and not ITEM_NAME_RE.match(self.ins.code):
            self.error(
                SETTINGS, 2, self.col(SETTINGS, "form_id"), "form_id may contain only letters, digits and _"
            )
        if self.ins.default_language not in self.ins.languages:
            self.error(
                SETTINGS,
                2,
                "default_language",
                f"no labels in the default language {self.ins.default_language}",
            )

    # -- names ------------------------------------------------------------------------------------------
    def names(self) -> None:
        seen: dict[str, int | None] = {}

        def visit(el: Item | Group) -> None:
            name_col = self.col(SURVEY, "name")
            if isinstance(el, Item) and not el.name:
                self.error(SURVEY, el.row, name_col, "a question needs a name")
            elif el.name and not ITEM_NAME_RE.match(el.name):
                self.error(
                    SURVEY, el.row, name_col, f"name “{el.name}” may contain only letters, digits and _"
                )
            elif "__" in el.name:
                self.error(
                    SURVEY,
                    el.row,
                    name_col,
                    f"name “{el.name}” may not contain “__” (reserved for answer columns)",
                )
            elif el.name in seen:
                first = seen[el.name]
                where = f" (first used in row {first})" if first else ""
                self.error(SURVEY, el.row, name_col, f"duplicate name “{el.name}”{where}")
            if el.name:
                seen.setdefault(el.name, el.row)
            if isinstance(el, Group):
                for child in el.children:
                    visit(child)

        for el in self.ins.body:
            visit(el)

    # -- survey -----------------------------------------------------------------------------------------
    def walk(self, elements: tuple[Item | Group, ...]) -> None:
        for el in elements:
            if isinstance(el, Group):
                self.expression(SURVEY, el.row, "relevant", el.relevant, expect_bool=True)
                self.walk(el.children)
            else:
                self.item(el)

    def item(self, item: Item) -> None:
        row = item.row
        if item.type in SELECT_TYPES:
            if not item.list_name:
                self.error(SURVEY, row, "type", f"{item.type} needs a choice list")
            elif item.list_name not in self.ins.choice_lists:
                self.error(
                    SURVEY, row, "type", f"choice list “{item.list_name}” is missing from the choices sheet"
                )
        elif item.list_name:
            self.error(SURVEY, row, "type", f"a {item.type} question has no choice list")
        if item.type == "note":
            for attr in ("constraint", "required"):
                if getattr(item, attr):
                    self.error(SURVEY, row, attr, f"a note cannot have {attr}")
        self.expression(SURVEY, row, "relevant", item.relevant, expect_bool=True)
        self.expression(SURVEY, row, "constraint", item.constraint, expect_bool=True, current=item.name)
        if item.choice_filter:
            for ref in _REF_RE.findall(item.choice_filter):
                if not self.ins.has_item(ref):
                    self.error(SURVEY, row, "choice_filter", f"unknown item ${{{ref}}}")
            if item.type not in SELECT_TYPES:
                self.error(SURVEY, row, "choice_filter", "only select questions can have a choice_filter")

    def expression(
        self,
        sheet: str,
        row: int | None,
        column: str,
        text: str | None,
        *,
        expect_bool: bool = False,
        expect_num: bool = False,
        current: str | None = None,
        min_answered: MinAnswered = None,
    ) -> None:
        if not text:
            return
        expect = "bool" if expect_bool else "num" if expect_num else None
        try:
            compile_expression(
                text,
                self.context,
                current=current,
                min_answered=min_answered,
                expect=expect,  # type: ignore[arg-type]
            )
        except ExpressionError as exc:
            self.error(sheet, row, column, f"{exc}")

    # -- choices ----------------------------------------------------------------------------------------
    def choice_lists(self) -> None:
        multiple = {i.list_name for i in self.ins.items if i.type == "select_multiple"}
        name_col = self.col(CHOICES, "name")
        for cl in self.ins.choice_lists.values():
            seen: set[str] = set()
            for choice in cl.choices:
                if choice.code in seen and (not self.ins.allow_choice_duplicates or cl.name in multiple):
                    why = (
                        " (a select_multiple list cannot repeat a code: each code is an answer column)"
                        if self.ins.allow_choice_duplicates
                        else "; set allow_choice_duplicates to yes in settings if this is meant"
                    )
                    self.error(
                        CHOICES,
                        choice.row,
                        name_col,
                        f"duplicate code “{choice.code}” in list {cl.name}{why}",
                    )
                seen.add(choice.code)
                if " " in choice.code:
                    self.error(
                        CHOICES, choice.row, name_col, f"choice code “{choice.code}” may not contain spaces"
                    )

    # -- indicators -------------------------------------------------------------------------------------
    def indicators(self) -> None:
        seen: set[str] = set()
        for ind in self.ins.indicators:
            self.indicator(ind, seen)

    def indicator(self, ind: Indicator, seen: set[str]) -> None:
        row = ind.row
        if ind.code:
            if not ITEM_NAME_RE.match(ind.code):
                self.error(
                    INDICATORS, row, "code", f"code “{ind.code}” may contain only letters, digits and _"
                )
            elif ind.code in seen:
                self.error(INDICATORS, row, "code", f"duplicate indicator code “{ind.code}”")
            seen.add(ind.code)
        if ind.domain and ind.domain not in DOMAIN_CODES:
            self.error(
                INDICATORS,
                row,
                "domain",
                f"unknown domain “{ind.domain}”; use one of {', '.join(sorted(DOMAIN_CODES))}",
            )
        for rg in ind.risk_groups:
            if rg not in RISK_GROUP_CODES:
                self.error(
                    INDICATORS,
                    row,
                    "risk_groups",
                    f"unknown risk group “{rg}”; use codes from kansrijk.vocabulary",
                )
        if ind.unit and ind.unit not in UNITS:
            self.error(INDICATORS, row, "unit", f"unknown unit “{ind.unit}”; use percentage or mean")
        if ind.direction and ind.direction not in DIRECTIONS:
            self.error(
                INDICATORS,
                row,
                "direction",
                f"unknown direction “{ind.direction}”; use {', '.join(DIRECTIONS)}",
            )
        k: MinAnswered = ind.min_answered if ind.min_answered is not None else "all"
        if ind.unit in UNITS:
            self.expression(
                INDICATORS,
                row,
                "expression",
                ind.expression,
                expect_bool=ind.unit == "percentage",
                expect_num=ind.unit == "mean",
                min_answered=k,
            )
        self.expression(INDICATORS, row, "denominator", ind.denominator, expect_bool=True, min_answered=k)
        if ind.min_answered is not None and "mean(" not in ind.expression and "sum(" not in ind.expression:
            self.error(INDICATORS, row, "min_answered", "min_answered only applies to mean() or sum()")
