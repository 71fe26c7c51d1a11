"""reference_values(): own municipality out, pooled by enrolment, same grades, year and source (by hand)."""

from __future__ import annotations

import math

import pytest

from kansrijk.analysis.reference import read_reference, reference_values

WHOLE = b"""gemeentecode;gemeentenaam;indicator;jaar;schatting;se;n;leerjaren;leerlingen;bron
GM0001;A;alc;2023;20,0;1,0;400;2,4;1000;GGD 2023
GM0002;B;alc;2023;30,0;2,0;100;2,4;3000;GGD 2023
GM9999;Eigen;alc;2023;90,0;2,0;100;2,4;3000;GGD 2023
GM0003;C;alc;2023;50,0;2,0;100;3;3000;GGD 2023
GM0001;A;alc;2021;10,0;1,0;400;2,4;1000;GGD 2021
GM0001;A;alc;2025;70,0;1,0;400;2,4;1000;GGD 2025
"""

PER_GRADE = b"""gemeentecode;indicator;jaar;schatting;se;n;leerjaar;leerlingen
GM0001;alc;2023;10,0;1,0;400;2;1000
GM0002;alc;2023;20,0;1,0;400;2;1000
GM0001;alc;2023;30,0;1,0;400;4;1000
GM0002;alc;2023;40,0;1,0;400;4;3000
"""


def test_pooled_by_enrolment_without_the_own_municipality_and_other_grades() -> None:
    ref = reference_values(
        read_reference(WHOLE), 2023, {"alc": "percentage"}, own_municipality="GM9999", grades={2: 500, 4: 400}
    ).row(0, named=True)
    # A and B only (own left out, C covers grade 3, 2025 is after the wave): by enrolment 1000 : 3000
    assert ref["estimate"] == pytest.approx((0.20 * 1000 + 0.30 * 3000) / 4000, rel=1e-12)
    assert ref["se"] == pytest.approx(math.sqrt((0.25 * 0.01) ** 2 + (0.75 * 0.02) ** 2), rel=1e-12)
    assert (ref["year"], ref["source"], ref["pooled_by"], ref["grades"]) == (
        2023,
        "GGD 2023",
        "leerlingen",
        "2,4",
    )
    assert ref["municipalities"] == 2


def test_per_grade_rows_are_combined_with_the_waves_grade_mix() -> None:
    ref = reference_values(read_reference(PER_GRADE), 2023, {"alc": "percentage"}, grades={2: 600, 4: 200})
    row = ref.row(0, named=True)
    grade2, grade4 = 0.15, (0.30 * 1000 + 0.40 * 3000) / 4000
    assert row["estimate"] == pytest.approx((600 * grade2 + 200 * grade4) / 800, rel=1e-12)
    assert row["grades"].startswith("per leerjaar 2,4")
    # a wave with a grade the reference lacks gets no reference
    assert (
        reference_values(read_reference(PER_GRADE), 2023, {"alc": "percentage"}, grades={2: 1, 3: 1}).height
        == 0
    )


def test_without_enrolment_the_file_is_pooled_by_respondents_and_says_so() -> None:
    text = WHOLE.decode().replace(";leerlingen;", ";x;").encode()
    row = reference_values(read_reference(text), 2023, {"alc": "percentage"}, own_municipality="GM9999").row(
        0, named=True
    )
    assert row["pooled_by"].startswith("respondenten")
