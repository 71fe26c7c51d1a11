"""Refuse an incomplete translation catalogue (run by `make messages`, and by the test suite).

Dutch is the source language, so there is no Dutch catalogue. Every English catalogue
(``src/kansrijk/*/locale/en``) must translate every entry. The pupil catalogues
(``fieldwork/locale/{ar,pl,tr,uk}``) hold the texts with message context ``leerling`` only: each must
have every such entry of the English fieldwork catalogue, translated, not fuzzy, with the same
placeholders (``{n}``, ``%(name)s``). Prints one line per problem and exits 1 when there is any.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "kansrijk"
PUPIL_CONTEXT = "leerling"
PUPIL_LANGUAGES = ("ar", "pl", "tr", "uk")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def _placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def _entry_problems(path: Path, entry: polib.POEntry) -> list[str]:
    where = f"{path.relative_to(ROOT)}: {entry.msgid[:60]!r}"
    if "fuzzy" in entry.flags:
        return [f"{where} is fuzzy (check the translation, then remove the fuzzy flag)"]
    if not entry.translated():
        return [f"{where} is not translated"]
    forms = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
    source = entry.msgid_plural or entry.msgid
    return [
        f"{where}: placeholders {_placeholders(source)} became {_placeholders(form)}"
        for form in forms
        if _placeholders(form) != _placeholders(source)
    ]


def problems(src: Path = SRC) -> list[str]:
    """Every problem of every catalogue under ``src`` (empty when all are complete)."""
    out: list[str] = []
    english = sorted(src.glob("*/locale/en/LC_MESSAGES/django.po"))
    if not english:
        return [f"no English catalogues under {src}"]
    for path in english:
        for entry in polib.pofile(str(path)):
            if not entry.obsolete:
                out.extend(_entry_problems(path, entry))
    source = polib.pofile(str(src / "fieldwork/locale/en/LC_MESSAGES/django.po"))
    wanted = [e.msgid for e in source if e.msgctxt == PUPIL_CONTEXT and not e.obsolete]
    for lang in PUPIL_LANGUAGES:
        path = src / "fieldwork" / "locale" / lang / "LC_MESSAGES" / "django.po"
        if not path.exists():
            out.append(f"{path.relative_to(ROOT)} is missing (run `make messages-extract`)")
            continue
        po = polib.pofile(str(path))
        have = {e.msgid: e for e in po if e.msgctxt == PUPIL_CONTEXT and not e.obsolete}
        out.extend(
            f"{path.relative_to(ROOT)}: {msgid[:60]!r} is missing (run `make messages-extract`)"
            for msgid in wanted
            if msgid not in have
        )
        for entry in have.values():
            out.extend(_entry_problems(path, entry))
    return out


def main() -> int:
    found = problems()
    for line in found:
        print(line, file=sys.stderr)
    if found:
        print(f"{len(found)} translation problem(s); see docs/developers/translating.md", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
