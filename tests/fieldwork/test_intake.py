"""The hot path: idempotent page saves, locking on close, anonymous start, caps on starts."""

from __future__ import annotations

import uuid

import pytest
from django.utils import timezone

from kansrijk.fieldwork import intake
from kansrijk.fieldwork.constants import WaveStatus, max_starts
from kansrijk.fieldwork.models import PageSave, Response, Wave

from .factories import ClassSessionFactory


@pytest.mark.parametrize(
    ("seconds", "rounded"), [(0, 0), (2.4, 0), (2.6, 5), (7.4, 5), (63, 65), (-3, 0), (99999, 3600)]
)
def test_round_seconds(seconds: float, rounded: int) -> None:
    assert intake.round_seconds(seconds) == rounded


@pytest.mark.django_db(transaction=True)
def test_replayed_save_changes_nothing(session) -> None:  # type: ignore[no-untyped-def]
    response, _token = intake.start_response(session, "nl")
    wave_id = session.school_class.wave_id
    save_id = uuid.uuid4()
    first = intake.save_page(response.pk, wave_id, "bg", save_id, 35, {"bg_age": 14}, current_page=1)
    # the same request again, even with other content (a replay must not overwrite a later save)
    intake.save_page(response.pk, wave_id, "bg", uuid.uuid4(), 40, {"bg_age": 15}, current_page=2)
    replay = intake.save_page(response.pk, wave_id, "bg", save_id, 35, {"bg_age": 14}, current_page=1)
    assert first is intake.SaveOutcome.SAVED
    assert replay is intake.SaveOutcome.DUPLICATE
    response.refresh_from_db()
    assert response.answers == {"bg_age": 15}
    assert response.current_page == 2
    assert PageSave.objects.filter(response=response).count() == 2


@pytest.mark.django_db(transaction=True)
def test_save_merges_pages_and_completes(session) -> None:  # type: ignore[no-untyped-def]
    response, token = intake.start_response(session, "nl")
    wave_id = session.school_class.wave_id
    intake.save_page(
        response.pk, wave_id, "bg", uuid.uuid4(), 30, {"bg_age": 14, "bg_gender": "v"}, current_page=2
    )
    intake.save_page(
        response.pk,
        wave_id,
        "end",
        uuid.uuid4(),
        10,
        {"hon_honest": "1", "bg_gender": "m"},
        current_page=13,
        complete=True,
    )
    response.refresh_from_db()
    assert response.answers == {"bg_age": 14, "bg_gender": "m", "hon_honest": "1"}
    assert response.complete and response.resume_token_hash is None
    assert intake.resume(session, token) is None  # the token no longer finds the response


@pytest.mark.django_db(transaction=True)
def test_no_save_after_close(session) -> None:  # type: ignore[no-untyped-def]
    response, _token = intake.start_response(session, "nl")
    Wave.objects.filter(pk=session.school_class.wave_id).update(status=WaveStatus.CLOSED)
    outcome = intake.save_page(
        response.pk, session.school_class.wave_id, "bg", uuid.uuid4(), 5, {"bg_age": 14}, current_page=1
    )
    assert outcome is intake.SaveOutcome.LOCKED
    response.refresh_from_db()
    assert response.answers == {} and not PageSave.objects.exists()


@pytest.mark.django_db
def test_response_holds_session_date_and_hour_only(session) -> None:  # type: ignore[no-untyped-def]
    response, token = intake.start_response(session, "ar")
    local = timezone.localtime(session.starts_at)
    assert (response.started_date, response.started_hour) == (local.date(), local.hour)
    assert response.resume_token_hash == intake.hash_token(token) and token not in response.resume_token_hash
    names = {f.name for f in Response._meta.get_fields()}
    assert not names & {"ip", "ip_address", "user_agent", "created", "created_at", "started_at", "name"}
    assert intake.resume(session, token) == response


@pytest.mark.django_db
def test_starts_are_capped_per_class(session) -> None:  # type: ignore[no-untyped-def]
    session.school_class.expected = 2
    session.school_class.save()
    for _ in range(max_starts(2)):
        intake.start_response(session, "nl")
    with pytest.raises(intake.SessionFull):
        intake.start_response(session, "nl")
    other = ClassSessionFactory(school_class__wave=session.school_class.wave)
    intake.start_response(other, "nl")  # another class is not affected
    assert Response.objects.filter(session=other).count() == 1
