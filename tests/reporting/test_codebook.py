from __future__ import annotations

import io
from typing import Any

import pypdf
import pytest

from kansrijk.reporting.codebook import codebook_html, codebook_pdf, codebook_report


def test_codebook_lists_every_variable_and_indicator(instrument: Any) -> None:
    report = codebook_report(instrument)
    variables, indicators = report.sections[0].blocks[1], report.sections[1].blocks[0]
    answerable = [i.name for i in instrument.items if i.answerable]
    assert [r[0] for r in variables.rows] == answerable  # type: ignore[union-attr]
    assert [r[0] for r in indicators.rows] == [i.code for i in instrument.indicators]  # type: ignore[union-attr]
    alc_30d = next(r for r in variables.rows if r[0] == "alc_30d")  # type: ignore[union-attr]
    assert alc_30d[2] == instrument.item("alc_30d").label["nl"]
    assert alc_30d[3] == instrument.item("alc_30d").label["en"]
    assert "1 = 1–2 keer" in alc_30d[4]
    assert alc_30d[5] == "${alc_life} != '0'"
    lives = next(r for r in variables.rows if r[0] == "bg_lives_with")  # type: ignore[union-attr]
    assert "bg_lives_with__mother" in lives[4]
    ind = next(r for r in indicators.rows if r[0] == "alc_30d")  # type: ignore[union-attr]
    assert ind[3:] == (
        "Middelengebruik",
        "percentage",
        "hoger is slechter",
        instrument.indicator("alc_30d").expression,
    )


def test_codebook_html_escapes_expressions(instrument: Any) -> None:
    html = codebook_html(instrument)
    assert "${alc_life} != &#x27;0&#x27;" in html and "<td>" in html
    assert html.count("<tr>") == 2 + sum(1 for i in instrument.items if i.answerable) + len(
        instrument.indicators
    )


@pytest.mark.slow
def test_codebook_pdf(instrument: Any) -> None:
    reader = pypdf.PdfReader(io.BytesIO(codebook_pdf(instrument)))
    assert len(reader.pages) > 5
    first = reader.pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height)  # landscape
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Codeboek" in text and "wb_life_sat" in text and "mhi5_mean" in text
