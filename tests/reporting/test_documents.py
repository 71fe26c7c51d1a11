from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pypdf
import pytest

from kansrijk.reporting.charts import estimates_chart
from kansrijk.reporting.documents import (
    Figure,
    PageBreak,
    Paragraph,
    Report,
    Section,
    Suppressed,
    Table,
    frame_table,
    render_html,
    render_pdf,
    results_table,
)
from kansrijk.reporting.errors import ReportingError
from tests.reporting.frames import indicator_table

ARABIC = "نتائج الاستبيان"


def _report(instrument: Any) -> Report:
    table = results_table(indicator_table(), instrument=instrument, caption="Tabel 1. Middelengebruik")
    chart = estimates_chart(indicator_table(), instrument=instrument, title="Figuur: uitkomsten")
    return Report(
        title="Jeugd in Voorbeeld 2025",
        subtitle="Resultaten van de OKO-meting",
        author="Gemeente Voorbeeld",
        date="2025-06-01",
        sections=(
            Section("Inleiding", (Paragraph(f"Uitkomsten <script>x</script> en {ARABIC}."),)),
            Section("Middelengebruik", (table, Figure(chart, "Figuur 1"), PageBreak())),
            Section("Bijlage", (Paragraph("Einde."),)),
        ),
    )


def test_results_table_formats_and_hides_suppressed(instrument: Any) -> None:
    table = results_table(indicator_table(), instrument=instrument)
    assert table.columns == ("Indicator", "Percentage", "95%-BI", "n")
    assert table.rows[0] == ("dronk alcohol in de afgelopen 30 dagen", "12,3%", "10,1–14,8", "812")
    assert table.rows[2][1:] == (Suppressed("n<30"), Suppressed("n<30"), "21")
    html = render_html(Report("T", (Section("S", (table,)),)))
    assert "23,4" not in html
    assert "–<sup>a</sup>" in html and "Niet getoond: minder dan 30 antwoorden (n&lt;30)." in html


def test_html_is_escaped_and_has_print_rules(instrument: Any) -> None:
    html = render_html(_report(instrument))
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html
    assert '<html lang="nl" dir="ltr">' in html
    assert "thead { display: table-header-group; }" in html
    assert "break-inside: avoid" in html and "size: A4" in html
    assert '"pagina " counter(page) " van " counter(pages)' in html
    assert 'content: "Jeugd in Voorbeeld 2025"' in html
    assert "Noto Sans Arabic" in html
    assert 'alt="4 uitkomsten; hoogste' in html  # the chart's summary is its alt text
    rtl = render_html(Report("عنوان", (Section("قسم", (Paragraph(ARABIC),)),), lang="ar"))
    assert '<html lang="ar" dir="rtl">' in rtl


def test_table_rows_must_fit_columns() -> None:
    with pytest.raises(ReportingError, match="row 1"):
        Table(("a", "b"), (("1",),))


def test_frame_table_formats_numbers() -> None:
    import polars as pl

    t = frame_table(pl.DataFrame({"wijk": ["Noord"], "aantal": [1204], "aandeel": [0.456]}), decimals=2)
    assert t.rows == (("Noord", "1.204", "0,46"),)
    assert t.numeric == (False, True, True)


def test_pdf_text_metadata_and_tags(instrument: Any, tmp_path: Path) -> None:
    pdf = render_pdf(_report(instrument))
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2  # title, table and chart; the forced break puts the appendix on page 2
    text = "\n".join(p.extract_text() for p in reader.pages)
    # figures of the table exactly as formatted
    for expected in ("12,3%", "10,1–14,8", "5,7%", "4,1–7,8", "8,5%", "6,6–10,9", "1.204"):
        assert expected in text
    assert "23,4" not in text
    assert "Niet getoond: minder dan 30 antwoorden (n<30)." in text
    assert "pagina 1 van 2" in text and "pagina 2 van 2" in text
    page2 = reader.pages[1].extract_text()
    assert "Bijlage" in page2 and "Jeugd in Voorbeeld 2025" in page2  # page break; running header
    meta = reader.metadata
    assert (
        meta is not None and meta.title == "Jeugd in Voorbeeld 2025" and meta.author == "Gemeente Voorbeeld"
    )
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert root["/MarkInfo"]["/Marked"]  # tagged
    assert "/StructTreeRoot" in root
    assert reader.xmp_metadata is not None
    assert b'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data()  # PDF/UA-1 identification
    fonts = {
        str(f.get_object()["/BaseFont"])
        for page in reader.pages
        for f in (page["/Resources"].get("/Font") or {}).values()
    }
    assert any("Arabic" in f for f in fonts), fonts  # the Arabic paragraph used an Arabic font


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_first_page_is_not_blank(instrument: Any, tmp_path: Path) -> None:
    from PIL import Image

    pdf_path = tmp_path / "r.pdf"
    pdf_path.write_bytes(render_pdf(_report(instrument)))
    subprocess.run(
        ["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", str(pdf_path), str(tmp_path / "p")], check=True
    )
    png = next(tmp_path.glob("p-*.png"))
    image = Image.open(png).convert("L")
    width, height = image.size
    assert width == pytest.approx(8.27 * 50, abs=2) and height == pytest.approx(11.69 * 50, abs=2)  # A4
    dark = sum(1 for v in image.get_flattened_data() if v < 200)
    assert dark > 0.01 * width * height  # text, table rules and the chart
    blue = Image.open(png).convert("RGB").get_flattened_data()
    assert any(r < 40 and 90 < g < 140 and b > 150 for r, g, b in blue)  # the chart's bars (#0072B2)


def test_results_table_says_when_the_margin_cannot_be_estimated(instrument: Any) -> None:
    import polars as pl

    frame = indicator_table().with_row_index("i")
    frame = frame.with_columns(
        pl.when(pl.col("i") == 0).then(pl.lit("not_estimable")).otherwise(pl.lit("ok")).alias("reliability"),
        pl.when(pl.col("i") == 0).then(None).otherwise(pl.col("ci_low")).alias("ci_low"),
        pl.when(pl.col("i") == 0).then(None).otherwise(pl.col("ci_high")).alias("ci_high"),
    ).drop("i")
    table = results_table(frame, instrument=instrument)
    assert table.rows[0][1:] == ("12,3%", "marge niet te schatten", "812")
    assert any(note.startswith("Marge niet te schatten:") for note in table.notes)
    english = results_table(frame, instrument=instrument, lang="en")
    assert english.rows[0][2] == "margin cannot be estimated"
