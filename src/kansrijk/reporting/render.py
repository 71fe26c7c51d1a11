"""Charts to SVG, PNG and PDF with ``vl_convert`` (Vega-Lite compiled and rendered in-process, no browser).

The version of Vega-Lite is pinned to the one vendored for the web pages (6.4), so a chart in a PDF report
looks the same as on the dashboard. Fonts: vl_convert only knows the fonts it is told about; the Noto folder
(Noto Sans, Noto Sans Arabic …) is registered once per process when present, so Arabic labels render in the
PNG/PDF instead of empty boxes. That registration is the only process-wide effect here and is idempotent.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import vl_convert

from kansrijk.reporting.charts import Chart
from kansrijk.reporting.errors import ReportingError

VEGA_LITE_VERSION = "6.4"
FONT_DIRECTORIES = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/truetype/dejavu"))
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@cache
def register_fonts() -> tuple[str, ...]:
    """Tell vl_convert about the system's Noto/DejaVu fonts (once); returns the folders registered."""
    done: list[str] = []
    for folder in FONT_DIRECTORIES:
        if folder.is_dir():
            vl_convert.register_font_directory(str(folder))
            done.append(str(folder))
    return tuple(done)


def _spec(chart: Chart | dict[str, Any]) -> dict[str, Any]:
    spec = chart.spec if isinstance(chart, Chart) else chart
    if not isinstance(spec, dict):
        raise ReportingError("spec", "is not a Vega-Lite specification (a dict)", "pass a Chart or its .spec")
    return spec


def _convert(fn: Any, chart: Chart | dict[str, Any], **options: Any) -> Any:
    register_fonts()
    spec = _spec(chart)
    try:
        return fn(spec, vl_version=VEGA_LITE_VERSION, **options)
    except ValueError as exc:  # vl_convert reports invalid specs as ValueError
        title = spec.get("title")
        name = title.get("text") if isinstance(title, dict) else title
        raise ReportingError(
            f"chart {name!r}" if name else "chart", f"cannot be rendered: {exc}", "check the Vega-Lite spec"
        ) from exc


def to_svg(chart: Chart | dict[str, Any]) -> str:
    """The chart as an SVG document (text stays text: searchable in a PDF and readable by tests)."""
    return str(_convert(vl_convert.vegalite_to_svg, chart))


def to_png(chart: Chart | dict[str, Any], scale: float = 2.0) -> bytes:
    """The chart as a PNG; ``scale`` 2 gives sharp images on screens and in print at the chart's size."""
    if scale <= 0:
        raise ReportingError("scale", f"must be positive, not {scale}", "use e.g. 1 or 2")
    return bytes(_convert(vl_convert.vegalite_to_png, chart, scale=scale))


def to_pdf(chart: Chart | dict[str, Any]) -> bytes:
    """The chart alone as a one-page vector PDF (for reports, prefer embedding the SVG in a document)."""
    return bytes(_convert(vl_convert.vegalite_to_pdf, chart))


def to_json(chart: Chart | dict[str, Any]) -> str:
    """The spec as JSON for the page's vega-embed (``ensure_ascii=False`` keeps Arabic and ‰ readable)."""
    return json.dumps(_spec(chart), ensure_ascii=False, separators=(",", ":"))


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height of a PNG from its IHDR chunk."""
    if not png.startswith(PNG_SIGNATURE):
        raise ReportingError("png", "is not a PNG image", "")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
