"""Read and write area boundaries as GeoJSON in the shape of the CBS/PDOK wijk- en buurtkaart.

PDOK's ``wijkenbuurten`` service names the properties ``gemeentecode``, ``gemeentenaam``, ``wijkcode``,
``wijknaam``, ``buurtcode``, ``buurtnaam``, ``aantal_inwoners``; the older CBS shapefile exports use
``GM_CODE``/``WK_CODE``/``BU_CODE``/``*_NAAM``/``AANT_INW`` and the CBS *gebiedsindelingen* use
``statcode`` and ``statnaam``. All are accepted (case-insensitively); files are written in the PDOK
spelling. CBS marks secret resident counts with a large negative number; those are read as unknown.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape
from shapely.validation import explain_validity

from kansrijk.geo.areas import Area, AreaHierarchy
from kansrijk.geo.codes import Level, gemeente_of, is_code, level_of, wijk_of
from kansrijk.geo.errors import GeoError

WGS84 = "EPSG:4326"
RD_NEW = "EPSG:28992"

_ALIASES: dict[str, tuple[str, ...]] = {
    "gemeentecode": ("gemeentecode", "gm_code"),
    "gemeentenaam": ("gemeentenaam", "gm_naam"),
    "wijkcode": ("wijkcode", "wk_code"),
    "wijknaam": ("wijknaam", "wk_naam"),
    "buurtcode": ("buurtcode", "bu_code"),
    "buurtnaam": ("buurtnaam", "bu_naam"),
    "aantal_inwoners": ("aantal_inwoners", "aant_inw"),
}


@dataclass(frozen=True)
class AreaFile:
    """Areas read from one file, with the file's CRS (``EPSG:4326`` when the file names none)."""

    areas: tuple[Area, ...]
    crs: str = WGS84

    def hierarchy(self) -> AreaHierarchy:
        return AreaHierarchy.from_areas(self.areas)


def _normalise(props: Mapping[str, Any]) -> dict[str, Any]:
    lower = {str(k).lower(): v for k, v in props.items()}
    out: dict[str, Any] = {}
    for canonical, aliases in _ALIASES.items():
        for alias in aliases:
            if lower.get(alias) not in (None, ""):
                out[canonical] = lower[alias]
                break
    code = lower.get("statcode")
    if isinstance(code, str) and (level := level_of(code.strip())) is not None:
        prefix = {"gemeente": "gemeente", "wijk": "wijk", "buurt": "buurt"}[level]
        out.setdefault(f"{prefix}code", code.strip())
        if lower.get("statnaam"):
            out.setdefault(f"{prefix}naam", lower["statnaam"])
    return out


def _crs_of(data: Mapping[str, Any]) -> str:
    crs = data.get("crs")
    if not crs:
        return WGS84
    name = str(crs.get("properties", {}).get("name", "")) if isinstance(crs, Mapping) else str(crs)
    # "urn:ogc:def:crs:EPSG::28992", "EPSG:28992", "urn:ogc:def:crs:OGC:1.3:CRS84"
    if name.endswith("CRS84"):
        return WGS84
    digits = name.rsplit(":", 1)[-1]
    return f"EPSG:{digits}" if digits.isdigit() else name


def _code(props: dict[str, Any], key: str, level: Level, index: int) -> str:
    value = props[key]
    if not isinstance(value, str) or not is_code(value.strip(), level):
        example = {"gemeente": "GM0935", "wijk": "WK093501", "buurt": "BU09350101"}[level]
        raise GeoError(f"{value!r} is not a {level} code like {example}", index=index, prop=key)
    return value.strip()


def _residents(value: Any, index: int) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(float(value))
    except (TypeError, ValueError):
        raise GeoError(f"{value!r} is not a number", index=index, prop="aantal_inwoners") from None
    return None if number < 0 else number


