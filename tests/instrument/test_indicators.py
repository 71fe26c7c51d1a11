"""Indicators compiled for the analysis, including a million-row vectorised pass."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from kansrijk.instrument import compile_indicator, load_xlsform
from tests.instrument.forms import rich_form


def test_percentage_indicator_value_and_population() -> None:
    ins = load_xlsform(rich_form())
    ind = compile_indicator(ins, "alc_30d_any")
    frame = pl.DataFrame({"alc_life": ["0", "1", "2", None], "alc_30d": [None, "0", "2", None]})
    out = frame.select(ind.value(), ind.population())
    assert out["alc_30d_any"].to_list() == [0.0, 0.0, 1.0, None]
    assert out["alc_30d_any__population"].to_list() == [True, True, True, False]


def test_mean_indicator_with_reversal_denominator_and_min_answered() -> None:
    ins = load_xlsform(rich_form())
    ind = compile_indicator(ins, "mh_mean")  # mean(${wb_mh_1}, 4 - ${wb_mh_2}), min_answered 1, age >= 12
    frame = pl.DataFrame(
        {"wb_mh_1": ["1", "3", None, "2"], "wb_mh_2": ["1", None, None, "3"], "bg_age": [13, 14, 15, 11]}
    )
    out = frame.select(ind.value(), ind.population())
    assert out["mh_mean"].to_list() == [2.0, 3.0, None, 1.5]
    assert out["mh_mean__population"].to_list() == [True, True, False, False]


@pytest.mark.slow
def test_million_rows_in_one_vectorised_pass() -> None:
    ins = load_xlsform(rich_form())
    n = 1_000_000
    rng = np.random.default_rng(20250101)
    life = rng.choice(np.array(["0", "1", "2"]), n)
    d30 = np.where(life == "0", None, rng.choice(np.array(["0", "1", "2"]), n))
    frame = pl.DataFrame(
        {"alc_life": life, "alc_30d": d30}, schema={"alc_life": pl.String, "alc_30d": pl.String}
    )
    ind = compile_indicator(ins, "alc_30d_any")
    out = frame.select(ind.value(), ind.population())
    expected = ((life != "0") & np.isin(d30.astype(str), ["1", "2"])).astype(float)
    assert out.height == n
    assert np.array_equal(out["alc_30d_any"].to_numpy(), expected)
    assert out["alc_30d_any__population"].all()
