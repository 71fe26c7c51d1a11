"""Disclosure over a whole synthetic region: region ⊃ municipality through the linked audit.

Five municipalities of one region publish a wave (2025, grades 2 and 4); each withholds some of its totals
(primary suppression by its own rules), publishes the rest. The region table pools published cells only, so
the linear programmes of :func:`kansrijk.analysis.linked.recoverable` — the attacker who knows every
enrolment and every published figure — find no withheld municipal cell they can pin down. The counter-test:
a region figure that pooled *every* member (withheld values too) is caught by the same audit, and the
region row is then suppressed as the complement.

Hand-worked, alc_30d, the naive region over all five (enrolments 1000, 2000, 1500, 800, 1200 = 6500):
    r = (1000·0.20 + 2000·0.30 + 1500·0.25 + 800·0.40 + 1200·0.15) / 6500 = 1675 / 6500 = 0.2577
    GM0004 (withheld 0.40) = (r·6500 − 200 − 600 − 375 − 180) / 800 = 320 / 800 = 0.40 exactly:
    the difference recovers it (to the rounding of the published figures).
"""

from __future__ import annotations

import math

import polars as pl
import pytest

from kansrijk.analysis.disclosure import DisclosureRules
from kansrijk.analysis.live_reference import PublishedTotals
from kansrijk.analysis.region import audit_region, linked_cells, region_links, regional_table

UNITS = {"alc_30d": "percentage", "drugs_30d": "percentage", "wb_life_sat": "mean"}
#: code, enrolment, respondents, {indicator: (estimate, se, suppressed-by-the-municipality)}
MEMBERS: list[tuple[str, int, int, dict[str, tuple[float, float, str | None]]]] = [
    ("GM0001", 1000, 850, {"alc_30d": (0.20, 0.014, None), "drugs_30d": (0.03, 0.006, None),
                           "wb_life_sat": (7.1, 0.05, None)}),
    ("GM0002", 2000, 1700, {"alc_30d": (0.30, 0.011, None), "drugs_30d": (0.002, 0.001, "count<3"),
                            "wb_life_sat": (7.3, 0.04, None)}),
    ("GM0003", 1500, 1300, {"alc_30d": (0.25, 0.012, None), "drugs_30d": (0.04, 0.005, None),
                            "wb_life_sat": (6.9, 0.30, "rse>0.3")}),
    ("GM0004", 800, 9, {"alc_30d": (0.40, 0.16, "n<10"), "drugs_30d": (0.0, 0.0, "n<10"),
                        "wb_life_sat": (6.0, 0.50, "n<10")}),
    ("GM0005", 1200, 1000, {"alc_30d": (0.15, 0.011, None), "drugs_30d": (0.05, 0.007, None),
                            "wb_life_sat": (7.0, 0.05, None)}),
]  # fmt: skip


def member(code: str, enrolment: int, n: int, cells: dict[str, tuple[float, float, str | None]], *,
           reveal: bool = False) -> PublishedTotals:  # fmt: skip
    """A municipality's result table: its totals (a withheld one keeps only ``n``, as published) and a
    school row that never reaches a region table. ``reveal`` publishes the withheld values (the naive
    region of the counter-test)."""
    rows = []
    for indicator, (estimate, se, suppressed) in cells.items():
        hidden = suppressed is not None and not reveal
        rows.append((indicator, UNITS[indicator], "total", "", None if hidden else estimate,
                     None if hidden else se, n, None if reveal else suppressed))  # fmt: skip
    rows.append(("alc_30d", "percentage", "school", f"{code[-2:]}AA00", 0.9, 0.05, 40, None))
    table = pl.DataFrame(
        rows,
        schema={"indicator": pl.String, "unit": pl.String, "domain_type": pl.String, "domain": pl.String,
                "estimate": pl.Float64, "se": pl.Float64, "n": pl.Int64, "suppressed": pl.String},
        orient="row",
    )  # fmt: skip
    return PublishedTotals(code, f"Gemeente {code}", 2025, (2, 4), enrolment, table)


@pytest.fixture
def region() -> pl.DataFrame:
    return regional_table("GGD-TEST", [member(*m) for m in MEMBERS])


def withheld(table: pl.DataFrame) -> set[tuple[str, str]]:
    rows = table.filter(pl.col("domain_type") == "municipality", pl.col("suppressed").is_not_null())
    return set(zip(rows["indicator"], rows["domain"], strict=True))


