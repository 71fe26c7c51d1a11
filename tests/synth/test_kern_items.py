"""The default instrument's items outside the contract: every one has a model (none falls back to the
generic generator), their answer distributions match :data:`kansrijk.synth.targets.LEVELS`, and the
multiple-choice follow-ups are coherent."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from kansrijk.instrument import default_instrument
from kansrijk.instrument.model import Choice, ChoiceList, Group, Item
from kansrijk.instrument.xlsform_write import xlsform_bytes
from kansrijk.snapshot import read_snapshot
from kansrijk.synth import targets as T
from kansrijk.synth.dataset import DatasetResult, generate_dataset
from tests.synth.helpers import clean


@pytest.fixture(scope="module")
def waves(demo: DatasetResult) -> dict[int, pl.DataFrame]:
    return {
        w.year: clean(read_snapshot(w.folder).responses, T.SPEEDER_FRACTION_OF_MEDIAN) for w in demo.waves
    }


def test_levels_match_the_instrument() -> None:
    instrument = default_instrument()
    names = {i.name for i in instrument.items}
    for lv in T.LEVELS:
        assert lv.item in names, lv.item
        codes = {c for c in instrument.choices_of(instrument.item(lv.item)).codes if c != "nz"}
        assert set(lv.codes) == codes, lv.item
        for shares in (lv.grade2, lv.grade4):
            assert len(shares) == len(lv.codes)
            assert abs(sum(shares) - 1.0) < 1e-9, lv.item
        assert lv.source


def test_default_instrument_needs_no_generic_items(demo: DatasetResult) -> None:
    assert not [note for note in demo.notes if "generically" in note]


def test_unknown_items_still_generated_and_named(tmp_path: Path) -> None:
    """An instrument with an item the generator has no model for still gets answers for it, and the notes
    say which items were made up generically."""
    base = default_instrument()
    music = Item(name="lei_music", type="select_one", label={"nl": "Muziek maken"}, list_name="music_freq")
    travel = Item(name="sch_travel_min", type="integer", label={"nl": "Reistijd"}, constraint=". <= 120")
    extra = Group(name="p_extra", label={"nl": "Extra"}, children=(music, travel))
    lists = {
        **base.choice_lists,
        "music_freq": ChoiceList("music_freq", (Choice("0", {"nl": "nooit"}), Choice("1", {"nl": "vaak"}))),
    }
    instrument = dataclasses.replace(base, body=(*base.body, extra), choice_lists=lists)
    result = generate_dataset(
        tmp_path / "x", pupils=300, waves=1, instrument_xlsx=xlsform_bytes(instrument), reference=False
    )
    generic = [note for note in result.notes if "generically" in note]
    assert len(generic) == 1
    assert set(generic[0].split(": ")[1].split(", ")) == {"lei_music", "sch_travel_min"}
    answers = read_snapshot(result.waves[0].folder).responses
    assert answers["lei_music"].drop_nulls().is_in(["0", "1"]).all()


@pytest.mark.slow
@pytest.mark.parametrize("target", T.LEVELS, ids=lambda lv: lv.item)
def test_level_distributions_within_three_points(waves: dict[int, pl.DataFrame], target: T.Levels) -> None:
    """Share of each code among those who answered (``nz`` left out), per wave and grade: within 3 points
    of the target (straight-liners and partial questionnaires are still in the data)."""
    for year, frame in waves.items():
        if target.item not in frame.columns:
            continue
        for grade, expected in ((2, target.grade2), (4, target.grade4)):
            answers = frame.filter((pl.col("grade") == grade) & pl.col(target.item).is_not_null())[
                target.item
            ]
            answers = answers.filter(answers != "nz")
            for code, share in zip(target.codes, expected, strict=True):
                got = float((answers == code).mean())  # type: ignore[arg-type]
                assert abs(got - share) <= 0.03, f"{target.item}={code} {year} grade {grade}: {got:.3f}"


@pytest.mark.slow
def test_alcohol_sources_of_drinkers(waves: dict[int, pl.DataFrame]) -> None:
    frame = waves[2023]
    ticks = [f"alc_source__{code}" for code in T.ALC_SOURCE_SHARES]
    asked = frame.filter(pl.col(ticks[0]).is_not_null())
    drinkers = frame.filter(pl.col("alc_30d").cast(pl.Int64, strict=False) >= 1)
    assert asked.height > 0.9 * drinkers.height
    assert asked.select(pl.any_horizontal(ticks)).to_series().all()  # at least one source
    for grade, k in ((2, 0), (4, 1)):
        g = asked.filter(pl.col("grade") == grade)
        for code, shares in T.ALC_SOURCE_SHARES.items():
            got = float(g[f"alc_source__{code}"].mean())  # type: ignore[arg-type]
            # "friends" also takes the pupils who ticked nothing else
            assert abs(got - shares[k]) <= (0.08 if code == "friends" else 0.05), (
                f"{code} grade {grade}: {got}"
            )


@pytest.mark.slow
def test_household_coherent(waves: dict[int, pl.DataFrame]) -> None:
    frame = waves[2023]
    parent_codes = ("mother", "father", "stepmother", "stepfather", "alternating")
    lives = frame.filter(pl.col("bg_lives_with__mother").is_not_null())
    no_parent = lives.filter(~pl.any_horizontal([f"bg_lives_with__{c}" for c in parent_codes]))
    assert 0.007 * lives.height < no_parent.height < 0.03 * lives.height
    # a pupil with no parent at home lives in a foster family, a group home or with someone else
    elsewhere = ("foster", "institution", "other")
    assert no_parent.select(pl.any_horizontal([f"bg_lives_with__{c}" for c in elsewhere])).to_series().all()
    alternating = lives.filter(pl.col("bg_lives_with__alternating"))
    assert alternating["bg_lives_with__mother"].all() and alternating["bg_lives_with__father"].all()


@pytest.mark.slow
def test_delinquency_goes_with_boys_and_going_out(waves: dict[int, pl.DataFrame]) -> None:
    frame = waves[2023]
    acts = pl.any_horizontal(
        pl.col(c).cast(pl.Int64, strict=False) >= 1 for c in ("del_steal", "del_vandalism", "del_fight")
    )
    d = frame.select(acts.alias("any"), pl.col("gender"), pl.col("lei_out_midnight").cast(pl.Int64) >= 1)
    boys = d.filter(pl.col("gender") == "m")["any"].mean()
    girls = d.filter(pl.col("gender") == "v")["any"].mean()
    late = d.filter(pl.col("lei_out_midnight"))["any"].mean()
    home = d.filter(~pl.col("lei_out_midnight"))["any"].mean()
    assert isinstance(boys, float) and isinstance(girls, float)
    assert isinstance(late, float) and isinstance(home, float)
    assert boys > 1.3 * girls
    assert late > 2 * home
    assert np.isfinite(boys)
