"""The live reference pool and the region table, against hand-worked values.

Five municipalities publish a wave of 2025, grades 2 and 4 (GM0001 is "us"); GM0005 surveyed grade 3 and
GM0006 published 2023, so neither belongs in a 2025 pool for grades 2 and 4.

Hand-worked, alc_30d (percentage) over GM0002, GM0003, GM0004 with enrolments 1000, 3000, 1000:
    w = 0.2, 0.6, 0.2
    r = 0.2·0.20 + 0.6·0.30 + 0.2·0.10 = 0.24
    se = √(0.2²·0.01² + 0.6²·0.02² + 0.2²·0.03²) = √(0.000184) = 0.013564659966250536
  (weighting by respondents 800, 2000, 700 would give 830/3500 = 0.2371…, so the test tells them apart)
wb_life_sat (mean): r = 0.2·7.0 + 0.6·7.5 + 0.2·6.5 = 7.2; GM0003 published no SE, so se is unknown.
drugs_30d: GM0004 withheld it, so only two others publish it: no reference (fewer than 3).
Region (all four, enrolments 2000, 1000, 3000, 1000): alc_30d r = (500 + 200 + 900 + 100) / 7000.
"""

from __future__ import annotations

import math

import polars as pl
import pytest

from kansrijk.analysis.domains import Margin, declared_margins
from kansrijk.analysis.live_reference import MIN_MUNICIPALITIES, PublishedTotals, pooled, reference_frame
from kansrijk.analysis.reference import COLUMNS, reference_values
from kansrijk.analysis.region import region_links, regional_table

UNITS = {"alc_30d": "percentage", "drugs_30d": "percentage", "wb_life_sat": "mean"}


