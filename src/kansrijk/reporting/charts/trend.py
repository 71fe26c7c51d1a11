"""(b) One indicator over the waves, its 95% band and the significant changes: :func:`trend_chart`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import polars as pl

from kansrijk.reporting.errors import ReportingError
from kansrijk.reporting.formatting import MISSING, Unit, format_difference
from kansrijk.reporting.texts import text

from .base import (
    HAS_GAP,
    NOTE_COLOUR,
    SERIES_COLOURS,
    Chart,
    TextAlternative,
    as_float,
    cell,
    figure_tooltip,
    level_name,
    nominal,
    percent_domain,
    quantitative,
    require,
    resolve_unit,
    series_scale,
    single_variable,
    spec_base,
    tooltip,
    unit_title,
    value_axis,
    value_column,
    variable_label,
    where,
)

if TYPE_CHECKING:
    from kansrijk.instrument import Instrument


def trend_chart(
    table: pl.DataFrame,
    *,
    wave: str = "wave",
    by: str | None = None,
    waves: Sequence[str] | None = None,
    instrument: Instrument | None = None,
    labels: Mapping[str, str] | None = None,
    level_labels: Mapping[str, str] | None = None,
    unit: Unit | None = None,
    lang: str = "nl",
    title: str | None = None,
    subtitle: str | None = None,
    decimals: int = 1,
    width: int = 420,
    height: int = 260,
) -> Chart:
    """One indicator over the waves: line with a 95% CI band, significant changes marked.

    ``table`` holds one variable, a ``wave`` column (names in order, or pass ``waves``) and per row the
    comparison with the previous wave as ``direction`` (``higher``/``lower``/``no difference``) or
    ``significant`` + ``difference`` (``kansrijk.analysis.compare`` of wave t against t−1). A significant
    change gets a triangle (up: "significant hoger", down: "significant lager") with that text in the
    legend. ``by`` draws one line per group.
    """
    require(table, ("variable", "estimate", "ci_low", "ci_high", wave))
    if by is not None:
        require(table, (by,), "by")
    variable = single_variable(table, "table")
    unit = resolve_unit(table, instrument, unit)
    order = list(waves) if waves is not None else list(dict.fromkeys(str(w) for w in table[wave].to_list()))
    label = variable_label(variable, lang, instrument, labels)
    rows: list[dict[str, Any]] = []
    for row in table.to_dicts():
        shown = cell(row, unit, decimals, lang)
        change = shown.category if shown.category in ("higher", "lower") else None
        w = str(row[wave])
        if w not in order:
            raise ReportingError(
                f"wave {w!r}", "is not in `waves`", "list every wave of the table in `waves`"
            )
        rows.append(
            {
                "wave": w,
                "wave_order": order.index(w),
                "series": level_name(row, by, level_labels) if by else label,
                **shown.figures(),
                **shown.texts(),
                "change": text("sig_higher" if change == "higher" else "sig_lower", lang) if change else None,
                "difference_text": format_difference(as_float(row.get("difference")), unit, decimals, lang)
                if row.get("difference") is not None and shown.estimate is not None
                else MISSING,
                "gap_text": text("suppressed", lang) if shown.suppressed not in (None, "no_data") else None,
                "value_text": shown.value_text,
            }
        )
    rows.sort(key=lambda r: (r["series"], r["wave_order"]))
    summary = _trend_summary(rows, label, order, lang)
    x = {
        "field": "wave",
        "type": "ordinal",
        "sort": order,
        "title": text("wave", lang),
        "axis": {"labelAngle": 0},
    }
    colour = (
        {"value": SERIES_COLOURS[0]}
        if by is None
        else nominal("series", title=text("group", lang), scale=series_scale())
    )
    points = tooltip(
        [
            ("wave", text("wave", lang)),
            ("series", text("group", lang) if by else text("indicator", lang)),
            *figure_tooltip(unit, lang),
            ("difference_text", text("difference", lang)),
            ("n_text", text("n", lang)),
        ]
    )
    layer: list[dict[str, Any]] = [
        {
            "mark": {"type": "area", "opacity": 0.18, "invalid": "break-paths-show-domains"},
            "encoding": {
                "x": x,
                "y": quantitative(
                    "ci_low",
                    axis=value_axis(unit, lang, grid=False),
                    **(
                        {"scale": percent_domain(r["ci_high"] or r["estimate"] or 0.0 for r in rows)}
                        if unit == "percentage"
                        else {}
                    ),
                ),
                "y2": {"field": "ci_high"},
                **({"color": colour} if by else {"fill": colour}),
                "detail": nominal("series"),
            },
        },
        {
            "mark": {
                "type": "line",
                "point": {"filled": True, "size": 50},
                "invalid": "break-paths-show-domains",
            },
            "encoding": {
                "x": x,
                "y": quantitative("estimate", title=unit_title(unit, lang)),
                "color": colour,
                "detail": nominal("series"),
                "tooltip": points,
            },
        },
        {
            "mark": {"type": "point", "filled": True, "size": 170, "color": "#000000", "opacity": 1},
            "transform": where("datum.change != null"),
            "encoding": {
                "x": x,
                "y": quantitative("estimate"),
                "shape": nominal(
                    "change",
                    title=None,
                    scale={
                        "domain": [text("sig_higher", lang), text("sig_lower", lang)],
                        "range": ["triangle-up", "triangle-down"],
                    },
                    legend={"orient": "bottom"},
                ),
                "tooltip": points,
            },
        },
        {
            "mark": {"type": "text", "fontStyle": "italic", "color": NOTE_COLOUR, "dy": -6},
            "transform": where(HAS_GAP),
            "encoding": {"x": x, "y": {"value": height}, "text": nominal("gap_text")},
        },
    ]
    spec = spec_base(title or label, subtitle, summary, lang) | {
        "data": {"values": rows},
        "width": width,
        "height": height,
        "layer": layer,
    }
    columns = (
        text("wave", lang),
        *((text("group", lang),) if by else ()),
        value_column(unit, lang),
        text("difference", lang),
        text("n_short", lang),
    )
    alt = tuple(
        (
            r["wave"],
            *((r["series"],) if by else ()),
            r["value_text"],
            r["difference_text"] + (f" ({r['change']})" if r["change"] else ""),
            r["n_text"],
        )
        for r in sorted(rows, key=lambda r: (r["wave_order"], r["series"]))
    )
    return Chart(spec, TextAlternative(columns, alt, summary))


def _trend_summary(rows: Sequence[Mapping[str, Any]], label: str, order: Sequence[str], lang: str) -> str:
    series = list(dict.fromkeys(r["series"] for r in rows))
    parts: list[str] = []
    for s in series:
        shown = sorted(
            (r for r in rows if r["series"] == s and r["estimate"] is not None), key=lambda r: r["wave_order"]
        )
        name = s if len(series) > 1 else label
        if not shown:
            parts.append(text("chart_trend_none", lang, label=name))
            continue
        first, last = shown[0], shown[-1]
        parts.append(
            text(
                "chart_trend",
                lang,
                label=name,
                first=first["estimate_text"],
                first_wave=first["wave"],
                last=last["estimate_text"],
                last_wave=last["wave"],
            )
        )
    changes = [
        f"{r['change']} in {r['wave']}" + (f" ({r['series']})" if len(series) > 1 else "")
        for r in sorted(rows, key=lambda r: r["wave_order"])
        if r["change"]
    ]
    out = " ".join(parts)
    if changes:
        out += text("chart_trend_sig", lang, changes=", ".join(changes))
    return out
