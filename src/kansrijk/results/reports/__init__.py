"""The council report, the school reports and the fact sheets, as ``kansrijk.reporting`` documents.

One module per document (:mod:`.council`, :mod:`.school`, :mod:`.factsheet`), the layout pieces they share in
:mod:`.common`, and every read from the database in :mod:`.data`; rendering (HTML, PDF with WeasyPrint,
charts with vl-convert) is the reporting library's.

Every figure comes from a published (or, for analysts, finished) run, in public precision
(:func:`kansrijk.analysis.public.public_table`: rounded to 0.1 point, no RSE or design effect); a suppressed
cell shows as "–" marked "niet gepubliceerd", never as a number or with its reason. The method annex speaks
in aggregates only: no table per school or per weighting cell. School reports show only rows of their own
school (``school`` and ``school_grade`` domains) next to the municipal total.
"""

from __future__ import annotations

from .common import HEADLINE_INDICATORS, margin_words, suppressed_words
from .council import MAPS_IN_COUNCIL_REPORT, council_report
from .data import RunContext, context, linked_action_points
from .factsheet import PERSON, factsheet, pictogram, share_words
from .school import render_school_reports, school_report

__all__ = [
    "HEADLINE_INDICATORS",
    "MAPS_IN_COUNCIL_REPORT",
    "PERSON",
    "RunContext",
    "context",
    "council_report",
    "factsheet",
    "linked_action_points",
    "margin_words",
    "pictogram",
    "render_school_reports",
    "school_report",
    "share_words",
    "suppressed_words",
]
