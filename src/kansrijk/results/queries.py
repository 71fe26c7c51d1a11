"""Read side of the results app: which run a viewer sees, and result rows as frames.

The rule that only published results reach partners, the cycle and public pages lives here: every function
takes ``include_unpublished`` (False by default) and views pass ``can(user, "view_unpublished_results", …)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import polars as pl
from django.db.models import QuerySet

from kansrijk.accounts.models import Municipality
from kansrijk.fieldwork.models import Wave

from . import tables
from .constants import RunStatus
from .models import AnalysisRun, ResultRow


def _candidates(qs: QuerySet[AnalysisRun], include_unpublished: bool) -> QuerySet[AnalysisRun]:
    """The one rule for "the current run" of a wave: the published run of the highest version (publishing
    refuses a version older than one already published), or for analysts (``include_unpublished``) the
    finished run of the highest version, so they can review it before publishing."""
    qs = qs.filter(status=RunStatus.DONE) if include_unpublished else qs.filter(published_at__isnull=False)
    return qs.order_by("-version")


def current_run(wave: Wave, *, include_unpublished: bool = False) -> AnalysisRun | None:
    """The run of ``wave`` a viewer sees (see :func:`_candidates`); None if there is none."""
    return _candidates(AnalysisRun.objects.filter(wave=wave), include_unpublished).first()


def runs_for(municipality: Municipality, *, include_unpublished: bool = False) -> list[AnalysisRun]:
    """Per wave the current run (:func:`current_run`), oldest wave first."""
    qs = AnalysisRun.objects.filter(wave__municipality=municipality).select_related("wave")
    best: dict[int, AnalysisRun] = {}
    for run in _candidates(qs, include_unpublished):
        best.setdefault(run.wave_id, run)
    return sorted(best.values(), key=lambda r: (r.wave.window_start, r.wave_id))


def run_for(
    municipality: Municipality, wave_code: str | None = None, *, include_unpublished: bool = False
) -> AnalysisRun | None:
    """The run of ``wave_code`` (or of the latest wave) that the viewer may see; None if there is none."""
    runs = runs_for(municipality, include_unpublished=include_unpublished)
    if wave_code:
        runs = [r for r in runs if r.wave.code == wave_code]
    return runs[-1] if runs else None


def table(
    run: AnalysisRun,
    *,
    domain_types: Sequence[str] | None = None,
    indicators: Iterable[str] | None = None,
    domain: str | None = None,
) -> pl.DataFrame:
    """Rows of one run as a result table, filtered in the database (index run, indicator, domain_type)."""
    qs = ResultRow.objects.filter(run=run)
    if domain_types is not None:
        qs = qs.filter(domain_type__in=list(domain_types))
    if indicators is not None:
        qs = qs.filter(indicator__in=list(indicators))
    if domain is not None:
        qs = qs.filter(domain=domain)
    return tables.frame_from_records(qs.order_by("indicator", "domain_type", "domain").values(*tables.SCHEMA))


def series(
    municipality: Municipality,
    indicator: str,
    *,
    domain_type: str = "total",
    domain: str = "",
    include_unpublished: bool = False,
) -> pl.DataFrame:
    """One indicator × domain over every wave (oldest first), with the wave's name in a ``wave`` column."""
    frames = []
    for run in runs_for(municipality, include_unpublished=include_unpublished):
        part = table(run, domain_types=[domain_type], indicators=[indicator], domain=domain)
        if part.height:
            frames.append(
                part.with_columns(
                    pl.lit(run.wave.name).alias("wave"), pl.lit(run.wave.code).alias("wave_code")
                )
            )
    if not frames:
        return tables.frame_from_records([]).with_columns(
            pl.lit(None, pl.String).alias("wave"), pl.lit(None, pl.String).alias("wave_code")
        )
    return pl.concat(frames, how="vertical")


#: Domain types whose domain code starts with a school code (``99AA00``, ``99AA00|2``).
SCHOOL_DOMAIN_TYPES = ("school", "school_grade")


def only_schools(frame: pl.DataFrame, schools: frozenset[str] | None) -> pl.DataFrame:
    """``frame`` without the school-level rows of schools outside ``schools`` (None keeps all); the scope
    comes from :func:`kansrijk.accounts.permissions.result_schools`."""
    if schools is None:
        return frame
    return frame.filter(
        ~pl.col("domain_type").is_in(list(SCHOOL_DOMAIN_TYPES))
        | pl.col("domain").str.split("|").list.first().is_in(list(schools))
    )
