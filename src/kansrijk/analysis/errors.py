"""Errors a user of the analysis library can act on.

Each error names the place (the design field, column, cell or table row) and the fix, so the CLI and the web
can show it without a traceback.
"""

from __future__ import annotations


class AnalysisError(ValueError):
    """Base class: a problem with the input of an analysis, with where it is and how to fix it."""

    def __init__(self, place: str, message: str, fix: str = "") -> None:
        self.place = place
        self.message = message
        self.fix = fix
        text = f"{place}: {message}"
        if fix:
            text += f" — {fix}"
        super().__init__(text)


class DesignError(AnalysisError):
    """The survey design does not fit the data (missing column, bad fpc, lonely PSU with `fail`, …)."""


class CalibrationError(AnalysisError):
    """Post-stratification or raking cannot be done (empty cell, unknown category, no convergence)."""


class EstimationError(AnalysisError):
    """The requested estimate cannot be computed (unknown variable, wrong type for the statistic, …)."""


class ComparisonError(AnalysisError):
    """Two tables cannot be compared (different statistic or indicator definition)."""
