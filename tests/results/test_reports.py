"""PDF reports: the text and numbers in the PDF match the result table; pages render to PNG."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from kansrijk.accounts.models import School
from kansrijk.reporting.documents import render_html, render_pdf
from kansrijk.results import reports


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.django_db
@pytest.mark.slow
def test_council_report_pdf_carries_the_result_table(published, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = published[1]
    report = reports.council_report(run)
    pdf = render_pdf(report)
    text = " ".join(_text(pdf).split())
    assert "Resultaten OKO 2023 (synthetisch)" in text
    assert "21,4%" in text and "19,0–23,9" in text  # alc_30d total, factories.TOTALS
    assert "7,4" in text  # life_sat_mean
    assert "significant lager" in text  # the analysis's trend flag for alc_30d
    assert "Opschoonverslag" in text and "Respons per school" in text
    assert "Kaart per wijk" in text
    if shutil.which("pdftoppm"):
        (tmp_path / "council.pdf").write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "40",
                "-f",
                "1",
                "-l",
                "2",
                str(tmp_path / "council.pdf"),
                str(tmp_path / "page"),
            ],
            check=True,
        )
        pages = sorted(tmp_path.glob("page-*.png"))
        assert pages and all(p.stat().st_size > 2000 for p in pages)


@pytest.mark.django_db
def test_school_report_shows_only_its_own_school_with_suppression(published, municipality) -> None:  # type: ignore[no-untyped-def]
    run = published[1]
    school = School.objects.get(municipality=municipality, brin="99AB")
    html = render_html(reports.school_report(run, school))
    assert "Het Baken" in html and "Erasmus College" not in html
    # 99AB00 is the factories' last school: its grade 4 cell is suppressed (count<3), shown as a footnote
    assert "count&lt;3" in html or "count<3" in html
    assert "Leerjaar 4" in html


@pytest.mark.django_db
@pytest.mark.slow
def test_all_school_reports_render_in_parallel(published, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paths = reports.render_school_reports(published[1], tmp_path, workers=2)
    assert {p.name for p in paths} == {"99AA00.pdf", "99AB00.pdf"}  # only schools with rows in the table
    assert "Erasmus College" in _text(paths[0].read_bytes())


@pytest.mark.django_db
def test_factsheet_is_one_page_in_plain_dutch_and_english(published) -> None:  # type: ignore[no-untyped-def]
    run = published[1]
    nl = render_pdf(reports.factsheet(run, audience="pupils", language="nl"))
    assert len(PdfReader(io.BytesIO(nl)).pages) <= 2
    text = " ".join(_text(nl).split())
    assert "Ongeveer 2 van de 10 jongeren: dronk alcohol in de afgelopen 30 dagen" in text  # 21,4% → 2 of 10
    assert "Wat gebeurt er nu?" in text
    en = " ".join(_text(render_pdf(reports.factsheet(run, audience="parents", language="en"))).split())
    assert "drank alcohol in the last 30 days" in en
