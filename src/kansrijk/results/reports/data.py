"""Every database (and stored-frame) read the report documents make, in one place.

The documents (:mod:`.council`, :mod:`.school`, :mod:`.factsheet`) only lay out what these functions return,
so the rule "public precision, published (or, for analysts, finished) runs" is visible here and not spread
through layout code. :func:`context` reads what every document of one run needs once; the council report's
extra reads (response and weighting frames, wijk boundaries, earlier waves, action points) follow it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.utils import translation

from kansrijk.accounts.constants import AreaLevel
from kansrijk.accounts.models import Area, Municipality, School
from kansrijk.analysis.public import public_table

from .. import present, queries, storage
from ..models import AnalysisRun


@dataclass(frozen=True)
class RunContext:
    """What every report of one run needs, read once."""

    run: AnalysisRun
    table: pl.DataFrame
    info: dict[str, present.IndicatorInfo]
    names: dict[str, dict[str, str]]
    language: str


def context(run: AnalysisRun, language: str = "nl") -> RunContext:
    """The run's result table in public precision, its indicators' labels and its domains' names."""
    with translation.override(language):
        return RunContext(
            run,
            public_table(queries.table(run)),
            present.indicators(present.instrument_of(run.wave), language),
            present.domain_names(run.wave.municipality),
            language,
        )


def response(run: AnalysisRun) -> pl.DataFrame | None:
    """The analysis's response frame (per school, and the municipal total without a school), if stored."""
    return storage.read_frame(run, "response")


def weights(run: AnalysisRun) -> pl.DataFrame | None:
    """The analysis's weighting frame (per respondent or per weighting cell), if stored."""
    return storage.read_frame(run, "weights")


def wijk_features(run: AnalysisRun) -> list[dict[str, Any]]:
    """The municipality's wijken with a boundary, as GeoJSON features for the map, in code order."""
    return [
        {"type": "Feature", "geometry": a.geometry, "properties": {"wijkcode": a.code, "wijknaam": a.name}}
        for a in Area.objects.filter(municipality=run.wave.municipality, level=AreaLevel.WIJK).order_by(
            "code"
        )
        if a.geometry
    ]


def trend_series(run: AnalysisRun, code: str) -> pl.DataFrame:
    """Published waves up to and including this run's wave (the run itself even if not yet published)."""
    frames = []
    for other in queries.runs_for(run.wave.municipality):
        if other.wave.window_start < run.wave.window_start:
            part = public_table(queries.table(other, domain_types=["total"], indicators=[code]))
            frames.append(part.with_columns(pl.lit(other.wave.name).alias("wave")))
    own = public_table(queries.table(run, domain_types=["total"], indicators=[code]))
    frames.append(own.with_columns(pl.lit(run.wave.name).alias("wave")))
    return (
        pl.concat([f for f in frames if f.height], how="vertical") if any(f.height for f in frames) else own
    )


def linked_action_points(
    municipality: Municipality, codes: Iterable[str]
) -> list[tuple[int, str, list[str]]]:
    """(number, title, indicator codes) of the cycle's action points linked to these indicators."""
    from kansrijk.cycle.models import ActionPointIndicator

    wanted = set(codes)
    points: dict[int, tuple[str, list[str]]] = {}
    for link in ActionPointIndicator.objects.filter(
        action_point__municipality=municipality, code__in=wanted
    ).select_related("action_point"):
        _title, linked = points.setdefault(link.action_point.number, (link.action_point.title, []))
        linked.append(link.code)
    return [(n, t, sorted(c)) for n, (t, c) in sorted(points.items())]


def schools(run: AnalysisRun) -> list[School]:
    """The schools of the run's municipality (a school report is made for those with rows in the table)."""
    return list(School.objects.filter(municipality=run.wave.municipality))
