"""Use-cases of the results app: analyse a wave (in the background, with progress), publish a run.

Views, the CLI and the demo call these, so the rules live in one place: a run is numbered per wave and never
overwritten; only a finished run can be published; a published run records who, when and what changed since
the run published before it; every publication and every microdata export is audit-logged.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from kansrijk.accounts.services import audit
from kansrijk.fieldwork.constants import WaveStatus
from kansrijk.fieldwork.models import Wave

from . import queries, storage, tables
from .constants import RunStatus
from .models import AnalysisRun, ResultRow

log = logging.getLogger(__name__)

Pipeline = Callable[..., Any]


class ResultsError(Exception):
    """A request the staff member can fix; the message says what and how (shown as is, in Dutch)."""


def analysis_pipeline() -> Pipeline:
    """The pipeline the setting ``KANSRIJK_ANALYSIS_PIPELINE`` names (``run_analysis``), imported when a run
    starts rather than at start-up; tests name a stand-in there instead of patching this module."""
    configured = settings.KANSRIJK_ANALYSIS_PIPELINE
    return import_string(configured) if isinstance(configured, str) else configured


def previous_results(wave: Wave) -> list[Any]:
    """The stored results of the municipality's earlier waves (their current published run, else the latest
    finished one), for the pipeline's trends — oldest first."""
    from kansrijk.analysis.pipeline import AnalysisResult

    earlier = Wave.objects.filter(
        municipality=wave.municipality, window_start__lt=wave.window_start
    ).order_by("window_start")
    out = []
    for other in earlier:
        run = queries.current_run(other) or queries.current_run(other, include_unpublished=True)
        if run is not None and run.folder and (Path(run.folder) / "results.parquet").is_file():
            out.append(AnalysisResult.read(run.folder))
    return out


#: School levels in order; a school with several takes the middle one as its school type (see school_types).
LEVEL_ORDER = ("pro", "vmbo", "havo", "vwo")


