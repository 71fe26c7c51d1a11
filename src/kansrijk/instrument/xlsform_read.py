"""Read an XLSForm workbook into an :class:`~kansrijk.instrument.model.Instrument`.

Cells are read with openpyxl and normalised with pyxform's own ``xlsx_value_to_str`` (so ``1.0`` becomes
``"1"`` exactly as ODK tools see it), type names are recognised with pyxform's alias tables, and anything
Kansrijk does not support is an error naming the cell — never silently dropped. All problems of a file are
collected and raised together as :class:`InstrumentErrors`.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import IO, Any
from zipfile import BadZipFile

from openpyxl import load_workbook
from pyxform import aliases, constants
from pyxform.question_type_dictionary import QUESTION_TYPE_DICT
from pyxform.xls2json_backends import xlsx_value_to_str

from kansrijk.instrument.errors import InstrumentError, InstrumentErrors
from kansrijk.instrument.model import (
    BASE_LANGUAGE,
    Choice,
    ChoiceList,
    Group,
    Indicator,
    Instrument,
    Item,
)
from kansrijk.instrument.validate import HeaderMap, missing_dutch, validate
from kansrijk.instrument.xlsform_format import (
    CHOICES,
    CHOICES_COLUMNS,
    CHOICES_TRANSLATABLE,
    IGNORED_SETTINGS,
    INDICATOR_COLUMNS,
    INDICATOR_TRANSLATABLE,
    INDICATORS,
    SETTINGS,
    SETTINGS_COLUMNS,
    SURVEY,
    SURVEY_COLUMNS,
    SURVEY_TRANSLATABLE,
    UNSUPPORTED_COLUMNS,
    language_code,
    order_languages,
    split_header,
)

Source = str | PathLike[str] | bytes | IO[bytes]

_SIMPLE_TYPES = {
    "integer": "integer",
    "int": "integer",
    "decimal": "decimal",
    "text": "text",
    "string": "text",
    "note": "note",
    "date": "date",
    # pyxform: a string with constraint regex(., '^\d*$'); Kansrijk asks it as text with a number keyboard
    "phone number": "text",
}
#: Types read as another one, with the appearance they imply when the author gave none.
_IMPLIED_APPEARANCE = {"phone number": "numbers"}
#: pyxform types outside QUESTION_TYPE_DICT, named so the error says "not supported" rather than "unknown".
_KNOWN_ELSEWHERE = frozenset(
    {"range", "geopoint", "image", "calculate", "osm", "xml-external", "csv-external"}
)
_SELECT_KINDS = {constants.SELECT_ONE: "select_one", constants.SELECT_ALL_THAT_APPLY: "select_multiple"}
_GROUP_WORDS = {"begin group", "begin_group", "end group", "end_group"}
_REPEAT_WORDS = {"begin repeat", "begin_repeat", "end repeat", "end_repeat", "begin loop", "begin_loop"}
_UNSUPPORTED_SELECTS = {"rank": "rank questions are not supported; use a table-list group of select_one rows"}
_PLACEHOLDER_RE = re.compile(r"\$\{")
MAX_GROUP_DEPTH = 2
#: Settings Kansrijk reads beyond the ones it writes.
SETTINGS_READ: tuple[str, ...] = ("allow_choice_duplicates",)


@dataclass
class Sheet:
    """One worksheet as text: parsed headers and rows (Excel row number, {header: value})."""

    name: str
    headers: list[str]
    rows: list[tuple[int, dict[str, str]]]


@dataclass
class Column:
    base: str
    lang: str | None
    header: str


@dataclass
class _Reader:
    errors: list[InstrumentError] = field(default_factory=list)
    languages: set[str] = field(default_factory=set)
    headers: dict[tuple[str, str, str | None], str] = field(default_factory=dict)
    default_language: str = BASE_LANGUAGE
    allow_choice_duplicates: bool = False

    def error(self, sheet: str, row: int | None, column: str | None, message: str) -> None:
        self.errors.append(InstrumentError(sheet, row, column, message))

    # -- columns ----------------------------------------------------------------------------------------
    def columns(
        self, sheet: Sheet, known: tuple[str, ...], translatable: frozenset[str], extra_ok: bool = False
    ) -> tuple[list[Column], list[str]]:
        """Classify headers; report unsupported ones that hold data. Returns (columns, extra headers)."""
        cols: list[Column] = []
        extra: list[str] = []
        for header in sheet.headers:
            base, spec = split_header(header)
            if spec is not None and "::" not in header and base not in translatable:
                # one colon is pyxform's old language separator (label:English) only for translatable
                # columns; elsewhere (a choice property such as filter:x) it is part of the name
                base, spec = "_".join(header.strip().lower().split()), None
            sep = spec is not None
            has_data = any(values.get(header) for _, values in sheet.rows)
            if base in known:
                lang: str | None = None
                if spec is not None:
                    if base not in translatable:
                        self.error(sheet.name, 1, header, f"column {base} cannot have a language")
                        continue
                    lang = language_code(spec)
                    if lang is None:
                        self.error(
                            sheet.name,
                            1,
                            header,
                            f"cannot tell the language of “{header}”; write it with its code, e.g. "
                            f"{base}::English (en)",
                        )
                        continue
                elif base in translatable:
                    lang = None  # resolved to the default language later
                if any(c.base == base and c.lang == lang for c in cols):
                    self.error(sheet.name, 1, header, f"a second {base} column for the same language")
                    continue
                cols.append(Column(base, lang, header))
                if lang is not None:
                    self.languages.add(lang)
                    self.headers[(sheet.name, base, lang)] = header
                else:
                    self.headers[(sheet.name, base, None)] = header
            elif not has_data:
                continue  # an empty column drops nothing
            elif base in UNSUPPORTED_COLUMNS or base.startswith(("media", "bind", "body", "instance")):
                why = UNSUPPORTED_COLUMNS.get(base, "this XLSForm column is not supported")
                self.error(sheet.name, 1, header, f"column “{header}”: {why}")
            elif extra_ok and not sep:
                extra.append(header)
            else:
                self.error(
                    sheet.name,
                    1,
                    header,
                    f"unknown column “{header}”; supported: {', '.join(known)} (translatable: "
                    f"{', '.join(sorted(translatable))} with ::language)",
                )
        return cols, extra

    def resolve_language(self, sheet: str, cols: list[Column]) -> None:
        for c in cols:
            if (
                c.base in SURVEY_TRANSLATABLE | CHOICES_TRANSLATABLE | INDICATOR_TRANSLATABLE
                and c.lang is None
            ):
                c.lang = self.default_language
                self.languages.add(c.lang)
                self.headers[(sheet, c.base, c.lang)] = c.header

    def labels(
        self, sheet: str, row: int, values: Mapping[str, str], cols: list[Column], base: str
    ) -> dict[str, str]:
        out: dict[str, str] = {}
        for c in cols:
            if c.base == base and c.lang is not None and values.get(c.header):
                text = values[c.header]
                if _PLACEHOLDER_RE.search(text):
                    self.error(
                        sheet, row, c.header, "references like ${item} inside a label are not supported"
                    )
                out[c.lang] = text
        return out

    # -- settings ---------------------------------------------------------------------------------------
    def settings(self, sheet: Sheet | None) -> dict[str, str]:
        """The settings row; the sheet and every column in it are optional (as in pyxform)."""
        if sheet is None:
            return {}
        cols, _ = self.columns(sheet, (*SETTINGS_COLUMNS, *SETTINGS_READ, *IGNORED_SETTINGS), frozenset())
        rows = [values for _, values in sheet.rows if values]
        values = rows[0] if rows else {}
        out = {c.base: values.get(c.header, "").strip() for c in cols}
        self.headers.update({(SETTINGS, c.base, None): c.header for c in cols})
        duplicates = out.get("allow_choice_duplicates")
        if duplicates:
            if duplicates not in aliases.yes_no:
                self.error(
                    SETTINGS,
                    2,
                    self.headers[(SETTINGS, "allow_choice_duplicates", None)],
                    f"allow_choice_duplicates must be yes or no, not “{duplicates}”",
                )
            else:
                self.allow_choice_duplicates = aliases.yes_no[duplicates]
        if out.get("default_language"):
            lang = language_code(out["default_language"])
            if lang is None:
                self.error(
                    SETTINGS, 2, "default_language", "write the default language as e.g. Nederlands (nl)"
                )
            else:
                self.default_language = lang
        return out

    # -- survey -----------------------------------------------------------------------------------------
    def survey(self, sheet: Sheet | None) -> tuple[Item | Group, ...]:
        if sheet is None:
            self.error(SURVEY, None, None, "the survey sheet is missing")
            return ()
        cols, _ = self.columns(sheet, SURVEY_COLUMNS, SURVEY_TRANSLATABLE)
        self.resolve_language(SURVEY, cols)
        if "type" not in {c.base for c in cols}:
            self.error(SURVEY, 1, "type", "the survey sheet has no type column")
            return ()
        header = {c.base: c.header for c in cols if c.lang is None}
        # stack of (group fields, children, row)
        stack: list[tuple[dict[str, Any], list[Item | Group], int]] = [({}, [], 1)]
        for row, values in sheet.rows:
            if not values:
                continue
            get = lambda base, v=values: v.get(header.get(base, "\0"), "").strip() or None  # noqa: E731
            type_text = " ".join((get("type") or "").split())
            type_col = header["type"]
            if not type_text:
                self.error(SURVEY, row, type_col, "type is empty")
                continue
            lower = type_text.lower()
            if lower in _REPEAT_WORDS:
                self.error(SURVEY, row, type_col, "repeats are not supported")
                continue
            if lower in _GROUP_WORDS:
                if lower.startswith("begin"):
                    if len(stack) > MAX_GROUP_DEPTH:
                        self.error(SURVEY, row, type_col, f"groups nested more than {MAX_GROUP_DEPTH} deep")
                    fields = {
                        "name": get("name") or "",
                        "label": self.labels(SURVEY, row, values, cols, "label"),
                        "hint": self.labels(SURVEY, row, values, cols, "hint"),
                        "relevant": get("relevant"),
                        "appearance": get("appearance"),
                    }
                    for unused in ("required", "constraint", "choice_filter"):
                        if get(unused):
                            self.error(SURVEY, row, header[unused], f"a group cannot have {unused}")
                    if not fields["name"]:
                        self.error(SURVEY, row, header.get("name", "name"), "a group needs a name")
                    stack.append((fields, [], row))
                else:
                    if len(stack) == 1:
                        self.error(SURVEY, row, type_col, "end group without a matching begin group")
                        continue
                    fields, children, begin_row = stack.pop()
                    stack[-1][1].append(Group(children=tuple(children), row=begin_row, **fields))
                continue
            item = self.item(row, values, cols, get, type_text, type_col)
            if item is not None:
                stack[-1][1].append(item)
        while len(stack) > 1:
            fields, children, begin_row = stack.pop()
            self.error(
                SURVEY, begin_row, header["type"], f"group “{fields['name']}” is never closed (end group)"
            )
            stack[-1][1].append(Group(children=tuple(children), row=begin_row, **fields))
        return tuple(stack[0][1])

    def item(
        self, row: int, values: Mapping[str, str], cols: list[Column], get: Any, type_text: str, type_col: str
    ) -> Item | None:
        item_type, list_name = self.item_type(row, type_text, type_col)
        if item_type is None:
            return None
        appearance = get("appearance") or _IMPLIED_APPEARANCE.get(type_text.lower())
        required_text = get("required")
        required = False
        if required_text is not None:
            if required_text not in aliases.yes_no:
                self.error(SURVEY, row, "required", f"required must be yes or no, not “{required_text}”")
            else:
                required = aliases.yes_no[required_text]
        return Item(
            name=get("name") or "",
            type=item_type,  # type: ignore[arg-type]
            label=self.labels(SURVEY, row, values, cols, "label"),
            hint=self.labels(SURVEY, row, values, cols, "hint"),
            list_name=list_name,
            required=required,
            required_message=self.labels(SURVEY, row, values, cols, "required_message"),
            relevant=get("relevant"),
            constraint=get("constraint"),
            constraint_message=self.labels(SURVEY, row, values, cols, "constraint_message"),
            appearance=appearance,
            choice_filter=get("choice_filter"),
            row=row,
        )

    def item_type(self, row: int, type_text: str, type_col: str) -> tuple[str | None, str | None]:
        lower = type_text.lower()
        if lower in _SIMPLE_TYPES:
            return _SIMPLE_TYPES[lower], None
        for alias, kind in sorted(aliases.select.items(), key=lambda kv: -len(kv[0])):
            if lower == alias or lower.startswith(alias + " "):
                rest = type_text[len(alias) :].split()
                if alias in _UNSUPPORTED_SELECTS:
                    self.error(SURVEY, row, type_col, _UNSUPPORTED_SELECTS[alias])
                    return None, None
                if alias in aliases.select_from_file or kind not in _SELECT_KINDS:
                    self.error(
                        SURVEY, row, type_col, f"“{alias}” is not supported; define the choices in the form"
                    )
                    return None, None
                if len(rest) != 1:
                    other = "or_other" in rest or "specify" in rest
                    extra = " (or_other is not supported, nor “or specify other”)" if other else ""
                    self.error(SURVEY, row, type_col, f"write the type as “{alias} LIST_NAME”{extra}")
                    return None, None
                return _SELECT_KINDS[kind], rest[0]
        first = lower.split()[0]
        if lower in QUESTION_TYPE_DICT or first in QUESTION_TYPE_DICT or first in _KNOWN_ELSEWHERE:
            self.error(SURVEY, row, type_col, f"question type “{type_text}” is not supported by Kansrijk")
        else:
            self.error(
                SURVEY,
                row,
                type_col,
                f"unknown question type “{type_text}”; use select_one LIST, select_multiple LIST, integer, "
                "decimal, text, note, date, begin group or end group",
            )
        return None, None

    # -- choices ----------------------------------------------------------------------------------------
    def choices(self, sheet: Sheet | None) -> dict[str, ChoiceList]:
        if sheet is None:
            return {}
        cols, extra = self.columns(sheet, CHOICES_COLUMNS, CHOICES_TRANSLATABLE, extra_ok=True)
        self.resolve_language(CHOICES, cols)
        header = {c.base: c.header for c in cols if c.lang is None}
        lists: dict[str, list[Choice]] = {}
        first_row: dict[str, int] = {}
        for row, values in sheet.rows:
            if not values:
                continue
            list_name = values.get(header.get("list_name", "\0"), "").strip()
            code = values.get(header.get("name", "\0"), "").strip()
            if not list_name:
                self.error(CHOICES, row, header.get("list_name", "list_name"), "list_name is empty")
                continue
            if not code:
                self.error(CHOICES, row, header.get("name", "name"), "the choice code (name) is empty")
                continue
            props = {h: values[h] for h in extra if values.get(h)}
            lists.setdefault(list_name, []).append(
                Choice(code, self.labels(CHOICES, row, values, cols, "label"), props, row=row)
            )
            first_row.setdefault(list_name, row)
        return {name: ChoiceList(name, tuple(cs), row=first_row[name]) for name, cs in lists.items()}

    # -- indicators -------------------------------------------------------------------------------------
    def indicators(self, sheet: Sheet | None) -> tuple[Indicator, ...]:
        if sheet is None:
            return ()
        cols, _ = self.columns(sheet, INDICATOR_COLUMNS, INDICATOR_TRANSLATABLE)
        self.resolve_language(INDICATORS, cols)
        header = {c.base: c.header for c in cols if c.lang is None}
        out: list[Indicator] = []
        for row, values in sheet.rows:
            if not values:
                continue
            get = lambda base, v=values: v.get(header.get(base, "\0"), "").strip()  # noqa: E731
            min_text = get("min_answered")
            min_answered: int | None = None
            if min_text:
                if re.fullmatch(r"[0-9]+", min_text) and int(min_text) >= 1:
                    min_answered = int(min_text)
                else:
                    self.error(
                        INDICATORS,
                        row,
                        "min_answered",
                        f"min_answered must be a whole number ≥ 1, not “{min_text}”",
                    )
            for required in ("code", "domain", "expression", "unit", "direction"):
                if not get(required):
                    self.error(INDICATORS, row, required, f"{required} is required")
            out.append(
                Indicator(
                    code=get("code"),
                    label=self.labels(INDICATORS, row, values, cols, "label"),
                    domain=get("domain"),
                    risk_groups=tuple(get("risk_groups").split()),
                    expression=get("expression"),
                    denominator=get("denominator") or None,
                    unit=get("unit"),
                    direction=get("direction"),
                    min_answered=min_answered,
                    row=row,
                )
            )
        return tuple(out)


# -- workbook ------------------------------------------------------------------------------------------


def _bytes(source: Source) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, str | PathLike):
        try:
            return Path(source).read_bytes()
        except FileNotFoundError:
            raise InstrumentErrors(
                [InstrumentError("file", None, None, f"file not found: {source!s}")]
            ) from None
        except OSError as exc:
            raise InstrumentErrors(
                [InstrumentError("file", None, None, f"cannot read {source!s}: {exc.strerror or exc}")]
            ) from None
    return source.read()


def read_sheets(source: Source) -> dict[str, Sheet]:
    """All sheets as text, keyed by lower-case sheet name. Raises InstrumentErrors for unreadable files."""
    try:
        wb = load_workbook(io.BytesIO(_bytes(source)), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise InstrumentErrors(
            [
                InstrumentError(
                    "file", None, None, f"not a readable .xlsx workbook ({exc.__class__.__name__}: {exc})"
                )
            ]
        ) from None
    sheets: dict[str, Sheet] = {}
    errors: list[InstrumentError] = []
    try:
        for ws in wb.worksheets:
            name = ws.title.strip().lower()
            rows_iter = ws.iter_rows(values_only=True)
            first = next(rows_iter, ())
            headers: list[str | None] = []
            for col_n, value in enumerate(first, start=1):
                if value is None or str(value).strip() == "":
                    headers.append(None)
                    continue
                header = " ".join(str(value).split())
                if header in headers:
                    errors.append(
                        InstrumentError(name, 1, header, f"column “{header}” appears twice (column {col_n})")
                    )
                    headers.append(None)
                    continue
                headers.append(header)
            rows: list[tuple[int, dict[str, str]]] = []
            for row_n, cells in enumerate(rows_iter, start=2):
                values: dict[str, str] = {}
                for h, cell in zip(headers, cells, strict=False):
                    if h is None or cell is None:
                        continue
                    text = xlsx_value_to_str(cell.strip() if isinstance(cell, str) else cell)
                    if text != "":
                        values[h] = text
                rows.append((row_n, values))
            while rows and not rows[-1][1]:
                rows.pop()
            sheets[name] = Sheet(name, [h for h in headers if h is not None], rows)
    finally:
        wb.close()
    if errors:
        raise InstrumentErrors(errors)
    return sheets


def form_id_from_name(name: str) -> str:
    """The form id pyxform takes from a file name: ``Mijn vragenlijst-2.xlsx`` → ``Mijn_vragenlijst_2``."""
    ident = re.sub(r"[^A-Za-z0-9_]+", "_", Path(name).stem).strip("_")
    return ident if ident and not ident[0].isdigit() else f"form_{ident}".rstrip("_")


def content_version(data: bytes) -> str:
    """A form's version without ``settings.version``: ``sha-`` + the first 12 hex digits of its sha256."""
    return "sha-" + hashlib.sha256(data).hexdigest()[:12]


