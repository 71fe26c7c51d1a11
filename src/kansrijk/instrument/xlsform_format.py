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

_LANG_CODE_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$")
_LANG_PAREN_RE = re.compile(r"\(\s*([a-z]{2,3}(?:-[A-Za-z0-9]+)?)\s*\)\s*$")


def language_code(spec: str) -> str | None:
    """``Nederlands (nl)`` or ``nl`` → ``nl``; anything else → ``None``."""
    spec = spec.strip()
    if _LANG_CODE_RE.match(spec):
        return spec
    m = _LANG_PAREN_RE.search(spec)
    return m.group(1) if m else None


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
