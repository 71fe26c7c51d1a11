"""Wave life cycle, audit, and closing into a Snapshot v1 that the analysis can read."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import polars as pl
import pytest

from kansrijk.accounts.constants import AreaLevel
from kansrijk.accounts.models import Area, AuditEvent, Pc4Wijk
from kansrijk.fieldwork import services
from kansrijk.fieldwork.constants import WaveStatus
from kansrijk.fieldwork.models import Enrolment, InstrumentVersion, Wave
from kansrijk.snapshot import read_snapshot

from .factories import SchoolClassFactory
from .helpers import complete_questionnaire


@pytest.mark.django_db
def test_create_and_transitions_are_audited(municipality, make_staff) -> None:  # type: ignore[no-untyped-def]
    admin = make_staff("beheer", "municipal_admin")
    wave = services.create_wave(
        admin,
        municipality,
        services.default_instrument(),
        code="GM9999-2027",
        name="OKO 2027",
        grades=[4, 2],
        window_start=dt.date(2027, 3, 1),
        window_end=dt.date(2027, 3, 31),
        languages=["en", "ar"],
    )
    assert wave.status == WaveStatus.DRAFT and wave.grades == [2, 4] and wave.languages == ["nl", "en", "ar"]
    with pytest.raises(services.FieldworkError, match="klassen"):
        services.open_wave(admin, wave)
    SchoolClassFactory(wave=wave)
    services.open_wave(admin, wave)
    with pytest.raises(services.FieldworkError):
        services.publish_wave(admin, wave)  # open → published skips closed
    actions = list(AuditEvent.objects.order_by("id").values_list("action", "actor_name"))
    assert actions == [("wave_create", "beheer"), ("wave_open", "beheer")]


@pytest.mark.django_db
def test_wave_rejects_bad_input(municipality) -> None:  # type: ignore[no-untyped-def]
    version = services.default_instrument()
    common = {
        "code": "x",
        "name": "x",
        "window_start": dt.date(2027, 3, 1),
        "window_end": dt.date(2027, 3, 2),
    }
    with pytest.raises(services.FieldworkError, match="leerjaren"):
        services.create_wave(None, municipality, version, grades=[7], **common)
    with pytest.raises(services.FieldworkError, match="vertaling"):
        services.create_wave(None, municipality, version, grades=[2], languages=["de"], **common)
    with pytest.raises(services.FieldworkError, match="eindigt"):
        services.create_wave(
            None, municipality, version, grades=[2], **{**common, "window_end": dt.date(2027, 2, 1)}
        )


@pytest.mark.django_db
def test_instrument_version_is_immutable_once_used(session) -> None:  # type: ignore[no-untyped-def]
    version = InstrumentVersion.objects.get()
    assert version.sha256 == hashlib.sha256(bytes(version.xlsform)).hexdigest()
    version.xlsform = b"changed"
    with pytest.raises(Exception, match="ligt vast"):
        version.save()


@pytest.mark.django_db
def test_close_writes_snapshot_in_contract_conventions(client, municipality, session) -> None:  # type: ignore[no-untyped-def]
    wave = session.school_class.wave
    school = session.school_class.school
    wijk = Area.objects.create(
        municipality=municipality, level=AreaLevel.WIJK, code="WK999901", name="Centrum"
    )
    other = Area.objects.create(
        municipality=municipality, level=AreaLevel.WIJK, code="WK999902", name="Haven"
    )
    Pc4Wijk.objects.create(municipality=municipality, pc4="9901", wijk=wijk, share=0.7)
    Pc4Wijk.objects.create(municipality=municipality, pc4="9901", wijk=other, share=0.3)
    Enrolment.objects.create(wave=wave, school=school, grade=2, gender="m", n=120)
    Enrolment.objects.create(wave=wave, school=school, grade=2, gender="v", n=110)
    complete_questionnaire(client, session)  # girl, PC4 9901, never drank
    client.cookies.clear()
    complete_questionnaire(
        client,
        session,
        {
            "bg_gender": "nz",
            "bg_pc4": "1234",
            "alc_life": "2",
            "alc_30d": "1",
            "alc_source": ["friends", "shop"],
        },
    )
    client.cookies.clear()
    client.post(f"/k/{session.code}/", {"keuze": "niet"})  # a refusal is not a respondent
    client.post(f"/k/{session.code}/", {"keuze": "mee"})  # entered, answered nothing: not a respondent

    closed = services.close_wave(None, wave)
    assert closed.status == WaveStatus.CLOSED and closed.snapshot_sha256
    snap = read_snapshot(Path(closed.snapshot_path))
    assert snap.meta.responses_sha256 == closed.snapshot_sha256
    assert snap.meta.instrument.sha256 == wave.instrument.sha256 and snap.meta.wave_id == wave.code
    assert {(r.gender, r.n) for r in snap.meta.enrolment} == {("m", 120), ("v", 110)}
    df = snap.responses.sort("gender", nulls_last=True)
    assert df.height == 2
    assert df["gender"].to_list() == ["v", None]  # nz → null
    assert df["pc4"].to_list() == ["9901", "1234"]
    assert df["wijk"].to_list() == ["WK999901", "buiten"]  # largest share; outside the municipality
    assert df["class_id"].to_list() == [session.school_class.class_id] * 2
    assert df["school_id"][0] == school.code and df["grade"][0] == 2
    assert df["complete"].to_list() == [True, True]
    assert all(d % 5 == 0 for d in df["duration_s"].to_list())
    assert df.schema["bg_age"] == pl.Int64 and df.schema["lei_screen_hours"] == pl.Float64
    assert "bg_pc4" not in df.columns  # free text is left out (pc4 is a fixed column)
    drinker = df.filter(pl.col("alc_life") == "2").row(0, named=True)
    assert drinker["alc_source__friends"] is True and drinker["alc_source__parents"] is False
    never = df.filter(pl.col("alc_life") == "0").row(0, named=True)
    assert never["alc_30d"] is None and never["alc_source__friends"] is None  # not asked → null
    assert AuditEvent.objects.filter(action="wave_snapshot", object_id=str(wave.pk)).exists()
    # responses are locked: a late save is refused
    late = client.post(f"/k/{session.code}/", {"keuze": "mee"})
    assert late.status_code == 400


@pytest.mark.django_db
def test_close_runs_as_background_task_inline_in_tests(session) -> None:  # type: ignore[no-untyped-def]
    wave = services.close_wave(None, session.school_class.wave, background=True)
    wave.refresh_from_db()
    assert wave.snapshot_sha256 and read_snapshot(Path(wave.snapshot_path)).meta.row_count == 0


@pytest.mark.django_db
def test_sessions_are_unique_and_within_the_window(session) -> None:  # type: ignore[no-untyped-def]
    school_class = session.school_class
    wave = school_class.wave
    start = dt.datetime.combine(wave.window_start, dt.time(9), tzinfo=dt.UTC)
    made = services.create_sessions(
        None, [school_class, SchoolClassFactory(wave=wave)], start, start + dt.timedelta(hours=1)
    )
    assert len({s.code for s in made} | {session.code}) == 3
    again = services.create_sessions(None, [school_class], start, start + dt.timedelta(hours=1))
    assert again[0].pk == made[0].pk  # idempotent for the same hour
    with pytest.raises(services.FieldworkError, match="buiten"):
        services.create_session(
            None, school_class, start + dt.timedelta(days=400), start + dt.timedelta(days=400, hours=1)
        )


@pytest.mark.slow
@pytest.mark.django_db
def test_import_snapshot_as_wave_from_synth(tmp_path, municipality) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.accounts.importers import import_schools
    from kansrijk.synth.dataset import generate_dataset

    result = generate_dataset(tmp_path / "synth", pupils=600, waves=1, seed=7)
    import_schools(None, municipality, (tmp_path / "synth" / "schools.csv").read_bytes(), "schools.csv")
    folder = result.waves[0].folder
    xlsx = next(folder.parent.glob("*.xlsx")).read_bytes()
    classes = ((tmp_path / "synth" / "classes.csv").read_bytes(), "classes.csv")
    enrolment = ((tmp_path / "synth" / "enrolment.csv").read_bytes(), "enrolment.csv")
    wave = services.import_snapshot_as_wave(
        None, municipality, folder, xlsx, classes=classes, enrolment=enrolment
    )
    assert wave.status == WaveStatus.CLOSED and wave.snapshot_sha256 == result.waves[0].meta.responses_sha256
    assert read_snapshot(Path(wave.snapshot_path)).meta.row_count == result.waves[0].respondents
    assert wave.classes.count() > 0 and wave.enrolment.count() > 0
    assert services.import_snapshot_as_wave(None, municipality, folder, xlsx).pk == wave.pk  # idempotent
    with pytest.raises(services.FieldworkError, match="XLSForm"):
        services.import_snapshot_as_wave(None, municipality, folder, b"other")
    assert Wave.objects.count() == 1
