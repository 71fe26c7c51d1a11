"""The one exception the expression language raises for bad input."""

from __future__ import annotations


class ExpressionError(ValueError):
    """A broken or ill-typed expression. ``position`` is the 0-based character offset of the problem."""

    def __init__(self, message: str, position: int | None = None, text: str | None = None) -> None:
        self.message = message
        self.position = position
        self.text = text
        super().__init__(self.__str__())

    def __str__(self) -> str:
        if self.position is None:
            return self.message
        where = f"at character {self.position + 1}"
        if self.text is not None:
            snippet = self.text[max(0, self.position - 15) : self.position + 15]
            return f"{self.message} {where} (near “{snippet}”)"
        return f"{self.message} {where}"
