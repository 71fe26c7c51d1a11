"""The one exception of ``kansrijk.reporting``: it names the input at fault and the fix."""

from __future__ import annotations


class ReportingError(ValueError):
    """Input a chart, document or export cannot use as it is (missing column, mixed units, bad format …).

    ``place`` is the argument, column or row at fault; ``fix`` tells the caller what to do. The CLI prints
    the message and exits 2; the web shows it in place of the chart.
    """

    def __init__(self, place: str, message: str, fix: str = "") -> None:
        self.place = place
        self.message = message
        self.fix = fix
        text = f"{place}: {message}"
        if fix:
            text += f" — {fix}"
        super().__init__(text)