def load_xlsform(source: Source, *, name: str | None = None) -> Instrument:
    """Read and validate an XLSForm (.xlsx path, bytes or binary file); raises :class:`InstrumentErrors`.

    ``name`` is the file name to take the form id from when ``settings.form_id`` is missing (a path
    source supplies its own). Labels missing in Dutch are not errors here — see :func:`read_xlsform`.
    """
    return read_xlsform(source, name=name)[0]


def read_xlsform(source: Source, *, name: str | None = None) -> tuple[Instrument, list[InstrumentError]]:
    """Like :func:`load_xlsform`, and also the warnings: every label, choice and indicator without Dutch.

    A form may come without Dutch (e.g. from another country); a wave that offers Dutch refuses to open
    with it (:func:`~kansrijk.instrument.validate.missing_dutch`).
    """
    data = _bytes(source)
    if name is None and isinstance(source, str | PathLike):
        name = str(source)
    sheets = read_sheets(data)
    reader = _Reader()
    settings = reader.settings(sheets.get(SETTINGS))
    settings["form_id"] = settings.get("form_id") or form_id_from_name(name or "form")
    settings["version"] = settings.get("version") or content_version(data)
    body = reader.survey(sheets.get(SURVEY))
    choice_lists = reader.choices(sheets.get(CHOICES))
    indicators = reader.indicators(sheets.get(INDICATORS))
    for name in sheets:
        if name in _UNSUPPORTED_SHEETS:
            reader.error(name, None, None, f"the {name} sheet is not supported; {_UNSUPPORTED_SHEETS[name]}")
    instrument = Instrument(
        code=settings.get("form_id", ""),
        version=settings.get("version", ""),
        title=settings.get("form_title") or settings.get("form_id", ""),
        languages=order_languages(reader.languages | {BASE_LANGUAGE}),
        body=body,
        choice_lists=choice_lists,
        indicators=indicators,
        default_language=reader.default_language,
        allow_choice_duplicates=reader.allow_choice_duplicates,
    )
    headers = HeaderMap(reader.headers)
    errors = reader.errors + validate(instrument, headers)
    if errors:
        raise InstrumentErrors(_sorted(errors))
    return instrument, _sorted(missing_dutch(instrument, headers))


_UNSUPPORTED_SHEETS = {
    "external_choices": "define the choices in the choices sheet",
    "entities": "Kansrijk keeps no entity lists",
    "osm": "OpenStreetMap questions are not supported",
}
_SHEET_ORDER = {SETTINGS: 0, SURVEY: 1, CHOICES: 2, INDICATORS: 3}


def _sorted(errors: list[InstrumentError]) -> list[InstrumentError]:
    unique = list(dict.fromkeys(errors))
    return sorted(unique, key=lambda e: (_SHEET_ORDER.get(e.sheet, 9), e.row or 0))