def area_from_feature(feature: Mapping[str, Any], index: int) -> Area:
    """One Feature → :class:`Area`: the finest code present decides the level; codes must agree."""
    if not isinstance(feature, Mapping) or feature.get("type") != "Feature":
        raise GeoError("is not a GeoJSON Feature", index=index)
    props = _normalise(feature.get("properties") or {})
    if "buurtcode" in props:
        level: Level = "buurt"
        code = _code(props, "buurtcode", "buurt", index)
        parent: str | None = wijk_of(code)
        name = props.get("buurtnaam")
    elif "wijkcode" in props:
        level = "wijk"
        code = _code(props, "wijkcode", "wijk", index)
        parent = gemeente_of(code)
        name = props.get("wijknaam")
    elif "gemeentecode" in props:
        level = "gemeente"
        code = _code(props, "gemeentecode", "gemeente", index)
        parent = None
        name = props.get("gemeentenaam")
    else:
        raise GeoError("has no buurtcode, wijkcode, gemeentecode or statcode", index=index, prop="buurtcode")
    if level == "buurt" and "wijkcode" in props and _code(props, "wijkcode", "wijk", index) != parent:
        raise GeoError(f"buurt {code} cannot lie in wijk {props['wijkcode']}", index=index, prop="wijkcode")
    if level != "gemeente" and "gemeentecode" in props:
        gm = _code(props, "gemeentecode", "gemeente", index)
        if gm != gemeente_of(code):
            raise GeoError(f"{level} {code} cannot lie in gemeente {gm}", index=index, prop="gemeentecode")
    if not name:
        raise GeoError(f"{level} {code} has no name", index=index, prop=f"{level}naam")
    raw_geometry = feature.get("geometry")
    if not raw_geometry:
        raise GeoError(f"{code} has no geometry", index=index, prop="geometry")
    try:
        geometry = shape(raw_geometry)
    except (KeyError, ValueError, TypeError, AttributeError, shapely.errors.GEOSException) as exc:
        raise GeoError(f"{code}: unreadable geometry ({exc})", index=index, prop="geometry") from None
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        raise GeoError(
            f"{code} is a {geometry.geom_type}, expected a (Multi)Polygon", index=index, prop="geometry"
        )
    if not geometry.is_valid:
        raise GeoError(
            f"{code} has an invalid boundary ({explain_validity(geometry)}); repair it, e.g. with "
            "shapely.make_valid or QGIS 'Fix geometries'",
            index=index,
            prop="geometry",
        )
    return Area(
        code=code,
        name=str(name),
        level=level,
        geometry=geometry,
        parent_code=parent,
        residents=_residents(props.get("aantal_inwoners"), index),
    )


def areas_from_geojson(data: Mapping[str, Any]) -> AreaFile:
    """Parse a loaded FeatureCollection into areas; raise :class:`GeoError` at the first fault."""
    if not isinstance(data, Mapping) or data.get("type") != "FeatureCollection":
        raise GeoError("the file is not a GeoJSON FeatureCollection")
    features = data.get("features")
    if not isinstance(features, list):
        raise GeoError("the FeatureCollection has no 'features' list")
    return AreaFile(tuple(area_from_feature(f, i) for i, f in enumerate(features)), _crs_of(data))


def read_areas(path: str | os.PathLike[str]) -> AreaFile:
    """Read a GeoJSON file of areas (PDOK/CBS property spellings)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise GeoError(f"cannot read {path} as JSON: {exc}") from None
    return areas_from_geojson(data)


def area_properties(area: Area, names: Mapping[str, str]) -> dict[str, Any]:
    """PDOK-style properties of one area; ``names`` maps codes of its parents to their names."""
    props: dict[str, Any] = {
        "gemeentecode": area.gemeente_code,
        "gemeentenaam": names.get(area.gemeente_code),
    }
    if area.level == "gemeente":
        props["gemeentenaam"] = area.name
    if area.level in ("wijk", "buurt"):
        wk = area.code if area.level == "wijk" else wijk_of(area.code)
        props["wijkcode"] = wk
        props["wijknaam"] = area.name if area.level == "wijk" else names.get(wk)
    if area.level == "buurt":
        props["buurtcode"] = area.code
        props["buurtnaam"] = area.name
    props["aantal_inwoners"] = area.residents
    return props


def areas_to_geojson(
    areas: Sequence[Area], crs: str = WGS84, extra: Mapping[str, Mapping[str, Any]] | None = None
) -> dict[str, Any]:
    """A FeatureCollection in PDOK spelling, with a ``crs`` member; ``extra`` adds properties per code."""
    names = {a.code: a.name for a in areas}
    features = []
    for a in areas:
        props = area_properties(a, names)
        props.update((extra or {}).get(a.code, {}))
        features.append({"type": "Feature", "properties": props, "geometry": mapping(a.geometry)})
    return {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": f"urn:ogc:def:crs:{crs.replace(':', '::')}"}},
        "features": features,
    }


def write_areas(
    path: str | os.PathLike[str],
    areas: Sequence[Area],
    crs: str = WGS84,
    extra: Mapping[str, Mapping[str, Any]] | None = None,
) -> None:
    """Write areas as GeoJSON; deterministic bytes (no timestamps, fixed key order)."""
    text = json.dumps(areas_to_geojson(areas, crs, extra), ensure_ascii=False, separators=(",", ":"))
    Path(path).write_text(text + "\n", encoding="utf-8")
