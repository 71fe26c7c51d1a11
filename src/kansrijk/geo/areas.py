"""Areas (gemeente → wijk → buurt) with their boundaries, and the questions asked of them.

Plain frozen dataclasses around shapely geometries. :class:`AreaHierarchy` checks that the set is consistent
(unique codes, every buurt in a wijk and every wijk in a gemeente of the set, codes agreeing with parents) so
that code using it can rely on ``parent``/``children`` without guarding every call.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray
from shapely.geometry.base import BaseGeometry

from kansrijk.geo.codes import LEVELS, Level, gemeente_of, wijk_of
from kansrijk.geo.errors import GeoError


@dataclass(frozen=True)
class Area:
    """A gemeente, wijk or buurt; ``parent_code`` None for a gemeente, ``residents`` None when unknown."""

    code: str
    name: str
    level: Level
    geometry: BaseGeometry
    parent_code: str | None = None
    residents: int | None = None

    @property
    def gemeente_code(self) -> str:
        return self.code if self.level == "gemeente" else gemeente_of(self.code)


def dissolve_buurten(buurten: Iterable[Area], wijk_names: dict[str, str] | None = None) -> tuple[Area, ...]:
    """Wijken as the union of their buurten (sorted by code); residents summed when all buurten know theirs.

    Why: CBS publishes buurt boundaries as the finest level; wijk boundaries must be exactly their buurten's
    union, or a pupil could sit in a buurt of one wijk and the polygon of another.
    """
    groups: dict[str, list[Area]] = defaultdict(list)
    for b in buurten:
        if b.level != "buurt":
            raise GeoError(f"{b.code} is a {b.level}, only buurten can be dissolved into wijken")
        groups[b.parent_code or wijk_of(b.code)].append(b)
    names = wijk_names or {}
    out = []
    for code in sorted(groups):
        members = groups[code]
        geometry = shapely.union_all([m.geometry for m in members])
        residents = [m.residents for m in members]
        out.append(
            Area(
                code=code,
                name=names.get(code, code),
                level="wijk",
                geometry=geometry,
                parent_code=gemeente_of(code),
                residents=None
                if any(r is None for r in residents)
                else sum(r for r in residents if r is not None),
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class AreaHierarchy:
    """A consistent set of areas. Build with :meth:`from_areas`, which checks the hierarchy."""

    areas: tuple[Area, ...]

    @classmethod
    def from_areas(cls, areas: Sequence[Area]) -> AreaHierarchy:
        """Check codes are unique and every parent named exists in the set; raise :class:`GeoError` if not."""
        seen: dict[str, int] = {}
        for i, a in enumerate(areas):
            if a.code in seen:
                raise GeoError(
                    f"code {a.code} also used by feature {seen[a.code]}; each area once", index=i, prop="code"
                )
            seen[a.code] = i
        for i, a in enumerate(areas):
            if a.parent_code is not None and a.parent_code not in seen:
                wanted = "wijk" if a.level == "buurt" else "gemeente"
                raise GeoError(
                    f"{a.code} lies in {wanted} {a.parent_code}, which is not in the set; add it "
                    "(wijken can be made from buurten with dissolve_buurten)",
                    index=i,
                    prop=f"{wanted}code",
                )
        return cls(tuple(areas))

    def _level(self, level: Level) -> tuple[Area, ...]:
        return tuple(sorted((a for a in self.areas if a.level == level), key=lambda a: a.code))

    @property
    def gemeenten(self) -> tuple[Area, ...]:
        return self._level("gemeente")

    @property
    def wijken(self) -> tuple[Area, ...]:
        return self._level("wijk")

    @property
    def buurten(self) -> tuple[Area, ...]:
        return self._level("buurt")

    @cached_property
    def _by_code(self) -> dict[str, Area]:
        return {a.code: a for a in self.areas}

    def __getitem__(self, code: str) -> Area:
        try:
            return self._by_code[code]
        except KeyError:
            raise GeoError(f"no area with code {code!r}") from None

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def parent(self, code: str) -> Area | None:
        p = self[code].parent_code
        return None if p is None else self._by_code[p]

    def children(self, code: str) -> tuple[Area, ...]:
        return tuple(sorted((a for a in self.areas if a.parent_code == code), key=lambda a: a.code))

    @cached_property
    def _trees(self) -> dict[Level, tuple[shapely.STRtree, tuple[Area, ...]]]:
        out: dict[Level, tuple[shapely.STRtree, tuple[Area, ...]]] = {}
        for level in LEVELS:
            items = self._level(level)
            out[level] = (shapely.STRtree([a.geometry for a in items]), items)
        return out

    def locate(self, x: float, y: float, level: Level = "buurt") -> Area | None:
        """The area of ``level`` containing point (x, y) in the areas' CRS; None when outside all of them."""
        codes = self.locate_many([x], [y], level)
        return None if codes[0] is None else self._by_code[codes[0]]

    def locate_many(self, xs: ArrayLike, ys: ArrayLike, level: Level = "buurt") -> NDArray[np.object_]:
        """Area codes for many points (None outside); a point on a shared edge goes to the lower code."""
        tree, items = self._trees[level]
        points = shapely.points(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))
        out = np.full(len(points), None, dtype=object)
        point_idx, area_idx = tree.query(points, predicate="intersects")
        # areas are sorted by code, so the first hit per point (sort by point, then area) is the lowest code
        order = np.lexsort((area_idx, point_idx))
        point_idx, area_idx = point_idx[order], area_idx[order]
        first = np.unique(point_idx, return_index=True)[1]
        for p, a in zip(point_idx[first], area_idx[first], strict=True):
            out[p] = items[a].code
        return out
