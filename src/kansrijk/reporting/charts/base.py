"""What every chart of the package shares: the spec's frame and config, colours, cells and encodings.

The four builders (:mod:`.estimates`, :mod:`.trend`, :mod:`.reference`, :mod:`.maps`) take their config,
colours, axes, tooltips and the display-safe :class:`Cell` of a result row from here, so a figure, a gap or a
tooltip reads the same in every chart and a colour or font is changed in one place.
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
#: Ink of the interval marks and value labels, and the quieter grey of the "onderdrukt" notes.
INK_COLOUR = "#222222"
NOTE_COLOUR = "#555555"

#: Vega expressions: a row with a published figure, a row with a gap note.
HAS_DATA = "datum.estimate != null"
HAS_GAP = "datum.gap_text != null"

Category = Literal["higher", "lower", "no_difference", "suppressed", "no_data"]


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


# -- the spec's frame ------------------------------------------------------------------------------------


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


def spec_base(title: str | None, subtitle: str | None, summary: str, lang: str) -> dict[str, Any]:
    """``$schema``, the summary as ``description`` (read by screen readers), title and config."""
    spec: dict[str, Any] = {"$schema": VEGA_LITE_SCHEMA, "description": summary}
    if title:
        spec["title"] = {"text": title, **({"subtitle": subtitle} if subtitle else {})}
    spec["config"] = chart_config(lang)
    return spec


# -- reading the result table ---------------------------------------------------------------------------


def require(table: pl.DataFrame, columns: Iterable[str], place: str = "table") -> None:
    """Fail with the place and the fix when ``table`` lacks a column a chart reads."""
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ReportingError(
            place,
            f"column(s) {missing} missing",
            "pass a result table of kansrijk.analysis.estimate (after suppress for publication)",
        )


def as_float(value: Any) -> float | None:
    """A table value as a float, with None and NaN both meaning "no figure"."""
    if value is None:
        return None
    out = float(value)
    return None if math.isnan(out) else out


def single_variable(table: pl.DataFrame, place: str) -> str:
    """The one variable of a table drawn as one indicator (trend, reference, map)."""
    variables = table["variable"].unique().to_list()
    if len(variables) != 1:
        raise ReportingError(
            place, f"holds {len(variables)} variables", "filter the table to one variable for this chart"
        )
    return str(variables[0])


def resolve_unit(table: pl.DataFrame, instrument: Instrument | None = None, unit: Unit | None = None) -> Unit:
    """The unit of a table's figures: given > the instrument's indicators > ``statistic`` > the values.

    Percentage indicators are estimated as the mean of a 0/1 variable, so ``statistic = mean`` alone does not
    tell; without an instrument, a table whose every figure lies in [0, 1] is read as proportions.
    """
    if unit is not None:
        return unit
    variables = table["variable"].unique().to_list() if "variable" in table.columns else []
    if instrument is not None and variables:
        units = {indicator_of(instrument, str(v)).unit for v in variables if indicator_of(instrument, str(v))}
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


def indicator_of(instrument: Instrument, code: str) -> Any:
    """The instrument's indicator ``code``, or None when the variable is no indicator (an item, a count)."""
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
        ind = indicator_of(instrument, variable)
        if ind is not None:
            return str(ind.label.get(lang) or ind.label.get("nl") or variable)
        if instrument.has_item(variable):
            item = instrument.item(variable)
            return str(item.label.get(lang) or item.label.get("nl") or variable)
    return variable


def domain_label(code: str | None, lang: str = "nl") -> str:
    """A leefdomein's name in ``lang`` (the code itself when the vocabulary does not know it)."""
    for term in DOMAINS:
        if term.code == code:
            return term.en if lang == "en" else term.nl
    return code or ""


def domain_order(code: str | None) -> int:
    """A leefdomein's place in the vocabulary, so charts list domains in the same order everywhere."""
    for i, term in enumerate(DOMAINS):
        if term.code == code:
            return i
    return len(DOMAINS)


def level_name(row: Mapping[str, Any], column: str, level_labels: Mapping[str, str] | None) -> str:
    """The name of a row's level of ``column`` (a group, a wijk), through ``level_labels`` if given."""
    value = row.get(column)
    if value is None:
        return ""
    return level_labels.get(str(value), str(value)) if level_labels else str(value)


def _category(row: Mapping[str, Any]) -> Category | None:
    """higher / lower / no_difference from compare()'s ``direction`` or ``significant`` + ``difference``."""
    direction = row.get("direction")
    if direction is not None:
        return {"higher": "higher", "lower": "lower"}.get(str(direction), "no_difference")  # type: ignore[return-value]
    if row.get("significant") is None:
        return None
    if not row["significant"]:
        return "no_difference"
    diff = as_float(row.get("difference"))
    if diff is None:
        return "no_difference"
    return "higher" if diff > 0 else "lower" if diff < 0 else "no_difference"


def category_label(category: Category | None, lang: str) -> str:
    """A comparison category in words ("hoger", "geen verschil", …); empty for no comparison."""
    if category is None:
        return ""
    key = {"no_difference": "no_difference", "no_data": "no_data"}.get(category, category)
    return text(key, lang)


@dataclass(frozen=True)
class Cell:
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

    def figures(self) -> dict[str, float | None]:
        """The numbers a chart draws (all None for a suppressed cell)."""
        return {"estimate": self.estimate, "ci_low": self.ci_low, "ci_high": self.ci_high}

    def texts(self) -> dict[str, str]:
        """The formatted figures tooltips and the text alternative show."""
        return {"estimate_text": self.estimate_text, "ci_text": self.ci_text, "n_text": self.n_text}


