"""The fictional Gemeente Voorbeeld (``GM9999``): wijken, buurten, PC4 areas and their boundaries.

Boundaries are a clipped Voronoi diagram of seeded points, built in a local metric plane (metres) and placed
in WGS84 (EPSG:4326, the CRS of GeoJSON) around :data:`ORIGIN` — a plausible Dutch latitude, fictional
shapes. Wijk cells come first and buurten subdivide them, so every wijk is contiguous and equals the
dissolve of its buurten. Coordinates are snapped to a 1e-6° grid (≈ 0.1 m) with shapely's validity-keeping
``set_precision``, which keeps the written file small and stable.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import shapely
from shapely.geometry import MultiPoint, Point, Polygon
from shapely.geometry.base import BaseGeometry

from kansrijk.geo import Area, AreaHierarchy, Pc4Wijk, Pc4WijkTable, dissolve_buurten
from kansrijk.synth.names import BUURT_STEMS, MUNICIPALITY_CODE, MUNICIPALITY_NAME, WIJK_NAMES
from kansrijk.synth.rng import rng_for

#: (longitude, latitude) of the municipality's centre. Invented; any overlap with a real place is chance.
ORIGIN = (6.05, 52.85)
CRS = "EPSG:4326"
GRID = 1e-6
_M_PER_DEG_LAT = 110_574.0
#: PC4 codes used for pupils who live outside the municipality (their wijk is ``buiten``).
OUTSIDE_PC4: tuple[str, ...] = ("9921", "9922", "9925", "9931", "9934", "9940")


@dataclass(frozen=True)
class Geography:
    """One municipality's areas plus the synthetic facts the generator needs about them.

    ``buurt_pc4`` maps each buurt to its PC4; ``deprivation`` is a standardised poverty score per wijk and
    buurt (higher = poorer), the common cause of poverty context figures and of area effects in answers.
    """

    gemeente: Area
    wijken: tuple[Area, ...]
    buurten: tuple[Area, ...]
    pc4_table: Pc4WijkTable
    buurt_pc4: dict[str, str]
    deprivation: dict[str, float]
    crs: str = CRS

    @cached_property
    def hierarchy(self) -> AreaHierarchy:
        return AreaHierarchy.from_areas([self.gemeente, *self.wijken, *self.buurten])

    @property
    def municipality_code(self) -> str:
        return self.gemeente.code

    @property
    def pc4_codes(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.buurt_pc4.values())))


def _to_wgs84(geom: BaseGeometry) -> BaseGeometry:
    lon0, lat0 = ORIGIN
    m_per_deg_lon = 111_320.0 * np.cos(np.radians(lat0))

    def project(xy: np.ndarray) -> np.ndarray:
        return np.column_stack([lon0 + xy[:, 0] / m_per_deg_lon, lat0 + xy[:, 1] / _M_PER_DEG_LAT])

    return shapely.set_precision(shapely.transform(geom, project), GRID)


def _outline(rng: np.random.Generator, radius: float) -> Polygon:
    """A blob-shaped municipality: a circle with smooth radial noise."""
    angles = np.linspace(0, 2 * np.pi, 48, endpoint=False)
    phase = rng.uniform(0, 2 * np.pi, size=3)
    r = radius * (1 + 0.12 * np.sin(2 * angles + phase[0]) + 0.07 * np.sin(3 * angles + phase[1]))
    r *= 1 + 0.03 * np.sin(7 * angles + phase[2])
    return Polygon(np.column_stack([r * np.cos(angles), r * np.sin(angles)]))


def _spread_points(rng: np.random.Generator, region: BaseGeometry, n: int, min_dist: float) -> list[Point]:
    """``n`` points inside ``region``, at least ``min_dist`` apart (relaxed if the region is too small)."""
    minx, miny, maxx, maxy = region.bounds
    points: list[Point] = []
    dist = min_dist
    tries = 0
    while len(points) < n:
        p = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        tries += 1
        if region.contains(p) and all(p.distance(q) >= dist for q in points):
            points.append(p)
        if tries % 500 == 0:
            dist *= 0.8
    return points


def _voronoi(points: list[Point], clip: BaseGeometry) -> list[BaseGeometry]:
    cells = shapely.voronoi_polygons(MultiPoint(points), extend_to=clip.buffer(1000), ordered=True)
    return [cell.intersection(clip) for cell in cells.geoms]


def build_geography(seed: int, n_wijken: int = 10, n_buurten: int = 35) -> Geography:
    """Gemeente Voorbeeld with ``n_wijken`` wijken and ``n_buurten`` buurten, the same for the same seed."""
    if not 1 <= n_wijken <= len(WIJK_NAMES) or not n_wijken <= n_buurten <= len(BUURT_STEMS):
        raise ValueError(f"choose 1–{len(WIJK_NAMES)} wijken and between that and {len(BUURT_STEMS)} buurten")
    rng = rng_for(seed, "geography")
    outline = _outline(rng, radius=4_500.0)
    wijk_cells = _voronoi(_spread_points(rng, outline, n_wijken, 1_800.0), outline)
    # order wijken from the centre outwards, so WK999901 is the centre ("Centrum")
    wijk_cells.sort(key=lambda c: (round(c.centroid.distance(Point(0, 0))), c.centroid.x))
    per_wijk = np.full(n_wijken, n_buurten // n_wijken)
    per_wijk[rng.permutation(n_wijken)[: n_buurten % n_wijken]] += 1
    # deprivation: two clearly poorer wijken, the rest spread around the mean
    wijk_dep = rng.normal(-0.25, 0.5, size=n_wijken)
    poor = rng.choice(np.arange(1, n_wijken), size=min(2, n_wijken - 1), replace=False)
    wijk_dep[poor] = rng.uniform(1.2, 1.8, size=len(poor))

    buurten: list[Area] = []
    deprivation: dict[str, float] = {}
    stems = list(BUURT_STEMS)
    rng.shuffle(stems)
    for w, cell in enumerate(wijk_cells):
        wijk_code = f"WK{MUNICIPALITY_CODE[2:]}{w + 1:02d}"
        deprivation[wijk_code] = float(wijk_dep[w])
        k = int(per_wijk[w])
        cells = [cell] if k == 1 else _voronoi(_spread_points(rng, cell, k, 600.0), cell)
        cells.sort(key=lambda c: (-round(c.centroid.y, -2), c.centroid.x))
        for b, bcell in enumerate(cells):
            code = f"BU{MUNICIPALITY_CODE[2:]}{w + 1:02d}{b + 1:02d}"
            residents = int(round(rng.lognormal(np.log(2_400), 0.45), -1))
            buurten.append(Area(code, stems.pop(), "buurt", _to_wgs84(bcell), wijk_code, residents))
            deprivation[code] = float(wijk_dep[w] + rng.normal(0, 0.3))
    names = {f"WK{MUNICIPALITY_CODE[2:]}{w + 1:02d}": WIJK_NAMES[w] for w in range(n_wijken)}
    wijken = dissolve_buurten(buurten, names)
    gemeente = Area(
        MUNICIPALITY_CODE,
        MUNICIPALITY_NAME,
        "gemeente",
        shapely.set_precision(shapely.union_all([wk.geometry for wk in wijken]), GRID),
        None,
        sum(b.residents or 0 for b in buurten),
    )
    buurt_pc4, table = _pc4_areas(rng, buurten)
    return Geography(gemeente, wijken, tuple(buurten), table, buurt_pc4, deprivation)


def _pc4_areas(rng: np.random.Generator, buurten: list[Area]) -> tuple[dict[str, str], Pc4WijkTable]:
    """PC4 areas as groups of buurten: wijken of 4+ buurten get two, and one PC4 straddles two wijken.

    The straddling PC4 is deliberate: it is the real-world case the PC4 → wijk table exists for.
    """
    by_wijk: dict[str, list[Area]] = {}
    for b in buurten:
        by_wijk.setdefault(b.parent_code or "", []).append(b)
    groups: list[list[Area]] = []
    for wijk_code in sorted(by_wijk):
        members = by_wijk[wijk_code]
        if len(members) >= 4:
            half = len(members) // 2
            groups.extend([members[:half], members[half:]])
        else:
            groups.append(list(members))
    if len(groups) >= 2:
        # move the last buurt of the first multi-buurt group into the next group (a straddling PC4)
        for i in range(len(groups) - 1):
            if len(groups[i]) >= 2 and groups[i][-1].parent_code != groups[i + 1][0].parent_code:
                groups[i + 1].append(groups[i].pop())
                break
    buurt_pc4: dict[str, str] = {}
    rows: list[Pc4Wijk] = []
    for i, group in enumerate(groups):
        pc4 = f"99{i + 1:02d}"
        total = sum(b.residents or 0 for b in group)
        per_wijk: dict[str, int] = {}
        for b in group:
            buurt_pc4[b.code] = pc4
            per_wijk[b.parent_code or ""] = per_wijk.get(b.parent_code or "", 0) + (b.residents or 0)
        shares = {w: n / total for w, n in per_wijk.items()}
        # round shares to 4 decimals but keep the sum exactly 1
        rounded = {w: round(s, 4) for w, s in shares.items()}
        first = sorted(rounded)[0]
        rounded[first] = round(1 - sum(v for w, v in rounded.items() if w != first), 4)
        rows.extend(Pc4Wijk(pc4, w, s) for w, s in sorted(rounded.items()))
    del rng  # kept in the signature: a later refinement may randomise PC4 grouping
    return buurt_pc4, Pc4WijkTable.from_rows(rows)
