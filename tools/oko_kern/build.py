"""Write the default instrument "OKO kern" as an XLSForm: `python tools/oko_kern/build.py [--check]`.

The questionnaire's source is the Python data next to this file (survey.py, choices.py, indicators.py);
the shipped file `src/kansrijk/instrument/data/oko_kern.xlsx` is its build product. The build is
deterministic — fixed document properties and zip timestamps — so rebuilding an unchanged source gives the
same bytes (with the same openpyxl version) and the same sha256, which `InstrumentVersion` records.
`--check` rebuilds in memory and exits 1 when the shipped file's content differs (for CI).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

TOOLS_DIR = Path(__file__).resolve().parents[1]
if str(TOOLS_DIR) not in sys.path:  # run as a script: make the `oko_kern` package importable
    sys.path.insert(0, str(TOOLS_DIR))

from openpyxl import Workbook, load_workbook  # noqa: E402

from kansrijk.instrument.xlsform_write import deterministic_xlsx  # noqa: E402
from oko_kern.choices import CHOICE_LISTS  # noqa: E402
from oko_kern.indicators import INDICATORS  # noqa: E402
from oko_kern.model import LANGUAGE_COLUMNS, Group, Item, L  # noqa: E402
from oko_kern.survey import SURVEY  # noqa: E402

REPO_DIR = TOOLS_DIR.parent
OUTPUT = REPO_DIR / "src" / "kansrijk" / "instrument" / "data" / "oko_kern.xlsx"

FORM_TITLE = "OKO kern – vragenlijst voor jongeren"
FORM_ID = "oko_kern"
VERSION = "2026.1"
DEFAULT_LANGUAGE = "Nederlands (nl)"
FIXED_TIME = datetime(2025, 1, 1, 0, 0, 0)

Cell = str | int | None
Table = list[list[Cell]]


def _lang_headers(base: str) -> list[str]:
    return [f"{base}::{header}" for _, header in LANGUAGE_COLUMNS]


def _texts(text: L | None) -> list[Cell]:
    return [text.get(lang) if text else None for lang, _ in LANGUAGE_COLUMNS]


SURVEY_HEADER: list[str] = [
    "type",
    "name",
    *_lang_headers("label"),
    *_lang_headers("hint"),
    "required",
    *_lang_headers("required_message"),
    "relevant",
    "constraint",
    *_lang_headers("constraint_message"),
    "appearance",
]


def _survey_rows(elements: Sequence[Item | Group]) -> Iterator[list[Cell]]:
    for el in elements:
        if isinstance(el, Group):
            yield [
                "begin group",
                el.name,
                *_texts(el.label),
                *_texts(None),
                None,
                *_texts(None),
                el.relevant or None,
                None,
                *_texts(None),
                el.appearance or None,
            ]
            yield from _survey_rows(el.children)
            yield ["end group", None, *[None] * (len(SURVEY_HEADER) - 2)]
        else:
            yield [
                el.type,
                el.name,
                *_texts(el.label),
                *_texts(el.hint),
                "yes" if el.required else None,
                *_texts(el.required_message),
                el.relevant or None,
                el.constraint or None,
                *_texts(el.constraint_message),
                el.appearance or None,
            ]


def tables() -> dict[str, Table]:
    """The four sheets as rows of cells, header first — the content the XLSForm must hold."""
    survey: Table = [list(SURVEY_HEADER), *_survey_rows(SURVEY)]
    choices: Table = [["list_name", "name", *_lang_headers("label")]]
    for choice_list in CHOICE_LISTS:
        choices.extend([choice_list.name, c.name, *_texts(c.label)] for c in choice_list.choices)
    settings: Table = [
        ["form_title", "form_id", "version", "default_language"],
        [FORM_TITLE, FORM_ID, VERSION, DEFAULT_LANGUAGE],
    ]
    indicators: Table = [
        [
            "code",
            *_lang_headers("label"),
            "domain",
            "risk_groups",
            "expression",
            "denominator",
            "unit",
            "direction",
            "min_answered",
        ]
    ]
    indicators.extend(
        [
            i.code,
            *_texts(i.label),
            i.domain,
            " ".join(i.risk_groups) or None,
            i.expression,
            i.denominator or None,
            i.unit,
            i.direction,
            i.min_answered,
        ]
        for i in INDICATORS
    )
    return {"survey": survey, "choices": choices, "settings": settings, "indicators": indicators}


def workbook_bytes() -> bytes:
    """The XLSForm as bytes, identical on every run (fixed properties, fixed zip entry times)."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in tables().items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        ws.freeze_panes = "A2"
    wb.properties.creator = "Kansrijk (tools/oko_kern/build.py)"
    wb.properties.title = FORM_TITLE
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    return deterministic_xlsx(buffer.getvalue(), FIXED_TIME)


def read_tables(path: Path | io.BytesIO) -> dict[str, Table]:
    """The cell values of an XLSForm, sheet by sheet, trailing empty cells dropped (for comparisons)."""
    wb = load_workbook(path, read_only=True, data_only=True)
    result: dict[str, Table] = {}
    for ws in wb.worksheets:
        rows: Table = []
        for row in ws.iter_rows(values_only=True):
            cells: list[Cell] = [None if v == "" else v for v in row]
            while cells and cells[-1] is None:
                cells.pop()
            rows.append(cells)
        result[ws.title] = rows
    wb.close()
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check", action="store_true", help="compare with the shipped file instead of writing"
    )
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"where to write (default {OUTPUT})")
    args = parser.parse_args(argv)
    data = workbook_bytes()
    if args.check:
        if read_tables(io.BytesIO(data)) != read_tables(args.output):
            print(f"{args.output} is out of date: run python tools/oko_kern/build.py", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
