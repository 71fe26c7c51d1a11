"""The live reference: other consenting municipalities' *published* figures on the same installation.

A regional (or national) installation already holds the published result tables of its municipalities, so
the reference for one municipality need not be an imported CSV: it is pooled, live, from the others'
published municipal figures (DESIGN.md §4, "Reference"). The rules:

- only **published** cells of the municipal total (``domain_type == "total"``, not suppressed, with an
  estimate): never microdata, never a school or wijk figure, never a withheld number;
- the municipality itself is **excluded**;
- the **same wave year** and the **same target grades** (grades 2 and 4 are not compared with grade 3);
- **pooled by enrolment**: municipality *j* weighs ``w_j = N_j / Σ N``, with ``N_j`` its pupils enrolled in
  those grades, so the reference describes the pupils of the other municipalities together;
- at least :data:`MIN_MUNICIPALITIES` municipalities per indicator; an indicator with fewer has no reference.

``reference_frame`` gives one row per (other municipality × indicator) in the columns of the reference file
(:data:`kansrijk.analysis.reference.COLUMNS`: estimates as published, percentages on 0–100) plus
``leerjaren`` (the grades, ``"2,4"``), ``leerlingen`` (``N_j``) and ``bron`` — the columns the reference
file names for grades, population and source — so it can stand wherever an imported reference table
stands. ``pooled`` computes the reference value per indicator:

    r = Σ w_j·e_j,   se(r) = √(Σ w_j²·se_j²)   (independent samples; enrolments known, not estimated)

with the SE unknown (null) when any municipality's SE is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from kansrijk.analysis.reference import COLUMNS

#: Fewer municipalities than this make no reference (one or two would be recognisable, and no "pool").
MIN_MUNICIPALITIES = 3

#: What the ``bron`` column says for a live pool.
SOURCE = "gepubliceerde cijfers van deelnemende gemeenten (live)"

#: The reference file's columns for grades, population and source (added to COLUMNS where it lacks them).
EXTRA_COLUMNS = {"leerjaren": pl.String, "leerlingen": pl.Float64, "bron": pl.String}


@dataclass(frozen=True)
class PublishedTotals:
    """One municipality's published figures of one wave, as the results app stores them.

    ``table`` has (at least) the result-table columns ``indicator, unit, domain_type, domain, estimate, se,
    n, suppressed``; only its published municipal-total rows are ever read. ``enrolment`` is the number of
    pupils enrolled in ``grades`` (the wave's target grades) in that municipality.
    """

    code: str
    name: str
    year: int
    grades: tuple[int, ...]
    enrolment: int
    table: pl.DataFrame


def grades_text(grades: Sequence[int]) -> str:
    return ",".join(str(g) for g in sorted(set(grades)))


def published_totals(table: pl.DataFrame) -> pl.DataFrame:
    """The published municipal-total cells of a result table: no suppressed cell, no missing estimate."""
    return table.filter(
        pl.col("domain_type") == "total",
        pl.col("suppressed").is_null(),
        pl.col("estimate").is_not_null(),
    )


def reference_frame(
    own_code: str,
    year: int,
    grades: Sequence[int],
    published: Sequence[PublishedTotals],
    *,
    min_municipalities: int = MIN_MUNICIPALITIES,
) -> pl.DataFrame:
    """The live reference for ``own_code``'s wave of ``year`` and ``grades``, in the reference-file columns.

    Municipalities of another year or other grades, and ``own_code`` itself, are left out; so are indicators
    that fewer than ``min_municipalities`` of the rest publish. For many municipalities of one installation,
    build a :class:`ReferencePool` once and ask it for each.
    """
    return ReferencePool(published).frame(own_code, year, grades, min_municipalities=min_municipalities)


class ReferencePool:
    """Every municipality's published municipal totals in the reference-file columns, built once.

    Each municipality's reference is then a filter of one frame: a national installation asks for 342 of
    them, and rebuilding every other municipality's rows for each was quadratic (2.5 minutes at 342).
    """

    def __init__(self, published: Sequence[PublishedTotals]) -> None:
        parts = []
        scale = pl.when(pl.col("unit") == "percentage").then(100.0).otherwise(1.0)
        for m in published:
            if m.enrolment <= 0:
                continue
            parts.append(
                published_totals(m.table).select(
                    pl.lit(m.code).alias("gemeentecode"),
                    pl.lit(m.name).alias("gemeentenaam"),
                    pl.col("indicator").cast(pl.String),
                    pl.lit(m.year, dtype=pl.Int64).alias("jaar"),
                    (pl.col("estimate") * scale).alias("schatting"),
                    (pl.col("se") * scale).alias("se"),
                    pl.col("n").cast(pl.Int64).alias("n"),
                    pl.lit(grades_text(m.grades)).alias("leerjaren"),
                    pl.lit(float(m.enrolment), dtype=pl.Float64).alias("leerlingen"),
                    pl.lit(SOURCE).alias("bron"),
                )
            )
        self._rows = pl.concat(parts, how="vertical_relaxed") if parts else None

    def frame(
        self,
        own_code: str,
        year: int,
        grades: Sequence[int],
        *,
        min_municipalities: int = MIN_MUNICIPALITIES,
    ) -> pl.DataFrame:
        """:func:`reference_frame` for one municipality."""
        schema = {**COLUMNS, **EXTRA_COLUMNS}
        if self._rows is None:
            return pl.DataFrame(schema=schema)
        frame = self._rows.filter(
            pl.col("gemeentecode") != own_code,
            pl.col("jaar") == year,
            pl.col("leerjaren") == grades_text(grades),
        )
        if frame.is_empty():
            return pl.DataFrame(schema=schema)
        enough = (
            frame.group_by("indicator")
            .agg(pl.col("gemeentecode").n_unique().alias("__m"))
            .filter(pl.col("__m") >= min_municipalities)
            .select("indicator")
        )
        frame = frame.join(enough, on="indicator", how="semi")
        # The reference-file columns first, in their order (whatever reference.COLUMNS holds), then ours.
        for name, dtype in schema.items():
            if name not in frame.columns:
                frame = frame.with_columns(pl.lit(None, dtype=dtype).alias(name))
        return frame.select([pl.col(n).cast(d) for n, d in schema.items()]).sort("indicator", "gemeentecode")


def pooled(frame: pl.DataFrame, units: dict[str, str]) -> pl.DataFrame:
    """Enrolment-weighted reference per indicator from :func:`reference_frame`'s rows.

    Returns ``indicator, estimate, se, n, population, municipalities, year, grades``; estimates on
    Kansrijk's scale (percentages 0–1, as ``units`` says per indicator code).
    """
    scale = (
        pl.when(pl.col("indicator").replace_strict(units, default="mean") == "percentage")
        .then(0.01)
        .otherwise(1.0)
    )
    weight = pl.col("leerlingen") / pl.col("leerlingen").sum()
    return (
        frame.with_columns((pl.col("schatting") * scale).alias("__e"), (pl.col("se") * scale).alias("__s"))
        .group_by("indicator")
        .agg(
            (weight * pl.col("__e")).sum().alias("estimate"),
            pl.when(pl.col("__s").is_null().any())
            .then(None)
            .otherwise(((weight**2) * pl.col("__s") ** 2).sum().sqrt())
            .alias("se"),
            pl.col("n").sum().alias("n"),
            pl.col("leerlingen").sum().cast(pl.Int64).alias("population"),
            pl.col("gemeentecode").n_unique().cast(pl.Int64).alias("municipalities"),
            pl.col("jaar").first().alias("year"),
            pl.col("leerjaren").first().alias("grades"),
        )
        .sort("indicator")
    )
