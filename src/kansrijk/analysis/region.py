"""A region's table (GGD, region staff): its consenting municipalities' published figures and the region's.

A region sees only what its municipalities published: per indicator one row per municipality (its published
municipal total, or nothing where the municipality withheld it) and one region row. Never microdata, never a
school, wijk or other breakdown of a municipality.

**The region row** pools the members' *published* totals by enrolment, as the live reference does
(:func:`kansrijk.analysis.live_reference.pooled`): ``r = Σ w_j·e_j`` with ``w_j = N_j / Σ N`` over the
members that published the indicator, and is shown only when at least
:data:`~kansrijk.analysis.live_reference.MIN_MUNICIPALITIES` did. It says how many.

**Disclosure.** The region is one more margin: every municipality lies in one region
(``declare_margin("region", "municipality")``). A region figure that pooled *all* members would reveal a
member's withheld figure by differencing (region minus the others, enrolments being public). Because the
region row is built from published cells only, a withheld municipal figure is not part of it and cannot be
recovered from it — :func:`region_links` gives the margin to the linked-table audit all the same.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from kansrijk.analysis.domains import declare_margin
from kansrijk.analysis.live_reference import (
    MIN_MUNICIPALITIES,
    PublishedTotals,
    grades_text,
    pooled,
    published_totals,
    reference_frame,
)

REGION = "region"
MUNICIPALITY = "municipality"
declare_margin(REGION, MUNICIPALITY)

SCHEMA = {
    "indicator": pl.String,
    "unit": pl.String,
    "domain_type": pl.String,
    "domain": pl.String,
    "name": pl.String,
    "estimate": pl.Float64,
    "se": pl.Float64,
    "ci_low": pl.Float64,
    "ci_high": pl.Float64,
    "n": pl.Int64,
    "population": pl.Int64,
    "municipalities": pl.Int64,
    "suppressed": pl.String,
}


def regional_table(
    region_code: str,
    members: Sequence[PublishedTotals],
    *,
    min_municipalities: int = MIN_MUNICIPALITIES,
) -> pl.DataFrame:
    """Per indicator: the region row and one row per member (``domain_type`` ``region``/``municipality``).

    All members must be waves of one year and the same grades (a region table compares like with like);
    group them first. A member's row carries its published total or, where it published none, no number and
    ``suppressed = "niet gepubliceerd"``. The region row is withheld (``"gemeenten<3"``) below
    ``min_municipalities`` publishing members.
    """
    if not members:
        return pl.DataFrame(schema=SCHEMA)
    years = {m.year for m in members}
    grades = {grades_text(m.grades) for m in members}
    if len(years) > 1 or len(grades) > 1:
        raise ValueError(f"a region table needs one year and one set of grades, got {years} and {grades}")
    units = {
        str(i): str(u) for m in members for i, u in m.table.select("indicator", "unit").unique().iter_rows()
    }
    indicators = sorted(units)
    rows: list[dict[str, object]] = []
    for m in members:
        published = {r["indicator"]: r for r in published_totals(m.table).iter_rows(named=True)}
        for indicator in indicators:
            cell = published.get(indicator)
            rows.append(
                {
                    "indicator": indicator,
                    "unit": units[indicator],
                    "domain_type": MUNICIPALITY,
                    "domain": m.code,
                    "name": m.name,
                    "estimate": cell["estimate"] if cell else None,
                    "se": cell["se"] if cell else None,
                    "ci_low": cell.get("ci_low") if cell else None,
                    "ci_high": cell.get("ci_high") if cell else None,
                    "n": cell["n"] if cell else None,
                    "population": m.enrolment,
                    "municipalities": 1,
                    "suppressed": None if cell else "niet gepubliceerd",
                }
            )
    year, grade_list = members[0].year, members[0].grades
    frame = reference_frame("", year, grade_list, members, min_municipalities=1)
    pool = {r["indicator"]: r for r in pooled(frame, units).iter_rows(named=True)}
    for indicator in indicators:
        p = pool.get(indicator)
        enough = p is not None and int(p["municipalities"]) >= min_municipalities
        rows.append(
            {
                "indicator": indicator,
                "unit": units[indicator],
                "domain_type": REGION,
                "domain": region_code,
                "name": region_code,
                "estimate": p["estimate"] if p and enough else None,
                "se": p["se"] if p and enough else None,
                "ci_low": None,  # a pool of published figures: its SE is given, no interval is claimed
                "ci_high": None,
                "n": p["n"] if p and enough else None,
                "population": p["population"] if p else None,
                "municipalities": int(p["municipalities"]) if p else 0,
                "suppressed": None if enough else f"gemeenten<{min_municipalities}",
            }
        )
    return pl.DataFrame(rows, schema=SCHEMA, orient="row").sort("indicator", "domain_type", "domain")


def region_links(table: pl.DataFrame) -> pl.DataFrame:
    """The margin region ⊃ municipality as links (``parent_type, parent, child_type, child``)."""
    regions = table.filter(pl.col("domain_type") == REGION).select("domain").unique()
    members = table.filter(pl.col("domain_type") == MUNICIPALITY).select("domain").unique()
    return (
        regions.join(members, how="cross", suffix="_child")
        .select(
            pl.lit(REGION).alias("parent_type"),
            pl.col("domain").alias("parent"),
            pl.lit(MUNICIPALITY).alias("child_type"),
            pl.col("domain_child").alias("child"),
        )
        .sort("parent", "child")
    )
