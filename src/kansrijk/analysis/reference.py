"""The reference: other municipalities' *published* aggregate tables, never their microdata (DESIGN.md §4).

A reference file lists, per municipality, indicator and year, a published estimate (percentages on the
0–100 scale, as published), optionally its standard error, n, the grades it covers, its pupil population and
its source (format: docs/methods/reference.md). The reference value for a wave is pooled over the *other*
municipalities — the wave's own municipality is always left out, so it is never compared with itself — from
the latest year not after the wave's year, **by enrolment** (the pupils the figure is about, `leerlingen`):

    r = Σ N_j·e_j / Σ N_j,   se(r) = √(Σ (N_j/ΣN)²·se_j²)   (independent municipalities)

A file without `leerlingen` is pooled by respondents (`n`), one without either as a plain mean; the result
says which (`pooled_by`). **Grades**: rows with a single grade (`leerjaar`) are pooled per grade over the
wave's own grades and then combined with the wave's enrolment per grade as weights (the reference stands
for the same grade mix); rows with a set of grades (`leerjaren`, e.g. ``2,4``) are used only when that set is
the wave's; a file without grade columns cannot be checked and the result says so (`grades`). Year and
source travel with the value. When any municipality lacks an SE or a size, the reference SE is unknown and
the comparison treats the reference as a fixed value (``compare`` documents this).
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
    "leerjaar": pl.Int64,  # one grade per row (optional)
    "leerjaren": pl.String,  # or the grades the figure covers, e.g. "2,4" (optional)
    "leerlingen": pl.Float64,  # enrolment the figure is about (optional; pooled by it when given)
    "bron": pl.String,  # source, e.g. "GGD Gezondheidsmonitor Jeugd 2023" (optional)
}
REQUIRED = ("gemeentecode", "indicator", "jaar", "schatting")


def read_reference(source: str | Path | bytes) -> pl.DataFrame:
    """Read a reference table (CSV with `;` and decimal comma, or Parquet) into the columns of ``COLUMNS``."""
    if isinstance(source, str | Path) and str(source).endswith(".parquet"):
        frame = pl.read_parquet(source)
    else:
        raw = source if isinstance(source, bytes) else Path(source).read_bytes()
        text = raw.decode("utf-8-sig") if raw[:3] == b"\xef\xbb\xbf" else _decode(raw)
        frame = pl.read_csv(io.StringIO(text), separator=";", infer_schema=False)
    missing = sorted(set(REQUIRED) - set(frame.columns))
    if missing:
        raise AnalysisError("reference", f"missing column(s) {missing}", f"the columns are {list(COLUMNS)}")
    for name, dtype in COLUMNS.items():
        if name not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=dtype).alias(name))
    try:
        out = frame.select(
            [
                _text(n).cast(d) if d == pl.String else _text(n).str.replace(",", ".", literal=True).cast(d)
                for n, d in COLUMNS.items()
            ]
        )
    except pl.exceptions.InvalidOperationError as exc:
        raise AnalysisError(
            "reference", f"a value cannot be read: {exc}", "numbers with a decimal comma"
        ) from None
    return out.with_columns(pl.col("leerjaren").str.replace_all(r"[;\s]+", ","))


def _text(name: str) -> pl.Expr:
    return pl.col(name).cast(pl.String).str.strip_chars().replace("", None)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def _grade_set(text: str | None) -> tuple[int, ...] | None:
    if text is None:
        return None
    return tuple(sorted({int(part) for part in text.replace(";", ",").split(",") if part.strip()}))


def reference_values(
    reference: pl.DataFrame,
    year: int,
    units: dict[str, str],
    *,
    own_municipality: str | None = None,
    grades: dict[int, float] | None = None,
) -> pl.DataFrame:
    """Pooled reference per indicator for a wave in ``year``.

    Returns ``indicator, estimate, se, n, municipalities, year, source, pooled_by, grades``. ``units`` maps
    indicator code → ``percentage``/``mean``; percentages are rescaled from 0–100 to 0–1 so they compare with
    Kansrijk's estimates. ``own_municipality`` (the wave's CBS code) is left out; ``grades`` maps each of
    the wave's grades to its enrolment (the weights that combine per-grade reference rows).
    """
    ref = reference
    for name, dtype in COLUMNS.items():
        if name not in ref.columns:
            ref = ref.with_columns(pl.lit(None, dtype=dtype).alias(name))
    ref = ref.filter(pl.col("jaar") <= year, pl.col("indicator").is_in(list(units)))
    if own_municipality is not None:
        ref = ref.filter(pl.col("gemeentecode") != own_municipality)
    wave_grades = tuple(sorted(grades)) if grades else None
    per_grade = ref.filter(pl.col("leerjaar").is_not_null())
    whole = ref.filter(pl.col("leerjaar").is_null())
    if wave_grades is not None:
        per_grade = per_grade.filter(pl.col("leerjaar").is_in(list(wave_grades)))
        sets = whole["leerjaren"].map_elements(
            lambda t: ",".join(map(str, _grade_set(t) or ())), return_dtype=pl.String
        )
        wanted = ",".join(map(str, wave_grades))
        whole = whole.filter((sets == wanted) | pl.col("leerjaren").is_null())
    parts = []
    if whole.height:
        parts.append(_pool(whole, units).with_columns(pl.lit(None, dtype=pl.Int64).alias("leerjaar")))
    if per_grade.height:
        parts.append(
            pl.concat(
                [
                    _pool(rows, units).with_columns(pl.lit(g, dtype=pl.Int64).alias("leerjaar"))
                    for (g,), rows in per_grade.group_by(["leerjaar"], maintain_order=True)
                ]
            )
        )
    if not parts:
        return pl.DataFrame(schema=OUTPUT)
    pooled = pl.concat(parts, how="diagonal_relaxed")
    whole_out = pooled.filter(pl.col("leerjaar").is_null()).with_columns(
        pl.when(pl.col("checked"))
        .then(pl.col("grades_text"))
        .otherwise(pl.lit("niet vermeld"))
        .alias("grades")
    )
    graded = pooled.filter(pl.col("leerjaar").is_not_null())
    if graded.height and wave_grades is not None and grades:
        weights = pl.DataFrame(
            {"leerjaar": list(grades), "__W": [float(v) for v in grades.values()]},
            schema={"leerjaar": pl.Int64, "__W": pl.Float64},
        )
        combined = (
            graded.join(weights, on="leerjaar")
            .group_by("indicator")
            .agg(
                ((pl.col("__W") * pl.col("estimate")).sum() / pl.col("__W").sum()).alias("estimate"),
                (((pl.col("__W") / pl.col("__W").sum()) ** 2 * pl.col("se") ** 2).sum().sqrt()).alias("se"),
                pl.col("se").is_null().any().alias("__unknown"),
                pl.col("n").sum(),
                pl.col("municipalities").max(),
                pl.col("year").min(),
                pl.col("source").first(),
                pl.col("pooled_by").first(),
                pl.col("leerjaar").sort().cast(pl.String).str.join(",").alias("__have"),
            )
            .filter(pl.col("__have") == ",".join(map(str, wave_grades)))  # every grade of the wave
            .with_columns(
                pl.when(pl.col("__unknown")).then(None).otherwise(pl.col("se")).alias("se"),
                (pl.lit("per leerjaar ") + pl.col("__have") + pl.lit(", gewogen naar deze meting")).alias(
                    "grades"
                ),
            )
        )
        # per-grade rows are the better match: they replace a whole-file row of the same indicator
        whole_out = whole_out.join(combined.select("indicator"), on="indicator", how="anti")
        whole_out = pl.concat([whole_out.select(list(OUTPUT)), combined.select(list(OUTPUT))])
    return whole_out.select(list(OUTPUT)).sort("indicator")


OUTPUT = {
    "indicator": pl.String,
    "estimate": pl.Float64,
    "se": pl.Float64,
    "n": pl.Int64,
    "municipalities": pl.UInt32,
    "year": pl.Int64,
    "source": pl.String,
    "pooled_by": pl.String,
    "grades": pl.String,
}


def _pool(reference: pl.DataFrame, units: dict[str, str]) -> pl.DataFrame:
    """Pool the latest year per indicator by enrolment (or respondents, or plainly; see the module)."""
    latest = reference.group_by("indicator").agg(pl.col("jaar").max().alias("__year"))
    rows = reference.join(latest, on="indicator").filter(pl.col("jaar") == pl.col("__year"))
    scale = (
        pl.when(pl.col("indicator").replace_strict(units, default="mean") == "percentage")
        .then(0.01)
        .otherwise(1.0)
    )
    rows = rows.with_columns(
        (pl.col("schatting") * scale).alias("e"),
        (pl.col("se") * scale).alias("s"),
        pl.when(pl.col("leerlingen").is_not_null().all().over("indicator"))
        .then(pl.col("leerlingen"))
        .otherwise(pl.col("n").cast(pl.Float64))
        .alias("__size"),
        pl.when(pl.col("leerlingen").is_not_null().all().over("indicator"))
        .then(pl.lit("leerlingen"))
        .when(pl.col("n").is_not_null().all().over("indicator") & (pl.col("n").sum().over("indicator") > 0))
        .then(pl.lit("respondenten (leerlingaantal ontbreekt)"))
        .otherwise(pl.lit("gelijk (omvang ontbreekt)"))
        .alias("__by"),
    )
    size = pl.col("__size")
    return (
        rows.group_by("indicator")
        .agg(
            ((size * pl.col("e")).sum() / size.sum()).alias("weighted"),
            pl.col("e").mean().alias("plain"),
            (((size / size.sum()) ** 2 * pl.col("s") ** 2).sum().sqrt()).alias("se"),
            (pl.col("__size").is_null().any() | pl.col("s").is_null().any()).alias("unknown"),
            pl.col("n").sum().alias("n"),
            pl.len().alias("municipalities"),
            pl.col("jaar").first().alias("year"),
            pl.col("bron").drop_nulls().unique().sort().str.join("; ").alias("source"),
            pl.col("__by").first().alias("pooled_by"),
            pl.col("leerjaren").is_not_null().all().alias("checked"),
            pl.col("leerjaren").drop_nulls().first().alias("grades_text"),
        )
        .with_columns(
            pl.when(pl.col("pooled_by").str.starts_with("gelijk"))
            .then(pl.col("plain"))
            .otherwise(pl.col("weighted"))
            .alias("estimate"),
            pl.when(pl.col("unknown")).then(None).otherwise(pl.col("se")).alias("se"),
            pl.when(pl.col("source") == "").then(None).otherwise(pl.col("source")).alias("source"),
        )
    )
