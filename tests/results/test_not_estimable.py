"""A cell whose margin cannot be estimated shows its figure with "marge niet te schatten": no CI, no flag."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from kansrijk.reporting.documents import render_pdf
from kansrijk.results import reports
from kansrijk.results.models import ResultRow

URL = "/gemeente/GM9999/resultaten/"


def _inestimable(run) -> None:  # type: ignore[no-untyped-def]
    """alc_30d as the analysis writes a cell without variance: estimate kept, SE/CI/test gone."""
    ResultRow.objects.filter(run=run, indicator="alc_30d", domain_type__in=("total", "grade")).update(
        reliability="not_estimable", se=None, ci_low=None, ci_high=None, rse=None, vs_total=None
    )


@pytest.mark.django_db
def test_dashboard_says_the_margin_cannot_be_estimated(published, staff_client) -> None:  # type: ignore[no-untyped-def]
    _inestimable(published[1])
    page = staff_client("partner").get(URL + "?leefdomein=substance_use").content.decode()
    assert "21,4%" in page  # the figure itself is published
    assert "marge niet te schatten" in page
    assert "19,0–23,9" not in page  # no interval
    grades = staff_client("partner").get(URL, {"leefdomein": "substance_use", "uitsplitsing": "grade"})
    assert "marge niet te schatten" in grades.content.decode()


@pytest.mark.django_db
@pytest.mark.slow
def test_council_report_says_the_margin_cannot_be_estimated(published) -> None:  # type: ignore[no-untyped-def]
    _inestimable(published[1])
    pdf = render_pdf(reports.council_report(published[1]))
    text = " ".join("\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "21,4%" in text
    assert "marge niet te schatten" in text
    assert "Marge niet te schatten: de onzekerheid" in text  # the table's note explains it
    assert "19,0–23,9" not in text
