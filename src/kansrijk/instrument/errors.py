"""Errors a questionnaire author can act on.

Every problem found in an XLSForm is an :class:`InstrumentError` that names the sheet, the row (as Excel shows
it, header = row 1) and the column, so an author can go straight to the cell. A reader collects all of them
and raises one :class:`InstrumentErrors`, because fixing a form one error per upload is miserable.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class InstrumentError(Exception):
    """One problem in a questionnaire definition, located at a cell.

    ``row`` is the Excel row number (1 = header) or ``None`` for sheet-level problems; ``column`` is the
    header of the column (e.g. ``relevant``, ``label::Nederlands (nl)``) or ``None``.
    """

    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    @property
    def location(self) -> str:
        """Where the problem is, e.g. ``survey, row 12, column relevant``."""
        parts = [self.sheet]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts)


class InstrumentErrors(Exception):
    """All problems of one file, so they can be fixed in one go."""

    def __init__(self, errors: Iterable[InstrumentError]) -> None:
        self.errors: tuple[InstrumentError, ...] = tuple(errors)
        super().__init__(self.__str__())

    def __str__(self) -> str:
        n = len(self.errors)
        head = f"{n} problem{'s' if n != 1 else ''} in the questionnaire"
        return head + ":\n" + "\n".join(f"- {e}" for e in self.errors)

    def __iter__(self) -> Iterator[InstrumentError]:
        return iter(self.errors)

    def __len__(self) -> int:
        return len(self.errors)
