"""The weighting coverage sentence and the reference's source and year, where the figures are shown."""

from __future__ import annotations

import io

import polars as pl
import pytest
from pypdf import PdfReader

from kansrijk.reporting.documents import render_pdf
from kansrijk.results import reports, services
from kansrijk.results.models import AnalysisRun

URL = "/gemeente/GM9999/resultaten/"
COVERAGE = "3 van 14 scholen deden niet mee; cijfers zijn gewogen naar de deelnemende scholen."


def _with_notes(run: AnalysisRun) -> None:
    meta = {
        **run.meta,
        "coverage": {"sentence": COVERAGE},
        "reference_info": {"year": 2023, "source": "GGD Voorbeeldregio"},
    }
    AnalysisRun.objects.filter(pk=run.pk).update(meta=meta)
    run.refresh_from_db()


def test_reference_info_is_read_from_the_result_table() -> None:
    table = pl.DataFrame(
        {"reference_year": [None, 2023], "reference_source": [None, "GGD Voorbeeldregio"]},
        schema={"reference_year": pl.Int64, "reference_source": pl.String},
    )
    assert services._reference_info(table) == {"year": 2023, "source": "GGD Voorbeeldregio"}
    assert services._reference_info(table.head(1)) is None
    assert services._reference_info(pl.DataFrame({"x": [1]})) is None


@pytest.mark.django_db
def test_dashboard_states_coverage_and_reference(published, staff_client) -> None:  # type: ignore[no-untyped-def]
    _with_notes(published[1])
    page = staff_client("partner").get(URL, {"leefdomein": "substance_use"}).content.decode()
    assert COVERAGE in page
    assert "Referentie: GGD Voorbeeldregio, 2023." in page


@pytest.mark.django_db
def test_indicator_page_states_coverage_and_reference(published, staff_client) -> None:  # type: ignore[no-untyped-def]
    _with_notes(published[1])
    page = staff_client("partner").get(URL + "indicator/alc_30d/").content.decode()
    assert COVERAGE in page
    assert "Referentie: GGD Voorbeeldregio, 2023." in page


@pytest.mark.django_db
@pytest.mark.slow
def test_council_report_method_annex_states_coverage_and_reference(published) -> None:  # type: ignore[no-untyped-def]
    _with_notes(published[1])
    pdf = render_pdf(reports.council_report(published[1]))
    text = " ".join("\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert COVERAGE in text
    assert "Referentie: GGD Voorbeeldregio, 2023." in text
