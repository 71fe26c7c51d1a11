"""Numbers as people in Dutch municipalities read them: ``12,3% (10,1–14,8)``.

Every figure Kansrijk shows — in a chart tooltip, a report table, a screen-reader summary — goes through these
helpers, so the same estimate reads the same everywhere. Dutch (``nl``) uses a decimal comma and a full stop
between thousands; English (``en``) the reverse; any other language falls back to Dutch, the language of
publication.

Rounding is that of the charts' d3-format (JavaScript ``toFixed`` on the absolute value): the exact binary
value goes to the nearest decimal, a true tie upwards (12.5 → 13, 12.25 → 12.3) — not Python's ties-to-even —
so a tooltip and a table never disagree in the last digit. Percentages are multiplied by 100 before
rounding, as d3's ``%`` type does. Negative numbers get the real minus sign (U+2212), as d3-format writes
them. A missing or suppressed value is an en dash, never a number.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Unit = Literal["percentage", "mean"]

#: What a suppressed or missing figure looks like in every output.
MISSING = "–"
MINUS = "−"

#: d3-format locales (``config.locale.number`` of a Vega-Lite spec).
NUMBER_LOCALES: dict[str, dict[str, object]] = {
    "nl": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€\u00a0", ""]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]},
}


def _separators(lang: str) -> tuple[str, str]:
    loc = NUMBER_LOCALES.get(lang, NUMBER_LOCALES["nl"])
    return str(loc["decimal"]), str(loc["thousands"])


def number_locale(lang: str = "nl") -> dict[str, object]:
    """The d3-format number locale for ``lang`` (Dutch when unknown), for ``config.locale.number``."""
    return dict(NUMBER_LOCALES.get(lang, NUMBER_LOCALES["nl"]))


def is_missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_number(value: float | None, decimals: int = 1, lang: str = "nl", *, grouping: bool = True) -> str:
    """``1234.5`` → ``1.234,5`` (nl) / ``1,234.5`` (en); ``None``/NaN → ``–``."""
    if value is None or math.isnan(value):
        return MISSING
    decimal, thousands = _separators(lang)
    rounded = round_half_up(abs(value), decimals)
    body = f"{rounded:{',' if grouping else ''}.{decimals}f}"
    body = body.replace(",", "\0").replace(".", decimal).replace("\0", thousands)
    # -0.0 and values that round to zero are shown without a sign
    return f"{MINUS}{body}" if value < 0 and rounded != 0 else body


def round_half_up(value: float, decimals: int) -> Decimal:
    """``value`` (its exact binary value) rounded to ``decimals`` places, ties away from zero (toFixed)."""
    return Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_percent(
    proportion: float | None, decimals: int = 1, lang: str = "nl", *, sign: bool = False
) -> str:
    """A proportion on the 0–1 scale as a percentage: ``0.1234`` → ``12,3%``."""
    if proportion is None or math.isnan(proportion):
        return MISSING
    out = format_number(proportion * 100, decimals, lang) + "%"
    return _with_sign(out, proportion * 100, decimals) if sign else out


def _with_sign(out: str, value: float, decimals: int) -> str:
    return "+" + out if round_half_up(value, decimals) > 0 else out


def format_value(value: float | None, unit: Unit = "percentage", decimals: int = 1, lang: str = "nl") -> str:
    """An estimate in its unit: a percentage for proportions, a plain number for means."""
    if unit == "percentage":
        return format_percent(value, decimals, lang)
    return format_number(value, decimals, lang)


def format_ci(
    low: float | None, high: float | None, unit: Unit = "percentage", decimals: int = 1, lang: str = "nl"
) -> str:
    """A 95% CI as ``10,1–14,8`` (percent points without the sign, as in Dutch statistical tables)."""
    if is_missing(low) or is_missing(high):
        return MISSING
    scale = 100.0 if unit == "percentage" else 1.0
    assert low is not None and high is not None
    return f"{format_number(low * scale, decimals, lang)}–{format_number(high * scale, decimals, lang)}"


def format_estimate(
    estimate: float | None,
    ci_low: float | None = None,
    ci_high: float | None = None,
    unit: Unit = "percentage",
    decimals: int = 1,
    lang: str = "nl",
) -> str:
    """``12,3% (10,1–14,8)``; without a CI just ``12,3%``; a missing estimate is ``–``."""
    if is_missing(estimate):
        return MISSING
    head = format_value(estimate, unit, decimals, lang)
    if is_missing(ci_low) or is_missing(ci_high):
        return head
    return f"{head} ({format_ci(ci_low, ci_high, unit, decimals, lang)})"


def format_difference(
    difference: float | None, unit: Unit = "percentage", decimals: int = 1, lang: str = "nl"
) -> str:
    """A difference with its sign: ``+2,3 procentpunt`` / ``−0,4`` (a mean's difference has no unit word)."""
    if is_missing(difference):
        return MISSING
    assert difference is not None
    value = difference * 100 if unit == "percentage" else difference
    out = _with_sign(format_number(value, decimals, lang), value, decimals)
    if unit == "percentage":
        out += " procentpunt" if lang not in ("en",) else " percentage points"
    return out


def format_p_value(p: float | None, lang: str = "nl") -> str:
    """``p < 0,001`` below one in a thousand, else three decimals: ``p = 0,032``."""
    if is_missing(p):
        return MISSING
    assert p is not None
    if p < 0.001:
        return f"p < {format_number(0.001, 3, lang)}"
    return f"p = {format_number(p, 3, lang)}"


def format_count(n: float | None, lang: str = "nl") -> str:
    """A count of respondents, with thousands separators: ``1.204``."""
    return format_number(n, 0, lang)


def d3_format(unit: Unit = "percentage", decimals: int = 1) -> str:
    """The d3-format string that writes a value as :func:`format_value` does (with the chart's locale)."""
    return f".{decimals}%" if unit == "percentage" else f",.{decimals}f"
