"""Time to render a 10-page report (tables, charts, a map) to PDF, and the pieces it is made of.

Run: .venv/bin/python benchmarks/reporting_bench.py [--repeat 3]
Prints seconds per step; figures for the README in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.reporting.frames import result_row, trend_table, wijk_table, wijken_geojson  # noqa: E402

from kansrijk.instrument import load_xlsform  # noqa: E402
from kansrijk.reporting import (  # noqa: E402
    Figure,
    PageBreak,
    Paragraph,
    Report,
    Section,
    estimates_chart,
    map_chart,
    render_html,
    render_pdf,
    results_table,
    to_svg,
    trend_chart,
)


def _report(instrument: Any) -> Report:
    domains: dict[str, list[str]] = {}
    for ind in instrument.indicators:
        if ind.unit == "percentage":
            domains.setdefault(ind.domain, []).append(ind.code)
    sections = []
    for k, (domain, codes) in enumerate(domains.items()):
        rows = [
            result_row(
                c, 0.05 + (i * 0.037) % 0.6, 0.03 + (i * 0.037) % 0.6, 0.08 + (i * 0.037) % 0.6, 800 + i
            )
            for i, c in enumerate(codes)
        ]
        table = pl.DataFrame(rows)
        blocks: list[Any] = [
            Paragraph("De uitkomsten van dit leefdomein, met 95%-betrouwbaarheidsintervallen. " * 6),
            results_table(
                pl.concat([table.with_columns(gender=pl.lit(g)) for g in ("jongens", "meisjes")]),
                label_columns=[("gender", "Geslacht")],
                instrument=instrument,
                caption=f"Tabel {k + 1}b",
            ),
            results_table(table, instrument=instrument, caption=f"Tabel {k + 1}"),
            Figure(estimates_chart(table, instrument=instrument, title=f"Figuur {k + 1}")),
        ]
        if k == 0:
            blocks += [
                Figure(trend_chart(trend_table(), instrument=instrument)),
                Figure(map_chart(wijken_geojson(), wijk_table(), instrument=instrument)),
            ]
        blocks.append(PageBreak())
        sections.append(Section(domain, tuple(blocks)))
    return Report("Jeugd in Voorbeeld 2025", tuple(sections), author="Gemeente Voorbeeld", date="2025-06-01")


def _time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import pypdf

    instrument = load_xlsform(ROOT / "src/kansrijk/instrument/data/oko_kern.xlsx")
    report = _report(instrument)
    chart = next(b.chart for b in report.sections[0].blocks if isinstance(b, Figure))
    to_svg(chart)  # start vl_convert's JavaScript engine once (about a second), as a long-running worker has
    t_svg, _ = _time(lambda: to_svg(chart), args.repeat)
    t_html, _ = _time(lambda: render_html(report), args.repeat)
    t_pdf, pdf = _time(lambda: render_pdf(report), args.repeat)
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    print(f"one chart to SVG (vl_convert):       {t_svg:6.3f} s")
    print(f"report to HTML (incl. all SVGs):     {t_html:6.3f} s")
    print(f"report to PDF ({pages} pages, PDF/UA-1): {t_pdf:6.3f} s  ({len(pdf) / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
