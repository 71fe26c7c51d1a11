"""The weights are unbiased where prevalence depends on grade and one grade of one school did not take part.

200 seeded replicates of a synthetic municipality: 6 schools of two school types, grades 1–4, classes of
about 25 pupils; the chance of the answer rises steeply with grade (and differs by gender and school type),
pupils respond with a chance that falls with grade, and grade 4 of the largest school did not take part.
The municipal figure (the weighted proportion) is compared with the true proportion of the enrolled pupils'
chances. Without weights the same figure is off by several points, so the test can fail.
"""

from __future__ import annotations

import time

import numpy as np
import polars as pl

from kansrijk.analysis.weights import enrolment_weights

SCHOOLS = {
    "A": ("vmbo", 4),
    "B": ("vmbo", 2),
    "C": ("vmbo", 2),
    "D": ("havo", 3),
    "E": ("havo", 2),
    "F": ("havo", 1),
}
PREVALENCE = {1: 0.05, 2: 0.15, 3: 0.32, 4: 0.50}  # by grade
RESPONSE = {1: 0.92, 2: 0.85, 3: 0.78, 4: 0.70}
MISSING = ("A", 4)  # grade 4 of the largest school did not take part
TYPES = {s: t for s, (t, _) in SCHOOLS.items()}


def chance(grade: np.ndarray, girl: np.ndarray, vmbo: np.ndarray) -> np.ndarray:
    base = np.vectorize(PREVALENCE.get)(grade)
    return np.clip(base + 0.04 * girl + 0.06 * vmbo, 0, 1)


def replicate(rng: np.random.Generator) -> tuple[float, float, float]:
    """(truth, weighted estimate, unweighted estimate) for one municipality."""
    rows = []
    enrol = []
    for school, (kind, classes) in SCHOOLS.items():
        for grade in (1, 2, 3, 4):
            for k in range(classes):
                size = int(rng.integers(22, 29))
                girl = rng.random(size) < 0.5
                rows.append((school, f"{school}{grade}{k}", grade, girl, kind == "vmbo"))
                enrol += [(school, grade, "v" if g else "m") for g in girl]
    enrolment = (
        pl.DataFrame(enrol, schema=["school_id", "grade", "gender"], orient="row")
        .group_by("school_id", "grade", "gender")
        .len("N")
    )
    truth_parts, pupils = [], []
    for school, cls, grade, girl, vmbo in rows:
        p = chance(np.full(girl.size, grade), girl, np.full(girl.size, vmbo))
        truth_parts.append(p)
        if (school, grade) == MISSING:
            continue
        answered = rng.random(girl.size) < RESPONSE[grade]
        y = rng.random(girl.size) < p
        gender = np.where(girl, "v", "m").astype(object)
        gender[rng.random(girl.size) < 0.03] = "x"
        for g, yy in zip(gender[answered], y[answered], strict=True):
            pupils.append((school, cls, grade, g, float(yy)))
    data = pl.DataFrame(pupils, schema=["school_id", "class_id", "grade", "gender", "y"], orient="row")
    result = enrolment_weights(data, enrolment, school_types=TYPES)
    w = result.weights.to_numpy()
    y = data["y"].to_numpy()
    return float(np.concatenate(truth_parts).mean()), float(w @ y / w.sum()), float(y.mean())


def test_mean_error_of_the_municipal_figure_is_below_a_third_of_a_point() -> None:
    rng = np.random.default_rng(20261203)
    start = time.perf_counter()
    runs = np.array([replicate(rng) for _ in range(200)])
    elapsed = time.perf_counter() - start
    weighted_error = 100 * (runs[:, 1] - runs[:, 0])
    unweighted_error = 100 * (runs[:, 2] - runs[:, 0])
    print(f"mean error {weighted_error.mean():+.3f} point (unweighted {unweighted_error.mean():+.3f}), "
          f"{elapsed:.1f} s")  # fmt: skip
    assert abs(weighted_error.mean()) < 0.3
    assert abs(unweighted_error.mean()) > 2.0  # the test has teeth: without weights it fails
    assert elapsed < 60
