"""The reference: other municipalities' *published* aggregate tables, never their microdata (DESIGN.md §4).

A reference file lists, per municipality, indicator and year, a published estimate (percentages on the
0–100 scale, as published), optionally its standard error and n. The reference value for a wave is the
n-weighted mean over the reference municipalities of the latest year not after the wave's year:

    r = Σ n_j·e_j / Σ n_j,   se(r) = √(Σ (n_j/Σn)²·se_j²)   (independent municipalities)

When any municipality lacks an SE or n, the reference SE is unknown and the comparison treats the reference
as a fixed value (``compare`` documents this); the result says so.
"""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl

from kansrijk.analysis.errors import AnalysisError

#: Column names of the reference CSV (Dutch municipal conventions: `;`, decimal comma, UTF-8 with BOM).
COLUMNS = {
    "gemeentecode": pl.String,
    "gemeentenaam": pl.String,
    "indicator": pl.String,
    "jaar": pl.Int64,
    "schatting": pl.Float64,
    "se": pl.Float64,
    "n": pl.Int64,
}


def read_reference(source: str | Path | bytes) -> pl.DataFrame:
    """Read a reference table (CSV with `;` and decimal comma, or Parquet) into the columns of ``COLUMNS``."""
    if isinstance(source, str | Path) and str(source).endswith(".parquet"):
        frame = pl.read_parquet(source)
    else:
        raw = source if isinstance(source, bytes) else Path(source).read_bytes()
        text = raw.decode("utf-8-sig") if raw[:3] == b"\xef\xbb\xbf" else _decode(raw)
        frame = pl.read_csv(io.StringIO(text), separator=";", infer_schema=False)
    missing = sorted({"gemeentecode", "indicator", "jaar", "schatting"} - set(frame.columns))
    if missing:
        raise AnalysisError("reference", f"missing column(s) {missing}", f"the columns are {list(COLUMNS)}")
    for name, dtype in COLUMNS.items():
        if name not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=dtype).alias(name))
    try:
        return frame.select(
            [
                _text(n).cast(d) if d == pl.String else _text(n).str.replace(",", ".", literal=True).cast(d)
                for n, d in COLUMNS.items()
            ]
        )
    except pl.exceptions.InvalidOperationError as exc:
        raise AnalysisError(
            "reference", f"a value cannot be read: {exc}", "numbers with a decimal comma"
        ) from None


def _text(name: str) -> pl.Expr:
    return pl.col(name).cast(pl.String).str.strip_chars().replace("", None)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def reference_values(reference: pl.DataFrame, year: int, units: dict[str, str]) -> pl.DataFrame:
    """Pooled reference per indicator for a wave in ``year``: ``indicator, estimate, se, n, municipalities``.

    ``units`` maps indicator code → ``percentage``/``mean``; percentages are rescaled from 0–100 to 0–1 so
    they compare with Kansrijk's estimates.
    """
    usable = reference.filter(pl.col("jaar") <= year, pl.col("indicator").is_in(list(units)))
    latest = usable.group_by("indicator").agg(pl.col("jaar").max().alias("__year"))
    rows = usable.join(latest, on="indicator").filter(pl.col("jaar") == pl.col("__year"))
    scale = (
        pl.when(pl.col("indicator").replace_strict(units, default="mean") == "percentage")
        .then(0.01)
        .otherwise(1.0)
    )
    rows = rows.with_columns((pl.col("schatting") * scale).alias("e"), (pl.col("se") * scale).alias("s"))
    return (
        rows.group_by("indicator")
        .agg(
            ((pl.col("n") * pl.col("e")).sum() / pl.col("n").sum()).alias("weighted"),
            pl.col("e").mean().alias("plain"),
            (((pl.col("n") / pl.col("n").sum()) ** 2 * pl.col("s") ** 2).sum().sqrt()).alias("se"),
            pl.col("n").is_null().any().alias("n_unknown"),
            (pl.col("n").is_null().any() | pl.col("s").is_null().any()).alias("unknown"),
            pl.col("n").sum().alias("n"),
            pl.len().alias("municipalities"),
            pl.col("jaar").first().alias("year"),
        )
        .select(
            "indicator",
            pl.when(pl.col("n_unknown") | (pl.col("n") == 0))
            .then(pl.col("plain"))
            .otherwise(pl.col("weighted"))
            .alias("estimate"),
            pl.when(pl.col("unknown")).then(None).otherwise(pl.col("se")).alias("se"),
            "n",
            "municipalities",
            "year",
        )
        .sort("indicator")
    )