def school_types(wave: Wave) -> dict[str, str]:
    """school_id → school type for the domain ``school_type``.

    A school offering several levels (vmbo+havo+vwo) is counted under its middle level: the school model has
    no single type yet (see the report to the lead); pupils' own level is not in the snapshot.
    """
    from kansrijk.accounts.models import School

    out = {}
    for school in School.objects.filter(municipality=wave.municipality):
        levels = sorted((lv for lv in school.levels if lv in LEVEL_ORDER), key=LEVEL_ORDER.index)
        if levels:
            out[school.code] = levels[len(levels) // 2]
    return out


def analyse_wave(actor: Any, wave: Wave, *, background: bool = True) -> AnalysisRun:
    """Start a new analysis run of a closed wave (re-runnable: every call makes the next version).

    With ``background`` the worker runs it (``kansrijk worker``) and the run's progress shows on the analysis
    page; without, it runs now and the finished run is returned.
    """
    if wave.status not in (WaveStatus.CLOSED, WaveStatus.PUBLISHED):
        raise ResultsError(_("Sluit eerst het veldwerk van deze meting; daarna kan de analyse draaien."))
    if not wave.snapshot_sha256 or not wave.snapshot_path:
        raise ResultsError(
            _("Deze meting heeft nog geen snapshot. Wacht tot het sluiten klaar is en probeer het opnieuw.")
        )
    with transaction.atomic():
        Wave.objects.select_for_update().get(pk=wave.pk)  # serialise version numbers per wave
        last = AnalysisRun.objects.filter(wave=wave).aggregate(v=Max("version"))["v"] or 0
        run = AnalysisRun.objects.create(
            wave=wave,
            version=last + 1,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            snapshot_sha256=wave.snapshot_sha256,
            progress_message=_("In de wachtrij"),
        )
        audit(
            actor,
            "results_analyse",
            municipality=wave.municipality,
            obj=run,
            wave=wave.code,
            version=run.version,
        )
    if background:
        transaction.on_commit(lambda: analyse_run_task.enqueue(run.pk))
        return run
    execute_run(run)
    run.refresh_from_db()
    return run


@task()
def analyse_run_task(run_id: int) -> str:
    """Background task: run the pipeline for one queued run (see :func:`execute_run`)."""
    run = AnalysisRun.objects.select_related("wave__municipality").get(pk=run_id)
    execute_run(run)
    run.refresh_from_db()
    return str(run.status)


def _progress(run: AnalysisRun, percent: float, message: str) -> None:
    AnalysisRun.objects.filter(pk=run.pk).update(
        progress=max(0, min(100, int(percent))), progress_message=message[:200]
    )


def execute_run(run: AnalysisRun, *, pipeline: Pipeline | None = None) -> AnalysisRun:
    """Run the analysis for ``run`` and store its result; a failure is recorded on the run, never raised."""
    wave = run.wave
    AnalysisRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, started_at=timezone.now())
    _progress(run, 5, _("Snapshot wordt gelezen en gecontroleerd"))
    try:
        fn = pipeline or analysis_pipeline()
        from .present import instrument_of

        kwargs: dict[str, Any] = {
            "school_types": school_types(wave),
            "previous": tuple(previous_results(wave)),
        }
        # The reference: live from the other consenting municipalities of its region (the default), else
        # the imported reference file (the CSV import stays).
        from .regional import live_reference

        live = live_reference(wave)
        reference = None if live is not None else storage.reference_file(wave.municipality.code)
        if live is not None:
            kwargs["reference"] = live
        elif reference is not None:
            from kansrijk.analysis.reference import read_reference

            kwargs["reference"] = read_reference(reference)
        if "options" in inspect.signature(fn).parameters:  # the municipality's own disclosure rules
            from kansrijk.analysis import DisclosureRules
            from kansrijk.analysis.pipeline import AnalysisOptions

            min_count = wave.municipality.disclosure_min_count
            kwargs["options"] = AnalysisOptions(disclosure=DisclosureRules(min_count=min_count))
        if "progress" in inspect.signature(fn).parameters:
            kwargs["progress"] = lambda message, fraction: _progress(
                run, 10 + 70 * float(fraction), str(message)
            )
        _progress(run, 10, _("Analyse: opschonen, wegen, schatten, trends, onthullingscontrole"))
        result = fn(Path(wave.snapshot_path), instrument_of(wave), **kwargs)
        _progress(run, 80, _("Resultaten worden opgeslagen"))
        store_result(run, result, reference=reference)
        if live is not None:  # the run says where its reference came from
            run.refresh_from_db(fields=["meta"])
            source = {"reference": "live", "reference_municipalities": sorted(set(live["gemeentecode"]))}
            AnalysisRun.objects.filter(pk=run.pk).update(meta={**run.meta, **source})
    except Exception as exc:
        log.exception("analysis run %s of wave %s failed", run.version, wave.code)
        message = str(exc) if isinstance(exc, ResultsError | ValueError) else f"{type(exc).__name__}: {exc}"
        AnalysisRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            error=message[:4000],
            finished_at=timezone.now(),
            progress_message=_("Mislukt"),
        )
    run.refresh_from_db()
    return run


def _frame(result: Any, name: str) -> pl.DataFrame | None:
    value = getattr(result, name, None)
    return value if isinstance(value, pl.DataFrame) else None


def _reference_info(table: pl.DataFrame) -> dict[str, Any] | None:
    """The reference's year and source as the table carries them (one reference per run), for the pages."""
    if not {"reference_year", "reference_source"} <= set(table.columns):
        return None
    used = table.filter(pl.col("reference_source").is_not_null()).select("reference_year", "reference_source")
    if used.is_empty():
        return None
    year, source = used.row(0)
    return {"year": None if year is None else int(year), "source": str(source)}


