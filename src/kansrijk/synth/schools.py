"""Secondary-school locations, their classes in the target grades, and where their pupils live.

Schools sit in a buurt; each draws pupils from buurten in proportions that fall off with distance and differ
per school (a catchment), plus a share from outside the municipality (wijk ``buiten``) that is larger for
schools with a regional function (vwo, praktijkonderwijs). Class sizes follow Dutch practice (about 26, about
14 in praktijkonderwijs). Enrolment (DUO counts) is school × grade × gender {m, v}.
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass

import numpy as np
import polars as pl
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from kansrijk.synth.geography import Geography
from kansrijk.synth.names import SCHOOL_STEMS
from kansrijk.synth.rng import rng_for

#: Level mixes of Dutch secondary schools and how often they occur.
LEVEL_MIXES: tuple[tuple[str, str, float], ...] = (
    # niveaus, schooltype (the main type used as reporting domain), relative frequency
    ("vmbo", "vmbo", 0.22),
    ("vmbo+havo", "vmbo", 0.12),
    ("vmbo+havo+vwo", "havo", 0.26),
    ("havo+vwo", "havo", 0.22),
    ("vwo", "vwo", 0.10),
    ("praktijkonderwijs", "pro", 0.08),
)
#: School types in the order the first schools get them, so even a small set has every type.
_FIRST_MIXES = (2, 0, 3, 5, 4, 1, 2, 3, 0, 2, 1, 3)
DEFAULT_GRADES: tuple[int, ...] = (2, 4)
PUPILS_PER_SCHOOL = 500


@dataclass(frozen=True)
class SchoolSet:
    """Schools (one row per location) and the per-school home-buurt distribution.

    ``schools`` columns: school_id, brin, vestiging, naam, niveaus, schooltype, buurtcode, lon, lat, size,
    outside_share. ``catchment`` is an (n_schools × n_buurten) matrix of probabilities over
    ``buurt_codes`` for pupils who live inside the municipality.
    """

    schools: pl.DataFrame
    buurt_codes: tuple[str, ...]
    catchment: np.ndarray
    grades: tuple[int, ...]

    @property
    def n(self) -> int:
        return self.schools.height


def _brin(i: int) -> str:
    letters = string.ascii_uppercase
    block, rest = divmod(i, 26 * 26)
    return f"{99 - block:02d}{letters[rest // 26]}{letters[rest % 26]}"


def _random_point(rng: np.random.Generator, polygon: BaseGeometry) -> Point:
    """A uniformly drawn point inside ``polygon`` (rejection sampling on its bounding box)."""
    minx, miny, maxx, maxy = polygon.bounds
    while True:
        p = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if polygon.contains(p):
            return p


def n_schools_for(n_pupils: int) -> int:
    """About 500 enrolled pupils per school in the target grades; never fewer than 12 schools."""
    return max(12, math.ceil(n_pupils / PUPILS_PER_SCHOOL))


def build_schools(
    geo: Geography, n_pupils: int, seed: int, grades: tuple[int, ...] = DEFAULT_GRADES
) -> SchoolSet:
    """Schools for a municipality whose target grades hold about ``n_pupils`` enrolled pupils."""
    rng = rng_for(seed, "schools")
    n = n_schools_for(n_pupils)
    weights = np.array([m[2] for m in LEVEL_MIXES])
    mix_idx = rng.choice(len(LEVEL_MIXES), size=n, p=weights / weights.sum())
    mix_idx[: min(n, len(_FIRST_MIXES))] = _FIRST_MIXES[: min(n, len(_FIRST_MIXES))]
    buurten = geo.buurten
    residents = np.array([b.residents or 0 for b in buurten], dtype=float)
    centroids = np.array([[b.geometry.centroid.x, b.geometry.centroid.y] for b in buurten])
    location = rng.choice(len(buurten), size=n, p=residents / residents.sum())
    is_pro = np.array([LEVEL_MIXES[m][1] == "pro" for m in mix_idx])
    is_vwo = np.array([LEVEL_MIXES[m][1] == "vwo" for m in mix_idx])
    size = rng.lognormal(0, 0.35, size=n) * np.where(is_pro, 0.3, 1.0)
    outside = np.clip(rng.beta(2, 14, size=n) + 0.10 * is_vwo + 0.10 * is_pro, 0.01, 0.45)
    # catchment: residents × distance decay (scale differs per school) × a random taste per buurt
    lon_scale = math.cos(math.radians(float(centroids[:, 1].mean())))
    dx = (centroids[None, :, 0] - centroids[location][:, None, 0]) * lon_scale
    dy = centroids[None, :, 1] - centroids[location][:, None, 1]
    dist = np.hypot(dx, dy) * 111.0  # km
    decay = rng.uniform(1.0, 4.0, size=(n, 1))
    catchment = residents[None, :] * np.exp(-dist / decay) * rng.lognormal(0, 0.3, size=(n, len(buurten)))
    catchment /= catchment.sum(axis=1, keepdims=True)
    stems = [SCHOOL_STEMS[i % len(SCHOOL_STEMS)] for i in range(n)]
    names = [s if i < len(SCHOOL_STEMS) else f"{s} {i // len(SCHOOL_STEMS) + 1}" for i, s in enumerate(stems)]
    point = [_random_point(rng, buurten[j].geometry) for j in location]
    schools = pl.DataFrame(
        {
            "school_id": [_brin(i) + "00" for i in range(n)],
            "brin": [_brin(i) for i in range(n)],
            "vestiging": ["00"] * n,
            "naam": names,
            "niveaus": [LEVEL_MIXES[m][0] for m in mix_idx],
            "schooltype": [LEVEL_MIXES[m][1] for m in mix_idx],
            "buurtcode": [buurten[j].code for j in location],
            "lon": [round(p.x, 6) for p in point],
            "lat": [round(p.y, 6) for p in point],
            "size": size,
            "outside_share": outside,
        }
    )
    return SchoolSet(schools, tuple(b.code for b in buurten), catchment, tuple(grades))


def _class_letters(i: int) -> str:
    letters = string.ascii_uppercase
    return letters[i] if i < 26 else letters[i // 26 - 1] + letters[i % 26]


def build_classes(school_set: SchoolSet, n_pupils: int, seed: int, wave: str) -> pl.DataFrame:
    """Classes of the target grades for one wave: school_id, class_id, grade, size (enrolled pupils).

    Pupils are spread over school × grade in proportion to school size (multinomial, so totals vary a little
    between waves), then over classes of about 26 (14 in praktijkonderwijs).
    """
    rng = rng_for(seed, "classes", wave)
    schools = school_set.schools
    grades = school_set.grades
    size = schools["size"].to_numpy()
    cell_p = np.repeat(size / size.sum(), len(grades)) / len(grades)
    counts = rng.multinomial(n_pupils, cell_p / cell_p.sum())
    is_pro = np.repeat((schools["schooltype"] == "pro").to_numpy(), len(grades))
    target = np.where(is_pro, 14, 26)
    n_classes = np.maximum(1, np.round(counts / target)).astype(int)
    school_ids = np.repeat(schools["school_id"].to_numpy(), len(grades))
    cell_grades = np.tile(np.array(grades), schools.height)
    rows_school: list[str] = []
    rows_class: list[str] = []
    rows_grade: list[int] = []
    rows_size: list[int] = []
    for sid, g, total, k in zip(school_ids, cell_grades, counts, n_classes, strict=True):
        base, extra = divmod(int(total), int(k))
        for c in range(int(k)):
            rows_school.append(str(sid))
            rows_class.append(f"{sid}-{g}{_class_letters(c)}")
            rows_grade.append(int(g))
            rows_size.append(base + (1 if c < extra else 0))
    return pl.DataFrame(
        {"school_id": rows_school, "class_id": rows_class, "grade": rows_grade, "size": rows_size},
        schema={"school_id": pl.String, "class_id": pl.String, "grade": pl.Int64, "size": pl.Int64},
    ).filter(pl.col("size") > 0)
