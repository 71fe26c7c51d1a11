"""Vega-Lite v6 chart specifications for result tables, each with a text alternative.

Every builder takes a result table of ``kansrijk.analysis`` (columns ``variable, <by…>, level, estimate, se,
ci_low, ci_high, n, …`` and, after disclosure control, ``suppressed`` and ``reliability``) and returns a
:class:`Chart`: a plain-dict Vega-Lite spec (``$schema`` v6, rendered by vega-embed on the page and by
``vl_convert`` for PDF) plus a :class:`TextAlternative` — the same figures as a table and a one-sentence
summary — because a chart without one fails WCAG 1.1.1 and screen-reader users read the table instead.

One module per kind of chart — :mod:`.estimates`, :mod:`.trend`, :mod:`.reference`, :mod:`.maps` — on the
shared config, colours, cells and encodings of :mod:`.base`; import the names from here.

Design choices that matter for correctness:

- **Formatted in Python.** Tooltips, value labels and the text alternative show strings made by
  :mod:`kansrijk.reporting.formatting`, so a figure reads the same in a chart, a table and a PDF. Axes use
  d3-format with the spec's ``config.locale.number`` (nl-NL: decimal comma, thousands full stop).
- **Suppressed cells are a labelled gap.** Their estimate and CI are set to null in the data (even if the
  table still carried numbers) and a text mark says "onderdrukt" with the reason; a suppressed figure
  can never be read off a bar, tooltip or the spec's data.
- **Significance is data, not eyesight.** Trend markers and map categories come from the ``direction``
  (``higher``/``lower``/``no difference``) or ``significant`` + ``difference`` columns of
  ``kansrijk.analysis.compare``; the charts never decide significance themselves.
- Colours are the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies.
"""

from .base import (
    FONT,
    HIGHER_COLOUR,
    LOWER_COLOUR,
    NO_DATA_COLOUR,
    SAME_COLOUR,
    SERIES_COLOURS,
    SUPPRESSED_COLOUR,
    VEGA_LITE_SCHEMA,
    Category,
    Chart,
    TextAlternative,
    chart_config,
    domain_label,
    resolve_unit,
    variable_label,
)
from .estimates import estimates_chart
from .maps import UNCERTAIN_HALF_WIDTH, ColourBy, map_chart, projection_for, rewind_for_d3, uncertain
from .reference import reference_chart
from .trend import trend_chart

__all__ = [
    "FONT",
    "HIGHER_COLOUR",
    "LOWER_COLOUR",
    "NO_DATA_COLOUR",
    "SAME_COLOUR",
    "SERIES_COLOURS",
    "SUPPRESSED_COLOUR",
    "UNCERTAIN_HALF_WIDTH",
    "VEGA_LITE_SCHEMA",
    "Category",
    "Chart",
    "ColourBy",
    "TextAlternative",
    "chart_config",
    "domain_label",
    "estimates_chart",
    "map_chart",
    "projection_for",
    "reference_chart",
    "resolve_unit",
    "rewind_for_d3",
    "trend_chart",
    "uncertain",
    "variable_label",
]
