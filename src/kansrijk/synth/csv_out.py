"""CSV in Dutch municipal conventions: ``;`` separator, UTF-8 with BOM, decimal comma.

Excel in a Dutch locale opens these files directly with the right columns and numbers; the importers of
``kansrijk import`` read exactly these columns (documented in docs/methods/synthetic-data.md).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import polars as pl


def write_dutch_csv(frame: pl.DataFrame, path: str | os.PathLike[str]) -> None:
    """Write ``frame`` with ``;``, BOM, decimal comma and ``\\n`` line ends (deterministic bytes)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    frame.write_csv(
        Path(path),
        separator=";",
        include_bom=True,
        decimal_comma=True,
        line_terminator="\n",
        quote_style="necessary",
    )


def read_dutch_csv(
    path: str | os.PathLike[str],
    schema_overrides: Mapping[str, pl.DataType | type[pl.DataType]] | None = None,
) -> pl.DataFrame:
    """Read a file written by :func:`write_dutch_csv` (strings stay strings: CBS/BRIN codes are text)."""
    overrides = {n: d if isinstance(d, pl.DataType) else d() for n, d in (schema_overrides or {}).items()}
    return pl.read_csv(
        Path(path), separator=";", decimal_comma=True, infer_schema=False, encoding="utf8"
    ).with_columns(
        [
            (pl.col(name).str.replace(",", ".", literal=True) if dtype.is_float() else pl.col(name)).cast(
                dtype
            )
            for name, dtype in overrides.items()
        ]
    )
