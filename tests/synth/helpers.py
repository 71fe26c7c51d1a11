"""Independent estimators for the synth tests: written here, not imported from the generator."""

from __future__ import annotations

import numpy as np
import polars as pl

from kansrijk.instrument.indicators import compile_indicator
from kansrijk.instrument.model import Instrument

#: Items asked only of users of the parent item (the parent's code '0' means "not asked, counts as 0").
PARENT = {
    "alc_30d": "alc_life",
    "alc_drunk_30d": "alc_life",
    "alc_binge_30d": "alc_life",
    "can_30d": "can_life",
}


def clean(responses: pl.DataFrame, speeder_fraction: float) -> pl.DataFrame:
    """Drop pupils reporting the fictitious substance and pupils far faster than the median."""
    median = responses["duration_s"].median()
    assert isinstance(median, float | int)
    dishonest = pl.col("fict_life").is_not_null() & (pl.col("fict_life") != "0")
    return responses.filter(~dishonest & (pl.col("duration_s") >= speeder_fraction * median))


def outcome(frame: pl.DataFrame, item: str, min_code: int) -> np.ndarray:
    """1.0 / 0.0 / nan per pupil: answer ≥ min_code; not asked (parent '0') counts 0; unanswered is nan."""
    value = frame[item].cast(pl.Float64, strict=False).to_numpy()
    y = np.where(np.isnan(value), np.nan, (value >= min_code).astype(float))
    parent = PARENT.get(item)
    if parent is not None:
        p = frame[parent]
        y = np.where((p == "0").fill_null(False).to_numpy(), 0.0, y)
        y = np.where(p.is_null().to_numpy(), np.nan, y)
    return y


def mantel_haenszel(frame: pl.DataFrame, out: str, out_min: int, exp: str, exp_min: int) -> float:
    """Mantel–Haenszel odds ratio over grade strata."""
    num = den = 0.0
    for grade in sorted(frame["grade"].unique().to_list()):
        g = frame.filter(pl.col("grade") == grade)
        y = outcome(g, out, out_min)
        x = g[exp].cast(pl.Float64, strict=False).to_numpy()
        keep = ~np.isnan(y) & ~np.isnan(x)
        y1, x1 = y[keep] == 1, x[keep] >= exp_min
        n = keep.sum()
        a, b = np.sum(x1 & y1), np.sum(x1 & ~y1)
        c, d = np.sum(~x1 & y1), np.sum(~x1 & ~y1)
        num += a * d / n
        den += b * c / n
    return num / den


def icc_anova(values: np.ndarray, groups: np.ndarray) -> float:
    """One-way ANOVA ICC(1) with unequal group sizes: (MSB − MSW) / (MSB + (n0 − 1) MSW)."""
    keep = ~np.isnan(values)
    y, g = values[keep], groups[keep]
    labels, inv = np.unique(g, return_inverse=True)
    sizes = np.bincount(inv)
    means = np.bincount(inv, weights=y) / sizes
    n, k = len(y), len(labels)
    grand = y.mean()
    msb = np.sum(sizes * (means - grand) ** 2) / (k - 1)
    msw = np.sum((y - means[inv]) ** 2) / (n - k)
    n0 = (n - np.sum(sizes**2) / n) / (k - 1)
    return float((msb - msw) / (msb + (n0 - 1) * msw))


def indicator_by_grade(frame: pl.DataFrame, instrument: Instrument) -> dict[tuple[str, int], float]:
    """Unweighted estimate of every indicator of ``instrument`` per grade: the mean of its value over its
    population (the instrument library's compiled expressions, as the analysis evaluates them)."""
    out: dict[tuple[str, int], float] = {}
    columns = []
    for ind in instrument.indicators:
        compiled = compile_indicator(instrument, ind)
        columns.append(pl.when(compiled.population()).then(compiled.value()).otherwise(None).alias(ind.code))
    means = frame.group_by("grade").agg(*[c.mean() for c in columns])
    for row in means.iter_rows(named=True):
        for ind in instrument.indicators:
            value = row[ind.code]
            if value is not None:
                out[(ind.code, int(row["grade"]))] = float(value)
    return out
