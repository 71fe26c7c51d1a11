"""Pupil texts come from Django .po catalogues: one per language, complete, placeholders intact."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from kansrijk.fieldwork.pupil_text import CONTEXT, SOURCE, text_for

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "src/kansrijk/fieldwork/locale"
PUPIL_LANGUAGES = ("en", "ar", "pl", "tr", "uk")


def _catalogue(lang: str) -> dict[str, str]:
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES/django.po"))
    return {e.msgid: e.msgstr for e in po if e.msgctxt == CONTEXT and e.translated()}


@pytest.mark.parametrize("lang", PUPIL_LANGUAGES)
def test_every_pupil_text_is_read_from_the_catalogue(lang: str) -> None:
    catalogue = _catalogue(lang)
    dutch = text_for("nl")
    texts = text_for(lang)
    assert set(texts) == set(SOURCE)
    for key, source in dutch.items():
        assert texts[key] == catalogue[source], key
    # the language is really another one: at most a handful of words are the same as in Dutch
    same = [key for key in texts if texts[key] == dutch[key]]
    assert len(same) <= 2, same


def test_dutch_is_the_source_and_other_languages_fall_back_to_it() -> None:
    dutch = text_for("nl")
    assert dutch["start_title"] == "Vragenlijst voor jongeren"
    assert dutch["progress"].format(n=2, total=9) == "Deel 2 van 9"
    assert text_for("de") == dutch  # no German catalogue: every text in Dutch
    assert text_for("ar")["progress"].format(n=2, total=9) == "الجزء 2 من 9"


def test_the_translation_table_is_gone() -> None:
    """The texts live in .po files only; the module holds Dutch msgids, never a translation."""
    source = (ROOT / "src/kansrijk/fieldwork/pupil_text.py").read_text(encoding="utf-8")
    for lang in ("en", "ar", "pl", "tr", "uk"):
        assert _catalogue(lang)["Vragenlijst voor jongeren"] not in source


def test_make_messages_check_passes_and_refuses_an_incomplete_catalogue(tmp_path: Path) -> None:
    check = ROOT / "tools/check_messages.py"
    ok = subprocess.run([sys.executable, str(check)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    # a copy of the tree with one Polish text left untranslated and one Turkish placeholder lost
    tree = tmp_path / "repo"
    shutil.copytree(
        ROOT / "src/kansrijk", tree / "src/kansrijk", ignore=shutil.ignore_patterns("static", "*.mo")
    )
    (tree / "tools").mkdir()
    shutil.copy(check, tree / "tools")
    pl = polib.pofile(str(tree / "src/kansrijk/fieldwork/locale/pl/LC_MESSAGES/django.po"))
    pl.find("Verder", msgctxt=CONTEXT).msgstr = ""
    pl.save()
    tr = polib.pofile(str(tree / "src/kansrijk/fieldwork/locale/tr/LC_MESSAGES/django.po"))
    tr.find("Deel {n} van {total}", msgctxt=CONTEXT).msgstr = "Bölüm {n}"
    tr.save()
    bad = subprocess.run(
        [sys.executable, str(tree / "tools/check_messages.py")], capture_output=True, text=True
    )
    assert bad.returncode == 1
    assert "locale/pl/LC_MESSAGES/django.po: 'Verder' is not translated" in bad.stderr
    assert "locale/tr/LC_MESSAGES/django.po: 'Deel {n} van {total}': placeholders" in bad.stderr
    assert "2 translation problem(s)" in bad.stderr


@pytest.mark.django_db
def test_the_page_shell_around_the_questions_is_in_the_pupils_language(client, session) -> None:  # type: ignore[no-untyped-def]
    """Skip link, footer and privacy link come from the pupil catalogue too: no Dutch on an Arabic page."""
    client.post(f"/k/{session.code}/", {"keuze": "mee", "taal": "ar"})
    html = client.get(f"/k/{session.code}/p/0/").content.decode()
    ar = text_for("ar")
    assert '<html lang="ar" dir="rtl">' in html
    for key in ("skip_link", "privacy", "footer_note"):
        assert ar[key] in html, key
    for dutch in ("Naar de inhoud", "open-sourcesoftware", ">Privacy<"):
        assert dutch not in html, dutch
