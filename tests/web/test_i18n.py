"""Translations: Dutch is the source language; the English catalogue must be complete and current."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
EN_PO = ROOT / "src/kansrijk/web/locale/en/LC_MESSAGES/django.po"


def test_english_catalogue_is_complete() -> None:
    po = polib.pofile(str(EN_PO))
    assert len(po) > 50
    missing = [e.msgid for e in po if not e.translated() and not e.obsolete]
    assert not missing, f"untranslated or fuzzy in en/django.po: {missing[:10]}"


def test_placeholders_survive_translation() -> None:
    po = polib.pofile(str(EN_PO))
    for entry in po.translated_entries():
        for placeholder in ("%(n)s", "%(total)s", "%(name)s"):
            assert (placeholder in entry.msgid) == (placeholder in entry.msgstr), entry.msgid


def test_catalogue_covers_every_string_in_the_code(tmp_path: Path) -> None:
    """Re-extract the messages from a copy of the code: nothing in templates or code may be missing."""
    if not shutil.which("xgettext"):
        pytest.skip("gettext not installed (apt-get install gettext)")
    copy = tmp_path / "kansrijk"
    shutil.copytree(
        ROOT / "src/kansrijk", copy, ignore=shutil.ignore_patterns("vendor", "__pycache__", "*.mo")
    )
    subprocess.run(
        ["bash", str(ROOT / "tools/extract_messages.sh"), str(copy)], check=True, capture_output=True
    )
    fresh = {e.msgid for e in polib.pofile(str(copy / "web/locale/en/LC_MESSAGES/django.po"))}
    committed = {e.msgid for e in polib.pofile(str(EN_PO))}
    assert fresh <= committed, f"run `make messages-extract` and translate: {sorted(fresh - committed)[:10]}"
