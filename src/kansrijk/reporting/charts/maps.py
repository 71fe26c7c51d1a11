"""(d) A choropleth of wijken (or municipalities) from GeoJSON: :func:`map_chart` and its geometry helpers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import polars as pl

from kansrijk.reporting.errors import ReportingError
from kansrijk.reporting.formatting import MISSING, Unit, d3_format
from kansrijk.reporting.texts import text

from .base import (
    NO_DATA_COLOUR,
    SUPPRESSED_COLOUR,
    Category,
    Chart,
    TextAlternative,
    category_label,
    cell,
    comparison_scale,
    gap_text,
    nominal,
    quantitative,
    require,
    resolve_unit,
    single_variable,
    spec_base,
    summary_extremes,
    tooltip,
    unit_title,
    value_column,
    variable_label,
    where,
)

if TYPE_CHECKING:
    from kansrijk.instrument import Instrument

ColourBy = Literal["category", "value"]

#: The outline of the grey (suppressed, no data) wijken and of the legend's swatches.
GAP_OUTLINE_COLOUR = "#6b6b6b"

#: A wijk's margin is "wide" above ± 5 points (percentages) or ± 10 % of the figure (means).
UNCERTAIN_HALF_WIDTH = {"percentage": 0.05, "mean": 0.10}


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


def ring_area(ring: Sequence[Sequence[float]]) -> float:
    """Signed shoelace area: positive for a counter-clockwise ring (x right, y up)."""
    return sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1)) / 2


def _rewind_polygon(rings: Sequence[Any]) -> list[Any]:
    out = []
    for k, ring in enumerate(rings):
        clockwise = ring_area(ring) < 0
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
    value_title: str | None = None,
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
    means. ``value_title`` names the value in the colour legend and the tooltip (a count or a rate is no
    "Gemiddelde"); default: the unit. Suppressed wijken are grey with a dashed outline and "onderdrukt" in
    the legend; wijken without a row are white ("geen gegevens").
    """
    if areas.get("type") != "FeatureCollection" or not isinstance(areas.get("features"), list):
        raise ReportingError(
            "areas", "is not a GeoJSON FeatureCollection", "pass the wijken from kansrijk.geo"
        )
    require(table, ("variable", "estimate", "ci_low", "ci_high", area_column))
    variable = single_variable(table, "table")
    unit = resolve_unit(table, instrument, unit)
    label = variable_label(variable, lang, instrument, labels)
    value_title = value_title or unit_title(unit, lang)
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
        figure = cell(row or {"estimate": None}, unit, decimals, lang)
        category: Category = (
            figure.category or "no_difference"
            if figure.estimate is not None
            else ("no_data" if row is None or figure.suppressed == "no_data" else "suppressed")
        )
        counts[category] += 1
        name = str(props.get(name_property) or code)
        extra: dict[str, Any] = {
            "name": name,
            "estimate": figure.estimate,
            "estimate_text": figure.estimate_text,
            "ci_text": figure.ci_text,
            "n_text": figure.n_text if row is not None else MISSING,
            "category": category,
            "category_label": text("suppressed", lang)
            if category == "suppressed"
            else category_label(category, lang),
            "note": gap_text(figure, lang) or "",
            "uncertain": row is not None and figure.estimate is not None and uncertain(row, unit),
        }
        props["kansrijk"] = extra
        features.append(
            {"type": "Feature", "geometry": rewind_for_d3(feature.get("geometry")), "properties": props}
        )
        alt.append(
            (
                name,
                figure.value_text,
                extra["category_label"] if colour_by == "category" or figure.estimate is None else "",
                extra["n_text"],
            )
        )
        if figure.estimate is not None:
            shown.append({"label": name, "estimate": figure.estimate, "estimate_text": figure.estimate_text})
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
        summary = summary_extremes(shown, lang, "chart_map_value", count=len(features))
        pale = sum(1 for f in features if f["properties"]["kansrijk"]["uncertain"])
        if pale:
            summary += " " + text("chart_map_uncertain", lang, count=pale)
            subtitle = " ".join(x for x in (subtitle, text("map_uncertain_note", lang)) if x)
    hover = tooltip(
        [
            ("name", text("area", lang)),
            ("estimate_text", value_title),
            ("ci_text", text("ci", lang)),
            ("category_label", text("category", lang)),
            ("note", ""),
            ("n_text", text("n", lang)),
        ],
        prefix="properties.kansrijk.",
    )
    swatch = {"symbolType": "square", "symbolStrokeColor": GAP_OUTLINE_COLOUR}
    gaps = counts["suppressed"] + counts["no_data"]
    grey_layer = {
        "transform": where("datum.properties.kansrijk.estimate == null"),
        # when every wijk has a value this layer draws nothing, and an empty mark group with a role but no
        # label is an accessibility error (axe svg-img-alt): then it is kept out of the ARIA tree
        "mark": {
            "type": "geoshape",
            "stroke": GAP_OUTLINE_COLOUR,
            "strokeDash": [3, 2],
            "strokeWidth": 1,
            **({} if gaps else {"aria": False}),
        },
        "encoding": {
            "fill": nominal(
                "properties.kansrijk.category_label",
                title=None,
                scale={
                    "domain": [text("suppressed", lang), text("no_data", lang)],
                    "range": [SUPPRESSED_COLOUR, NO_DATA_COLOUR],
                },
                legend={
                    "orient": "bottom-left" if colour_by == "value" else "right",
                    "symbolStrokeColor": GAP_OUTLINE_COLOUR,
                    "symbolType": "square",
                },
            ),
            "tooltip": hover,
        },
    }
    value_layer: dict[str, Any]
    if colour_by == "category":
        colour = nominal(
            "properties.kansrijk.category_label",
            title=text("category", lang),
            scale=comparison_scale(lang),
            legend=swatch,
        )
        uncertainty: dict[str, Any] = {}
    else:
        colour = quantitative(
            "properties.kansrijk.estimate",
            title=value_title,
            scale={"scheme": "blues", "zero": unit == "percentage"},
            legend={"format": d3_format(unit, 0)},
        )
        # the uncertainty: a wide margin makes the wijk pale and its outline dotted
        uncertainty = {
            "opacity": {
                "condition": {"test": "datum.properties.kansrijk.uncertain", "value": 0.4},
                "value": 1,
            },
            "strokeDash": {
                "condition": {"test": "datum.properties.kansrijk.uncertain", "value": [1, 2]},
                "value": [1, 0],
            },
        }
    value_layer = {
        "transform": where("datum.properties.kansrijk.estimate != null"),
        "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 1},
        "encoding": {"color": colour, **uncertainty, "tooltip": hover},
    }
    spec = spec_base(title or label, subtitle, summary, lang) | {
        "width": width,
        "height": height,
        "data": {"values": features},
        "projection": projection_for(features),
        "layer": [value_layer, grey_layer],
        "resolve": {"legend": {"color": "independent", "fill": "independent"}},
    }
    columns = (text("area", lang), value_column(unit, lang), text("category", lang), text("n_short", lang))
    return Chart(spec, TextAlternative(columns, tuple(alt), summary))
