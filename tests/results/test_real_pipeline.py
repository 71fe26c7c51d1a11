"""End to end with the real ``kansrijk.analysis.pipeline``: analyse → publish → pages and reports."""

from __future__ import annotations

import io
import re

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
        assert "niet gepubliceerd" in page
    # public outputs: no suppression reason, RSE, design effect or unrounded number anywhere
    internal = re.compile(
        r"count<|n<\d|rse>|complementary|\brse\b|\bdeff\b|weighted_n|n_yes|school_id|collapsed"
    )
    assert not internal.search(text)
    for breakdown in ("total", "gender", "grade_gender", "school_type", "wijk"):
        csv = staff_client("partner").get(
            "/gemeente/GM9999/resultaten/tabel.csv",
            {"leefdomein": "substance_use", "uitsplitsing": breakdown},
        )
        assert csv.status_code == 200
        body = csv.content.decode("utf-8-sig")
        assert not internal.search(body)
        frame = pl.read_csv(io.StringIO(body), separator=";", decimal_comma=True)
        assert set(frame["onderdrukt"].drop_nulls()) <= {"", "niet gepubliceerd"}
        for column in ("schatting", "bi_onder", "bi_boven"):
            values = frame[column].drop_nulls().to_list()
            assert all(abs(v * 10 - round(v * 10)) < 1e-9 for v in values), (breakdown, column)
    api = staff_client("partner").get("/api/v1/municipalities/GM9999/results", {"limit": 1000})
    if api.status_code == 200:  # partners: public precision
        for item in api.json()["items"]:
            assert item["deff"] is None and item["suppressed"] in (None, "niet gepubliceerd")
