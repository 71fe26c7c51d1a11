"""Shared group sums: a domain set gets from its split exactly what a per-set aggregation gives."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from kansrijk.analysis import SurveyDesign, estimate, estimate_table, poststratify
from kansrijk.analysis.groups import GroupIndex, row_quantities
from kansrijk.analysis.resolve import dense_inverse, resolve

GOLDEN = Path(__file__).parent / "golden"


def school() -> pl.DataFrame:
    return pl.read_csv(GOLDEN / "school.csv", infer_schema_length=None).with_columns(
        pl.col("alc_30d").cast(pl.Float64), pl.col("life_sat").cast(pl.Float64)
    )


@settings(deadline=None)
@given(st.lists(st.integers(-(2**40), 2**40), min_size=1, max_size=60), st.integers(0, 2**20))
def test_dense_inverse_is_the_inverse_of_np_unique(values: list[int], offset: int) -> None:
    for array in (np.array(values, dtype=np.int64), np.array(values, dtype=np.int64) % 50 + offset):
        inverse, n = dense_inverse(array)
        distinct, expected = np.unique(array, return_inverse=True)
        np.testing.assert_array_equal(inverse, expected)
        assert n == distinct.size


def test_split_keeps_only_columns_that_vary_within_a_class() -> None:
    data = school()
    rd = resolve(data, SurveyDesign(psu="class_id", strata="school_id", weights="weight"))
    index = GroupIndex(data, rd, row_quantities(rd.weights, [], [], []), [])
    # grade and school are properties of a class; gender is not
    assert index.split(["school_id", "grade", "gender"]) == ("gender",)
    assert index.split(["grade"]) == ()
    assert index.split(["gender", "grade"]) == ("gender",)


@pytest.mark.parametrize("by", [[], ["grade"], ["school_id", "grade"], ["gender"], ["grade", "gender"]])
def test_group_sums_of_a_split_equal_a_direct_aggregation_per_domain_set(by: list[str]) -> None:
    data = school()
    rd = resolve(data, SurveyDesign(psu="class_id", strata="school_id", weights="weight"))
    y = data["life_sat"].to_numpy()
    missing = np.zeros(0, dtype=np.int64)  # no missing rows
    # the split is shared with other domain sets (grade × gender and gender both split classes by gender)
    sets = [[], ["grade"], ["school_id", "grade"], ["gender"], ["grade", "gender"]]
    index = GroupIndex(data, rd, row_quantities(rd.weights, [y], [True], [missing]), sets)
    sums = index.sums(index.split(by))
    domain, n_domains = index.codes(by)
    # direct: one sort over (unit, domain) keys of this set and a bincount, as a per-set pass does
    keys, inverse = np.unique(rd.unit * n_domains + domain, return_inverse=True)
    direct_a = np.bincount(inverse, weights=rd.weights * y, minlength=keys.size)
    direct_c = np.bincount(inverse, weights=rd.weights * y * y, minlength=keys.size)
    shared_keys = sums.block * n_domains + domain[sums.first_row]
    order = np.argsort(shared_keys)
    np.testing.assert_array_equal(shared_keys[order], keys)  # the same groups ...
    np.testing.assert_array_equal(sums.a(0)[order], direct_a)  # ... with the same sums, to the last bit
    # sums kept per domain only go from the rows straight to the domains (issue 18), within rounding of
    # the rows → groups → domains pass of a per-set aggregation
    rows_to_domain = np.bincount(domain, weights=rd.weights * y * y, minlength=n_domains)
    np.testing.assert_array_equal(sums.totals[tuple(by)].c[0], rows_to_domain)
    per_domain = np.bincount(keys % n_domains, weights=direct_c, minlength=n_domains)
    np.testing.assert_allclose(sums.totals[tuple(by)].c[0], per_domain, rtol=1e-13, atol=0)
    counts = np.bincount(domain, minlength=n_domains).astype(float)
    np.testing.assert_array_equal(sums.totals[tuple(by)].n[:, 0], counts)


@pytest.mark.parametrize("calibrated", [False, True])
def test_a_table_of_many_domain_sets_equals_one_estimate_per_set_bit_for_bit(calibrated: bool) -> None:
    data = school().with_columns(pl.col("grade").cast(pl.String))
    design = SurveyDesign(psu="class_id", strata="school_id", weights="weight")
    if calibrated:
        enrolment = pl.read_csv(GOLDEN / "enrolment.csv").with_columns(pl.col("grade").cast(pl.String))
        cells = data.select("school_id", "grade").unique()
        enrolment = enrolment.join(cells, on=["school_id", "grade"], how="semi")
        design = poststratify(data, design, by=["school_id", "grade"], population=enrolment)
    sets = [[], ["grade"], ["gender"], ["grade", "gender"], ["school_id"], ["gender", "school_id"]]
    table = estimate_table(data, design, ["alc_30d", "life_sat"], sets, "mean")
    for by in sets:
        alone = estimate(data, design, ["alc_30d", "life_sat"], by, "mean")
        part = table.filter(pl.col("domain_set") == "+".join(by)).select(alone.columns)
        assert_frame_equal(part, alone, check_exact=True)
