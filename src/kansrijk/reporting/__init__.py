"""kansrijk.reporting — charts, documents and exports (plain library, no Django).

- :mod:`~kansrijk.reporting.charts`: Vega-Lite v6 specs with a text alternative (estimates, trend,
  reference, map);
- :mod:`~kansrijk.reporting.render`: charts to SVG/PNG/PDF (vl_convert, Vega-Lite 6.4 as on the pages);
- :mod:`~kansrijk.reporting.documents`: reports as HTML and PDF (WeasyPrint);
- :mod:`~kansrijk.reporting.exports`: CSV (Dutch Excel / plain), Excel, Parquet, SPSS with labels;
- :mod:`~kansrijk.reporting.codebook`: the instrument's codebook (HTML/PDF);
- :mod:`~kansrijk.reporting.formatting`: Dutch number, percentage and CI formatting used by all of them.
"""

from kansrijk.reporting.charts import (
    Chart,
    TextAlternative,
    estimates_chart,
    map_chart,
    reference_chart,
    trend_chart,
)
from kansrijk.reporting.codebook import codebook_html, codebook_pdf, codebook_report
from kansrijk.reporting.documents import (
    Figure,
    PageBreak,
    Paragraph,
    Report,
    Section,
    Suppressed,
    Table,
    frame_table,
    html_to_pdf,
    render_html,
    render_pdf,
    results_table,
)
from kansrijk.reporting.errors import ReportingError
from kansrijk.reporting.exports import (
    csv_bytes,
    excel_bytes,
    neutralise,
    parquet_bytes,
    spss_bytes,
    write_spss,
)
from kansrijk.reporting.formatting import (
    format_ci,
    format_count,
    format_difference,
    format_estimate,
    format_number,
    format_p_value,
    format_percent,
    format_value,
)
from kansrijk.reporting.render import to_json, to_pdf, to_png, to_svg

__all__ = [
    "Chart",
    "Figure",
    "PageBreak",
    "Paragraph",
    "Report",
    "ReportingError",
    "Section",
    "Suppressed",
    "Table",
    "TextAlternative",
    "codebook_html",
    "codebook_pdf",
    "codebook_report",
    "csv_bytes",
    "estimates_chart",
    "excel_bytes",
    "format_ci",
    "format_count",
    "format_difference",
    "format_estimate",
    "format_number",
    "format_p_value",
    "format_percent",
    "format_value",
    "frame_table",
    "html_to_pdf",
    "map_chart",
    "neutralise",
    "parquet_bytes",
    "reference_chart",
    "render_html",
    "render_pdf",
    "results_table",
    "spss_bytes",
    "to_json",
    "to_pdf",
    "to_png",
    "to_svg",
    "trend_chart",
    "write_spss",
]
