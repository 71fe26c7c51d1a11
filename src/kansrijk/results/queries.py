"""Read side of the results app: which run a viewer sees, and result rows as frames.

The rule that only published results reach partners, the cycle and public pages lives here: every function
takes ``include_unpublished`` (False by default) and views pass ``can(user, "view_unpublished_results", …)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import polars as pl

from kansrijk.accounts.models import Municipality
from kansrijk.fieldwork.models import Wave

from . import tables
from .constants import RunStatus
from .models import AnalysisRun, ResultRow


def runs_for(municipality: Municipality, *, include_unpublished: bool = False) -> list[AnalysisRun]:
    """Per wave the run a viewer sees, oldest wave first: the latest published one, or for analysts the
    latest finished one when it is newer (so they can review before publishing)."""
    qs = AnalysisRun.objects.filter(wave__municipality=municipality).select_related("wave")
    qs = qs.filter(status=RunStatus.DONE) if include_unpublished else qs.filter(published_at__isnull=False)
    best: dict[int, AnalysisRun] = {}
    for run in qs.order_by("wave__window_start", "wave_id", "-version"):
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


def waves_with_results(municipality: Municipality, *, include_unpublished: bool = False) -> list[Wave]:
    return [r.wave for r in runs_for(municipality, include_unpublished=include_unpublished)]
