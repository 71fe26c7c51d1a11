"""The latent side of the answer model: respondents, random draws, constructs and ordinal cuts.

Shared by the contract items (:mod:`kansrijk.synth.answers`) and the models of the default instrument's
other items (:mod:`kansrijk.synth.kern_items`), so that every item loads on the same per-pupil constructs and
inherits their school and class effects (the clustering the analysis must cope with). The numbers here are
stated modelling assumptions, tuned so that the targets of :mod:`kansrijk.synth.targets` hold.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from kansrijk.synth.rng import rng_for

FloatArray = np.ndarray
IntArray = np.ndarray
ItemValues = dict[str, np.ndarray]  # select_one: level index (-1 = none), integer/decimal: float (nan = none)

# Construct model (stated assumptions, tuned so that the targets' odds ratios and ICCs hold).
BETA_MONITORING = -0.33
BETA_SPORT = -0.04
BETA_OUT = 0.42
DISHONEST_BOOST = 2.5


@dataclass(frozen=True)
class Respondents:
    """The pupils who answered, with what the design and the model need to know about them."""

    school_idx: IntArray
    class_idx: IntArray
    grade: IntArray
    female: np.ndarray
    buurt_idx: IntArray  # -1 = outside the municipality
    pc4: pl.Series  # PC4 codes (strings)
    dep: FloatArray
    class_ids: tuple[str, ...]
    n_classes: int
    n_schools: int
    grades: tuple[int, ...]

    @property
    def n(self) -> int:
        return len(self.grade)


def cut_by_rank(
    latent: FloatArray, probs: dict[int, np.ndarray], grade: IntArray, calib: np.ndarray, rows: np.ndarray
) -> IntArray:
    """Ordinal levels 0..K-1 of ``latent`` (higher latent → higher level) for ``rows``.

    Cut points are the empirical quantiles, within grade, of ``latent`` on ``calib & rows``, so the level
    distribution on the calibration set equals ``probs[grade]`` up to ties. Other rows (e.g. dishonest
    respondents) fall wherever their latent puts them.
    """
    out = np.zeros(len(latent), dtype=np.int64)
    for g, p in probs.items():
        in_group = rows & (grade == g)
        ref = latent[in_group & calib]
        if ref.size == 0:
            continue
        cum = np.clip(np.cumsum(p)[:-1], 0.0, 1.0)
        cuts = np.quantile(ref, cum)
        out[in_group] = np.searchsorted(cuts, latent[in_group], side="right")
    return out


def with_any(p_any: float, shape: np.ndarray) -> np.ndarray:
    """Level probabilities: 0 with 1 - p_any, the rest spread over the non-zero levels by ``shape``."""
    return np.concatenate([[1.0 - p_any], p_any * shape / shape.sum()])


class Draw:
    """Random draws for one wave: constructs with school and class effects, and item noise."""

    def __init__(self, seed: int, wave: str, pupils: Respondents) -> None:
        self.seed = seed
        self.wave = wave
        self.p = pupils

    def rng(self, *keys: str) -> np.random.Generator:
        return rng_for(self.seed, "answers", self.wave, *keys)

    def noise(self, key: str, sd: float = 1.0) -> FloatArray:
        return self.rng("noise", key).normal(0.0, sd, size=self.p.n)

    def logistic(self, key: str) -> FloatArray:
        return self.rng("logistic", key).logistic(0.0, 1.0, size=self.p.n)

    def effects(self, key: str, sd_class: float, sd_school: float) -> FloatArray:
        r = self.rng("effects", key)
        c = r.normal(0.0, sd_class, size=self.p.n_classes)
        s = r.normal(0.0, sd_school, size=self.p.n_schools)
        return c[self.p.class_idx] + s[self.p.school_idx]

    def uniform(self, key: str) -> FloatArray:
        return self.rng("uniform", key).random(self.p.n)


@dataclass
class Constructs:
    mon: FloatArray
    sport: FloatArray
    out: FloatArray
    sub: FloatArray
    wb: FloatArray
    sch: FloatArray
    bul: FloatArray


def constructs(d: Draw, dishonest: np.ndarray, year: int, level_shift: float) -> Constructs:
    p = d.p
    g4 = (p.grade >= 4).astype(float)
    dep = p.dep
    mon = -0.25 * dep + d.effects("mon", 0.24, 0.12) + d.noise("mon")
    sport = -0.35 * dep + 0.15 * mon + d.effects("sport", 0.24, 0.14) + d.noise("sport")
    out = -0.45 * mon - 0.05 * sport + 0.1 * dep + d.effects("out", 0.25, 0.15) + d.noise("out")
    sub = (
        BETA_MONITORING * mon
        + BETA_SPORT * sport
        + BETA_OUT * out
        + 0.1 * dep
        + d.effects("sub", 1.0, 0.0) * np.where(p.grade <= 2, 0.75, 0.45)
        + d.effects("sub_school", 0.0, 0.3)
        + d.logistic("sub")
        + level_shift
    )
    sub = np.where(dishonest, sub + DISHONEST_BOOST, sub)
    wb = 0.3 * mon - 0.15 * dep - 0.35 * (p.female & (g4 > 0)) + d.effects("wb", 0.24, 0.1) + d.noise("wb")
    sch = 0.35 * wb + d.effects("sch", 0.25, 0.16) + d.noise("sch")
    bul = -0.35 * wb - 0.1 * g4 + d.effects("bul", 0.2, 0.1) + d.noise("bul")
    del year
    return Constructs(mon, sport, out, sub, wb, sch, bul)


def grades_of(p: Respondents) -> list[int]:
    return list(p.grades)


def per_grade(p: Respondents, g2: np.ndarray, g4: np.ndarray) -> dict[int, np.ndarray]:
    """Distribution by grade: ≤ 2 uses ``g2``, ≥ 4 ``g4``, grade 3 the mean; 1, 5, 6 extrapolate mildly."""
    out: dict[int, np.ndarray] = {}
    for g in grades_of(p):
        w = min(max((g - 2) / 2, -0.5), 1.5)
        probs = np.clip((1 - w) * g2 + w * g4, 1e-4, None)
        out[g] = probs / probs.sum()
    return out
