"""(a) Estimates per indicator with their 95% CI, grouped by leefdomein: :func:`estimates_chart`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import polars as pl

from kansrijk.reporting.formatting import MISSING, Unit
from kansrijk.reporting.texts import text

from .base import (
    HAS_DATA,
    INK_COLOUR,
    SERIES_COLOURS,
    Chart,
    TextAlternative,
    cell,
    domain_label,
    domain_order,
    figure_tooltip,
    gap_layer,
    gap_text,
    indicator_of,
    label_y,
    level_name,
    nominal,
    percent_domain,
    quantitative,
    require,
    resolve_unit,
    series_scale,
    spec_base,
    summary_extremes,
    tooltip,
    value_axis,
    value_column,
    variable_label,
    where,
)

if TYPE_CHECKING:
    from kansrijk.instrument import Instrument


def estimates_chart(
    table: pl.DataFrame,
    *,
    by: str | None = None,
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
    """Horizontal bars with 95% CI error bars per indicator (and level of ``by``), grouped by leefdomein.

    ``by`` (e.g. ``gender``) draws one bar per group, coloured, side by side; ``level_labels`` names its codes
    (``{"m": "jongens"}``). Indicator names and leefdomeinen come from ``instrument`` (or ``labels``). A table
    of a categorical variable (``level`` filled) gets one bar per answer level.
    """
    require(table, ("variable", "estimate", "ci_low", "ci_high"))
    if by is not None:
        require(table, (by,), "by")
    unit = resolve_unit(table, instrument, unit)
    rows: list[dict[str, Any]] = []
    for i, row in enumerate(table.to_dicts()):
        var = str(row["variable"])
        ind = indicator_of(instrument, var) if instrument is not None else None
        label = variable_label(var, lang, instrument, labels)
        if row.get("level") is not None:
            label = f"{label}: {row['level']}"
        dom = domain_label(ind.domain, lang) if ind is not None else ""
        group = level_name(row, by, level_labels) if by else ""
        shown = cell(row, unit, decimals, lang)
        rows.append(
            {
                "order": (domain_order(ind.domain if ind is not None else None), i),
                "label": label,
                "domain": dom,
                "group": group,
                **shown.figures(),
                "label_x": max(shown.ci_high or 0.0, shown.estimate or 0.0),
                "value_label": shown.estimate_text + (" *" if shown.caution else "")
                if shown.estimate is not None
                else None,
                **shown.texts(),
                "gap_text": gap_text(shown, lang),
            }
        )
    rows.sort(key=lambda r: r["order"])
    for i, r in enumerate(rows):
        r["order"] = i
    has_domains = len({r["domain"] for r in rows}) > 1 or any(r["domain"] for r in rows)
    columns = tuple(
        c
        for c, keep in (
            (text("domain", lang), has_domains),
            (text("indicator", lang), True),
            (text("group", lang), by is not None),
            (value_column(unit, lang), True),
            (text("n_short", lang), True),
        )
        if keep
    )
    alt_rows = [_alt_row(r, has_domains, by is not None) for r in rows]
    summary = summary_extremes(rows, lang, "chart_estimates")

    y = label_y()
    offset: dict[str, Any] = {}
    if by is not None:
        offset = {
            "yOffset": nominal("group", sort=None),
            "color": nominal(
                "group",
                title=by if by not in ("gender", "grade") else text("group", lang),
                sort=None,
                scale=series_scale(),
            ),
        }
    on_bar: dict[str, Any] = {"yOffset": offset["yOffset"]} if by else {}  # on their own bar
    x = quantitative("estimate", axis=value_axis(unit, lang), scale={"zero": True})
    if unit == "percentage":
        x["scale"] = percent_domain(r["ci_high"] or r["estimate"] or 0.0 for r in rows)
    layer: list[dict[str, Any]] = [
        {
            "mark": {"type": "bar", "height": {"band": 0.8} if by is None else {"band": 1}},
            "transform": where(HAS_DATA),
            "encoding": {
                "y": y,
                "x": x,
                **offset,
                "tooltip": tooltip(
                    [("label", text("indicator", lang))]
                    + ([("group", text("group", lang))] if by else [])
                    + [*figure_tooltip(unit, lang), ("n_text", text("n", lang))]
                ),
            }
            | ({} if by else {"color": {"value": SERIES_COLOURS[0]}}),
        },
        {
            "mark": {"type": "rule", "color": INK_COLOUR, "strokeWidth": 1.2},
            "transform": where(HAS_DATA),
            "encoding": {"y": y, "x": quantitative("ci_low"), "x2": {"field": "ci_high"}, **on_bar},
        },
        *(
            {
                "mark": {"type": "tick", "color": INK_COLOUR, "thickness": 1.2, "height": 8},
                "transform": where(HAS_DATA),
                "encoding": {"y": y, "x": quantitative(bound)} | on_bar,
            }
            for bound in ("ci_low", "ci_high")
        ),
        {
            "mark": {"type": "text", "align": "left", "dx": 6, "fontSize": 10, "color": INK_COLOUR},
            "transform": where(HAS_DATA),
            "encoding": {
                "y": y,
                "x": quantitative("label_x"),
                "text": nominal("value_label"),
                **on_bar,
            },
        },
        gap_layer(
            y,
            **on_bar,
            tooltip=tooltip([("label", text("indicator", lang)), ("gap_text", text("estimate", lang))]),
        ),
    ]
    spec = spec_base(title, subtitle, summary, lang)
    inner = {"width": width, "layer": layer}
    if has_domains:
        spec |= {
            "data": {"values": rows},
            "facet": {
                "row": nominal(
                    "domain",
                    title=None,
                    sort={"field": "order", "op": "min"},
                    header={
                        "labelAngle": 0,
                        "labelAlign": "left",
                        "labelAnchor": "start",
                        "labelOrient": "top",
                    },
                )
            },
            "spec": inner,
            "resolve": {"scale": {"y": "independent"}},
        }
    else:
        spec |= {"data": {"values": rows}, **inner}
    return Chart(spec, TextAlternative(columns, tuple(alt_rows), summary))


def _alt_row(r: Mapping[str, Any], has_domains: bool, has_group: bool) -> tuple[str, ...]:
    out: list[str] = []
    if has_domains:
        out.append(r["domain"])
    out.append(r["label"])
    if has_group:
        out.append(r["group"])
    value = (
        f"{r['estimate_text']} ({r['ci_text']})"
        if r["estimate"] is not None
        else f"{MISSING} ({r['gap_text']})"
    )
    if r["estimate"] is not None and r["ci_text"] == MISSING:
        value = r["estimate_text"]
    out += [value, r["n_text"]]
    return tuple(out)
