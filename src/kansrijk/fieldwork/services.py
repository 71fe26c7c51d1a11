"""Use-cases of the staff side that change state; views, CLI and demo call these (one rule, one place).

Every change to a wave is written to the audit log with who and when (``accounts.services.audit``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django_tasks import task

from kansrijk.accounts.models import Municipality
from kansrijk.accounts.services import audit
from kansrijk.instrument import InstrumentErrors
from kansrijk.instrument.validate import missing_dutch
from kansrijk.snapshot import SnapshotError, read_snapshot
from kansrijk.vocabulary import LANGUAGES

from .codes import new_code
from .constants import GRADES, TRANSITIONS, WaveStatus
from .importers import import_classes, import_enrolment
from .intake import lock_responses
from .models import ClassSession, InstrumentVersion, SchoolClass, Wave
from .questionnaire import load_instrument
from .signals import wave_frozen
from .snapshotting import copy_snapshot, write_wave_snapshot

DEFAULT_INSTRUMENT = Path(__file__).resolve().parent.parent / "instrument" / "data" / "oko_kern.xlsx"


class FieldworkError(Exception):
    """A request the staff member can fix; the message says what and how (shown as is, in Dutch)."""


def register_instrument(data: bytes) -> InstrumentVersion:
    """Store an XLSForm as an instrument version (or return the stored one with the same bytes)."""
    sha = hashlib.sha256(data).hexdigest()
    existing = InstrumentVersion.objects.filter(sha256=sha).first()
    if existing is not None:
        return existing
    try:
        instrument = load_instrument(data)
    except InstrumentErrors as exc:
        raise FieldworkError(str(exc)) from None
    if InstrumentVersion.objects.filter(code=instrument.code, version=instrument.version).exists():
        raise FieldworkError(
            _(
                "Vragenlijst %(code)s versie %(version)s bestaat al met een andere inhoud; "
                "verhoog settings.version."
            )
            % {"code": instrument.code, "version": instrument.version}
        )
    return InstrumentVersion.objects.create(
        code=instrument.code, version=instrument.version, title=instrument.title, xlsform=data, sha256=sha
    )


def default_instrument() -> InstrumentVersion:
    """The packaged OKO-kern questionnaire as an instrument version."""
    if not DEFAULT_INSTRUMENT.is_file():
        raise FieldworkError(_("De standaardvragenlijst oko_kern.xlsx is niet geïnstalleerd."))
    return register_instrument(DEFAULT_INSTRUMENT.read_bytes())


@transaction.atomic
def create_wave(
    actor: Any,
    municipality: Municipality,
    instrument: InstrumentVersion,
    *,
    code: str,
    name: str,
    grades: Sequence[int],
    window_start: dt.date,
    window_end: dt.date,
    languages: Sequence[str] = ("nl",),
) -> Wave:
    if window_end < window_start:
        raise FieldworkError(_("Het veldwerk eindigt vóór het begint; draai de data om."))
    bad_grades = [g for g in grades if g not in GRADES]
    if not grades or bad_grades:
        raise FieldworkError(_("Kies een of meer leerjaren van 1 tot en met 6."))
    offered = load_instrument(bytes(instrument.xlsform)).languages
    bad_languages = [lang for lang in languages if lang not in offered or lang not in LANGUAGES]
    if bad_languages:
        raise FieldworkError(
            _("De vragenlijst heeft geen vertaling in: %(langs)s (wel in: %(offered)s).")
            % {"langs": ", ".join(bad_languages), "offered": ", ".join(offered)}
        )
    langs = ["nl", *[lang for lang in languages if lang != "nl"]]
    if Wave.objects.filter(municipality=municipality, code=code).exists():
        raise FieldworkError(_("Er is al een meting met code %(code)s.") % {"code": code})
    wave = Wave.objects.create(
        municipality=municipality,
        instrument=instrument,
        code=code,
        name=name,
        grades=sorted(set(grades)),
        window_start=window_start,
        window_end=window_end,
        languages=langs,
    )
    audit(actor, "wave_create", municipality=municipality, obj=wave, code=code, instrument=instrument.sha256)
    return wave


def _transition(actor: Any, wave: Wave, to: str) -> Wave:
    with transaction.atomic():
        locked = Wave.objects.select_for_update().get(pk=wave.pk)
        if to not in TRANSITIONS[locked.status]:
            raise FieldworkError(
                _("Een meting met status %(status)s kan niet naar %(to)s.")
                % {"status": locked.get_status_display(), "to": WaveStatus(to).label}
            )
        locked.status = to
        locked.save(update_fields=["status"])
        audit(actor, f"wave_{to}", municipality=locked.municipality, obj=locked, status=to)
    return locked


def open_wave(actor: Any, wave: Wave) -> Wave:
    if not SchoolClass.objects.filter(wave=wave).exists():
        raise FieldworkError(
            _("Registreer eerst klassen (importeer ze of voeg ze toe) voordat u de meting opent.")
        )
    instrument = load_instrument(bytes(wave.instrument.xlsform))
    repeated = sorted(
        cl.name for cl in instrument.choice_lists.values() if len(set(cl.codes)) < len(cl.codes)
    )
    if repeated:
        # allow_choice_duplicates serves cascading selects; the questionnaire shows every choice of a list
        # (it does not filter by choice_filter), so a pupil would see the same code twice
        raise FieldworkError(
            _(
                "Keuzelijst %(lists)s heeft een code twee keer (allow_choice_duplicates). Leerlingen zouden "
                "die keuze dubbel zien; geef elke keuze een eigen code en importeer een nieuwe versie."
            )
            % {"lists": ", ".join(repeated)}
        )
    if "nl" in wave.languages:
        gaps = missing_dutch(instrument)
        if gaps:
            raise FieldworkError(
                _(
                    "De meting biedt Nederlands aan, maar %(n)s teksten van de vragenlijst hebben geen "
                    "Nederlandse tekst (eerste: %(first)s). Vul ze aan en importeer een nieuwe versie."
                )
                % {"n": len(gaps), "first": gaps[0]}
            )
    return _transition(actor, wave, WaveStatus.OPEN)


def publish_wave(actor: Any, wave: Wave) -> Wave:
    return _transition(actor, wave, WaveStatus.PUBLISHED)


@task()
def close_wave_task(wave_id: int, actor_id: int | None) -> str:
    """Background task: freeze a closed wave into its snapshot (runs inline in tests)."""
    from kansrijk.accounts.models import User

    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    wave = Wave.objects.get(pk=wave_id)
    return freeze_wave(actor, wave).snapshot_path


def close_wave(actor: Any, wave: Wave, *, background: bool = False) -> Wave:
    """Close fieldwork: no save is accepted after this (see ``intake``), then write the snapshot.

    With ``background`` the snapshot is written by the worker; the wave is closed at once either way.
    """
    closed = _transition(actor, wave, WaveStatus.CLOSED)
    with transaction.atomic():
        lock_responses(closed)  # waits for saves in flight; later ones are refused
    if background:
        close_wave_task.enqueue(closed.pk, getattr(actor, "pk", None))
        return closed
    return freeze_wave(actor, closed)


def freeze_wave(actor: Any, wave: Wave) -> Wave:
    """Write the snapshot of a closed wave and record its checksum (once: snapshots are immutable)."""
    if wave.status != WaveStatus.CLOSED or wave.snapshot_sha256:
        return wave
    try:
        folder, meta = write_wave_snapshot(wave)
    except SnapshotError as exc:
        raise FieldworkError(str(exc)) from None
    Wave.objects.filter(pk=wave.pk).update(snapshot_path=str(folder), snapshot_sha256=meta.responses_sha256)
    audit(
        actor,
        "wave_snapshot",
        municipality=wave.municipality,
        obj=wave,
        rows=meta.row_count,
        sha256=meta.responses_sha256,
    )
    wave.refresh_from_db()
    wave_frozen.send(sender=Wave, wave=wave, actor=actor)
    return wave


def add_class(actor: Any, wave: Wave, school: Any, *, grade: int, name: str, expected: int) -> SchoolClass:
    if grade not in wave.grades:
        raise FieldworkError(_("Leerjaar %(grade)s hoort niet bij deze meting.") % {"grade": grade})
    school_class, _created = SchoolClass.objects.update_or_create(
        wave=wave, school=school, name=name, defaults={"grade": grade, "expected": expected}
    )
    audit(actor, "class_register", municipality=wave.municipality, obj=school_class, name=name)
    return school_class


def create_session(
    actor: Any, school_class: SchoolClass, starts_at: dt.datetime, ends_at: dt.datetime
) -> ClassSession:
    """A class session with a fresh unique code, valid from ``starts_at`` to ``ends_at``."""
    if ends_at <= starts_at:
        raise FieldworkError(_("De sessie moet eindigen na het begin."))
    wave = school_class.wave
    if starts_at.date() > wave.window_end or ends_at.date() < wave.window_start:
        raise FieldworkError(_("De sessie valt buiten de veldwerkperiode van de meting."))
    for _attempt in range(20):
        try:
            with transaction.atomic():
                session = ClassSession.objects.create(
                    school_class=school_class, code=new_code(), starts_at=starts_at, ends_at=ends_at
                )
        except IntegrityError:
            continue
        audit(
            actor, "session_create", municipality=wave.municipality, obj=session, school_class=school_class.pk
        )
        return session
    raise FieldworkError("no free session code after 20 attempts")  # 85 million codes: never in practice


def create_sessions(
    actor: Any, classes: Iterable[SchoolClass], starts_at: dt.datetime, ends_at: dt.datetime
) -> list[ClassSession]:
    """One session per class that has none covering this time (idempotent for the same window)."""
    out = []
    for school_class in classes:
        existing = school_class.sessions.filter(starts_at__lte=starts_at, ends_at__gte=ends_at).first()
        out.append(existing or create_session(actor, school_class, starts_at, ends_at))
    return out


def import_snapshot_as_wave(
    actor: Any,
    municipality: Municipality,
    folder: Path,
    xlsform: bytes,
    *,
    classes: tuple[bytes, str] | None = None,
    enrolment: tuple[bytes, str] | None = None,
    status: str = WaveStatus.CLOSED,
) -> Wave:
    """A historical wave from its Snapshot v1 (e.g. from an earlier system or ``kansrijk synth``).

    The snapshot is read (and so verified) first; the XLSForm must be the one its meta names; classes and
    enrolment go through the same importers as for a live wave. Idempotent: a wave with the snapshot's code
    that already holds this snapshot is returned as it is.
    """
    try:
        snapshot = read_snapshot(folder)
    except SnapshotError as exc:
        raise FieldworkError(str(exc)) from None
    meta = snapshot.meta
    if meta.municipality_code != municipality.code:
        raise FieldworkError(
            _("De snapshot is van gemeente %(other)s, niet van %(own)s.")
            % {"other": meta.municipality_code, "own": municipality.code}
        )
    if hashlib.sha256(xlsform).hexdigest() != meta.instrument.sha256:
        raise FieldworkError(
            _("Het XLSForm-bestand is niet de vragenlijst die de snapshot noemt (sha256 verschilt).")
        )
    existing = Wave.objects.filter(municipality=municipality, code=meta.wave_id).first()
    if existing is not None:
        if existing.snapshot_sha256 == meta.responses_sha256:
            return existing
        raise FieldworkError(_("Er is al een meting met code %(code)s.") % {"code": meta.wave_id})
    instrument = register_instrument(xlsform)
    grades = sorted(
        {int(g) for g in snapshot.responses["grade"].unique().to_list()} | {r.grade for r in meta.enrolment}
    )
    with transaction.atomic():
        wave = Wave.objects.create(
            municipality=municipality,
            instrument=instrument,
            code=meta.wave_id,
            name=meta.wave_name,
            grades=grades,
            window_start=meta.fieldwork_start,
            window_end=meta.fieldwork_end,
            languages=["nl"],
            status=WaveStatus.CLOSED,
        )
        if classes is not None:
            import_classes(actor, wave, *classes)
        if enrolment is not None:
            import_enrolment(actor, wave, *enrolment)
        target = copy_snapshot(Path(folder), wave)
        wave.snapshot_path = str(target)
        wave.snapshot_sha256 = meta.responses_sha256
        wave.status = status
        wave.save(update_fields=["snapshot_path", "snapshot_sha256", "status"])
        audit(
            actor,
            "wave_import_snapshot",
            municipality=municipality,
            obj=wave,
            rows=meta.row_count,
            sha256=meta.responses_sha256,
        )
    return wave


def import_dataset(actor: Any, municipality: Municipality, folder: Path, *, areas: bool = True) -> list[Wave]:
    """A whole dataset as ``kansrijk synth`` writes it (or an earlier system exports it) into the database:
    ``schools.csv``, ``areas.geojson`` (unless ``areas`` is False), and every ``waves/*/snapshot`` with its
    XLSForm, classes (``classes.csv``) and enrolment (``enrolment.csv``) as closed waves, oldest first.

    The one way tests, benchmarks and the demo load a synthetic municipality: every step goes through the
    product's importers, and each is idempotent, so loading the same folder twice adds nothing.
    """
    from kansrijk.accounts.importers import import_areas, import_schools

    import_schools(actor, municipality, (folder / "schools.csv").read_bytes(), "schools.csv")
    if areas and (folder / "areas.geojson").is_file():
        import_areas(actor, municipality, folder / "areas.geojson")
    classes = ((folder / "classes.csv").read_bytes(), "classes.csv")
    enrolment = ((folder / "enrolment.csv").read_bytes(), "enrolment.csv")
    waves = []
    for snapshot in sorted((folder / "waves").glob("*/snapshot")):
        xlsforms = sorted(snapshot.parent.glob("*.xlsx"))
        if xlsforms:
            waves.append(
                import_snapshot_as_wave(
                    actor,
                    municipality,
                    snapshot,
                    xlsforms[0].read_bytes(),
                    classes=classes,
                    enrolment=enrolment,
                )
            )
    return waves
