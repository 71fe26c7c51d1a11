"""Staff pages: permissions, imports with per-row errors, transitions, sheets, letter, live monitor."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kansrijk.accounts.models import AuditEvent, School
from kansrijk.fieldwork.constants import WaveStatus
from kansrijk.fieldwork.models import ClassSession, SchoolClass, Wave

from .factories import ClassSessionFactory, SchoolClassFactory
from .helpers import complete_questionnaire


def _url(session, suffix: str = "") -> str:  # type: ignore[no-untyped-def]
    wave = session.school_class.wave
    return f"/gemeente/{wave.municipality.code}/metingen/{wave.code}/{suffix}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("municipal_admin", 200), ("analyst", 200), ("school_coordinator", 200), ("partner", 403)],
)
def test_wave_list_by_role(staff_client, municipality, role, status) -> None:  # type: ignore[no-untyped-def]
    assert staff_client(role).get("/gemeente/GM9999/metingen/").status_code == status


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, session) -> None:  # type: ignore[no-untyped-def]
    assert "/account/" in client.get(_url(session))["Location"]


@pytest.mark.django_db
def test_create_wave_through_the_form(staff_client, municipality) -> None:  # type: ignore[no-untyped-def]
    client = staff_client("municipal_admin")
    assert client.get("/gemeente/GM9999/metingen/nieuw/").status_code == 200
    from kansrijk.fieldwork.models import InstrumentVersion

    response = client.post(
        "/gemeente/GM9999/metingen/nieuw/",
        {
            "code": "GM9999-2027",
            "name": "OKO 2027",
            "instrument": InstrumentVersion.objects.get().pk,
            "grades": ["2", "4"],
            "window_start": "2027-03-01",
            "window_end": "2027-03-20",
            "languages": ["nl", "ar"],
        },
    )
    assert response.status_code == 302
    wave = Wave.objects.get(code="GM9999-2027")
    assert wave.languages == ["nl", "ar"] and wave.status == WaveStatus.DRAFT
    assert (
        staff_client("analyst", username="a").post("/gemeente/GM9999/metingen/nieuw/", {}).status_code == 403
    )


@pytest.mark.django_db
def test_import_pages_show_problems_per_row(staff_client, session) -> None:  # type: ignore[no-untyped-def]
    client = staff_client("municipal_admin")
    bad = SimpleUploadedFile(
        "klassen.csv", b"school_id;klas;leerjaar;leerlingen\n00XX00;2Z;2;20\n", content_type="text/csv"
    )
    response = client.post(_url(session, "import/klassen/"), {"file": bad})
    assert response.status_code == 400
    html = response.content.decode()
    assert "niets geïmporteerd" in html and "00XX00" in html
    code = session.school_class.school.code
    good = SimpleUploadedFile(
        "klassen.csv",
        f"school_id;klas;leerjaar;leerlingen\n{code};2Z;2;20\n".encode(),
        content_type="text/csv",
    )
    assert client.post(_url(session, "import/klassen/"), {"file": good}).status_code == 302
    assert SchoolClass.objects.filter(name="2Z").exists()
    schools = SimpleUploadedFile("s.csv", b"brin;naam\n98ZZ;Nieuwe School\n", content_type="text/csv")
    assert client.post("/gemeente/GM9999/metingen/scholen/", {"file": schools}).status_code == 302
    assert School.objects.filter(brin="98ZZ").exists()


@pytest.mark.django_db
def test_transition_close_through_the_page(staff_client, session) -> None:  # type: ignore[no-untyped-def]
    client = staff_client("municipal_admin")
    assert client.post(_url(session, "status/"), {"status": "closed"}).status_code == 302
    wave = Wave.objects.get()
    assert wave.status == WaveStatus.CLOSED and wave.snapshot_sha256
    assert AuditEvent.objects.filter(action="wave_closed", actor_name="municipal_admin").exists()


@pytest.mark.django_db
def test_sessions_form_makes_codes(staff_client, session) -> None:  # type: ignore[no-untyped-def]
    client = staff_client("municipal_admin")
    wave = session.school_class.wave
    extra = SchoolClassFactory(wave=wave)
    response = client.post(
        _url(session, "sessies/"),
        {"date": wave.window_start.isoformat(), "start": "09:00", "end": "10:00", "classes": [extra.pk]},
    )
    assert response.status_code == 302
    assert ClassSession.objects.filter(school_class=extra).count() == 1


@pytest.mark.django_db
def test_session_sheet_has_code_url_and_qr(staff_client, session) -> None:  # type: ignore[no-untyped-def]
    html = (
        staff_client("municipal_admin").get(_url(session, f"sessies/{session.code}/blad/")).content.decode()
    )
    assert session.display_code in html
    assert f"http://testserver/k/{session.code}/" in html
    assert 'src="data:image/svg+xml' in html
    assert "Meedoen is vrij" in html


@pytest.mark.django_db
def test_consent_letter_in_dutch_and_english(staff_client, session) -> None:  # type: ignore[no-untyped-def]
    html = staff_client("school_coordinator").get(_url(session, "toestemmingsbrief/")).content.decode()
    assert 'lang="nl"' in html and 'lang="en"' in html
    assert "hoeft u niets te tekenen" in html and "You do not need to sign anything" in html


@pytest.mark.django_db
def test_monitor_counts_and_coordinator_sees_own_school_only(client, staff_client, session) -> None:  # type: ignore[no-untyped-def]
    wave = session.school_class.wave
    other = ClassSessionFactory(school_class__wave=wave)
    complete_questionnaire(client, session, {"bg_pc4": "8765"})
    client.cookies.clear()
    client.post(f"/k/{session.code}/", {"keuze": "niet"})
    client.cookies.clear()
    client.post(f"/k/{other.code}/", {"keuze": "mee"})
    own = session.school_class.school
    coordinator = staff_client("school_coordinator", schools=[own])
    html = coordinator.get(_url(session, "monitor/tabel/")).content.decode()
    assert own.name in html and other.school_class.school.name not in html
    assert "8765" not in html  # no answers on the monitor
    # municipality total: expected 25 + 25, started 1 (+ the other school's 1), completed 1, refused 1
    total = html.split("fw-total-row")[1]
    cells = [c.split("<")[0] for c in total.split('fw-num">')[1:]]
    assert cells == ["50", "2", "1", "1", "2%"]
    page = coordinator.get(_url(session, "monitor/")).content.decode()
    assert 'hx-get="' in page and "every 5s" in page and "htmx.min.js" in page
