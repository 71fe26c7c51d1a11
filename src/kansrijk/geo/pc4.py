"""PC4 → wijk: how a pupil's four-digit postcode becomes the wijk the survey reports on.

A postcode area can straddle wijk boundaries, so the table holds shares (of addresses or residents) and a
pupil is assigned to the wijk with the largest share. Pupils whose PC4 is not in the table live outside the
municipality: their wijk is ``buiten``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import polars as pl

from kansrijk.geo.codes import OUTSIDE, is_code, is_pc4
from kansrijk.geo.errors import GeoError


@dataclass(frozen=True, slots=True)
class Pc4Wijk:
    pc4: str
    wijk_code: str
    share: float = 1.0


@dataclass(frozen=True)
class Pc4WijkTable:
    """Rows of (pc4, wijk, share); per PC4 the shares add up to 1. Build with :meth:`from_rows`."""

    rows: tuple[Pc4Wijk, ...]

    @classmethod
    def from_rows(cls, rows: Sequence[Pc4Wijk]) -> Pc4WijkTable:
        totals: dict[str, float] = defaultdict(float)
        for i, r in enumerate(rows):
            if not is_pc4(r.pc4):
                raise GeoError(f"{r.pc4!r} is not a four-digit postcode (1000–9999)", index=i, prop="pc4")
            if not is_code(r.wijk_code, "wijk"):
                raise GeoError(f"{r.wijk_code!r} is not a wijk code like WK093501", index=i, prop="wijkcode")
            if not 0 < r.share <= 1:
                raise GeoError(f"share {r.share} must lie in (0, 1]", index=i, prop="share")
            totals[r.pc4] += r.share
        for pc4, total in totals.items():
            if abs(total - 1) > 1e-6:
                raise GeoError(f"shares of PC4 {pc4} add up to {total:g}, not 1", prop="share")
        return cls(tuple(sorted(rows, key=lambda r: (r.pc4, r.wijk_code))))

    @cached_property
    def main_wijk(self) -> dict[str, str]:
        """PC4 → the wijk holding the largest share (ties: the lower wijk code)."""
        best: dict[str, Pc4Wijk] = {}
        for r in self.rows:
            b = best.get(r.pc4)
            if b is None or r.share > b.share:
                best[r.pc4] = r
        return {pc4: r.wijk_code for pc4, r in best.items()}

    def wijk_of(self, pc4: str) -> str:
        """The wijk a pupil with this PC4 is counted in; ``buiten`` for a PC4 outside the municipality."""
        return self.main_wijk.get(pc4, OUTSIDE)

    def assign(self, pc4: pl.Series) -> pl.Series:
        """Vectorised :meth:`wijk_of`; a null PC4 stays null (unknown, not outside)."""
        mapping = self.main_wijk
        return (
            pc4.replace_strict(mapping, default=OUTSIDE, return_dtype=pl.String)
            .alias("wijk")
            .zip_with(pc4.is_not_null(), pl.Series([None] * len(pc4), dtype=pl.String))
        )
