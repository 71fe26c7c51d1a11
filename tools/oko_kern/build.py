"""Write the default instrument "OKO kern" as an XLSForm: `python tools/oko_kern/build.py [--check]`.

The questionnaire's source is the Python data next to this file (survey.py, choices.py, indicators.py),
written as `kansrijk.instrument.model` objects; the shipped file `src/kansrijk/instrument/data/oko_kern.xlsx`
is what the product's own writer (`kansrijk.instrument.xlsform_write`) makes of them. The build is
deterministic and passes the document properties and plain header the file was first shipped with, so an
unchanged source gives the same bytes (with the same openpyxl version) and the same sha256, which
`InstrumentVersion` records.
Before writing, the bytes are read back with the product reader, so an invalid form is never written.
`--check` exits 1 when the shipped file, read back, differs from the source (model or item hashes; for CI).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

TOOLS_DIR = Path(__file__).resolve().parents[1]
if str(TOOLS_DIR) not in sys.path:  # run as a script: make the `oko_kern` package importable
    sys.path.insert(0, str(TOOLS_DIR))

from kansrijk.instrument.errors import InstrumentErrors  # noqa: E402
from kansrijk.instrument.hashing import instrument_hashes  # noqa: E402
from kansrijk.instrument.model import Instrument  # noqa: E402
from kansrijk.instrument.xlsform_read import load_xlsform  # noqa: E402
from kansrijk.instrument.xlsform_write import xlsform_bytes  # noqa: E402
from oko_kern.choices import CHOICE_LISTS  # noqa: E402
from oko_kern.indicators import INDICATORS  # noqa: E402
from oko_kern.languages import LANGUAGES  # noqa: E402
from oko_kern.survey import SURVEY  # noqa: E402

REPO_DIR = TOOLS_DIR.parent
OUTPUT = REPO_DIR / "src" / "kansrijk" / "instrument" / "data" / "oko_kern.xlsx"

FORM_TITLE = "OKO kern – vragenlijst voor jongeren"
FORM_ID = "oko_kern"
VERSION = "2026.1"
#: Document properties of the shipped file; changing them changes its sha256 without changing the form.
CREATOR = "Kansrijk (tools/oko_kern/build.py)"
FIXED_TIME = datetime(2025, 1, 1, 0, 0, 0)


def instrument() -> Instrument:
    """OKO kern as the product's model: what `load_xlsform` must read back from the shipped file."""
    return Instrument(
        code=FORM_ID,
        version=VERSION,
        title=FORM_TITLE,
        languages=LANGUAGES,
        body=SURVEY,
        choice_lists={cl.name: cl for cl in CHOICE_LISTS},
        indicators=INDICATORS,
        default_language=LANGUAGES[0],
    )


def workbook_bytes() -> bytes:
    """The XLSForm as bytes, identical on every run, written by the product's XLSForm writer."""
    return xlsform_bytes(
        instrument(), creator=CREATOR, timestamp=FIXED_TIME, document_title=FORM_TITLE, bold_header=False
    )


def differences(expected: Instrument, found: Instrument) -> list[str]:
    """What differs between the source and a file's instrument: settings, item/indicator hashes, the rest."""
    if expected == found:
        return []
    out = [
        f"{field}: {getattr(found, field)!r} instead of {getattr(expected, field)!r}"
        for field in ("code", "version", "title", "languages", "default_language")
        if getattr(found, field) != getattr(expected, field)
    ]
    want, have = instrument_hashes(expected), instrument_hashes(found)
    for kind in ("items", "indicators"):
        for name in sorted(want[kind].keys() | have[kind].keys()):
            if want[kind].get(name) != have[kind].get(name):
                out.append(f"{kind[:-1]} {name}: hash differs (or missing on one side)")
    return out or ["content differs (translations, names, appearance or order)"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check", action="store_true", help="compare with the shipped file instead of writing"
    )
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"where to write (default {OUTPUT})")
    args = parser.parse_args(argv)
    source = instrument()
    data = workbook_bytes()
    try:
        written = load_xlsform(data)
        found = load_xlsform(args.output) if args.check else written
    except InstrumentErrors as exc:
        print(f"{args.output if args.check else 'the source'} is not a valid form:\n{exc}", file=sys.stderr)
        return 1
    problems = differences(source, written) or differences(source, found)
    if problems:
        where = args.output if args.check else "the written form"
        print(f"{where} does not match the source:", *problems, sep="\n  ", file=sys.stderr)
        if args.check:
            print("run python tools/oko_kern/build.py", file=sys.stderr)
        return 1
    if args.check:
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