def store_result(run: AnalysisRun, result: Any, *, reference: Path | None = None) -> AnalysisRun:
    """Store an ``AnalysisResult``: Parquet files in the run's folder, rows in the database, the changes."""
    table = tables.normalise(result.table)
    folder = storage.run_folder(run)
    meta = dict(getattr(result, "meta", {}) or {})
    meta["reference_file"] = reference.name if reference is not None else None
    meta["reference_info"] = _reference_info(result.table)
    frames = {
        # as the pipeline wrote it (extra columns kept): later waves' trends read it
        "results": result.table,
        "cleaning": _frame(result, "cleaning"),
        "weights": _frame(result, "weights"),
        "response": _frame(result, "response"),
        # optional: the cleaned microdata, when the pipeline hands it over (exports prefer it to the snapshot)
        "microdata": _frame(result, "microdata")
        if _frame(result, "microdata") is not None
        else _frame(result, "cleaned"),
    }
    storage.write_frames(folder, frames, meta)
    with transaction.atomic():
        ResultRow.objects.filter(run=run).delete()
        ResultRow.objects.bulk_create(
            (ResultRow(run=run, **row) for row in tables.records(table)), batch_size=2000
        )
        run.folder = str(folder)
        run.meta = _jsonable(meta)
        run.changes = changes_since_published(run, table)
        run.status = RunStatus.DONE
        run.progress = 100
        run.progress_message = _("Klaar")
        run.finished_at = timezone.now()
        run.error = ""
        run.save()
    return run


def _jsonable(value: Any) -> Any:
    import json

    return json.loads(json.dumps(value, default=str))


def run_table(run: AnalysisRun) -> pl.DataFrame:
    """The stored result table of a run (from the database rows)."""
    return tables.frame_from_records(ResultRow.objects.filter(run=run).values(*tables.SCHEMA))


def changes_since_published(run: AnalysisRun, table: pl.DataFrame | None = None) -> dict[str, Any]:
    """What ``run`` changes against the wave's run published before it ({} when none was published)."""
    before = (
        AnalysisRun.objects.filter(wave=run.wave, published_at__isnull=False)
        .exclude(pk=run.pk)
        .order_by("-published_at", "-version")
        .first()
    )
    if before is None:
        return {}
    out = tables.changes_between(run_table(before), table if table is not None else run_table(run))
    out["compared_with"] = before.version
    return out


def publish(actor: Any, run: AnalysisRun, *, note: str = "") -> AnalysisRun:
    """Publish a finished run: it becomes what partners, reports and the cycle see for its wave.

    A republication (a newer run of an already published wave) records what changed since the run published
    before, and ``note`` says why (e.g. "school X's enrolment corrected").
    """
    with transaction.atomic():
        locked = AnalysisRun.objects.select_for_update().select_related("wave__municipality").get(pk=run.pk)
        if locked.status != RunStatus.DONE:
            raise ResultsError(_("Alleen een afgeronde analyse kan worden gepubliceerd."))
        if locked.published_at is not None:
            raise ResultsError(_("Deze analyse is al gepubliceerd."))
        newer = AnalysisRun.objects.filter(
            wave=locked.wave, published_at__isnull=False, version__gt=locked.version
        )
        if newer.exists():
            raise ResultsError(_("Er is al een nieuwere versie gepubliceerd; publiceer geen oudere versie."))
        republication = AnalysisRun.objects.filter(wave=locked.wave, published_at__isnull=False).exists()
        if republication and not note.strip():
            raise ResultsError(_("Geef bij een herpublicatie aan wat er is gecorrigeerd."))
        locked.changes = changes_since_published(locked)
        locked.published_at = timezone.now()
        locked.published_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.note = note.strip()
        locked.save(update_fields=["changes", "published_at", "published_by", "note"])
        wave = Wave.objects.select_for_update().get(pk=locked.wave_id)
        if wave.status == WaveStatus.CLOSED:
            from kansrijk.fieldwork.services import publish_wave

            publish_wave(actor, wave)
        audit(
            actor,
            "results_publish",
            municipality=wave.municipality,
            obj=locked,
            wave=wave.code,
            version=locked.version,
            changes=locked.changes.get("counts", {}),
            note=locked.note,
        )
    return locked
