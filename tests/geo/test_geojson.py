"""Reading and writing PDOK/CBS-shaped GeoJSON, and the errors that name feature and property."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import box

from kansrijk.geo import GeoError, areas_from_geojson, read_areas, write_areas


def _square(x: float, y: float, size: float = 1.0) -> dict[str, Any]:
    return {
        "type": "Polygon",
        "coordinates": [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
    }


def _pdok() -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "gemeentecode": "GM0935",
                    "gemeentenaam": "Maastricht",
                    "wijkcode": "WK093501",
                    "buurtcode": "BU09350101",
                    "buurtnaam": "Binnenstad",
                    "aantal_inwoners": 3900,
                },
                "geometry": _square(0, 0),
            },
            {
                "type": "Feature",
                "properties": {
                    "gemeentecode": "GM0935",
                    "wijkcode": "WK093501",
                    "buurtcode": "BU09350102",
                    "buurtnaam": "Jekerkwartier",
                    "aantal_inwoners": -99999999,
                },
                "geometry": _square(1, 0),
            },
        ],
    }


def test_reads_pdok_properties_and_derives_parents() -> None:
    f = areas_from_geojson(_pdok())
    assert f.crs == "EPSG:4326"
    a, b = f.areas
    assert (a.code, a.name, a.level, a.parent_code, a.residents) == (
        "BU09350101",
        "Binnenstad",
        "buurt",
        "WK093501",
        3900,
    )
    assert b.residents is None  # CBS secrecy marker
    assert a.geometry.area == pytest.approx(1.0)


def test_reads_cbs_upper_case_and_statcode_variants() -> None:
    data = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
        "features": [
            {
                "type": "Feature",
                "properties": {"WK_CODE": "WK093501", "WK_NAAM": "Centrum", "AANT_INW": 12000},
                "geometry": _square(0, 0),
            },
            {
                "type": "Feature",
                "properties": {"statcode": "GM0935", "statnaam": "Maastricht"},
                "geometry": _square(0, 0, 5),
            },
        ],
    }
    f = areas_from_geojson(data)
    assert f.crs == "EPSG:28992"
    assert [(a.code, a.level, a.name, a.residents) for a in f.areas] == [
        ("WK093501", "wijk", "Centrum", 12000),
        ("GM0935", "gemeente", "Maastricht", None),
    ]


@pytest.mark.parametrize(
    ("path", "value", "index", "prop", "match"),
    [
        (("properties", "buurtcode"), "BU0935011", 0, "buurtcode", "not a buurt code"),
        (("properties", "wijkcode"), "WK093502", 0, "wijkcode", "cannot lie in wijk"),
        (("properties", "gemeentecode"), "GM0936", 0, "gemeentecode", "cannot lie in gemeente"),
        (("properties", "buurtnaam"), "", 0, "buurtnaam", "no name"),
        (("properties", "aantal_inwoners"), "veel", 0, "aantal_inwoners", "not a number"),
        (("geometry",), None, 0, "geometry", "no geometry"),
        (("geometry",), {"type": "Point", "coordinates": [0, 0]}, 0, "geometry", "Point"),
        (
            ("geometry",),
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},
            0,
            "geometry",
            "Self-intersection",
        ),
    ],
)
def test_errors_name_feature_and_property(
    path: tuple[str, ...], value: Any, index: int, prop: str, match: str
) -> None:
    data = copy.deepcopy(_pdok())
    target = data["features"][index]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(GeoError, match=match) as info:
        areas_from_geojson(data)
    assert (info.value.index, info.value.prop) == (index, prop)
    assert f"feature {index}" in str(info.value)


def test_not_a_feature_collection() -> None:
    with pytest.raises(GeoError, match="FeatureCollection"):
        areas_from_geojson({"type": "Feature"})


def test_write_then_read_round_trip_and_bytes_stable(tmp_path: Path) -> None:
    areas = areas_from_geojson(_pdok()).areas
    write_areas(tmp_path / "a.geojson", areas, extra={"BU09350101": {"pc4": "6211"}})
    write_areas(tmp_path / "b.geojson", areas, extra={"BU09350101": {"pc4": "6211"}})
    assert (tmp_path / "a.geojson").read_bytes() == (tmp_path / "b.geojson").read_bytes()
    raw = json.loads((tmp_path / "a.geojson").read_text())
    assert raw["crs"]["properties"]["name"] == "urn:ogc:def:crs:EPSG::4326"
    props = raw["features"][0]["properties"]
    assert props["buurtcode"] == "BU09350101"
    assert props["wijkcode"] == "WK093501"
    assert props["gemeentecode"] == "GM0935"
    assert props["pc4"] == "6211"
    back = read_areas(tmp_path / "a.geojson").areas
    assert [(a.code, a.residents) for a in back] == [("BU09350101", 3900), ("BU09350102", None)]
    assert back[0].geometry.equals(box(0, 0, 1, 1))
