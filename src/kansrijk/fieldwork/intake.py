"""The pupil side's use-cases: find a session by code, start, resume, save a page, refuse, complete.

A page save is the hot path of fieldwork (hundreds a second when many classes start the same hour). On
PostgreSQL it is one statement in one transaction:

* the response row is locked ``FOR UPDATE`` and must not be ``locked``, and the wave must be open. Closing
  first sets the wave's status (one transaction), then sets ``locked`` on all its responses (a second one,
  which waits for every save holding a response row) and only then reads the responses: a save either
  commits before the snapshot is read or is refused, so an acknowledged save is always in the snapshot.
  Only the pupil's own row is locked, so saves of different pupils never wait for each other;
* the :class:`~.models.PageSave` row is inserted ``ON CONFLICT DO NOTHING`` on (response, client save id):
  a replayed or duplicated request changes nothing;
* only if that insert happened, the page's answers are merged into the response (``jsonb ||``).

One statement is one transaction in autocommit mode, so the save is **one round trip**: no ``BEGIN`` and
``COMMIT`` around it. The lookup of the pupil's response before it (:func:`current`) is one more. Both run as
server-side prepared statements (psycopg's ``prepare=True``, kept per connection, so persistent connections
plan them once) unless the database ``OPTIONS`` set ``prepare_threshold`` to None
(``KANSRIJK_DB_PREPARED_STATEMENTS=false``), as behind a transaction-pooling PgBouncer older than 1.21.

Other databases (SQLite for the demo and tests) run the same steps as ORM calls inside one transaction.
"""

from __future__ import annotations

import enum
import hashlib
import json
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone

from .constants import SECONDS_CAP, SECONDS_STEP, WaveStatus, max_starts
from .models import ClassSession, PageSave, Response, Wave


class SaveOutcome(enum.Enum):
    SAVED = "saved"
    DUPLICATE = "duplicate"  # already saved under this client save id: acknowledged again, nothing changed
    LOCKED = "locked"  # the wave is not open (closed, or not yet opened)


class SessionFull(Exception):
    """Too many respondents started with one code (see :func:`~.constants.max_starts`)."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def round_seconds(seconds: float) -> int:
    """Seconds on a page rounded to the nearest 5, capped: what the cleaning needs to find speeders."""
    clipped = min(max(seconds, 0.0), float(SECONDS_CAP))
    return int(SECONDS_STEP * round(clipped / SECONDS_STEP))


def start_response(session: ClassSession, language: str, current_page: int = 0) -> tuple[Response, str]:
    """Create an anonymous response; returns it with the resume token for the pupil's browser (never stored).

    The response records the date and hour of its session, not the moment the pupil started.
    """
    expected = session.school_class.expected
    if Response.objects.filter(session__school_class_id=session.school_class_id).count() >= max_starts(
        expected
    ):
        raise SessionFull(session.code)
    token = secrets.token_urlsafe(24)
    local = timezone.localtime(session.starts_at)
    response = Response.objects.create(
        session=session,
        resume_token_hash=hash_token(token),
        language=language,
        started_date=local.date(),
        started_hour=local.hour,
        current_page=current_page,
    )
    return response, token


def resume(session: ClassSession, token: str | None) -> Response | None:
    """The response this browser was filling in for this session, if it is still in progress."""
    if not token:
        return None
    return Response.objects.filter(session=session, resume_token_hash=hash_token(token)).first()


def save_page(
    response_id: int,
    wave_id: int,
    page: str,
    client_save_id: uuid.UUID,
    seconds: int,
    values: Mapping[str, Any],
    *,
    current_page: int,
    complete: bool = False,
) -> SaveOutcome:
    """Store the answers of one page (or one autosaved answer) idempotently; see the module docstring."""
    if connection.vendor == "postgresql":
        return _save_postgresql(
            response_id, wave_id, page, client_save_id, seconds, values, current_page, complete
        )
    return _save_generic(response_id, wave_id, page, client_save_id, seconds, values, current_page, complete)


_SAVE_SQL = """
WITH r AS (
    SELECT id FROM fieldwork_response
     WHERE id = %(response)s AND NOT locked
       AND EXISTS (SELECT 1 FROM fieldwork_wave WHERE id = %(wave)s AND status = 'open')
       FOR UPDATE
), ins AS (
    INSERT INTO fieldwork_pagesave (response_id, page, client_save_id, seconds)
    SELECT id, %(page)s, %(save_id)s, %(seconds)s FROM r
    ON CONFLICT (response_id, client_save_id) DO NOTHING
    RETURNING 1
)
UPDATE fieldwork_response
   SET answers = answers || %(values)s::jsonb,
       current_page = %(current)s,
       complete = complete OR %(complete)s,
       resume_token_hash = CASE WHEN %(complete)s THEN NULL ELSE resume_token_hash END
 WHERE id IN (SELECT id FROM r) AND EXISTS (SELECT 1 FROM ins)
