"""The reporting domains of DESIGN.md §4, as columns added to a snapshot frame.

Each domain type is one or more snapshot columns; crossed domains (school × grade, grade × gender) are joined
into one string column (``99AA00|2``) so every domain type has a single key column and the result table can be
long: ``domain_type, domain``.
"""

from __future__ import annotations

from collections.abc import Mapping
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
