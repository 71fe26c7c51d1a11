"""Result tables in the contract schema (docs/developers/result-table.md), made by hand for tests.

The numbers are chosen, not estimated: tests assert that pages, reports and exports show exactly these.
:class:`FakePipeline` stands in for ``kansrijk.analysis.pipeline.run_analysis`` with the same signature and
returns an object shaped like its ``AnalysisResult``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

SCHOOLS = ("99AA00", "99AB00")
WIJKEN = ("WK999901", "WK999902")
GRADES = (2, 4)

#: (indicator, unit, total estimate, ci_low, ci_high, prev, trend, reference estimate, reference flag)
TOTALS: tuple[tuple[Any, ...], ...] = (
    ("alc_30d", "percentage", 0.214, 0.190, 0.239, 0.260, "lower", 0.25, "lower"),
    ("binge_30d", "percentage", 0.142, 0.121, 0.165, 0.150, "no_change", 0.14, "no_difference"),
    ("sport_weekly", "percentage", 0.583, 0.550, 0.615, None, None, None, None),
    ("life_sat_mean", "mean", 7.42, 7.31, 7.53, 7.40, "no_change", None, None),
    ("bullied_school", "percentage", 0.087, 0.071, 0.105, 0.062, "higher", 0.08, "no_difference"),
)


def _row(
    indicator: str,
    unit: str,
    domain_type: str,
    domain: str,
    estimate: float | None,
    low: float | None,
    high: float | None,
    n: int,
    **extra: Any,
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "indicator": indicator,
        "unit": unit,
        "domain_type": domain_type,
        "domain": domain,
        "estimate": estimate,
        "se": None if estimate is None else (high - low) / 3.92,  # type: ignore[operator]
        "ci_low": low,
        "ci_high": high,
        "df": 40,
        "n": n,
        "n_yes": None if estimate is None or unit != "percentage" else round(n * estimate),
        "weighted_n": float(n) * 1.1,
        "deff": 1.4,
        "rse": None if not estimate else 0.06,
        "suppressed": None,
        "reliability": "ok",
        "vs_total": None,
        "prev_estimate": None,
        "trend_difference": None,
        "trend_se": None,
        "trend_p": None,
        "trend": None,
        "reference_estimate": None,
        "reference_p": None,
        "reference": None,
        "comparable_hash": f"h-{indicator}",
    }
    row.update(extra)
    return row


def result_table(
    *,
    schools: Sequence[str] = SCHOOLS,
    wijken: Sequence[str] = WIJKEN,
    shift: float = 0.0,
) -> pl.DataFrame:
    """A complete result table: every indicator of :data:`TOTALS` for every domain type of the contract.

    Suppressed on purpose: gender ``x`` (n<30), the last wijk (n<30), the last school's grade 4 (count<3).
    ``shift`` moves every percentage estimate (a "corrected" rerun for the what-changed tests).
    """
    rows: list[dict[str, Any]] = []
    for code, unit, est, low, high, prev, trend, ref, ref_flag in TOTALS:
        s = shift if unit == "percentage" else 0.0
        est, low, high = est + s, low + s, high + s
        trend_extra = (
            {
                "prev_estimate": prev,
                "trend_difference": est - prev,
                "trend_se": 0.015,
                "trend_p": 0.01 if trend in ("higher", "lower") else 0.4,
                "trend": trend,
            }
            if prev is not None
            else {}
        )
        ref_extra = {"reference_estimate": ref, "reference_p": 0.02, "reference": ref_flag} if ref else {}
        rows.append(_row(code, unit, "total", "", est, low, high, 1200, **trend_extra, **ref_extra))
        step = 0.02 if unit == "percentage" else 0.2
        for i, g in enumerate(GRADES):
            d = step * (i - 0.5)
            rows.append(
                _row(
                    code,
                    unit,
                    "grade",
                    str(g),
                    est + d,
                    low + d - 0.01,
                    high + d + 0.01,
                    600,
                    vs_total="higher" if d > 0 and code == "alc_30d" else "no_difference",
                )
            )
        for gender, d in (("m", step / 2), ("v", -step / 2)):
            rows.append(
                _row(
                    code,
                    unit,
                    "gender",
                    gender,
                    est + d,
                    low + d - 0.01,
                    high + d + 0.01,
                    590,
                    vs_total="no_difference",
                )
            )
        rows.append(_row(code, unit, "gender", "x", None, None, None, 20, suppressed="n<30"))
        for t, d in (("vmbo", step), ("havo", 0.0), ("vwo", -step)):
            rows.append(
                _row(
                    code,
                    unit,
                    "school_type",
                    t,
                    est + d,
                    low + d - 0.02,
                    high + d + 0.02,
                    400,
                    vs_total="higher" if d > 0 else "lower" if d < 0 else "no_difference",
                )
            )
        for k, school in enumerate(schools):
            d = step * (1 if k == 0 else -1)
            rows.append(
                _row(
                    code,
                    unit,
                    "school",
                    school,
                    est + d,
                    low + d - 0.02,
                    high + d + 0.02,
                    300,
                    vs_total="higher" if k == 0 else "no_difference",
                )
            )
            for g in GRADES:
                if k == len(schools) - 1 and g == GRADES[-1]:
                    rows.append(
                        _row(
                            code,
                            unit,
                            "school_grade",
                            f"{school}|{g}",
                            None,
                            None,
                            None,
                            150,
                            suppressed="count<3",
                        )
                    )
                else:
                    rows.append(
                        _row(
                            code,
                            unit,
                            "school_grade",
                            f"{school}|{g}",
                            est + d,
                            low + d - 0.03,
                            high + d + 0.03,
                            150,
                            reliability="caution" if g == 4 else "ok",
                        )
                    )
        for k, wijk in enumerate(wijken):
            if k == len(wijken) - 1:
                rows.append(_row(code, unit, "wijk", wijk, None, None, None, 12, suppressed="n<30"))
            else:
                rows.append(
                    _row(
                        code,
                        unit,
                        "wijk",
                        wijk,
                        est + step,
                        low + step - 0.03,
                        high + step + 0.03,
                        180,
                        vs_total="higher",
                    )
                )
        rows.append(
            _row(
                code, unit, "grade_gender", "2|m", est, low - 0.02, high + 0.02, 300, vs_total="no_difference"
            )
        )
    return pl.DataFrame(rows, infer_schema_length=None)


@dataclass(frozen=True)
class FakeResult:
    """Shaped like ``kansrijk.analysis.pipeline.AnalysisResult``."""

    table: pl.DataFrame
    cleaning: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(
            {
                "rule": ["fictitious_drug", "straightlining"],
                "school_id": [None, None],
                "flagged": [12, 30],
                "dropped": [12, 0],
            },
            schema_overrides={"school_id": pl.String},
        )
    )
    weights: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(
            {
                "school_id": ["99AA00", "99AA00"],
                "grade": [2, 2],
                "gender": ["m", "v"],
                "respondents": [100, 95],
                "N": [120, 118],
                "weight": [1.2, 1.242],
                "collapsed_into": [None, None],
            },
            schema_overrides={"collapsed_into": pl.String},
        )
    )
    response: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(
            {
                "school_id": ["99AA00", "99AB00", None],
                "grade": [None, None, None],
                "respondents": [620, 600, 1220],
                "kept": [610, 590, 1200],
                "enrolment": [700, 690, 1390],
                "response_rate": [0.886, 0.870, 0.878],
            },
            schema_overrides={"grade": pl.Int64},
        )
    )
    meta: dict[str, Any] = field(
        default_factory=lambda: {
            "design": "strata=school_id, psu=class_id",
            "wave_id": "x",
            "created": dt.datetime(2026, 1, 1).isoformat(),
        }
    )


@dataclass
class FakePipeline:
    """A stand-in for ``run_analysis``; remembers how it was called."""

    shift: float = 0.0
    calls: list[dict[str, Any]] = field(default_factory=list)

    def __call__(
        self,
        snapshot: Path,
        instrument: Any,
        *,
        school_types: Any = None,
        previous: Sequence[Any] = (),
        reference: Any = None,
        options: Any = None,
        progress: Any = None,
    ) -> FakeResult:
        self.calls.append(
            {
                "snapshot": snapshot,
                "previous": tuple(previous),
                "reference": reference,
                "school_types": school_types,
                "instrument": instrument,
                "options": options,
            }
        )
        return FakeResult(result_table(shift=self.shift))
