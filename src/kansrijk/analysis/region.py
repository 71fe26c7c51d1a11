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
recovered from it. :func:`audit_region` checks that over the whole table all the same: per indicator the
margin (:func:`region_links`) is the region row over its publishing members, the attacker's linear
programmes of :func:`kansrijk.analysis.linked.recoverable` run over it, and the region row is withheld as
the complement should a withheld member's cell ever be recoverable. The regional view shows the audited table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import polars as pl

from kansrijk.analysis.disclosure import DisclosureRules
from kansrijk.analysis.domains import declare_margin
from kansrijk.analysis.linked import primary, recoverable
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
        totals = m.table.filter(pl.col("domain_type") == "total")
        counts = dict(zip(totals["indicator"].cast(pl.String), totals["n"], strict=True))
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
                    # a withheld cell keeps its n, as the municipality publishes it (linked.finish)
                    "n": cell["n"] if cell else counts.get(indicator),
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


def region_links(table: pl.DataFrame, indicator: str | None = None) -> pl.DataFrame:
    """The margin region ⊃ municipality as links (``parent_type, parent, child_type, child``).

    With ``indicator``: the members whose published cell the region row of that indicator pools — the
    region figure is the margin of exactly those (a withheld member is in no sum the region publishes).
    """
    regions = table.filter(pl.col("domain_type") == REGION).select("domain").unique()
    rows = table.filter(pl.col("domain_type") == MUNICIPALITY)
    if indicator is not None:
        rows = rows.filter(pl.col("indicator") == indicator, pl.col("suppressed").is_null())
    members = rows.select("domain").unique()
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


def linked_cells(table: pl.DataFrame) -> pl.DataFrame:
    """The region table in the linked-table audit's columns (:mod:`kansrijk.analysis.linked`).

    A cell's weighted size is its enrolment (``population``: public), so ``Y = estimate · W`` adds up along
    the margin exactly as the region row pools (``r · ΣN = Σ N_j · e_j``); ``n_yes`` and ``rse`` follow
    from the published estimate, ``n`` and SE.
    """
    percentage = pl.col("unit") == "percentage"
    return table.select(
        "indicator",
        "unit",
        "domain_type",
        "domain",
        "estimate",
        "se",
        "n",
        pl.when(percentage).then((pl.col("estimate") * pl.col("n")).round(0)).alias("n_yes"),
        pl.col("population").cast(pl.Float64).alias("weighted_n"),
        (pl.col("se") / pl.col("estimate").abs()).alias("rse"),
        "suppressed",
    )


def audit_region(
    table: pl.DataFrame,
    rules: DisclosureRules | None = None,
    *,
    links: Callable[[pl.DataFrame, str], pl.DataFrame] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Linked suppression and the recoverability audit over the margin region ⊃ municipality.

    Per indicator: the primary cells are the table's withheld cells (a member's ``niet gepubliceerd``, the
    region's ``gemeenten<3``) and the region row where :func:`kansrijk.analysis.linked.primary` suppresses
    it; then :func:`~kansrijk.analysis.linked.recoverable` solves the attacker's linear programmes over
    :func:`region_links`. The region controls one cell only — its own row (the members' cells are published
    by the municipalities) — so while a withheld cell is recoverable the region row is suppressed
    (``complementary``). Returns the table so protected and the cells still recoverable (empty when the
    table is safe). ``links`` replaces :func:`region_links` (the tests use it to audit a region figure that
    would pool every member).
    """
    r = rules or DisclosureRules()
    margin = links or region_links
    if table.is_empty():
        cells = linked_cells(table)
        return table, recoverable(cells, cells, region_links(table), r)
    cells = linked_cells(table)
    region = pl.col("domain_type") == REGION
    checked = primary(cells.filter(region), r).select(
        "indicator", "domain", pl.col("suppressed").alias("__p")
    )
    cells = (
        cells.join(checked, on=["indicator", "domain"], how="left")
        .with_columns(pl.coalesce("suppressed", "__p").alias("suppressed"))
        .drop("__p")
    )
    parts, left = [], []
    for indicator in cells["indicator"].unique(maintain_order=True).to_list():
        part = cells.filter(pl.col("indicator") == indicator)
        edges = margin(table, indicator)
        found = recoverable(part, part, edges, r)
        if not found.is_empty():
            part = part.with_columns(
                pl.when(region & pl.col("suppressed").is_null())
                .then(pl.lit("complementary"))
                .otherwise(pl.col("suppressed"))
                .alias("suppressed")
            )
            found = recoverable(part, part, edges, r)
        parts.append(part.select("indicator", "domain_type", "domain", pl.col("suppressed").alias("__s")))
        left.append(found)
    status = pl.concat(parts)
    keys = ["indicator", "domain_type", "domain"]
    hidden = pl.col("suppressed").is_not_null()
    out = (
        table.join(status, on=keys, how="left")
        .with_columns(pl.coalesce("suppressed", "__s").alias("suppressed"))
        .drop("__s")
        .with_columns(
            *[
                pl.when(hidden & (pl.col("domain_type") == REGION)).then(None).otherwise(pl.col(c)).alias(c)
                for c in ("estimate", "se", "ci_low", "ci_high", "n")
            ]
        )
    )
    return out, pl.concat(left)
