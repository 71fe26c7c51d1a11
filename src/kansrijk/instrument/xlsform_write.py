"""Write an :class:`Instrument` as an XLSForm workbook that :func:`load_xlsform` reads back unchanged.

Output is byte-for-byte deterministic (fixed document properties and zip timestamps), so an exported form
can be checksummed and committed. Language columns are written as ``label::Nederlands (nl)``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from os import PathLike
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Font

from kansrijk.instrument.model import Group, Instrument, Item, Labels
from kansrijk.instrument.xlsform_format import (
    CHOICES,
    INDICATORS,
    SETTINGS,
    SURVEY,
    column_header,
    language_header,
)

_FIXED_TIME = dt.datetime(2000, 1, 1)


def _walk(elements: tuple[Item | Group, ...]) -> list[Item | Group | str]:
    """Survey rows in order; the string ``"end"`` marks an ``end group`` row."""
    rows: list[Item | Group | str] = []
    for el in elements:
        rows.append(el)
        if isinstance(el, Group):
            rows.extend(_walk(el.children))
            rows.append("end")
    return rows


def _lang_columns(
    base: str, langs: tuple[str, ...], used: list[Labels], always: bool = False
) -> list[tuple[str, str]]:
    return [(base, lang) for lang in langs if always or any(labels.get(lang) for labels in used)]


def _survey_rows(instrument: Instrument) -> list[list[Any]]:
    langs = instrument.languages
    rows = _walk(instrument.body)
    items = [r for r in rows if isinstance(r, Item)]
    groups = [r for r in rows if isinstance(r, Group)]
    nodes: list[Item | Group] = [*items, *groups]
    columns: list[tuple[str, str | None]] = [("type", None), ("name", None)]
    columns += _lang_columns("label", langs, [n.label for n in nodes], always=True)
    columns += _lang_columns("hint", langs, [n.hint for n in nodes])
    if any(i.required for i in items):
        columns.append(("required", None))
    columns += _lang_columns("required_message", langs, [i.required_message for i in items])
    if any(n.relevant for n in nodes):
        columns.append(("relevant", None))
    if any(i.constraint for i in items):
        columns.append(("constraint", None))
    columns += _lang_columns("constraint_message", langs, [i.constraint_message for i in items])
    if any(n.appearance for n in nodes):
        columns.append(("appearance", None))
    if any(i.choice_filter for i in items):
        columns.append(("choice_filter", None))

    out: list[list[Any]] = [[column_header(base, lang) for base, lang in columns]]
    for r in rows:
        values: dict[str, Any] = {}
        if r == "end":
            values["type"] = "end group"
        elif isinstance(r, Group):
            values = {
                "type": "begin group",
                "name": r.name,
                "relevant": r.relevant,
                "appearance": r.appearance,
            }
            values.update(_labels(r.label, "label") | _labels(r.hint, "hint"))
        elif isinstance(r, Item):
            values = {
                "type": f"{r.type} {r.list_name}" if r.list_name else r.type,
                "name": r.name,
                "required": "yes" if r.required else None,
                "relevant": r.relevant,
                "constraint": r.constraint,
                "appearance": r.appearance,
                "choice_filter": r.choice_filter,
            }
            for base in ("label", "hint", "required_message", "constraint_message"):
                values.update(_labels(getattr(r, base), base))
        out.append([values.get(base if lang is None else f"{base}::{lang}") for base, lang in columns])
    return out


def _labels(labels: Labels, base: str) -> dict[str, str]:
    return {f"{base}::{lang}": text for lang, text in labels.items()}


def _choices_rows(instrument: Instrument) -> list[list[Any]]:
    langs = instrument.languages
    props: list[str] = []
    for cl in instrument.choice_lists.values():
        for c in cl.choices:
            props.extend(p for p in c.properties if p not in props)
    header = ["list_name", "name", *(column_header("label", lang) for lang in langs), *props]
    out: list[list[Any]] = [header]
    for cl in instrument.choice_lists.values():
        for c in cl.choices:
            out.append(
                [
                    cl.name,
                    c.code,
                    *(c.label.get(lang) for lang in langs),
                    *(c.properties.get(p) for p in props),
                ]
            )
    return out


def _indicator_rows(instrument: Instrument) -> list[list[Any]]:
    langs = instrument.languages
    header = [
        "code",
        *(column_header("label", lang) for lang in langs),
        "domain",
        "risk_groups",
        "expression",
        "denominator",
        "unit",
        "direction",
        "min_answered",
    ]
    out: list[list[Any]] = [header]
    for ind in instrument.indicators:
        out.append(
            [
                ind.code,
                *(ind.label.get(lang) for lang in langs),
                ind.domain,
                " ".join(ind.risk_groups) or None,
                ind.expression,
                ind.denominator,
                ind.unit,
                ind.direction,
                ind.min_answered,
            ]
        )
    return out


def xlsform_bytes(
    instrument: Instrument,
    *,
    creator: str = "Kansrijk",
    timestamp: dt.datetime = _FIXED_TIME,
    document_title: str | None = None,
    bold_header: bool = True,
) -> bytes:
    """The workbook as bytes (deterministic).

    The keywords set the document properties and the header style. They exist for a generator whose file
    is already shipped: a version's bytes may never change (its sha256 identifies it in every snapshot),
    so the OKO kern build (``tools/oko_kern/build.py``) passes what its file has always carried.
    """
    wb = Workbook()
    sheets: list[tuple[str, list[list[Any]]]] = [
        (SURVEY, _survey_rows(instrument)),
        (CHOICES, _choices_rows(instrument)),
        (
            SETTINGS,
            [
                ["form_title", "form_id", "version", "default_language"]
                + (["allow_choice_duplicates"] if instrument.allow_choice_duplicates else []),
                [
                    instrument.title,
                    instrument.code,
                    instrument.version,
                    language_header(instrument.default_language),
                ]
                + (["yes"] if instrument.allow_choice_duplicates else []),
            ],
        ),
    ]
    if instrument.indicators:
        sheets.append((INDICATORS, _indicator_rows(instrument)))
    ws = wb.active
    assert ws is not None
    for n, (title, rows) in enumerate(sheets):
        if n:
            ws = wb.create_sheet()
        ws.title = title
        for row in rows:
            ws.append([_cell(v) for v in row])
        if bold_header:
            for cell in ws[1]:
                cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    wb.properties.created = timestamp
    wb.properties.modified = timestamp
    wb.properties.creator = creator
    if document_title is not None:
        wb.properties.title = document_title
    raw = io.BytesIO()
    wb.save(raw)
    return deterministic_xlsx(raw.getvalue(), timestamp)


def _cell(value: Any) -> Any:
    """Text stays text (a version "2024.10" must not become the number 2024.1)."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.startswith("="):
        return " " + value  # never let a label become a formula; the reader strips the space
    return value


_MODIFIED_RE = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def deterministic_xlsx(data: bytes, fixed_time: dt.datetime = _FIXED_TIME) -> bytes:
    """Rewrite an .xlsx so the same content gives the same bytes (and so the same sha256).

    openpyxl stamps every zip entry, and ``dcterms:modified`` in docProps/core.xml, with the current time
    whatever the workbook's properties say; an instrument version is identified by its file's sha256.
    """
    stamp = fixed_time.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=fixed_time.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED_RE.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            dst.writestr(fixed, content)
    return out.getvalue()


def write_xlsform(instrument: Instrument, target: str | PathLike[str] | IO[bytes]) -> None:
    """Write ``instrument`` as an XLSForm to a path or binary file."""
    data = xlsform_bytes(instrument)
    if isinstance(target, str | PathLike):
        Path(target).write_bytes(data)
    else:
        target.write(data)
