"""The XLSForm conventions Kansrijk reads and writes: sheets, columns, language headers.

Shared by :mod:`xlsform_read` and :mod:`xlsform_write` so the two cannot disagree about a column name.
See ``docs/developers/xlsform.md`` for the author's view.
"""

from __future__ import annotations

import re

from kansrijk.vocabulary import LANGUAGES

SURVEY, CHOICES, SETTINGS, INDICATORS = "survey", "choices", "settings", "indicators"

#: Columns of the survey sheet, in the order they are written. Translatable ones take ``::language``.
SURVEY_COLUMNS: tuple[str, ...] = (
    "type",
    "name",
    "label",
    "hint",
    "required",
    "required_message",
    "relevant",
    "constraint",
    "constraint_message",
    "appearance",
    "choice_filter",
)
SURVEY_TRANSLATABLE = frozenset({"label", "hint", "required_message", "constraint_message"})
CHOICES_COLUMNS: tuple[str, ...] = ("list_name", "name", "label")
CHOICES_TRANSLATABLE = frozenset({"label"})
SETTINGS_COLUMNS: tuple[str, ...] = ("form_title", "form_id", "version", "default_language")
INDICATOR_COLUMNS: tuple[str, ...] = (
    "code",
    "label",
    "domain",
    "risk_groups",
    "expression",
    "denominator",
    "unit",
    "direction",
    "min_answered",
)
INDICATOR_TRANSLATABLE = frozenset({"label"})

#: XLSForm columns Kansrijk knows but does not support: a form using them is rejected, never half-read.
UNSUPPORTED_COLUMNS: dict[str, str] = {
    "calculation": "calculations are not supported; derive values as indicators instead",
    "default": "default answers are not supported",
    "read_only": "read-only questions are not supported",
    "readonly": "read-only questions are not supported",
    "repeat_count": "repeats are not supported",
    "trigger": "triggers are not supported",
    "parameters": "question parameters are not supported",
    "guidance_hint": "guidance hints are not supported; use hint",
    "image": "media are not supported",
    "big-image": "media are not supported",
    "audio": "media are not supported",
    "video": "media are not supported",
    "media": "media are not supported",
    "save_to": "entities are not supported",
}

#: Column headers other XLSForm tools write for the same column (pyxform's aliases), after lower-casing
#: and turning spaces into ``_``: ``list name`` → ``list_name``, ``caption`` → ``label``.
COLUMN_ALIASES: dict[str, str] = {
    "caption": "label",
    "relevance": "relevant",
    "constraining_message": "constraint_message",
    "requiredmsg": "required_message",
    "set_form_title": "form_title",
    "set_form_id": "form_id",
}
#: Settings pyxform knows that only change how ODK tools send or name submissions: read and ignored,
#: because Kansrijk has no submissions to send (``allow_choice_duplicates`` is read, see the reader).
IGNORED_SETTINGS = frozenset(
    {
        "instance_name",
        "submission_url",
        "public_key",
        "auto_send",
        "auto_delete",
        "style",
        "name",
        "namespaces",
        "omit_instanceid",
        "clean_text_values",
    }
)

_LANG_CODE_RE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]+)?$")
_LANG_PAREN_RE = re.compile(r"\(\s*([a-z]{2,3}(?:-[a-z0-9]+)?)\s*\)\s*$")
_HEADER_RE = re.compile(r"^([^:]*?)\s*::?\s*(.*)$")

#: Language names authors write without a code (``label:English``, ``label::Arabic``): English and own
#: names of the languages Dutch schools meet most, lower case.
LANGUAGE_NAMES: dict[str, str] = {
    "dutch": "nl",
    "nederlands": "nl",
    "english": "en",
    "engels": "en",
    "arabic": "ar",
    "arabisch": "ar",
    "العربية": "ar",
    "polish": "pl",
    "pools": "pl",
    "polski": "pl",
    "turkish": "tr",
    "turks": "tr",
    "türkçe": "tr",
    "ukrainian": "uk",
    "oekraïens": "uk",
    "українська": "uk",
    "french": "fr",
    "français": "fr",
    "frans": "fr",
    "german": "de",
    "deutsch": "de",
    "duits": "de",
    "spanish": "es",
    "español": "es",
    "spaans": "es",
    "portuguese": "pt",
    "português": "pt",
    "italian": "it",
    "italiano": "it",
    "russian": "ru",
    "русский": "ru",
    "somali": "so",
    "tigrinya": "ti",
    "ትግርኛ": "ti",
    "farsi": "fa",
    "persian": "fa",
    "فارسی": "fa",
    "dari": "prs",
    "pashto": "ps",
    "kurdish": "ku",
    "swahili": "sw",
    "kiswahili": "sw",
    "hindi": "hi",
    "bengali": "bn",
    "chinese": "zh",
    "中文": "zh",
    "papiamento": "pap",
    "frisian": "fy",
    "frysk": "fy",
    "romanian": "ro",
    "română": "ro",
    "bulgarian": "bg",
    "български": "bg",
    "hungarian": "hu",
    "magyar": "hu",
    "greek": "el",
    "ελληνικά": "el",
    "hebrew": "he",
    "עברית": "he",
    "urdu": "ur",
    "اردو": "ur",
}


def split_header(header: str) -> tuple[str, str | None]:
    """Split a header into its column and language spec: ``label:English`` → (``label``, ``English``).

    ``label::English (en)``, ``label:English`` and ``LABEL::EN`` all name the label column; ``type`` has no
    spec (``None``). Bases are compared case-insensitively and with spaces as ``_`` (``list name`` is
    ``list_name``), as pyxform does; known aliases (``caption``) become the column Kansrijk uses.
    """
    m = _HEADER_RE.match(header)
    base, spec = (m.group(1), m.group(2)) if m else (header, None)
    base = "_".join(base.strip().lower().split())
    return COLUMN_ALIASES.get(base, base), spec


def language_code(spec: str) -> str | None:
    """``Nederlands (nl)``, ``nl``, ``EN`` or ``english`` → the code; anything else → ``None``."""
    spec = " ".join(spec.split()).lower()
    if _LANG_CODE_RE.match(spec):
        return spec
    m = _LANG_PAREN_RE.search(spec)
    if m:
        return m.group(1)
    return LANGUAGE_NAMES.get(spec)


def language_header(lang: str) -> str:
    """How a language is written in column headers and ``default_language``: ``Nederlands (nl)``."""
    name = LANGUAGES[lang][0] if lang in LANGUAGES else lang
    return f"{name} ({lang})"


def column_header(base: str, lang: str | None) -> str:
    return base if lang is None else f"{base}::{language_header(lang)}"


def order_languages(langs: set[str] | frozenset[str]) -> tuple[str, ...]:
    """nl first, then the vocabulary's order, then any others alphabetically — stable across round trips."""
    known = [code for code in LANGUAGES if code in langs]
    return tuple(known + sorted(langs - set(known)))
