from __future__ import annotations

import re
from typing import Any

import pytest

from kansrijk.reporting.charts import estimates_chart, map_chart, trend_chart
from kansrijk.reporting.errors import ReportingError
from kansrijk.reporting.render import PNG_SIGNATURE, png_size, to_json, to_pdf, to_png, to_svg
from tests.reporting.frames import indicator_table, trend_table, wijk_table, wijken_geojson


def _texts(svg: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)]


def test_svg_holds_title_axis_and_values_with_decimal_comma(instrument: Any) -> None:
    svg = to_svg(estimates_chart(indicator_table(), instrument=instrument, title="Uitkomsten 2025"))
    texts = _texts(svg)
    assert "Uitkomsten 2025" in texts
    assert "12,3%" in texts and "5,7%" in texts  # value labels, formatted in Python
    assert "10%" in texts  # axis ticks via config.locale (".0%" format)
    assert "onderdrukt (minder dan 30 antwoorden)" in texts
    assert "Middelengebruik" in texts and "Veiligheid" in texts
    assert not any("23,4" in t for t in texts)


def test_axis_uses_the_spec_locale_for_means() -> None:
    import polars as pl

    from tests.reporting.frames import result_row

    t = pl.DataFrame([result_row("x", 1234.5, 1100.0, 1400.0, 100)])
    svg = to_svg(estimates_chart(t, unit="mean", labels={"x": "Minuten"}))
    texts = _texts(svg)
    assert "1.234,5" in texts  # thousands full stop, decimal comma
    assert "1.000" in texts  # axis ticks from d3 with the nl-NL locale (",.0f")


def test_png_has_signature_and_plausible_size(instrument: Any) -> None:
    chart = trend_chart(trend_table(), instrument=instrument, width=400, height=250)
    png1, png2 = to_png(chart, scale=1), to_png(chart, scale=2)
    assert png1.startswith(PNG_SIGNATURE)
    w1, h1 = png_size(png1)
    w2, h2 = png_size(png2)
    assert 400 <= w1 <= 900 and 250 <= h1 <= 600  # plot area plus axes, title and legend
    assert (w2, h2) == pytest.approx((2 * w1, 2 * h1), abs=2)


def test_map_renders_and_pdf_is_a_pdf(instrument: Any) -> None:
    chart = map_chart(wijken_geojson(), wijk_table(), instrument=instrument, title="Kaart")
    svg = to_svg(chart)
    assert svg.count("<path") >= 5  # five wijken drawn
    assert "onderdrukt" in _texts(svg)
    assert to_pdf(chart).startswith(b"%PDF")


def test_json_keeps_non_ascii_and_bad_specs_are_domain_errors() -> None:
    assert "ü" in to_json({"title": "Jeugd in Nümbrecht"})
    with pytest.raises(ReportingError, match="cannot be rendered"):
        to_svg({"mark": "bar", "encoding": {"x": {"field": "a", "type": "nonsense"}}, "data": {"values": []}})
    with pytest.raises(ReportingError, match="scale"):
        to_png({"mark": "bar"}, scale=0)
