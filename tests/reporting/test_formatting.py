from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kansrijk.reporting.formatting import (
    d3_format,
    format_ci,
    format_count,
    format_difference,
    format_estimate,
    format_number,
    format_p_value,
    format_percent,
    format_value,
)
from kansrijk.reporting.texts import suppression_reason


def test_estimate_with_ci_in_dutch_and_english() -> None:
    assert format_estimate(0.1234, 0.101, 0.148) == "12,3% (10,1–14,8)"
    assert format_estimate(0.1234, 0.101, 0.148, lang="en") == "12.3% (10.1–14.8)"
    assert format_estimate(0.1234, 0.101, 0.148, decimals=0) == "12% (10–15)"
    assert format_estimate(6.834, 6.61, 7.06, unit="mean") == "6,8 (6,6–7,1)"


def test_missing_values_are_a_dash_never_a_number() -> None:
    assert format_estimate(None, 0.1, 0.2) == "–"
    assert format_estimate(float("nan")) == "–"
    assert format_ci(None, 0.2) == "–"
    assert format_percent(None) == "–"
    assert format_estimate(0.5) == "50,0%"  # no CI: just the figure


def test_thousands_and_negative_numbers() -> None:
    assert format_number(1234567.891, 2) == "1.234.567,89"
    assert format_number(1234567.891, 2, "en") == "1,234,567.89"
    assert format_number(-1.5, 1) == "−1,5"  # U+2212, as d3-format writes it
    assert format_number(-0.04, 1) == "0,0"  # rounds to zero: no sign
    assert format_count(1204) == "1.204"
    assert format_number(1234.5, 1, grouping=False) == "1234,5"
    assert format_number(3.0, 1, "pl") == "3,0"  # other languages fall back to Dutch


def test_ties_round_up_like_d3() -> None:
    # JavaScript (12.5).toFixed(0) == "13" and (12.25).toFixed(1) == "12.3"; Python gives 12 / 12.2
    assert format_percent(0.125, 0) == "13%"
    assert format_number(12.25, 1) == "12,3"
    assert format_number(-12.25, 1) == "−12,3"
    # 0.145 is stored as 0.14499999999999999: no tie, rounds down in JS too
    assert format_number(0.145, 2) == "0,14"


def test_difference_and_p_value() -> None:
    assert format_difference(0.023) == "+2,3 procentpunt"
    assert format_difference(-0.0041) == "−0,4 procentpunt"
    assert format_difference(0.023, lang="en") == "+2.3 percentage points"
    assert format_difference(-0.25, unit="mean") == "−0,3"
    assert format_p_value(0.0321) == "p = 0,032"
    assert format_p_value(0.0004) == "p < 0,001"


def test_value_by_unit_and_d3_format() -> None:
    assert format_value(0.5, "percentage") == "50,0%"
    assert format_value(0.5, "mean", 2) == "0,50"
    assert d3_format("percentage", 1) == ".1%"
    assert d3_format("mean", 2) == ",.2f"


def test_suppression_reasons_in_words() -> None:
    assert suppression_reason("n<30") == "minder dan 30 antwoorden"
    assert (
        suppression_reason("n<30;rse>0.5")
        == "minder dan 30 antwoorden; relatieve standaardfout groter dan 0,5"
    )
    assert suppression_reason("count<3", "en").startswith("fewer than 3 young people")
    assert "terug te rekenen" in suppression_reason("complementary")
    assert suppression_reason("new_rule") == "onderdrukt (new_rule)"


@settings(deadline=None)
@given(
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    st.integers(0, 3),
    st.sampled_from(["nl", "en"]),
)
def test_formatted_number_reads_back_within_half_a_unit(x: float, decimals: int, lang: str) -> None:
    out = format_number(x, decimals, lang)
    thousands, decimal = (".", ",") if lang == "nl" else (",", ".")
    back = float(out.replace("−", "-").replace(thousands, "").replace(decimal, "."))
    assert math.isclose(back, x, abs_tol=0.5 * 10**-decimals + 1e-6 * max(1.0, abs(x)))
    if decimals:
        assert out.rsplit(decimal, 1)[1].isdigit() and len(out.rsplit(decimal, 1)[1]) == decimals


@pytest.mark.parametrize(
    ("p", "expected"), [(0.0, "0,0%"), (1.0, "100,0%"), (0.999, "99,9%"), (0.0005, "0,1%")]
)
def test_percent_bounds(p: float, expected: str) -> None:
    assert format_percent(p) == expected
