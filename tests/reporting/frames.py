"""Hand-built result tables in the shape of kansrijk.analysis (estimate → suppress → compare)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

DEFAULT_INSTRUMENT = Path(__file__).parents[2] / "src" / "kansrijk" / "instrument" / "data" / "oko_kern.xlsx"


def result_row(
    variable: str,
    estimate: float | None,
    low: float | None,
    high: float | None,
    n: int,
    suppressed: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    se = None if estimate is None else (high - low) / 3.92 if high is not None and low is not None else None
    return {
        "variable": variable,
        "statistic": "mean",
        "level": None,
        "estimate": estimate,
        "se": se,
        "ci_low": low,
        "ci_high": high,
        "df": 40,
        "n": n,
        "weighted_n": float(n) * 1.1,
        "deff": 1.8,
        "rse": None if estimate in (None, 0) or se is None else se / estimate,
        "suppressed": suppressed,
        "reliability": None if suppressed else "ok",
        **extra,
    }


def indicator_table() -> pl.DataFrame:
    """Four indicators, two leefdomeinen; `binge_30d` suppressed (n<30) though it still holds numbers."""
    return pl.DataFrame(
        [
            result_row("alc_30d", 0.1234, 0.101, 0.148, 812),
            result_row("drunk_30d", 0.0567, 0.0412, 0.0775, 812),
            result_row("binge_30d", 0.2345, 0.2, 0.27, 21, suppressed="n<30"),
            result_row("bullied_school", 0.0849, 0.0655, 0.1093, 1204),
        ]
    )


def trend_table() -> pl.DataFrame:
    """alc_30d over four waves; 2021→2023 suppressed; 2025 significantly lower than 2021's successor."""
    rows = [
        result_row("alc_30d", 0.312, 0.281, 0.345, 950, wave="2019", difference=None, significant=None),
        result_row("alc_30d", 0.296, 0.266, 0.328, 990, wave="2021", difference=-0.016, significant=False),
        result_row(
            "alc_30d", None, None, None, 25, suppressed="n<30", wave="2023", difference=None, significant=None
        ),
        result_row("alc_30d", 0.248, 0.221, 0.277, 1010, wave="2025", difference=-0.048, significant=True),
    ]
    return pl.DataFrame(rows)


WIJKEN = {"WK099901": "Centrum", "WK099902": "Noord", "WK099903": "Oost", "WK099904": "Zuid"}


def wijk_table() -> pl.DataFrame:
    """One indicator per wijk compared with the municipality; Zuid suppressed; a fifth wijk has no row."""
    return pl.DataFrame(
        [
            result_row("alc_30d", 0.31, 0.27, 0.35, 300, wijk="WK099901", direction="higher"),
            result_row("alc_30d", 0.18, 0.14, 0.22, 250, wijk="WK099902", direction="lower"),
            result_row("alc_30d", 0.25, 0.21, 0.29, 280, wijk="WK099903", direction="no difference"),
            result_row("alc_30d", None, None, None, 14, suppressed="n<30", wijk="WK099904", direction=None),
        ]
    )


def square(x0: float, y0: float, size: float, *, clockwise: bool = False) -> list[list[float]]:
    ring = [[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]
    return ring[::-1] if clockwise else ring


def wijken_geojson(*, rd: bool = False) -> dict[str, Any]:
    """Five square wijken side by side, RFC 7946 winding (exterior counter-clockwise), WGS84 or RD metres."""
    x0, y0, size = (176000.0, 317000.0, 1000.0) if rd else (5.68, 50.84, 0.01)
    codes = [*WIJKEN, "WK099905"]
    names = [*WIJKEN.values(), "West"]
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"gemeentecode": "GM0999", "wijkcode": code, "wijknaam": name},
                "geometry": {"type": "Polygon", "coordinates": [square(x0 + i * size, y0, size)]},
            }
            for i, (code, name) in enumerate(zip(codes, names, strict=True))
        ],
    }
