"""Hierarchy checks, point-in-area and dissolving buurten into wijken."""

from __future__ import annotations

import numpy as np
import pytest
from shapely.geometry import box

from kansrijk.geo import Area, AreaHierarchy, GeoError, dissolve_buurten, is_code, level_of


def _buurten() -> list[Area]:
    # 2 wijken: WK999901 = two unit squares side by side, WK999902 = one square on top
    return [
        Area("BU99990101", "A", "buurt", box(0, 0, 1, 1), "WK999901", 100),
        Area("BU99990102", "B", "buurt", box(1, 0, 2, 1), "WK999901", 200),
        Area("BU99990201", "C", "buurt", box(0, 1, 2, 2), "WK999902", 50),
    ]


def _hierarchy() -> AreaHierarchy:
    buurten = _buurten()
    wijken = dissolve_buurten(buurten, {"WK999901": "Noord"})
    gemeente = Area("GM9999", "Voorbeeld", "gemeente", box(0, 0, 2, 2))
    return AreaHierarchy.from_areas([gemeente, *wijken, *buurten])


def test_codes() -> None:
    assert is_code("BU99990101", "buurt")
    assert not is_code("BU9999010", "buurt")
    assert level_of("WK999901") == "wijk"
    assert level_of("GM99") is None
    assert level_of("XX999901") is None


def test_dissolve_unions_geometry_and_sums_residents() -> None:
    w1, w2 = dissolve_buurten(_buurten(), {"WK999901": "Noord"})
    assert (w1.code, w1.name, w1.residents, w1.parent_code) == ("WK999901", "Noord", 300, "GM9999")
    assert w1.geometry.equals(box(0, 0, 2, 1))
    assert (w2.code, w2.name, w2.residents) == ("WK999902", "WK999902", 50)


def test_dissolve_unknown_residents_stays_unknown() -> None:
    b = _buurten()
    b[0] = Area("BU99990101", "A", "buurt", box(0, 0, 1, 1), "WK999901", None)
    assert dissolve_buurten(b)[0].residents is None


def test_hierarchy_navigation() -> None:
    h = _hierarchy()
    assert [a.code for a in h.wijken] == ["WK999901", "WK999902"]
    assert [a.code for a in h.children("WK999901")] == ["BU99990101", "BU99990102"]
    parent = h.parent("BU99990201")
    assert parent is not None
    assert parent.code == "WK999902"
    assert h.parent("GM9999") is None
    assert "BU99990102" in h
    with pytest.raises(GeoError, match="no area"):
        h["BU00000000"]


def test_hierarchy_refuses_missing_parent_and_duplicates() -> None:
    with pytest.raises(GeoError, match="WK999901, which is not in the set") as info:
        AreaHierarchy.from_areas(_buurten())
    assert info.value.index == 0
    with pytest.raises(GeoError, match="each area once") as info:
        AreaHierarchy.from_areas([*_buurten(), _buurten()[1]])
    assert info.value.index == 3


def test_point_in_area() -> None:
    h = _hierarchy()
    hit = h.locate(1.5, 0.5)
    assert hit is not None
    assert hit.code == "BU99990102"
    wijk = h.locate(0.2, 1.7, level="wijk")
    assert wijk is not None
    assert wijk.code == "WK999902"
    assert h.locate(5, 5) is None
    codes = h.locate_many(np.array([0.5, 1.0, 3.0]), np.array([0.5, 0.5, 3.0]))
    # (1.0, 0.5) lies on the edge of A and B: the lower code wins
    assert list(codes) == ["BU99990101", "BU99990101", None]
