"""Value conversions shared by both back ends, so the vectorised and the per-respondent results agree."""

from __future__ import annotations

import math
import re

#: What counts as a number written as text (answer codes such as "0" … "6"). Deliberately narrower than
#: Python's ``float()`` (no "inf", "1_000", surrounding spaces) and applied identically in Polars.
NUMBER_BODY = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_NUMBER_RE = re.compile(NUMBER_BODY)


def parse_number(text: str) -> float | None:
    """The number a code or text stands for, or ``None`` (XPath would say NaN; we say: no value)."""
    if _NUMBER_RE.fullmatch(text) is None:
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def finite(value: float) -> float | None:
    """Overflow (inf) and undefined results (NaN) become 'no value' — identical in both back ends."""
    return value if math.isfinite(value) else None


#: int() truncates through a 64-bit integer in Polars; beyond that range there is no value in either back end.
INT_LIMIT = 2.0**63
