"""The demo data against :mod:`kansrijk.synth.targets`, with estimators written in the tests.

Tight enough that noise or a deleted model part fails: marginals within ±2 percentage points per wave and
grade, odds ratios within their stated ranges, class ICCs between 0.02 and 0.10, and every indicator of the
default instrument inside its stated range (ranges a uniform generator fails).
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from kansrijk.instrument import default_instrument
from kansrijk.instrument.model import Instrument
from kansrijk.instrument.xlsform_read import load_xlsform
from kansrijk.snapshot import choice_column, read_snapshot
from kansrijk.synth import targets as T
from kansrijk.synth.answers import numeric_bounds
from kansrijk.synth.dataset import DatasetResult, WaveResult
from tests.synth.helpers import clean, icc_anova, indicator_by_grade, mantel_haenszel, outcome


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
    checked = 0
    for year, frame in waves.items():
        if target.exposure not in frame.columns:
            continue  # the peer items arrived with OKO kern 2026.1: the first demo wave lacks them
        checked += 1
        value = mantel_haenszel(
            frame, target.outcome, target.outcome_min, target.exposure, target.exposure_min
        )
        assert target.low <= value <= target.high, f"{target.code} {year}: OR {value:.3f}"
    assert checked >= 2


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


# ------------------------------------------------------------------------------ every indicator of OKO kern
def _wave_instrument(wave: WaveResult) -> Instrument:
    snap = read_snapshot(wave.folder)
    return load_xlsform((wave.folder.parent / snap.meta.extra["xlsform"]).read_bytes())


@pytest.fixture(scope="module")
def indicator_estimates(demo: DatasetResult) -> dict[int, dict[tuple[str, int], float]]:
    """Per wave: (indicator, grade) → estimate on the cleaned respondents, with the wave's own instrument."""
    return {
        w.year: indicator_by_grade(
            clean(read_snapshot(w.folder).responses, T.SPEEDER_FRACTION_OF_MEDIAN), _wave_instrument(w)
        )
        for w in demo.waves
    }


def test_every_indicator_of_the_default_instrument_has_a_range() -> None:
    codes = [ind.code for ind in default_instrument().indicators]
    assert sorted(codes) == sorted(r.code for r in T.INDICATOR_RANGES)
    for r in T.INDICATOR_RANGES:
        assert r.grade2[0] < r.grade2[1] and r.grade4[0] < r.grade4[1], r.code
        assert r.source


@pytest.mark.slow
@pytest.mark.parametrize("target", T.INDICATOR_RANGES, ids=lambda r: r.code)
def test_indicator_within_stated_range(
    indicator_estimates: dict[int, dict[tuple[str, int], float]], target: T.IndicatorRange
) -> None:
    checked = 0
    for year, estimates in indicator_estimates.items():
        for grade in (2, 4):
            if (target.code, grade) not in estimates:
                continue  # the first wave lacks one item (and its indicators): the instrument change
            low, high = target.for_grade(grade)
            value = estimates[(target.code, grade)]
            assert low <= value <= high, (
                f"{target.code} {year} grade {grade}: {value:.4f} not in [{low}, {high}]"
            )
            checked += 1
    assert checked >= 4  # at least two waves × two grades


@pytest.mark.slow
def test_no_percentage_indicator_implausibly_high_or_low(
    demo: DatasetResult, indicator_estimates: dict[int, dict[tuple[str, int], float]]
) -> None:
    """The guard: a published percentage above 90% or below 0.5% is a generator bug unless its stated range
    itself says so (e.g. daily smoking in grade 2)."""
    ranges = {r.code: r for r in T.INDICATOR_RANGES}
    for wave in demo.waves:
        for ind in _wave_instrument(wave).indicators:
            if ind.unit != "percentage":
                continue
            for grade in (2, 4):
                value = indicator_estimates[wave.year][(ind.code, grade)]
                low, high = T.GUARD_LOW, T.GUARD_HIGH
                if ind.code in ranges:
                    r_low, r_high = ranges[ind.code].for_grade(grade)
                    low, high = min(low, r_low), max(high, r_high)
                assert low <= value <= high, f"{ind.code} {wave.year} grade {grade}: {value:.4f}"


def _uniform_answers(instrument: Instrument, n: int, seed: int) -> pl.DataFrame:
    """What a generator that ignores the targets would write: every choice equally likely (``nz`` aside),
    every tick of a select_multiple a coin flip, numbers uniform within their constraint."""
    rng = np.random.default_rng(seed)
    cols: dict[str, np.ndarray] = {"grade": np.repeat([2, 4], n // 2)}
    for item in instrument.items:
        if item.type == "select_one":
            codes = np.array([c for c in instrument.choices_of(item).codes if c != "nz"])
            cols[item.name] = codes[rng.integers(0, len(codes), size=n)]
        elif item.type == "select_multiple":
            for code in instrument.choices_of(item).codes:
                cols[choice_column(item.name, code)] = rng.random(n) < 0.5
        elif item.type in ("integer", "decimal"):
            low, high = numeric_bounds(item.constraint, (0.0, 10.0))
            x = rng.uniform(low, high, size=n)
            cols[item.name] = np.round(x) if item.type == "integer" else x
    return pl.DataFrame(cols)


def test_ranges_reject_a_uniform_generator() -> None:
    """Every indicator's range excludes what uniform answers give, in at least one grade."""
    instrument = default_instrument()
    estimates = indicator_by_grade(_uniform_answers(instrument, 40_000, seed=3), instrument)
    accepted = []
    for r in T.INDICATOR_RANGES:
        inside = [r.for_grade(g)[0] <= estimates[(r.code, g)] <= r.for_grade(g)[1] for g in (2, 4)]
        if all(inside):
            accepted.append(r.code)
    assert accepted == []


@pytest.mark.slow
def test_money_items_follow_the_wijk(demo: DatasetResult) -> None:
    """Pupils of the two poorest wijken more often miss an activity because of its cost and more often have
    low family affluence (the deprivation effect the risk group 'armoede' relies on)."""
    from kansrijk.synth.dataset import DEMO_SEED
    from kansrijk.synth.geography import build_geography

    geo = build_geography(DEMO_SEED)
    poorest = [w.code for w in sorted(geo.wijken, key=lambda w: geo.deprivation[w.code])[-2:]]
    frame = pl.concat(
        [
            read_snapshot(w.folder).responses.select(
                "wijk", "lei_too_expensive", "bg_fas_car", "bg_fas_room", "bg_fas_holiday", "bg_fas_computers"
            )
            for w in demo.waves
        ]
    ).filter(pl.col("wijk") != "buiten")
    fas = pl.sum_horizontal(
        pl.col(c).cast(pl.Int64) for c in ("bg_fas_car", "bg_fas_room", "bg_fas_holiday", "bg_fas_computers")
    )
    shares = (
        frame.select(
            pl.col("wijk").is_in(poorest).alias("poor"),
            (pl.col("lei_too_expensive") == "ja").alias("too_expensive"),
            (fas <= 2).alias("fas_low"),
        )
        .group_by("poor")
        .agg(pl.col("too_expensive").mean(), pl.col("fas_low").mean())
    )
    poor = shares.filter(pl.col("poor")).row(0, named=True)
    rest = shares.filter(~pl.col("poor")).row(0, named=True)
    assert poor["too_expensive"] > 1.5 * rest["too_expensive"]
    assert poor["fas_low"] > 1.5 * rest["fas_low"]
