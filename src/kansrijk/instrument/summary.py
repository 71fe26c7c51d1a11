"""What ``kansrijk instrument check`` prints: counts, missing translations, estimated completion time.

The completion time is for a *slow* reader who sees every question (skip logic ignored, so an upper bound
for most pupils): Dutch words of labels, hints and the choices read ÷ ``words_per_minute`` (default 100), plus
``seconds_per_answer`` (default 4) per question answered. A class hour has ~45 minutes of which ~35 for the
questionnaire; the estimate tells an author early when a form will not fit. Where a label has no Dutch the
words counted are the ones shown instead (the form's own wording).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kansrijk.instrument.model import BASE_LANGUAGE, Group, Instrument, Labels
from kansrijk.instrument.xlsform_format import CHOICES, INDICATORS, SURVEY, column_header


@dataclass(frozen=True)
class MissingTranslation:
    sheet: str
    row: int | None
    column: str
    name: str
    language: str

    def __str__(self) -> str:
        where = f"{self.sheet}, row {self.row}" if self.row else self.sheet
        return f"{where}, column {self.column}: {self.name} has no {self.language} text (Dutch is shown)"


@dataclass(frozen=True)
class Summary:
    code: str
    version: str
    title: str
    languages: tuple[str, ...]
    items: int
    items_by_type: dict[str, int]
    pages: int
    matrices: int
    choice_lists: int
    indicators: int
    words: int
    minutes: float
    missing_translations: tuple[MissingTranslation, ...]

    def missing_by_language(self) -> dict[str, int]:
        return dict(Counter(m.language for m in self.missing_translations))


def _words(text: str | None) -> int:
    return len(text.split()) if text else 0


def _missing(
    out: list[MissingTranslation],
    langs: tuple[str, ...],
    sheet: str,
    row: int | None,
    base: str,
    name: str,
    labels: Labels,
) -> None:
    if not labels.get(BASE_LANGUAGE):
        return
    for lang in langs:
        if not labels.get(lang):
            out.append(MissingTranslation(sheet, row, column_header(base, lang), name, lang))


def summarize(
    instrument: Instrument, words_per_minute: float = 100.0, seconds_per_answer: float = 4.0
) -> Summary:
    """Counts, missing translations and a completion-time estimate (see module docstring)."""
    others = tuple(lang for lang in instrument.languages if lang != BASE_LANGUAGE)
    missing: list[MissingTranslation] = []
    words = 0
    answerable = 0
    matrices = 0

    def groups(elements: tuple[object, ...]) -> None:
        nonlocal words, matrices
        for el in elements:
            if isinstance(el, Group):
                if (el.appearance or "").split(" ")[0] == "table-list":
                    matrices += 1
                words += _words(Instrument.label(el.label, BASE_LANGUAGE)) + _words(
                    Instrument.label(el.hint, BASE_LANGUAGE)
                )
                _missing(missing, others, SURVEY, el.row, "label", el.name, el.label)
                _missing(missing, others, SURVEY, el.row, "hint", el.name, el.hint)
                groups(el.children)

    groups(instrument.body)
    for item in instrument.items:
        words += _words(Instrument.label(item.label, BASE_LANGUAGE)) + _words(
            Instrument.label(item.hint, BASE_LANGUAGE)
        )
        if item.answerable:
            answerable += 1
        if item.list_name and item.list_name in instrument.choice_lists:
            words += sum(
                _words(Instrument.label(c.label, BASE_LANGUAGE))
                for c in instrument.choice_lists[item.list_name].choices
            )
        for base in ("label", "hint", "constraint_message", "required_message"):
            _missing(missing, others, SURVEY, item.row, base, item.name, getattr(item, base))
    for cl in instrument.choice_lists.values():
        for c in cl.choices:
            _missing(missing, others, CHOICES, c.row, "label", f"{cl.name}/{c.code}", c.label)
    for ind in instrument.indicators:
        _missing(missing, others, INDICATORS, ind.row, "label", ind.code, ind.label)
    minutes = words / words_per_minute + answerable * seconds_per_answer / 60.0
    return Summary(
        code=instrument.code,
        version=instrument.version,
        title=instrument.title,
        languages=instrument.languages,
        items=answerable,
        items_by_type=dict(Counter(i.type for i in instrument.items)),
        pages=len(instrument.pages),
        matrices=matrices,
        choice_lists=len(instrument.choice_lists),
        indicators=len(instrument.indicators),
        words=words,
        minutes=minutes,
        missing_translations=tuple(missing),
    )
