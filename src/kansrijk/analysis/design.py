"""The survey design as data: which columns hold strata, clusters, weights and fpc, and any calibration.

A `SurveyDesign` is a small frozen object, like the design object of R's `survey` package (Lumley), except
that it does not hold the data: every estimator takes the data frame and the design. Calibration
(post-stratification, raking) is stored as its specification — cells and population counts — and the
calibrated weights are computed again from the data whenever the design is used, so a design can be written to
a snapshot's `meta.json` and read back without losing anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kansrijk.analysis.errors import DesignError

LonelyPsu = Literal["adjust", "remove", "certainty", "fail"]
LONELY_PSU_OPTIONS: tuple[str, ...] = ("adjust", "remove", "certainty", "fail")

Key = tuple[object, ...]


@dataclass(frozen=True)
class PostStratification:
    """Post-stratify the weights to known population counts per cell (R: `postStratify`).

    `population` holds one `(key, N)` pair per cell, the key being the values of the `by` columns in order.
    Cells with fewer than `min_cell_n` respondents are collapsed (see `cells.collapse_cells`).
    """

    by: tuple[str, ...]
    population: tuple[tuple[Key, float], ...]
    min_cell_n: int = 1


@dataclass(frozen=True)
class Raking:
    """Rake the weights to known margins by iterative proportional fitting (R: `rake`).

    `margins` holds, per column, the `(value, N)` pairs of that margin. Iteration stops when every margin
    is met to `tolerance` (relative), or fails after `max_iter` sweeps.
    """

    margins: tuple[tuple[str, tuple[tuple[object, float], ...]], ...]
    tolerance: float = 1e-12
    max_iter: int = 1000


Calibration = PostStratification | Raking


@dataclass(frozen=True)
class SurveyDesign:
    """Strata, clusters (one column per stage), weights and finite population correction of a survey.

    - `psu`: the cluster column, or a list of columns for a multi-stage design (first = primary
      sampling unit); None means every row is its own unit. Units are nested: a PSU within its stratum,
      a stage-2 unit within its PSU (R: `svydesign(..., nest=TRUE)`).
    - `strata`: the stratum column of the first stage, or None.
    - `weights`: the column of sampling weights, or None: then the weights are those the fpc implies (product
      over stages of N/n), or 1 without fpc — as in R.
    - `fpc`: None (sampling with replacement at the first stage — Kansrijk's default, see DESIGN.md),
      a column, or one column per stage, holding either the population count of units in the stratum or a
      sampling fraction (all values <= 1), the conventions of R's `svydesign(fpc=)`.
    - `lonely_psu`: what a stratum with one PSU contributes to the variance (R's `survey.lonely.psu`).
    - `calibration`: set by `rake()` / `poststratify()`, not by hand.
    """

    psu: str | tuple[str, ...] | list[str] | None = None
    strata: str | None = None
    weights: str | None = None
    fpc: str | tuple[str, ...] | list[str] | None = None
    lonely_psu: LonelyPsu = "adjust"
    calibration: Calibration | None = field(default=None)

    def __post_init__(self) -> None:
        if isinstance(self.psu, list):
            object.__setattr__(self, "psu", tuple(self.psu))
        if isinstance(self.fpc, list):
            object.__setattr__(self, "fpc", tuple(self.fpc))
        if self.lonely_psu not in LONELY_PSU_OPTIONS:
            raise DesignError(
                "SurveyDesign.lonely_psu",
                f"unknown option {self.lonely_psu!r}",
                f"use one of {', '.join(LONELY_PSU_OPTIONS)}",
            )
        stages = self.psu_columns
        fpcs = self.fpc_columns
        if fpcs and len(fpcs) != max(len(stages), 1):
            raise DesignError(
                "SurveyDesign.fpc",
                f"{len(fpcs)} fpc column(s) for {max(len(stages), 1)} stage(s)",
                "give one fpc column per stage (R's svydesign refuses this too)",
            )

    @property
    def psu_columns(self) -> tuple[str, ...]:
        """The cluster column of each stage (empty when every row is its own unit)."""
        if self.psu is None:
            return ()
        if isinstance(self.psu, str):
            return (self.psu,)
        return tuple(self.psu)

    @property
    def fpc_columns(self) -> tuple[str, ...]:
        """The fpc column of each stage (empty without fpc)."""
        if self.fpc is None:
            return ()
        if isinstance(self.fpc, str):
            return (self.fpc,)
        return tuple(self.fpc)

    @property
    def columns(self) -> tuple[str, ...]:
        """Every data column the design reads."""
        cols: list[str] = [*self.psu_columns, *self.fpc_columns]
        if self.strata:
            cols.append(self.strata)
        if self.weights:
            cols.append(self.weights)
        if isinstance(self.calibration, PostStratification):
            cols.extend(self.calibration.by)
        elif isinstance(self.calibration, Raking):
            cols.extend(name for name, _ in self.calibration.margins)
        return tuple(dict.fromkeys(cols))
