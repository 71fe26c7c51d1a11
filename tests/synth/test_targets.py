"""The demo data against :mod:`kansrijk.synth.targets`, with estimators written in the tests.

Tight enough that noise or a deleted model part fails: marginals within ±2 percentage points per wave and
grade, odds ratios within their stated ranges, class ICCs between 0.02 and 0.10.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from kansrijk.snapshot import read_snapshot
from kansrijk.synth import targets as T
from kansrijk.synth.dataset import DatasetResult
from tests.synth.helpers import clean, icc_anova, mantel_haenszel, outcome


def _clean_waves(demo: DatasetResult) -> dict[int, pl.DataFrame]:
    return {
        w.year: clean(read_snapshot(w.folder).responses, T.SPEEDER_FRACTION_OF_MEDIAN) for w in demo.waves
    }


@pytest.fixture(scope="module")
def waves(demo: DatasetResult) -> dict[int, pl.DataFrame]:
    return _clean_waves(demo)


@pytest.mark.slow
@pytest.mark.parametrize("target", T.MARGINALS, ids=lambda m: m.code)
def test_marginals_within_two_points(waves: dict[int, pl.DataFrame], target: T.Marginal) -> None:
    for year, frame in waves.items():
        for grade in (2, 4):
            y = outcome(frame.filter(pl.col("grade") == grade), target.item, target.min_code)
            estimate = float(np.nanmean(y))
            expected = target.values[(year, grade)]
            assert abs(estimate - expected) <= 0.02, f"{target.code} {year} grade {grade}: {estimate:.3f}"


@pytest.mark.slow
@pytest.mark.parametrize("target", T.ODDS_RATIOS, ids=lambda r: r.code)
def test_odds_ratios_in_range(waves: dict[int, pl.DataFrame], target: T.OddsRatio) -> None:
    for year, frame in waves.items():
        value = mantel_haenszel(
            frame, target.outcome, target.outcome_min, target.exposure, target.exposure_min
        )
        assert target.low <= value <= target.high, f"{target.code} {year}: OR {value:.3f}"


@pytest.mark.slow
@pytest.mark.parametrize("target", T.ICC, ids=lambda t: t.item)
def test_class_icc_in_range(waves: dict[int, pl.DataFrame], target: T.IccTarget) -> None:
    for year, frame in waves.items():
        for grade in (2, 4):
            g = frame.filter(pl.col("grade") == grade)
            if target.min_code is None:
                y = g[target.item].cast(pl.Float64, strict=False).fill_null(np.nan).to_numpy()
            else:
                y = outcome(g, target.item, target.min_code)
            icc = icc_anova(y, g["class_id"].to_numpy())
            assert target.low <= icc <= target.high, f"{target.item} {year} grade {grade}: ICC {icc:.3f}"


@pytest.mark.slow
def test_trend_alcohol_falls_vaping_rises(waves: dict[int, pl.DataFrame]) -> None:
    alc = {y: np.nanmean(outcome(f, "alc_30d", 1)) for y, f in waves.items()}
    vape = {y: np.nanmean(outcome(f, "vape_30d", 1)) for y, f in waves.items()}
    assert alc[2019] > alc[2021] > alc[2023]
    assert vape[2019] < vape[2021] < vape[2023]


@pytest.mark.slow
def test_area_effect_poor_wijken_differ(demo: DatasetResult) -> None:
    """Pupils of the two poorest wijken do less organised sport than the rest (deprivation effect)."""
    from kansrijk.synth.dataset import DEMO_SEED
    from kansrijk.synth.geography import build_geography

    geo = build_geography(DEMO_SEED)
    poorest = sorted(geo.wijken, key=lambda w: geo.deprivation[w.code])[-2:]
    frame = pl.concat(
        [read_snapshot(w.folder).responses.select("wijk", "lei_sport_club") for w in demo.waves]
    )
    sport = frame.with_columns(pl.col("lei_sport_club").cast(pl.Int64, strict=False) >= 2)
    poor = sport.filter(pl.col("wijk").is_in([w.code for w in poorest]))["lei_sport_club"].mean()
    rest = sport.filter(~pl.col("wijk").is_in([w.code for w in poorest]) & (pl.col("wijk") != "buiten"))
    assert isinstance(poor, float)
    assert poor < rest["lei_sport_club"].mean() - 0.04  # type: ignore[operator]
