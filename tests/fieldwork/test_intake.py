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


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_dropped_connection_mid_questionnaire_loses_nothing(session) -> None:  # type: ignore[no-untyped-def]
    """The server ends the pupil's database connection between two saves (a restart, a failover): the next
    save reconnects by itself, a client retry of an acknowledged save is a duplicate, and each acknowledged
    save is stored exactly once."""
    import psycopg
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (KANSRIJK_TEST_DB=postgres)")
    response, token = intake.start_response(session, "nl")
    code, wave_id = session.code, session.school_class.wave_id
    acknowledged = []
    for step, (page, values) in enumerate(
        [("bg", {"bg_age": 14}), ("bg", {"bg_gender": "v"}), ("alc", {"alc_life": "0"})]
    ):
        assert intake.current(code, token) is not None  # the lookup before each autosave
        save_id = uuid.uuid4()
        outcome = intake.save_page(response.pk, wave_id, page, save_id, 5, values, current_page=step)
        assert outcome is intake.SaveOutcome.SAVED
        acknowledged.append((page, save_id, values, step))
        backend = connection.connection.info.backend_pid
        with psycopg.connect(connection.connection.info.dsn, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (backend,))
    # the browser retries every acknowledged save (it never saw some answers): all duplicates, nothing doubled
    for page, save_id, values, step in acknowledged:
        again = intake.save_page(response.pk, wave_id, page, save_id, 5, values, current_page=step)
        assert again is intake.SaveOutcome.DUPLICATE
    response.refresh_from_db()
    assert response.answers == {"bg_age": 14, "bg_gender": "v", "alc_life": "0"}
    stored = list(PageSave.objects.filter(response=response).values_list("client_save_id", flat=True))
    assert sorted(stored) == sorted(save_id for _p, save_id, _v, _s in acknowledged)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_save_is_one_round_trip_prepared_without_begin_or_commit(session, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """On PostgreSQL a save sends one statement (no BEGIN/COMMIT), prepared once per connection."""
    from django.db import connection
    from psycopg.pq import Trace

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (KANSRIJK_TEST_DB=postgres)")
    response, _token = intake.start_response(session, "nl")
    wave_id = session.school_class.wave_id
    intake.save_page(response.pk, wave_id, "bg", uuid.uuid4(), 5, {"bg_age": 14}, current_page=1)
    pgconn = connection.connection.pgconn
    trace_path = tmp_path / "libpq.trace"
    with trace_path.open("w") as trace:
        pgconn.trace(trace.fileno())
        pgconn.set_trace_flags(Trace.SUPPRESS_TIMESTAMPS)
        try:
            outcome = intake.save_page(
                response.pk, wave_id, "bg", uuid.uuid4(), 5, {"bg_gender": "m"}, current_page=1
            )
        finally:
            pgconn.untrace()
    sent = [line.split("\t") for line in trace_path.read_text().splitlines() if line.startswith("F\t")]
    kinds = [fields[2].split(" ", 1)[0] for fields in sent]
    assert outcome is intake.SaveOutcome.SAVED
    assert kinds.count("Sync") + kinds.count("Query") == 1, kinds  # one round trip
    assert "Parse" not in kinds and "Bind" in kinds, kinds  # the prepared statement, planned before
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%%pagesave%%'")
        assert cursor.fetchone()[0] == 1
    # behind a transaction-pooling PgBouncer: no prepared statements at all
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", {"prepare_threshold": None})
    connection.close()
    intake.save_page(response.pk, wave_id, "bg", uuid.uuid4(), 5, {"bg_age": 15}, current_page=1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        assert cursor.fetchone()[0] == 0
    response.refresh_from_db()
    assert response.answers == {"bg_age": 15, "bg_gender": "m"}
