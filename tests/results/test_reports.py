"""PDF reports: the text and numbers in the PDF match the result table; pages render to PNG."""

from __future__ import annotations

import io
import re
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
    # the method annex speaks in aggregates: no per-school or per-cell table, no internal column name
    assert "Opschoonverslag" not in text and "Respons per school" not in text and "Weging per cel" not in text
    assert "Respons:" in text and "Opschonen:" in text
    assert "ligt waarschijnlijk tussen" in text
    words = set(re.findall(r"[a-z_]+", text))
    internal = {"exclude", "collapsed_into", "school_id", "respondents", "response_rate", "weighted_n", "rse",
                "deff", "n_yes", "kept", "enrolment", "suppressed", "complementary", "count<3"}  # fmt: skip
    assert not internal & words
    assert "count<" not in text and "n<30" not in text
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
    # 99AB00 is the factories' last school: its grade 4 cell is suppressed (count<3), shown with the one
    # neutral label of public documents — the reason would tell the reader that 0–2 pupils said yes
    assert "Niet gepubliceerd" in html
    assert "count&lt;3" not in html and "count<3" not in html and "minder dan 3" not in html
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


def test_share_words_never_say_zero_of_ten() -> None:
    from django.utils import translation

    with translation.override("nl"):
        assert reports.share_words(0.214) == "ongeveer 2 van de 10"
        assert reports.share_words(0.03) == "ongeveer 1 op de 20"  # not "ongeveer 0 van de 10"
        assert reports.share_words(0.012) == "minder dan 1 op de 20"
        assert reports.share_words(0.97) == "bijna alle"  # not "ongeveer 10 van de 10"
    with translation.override("en"):
        assert reports.share_words(0.03) == "about 1 in 20"


def test_margins_in_words() -> None:
    from django.utils import translation

    with translation.override("nl"):
        row = {"unit": "percentage", "estimate": 0.124, "ci_low": 0.101, "ci_high": 0.148, "suppressed": None}
        words = reports.margin_words(row, "nl")
        assert words == "het werkelijke percentage ligt waarschijnlijk tussen 10,1% en 14,8%"
        assert reports.margin_words(row | {"suppressed": "niet gepubliceerd"}, "nl") is None


@pytest.mark.django_db
def test_council_maps_show_the_most_differing_indicators_ties_in_report_order(published) -> None:  # type: ignore[no-untyped-def]
    import polars as pl

    from kansrijk.reporting.documents import Figure

    run = published[1]
    ctx = reports.context(run)
    wijk = ctx.table.filter((pl.col("domain_type") == "wijk") & pl.col("vs_total").is_in(["higher", "lower"]))
    counts = {code: wijk.filter(pl.col("indicator") == code).height for code in ctx.info}
    section = next(s for s in reports.council_report(run).sections if s.heading == "Kaart per wijk")
    label_to_code = {info.label: code for code, info in ctx.info.items()}
    mapped = [label_to_code[b.caption] for b in section.blocks if isinstance(b, Figure)]
    position = list(ctx.info).index
    assert len(mapped) == min(reports.MAPS_IN_COUNCIL_REPORT, sum(1 for n in counts.values() if n))
    assert mapped == sorted(mapped, key=lambda code: (-counts[code], position(code)))  # ties: report order
    left_out = set(counts) - set(mapped)
    assert all(counts[code] <= min(counts[m] for m in mapped) for code in left_out)
    assert len({counts[code] for code in mapped}) < len(mapped)  # this world has ties: the rule is exercised