def test_no_withheld_municipal_cell_is_recoverable_from_the_region(region: pl.DataFrame) -> None:
    protected, left = audit_region(region)
    assert left.is_empty()
    expected = {("drugs_30d", "GM0002"), ("wb_life_sat", "GM0003")} | {(i, "GM0004") for i in UNITS}
    assert withheld(region) == withheld(protected) == expected
    # the region figures are published (≥ 3 publishing members each) and unchanged by the audit
    rows = protected.filter(pl.col("domain_type") == "region")
    assert rows["suppressed"].null_count() == 3
    assert (
        rows["estimate"].to_list() == region.filter(pl.col("domain_type") == "region")["estimate"].to_list()
    )
    alc = rows.filter(pl.col("indicator") == "alc_30d").row(0, named=True)
    assert math.isclose(alc["estimate"], (200 + 600 + 375 + 180) / 5700, rel_tol=1e-12)
    assert alc["municipalities"] == 4
    # a withheld cell keeps its n (published by the municipality), never its numbers
    gm4 = protected.filter(pl.col("domain") == "GM0004")
    assert gm4["n"].to_list() == [9, 9, 9] and gm4["estimate"].null_count() == 3


def test_the_margin_of_each_region_figure_is_its_publishing_members(region: pl.DataFrame) -> None:
    drugs = region_links(region, "drugs_30d")
    assert drugs["child"].to_list() == ["GM0001", "GM0003", "GM0005"]
    assert set(drugs["parent"]) == {"GGD-TEST"} and set(drugs["child_type"]) == {"municipality"}
    assert region_links(region)["child"].to_list() == [m[0] for m in MEMBERS]  # the whole region
    cells = linked_cells(region).filter(pl.col("indicator") == "alc_30d", pl.col("domain") == "GM0001")
    assert cells.row(0, named=True)["weighted_n"] == 1000.0 and cells.row(0, named=True)["n_yes"] == 170


def test_a_region_figure_over_every_member_is_caught_and_withheld() -> None:
    """The naive region pools the withheld values too: region minus the others gives them back."""
    naive = regional_table("GGD-TEST", [member(*m, reveal=True) for m in MEMBERS])
    published = regional_table("GGD-TEST", [member(*m) for m in MEMBERS])
    # the naive region's figures next to the members' real (published or withheld) cells
    table = pl.concat(
        [
            published.filter(pl.col("domain_type") == "municipality"),
            naive.filter(pl.col("domain_type") == "region"),
        ]
    )
    r = table.filter(pl.col("domain_type") == "region", pl.col("indicator") == "alc_30d").row(0, named=True)
    assert math.isclose(r["estimate"], 1675 / 6500, rel_tol=1e-12)
    others = 1000 * 0.20 + 2000 * 0.30 + 1500 * 0.25 + 1200 * 0.15
    assert math.isclose((round(r["estimate"], 3) * 6500 - others) / 800, 0.40, abs_tol=0.01)  # recovered

    def every_member(t: pl.DataFrame, _indicator: str) -> pl.DataFrame:
        return region_links(t)

    cells = linked_cells(table)
    from kansrijk.analysis.linked import recoverable

    attack = recoverable(cells, cells, every_member(table, ""), DisclosureRules())
    found = set(zip(attack["indicator"], attack["domain"], strict=True))
    assert {("alc_30d", "GM0004"), ("drugs_30d", "GM0004")} <= found
    # two withheld means (GM0003, GM0004) in one region figure: the difference gives only their sum
    assert not any(i == "wb_life_sat" for i, _ in found)
    protected, left = audit_region(table, links=every_member)
    assert left.is_empty()
    region_rows = {
        r["indicator"]: r for r in protected.filter(pl.col("domain_type") == "region").iter_rows(named=True)
    }
    for indicator in ("alc_30d", "drugs_30d"):
        assert region_rows[indicator]["suppressed"] == "complementary"
        assert region_rows[indicator]["estimate"] is None
    assert region_rows["wb_life_sat"]["suppressed"] is None
    assert withheld(protected) == withheld(published)  # the members' cells are theirs: not touched


def test_an_empty_region_audits_empty() -> None:
    protected, left = audit_region(regional_table("GGD-TEST", []))
    assert protected.is_empty() and left.is_empty()
