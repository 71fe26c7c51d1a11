"""Translations: Dutch is the source language; every English catalogue must be complete and current.

web/locale holds the web project's and accounts' strings; each later app owns ``<app>/locale``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src/kansrijk"
CATALOGUES = sorted(SRC.glob("*/locale/en/LC_MESSAGES/django.po"))


def test_there_are_catalogues() -> None:
    assert SRC / "web/locale/en/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_english_catalogue_is_complete(po_path: Path) -> None:
    po = polib.pofile(str(po_path))
    missing = [e.msgid for e in po if not e.translated() and not e.obsolete]
    assert not missing, f"untranslated or fuzzy in {po_path.relative_to(ROOT)}: {missing[:10]}"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_placeholders_survive_translation(po_path: Path) -> None:
    import re

    def placeholders(text: str) -> list[str]:
        return sorted(re.findall(r"%\(\w+\)s|\{\w+\}", text))

    for entry in polib.pofile(str(po_path)).translated_entries():
        if entry.msgid_plural:  # each plural form must keep the plural source's placeholders
            source = placeholders(entry.msgid_plural)
            for form in entry.msgstr_plural.values():
                assert placeholders(form) == source, entry.msgid
        else:
            assert placeholders(entry.msgstr) == placeholders(entry.msgid), entry.msgid


def test_catalogues_cover_every_string_in_the_code(tmp_path: Path) -> None:
    """Re-extract the messages from a copy of the code: nothing in templates or code may be missing."""
    if not shutil.which("xgettext"):
        pytest.skip("gettext not installed (apt-get install gettext)")
    copy = tmp_path / "kansrijk"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("vendor", "__pycache__", "*.mo"))
    subprocess.run(
        ["bash", str(ROOT / "tools/extract_messages.sh"), str(copy)], check=True, capture_output=True
    )
    for po_path in CATALOGUES:
        relative = po_path.relative_to(SRC)
        fresh = {e.msgid for e in polib.pofile(str(copy / relative))}
        committed = {e.msgid for e in polib.pofile(str(po_path))}
        assert fresh <= committed, (
            f"{relative}: run `make messages-extract`, translate: {sorted(fresh - committed)[:10]}"
        )
