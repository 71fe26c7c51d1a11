"""Reports as documents: a small model (sections of headings, paragraphs, tables, charts) → HTML → PDF.

The same HTML serves the browser (print preview, the results app) and WeasyPrint (the PDF), so a report has
one layout. Print rules: A4, a running header with the report title, "pagina X van Y" in the footer, table
headers repeated on every page and table rows never split. The PDF carries title, author, language and — where
WeasyPrint can — PDF/UA-1 tags for screen readers (``pdf_variant="pdf/ua-1"``, falling back to plain tagging
and then to an untagged PDF if the variant fails).

Suppressed cells are rendered as an en dash with a footnote letter; the footnotes under the table give the
reason in words. A table never shows a suppressed number, even if the frame still holds one.
"""

from __future__ import annotations

import base64
import html
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from string import ascii_lowercase
from typing import TYPE_CHECKING, Any

import polars as pl

from kansrijk.reporting.charts import Chart, resolve_unit, variable_label
from kansrijk.reporting.errors import ReportingError
from kansrijk.reporting.formatting import MISSING, Unit, format_ci, format_count, format_number, format_value
from kansrijk.reporting.texts import NOT_PUBLISHED, suppression_reason, text
from kansrijk.vocabulary import RTL_LANGUAGES

if TYPE_CHECKING:
    from kansrijk.instrument import Instrument

log = logging.getLogger(__name__)

FONT_STACK = '"Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans", sans-serif'


@dataclass(frozen=True)
class Suppressed:
    """A table cell that must not be shown; ``reason`` is the code of ``kansrijk.analysis.suppress``."""

    reason: str


