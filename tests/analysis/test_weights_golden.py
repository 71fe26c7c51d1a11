"""Weights and standard errors of the two-step post-stratification against R (golden/weights.R).

R implements the weighting rule on its own (cells, pooling across schools within grade × gender × school
type, the x pupils' rate) and computes `postStratify(postStratify(d, ~cell, P1), ~grade_type, P2)`; Kansrijk's
one-step design with totals P1 · g must give the same weights and — because every cell lies within one
grade × school type — the same standard errors.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from kansrijk.analysis import estimate
from kansrijk.analysis.weights import WeightingResult, enrolment_weights
from tests.analysis.golden_cases import GOLDEN, read

TYPES = {"S1": "vmbo", "S2": "vmbo", "S3": "vmbo", "S4": "havo", "S5": "havo", "S6": "havo", "S7": "vmbo"}


@pytest.fixture(scope="module")
def weighted() -> WeightingResult:
    return enrolment_weights(read("school"), read("enrolment_gender"), school_types=TYPES)


def test_weights_and_cells_match_r(weighted: WeightingResult) -> None:
    golden = pl.read_csv(GOLDEN / "weights_golden.csv", infer_schema_length=0)
    np.testing.assert_allclose(weighted.weights.to_numpy(), golden["weight"].cast(pl.Float64), rtol=1e-12)
    # the same partition into cells (names differ only in how a school's own cell is written)
    ours = weighted.cells.to_list()
    theirs = golden["cell"].to_list()
    assert len(set(zip(ours, theirs, strict=True))) == len(set(ours)) == len(set(theirs))


def test_standard_errors_match_r_two_step_post_stratification(weighted: WeightingResult) -> None:
    golden = pl.read_csv(GOLDEN / "weights_estimates.csv", infer_schema_length=0).with_columns(
        pl.col("by").fill_null(""), pl.col("domain").fill_null("")
    )
    data = weighted.data.with_columns(pl.col("gender").fill_null(""))  # R read "" as a value
    for (variable, by), rows in golden.group_by(["variable", "by"], maintain_order=True):
        table = estimate(data, weighted.design, [variable], [by] if by else [], "mean")
        if by:
            table = table.with_columns(pl.col(by).cast(pl.String).alias("domain"))
        else:
            table = table.with_columns(pl.lit("").alias("domain"))
        for row in rows.iter_rows(named=True):
            got = table.filter(pl.col("domain") == row["domain"]).row(0, named=True)
            where = (variable, by, row["domain"])
            assert got["estimate"] == pytest.approx(float(row["estimate"]), rel=1e-9), where
            assert got["se"] == pytest.approx(float(row["se"]), rel=1e-9), where


def test_coverage_statement(weighted: WeightingResult) -> None:
    assert weighted.coverage.sentence == (
        "1 van 7 scholen deed niet mee; van 1 school deed 1 leerjaar niet mee; cijfers zijn gewogen naar "
        "het aantal leerlingen per leerjaar en schooltype in de gemeente. Niet vertegenwoordigd (geen school "
        "deed mee): leerjaar 3 havo."
    )
