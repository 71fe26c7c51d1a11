"""Gemeente Voorbeeld's areas: codes, hierarchy, valid and contiguous shapes, PC4 table, determinism."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely

from kansrijk.geo import AreaHierarchy, is_code, read_areas
from kansrijk.synth.dataset import DatasetResult
from kansrijk.synth.geography import build_geography


def test_counts_codes_and_hierarchy() -> None:
    geo = build_geography(7)
    assert geo.gemeente.code == "GM9999"
    assert len(geo.wijken) == 10
    assert len(geo.buurten) == 35
    assert all(is_code(w.code, "wijk") and w.code.startswith("WK9999") for w in geo.wijken)
    assert all(
        is_code(b.code, "buurt") and b.code[2:8] == b.parent_code[2:] for b in geo.buurten if b.parent_code
    )
    h = geo.hierarchy
    assert {len(h.children(w.code)) for w in geo.wijken} <= {3, 4}
    assert sum(b.residents or 0 for b in geo.buurten) == geo.gemeente.residents


def test_shapes_valid_contiguous_and_without_overlap() -> None:
    geo = build_geography(7)
    for area in (geo.gemeente, *geo.wijken, *geo.buurten):
        assert area.geometry.is_valid, area.code
        assert area.geometry.geom_type == "Polygon", area.code  # contiguous: one piece
    total = sum(b.geometry.area for b in geo.buurten)
    assert shapely.union_all([b.geometry for b in geo.buurten]).area == pytest.approx(total, rel=1e-5)
    assert geo.gemeente.geometry.area == pytest.approx(total, rel=1e-5)
    for w in geo.wijken:  # a wijk is exactly the dissolve of its buurten
        union = shapely.union_all([b.geometry for b in geo.hierarchy.children(w.code)])
        assert union.symmetric_difference(w.geometry).area < 1e-9 * w.geometry.area
    lon, lat = geo.gemeente.geometry.centroid.coords[0]
    assert 3.3 < lon < 7.3
    assert 50.7 < lat < 53.6  # WGS84, somewhere in the Netherlands


def test_point_in_buurt_agrees_with_geometry() -> None:
    geo = build_geography(7)
    for b in geo.buurten:
        p = b.geometry.representative_point()
        hit = geo.hierarchy.locate(p.x, p.y)
        assert hit is not None
        assert hit.code == b.code


def test_pc4_table_covers_all_buurten_and_has_a_straddling_pc4() -> None:
    geo = build_geography(7)
    assert set(geo.buurt_pc4) == {b.code for b in geo.buurten}
    per_pc4: dict[str, set[str]] = {}
    for r in geo.pc4_table.rows:
        per_pc4.setdefault(r.pc4, set()).add(r.wijk_code)
    assert any(len(w) > 1 for w in per_pc4.values())
    assert geo.pc4_table.wijk_of("9921") == "buiten"


def test_same_seed_same_geography_other_seed_other() -> None:
    a, b, c = build_geography(3), build_geography(3), build_geography(4)
    assert [x.geometry.wkb for x in a.buurten] == [x.geometry.wkb for x in b.buurten]
    assert [x.geometry.wkb for x in a.buurten] != [x.geometry.wkb for x in c.buurten]


def test_areas_geojson_reads_back_with_kansrijk_geo(demo: DatasetResult, demo_dir: Path) -> None:
    f = read_areas(demo_dir / "areas.geojson")
    assert f.crs == "EPSG:4326"
    h = AreaHierarchy.from_areas(f.areas)
    assert len(h.gemeenten) == 1
    assert len(h.wijken) == 10
    assert len(h.buurten) == 35
    assert '"crs"' in (demo_dir / "areas.geojson").read_text()[:200]
    del demo
