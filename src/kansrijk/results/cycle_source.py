"""The data side of ``kansrijk.cycle.indicators``: published figures for the policy cycle.

The setting ``KANSRIJK_CYCLE_RESULTS_SOURCE`` names :class:`PublishedResults`, so the cycle reads through it
without importing this app. Only published runs are read. Percentages go out in percentage points (0–100), as
the cycle's pages print them with "%"; means as they are. A suppressed cell comes with ``suppressed_reason``
and no numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kansrijk.accounts.models import Municipality
from kansrijk.cycle.indicators import GroupFigure, GroupTable, IndicatorStatus, Results, SeriesPoint
from kansrijk.instrument import Instrument
from kansrijk.reporting.texts import suppression_reason

from . import factors, present, queries
from .models import AnalysisRun


def _scale(row: Mapping[str, Any]) -> float:
    return 100.0 if row.get("unit") == "percentage" else 1.0


def _num(value: Any, factor: float) -> float | None:
    return None if value is None else float(value) * factor


def _status(row: Mapping[str, Any], wave: str) -> IndicatorStatus:
    if row.get("suppressed") is not None:
        return IndicatorStatus(
            str(row["indicator"]),
            None,
            suppressed_reason=suppression_reason(str(row["suppressed"])),
            wave=wave,
        )
    f = _scale(row)
    trend = row.get("trend")
    return IndicatorStatus(
        code=str(row["indicator"]),
        estimate=_num(row.get("estimate"), f),
        ci_low=_num(row.get("ci_low"), f),
        ci_high=_num(row.get("ci_high"), f),
        trend=trend if trend in ("higher", "lower", "no_change") else None,
        previous=_num(row.get("prev_estimate"), f),
        wave=wave,
    )


class PublishedResults:
    """:class:`kansrijk.cycle.indicators.ResultsSource` over the published runs in the database."""

    def _runs(self, municipality_code: str) -> list[AnalysisRun]:
        municipality = Municipality.objects.filter(code=municipality_code).first()
        return [] if municipality is None else queries.runs_for(municipality)

    def latest(self, municipality_code: str, codes: Iterable[str]) -> Results:
        runs = self._runs(municipality_code)
        if not runs:
            return Results(wave=None)
        run = runs[-1]
        frame = queries.table(run, domain_types=["total"], indicators=list(codes))
        by_code = {str(r["indicator"]): _status(r, run.wave.name) for r in frame.iter_rows(named=True)}
        return Results(
            wave=run.wave.name,
            previous_wave=runs[-2].wave.name if len(runs) > 1 else None,
            published_on=run.published_at.date().isoformat() if run.published_at else None,
            by_code=by_code,
        )

    def per_wijk(self, municipality_code: str, code: str) -> Mapping[str, IndicatorStatus]:
        runs = self._runs(municipality_code)
        if not runs:
            return {}
        run = runs[-1]
        frame = queries.table(run, domain_types=["wijk"], indicators=[code])
        return {str(r["domain"]): _status(r, run.wave.name) for r in frame.iter_rows(named=True)}

    def series(self, municipality_code: str, code: str) -> list[SeriesPoint]:
        out = []
        for run in self._runs(municipality_code):
            frame = queries.table(run, domain_types=["total"], indicators=[code])
            for r in frame.iter_rows(named=True):
                st = _status(r, run.wave.name)
                out.append(
                    SeriesPoint(
                        run.wave.name, st.estimate, st.ci_low, st.ci_high, st.suppressed_reason, st.trend
                    )
                )
        return out

    def instrument(self, municipality_code: str, *, include_unpublished: bool = False) -> Instrument | None:
        municipality = Municipality.objects.filter(code=municipality_code).first()
        if municipality is None:
            return None
        run = queries.run_for(municipality, include_unpublished=include_unpublished)
        return None if run is None else present.instrument_of(run.wave)

    def group_profile(self, municipality_code: str, indicator: str) -> GroupTable | None:
        """:func:`kansrijk.analysis.factors.group_profile` on the run's respondents, under the disclosure
        rules the run recorded (minimum n over the group, the rest and the published total)."""
        import polars as pl

        from kansrijk.analysis import DisclosureRules
        from kansrijk.analysis.factor_frame import PREFIX
        from kansrijk.analysis.factors import group_profile

        runs = self._runs(municipality_code)
        if not runs:
            return None
        run = runs[-1]
        instrument = present.instrument_of(run.wave)
        info = present.indicators(instrument)
        frame, design = factors.run_frame(run, instrument)
        column = PREFIX + indicator
        if column not in frame.columns:
            return None
        variables = [PREFIX + c for c, i in info.items() if i.unit == "percentage" and c != indicator]
        variables = [v for v in variables if v in frame.columns]
        data = frame.with_columns(
            pl.col(column).cast(pl.Boolean).alias("__in_group"),
            *[pl.col(v).cast(pl.Float64) for v in variables],
        )
        recorded = run.meta.get("disclosure") or {}
        rules = DisclosureRules(
            **{k: v for k, v in recorded.items() if k in DisclosureRules.__dataclass_fields__}
        )
        table = group_profile(data, design, "__in_group", variables, disclosure=rules)
        rows = []
        for r in table.iter_rows(named=True):
            hidden = r["group_suppressed"] is not None or r["rest_suppressed"] is not None
            rows.append(
                GroupFigure(
                    str(r["variable"])[len(PREFIX) :],
                    None if hidden else r["group_estimate"],
                    None if hidden else r["rest_estimate"],
                    hidden,
                    r["direction"],
                )
            )
        n_group = int(data["__in_group"].fill_null(False).sum())
        return GroupTable(run.wave.name, n_group, tuple(rows))
