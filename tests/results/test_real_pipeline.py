"""End to end with the real ``kansrijk.analysis.pipeline``: analyse → publish → pages and reports."""

from __future__ import annotations

import io

import polars as pl
import pytest
from pypdf import PdfReader

from kansrijk.reporting.documents import render_pdf
from kansrijk.reporting.formatting import format_percent
from kansrijk.results import queries, reports, services
from kansrijk.results.constants import RunStatus

pytest.importorskip("kansrijk.analysis.pipeline")


@pytest.mark.django_db
@pytest.mark.slow
def test_real_pipeline_publishes_and_pages_show_its_numbers(waves, staff_client) -> None:  # type: ignore[no-untyped-def]
    runs = []
    for wave in waves:
        run = services.analyse_wave(None, wave, background=False)
        assert run.status == RunStatus.DONE, run.error
        runs.append(services.publish(None, run))
    latest = runs[-1]
    table = queries.table(latest)
    assert table.height > 100
    assert set(table["domain_type"].unique()) >= {"total", "grade", "gender", "school", "wijk"}
    withheld = table.filter(pl.col("suppressed").is_not_null())
    assert withheld["estimate"].null_count() == withheld.height
    totals = table.filter(pl.col("domain_type") == "total")
    assert totals["trend"].drop_nulls().len() > 0  # the second wave is compared with the first
    alc = totals.filter(pl.col("indicator") == "alc_30d").row(0, named=True)
    page = (
        staff_client("partner").get("/gemeente/GM9999/resultaten/?leefdomein=substance_use").content.decode()
    )
    pdf = render_pdf(reports.council_report(latest))
    text = " ".join("\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages).split())
    if alc["suppressed"] is None:
        assert format_percent(alc["estimate"]) in page
        assert format_percent(alc["estimate"]) in text
    else:
        assert "onderdrukt" in page