Cell = str | Suppressed


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    """A table of display strings (already formatted) and suppressed cells.

    ``numeric`` marks columns to right-align (figures); ``notes`` are printed under the table, after the
    footnotes on suppressed cells.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str | None = None
    numeric: tuple[bool, ...] = ()
    notes: tuple[str, ...] = ()
    widths: tuple[float, ...] = ()  # relative column widths (fixed layout); empty = automatic

    def __post_init__(self) -> None:
        for i, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise ReportingError(
                    f"table {self.caption or ''} row {i + 1}".strip(),
                    f"has {len(row)} cells for {len(self.columns)} columns",
                    "give every row one cell per column",
                )


@dataclass(frozen=True)
class Figure:
    """A chart embedded as SVG; ``show_table`` prints its text alternative under it."""

    chart: Chart
    caption: str | None = None
    show_table: bool = False


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Paragraph | Table | Figure | PageBreak


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...] = ()
    level: int = 2


@dataclass(frozen=True)
class Report:
    """A whole report. ``author`` is the publisher (PDF metadata, title page), e.g. "Gemeente Voorbeeld"."""

    title: str
    sections: tuple[Section, ...]
    lang: str = "nl"
    author: str = "Gemeente"
    subtitle: str | None = None
    date: str | None = None
    keywords: tuple[str, ...] = field(default_factory=tuple)
    landscape: bool = False


# -- tables from frames ---------------------------------------------------------------------------------


def results_table(
    table: pl.DataFrame,
    *,
    label_columns: Sequence[tuple[str, str]] = (),
    instrument: Instrument | None = None,
    labels: Mapping[str, str] | None = None,
    level_labels: Mapping[str, Mapping[str, str]] | None = None,
    unit: Unit | None = None,
    lang: str = "nl",
    decimals: int = 1,
    caption: str | None = None,
) -> Table:
    """A report table from a result table: indicator, the ``label_columns`` (column, header), figure, CI, n.

    Suppressed rows show "–" in the figure and CI columns with a footnote giving the reason; ``n`` stays
    (it is what the reader is told is too small). ``reliability = caution`` gets a note.
    """
    for col in ("variable", "estimate", "ci_low", "ci_high", *(c for c, _ in label_columns)):
        if col not in table.columns:
            raise ReportingError(
                "table", f"column {col!r} missing", "pass a result table of kansrijk.analysis"
            )
    unit = resolve_unit(table, instrument, unit)
    columns = (
        text("indicator", lang),
        *(h for _, h in label_columns),
        text("percentage" if unit == "percentage" else "mean", lang),
        text("ci_short", lang),
        text("n_short", lang),
    )
    rows: list[tuple[Cell, ...]] = []
    caution = inestimable = False
    for row in table.to_dicts():
        label = variable_label(str(row["variable"]), lang, instrument, labels)
        if row.get("level") is not None:
            label = f"{label}: {row['level']}"
        names = tuple(
            (level_labels or {})
            .get(c, {})
            .get(str(row.get(c)), "" if row.get(c) is None else str(row.get(c)))
            for c, _ in label_columns
        )
        reason = row.get("suppressed")
        n = format_count(row.get("n"), lang)
        if reason is not None:
            rows.append((label, *names, Suppressed(str(reason)), Suppressed(str(reason)), n))
            continue
        value = format_value(row.get("estimate"), unit, decimals, lang)
        if row.get("reliability") == "caution":
            value += " *"
            caution = True
        if row.get("reliability") == "not_estimable":  # no SE: no interval to show, say so
            ci = text("not_estimable", lang)
            inestimable = True
        else:
            ci = format_ci(row.get("ci_low"), row.get("ci_high"), unit, decimals, lang)
        rows.append((label, *names, value, ci, n))
    notes: tuple[str, ...] = ("* " + text("reliability_caution", lang) + ".",) if caution else ()
    notes += (text("not_estimable_note", lang),) if inestimable else ()
    numeric = (False,) * (1 + len(label_columns)) + (True, True, True)
    return Table(columns, tuple(rows), caption, numeric, notes)


def frame_table(
    frame: pl.DataFrame, *, lang: str = "nl", decimals: int = 1, caption: str | None = None
) -> Table:
    """Any frame as a table: floats with ``decimals``, integers with thousands separators, text as is."""
    rows: list[tuple[Cell, ...]] = []
    numeric = tuple(frame.schema[c].is_numeric() for c in frame.columns)
    for values in frame.iter_rows():
        cells: list[Cell] = []
        for v, dtype in zip(values, frame.dtypes, strict=True):
            if v is None:
                cells.append(MISSING)
            elif dtype.is_float():
                cells.append(format_number(float(v), decimals, lang))
            elif dtype.is_integer():
                cells.append(format_count(int(v), lang))
            else:
                cells.append(str(v))
        rows.append(tuple(cells))
    return Table(tuple(frame.columns), tuple(rows), caption, numeric)


# -- HTML -------------------------------------------------------------------------------------------------


def _css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


#: Column widths as classes (w0 … w100, percent), not style attributes: the HTML view of a report keeps to
#: the site's rule of no inline style attributes.
WIDTH_CLASSES = "".join(f"col.w{n} {{ width: {n}%; }}" for n in range(101))


def print_css(report: Report) -> str:
    """Stylesheet for screen and print (WeasyPrint): A4, running title, page X of Y, table rules."""
    page, of = text("page", report.lang), text("of", report.lang)
    return (
        WIDTH_CLASSES
        + f"""
