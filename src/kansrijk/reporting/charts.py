"""Vega-Lite v6 chart specifications for result tables, each with a text alternative.

Every builder takes a result table of ``kansrijk.analysis`` (columns ``variable, <by…>, level, estimate, se,
ci_low, ci_high, n, …`` and, after disclosure control, ``suppressed`` and ``reliability``) and returns a
:class:`Chart`: a plain-dict Vega-Lite spec (``$schema`` v6, rendered by vega-embed on the page and by
``vl_convert`` for PDF) plus a :class:`TextAlternative` — the same figures as a table and a one-sentence
summary — because a chart without one fails WCAG 1.1.1 and screen-reader users read the table instead.

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

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import polars as pl

from kansrijk.reporting.errors import ReportingError
from kansrijk.reporting.formatting import (
    MISSING,
    Unit,
    d3_format,
    format_ci,
    format_count,
    format_difference,
    format_estimate,
    format_value,
    number_locale,
)
from kansrijk.reporting.texts import NOT_PUBLISHED, suppression_reason, text
from kansrijk.vocabulary import DOMAINS

if TYPE_CHECKING:
    from kansrijk.instrument import Instrument

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
FONT = "Noto Sans, Noto Sans Arabic, DejaVu Sans, sans-serif"

#: Okabe–Ito colours (colour-blind safe) for the comparison categories.
HIGHER_COLOUR = "#D55E00"  # vermillion
LOWER_COLOUR = "#0072B2"  # blue
SAME_COLOUR = "#F0E6CC"  # light sand, distinct from the greys
SUPPRESSED_COLOUR = "#BDBDBD"
NO_DATA_COLOUR = "#FFFFFF"
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")

Category = Literal["higher", "lower", "no_difference", "suppressed", "no_data"]
ColourBy = Literal["category", "value"]


@dataclass(frozen=True)
class TextAlternative:
    """The chart's figures for people who cannot see it: a plain table and a one-sentence summary."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    summary: str

    def to_html(self) -> str:
        """A ``<table>`` with the summary as caption (escaped), for a page or a report next to the chart."""
        head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>" for row in self.rows
        )
        return (
            f"<table><caption>{html.escape(self.summary)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )


@dataclass(frozen=True)
class Chart:
    """A Vega-Lite spec (plain JSON-able dict) and its text alternative."""

    spec: dict[str, Any]
    alt: TextAlternative

    @property
    def title(self) -> str:
        title = self.spec.get("title")
        if isinstance(title, dict):
            return str(title.get("text", ""))
        return str(title or "")


# -- shared pieces ---------------------------------------------------------------------------------------


def chart_config(lang: str = "nl") -> dict[str, Any]:
    """The ``config`` of every Kansrijk chart: number locale of ``lang``, fonts with Arabic coverage."""
    return {
        "locale": {"number": number_locale(lang)},
        "font": FONT,
        "view": {"stroke": None},
        "axis": {"labelFontSize": 11, "titleFontSize": 12, "labelLimit": 260},
        "legend": {"labelFontSize": 11, "titleFontSize": 12, "labelLimit": 260},
        "title": {"fontSize": 15, "anchor": "start", "subtitleFontSize": 12},
        "header": {"labelFontSize": 12, "labelFontWeight": "bold"},
    }


def _base(title: str | None, subtitle: str | None, summary: str, lang: str) -> dict[str, Any]:
    spec: dict[str, Any] = {"$schema": VEGA_LITE_SCHEMA, "description": summary}
    if title:
        spec["title"] = {"text": title, **({"subtitle": subtitle} if subtitle else {})}
    spec["config"] = chart_config(lang)
    return spec


def _require(table: pl.DataFrame, columns: Iterable[str], place: str = "table") -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ReportingError(
            place,
            f"column(s) {missing} missing",
            "pass a result table of kansrijk.analysis.estimate (after suppress for publication)",
        )


def _float(value: Any) -> float | None:
    if value is None:
        return None
    out = float(value)
    return None if math.isnan(out) else out


def resolve_unit(table: pl.DataFrame, instrument: Instrument | None = None, unit: Unit | None = None) -> Unit:
    """The unit of a table's figures: given > the instrument's indicators > ``statistic`` > the values.

    Percentage indicators are estimated as the mean of a 0/1 variable, so ``statistic = mean`` alone does not
    tell; without an instrument, a table whose every figure lies in [0, 1] is read as proportions.
    """
    if unit is not None:
        return unit
    variables = table["variable"].unique().to_list() if "variable" in table.columns else []
    if instrument is not None and variables:
        units = {_indicator(instrument, str(v)).unit for v in variables if _indicator(instrument, str(v))}
        if len(units) == 1:
            return units.pop()  # type: ignore[no-any-return,unused-ignore]
        if len(units) > 1:
            raise ReportingError(
                "table", f"mixes units {sorted(units)}", "draw percentages and means in separate charts"
            )
    if "statistic" in table.columns:
        stats = set(table["statistic"].drop_nulls().to_list())
        if stats == {"proportion"}:
            return "percentage"
    values = [
        v for c in ("estimate", "ci_low", "ci_high") if c in table.columns for v in table[c].drop_nulls()
    ]
    return "percentage" if all(0.0 <= float(v) <= 1.0 for v in values) else "mean"


def _indicator(instrument: Instrument, code: str) -> Any:
    try:
        return instrument.indicator(code)
    except KeyError:
        return None


def variable_label(
    variable: str,
    lang: str = "nl",
    instrument: Instrument | None = None,
    labels: Mapping[str, str] | None = None,
) -> str:
    """A variable's name for people: ``labels`` first, then the instrument's indicator or item label."""
    if labels and variable in labels:
        return labels[variable]
    if instrument is not None:
        ind = _indicator(instrument, variable)
        if ind is not None:
            return str(ind.label.get(lang) or ind.label.get("nl") or variable)
        if instrument.has_item(variable):
            item = instrument.item(variable)
            return str(item.label.get(lang) or item.label.get("nl") or variable)
    return variable


def domain_label(code: str | None, lang: str = "nl") -> str:
    for term in DOMAINS:
        if term.code == code:
            return term.en if lang == "en" else term.nl
    return code or ""


def _domain_order(code: str | None) -> int:
    for i, term in enumerate(DOMAINS):
        if term.code == code:
            return i
    return len(DOMAINS)


def _category(row: Mapping[str, Any]) -> Category | None:
    """higher / lower / no_difference from compare()'s ``direction`` or ``significant`` + ``difference``."""
    direction = row.get("direction")
    if direction is not None:
        return {"higher": "higher", "lower": "lower"}.get(str(direction), "no_difference")  # type: ignore[return-value]
    if row.get("significant") is None:
        return None
    if not row["significant"]:
        return "no_difference"
    diff = _float(row.get("difference"))
    if diff is None:
        return "no_difference"
    return "higher" if diff > 0 else "lower" if diff < 0 else "no_difference"


def _category_label(category: Category | None, lang: str) -> str:
    if category is None:
        return ""
    key = {"no_difference": "no_difference", "no_data": "no_data"}.get(category, category)
    return text(key, lang)


@dataclass(frozen=True)
class _Cell:
    """One row of a result table, made safe for display (suppressed → no numbers at all)."""

    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    suppressed: str | None
    estimate_text: str
    ci_text: str
    value_text: str  # estimate with CI, or "– (onderdrukt: reason)"
    n_text: str
    caution: bool
    category: Category | None


def _cell(row: Mapping[str, Any], unit: Unit, decimals: int, lang: str) -> _Cell:
    reason = row.get("suppressed")
    estimate = _float(row.get("estimate"))
    if reason is None and estimate is None:
        reason = "no_data"
    if reason is not None:
        why = text("no_data", lang) if reason == "no_data" else suppression_reason(str(reason), lang)
        label = text("suppressed", lang) if reason != "no_data" else text("no_data", lang)
        value_text = f"{MISSING} ({label}: {why})" if reason != "no_data" else MISSING
        if reason == NOT_PUBLISHED:  # public outputs: one neutral label, no reason
            value_text = f"{MISSING} ({why})"
        return _Cell(
            None,
            None,
            None,
            str(reason),
            MISSING,
            MISSING,
            value_text,
            format_count(_float(row.get("n")), lang),
            False,
            "no_data" if reason == "no_data" else "suppressed",
        )
    low, high = _float(row.get("ci_low")), _float(row.get("ci_high"))
    return _Cell(
        estimate,
        low,
        high,
        None,
        format_value(estimate, unit, decimals, lang),
        format_ci(low, high, unit, decimals, lang),
        format_estimate(estimate, low, high, unit, decimals, lang),
        format_count(_float(row.get("n")), lang),
        row.get("reliability") == "caution",
        _category(row),
    )


def _gap_text(cell: _Cell, lang: str) -> str | None:
    if cell.suppressed is None:
        return None
    if cell.suppressed == "no_data":
        return text("no_data", lang)
    if cell.suppressed == NOT_PUBLISHED:
        return text("not_published", lang)
    return f"{text('suppressed', lang)} ({suppression_reason(cell.suppressed, lang)})"


def _level_name(row: Mapping[str, Any], column: str, level_labels: Mapping[str, str] | None) -> str:
    value = row.get(column)
    if value is None:
        return ""
    return level_labels.get(str(value), str(value)) if level_labels else str(value)


def _unit_title(unit: Unit, lang: str) -> str:
    return text("percentage" if unit == "percentage" else "mean", lang)


def _x_axis(unit: Unit, lang: str, decimals: int = 0) -> dict[str, Any]:
    return {"format": d3_format(unit, decimals), "title": _unit_title(unit, lang), "grid": True}


def _tooltip(fields: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    return [{"field": f, "type": "nominal", "title": t} for f, t in fields]


def _single_variable(table: pl.DataFrame, place: str) -> str:
    variables = table["variable"].unique().to_list()
    if len(variables) != 1:
        raise ReportingError(
            place, f"holds {len(variables)} variables", "filter the table to one variable for this chart"
        )
    return str(variables[0])


# -- (a) estimates per indicator with 95% CI -----------------------------------------------------------


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
    _require(table, ("variable", "estimate", "ci_low", "ci_high"))
    if by is not None:
        _require(table, (by,), "by")
    unit = resolve_unit(table, instrument, unit)
    rows: list[dict[str, Any]] = []
    for i, row in enumerate(table.to_dicts()):
        var = str(row["variable"])
        ind = _indicator(instrument, var) if instrument is not None else None
        label = variable_label(var, lang, instrument, labels)
        if row.get("level") is not None:
            label = f"{label}: {row['level']}"
        dom = domain_label(ind.domain, lang) if ind is not None else ""
        group = _level_name(row, by, level_labels) if by else ""
        cell = _cell(row, unit, decimals, lang)
        rows.append(
            {
                "order": (_domain_order(ind.domain if ind is not None else None), i),
                "label": label,
                "domain": dom,
                "group": group,
                "estimate": cell.estimate,
                "ci_low": cell.ci_low,
                "ci_high": cell.ci_high,
                "label_x": max(cell.ci_high or 0.0, cell.estimate or 0.0),
                "value_label": cell.estimate_text + (" *" if cell.caution else "")
                if cell.estimate is not None
                else None,
                "estimate_text": cell.estimate_text,
                "ci_text": cell.ci_text,
                "n_text": cell.n_text,
                "gap_text": _gap_text(cell, lang),
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
            (f"{_unit_title(unit, lang)} ({text('ci_short', lang)})", True),
            (text("n_short", lang), True),
        )
        if keep
    )
    alt_rows = [_alt_row(r, has_domains, by is not None) for r in rows]
    summary = _summary_extremes(rows, lang, "chart_estimates")

    y = {"field": "label", "type": "nominal", "title": None, "sort": {"field": "order", "op": "min"}}
    offset: dict[str, Any] = {}
    if by is not None:
        offset = {
            "yOffset": {"field": "group", "type": "nominal", "sort": None},
            "color": {
                "field": "group",
                "type": "nominal",
                "title": by if by not in ("gender", "grade") else text("group", lang),
                "sort": None,
                "scale": {"range": list(SERIES_COLOURS)},
            },
        }
    tooltip = _tooltip(
        [("label", text("indicator", lang))]
        + ([("group", text("group", lang))] if by else [])
        + [
            ("estimate_text", _unit_title(unit, lang)),
            ("ci_text", text("ci", lang)),
            ("n_text", text("n", lang)),
        ]
    )
    x = {"field": "estimate", "type": "quantitative", "axis": _x_axis(unit, lang), "scale": {"zero": True}}
    if unit == "percentage":
        x["scale"] = {"domain": [0, _percent_domain(rows)]}
    has_data = "datum.estimate != null"
    layer: list[dict[str, Any]] = [
        {
            "mark": {"type": "bar", "height": {"band": 0.8} if by is None else {"band": 1}},
            "transform": [{"filter": has_data}],
            "encoding": {"y": y, "x": x, **offset, "tooltip": tooltip}
            | ({} if by else {"color": {"value": SERIES_COLOURS[0]}}),
        },
        {
            "mark": {"type": "rule", "color": "#222222", "strokeWidth": 1.2},
            "transform": [{"filter": has_data}],
            "encoding": {
                "y": y,
                "x": {"field": "ci_low", "type": "quantitative"},
                "x2": {"field": "ci_high"},
                **({"yOffset": offset["yOffset"]} if by else {}),
            },
        },
        *(
            {
                "mark": {"type": "tick", "color": "#222222", "thickness": 1.2, "height": 8},
                "transform": [{"filter": has_data}],
                "encoding": {
                    "y": y,
                    "x": {"field": bound, "type": "quantitative"},
                    **({"yOffset": offset["yOffset"]} if by else {}),
                },
            }
            for bound in ("ci_low", "ci_high")
        ),
        {
            "mark": {"type": "text", "align": "left", "dx": 6, "fontSize": 10, "color": "#222222"},
            "transform": [{"filter": has_data}],
            "encoding": {
                "y": y,
                "x": {"field": "label_x", "type": "quantitative"},
                "text": {"field": "value_label", "type": "nominal"},
                **({"yOffset": offset["yOffset"]} if by else {}),
            },
        },
        {
            "mark": {"type": "text", "align": "left", "dx": 2, "fontStyle": "italic", "color": "#555555"},
            "transform": [{"filter": "datum.gap_text != null"}],
            "encoding": {
                "y": y,
                "x": {"datum": 0, "type": "quantitative"},
                "text": {"field": "gap_text", "type": "nominal"},
                **({"yOffset": offset["yOffset"]} if by else {}),
                "tooltip": _tooltip(
                    [("label", text("indicator", lang)), ("gap_text", text("estimate", lang))]
                ),
            },
        },
    ]
    spec = _base(title, subtitle, summary, lang)
    inner = {"width": width, "layer": layer}
    if has_domains:
        spec |= {
            "data": {"values": rows},
            "facet": {
                "row": {
                    "field": "domain",
                    "type": "nominal",
                    "title": None,
                    "sort": {"field": "order", "op": "min"},
                    "header": {
                        "labelAngle": 0,
                        "labelAlign": "left",
                        "labelAnchor": "start",
                        "labelOrient": "top",
                    },
                }
            },
            "spec": inner,
            "resolve": {"scale": {"y": "independent"}},
        }
    else:
        spec |= {"data": {"values": rows}, **inner}
    return Chart(spec, TextAlternative(columns, tuple(alt_rows), summary))


def _percent_domain(rows: Sequence[Mapping[str, Any]]) -> float:
    """The x axis of percentages runs from 0 to the highest CI bound (rounded up), at least 10%."""
    top = max([r["ci_high"] or r["estimate"] or 0.0 for r in rows] + [0.1])
    return min(1.0, math.ceil(top * 10) / 10)


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


def _summary_extremes(
    rows: Sequence[Mapping[str, Any]], lang: str, key: str, count: int | None = None
) -> str:
    shown = [r for r in rows if r["estimate"] is not None]
    total = len(rows) if count is None else count
    hidden = total - len(shown)
    if not shown:
        return text("chart_estimates_none", lang, count=total)
    top = max(shown, key=lambda r: r["estimate"])
    low = min(shown, key=lambda r: r["estimate"])

    def name(r: Mapping[str, Any]) -> str:
        return f"{r['label']} ({r['group']})" if r.get("group") else str(r["label"])

    out = text(
        key,
        lang,
        count=total,
        top_label=name(top),
        top_value=top["estimate_text"],
        low_label=name(low),
        low_value=low["estimate_text"],
    )
    if hidden and key == "chart_estimates":
        out = out.rstrip() + text("chart_suppressed_count", lang, count=hidden)
    return out


# -- (b) trend over waves -----------------------------------------------------------------------------


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
    _require(table, ("variable", "estimate", "ci_low", "ci_high", wave))
    if by is not None:
        _require(table, (by,), "by")
    variable = _single_variable(table, "table")
    unit = resolve_unit(table, instrument, unit)
    order = list(waves) if waves is not None else list(dict.fromkeys(str(w) for w in table[wave].to_list()))
    label = variable_label(variable, lang, instrument, labels)
    rows: list[dict[str, Any]] = []
    for row in table.to_dicts():
        cell = _cell(row, unit, decimals, lang)
        change = cell.category if cell.category in ("higher", "lower") else None
        w = str(row[wave])
        if w not in order:
            raise ReportingError(
                f"wave {w!r}", "is not in `waves`", "list every wave of the table in `waves`"
            )
        rows.append(
            {
                "wave": w,
                "wave_order": order.index(w),
                "series": _level_name(row, by, level_labels) if by else label,
                "estimate": cell.estimate,
                "ci_low": cell.ci_low,
                "ci_high": cell.ci_high,
                "estimate_text": cell.estimate_text,
                "ci_text": cell.ci_text,
                "n_text": cell.n_text,
                "change": text("sig_higher" if change == "higher" else "sig_lower", lang) if change else None,
                "difference_text": format_difference(_float(row.get("difference")), unit, decimals, lang)
                if row.get("difference") is not None and cell.estimate is not None
                else MISSING,
                "gap_text": text("suppressed", lang) if cell.suppressed not in (None, "no_data") else None,
                "value_text": cell.value_text,
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
    y_axis = {"format": d3_format(unit, 0), "title": _unit_title(unit, lang)}
    colour = {
        "field": "series",
        "type": "nominal",
        "title": None if by is None else text("group", lang),
        "scale": {"range": list(SERIES_COLOURS)},
    }
    if by is None:
        colour = {"value": SERIES_COLOURS[0]}
    tooltip = _tooltip(
        [
            ("wave", text("wave", lang)),
            ("series", text("group", lang) if by else text("indicator", lang)),
            ("estimate_text", _unit_title(unit, lang)),
            ("ci_text", text("ci", lang)),
            ("difference_text", text("difference", lang)),
            ("n_text", text("n", lang)),
        ]
    )
    layer: list[dict[str, Any]] = [
        {
            "mark": {"type": "area", "opacity": 0.18, "invalid": "break-paths-show-domains"},
            "encoding": {
                "x": x,
                "y": {
                    "field": "ci_low",
                    "type": "quantitative",
                    "axis": y_axis,
                    **({"scale": {"domain": [0, _percent_domain(rows)]}} if unit == "percentage" else {}),
                },
                "y2": {"field": "ci_high"},
                **({"color": colour} if by else {"fill": colour}),
                "detail": {"field": "series", "type": "nominal"},
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
                "y": {"field": "estimate", "type": "quantitative", "title": _unit_title(unit, lang)},
                "color": colour,
                "detail": {"field": "series", "type": "nominal"},
                "tooltip": tooltip,
            },
        },
        {
            "mark": {"type": "point", "filled": True, "size": 170, "color": "#000000", "opacity": 1},
            "transform": [{"filter": "datum.change != null"}],
            "encoding": {
                "x": x,
                "y": {"field": "estimate", "type": "quantitative"},
                "shape": {
                    "field": "change",
                    "type": "nominal",
                    "title": None,
                    "scale": {
                        "domain": [text("sig_higher", lang), text("sig_lower", lang)],
                        "range": ["triangle-up", "triangle-down"],
                    },
                    "legend": {"orient": "bottom"},
                },
                "tooltip": tooltip,
            },
        },
        {
            "mark": {"type": "text", "fontStyle": "italic", "color": "#555555", "dy": -6},
            "transform": [{"filter": "datum.gap_text != null"}],
            "encoding": {"x": x, "y": {"value": height}, "text": {"field": "gap_text", "type": "nominal"}},
        },
    ]
    spec = _base(title or label, subtitle, summary, lang) | {
        "data": {"values": rows},
        "width": width,
        "height": height,
        "layer": layer,
    }
    columns = (
        text("wave", lang),
        *((text("group", lang),) if by else ()),
        f"{_unit_title(unit, lang)} ({text('ci_short', lang)})",
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


# -- (c) comparison with a reference value ----------------------------------------------------------


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
    _require(table, ("variable", "estimate", "ci_low", "ci_high", by))
    variable = _single_variable(table, "table")
    unit = resolve_unit(table, instrument, unit)
    label = variable_label(variable, lang, instrument, labels)
    ref_label = reference_label or text("reference", lang)
    ref_text = format_value(reference, unit, decimals, lang)
    rows: list[dict[str, Any]] = []
    for i, row in enumerate(table.to_dicts()):
        cell = _cell(row, unit, decimals, lang)
        category = cell.category if cell.estimate is not None else None
        rows.append(
            {
                "order": i,
                "label": _level_name(row, by, level_labels),
                "estimate": cell.estimate,
                "ci_low": cell.ci_low,
                "ci_high": cell.ci_high,
                "estimate_text": cell.estimate_text,
                "ci_text": cell.ci_text,
                "n_text": cell.n_text,
                "category": _category_label(category, lang) if category else None,
                "gap_text": _gap_text(cell, lang),
                "value_text": cell.value_text,
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
    y = {"field": "label", "type": "nominal", "title": None, "sort": {"field": "order", "op": "min"}}
    has_categories = any(r["category"] for r in rows)
    colour: dict[str, Any] = (
        {
            "field": "category",
            "type": "nominal",
            "title": text("compared_with", lang, reference=ref_label),
            "scale": {
                "domain": [text("higher", lang), text("no_difference", lang), text("lower", lang)],
                "range": [HIGHER_COLOUR, "#7F7F7F", LOWER_COLOUR],
            },
        }
        if has_categories
        else {"value": SERIES_COLOURS[0]}
    )
    has_data = "datum.estimate != null"
    top = max([_float(r["ci_high"]) or 0.0 for r in rows] + [reference, 0.1])
    x_scale = {"domain": [0, min(1.0, math.ceil(top * 10) / 10)]} if unit == "percentage" else {"zero": False}
    tooltip = _tooltip(
        [
            ("label", by),
            ("estimate_text", _unit_title(unit, lang)),
            ("ci_text", text("ci", lang)),
            ("category", text("category", lang)),
            ("n_text", text("n", lang)),
        ]
    )
    layer: list[dict[str, Any]] = [
        {
            "mark": {"type": "errorbar", "ticks": True},
            "transform": [{"filter": has_data}],
            "encoding": {
                "y": y,
                "x": {
                    "field": "ci_low",
                    "type": "quantitative",
                    "axis": _x_axis(unit, lang),
                    "scale": x_scale,
                },
                "x2": {"field": "ci_high"},
                "color": colour,
            },
        },
        {
            "mark": {"type": "point", "filled": True, "size": 70},
            "transform": [{"filter": has_data}],
            "encoding": {
                "y": y,
                "x": {"field": "estimate", "type": "quantitative"},
                "color": colour,
                "tooltip": tooltip,
            },
        },
        {
            "mark": {"type": "text", "align": "left", "dx": 2, "fontStyle": "italic", "color": "#555555"},
            "transform": [{"filter": "datum.gap_text != null"}],
            "encoding": {
                "y": y,
                "x": {"datum": 0, "type": "quantitative"},
                "text": {"field": "gap_text", "type": "nominal"},
            },
        },
        {
            "data": {"values": [{"reference": reference, "text": f"{ref_label}: {ref_text}"}]},
            "layer": [
                {
                    "mark": {"type": "rule", "strokeDash": [6, 3], "color": "#000000", "strokeWidth": 1.5},
                    "encoding": {"x": {"field": "reference", "type": "quantitative"}},
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
                    "encoding": {
                        "x": {"field": "reference", "type": "quantitative"},
                        "text": {"field": "text", "type": "nominal"},
                    },
                },
            ],
        },
    ]
    spec = _base(title or label, subtitle, summary, lang) | {
        "data": {"values": rows},
        "width": width,
        "layer": layer,
    }
    columns = (
        by if not level_labels else text("group", lang),
        f"{_unit_title(unit, lang)} ({text('ci_short', lang)})",
        text("category", lang) + f" ({ref_label}: {ref_text})",
        text("n_short", lang),
    )
    alt = tuple((r["label"], r["value_text"], r["category"] or MISSING, r["n_text"]) for r in rows)
    return Chart(spec, TextAlternative(columns, alt, summary))


# -- (d) choropleth of wijken -------------------------------------------------------------------------


def _first_xy(geometry: Mapping[str, Any]) -> tuple[float, float] | None:
    coords: Any = geometry.get("coordinates")
    while isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (list, tuple)):
        coords = coords[0]
    if isinstance(coords, (list, tuple)) and len(coords) >= 2:
        return float(coords[0]), float(coords[1])
    return None


def projection_for(features: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """``mercator`` for WGS84 longitude/latitude; ``identity`` with ``reflectY`` for RD New metres.

    RD (EPSG:28992) coordinates are metres (x ≈ 0–300 000, y ≈ 300 000–625 000), already a flat projection:
    drawn as they are, with y flipped because screen y runs down.
    """
    for f in features:
        xy = _first_xy(f.get("geometry") or {})
        if xy is not None:
            if abs(xy[0]) > 180 or abs(xy[1]) > 90:
                return {"type": "identity", "reflectY": True}
            return {"type": "mercator"}
    return {"type": "mercator"}


def _ring_area(ring: Sequence[Sequence[float]]) -> float:
    """Signed shoelace area: positive for a counter-clockwise ring (x right, y up)."""
    return sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1)) / 2


def _rewind_polygon(rings: Sequence[Any]) -> list[Any]:
    out = []
    for k, ring in enumerate(rings):
        clockwise = _ring_area(ring) < 0
        want_clockwise = k == 0  # exterior clockwise, holes counter-clockwise
        points = [list(p) for p in ring]
        out.append(points if clockwise == want_clockwise else points[::-1])
    return out


def rewind_for_d3(geometry: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """Polygons wound as d3-geo's spherical projections expect (exterior rings clockwise).

    GeoJSON (RFC 7946) winds exterior rings counter-clockwise; d3-geo reads such a ring as "everything but
    this polygon" and would paint the whole map. Planar (RD, ``identity``) drawing does not care, but
    rewinding is harmless there.
    """
    if geometry is None:
        return None
    if geometry.get("type") == "Polygon":
        return {"type": "Polygon", "coordinates": _rewind_polygon(geometry["coordinates"])}
    if geometry.get("type") == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [_rewind_polygon(p) for p in geometry["coordinates"]]}
    return geometry


#: A wijk's margin is "wide" above ± 5 points (percentages) or ± 10 % of the figure (means).
UNCERTAIN_HALF_WIDTH = {"percentage": 0.05, "mean": 0.10}


def uncertain(row: Mapping[str, Any], unit: Unit) -> bool:
    """True when the 95% interval of a published figure is wide (see :data:`UNCERTAIN_HALF_WIDTH`)."""
    low, high, estimate = row.get("ci_low"), row.get("ci_high"), row.get("estimate")
    if low is None or high is None or estimate is None:
        return False
    half = (float(high) - float(low)) / 2
    if unit == "percentage":
        return half > UNCERTAIN_HALF_WIDTH["percentage"]
    return half > UNCERTAIN_HALF_WIDTH["mean"] * abs(float(estimate))


def map_chart(
    areas: Mapping[str, Any],
    table: pl.DataFrame,
    *,
    area_column: str = "wijk",
    key: str = "wijkcode",
    name_property: str = "wijknaam",
    colour_by: ColourBy = "category",
    instrument: Instrument | None = None,
    labels: Mapping[str, str] | None = None,
    unit: Unit | None = None,
    lang: str = "nl",
    title: str | None = None,
    subtitle: str | None = None,
    decimals: int = 1,
    width: int = 480,
    height: int = 420,
) -> Chart:
    """A choropleth of wijken from a GeoJSON FeatureCollection (CBS/PDOK wijk- en buurtkaart properties).

    ``table`` holds one variable with one row per wijk (``area_column`` = the wijk code, matched to the
    features' ``key`` property). ``colour_by="category"`` colours each wijk "hoger / geen verschil / lager"
    than the municipal average (needs the comparison columns of ``kansrijk.analysis.compare``);
    ``colour_by="value"`` uses a sequential blue scale and shows the uncertainty too: a wijk with a wide
    interval (:func:`uncertain`) is pale with a dotted outline, and a line under the title says what pale
    means. Suppressed wijken are grey with a dashed outline and "onderdrukt" in the legend; wijken without a
    row are white ("geen gegevens").
    """
    if areas.get("type") != "FeatureCollection" or not isinstance(areas.get("features"), list):
        raise ReportingError(
            "areas", "is not a GeoJSON FeatureCollection", "pass the wijken from kansrijk.geo"
        )
    _require(table, ("variable", "estimate", "ci_low", "ci_high", area_column))
    variable = _single_variable(table, "table")
    unit = resolve_unit(table, instrument, unit)
    label = variable_label(variable, lang, instrument, labels)
    by_code = {str(r[area_column]): r for r in table.to_dicts()}
    if colour_by == "category" and not ({"direction", "significant"} & set(table.columns)):
        raise ReportingError(
            "table",
            "has no comparison with the municipal average (columns direction or significant)",
            "compare the wijk table with the municipality's figure (kansrijk.analysis.compare) or use "
            "colour_by='value'",
        )
    features: list[dict[str, Any]] = []
    alt: list[tuple[str, ...]] = []
    shown: list[dict[str, Any]] = []
    counts = dict.fromkeys(("higher", "lower", "no_difference", "suppressed", "no_data"), 0)
    for i, feature in enumerate(areas["features"]):
        props = dict(feature.get("properties") or {})
        code = props.get(key)
        if code is None:
            raise ReportingError(f"feature {i}", f"has no property {key!r}", "pass wijken with a wijkcode")
        row = by_code.get(str(code))
        cell = _cell(row or {"estimate": None}, unit, decimals, lang)
        category: Category = (
            cell.category or "no_difference"
            if cell.estimate is not None
            else ("no_data" if row is None or cell.suppressed == "no_data" else "suppressed")
        )
        counts[category] += 1
        name = str(props.get(name_property) or code)
        extra: dict[str, Any] = {
            "name": name,
            "estimate": cell.estimate,
            "estimate_text": cell.estimate_text,
            "ci_text": cell.ci_text,
            "n_text": cell.n_text if row is not None else MISSING,
            "category": category,
            "category_label": text("suppressed", lang)
            if category == "suppressed"
            else _category_label(category, lang),
            "note": _gap_text(cell, lang) or "",
            "uncertain": row is not None and cell.estimate is not None and uncertain(row, unit),
        }
        props["kansrijk"] = extra
        features.append(
            {"type": "Feature", "geometry": rewind_for_d3(feature.get("geometry")), "properties": props}
        )
        alt.append(
            (
                name,
                cell.value_text,
                extra["category_label"] if colour_by == "category" or cell.estimate is None else "",
                extra["n_text"],
            )
        )
        if cell.estimate is not None:
            shown.append({"label": name, "estimate": cell.estimate, "estimate_text": cell.estimate_text})
    if colour_by == "category":
        summary = text(
            "chart_map",
            lang,
            count=len(features),
            higher=counts["higher"],
            lower=counts["lower"],
            same=counts["no_difference"],
            suppressed=counts["suppressed"],
        )
    else:
        summary = _summary_extremes(shown, lang, "chart_map_value", count=len(features))
        pale = sum(1 for f in features if f["properties"]["kansrijk"]["uncertain"])
        if pale:
            summary += " " + text("chart_map_uncertain", lang, count=pale)
            subtitle = " ".join(x for x in (subtitle, text("map_uncertain_note", lang)) if x)
    tooltip = [
        {"field": "properties.kansrijk.name", "type": "nominal", "title": text("area", lang)},
        {"field": "properties.kansrijk.estimate_text", "type": "nominal", "title": _unit_title(unit, lang)},
        {"field": "properties.kansrijk.ci_text", "type": "nominal", "title": text("ci", lang)},
        {"field": "properties.kansrijk.category_label", "type": "nominal", "title": text("category", lang)},
        {"field": "properties.kansrijk.note", "type": "nominal", "title": ""},
        {"field": "properties.kansrijk.n_text", "type": "nominal", "title": text("n", lang)},
    ]
    outline: dict[str, Any] = {"stroke": "#ffffff", "strokeWidth": 1}
    grey_layer = {
        "transform": [{"filter": "datum.properties.kansrijk.estimate == null"}],
        "mark": {"type": "geoshape", "stroke": "#6b6b6b", "strokeDash": [3, 2], "strokeWidth": 1},
        "encoding": {
            "fill": {
                "field": "properties.kansrijk.category_label",
                "type": "nominal",
                "title": None,
                "scale": {
                    "domain": [text("suppressed", lang), text("no_data", lang)],
                    "range": [SUPPRESSED_COLOUR, NO_DATA_COLOUR],
                },
                "legend": {
                    "orient": "bottom-left" if colour_by == "value" else "right",
                    "symbolStrokeColor": "#6b6b6b",
                    "symbolType": "square",
                },
            },
            "tooltip": tooltip,
        },
    }
    value_layer: dict[str, Any]
    if colour_by == "category":
        value_layer = {
            "transform": [{"filter": "datum.properties.kansrijk.estimate != null"}],
            "mark": {"type": "geoshape", **outline},
            "encoding": {
                "color": {
                    "field": "properties.kansrijk.category_label",
                    "type": "nominal",
                    "title": text("category", lang),
                    "scale": {
                        "domain": [text("higher", lang), text("no_difference", lang), text("lower", lang)],
                        "range": [HIGHER_COLOUR, SAME_COLOUR, LOWER_COLOUR],
                    },
                    "legend": {"symbolType": "square", "symbolStrokeColor": "#6b6b6b"},
                },
                "tooltip": tooltip,
            },
        }
    else:
        value_layer = {
            "transform": [{"filter": "datum.properties.kansrijk.estimate != null"}],
            "mark": {"type": "geoshape", **outline},
            "encoding": {
                "color": {
                    "field": "properties.kansrijk.estimate",
                    "type": "quantitative",
                    "title": _unit_title(unit, lang),
                    "scale": {"scheme": "blues", "zero": unit == "percentage"},
                    "legend": {"format": d3_format(unit, 0)},
                },
                # the uncertainty: a wide margin makes the wijk pale and its outline dotted
                "opacity": {
                    "condition": {"test": "datum.properties.kansrijk.uncertain", "value": 0.4},
                    "value": 1,
                },
                "strokeDash": {
                    "condition": {"test": "datum.properties.kansrijk.uncertain", "value": [1, 2]},
                    "value": [1, 0],
                },
                "tooltip": tooltip,
            },
        }
    spec = _base(title or label, subtitle, summary, lang) | {
        "width": width,
        "height": height,
        "data": {"values": features},
        "projection": projection_for(features),
        "layer": [value_layer, grey_layer],
        "resolve": {"legend": {"color": "independent", "fill": "independent"}},
    }
    columns = (
        text("area", lang),
        f"{_unit_title(unit, lang)} ({text('ci_short', lang)})",
        text("category", lang),
        text("n_short", lang),
    )
    return Chart(spec, TextAlternative(columns, tuple(alt), summary))
