"""Schools, classes and enrolment: codes, types, sizes, totals."""

from __future__ import annotations

import re

import numpy as np
import polars as pl

from kansrijk.synth.answers import draw_pupils
from kansrijk.synth.geography import build_geography
from kansrijk.synth.schools import build_classes, build_schools


def test_schools_codes_levels_and_location() -> None:
    geo = build_geography(5)
    s = build_schools(geo, 6000, 5)
    df = s.schools
    assert df.height == 12
    assert all(re.fullmatch(r"\d{2}[A-Z]{2}00", x) for x in df["school_id"])
    assert set(df["schooltype"]) == {"vmbo", "havo", "vwo", "pro"}
    for row in df.iter_rows(named=True):
        buurt = geo.hierarchy[row["buurtcode"]]
        hit = geo.hierarchy.locate(row["lon"], row["lat"])
        assert hit is not None
        assert hit.code == buurt.code
    assert np.allclose(s.catchment.sum(axis=1), 1.0)


def test_many_pupils_many_schools_with_unique_brin() -> None:
    geo = build_geography(5)
    s = build_schools(geo, 1_000_000, 5)
    assert s.n == 2000
    assert s.schools["school_id"].n_unique() == 2000


def test_classes_and_enrolment_add_up() -> None:
    geo = build_geography(5)
    s = build_schools(geo, 6000, 5, grades=(1, 3))
    classes = build_classes(s, 6000, 5, "w")
    assert classes["size"].sum() == 6000
    assert set(classes["grade"]) == {1, 3}
    pro = s.schools.filter(pl.col("schooltype") == "pro")["school_id"].to_list()
    assert classes.filter(pl.col("school_id").is_in(pro))["size"].mean() < 20
    assert classes.filter(~pl.col("school_id").is_in(pro))["size"].max() <= 40
    pupils, enrolment, summary = draw_pupils(geo, s, classes, 5, "w")
    assert sum(r.n for r in enrolment) == 6000
    assert {r.gender for r in enrolment} == {"m", "v"}
    # non-response: fewer respondents than enrolled, some classes not at all
    assert 0.8 * 6000 < pupils.n < 0.95 * 6000
    assert (summary["respondents"] == 0).sum() >= 1
    assert (pupils.buurt_idx == -1).mean() > 0.03  # some live outside the municipality
