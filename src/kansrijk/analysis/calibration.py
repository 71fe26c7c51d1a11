"""Calibrate a design to known population counts: post-stratification and raking.

Both return a new `SurveyDesign` that carries the calibration *specification*; `estimate()` recomputes the
calibrated weights from the data and — the point of doing it this way — puts the calibration into the variance
through the residuals that R's `postStratify` / `rake` designs use (see `variance`). Replacing the weights
alone would overstate the variance of calibrated estimates.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from kansrijk.analysis.design import PostStratification, Raking, SurveyDesign
from kansrijk.analysis.errors import CalibrationError
from kansrijk.analysis.estimate import as_polars
from kansrijk.analysis.resolve import resolve


def _uncalibrated(design: SurveyDesign, place: str) -> None:
    if design.calibration is not None:
        raise CalibrationError(
            place,
            "the design is already calibrated",
            "calibrate the original design once: put every margin in one rake() call, or the full cell "
            "definition in one poststratify() call",
        )


def rake(
    data: Any,
    design: SurveyDesign,
    margins: Mapping[str, Mapping[object, float]],
    *,
    tolerance: float = 1e-12,
    max_iter: int = 1000,
) -> SurveyDesign:
    """Rake the weights to population `margins` ({column: {value: N}}), R's `rake()` by iterative fitting.

    Raises `CalibrationError` when a row has a value without a population count, a category with a count has
    no respondents (raking cannot fill it: merge it with a neighbour first), or the fit does not converge.
    """
    _uncalibrated(design, "rake")
    if not margins:
        raise CalibrationError("rake", "no margins given", "give at least one {column: {value: N}} margin")
    spec = Raking(
        margins=tuple(
            (name, tuple((value, float(n)) for value, n in m.items())) for name, m in margins.items()
        ),
        tolerance=tolerance,
        max_iter=max_iter,
    )
    calibrated = dataclasses.replace(design, calibration=spec)
    resolve(as_polars(data), calibrated)  # fail now, with the reason, rather than at the first estimate
    return calibrated


def poststratify(
    data: Any,
    design: SurveyDesign,
    by: Sequence[str],
    population: Any,
    *,
    count: str = "N",
    min_cell_n: int = 1,
) -> SurveyDesign:
    """Post-stratify to the cells `by` with population counts in `population` (the `by` columns and `count`).

    Cells with fewer than `min_cell_n` respondents are collapsed by the rule in `cells` (across the last `by`
    column within the others first, then the one before, never across the first).
    """
    _uncalibrated(design, "poststratify")
    by = list(by)
    pop = as_polars(population)
    missing = [name for name in [*by, count] if name not in pop.columns]
    if missing:
        raise CalibrationError("population", f"columns {missing} are missing", f"give {by} and {count!r}")
    if pop[count].null_count():
        raise CalibrationError("population", f"column {count!r} has missing counts", "fill in every count")
    pop = pop.group_by(by, maintain_order=True).agg(pl.col(count).cast(pl.Float64).sum())
    spec = PostStratification(
        by=tuple(by),
        population=tuple((tuple(row[:-1]), float(row[-1])) for row in pop.select([*by, count]).iter_rows()),
        min_cell_n=min_cell_n,
    )
    calibrated = dataclasses.replace(design, calibration=spec)
    resolve(as_polars(data), calibrated)
    return calibrated
