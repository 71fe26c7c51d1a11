"""The reporting domains of DESIGN.md §4, as columns added to a snapshot frame.

Each domain type is one or more snapshot columns; crossed domains (school × grade, grade × gender) are joined
into one string column (``99AA00|2``) so every domain type has a single key column and the result table can be
long: ``domain_type, domain``.

Every domain type declares its **margins**: the domain types whose cells its own cells add up to (a school
× grade cell lies in one school and in one grade). Disclosure control (:mod:`kansrijk.analysis.linked`)
protects a cell over all declared margins at once, so a new breakdown — a risk group's subgroups, a factor's
levels, regions — must declare its margins with :func:`declare_margin` before its cells are published.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import polars as pl

#: Pupils who live outside the municipality form a domain of their own (DESIGN.md §4).
OUTSIDE = "buiten"


@dataclass(frozen=True)
class DomainType:
    code: str
    columns: tuple[str, ...]
    nl: str
    en: str


DOMAIN_TYPES: tuple[DomainType, ...] = (
    DomainType("total", (), "Gemeente", "Municipality"),
    DomainType("grade", ("grade",), "Leerjaar", "Grade"),
    DomainType("gender", ("gender",), "Geslacht", "Gender"),
    DomainType("school_type", ("school_type",), "Schooltype", "School type"),
    DomainType("school", ("school_id",), "School", "School"),
    DomainType("school_grade", ("school_id", "grade"), "School × leerjaar", "School × grade"),
    DomainType("grade_gender", ("grade", "gender"), "Leerjaar × geslacht", "Grade × gender"),
    DomainType("wijk", ("wijk",), "Wijk", "District (wijk)"),
)
DOMAIN_TYPE_CODES = tuple(d.code for d in DOMAIN_TYPES)


@dataclass(frozen=True)
class Margin:
    """Every cell of ``child`` lies within exactly one cell of ``parent``.

    The children of a parent cell add up to it, apart from pupils in no child cell (gender unknown, no school
    type), who form an unpublished rest.
    """

    parent: str
    child: str


_MARGINS: list[Margin] = []


def declare_margin(parent: str, child: str) -> Margin:
    """Declare that the cells of domain type ``child`` add up to cells of ``parent`` (idempotent)."""
    if parent == child:
        raise ValueError(f"a domain type cannot be its own margin ({parent!r})")
    margin = Margin(parent, child)
    if margin not in _MARGINS:
        _MARGINS.append(margin)
    return margin


def declared_margins(domain_types: Iterable[str] | None = None) -> tuple[Margin, ...]:
    """The declared margins among ``domain_types`` (default: all)."""
    codes = None if domain_types is None else set(domain_types)
    return tuple(m for m in _MARGINS if codes is None or (m.parent in codes and m.child in codes))


# The linked tables of DESIGN.md §4: every additive relation between the built-in domain types.
for _parent, _child in (
    ("total", "grade"),
    ("total", "gender"),
    ("total", "school_type"),
    ("total", "school"),
    ("total", "wijk"),
    ("total", "school_grade"),
    ("total", "grade_gender"),
    ("grade", "grade_gender"),
    ("gender", "grade_gender"),
    ("grade", "school_grade"),
    ("school", "school_grade"),
    ("school_type", "school"),
):
    declare_margin(_parent, _child)


def domain_key(domain_type: DomainType) -> str:
    return f"__domain_{domain_type.code}"


def add_domain_columns(frame: pl.DataFrame, school_types: Mapping[str, str] | None = None) -> pl.DataFrame:
    """Add one string key column per domain type; a null key means "not in any domain of this type".

    Gender ``x`` is a domain of its own; a pupil without gender is in no gender domain (but in every other).
    School type comes from ``school_types`` (school_id → vmbo/havo/vwo/pro); without it the domain is empty.
    """
    types = dict(school_types or {})
    out = frame.with_columns(
        pl.col("school_id").replace_strict(types, default=None, return_dtype=pl.String).alias("school_type"),
        pl.col("wijk").fill_null(OUTSIDE),
    )
    keys = []
    for dt in DOMAIN_TYPES:
        if not dt.columns:
            keys.append(pl.lit("").alias(domain_key(dt)))
            continue
        parts = [pl.col(c).cast(pl.String) for c in dt.columns]
        key = parts[0] if len(parts) == 1 else pl.concat_str(parts, separator="|", ignore_nulls=False)
        keys.append(key.alias(domain_key(dt)))
    return out.with_columns(keys)


def domain_links(frame: pl.DataFrame, margins: Iterable[Margin]) -> pl.DataFrame:
    """Which cell lies in which, per declared margin: ``parent_type, parent, child_type, child``.

    Read from the respondents' domain key columns (as :func:`add_domain_columns` adds them), so a margin holds
    for whatever the data say. A child cell that lies in two parent cells breaks the declaration: an error.
    """
    parts = []
    for m in margins:
        pkey, ckey = f"__domain_{m.parent}", f"__domain_{m.child}"
        if pkey not in frame.columns or ckey not in frame.columns:
            continue
        pairs = frame.select(pl.col(pkey).alias("parent"), pl.col(ckey).alias("child")).drop_nulls().unique()
        clash = pairs.group_by("child").agg(pl.len().alias("k")).filter(pl.col("k") > 1)
        if clash.height:
            raise ValueError(
                f"margin {m.parent} ⊃ {m.child} does not hold: cell {clash['child'][0]!r} lies in several "
                f"{m.parent} cells; declare only margins that nest"
            )
        parts.append(
            pairs.select(
                pl.lit(m.parent).alias("parent_type"),
                pl.col("parent").cast(pl.String),
                pl.lit(m.child).alias("child_type"),
                pl.col("child").cast(pl.String),
            )
        )
    schema = {"parent_type": pl.String, "parent": pl.String, "child_type": pl.String, "child": pl.String}
    return pl.concat(parts) if parts else pl.DataFrame(schema=schema)