def cell(row: Mapping[str, Any], unit: Unit, decimals: int, lang: str) -> Cell:
    """A result row as a :class:`Cell`: a suppressed or empty row keeps its reason and loses its numbers."""
    reason = row.get("suppressed")
    estimate = as_float(row.get("estimate"))
    if reason is None and estimate is None:
        reason = "no_data"
    if reason is not None:
        why = text("no_data", lang) if reason == "no_data" else suppression_reason(str(reason), lang)
        label = text("suppressed", lang) if reason != "no_data" else text("no_data", lang)
        value_text = f"{MISSING} ({label}: {why})" if reason != "no_data" else MISSING
        if reason == NOT_PUBLISHED:  # public outputs: one neutral label, no reason
            value_text = f"{MISSING} ({why})"
        return Cell(
            None,
            None,
            None,
            str(reason),
            MISSING,
            MISSING,
            value_text,
            format_count(as_float(row.get("n")), lang),
            False,
            "no_data" if reason == "no_data" else "suppressed",
        )
    low, high = as_float(row.get("ci_low")), as_float(row.get("ci_high"))
    return Cell(
        estimate,
        low,
        high,
        None,
        format_value(estimate, unit, decimals, lang),
        format_ci(low, high, unit, decimals, lang),
        format_estimate(estimate, low, high, unit, decimals, lang),
        format_count(as_float(row.get("n")), lang),
        row.get("reliability") == "caution",
        _category(row),
    )


def gap_text(cell: Cell, lang: str) -> str | None:
    """What a chart writes where a figure is missing ("onderdrukt (reden)", "geen gegevens"), else None."""
    if cell.suppressed is None:
        return None
    if cell.suppressed == "no_data":
        return text("no_data", lang)
    if cell.suppressed == NOT_PUBLISHED:
        return text("not_published", lang)
    return f"{text('suppressed', lang)} ({suppression_reason(cell.suppressed, lang)})"


# -- encodings, axes, legends ---------------------------------------------------------------------------


def unit_title(unit: Unit, lang: str) -> str:
    """The name of the figures' unit ("Percentage", "Gemiddelde") for axes, legends and tooltips."""
    return text("percentage" if unit == "percentage" else "mean", lang)


def value_column(unit: Unit, lang: str) -> str:
    """The text alternative's column of figures: "Percentage (95%-BI)"."""
    return f"{unit_title(unit, lang)} ({text('ci_short', lang)})"


def quantitative(field: str, **extra: Any) -> dict[str, Any]:
    """A quantitative field definition (``extra`` adds axis, scale, title … after field and type)."""
    return {"field": field, "type": "quantitative", **extra}


def nominal(field: str, **extra: Any) -> dict[str, Any]:
    """A nominal field definition (``extra`` adds title, sort, scale … after field and type)."""
    return {"field": field, "type": "nominal", **extra}


def value_axis(unit: Unit, lang: str, *, grid: bool = True) -> dict[str, Any]:
    """The axis of the figures: d3-format of the unit (whole numbers) and its name, with grid lines."""
    return {"format": d3_format(unit, 0), "title": unit_title(unit, lang), **({"grid": True} if grid else {})}


def percent_domain(values: Iterable[float]) -> dict[str, Any]:
    """A percentage scale from 0 to the top of ``values`` rounded up to 10%: at least 10%, at most 100%."""
    top = max([*values, 0.1])
    return {"domain": [0, min(1.0, math.ceil(top * 10) / 10)]}


def series_scale() -> dict[str, Any]:
    """The colour range of groups and series."""
    return {"range": list(SERIES_COLOURS)}


def comparison_scale(lang: str, same: str = SAME_COLOUR) -> dict[str, Any]:
    """Colours of "hoger / geen verschil / lager" (``same`` for no difference)."""
    return {
        "domain": [text("higher", lang), text("no_difference", lang), text("lower", lang)],
        "range": [HIGHER_COLOUR, same, LOWER_COLOUR],
    }


def label_y() -> dict[str, Any]:
    """The y axis of labelled rows (indicators, wijken), kept in the rows' ``order``."""
    return nominal("label", title=None, sort={"field": "order", "op": "min"})


def tooltip(fields: Sequence[tuple[str, str]], prefix: str = "") -> list[dict[str, Any]]:
    """Tooltip entries of (field, title): every field is a string formatted in Python, so nominal."""
    return [nominal(prefix + f, title=t) for f, t in fields]


def figure_tooltip(unit: Unit, lang: str) -> list[tuple[str, str]]:
    """The (field, title) pairs of a figure and its interval in a tooltip."""
    return [("estimate_text", unit_title(unit, lang)), ("ci_text", text("ci", lang))]


def where(test: str) -> list[dict[str, Any]]:
    """A layer's ``transform`` that keeps the rows where the Vega expression ``test`` holds."""
    return [{"filter": test}]


def gap_layer(y: dict[str, Any], **encoding: Any) -> dict[str, Any]:
    """The italic note ("onderdrukt (reden)") at the start of a row whose figure is not shown."""
    return {
        "mark": {"type": "text", "align": "left", "dx": 2, "fontStyle": "italic", "color": NOTE_COLOUR},
        "transform": where(HAS_GAP),
        "encoding": {
            "y": y,
            "x": {"datum": 0, "type": "quantitative"},
            "text": nominal("gap_text"),
            **encoding,
        },
    }


def summary_extremes(rows: Sequence[Mapping[str, Any]], lang: str, key: str, count: int | None = None) -> str:
    """A summary naming the highest and the lowest figure (and, for estimates, how many are hidden)."""
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