RETURNING 1
"""


def _save_postgresql(
    response_id: int,
    wave_id: int,
    page: str,
    client_save_id: uuid.UUID,
    seconds: int,
    values: Mapping[str, Any],
    current_page: int,
    complete: bool,
) -> SaveOutcome:
    from psycopg.types.json import Jsonb

    params: dict[str, Any] = {
        "wave": wave_id,
        "response": response_id,
        "page": page,
        "save_id": client_save_id,
        "seconds": seconds,
        "values": Jsonb(dict(values)),
        "current": current_page,
        "complete": complete,
    }
    if _fetch_one(_SAVE_SQL, params) is not None:
        return SaveOutcome.SAVED
    if PageSave.objects.filter(response_id=response_id, client_save_id=client_save_id).exists():
        return SaveOutcome.DUPLICATE
    return SaveOutcome.LOCKED


def _fetch_one(sql: str, params: Mapping[str, Any] | list[Any]) -> tuple[Any, ...] | None:
    """Run one statement on Django's PostgreSQL connection with server-side binding, prepared; first row.

    Django's own cursors bind on the client (no prepared statements); this takes a plain psycopg cursor on the
    same connection, so the statement joins the caller's transaction if there is one and autocommits if not.

    No ``SELECT 1`` health check first (``CONN_HEALTH_CHECKS`` would cost a round trip per request): when a
    persistent connection turns out dead (the server restarted while it was idle), it is closed and the
    statement runs once more on a fresh one — outside a transaction only. Both hot statements may run twice
    safely: :func:`current` only reads, and a save that did commit before the connection broke comes back as
    ``DUPLICATE`` (its client save id is stored).
    """
    import psycopg

    for attempt in range(2):
        reused = connection.connection is not None
        connection.ensure_connection()
        try:
            with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
                cursor.execute(sql, params, prepare=True)  # unless prepare_threshold is None
                row = cursor.fetchone()
        except OperationalError:
            if attempt or not reused or connection.in_atomic_block:
                raise
            connection.close()
            continue
        return tuple(row) if row is not None else None
    raise AssertionError("unreachable")


def _save_generic(
    response_id: int,
    wave_id: int,
    page: str,
    client_save_id: uuid.UUID,
    seconds: int,
    values: Mapping[str, Any],
    current_page: int,
    complete: bool,
) -> SaveOutcome:
    with transaction.atomic():
        response = Response.objects.select_for_update().filter(pk=response_id, locked=False).first()
        if response is None or not Wave.objects.filter(pk=wave_id, status=WaveStatus.OPEN).exists():
            return SaveOutcome.LOCKED
        try:
            with transaction.atomic():
                PageSave.objects.create(
                    response_id=response_id, page=page, client_save_id=client_save_id, seconds=seconds
                )
        except IntegrityError:
            return SaveOutcome.DUPLICATE
        response.answers = {**response.answers, **values}
        response.current_page = current_page
        fields = ["answers", "current_page"]
        if complete:
            response.complete = True
            response.resume_token_hash = None
            fields += ["complete", "resume_token_hash"]
        response.save(update_fields=fields)
    return SaveOutcome.SAVED


@dataclass(frozen=True)
class Current:
    """What a page save needs about the pupil's response, loaded in one lean query (the hot path)."""

    response_id: int
    answers: dict[str, Any]
    language: str
    complete: bool
    refused: bool
    current_page: int
    wave_id: int
    instrument_id: int
    instrument_sha256: str


_CURRENT_SQL = """
SELECT r.id, r.answers, r.language, r.complete, r.refused, r.current_page, w.id, i.id, i.sha256
  FROM fieldwork_response r
  JOIN fieldwork_classsession s ON s.id = r.session_id
  JOIN fieldwork_schoolclass c ON c.id = s.school_class_id
  JOIN fieldwork_wave w ON w.id = c.wave_id
  JOIN fieldwork_instrumentversion i ON i.id = w.instrument_id
 WHERE r.resume_token_hash = %s AND s.code = %s
"""


def current(code: str, token: str | None) -> Current | None:
    """The in-progress response of a resume token for a class code, without the ORM (autosaves)."""
    if not token:
        return None
    if connection.vendor == "postgresql":
        row = _fetch_one(_CURRENT_SQL, [hash_token(token), code])
    else:
        with connection.cursor() as cursor:
            cursor.execute(_CURRENT_SQL, [hash_token(token), code])
            row = cursor.fetchone()
    if row is None:
        return None
    answers = row[1] if isinstance(row[1], dict) else json.loads(row[1] or "{}")
    return Current(row[0], answers, row[2], bool(row[3]), bool(row[4]), row[5], row[6], row[7], row[8])


def warm_up() -> None:
    """Parse the packaged questionnaire (OKO kern) now, before any pupil arrives.

    Called by the WSGI entry point, which each server process imports before it takes requests: every
    worker starts with the parsed instrument in its cache (keyed by the file's sha256), so the first
    "Ik doe mee" in each worker only fetches the version's bytes instead of parsing the workbook while a
    class waits. Another uploaded version is parsed on its first use, one thread at a time.
    """
    from kansrijk.instrument.default import default_instrument_path

    from .questionnaire import load_instrument

    path = default_instrument_path()
    if path.is_file():
        load_instrument(path.read_bytes())


def lock_responses(wave: Wave) -> int:
    """Closing: refuse every further save of this wave's responses (see the module docstring)."""
    return Response.objects.filter(session__school_class__wave=wave).update(locked=True)


def set_language(response: Response, language: str) -> None:
    Response.objects.filter(pk=response.pk).update(language=language)


def move_to(response: Response, page: int) -> None:
    """Record where the pupil is (the back button), so a reload resumes there."""
    Response.objects.filter(pk=response.pk).update(current_page=page)


def refuse(response: Response) -> None:
    """ "Ik doe niet mee": counted as a refusal; any answers given are dropped, the token is forgotten."""
    Response.objects.filter(pk=response.pk).update(refused=True, answers={}, resume_token_hash=None)
