"""CBS area codes: ``GM`` + 4 digits, ``WK`` + 6, ``BU`` + 8, each code containing its parent's digits.

A buurt code ``BU09350101`` lies in wijk ``WK093501`` in gemeente ``GM0935``: the hierarchy can be read from
the codes themselves, so a file whose properties disagree with its codes is wrong, not merely unusual.
"""

from __future__ import annotations

import re
from typing import Literal

Level = Literal["gemeente", "wijk", "buurt"]
LEVELS: tuple[Level, ...] = ("gemeente", "wijk", "buurt")

_PATTERNS: dict[Level, re.Pattern[str]] = {
    "gemeente": re.compile(r"GM\d{4}"),
    "wijk": re.compile(r"WK\d{6}"),
    "buurt": re.compile(r"BU\d{8}"),
}
_PREFIX: dict[str, Level] = {"GM": "gemeente", "WK": "wijk", "BU": "buurt"}
PC4_PATTERN = re.compile(r"[1-9]\d{3}")
#: The wijk value of pupils who live outside the municipality (snapshot column ``wijk``).
OUTSIDE = "buiten"


def is_code(code: str, level: Level) -> bool:
    """True when ``code`` is a well-formed CBS code of ``level``."""
    return bool(_PATTERNS[level].fullmatch(code))


def level_of(code: str) -> Level | None:
    """The level a code's prefix announces (``None`` for anything that is not a well-formed CBS code)."""
    level = _PREFIX.get(code[:2])
    return level if level is not None and is_code(code, level) else None


def gemeente_of(code: str) -> str:
    """``GM`` code of the gemeente a wijk or buurt code lies in."""
    return "GM" + code[2:6]


def wijk_of(code: str) -> str:
    """``WK`` code of the wijk a buurt code lies in."""
    return "WK" + code[2:8]


def is_pc4(code: str) -> bool:
    """Dutch four-digit postcode area (1000–9999)."""
    return bool(PC4_PATTERN.fullmatch(code))
