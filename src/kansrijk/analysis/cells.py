"""Calibration cells: the collapsing rule for sparse post-strata and iterative proportional fitting.

Both work on the small table of cells (one row per combination of the calibration columns), never on the
respondents, because calibration factors are constant within a cell.

**Collapsing rule** (post-stratification, `by = (b1, …, bk)`): a cell with fewer than `min_cell_n` respondents
— in particular an enrolment cell with nobody in the sample — is merged with all cells that share its values
of `b1 … b(k-1)` (e.g. across gender within school × grade); if that merged cell is still short, with all
cells that share `b1 … b(k-2)` (across grade within school), and so on. Collapsing never crosses the first
column (typically the school): a first-column group with too few respondents is an error to fix in the
population frame (e.g. leave out a school that did not take part).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from kansrijk.analysis.errors import CalibrationError

LEVEL = "__level"
CELL = "__cell"


@dataclass(frozen=True)
class CollapsedCells:
    """The mapping of each full cell key to its (possibly collapsed) calibration cell."""

    mapping: pl.DataFrame  # by columns, __level, __cell
    cells: pl.DataFrame  # __cell, n (respondents), N (population)
    collapses: pl.DataFrame  # by columns (masked beyond level), __level, n, N — the merged cells only


def _masked(by: Sequence[str]) -> list[pl.Expr]:
    return [
        pl.when(pl.col(LEVEL) > i).then(pl.col(name)).otherwise(None).alias(name) for i, name in enumerate(by)
    ]


def collapse_cells(
    sample: pl.DataFrame, population: pl.DataFrame, by: Sequence[str], min_cell_n: int
) -> CollapsedCells:
    """Apply the collapsing rule of this module to `sample` (by…, n) and `population` (by…, N)."""
    by = list(by)
    full = sample.join(population, on=by, how="full", coalesce=True, nulls_equal=True).with_columns(
        pl.col("n").fill_null(0), pl.col("N").fill_null(0.0)
    )
    orphan = full.filter((pl.col("n") > 0) & (pl.col("N") <= 0))
    if orphan.height:
        first = orphan.row(0, named=True)
        raise CalibrationError(
            "population",
            f"{orphan.height} cell(s) have respondents but no population count, e.g. "
            + ", ".join(f"{k}={first[k]!r}" for k in by),
            "add the cell to the enrolment/population table, or give its respondents a value that has one",
        )
    full = full.filter((pl.col("n") > 0) | (pl.col("N") > 0)).with_columns(pl.lit(len(by)).alias(LEVEL))
    for level in range(len(by) - 1, 0, -1):
        current = full.with_columns(_masked(by)).group_by([*by, LEVEL], maintain_order=True).agg(pl.sum("n"))
        short = (
            current.filter((pl.col("n") < min_cell_n) & (pl.col(LEVEL) > level)).select(by[:level]).unique()
        )
        if short.height == 0:
            break
        full = (
            full.join(
                short.with_columns(pl.lit(True).alias("__short")), on=by[:level], how="left", nulls_equal=True
            )
            .with_columns(
                pl.when(pl.col("__short"))
                .then(pl.min_horizontal(LEVEL, pl.lit(level)))
                .otherwise(pl.col(LEVEL))
            )
            .drop("__short")
        )
    masked = full.with_columns(_masked(by))
    cells = (
        masked.group_by([*by, LEVEL], maintain_order=True).agg(pl.sum("n"), pl.sum("N")).with_row_index(CELL)
    )
    short = cells.filter(pl.col("n") < min_cell_n)
    if short.height:
        first = short.row(0, named=True)
        raise CalibrationError(
            "population",
            f"{short.height} cell(s) keep fewer than {min_cell_n} respondents after collapsing, e.g. "
            + ", ".join(f"{k}={first[k]!r}" for k in by[: max(first[LEVEL], 1)]),
            f"collapsing never crosses {by[0]!r}: leave that group out of the population table "
            "or lower min_cell_n",
        )
    mapping = masked.join(cells.select([*by, LEVEL, CELL]), on=[*by, LEVEL], how="left", nulls_equal=True)
    mapping = full.select(by).with_columns(mapping.select(LEVEL, CELL))
    return CollapsedCells(
        mapping=mapping,
        cells=cells.select(CELL, "n", "N"),
        collapses=cells.filter(pl.col(LEVEL) < len(by)).drop(CELL),
    )


def rake_factors(
    base: np.ndarray,
    codes: Sequence[np.ndarray],
    targets: Sequence[np.ndarray],
    tolerance: float,
    max_iter: int,
) -> np.ndarray:
    """Iterative proportional fitting on a cell table; returns the factor each cell's weights are
    multiplied by.

    `base[c]` is the weight total of cell c, `codes[m][c]` its category in margin m, `targets[m][g]` the
    population count of category g. One sweep post-stratifies to each margin in turn, as R's `rake()` does;
    the fixed point is the same, but Kansrijk stops on a relative tolerance (default 1e-12) instead of R's
    absolute `epsilon = 1` weighted count.
    """
    factor = np.ones_like(base)
    for _ in range(max_iter):
        for code, target in zip(codes, targets, strict=True):
            sums = np.bincount(code, weights=base * factor, minlength=len(target))
            factor *= (target / sums)[code]
        worst = 0.0
        for code, target in zip(codes, targets, strict=True):
            sums = np.bincount(code, weights=base * factor, minlength=len(target))
            worst = max(worst, float(np.max(np.abs(sums - target) / target)))
        if worst <= tolerance:
            return factor
    raise CalibrationError(
        "rake",
        f"raking did not converge in {max_iter} sweeps (worst relative margin error {worst:.3g})",
        "check that the margins describe the same population (equal totals) and that no combination of "
        "categories that the margins require is empty; raise max_iter if it is merely slow",
    )
