"""(c) One indicator per wijk or school against a reference value: :func:`reference_chart`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import polars as pl

from kansrijk.reporting.formatting import MISSING, Unit, format_value
from kansrijk.reporting.texts import text

from .base import (
    HAS_DATA,
    SERIES_COLOURS,
    Chart,
    TextAlternative,
    category_label,
    cell,
    comparison_scale,
    figure_tooltip,
    gap_layer,
    gap_text,
    label_y,
    level_name,
    nominal,
    percent_domain,
    quantitative,
    require,
    resolve_unit,
    single_variable,
    spec_base,
    tooltip,
    value_axis,
    value_column,
    variable_label,
    where,
)

if TYPE_CHECKING:
    from kansrijk.instrument import Instrument

#: "geen verschil" in a chart of points: a mid grey, visible on white (the map's sand is for areas).
NEUTRAL_COLOUR = "#7F7F7F"


def reference_chart(
    table: pl.DataFrame,
    reference: float,
    *,
    by: str,
    reference_label: str | None = None,
    instrument: Instrument | None = None,
    labels: Mapping[str, str] | None = None,
    level_labels: Mapping[str, str] | None = None,
    unit: Unit | None = None,
    lang: str = "nl",
    title: str | None = None,
    subtitle: str | None = None,
    decimals: int = 1,
    width: int = 420,
) -> Chart:
    """One indicator per level of ``by`` (wijk, school…) as points with CI, and a rule at ``reference``.

    The reference is the municipal average or a published benchmark (``reference_label``, e.g. "Nederland").
    Points are coloured "hoger / geen verschil / lager" when the table carries the comparison with the
    reference (``direction`` or ``significant`` + ``difference``), else all alike.
    """
    require(table, ("variable", "estimate", "ci_low", "ci_high", by))
    variable = single_variable(table, "table")
    unit = resolve_unit(table, instrument, unit)
    label = variable_label(variable, lang, instrument, labels)
    ref_label = reference_label or text("reference", lang)
    ref_text = format_value(reference, unit, decimals, lang)
    rows: list[dict[str, Any]] = []
    for i, row in enumerate(table.to_dicts()):
        shown = cell(row, unit, decimals, lang)
        category = shown.category if shown.estimate is not None else None
        rows.append(
            {
                "order": i,
                "label": level_name(row, by, level_labels),
                **shown.figures(),
                **shown.texts(),
                "category": category_label(category, lang) if category else None,
                "gap_text": gap_text(shown, lang),
                "value_text": shown.value_text,
            }
        )
    counts = {
        k: sum(1 for r in rows if r["category"] == text(k, lang))
        for k in ("higher", "lower", "no_difference")
    }
    summary = text(
        "chart_reference",
        lang,
        count=len(rows),
        reference_label=ref_label,
        reference=ref_text,
        higher=counts["higher"],
        lower=counts["lower"],
        same=counts["no_difference"],
    )
    y = label_y()
    colour: dict[str, Any] = (
        nominal(
            "category",
            title=text("compared_with", lang, reference=ref_label),
            scale=comparison_scale(lang, same=NEUTRAL_COLOUR),
        )
        if any(r["category"] for r in rows)
        else {"value": SERIES_COLOURS[0]}
    )
    x_scale = (
        percent_domain([*(r["ci_high"] or 0.0 for r in rows), reference])
        if unit == "percentage"
        else {"zero": False}
    )
    layer: list[dict[str, Any]] = [
        {
            "mark": {"type": "errorbar", "ticks": True},
            "transform": where(HAS_DATA),
            "encoding": {
                "y": y,
                "x": quantitative("ci_low", axis=value_axis(unit, lang), scale=x_scale),
                "x2": {"field": "ci_high"},
                "color": colour,
            },
        },
        {
            "mark": {"type": "point", "filled": True, "size": 70},
            "transform": where(HAS_DATA),
            "encoding": {
                "y": y,
                "x": quantitative("estimate"),
                "color": colour,
                "tooltip": tooltip(
                    [
                        ("label", by),
                        *figure_tooltip(unit, lang),
                        ("category", text("category", lang)),
                        ("n_text", text("n", lang)),
                    ]
                ),
            },
        },
        gap_layer(y),
        {
            "data": {"values": [{"reference": reference, "text": f"{ref_label}: {ref_text}"}]},
            "layer": [
                {
                    "mark": {"type": "rule", "strokeDash": [6, 3], "color": "#000000", "strokeWidth": 1.5},
                    "encoding": {"x": quantitative("reference")},
                },
                {
                    "mark": {
                        "type": "text",
                        "align": "left",
                        "dx": 4,
                        "dy": -4,
                        "baseline": "bottom",
                        "y": 0,
                    },
                    "encoding": {"x": quantitative("reference"), "text": nominal("text")},
                },
            ],
        },
    ]
    spec = spec_base(title or label, subtitle, summary, lang) | {
        "data": {"values": rows},
        "width": width,
        "layer": layer,
    }
    columns = (
        by if not level_labels else text("group", lang),
        value_column(unit, lang),
        text("category", lang) + f" ({ref_label}: {ref_text})",
        text("n_short", lang),
    )
    alt = tuple((r["label"], r["value_text"], r["category"] or MISSING, r["n_text"]) for r in rows)
    return Chart(spec, TextAlternative(columns, alt, summary))
