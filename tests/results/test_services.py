"""Analysing and publishing: versions, progress, storage, what changed, audit, wave status."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from kansrijk.accounts.models import AuditEvent
from kansrijk.fieldwork.constants import WaveStatus
from kansrijk.results import queries, services
from kansrijk.results.constants import RunStatus
from kansrijk.results.models import AnalysisRun, ResultRow

from .stand_in import TOTALS, FakePipeline


@pytest.mark.django_db
def test_analyse_stores_rows_files_and_passes_earlier_snapshots(waves, fake_pipeline: FakePipeline) -> None:
    first, second = waves
    run = services.analyse_wave(None, second, background=False)
    assert run.status == RunStatus.DONE and run.progress == 100 and run.version == 1
    assert ResultRow.objects.filter(run=run).count() == 90
    folder = Path(run.folder)
    for name in (
        "results.parquet",
        "results.csv",
        "cleaning.parquet",
        "weights.parquet",
        "response.parquet",
        "meta.json",
    ):
        assert (folder / name).is_file(), name
    assert pl.read_parquet(folder / "results.parquet").height == 90
    call = fake_pipeline.calls[-1]
    assert call["snapshot"] == Path(second.snapshot_path)
    assert call["previous"] == ()  # the earlier wave has no analysis yet
    assert call["school_types"]["99AA00"] == "havo" and call["instrument"].code == "oko_kern"
    services.analyse_wave(None, first, background=False)
    services.analyse_wave(None, second, background=False)
    previous = fake_pipeline.calls[-1]["previous"]
    assert len(previous) == 1 and previous[0].table.height == 90  # trends against the earlier wave's result


@pytest.mark.django_db
def test_background_analysis_runs_in_the_task_and_is_versioned(
    waves, fake_pipeline, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    wave = waves[0]
    with django_capture_on_commit_callbacks(execute=True):
        first = services.analyse_wave(None, wave)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.analyse_wave(None, wave)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.version, second.version) == (1, 2)
    assert first.status == second.status == RunStatus.DONE


@pytest.mark.django_db
def test_a_failing_pipeline_marks_the_run_failed_with_the_message(waves, settings) -> None:  # type: ignore[no-untyped-def]
    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ValueError("snapshot meta.json: enrolment has no row for 99AA00 grade 2")

    settings.KANSRIJK_ANALYSIS_PIPELINE = broken
    run = services.analyse_wave(None, waves[0], background=False)
    assert run.status == RunStatus.FAILED
    assert "enrolment has no row" in run.error
    assert not ResultRow.objects.filter(run=run).exists()
    with pytest.raises(services.ResultsError):
        services.publish(None, run)


@pytest.mark.django_db
def test_only_closed_waves_with_a_snapshot_are_analysed(waves) -> None:  # type: ignore[no-untyped-def]
    wave = waves[0]
    wave.snapshot_sha256 = ""
    wave.save()
    with pytest.raises(services.ResultsError, match="snapshot"):
        services.analyse_wave(None, wave)


@pytest.mark.django_db
def test_publish_makes_results_visible_and_publishes_the_wave(waves, fake_pipeline, make_staff) -> None:  # type: ignore[no-untyped-def]
    analyst = make_staff("ana", "analyst")
    wave = waves[1]
    run = services.analyse_wave(analyst, wave, background=False)
    municipality = wave.municipality
    assert queries.run_for(municipality) is None  # not published: partners see nothing
    assert queries.run_for(municipality, include_unpublished=True) == run
    services.publish(analyst, run)
    wave.refresh_from_db()
    assert wave.status == WaveStatus.PUBLISHED
    assert queries.run_for(municipality) == run
    event = AuditEvent.objects.filter(action="results_publish").get()
    assert event.actor == analyst and event.details["version"] == 1
    with pytest.raises(services.ResultsError, match="al gepubliceerd"):
        services.publish(analyst, run)


@pytest.mark.django_db
def test_republication_needs_a_note_and_says_what_changed(published, fake_pipeline) -> None:  # type: ignore[no-untyped-def]
    old = published[1]
    fake_pipeline.shift = 0.01
    new = services.analyse_wave(None, old.wave, background=False)
    assert new.changes["compared_with"] == 1
    assert new.changes["counts"]["changed"] == 60  # 4 percentage indicators × 15 shown cells moved
    with pytest.raises(services.ResultsError, match="gecorrigeerd"):
        services.publish(None, new)
    services.publish(None, new, note="Inschrijving Erasmus College gecorrigeerd")
    assert queries.run_for(old.wave.municipality) == new
    total = queries.table(new, domain_types=["total"], indicators=["alc_30d"])
    assert total["estimate"][0] == pytest.approx(TOTALS[0][2] + 0.01)
    stale = AnalysisRun.objects.filter(pk=old.pk)
    stale.update(published_at=None)  # an older finished run may not be published over a newer one
    with pytest.raises(services.ResultsError, match="nieuwere"):
        services.publish(None, stale.get(), note="x")


@pytest.mark.django_db
def test_the_municipalitys_minimum_count_reaches_the_analysis(waves, fake_pipeline: FakePipeline) -> None:
    municipality = waves[1].municipality
    assert municipality.disclosure_min_count == 3  # the default: the same number as the primary rule
    municipality.disclosure_min_count = 5
    municipality.save(update_fields=["disclosure_min_count"])
    services.analyse_wave(None, waves[1], background=False)
    rules = fake_pipeline.calls[-1]["options"].disclosure
    assert (rules.min_count, rules.min_n) == (5, 30)
