"""The test estimators themselves, against hand-worked values."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from tests.synth.helpers import icc_anova, mantel_haenszel


def test_icc_hand_worked() -> None:
    # groups {1,2,3} and {4,5,6}: grand mean 3.5, MSB = 3*(1.5²)*2/1 = 13.5, MSW = (1+0+1)*2/4 = 1, n0 = 3
    # ICC = (13.5 − 1) / (13.5 + 2·1) = 12.5 / 15.5
    y = np.array([1, 2, 3, 4, 5, 6], dtype=float)
    g = np.array(["a", "a", "a", "b", "b", "b"])
    assert icc_anova(y, g) == pytest.approx(12.5 / 15.5, rel=1e-12)


def test_mantel_haenszel_hand_worked() -> None:
    # one stratum: a=2 (exposed, outcome), b=1, c=1, d=2 → OR = (2·2)/(1·1) = 4
    frame = pl.DataFrame(
        {
            "grade": [2] * 6,
            "alc_life": ["1"] * 6,
            "alc_30d": ["1", "1", "0", "1", "0", "0"],
            "par_know_where": ["5", "5", "5", "1", "1", "1"],
        }
    )
    assert mantel_haenszel(frame, "alc_30d", 1, "par_know_where", 4) == pytest.approx(4.0)