def table(rows: list[tuple[str, str, str, float | None, float | None, int, str | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        [(i, UNITS[i], dt, d, e, s, n, sup) for i, dt, d, e, s, n, sup in rows],
        schema={
            "indicator": pl.String,
            "unit": pl.String,
            "domain_type": pl.String,
            "domain": pl.String,
            "estimate": pl.Float64,
            "se": pl.Float64,
            "n": pl.Int64,
            "suppressed": pl.String,
        },
        orient="row",
    )


def municipality(
    code: str,
    enrolment: int,
    alc: tuple[float, float, int],
    life: tuple[float, float | None, int],
    drugs: tuple[float | None, str | None] = (0.05, None),
    *,
    year: int = 2025,
    grades: tuple[int, ...] = (2, 4),
) -> PublishedTotals:
    n = alc[2]
    rows = [
        ("alc_30d", "total", "", *alc, None),
        ("wb_life_sat", "total", "", *life, None),
        ("drugs_30d", "total", "", drugs[0], 0.01 if drugs[0] is not None else None, n, drugs[1]),
        # a school's figure: never part of a reference or a region table
        ("alc_30d", "school", f"{code[-2:]}AA00", 0.99, 0.01, 40, None),
    ]
    return PublishedTotals(code, f"Gemeente {code}", year, grades, enrolment, table(rows))


@pytest.fixture
def published() -> list[PublishedTotals]:
    return [
        municipality("GM0001", 2000, (0.25, 0.01, 1500), (7.1, 0.1, 1500)),
        municipality("GM0002", 1000, (0.20, 0.01, 800), (7.0, 0.1, 800)),
        municipality("GM0003", 3000, (0.30, 0.02, 2000), (7.5, None, 2000)),
        # GM0004 withheld drugs_30d (its number never reaches a published table; kept here to prove it)
        municipality("GM0004", 1000, (0.10, 0.03, 700), (6.5, 0.2, 700), (0.40, "count<3")),
        municipality("GM0005", 5000, (0.90, 0.01, 4000), (9.0, 0.1, 4000), grades=(3,)),
        municipality("GM0006", 5000, (0.90, 0.01, 4000), (9.0, 0.1, 4000), year=2023),
    ]


def test_reference_frame_has_the_reference_file_columns(published: list[PublishedTotals]) -> None:
    frame = reference_frame("GM0001", 2025, [4, 2], published)
    assert frame.columns[: len(COLUMNS)] == list(COLUMNS)  # the reference file's columns, in its order
    assert {"leerjaren", "leerlingen", "bron"} <= set(frame.columns)
    # own municipality, other grades, other year, school rows and the withheld cell are all left out
    assert sorted(frame["gemeentecode"].unique().to_list()) == ["GM0002", "GM0003", "GM0004"]
    assert set(frame["indicator"].to_list()) == {"alc_30d", "wb_life_sat"}  # drugs_30d: only 2 publish it
    alc = frame.filter(pl.col("indicator") == "alc_30d").sort("gemeentecode")
    assert alc["schatting"].to_list() == [20.0, 30.0, 10.0]  # as published: percentages on 0–100
    assert alc["leerlingen"].to_list() == [1000, 3000, 1000] and set(alc["leerjaren"]) == {"2,4"}


def test_pool_is_enrolment_weighted_with_the_hand_worked_values(published: list[PublishedTotals]) -> None:
    pool = {
        r["indicator"]: r
        for r in pooled(reference_frame("GM0001", 2025, [2, 4], published), UNITS).iter_rows(named=True)
    }
    alc = pool["alc_30d"]
    assert math.isclose(alc["estimate"], 0.24, rel_tol=1e-12)
    assert math.isclose(alc["se"], 0.013564659966250536, rel_tol=1e-12)
    assert alc["municipalities"] == 3 and alc["population"] == 5000 and alc["year"] == 2025
    life = pool["wb_life_sat"]
    assert math.isclose(life["estimate"], 7.2, rel_tol=1e-12) and life["se"] is None


def test_fewer_than_three_municipalities_make_no_reference(published: list[PublishedTotals]) -> None:
    two_others = [m for m in published if m.code in ("GM0001", "GM0002", "GM0003")]
    assert reference_frame("GM0001", 2025, [2, 4], two_others).is_empty()
    assert MIN_MUNICIPALITIES == 3


def test_the_existing_reference_code_reads_the_live_frame(published: list[PublishedTotals]) -> None:
    """Drop-in for an imported reference table: the pipeline's reader takes the frame as it is."""
    values = reference_values(reference_frame("GM0001", 2025, [2, 4], published), 2025, UNITS)
    row = values.filter(pl.col("indicator") == "alc_30d").row(0, named=True)
    assert row["municipalities"] == 3 and row["year"] == 2025


def test_region_table_pools_published_figures_only(published: list[PublishedTotals]) -> None:
    members = published[:4]
    t = regional_table("GGD-ZL", members)
    assert set(t["domain_type"]) == {"region", "municipality"}  # no school, no other breakdown
    region = {r["indicator"]: r for r in t.filter(pl.col("domain_type") == "region").iter_rows(named=True)}
    assert math.isclose(region["alc_30d"]["estimate"], 1700 / 7000, rel_tol=1e-12)
    assert region["alc_30d"]["municipalities"] == 4 and region["alc_30d"]["suppressed"] is None
    withheld = t.filter(pl.col("domain") == "GM0004", pl.col("indicator") == "drugs_30d").row(0, named=True)
    assert withheld["estimate"] is None and withheld["suppressed"] == "niet gepubliceerd"
    assert region["drugs_30d"]["municipalities"] == 3  # GM0004's withheld cell is not in the pool
    assert math.isclose(region["drugs_30d"]["estimate"], 0.05, rel_tol=1e-12)


def test_a_withheld_figure_cannot_be_recovered_from_the_region_row(published: list[PublishedTotals]) -> None:
    """Region minus the others gives nothing: the region row does not move with the withheld value."""
    members = published[:4]
    other = municipality("GM0004", 1000, (0.10, 0.03, 700), (6.5, 0.2, 700), (0.95, "count<3"))
    a = regional_table("GGD-ZL", members).filter(pl.col("domain_type") == "region")
    b = regional_table("GGD-ZL", [*members[:3], other]).filter(pl.col("domain_type") == "region")
    assert a.equals(b)
    assert Margin("region", "municipality") in declared_margins()
    links = region_links(regional_table("GGD-ZL", members))
    assert links["child"].to_list() == ["GM0001", "GM0002", "GM0003", "GM0004"]
    assert set(links["parent"]) == {"GGD-ZL"}


def test_region_row_needs_three_publishing_municipalities(published: list[PublishedTotals]) -> None:
    t = regional_table("GGD-ZL", published[:2])
    region = t.filter(pl.col("domain_type") == "region")
    assert region["estimate"].null_count() == region.height
    assert set(region["suppressed"]) == {"gemeenten<3"}
    with pytest.raises(ValueError, match="one year"):
        regional_table("GGD-ZL", [published[0], published[5]])
