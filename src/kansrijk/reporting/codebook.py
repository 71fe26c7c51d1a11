"""The codebook of an instrument: every variable and indicator, for researchers who receive microdata.

Built as a :class:`~kansrijk.reporting.documents.Report`, so the HTML page and the PDF are one layout. Lists
per variable its name, type, question text (in the languages asked, Dutch and English by default), codes with
their labels, and the condition under which it is asked; select_multiple items also list the 0/1 columns
``item__choice`` of the export. Indicators with leefdomein, unit, direction and their definition (the
expression over items, and the denominator).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kansrijk.reporting.charts import domain_label
from kansrijk.reporting.documents import Paragraph, Report, Section, Table, html_to_pdf, render_html
from kansrijk.reporting.texts import text
from kansrijk.snapshot import choice_column

if TYPE_CHECKING:
    from kansrijk.instrument import Instrument

DIRECTION_TEXT = {
    "nl": {
        "higher_is_better": "hoger is beter",
        "higher_is_worse": "hoger is slechter",
        "neutral": "neutraal",
    },
    "en": {
        "higher_is_better": "higher is better",
        "higher_is_worse": "higher is worse",
        "neutral": "neutral",
    },
}
UNIT_TEXT = {
    "nl": {"percentage": "percentage", "mean": "gemiddelde"},
    "en": {"percentage": "percentage", "mean": "mean"},
}


def codebook_report(
    instrument: Instrument,
    *,
    languages: Sequence[str] = ("nl", "en"),
    lang: str = "nl",
    author: str = "Kansrijk",
) -> Report:
    """The codebook of ``instrument`` as a report (headings and tables in ``lang``)."""
    label = instrument.label
    question_cols = tuple(f"{text('question', lang)} ({code})" for code in languages)
    rows: list[tuple[str, ...]] = []
    for item in instrument.items:
        if not item.answerable:
            continue
        codes = ""
        if item.list_name:
            choices = instrument.choices_of(item)
            codes = "\n".join(f"{c.code} = {label(c, lang)}" for c in choices.choices)
            if item.type == "select_multiple":
                codes += (
                    "\n" + ", ".join(choice_column(item.name, c.code) for c in choices.choices) + " (0/1)"
                )
        relevant = " · ".join(
            r for r in (*(g.relevant for g in instrument.ancestors(item.name)), item.relevant) if r
        ) or text("always", lang)
        kind = item.type + (f"\n{item.list_name}" if item.list_name else "")
        rows.append((item.name, kind, *(label(item.label, code) for code in languages), codes, relevant))
    variables = Table(
        (
            text("variable", lang),
            text("type", lang),
            *question_cols,
            text("codes", lang),
            text("relevant", lang),
        ),
        tuple(rows),
        caption=f"{text('variables', lang)} ({len(rows)})",
        widths=(14, 11, *(40 / len(languages),) * len(languages), 21, 14),
    )
    ind_rows: list[tuple[str, ...]] = []
    for ind in instrument.indicators:
        definition = ind.expression + (
            f"\n{text('denominator', lang)}: {ind.denominator}" if ind.denominator else ""
        )
        ind_rows.append(
            (
                ind.code,
                *(label(ind.label, code) for code in languages),
                domain_label(ind.domain, lang),
                UNIT_TEXT.get(lang, UNIT_TEXT["nl"]).get(ind.unit, ind.unit),
                DIRECTION_TEXT.get(lang, DIRECTION_TEXT["nl"]).get(ind.direction, ind.direction),
                definition,
            )
        )
    indicators = Table(
        (
            text("indicator", lang),
            *(f"{text('indicator', lang)} ({code})" for code in languages),
            text("domain", lang),
            text("unit", lang),
            text("direction", lang),
            text("definition", lang),
        ),
        tuple(ind_rows),
        caption=f"{text('indicators', lang)} ({len(ind_rows)})",
        widths=(12, *(36 / len(languages),) * len(languages), 11, 9, 9, 23),
    )
    intro = (
        f"{instrument.title} — {instrument.code} {instrument.version}. "
        + ("Talen" if lang != "en" else "Languages")
        + f": {', '.join(instrument.languages)}."
    )
    return Report(
        title=f"{text('codebook', lang)}: {instrument.title}",
        subtitle=f"{instrument.code} {instrument.version}",
        sections=(
            Section(text("variables", lang), (Paragraph(intro), variables)),
            Section(text("indicators", lang), (indicators,)),
        ),
        lang=lang,
        author=author,
        landscape=True,
    )


def codebook_html(
    instrument: Instrument, *, languages: Sequence[str] = ("nl", "en"), lang: str = "nl"
) -> str:
    """The codebook as one HTML page."""
    return render_html(codebook_report(instrument, languages=languages, lang=lang))


def codebook_pdf(
    instrument: Instrument, *, languages: Sequence[str] = ("nl", "en"), lang: str = "nl"
) -> bytes:
    """The codebook as PDF (A4, same layout as the HTML)."""
    return html_to_pdf(codebook_html(instrument, languages=languages, lang=lang))
