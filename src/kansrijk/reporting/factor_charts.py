"""The standard IPM chart of a risk or protective factor: the outcome per factor level, with 95% CI.

Built on :func:`kansrijk.reporting.charts.estimates_chart`, so it has the same text alternative, formatting,
colours and handling of suppressed levels (a labelled gap, never a number) as every other chart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from kansrijk.reporting.charts import Chart, estimates_chart


def factor_chart(
    levels: Sequence[Mapping[str, Any]],
    *,
    factor_label: str,
    outcome_label: str,
    lang: str = "nl",
) -> Chart:
    """One bar per factor level (``label``, ``estimate``, ``ci_low``, ``ci_high``, ``n``, ``suppressed``)."""
    table = pl.DataFrame(
        {
            "variable": ["factor"] * len(levels),
            "level": [str(lv["label"]) for lv in levels],
            "estimate": [lv.get("estimate") for lv in levels],
            "ci_low": [lv.get("ci_low") for lv in levels],
            "ci_high": [lv.get("ci_high") for lv in levels],
            "n": [int(lv.get("n") or 0) for lv in levels],
            "suppressed": ["niet gepubliceerd" if lv.get("suppressed") else None for lv in levels],
            "reliability": [None if lv.get("suppressed") else "ok" for lv in levels],
        },
        schema_overrides={"estimate": pl.Float64, "ci_low": pl.Float64, "ci_high": pl.Float64},
    )
    return estimates_chart(
        table,
        labels={"factor": factor_label},
        unit="percentage",
        lang=lang,
        title=outcome_label,
        subtitle=factor_label,
    )