@page {{
  size: A4{" landscape" if report.landscape else ""};
  margin: 22mm 18mm 20mm 18mm;
  @top-left {{ content: {_css_string(report.title)}; font: 8.5pt {FONT_STACK}; color: #555; }}
  @top-right {{ content: {_css_string(report.author)}; font: 8.5pt {FONT_STACK}; color: #555; }}
  @bottom-center {{ content: "{page} " counter(page) " {of} " counter(pages); font: 8.5pt {FONT_STACK}; }}
}}
@page :first {{ @top-left {{ content: none; }} @top-right {{ content: none; }} }}
html {{ font-family: {FONT_STACK}; font-size: 10.5pt; line-height: 1.45; color: #1a1a1a; }}
h1 {{ font-size: 22pt; margin: 0 0 4mm; line-height: 1.2; }}
h2 {{ font-size: 15pt; margin: 8mm 0 3mm; break-after: avoid; }}
h3 {{ font-size: 12pt; margin: 6mm 0 2mm; break-after: avoid; }}
p {{ margin: 0 0 3mm; orphans: 3; widows: 3; }}
.subtitle {{ font-size: 13pt; color: #444; margin-bottom: 2mm; }}
.meta {{ color: #555; margin-bottom: 8mm; }}
table {{ border-collapse: collapse; width: 100%; margin: 2mm 0 1mm; font-size: 9.5pt; }}
caption {{ caption-side: top; text-align: start; font-weight: bold; padding-bottom: 1.5mm; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
th, td {{ border-bottom: 0.5pt solid #bbb; padding: 1.2mm 2mm; text-align: start; vertical-align: top;
  overflow-wrap: break-word; }}
table.fixed {{ table-layout: fixed; }}
thead th {{ border-bottom: 1pt solid #333; background: #f2f2f2; }}
tbody th {{ font-weight: 600; }}
td.num, th.num {{ text-align: end; font-variant-numeric: tabular-nums; white-space: nowrap; }}
td.suppressed {{ color: #555; }}
.notes {{ font-size: 8.5pt; color: #333; margin: 0 0 5mm; padding: 0; list-style: none; }}
figure {{ margin: 3mm 0 6mm; break-inside: avoid; }}
figure img {{ max-width: 100%; height: auto; }}
figcaption {{ font-size: 9pt; color: #333; margin-top: 1mm; }}
.page-break {{ break-after: page; }}
[dir="rtl"] td.num, [dir="rtl"] th.num {{ text-align: left; }}
"""
    )


def _footnote(reason: str, mark: str, lang: str) -> str:
    """A suppressed cell's footnote: the neutral label of public documents, or (analysts) the reason."""
    if reason == NOT_PUBLISHED:
        return f"<li><sup>{mark}</sup> {html.escape(text('footnote_not_published', lang))}</li>"
    return (
        f"<li><sup>{mark}</sup> {html.escape(text('footnote_suppressed', lang))}: "
        f"{html.escape(suppression_reason(reason, lang))} ({html.escape(reason)}).</li>"
    )


def _table_html(table: Table, lang: str) -> str:
    reasons: dict[str, str] = {}
    for row in table.rows:
        for cell in row:
            if isinstance(cell, Suppressed) and cell.reason not in reasons:
                reasons[cell.reason] = ascii_lowercase[len(reasons) % 26]
    numeric = table.numeric or (False,) * len(table.columns)
    out = ['<table class="fixed">' if table.widths else "<table>"]
    if table.caption:
        out.append(f"<caption>{html.escape(table.caption)}</caption>")
    if table.widths:
        total = sum(table.widths)
        out.append(
            "<colgroup>"
            + "".join(f'<col class="w{round(100 * w / total)}">' for w in table.widths)
            + "</colgroup>"
        )
    num_attr = ' class="num"'
    head = "".join(
        '<th scope="col"' + (num_attr if numeric[i] else "") + f">{html.escape(c)}</th>"
        for i, c in enumerate(table.columns)
    )
    out.append(f"<thead><tr>{head}</tr></thead><tbody>")
    for row in table.rows:
        cells = []
        for i, cell in enumerate(row):
            cls = "num" if numeric[i] else ""
            if isinstance(cell, Suppressed):
                mark = reasons[cell.reason]
                cells.append(f'<td class="{cls} suppressed">{MISSING}<sup>{mark}</sup></td>')
            else:
                body = "<br>".join(html.escape(part) for part in cell.split("\n"))
                tag = 'th scope="row"' if i == 0 else "td"
                close = "th" if i == 0 else "td"
                attr = num_attr if cls else ""
                cells.append(f"<{tag}{attr}>{body}</{close}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    notes = [_footnote(reason, mark, lang) for reason, mark in reasons.items()] + [
        f"<li>{html.escape(n)}</li>" for n in table.notes
    ]
    if notes:
        out.append(f'<ul class="notes">{"".join(notes)}</ul>')
    return "".join(out)


def _figure_html(figure: Figure, lang: str, svg: str | None) -> str:
    from kansrijk.reporting.render import to_svg

    svg = svg if svg is not None else to_svg(figure.chart)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    alt = html.escape(figure.chart.alt.summary)
    out = f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{alt}">'
    if figure.caption:
        out += f"<figcaption>{html.escape(figure.caption)}</figcaption>"
    out += "</figure>"
    if figure.show_table:
        alt_table = figure.chart.alt
        out += _table_html(Table(alt_table.columns, alt_table.rows, None), lang)
    return out


def render_html(report: Report, *, svgs: Mapping[int, str] | None = None) -> str:
    """The report as one self-contained HTML page (charts inline as SVG data, styles inline).

    ``svgs`` may hold charts already rendered (``id(chart)`` → SVG) to avoid rendering twice.
    """
    lang = report.lang
    direction = "rtl" if lang in RTL_LANGUAGES else "ltr"
    meta = [
        '<meta charset="utf-8">',
        f"<title>{html.escape(report.title)}</title>",
        f'<meta name="author" content="{html.escape(report.author)}">',
        '<meta name="generator" content="Kansrijk">',
    ]
    if report.subtitle:
        meta.append(f'<meta name="description" content="{html.escape(report.subtitle)}">')
    if report.keywords:
        meta.append(f'<meta name="keywords" content="{html.escape(", ".join(report.keywords))}">')
    if report.date:
        meta.append(f'<meta name="dcterms.created" content="{html.escape(report.date)}">')
    dated = " · " + html.escape(report.date) if report.date else ""
    body = [f"<h1>{html.escape(report.title)}</h1>"]
    if report.subtitle:
        body.append(f'<p class="subtitle">{html.escape(report.subtitle)}</p>')
    body.append(f'<p class="meta">{html.escape(report.author)}{dated}</p>')
    for section in report.sections:
        level = min(max(section.level, 2), 6)
        body.append(f"<section><h{level}>{html.escape(section.heading)}</h{level}>")
        for block in section.blocks:
            body.append(_block_html(block, lang, svgs))
        body.append("</section>")
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}" dir="{direction}"><head>{"".join(meta)}'
        f"<style>{print_css(report)}</style></head><body>{''.join(body)}</body></html>"
    )


def _block_html(block: Block, lang: str, svgs: Mapping[int, str] | None) -> str:
    if isinstance(block, Paragraph):
        return "<p>" + "<br>".join(html.escape(p) for p in block.text.split("\n")) + "</p>"
    if isinstance(block, Table):
        return _table_html(block, lang)
    if isinstance(block, Figure):
        return _figure_html(block, lang, (svgs or {}).get(id(block.chart)))
    if isinstance(block, PageBreak):
        return '<div class="page-break"></div>'
    raise ReportingError(
        "block", f"unknown block {type(block).__name__}", "use Paragraph, Table, Figure or PageBreak"
    )


# -- PDF --------------------------------------------------------------------------------------------------


def render_pdf(report: Report, *, base_url: str | None = None, tagged: bool = True) -> bytes:
    """The report as PDF (WeasyPrint): metadata from the report, PDF/UA-1 where possible.

    Tagging is tried as PDF/UA-1, then as plain tags, then untagged: a report must always come out, and a
    failing accessibility variant is logged, never raised.
    """
    return html_to_pdf(render_html(report), base_url=base_url, tagged=tagged)


def html_to_pdf(document: str, *, base_url: str | None = None, tagged: bool = True) -> bytes:
    """Any Kansrijk HTML page to PDF (see :func:`render_pdf`)."""
    import weasyprint

    page = weasyprint.HTML(string=document, base_url=base_url)
    attempts: list[dict[str, Any]] = [{"pdf_variant": "pdf/ua-1"}, {"pdf_tags": True}, {}] if tagged else [{}]
    last: Exception | None = None
    for options in attempts:
        try:
            return bytes(page.write_pdf(**options))
        except Exception as exc:
            log.warning("PDF with %s failed (%s); trying without", options, exc)
            last = exc
    raise ReportingError(
        "report", f"cannot be rendered as PDF: {last}", "check the report's content"
    ) from last
