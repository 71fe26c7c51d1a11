"""The pupil flow through the test client (no JavaScript): every page is a plain form POST."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from kansrijk.fieldwork.constants import RESUME_COOKIE, WRONG_CODES_PER_ADDRESS, WaveStatus
from kansrijk.fieldwork.models import PageSave, Response, Wave
from kansrijk.fieldwork.questionnaire import instrument_for_version

from .factories import ClassSessionFactory
from .helpers import complete_questionnaire, page_data, page_index_of


def _instrument(session):  # type: ignore[no-untyped-def]
    v = session.school_class.wave.instrument
    return instrument_for_version(v.pk, v.sha256)


@pytest.mark.django_db
def test_whole_questionnaire_without_javascript(client, session) -> None:  # type: ignore[no-untyped-def]
    visited = complete_questionnaire(client, session)
    instrument = _instrument(session)
    names = [instrument.pages[i].name for i in visited]
    assert names[:3] == ["intro", "bg", "home"] and names[-1] == "end"
    response = Response.objects.get()
    assert response.complete and response.resume_token_hash is None
    a = response.answers
    assert a["bg_age"] == 14 and a["bg_gender"] == "v" and a["lei_screen_hours"] == 2.5
    assert a["bg_lives_with__mother"] is True and a["bg_lives_with__father"] is False
    # skip logic: alc_life = "0" (never) → the follow-up questions are cleared, not stored
    assert a["alc_life"] == "0" and a["alc_30d"] is None and a["alc_first_age"] is None
    assert client.cookies[RESUME_COOKIE].value == ""  # the resume token is cleared on completion
    assert PageSave.objects.filter(response=response).count() == len(visited)


@pytest.mark.django_db
def test_skip_logic_shows_follow_up_then_requires_it(client, session) -> None:  # type: ignore[no-untyped-def]
    instrument = _instrument(session)
    client.post(f"/k/{session.code}/", {"keuze": "mee"})
    alc = next(i for i, p in enumerate(instrument.pages) if p.name == "alc")
    Response.objects.update(current_page=alc)
    page = client.get(f"/k/{session.code}/p/{alc}/").content.decode()
    assert 'data-item="alc_30d" data-kind="select_one" id="q-alc_30d" hidden' in page
    # the pupil answers "yes, drank" without seeing the follow-up: the page comes back with it, no error yet
    post = {"getoond": ["alc_life"], "alc_life": "2"}
    again = client.post(f"/k/{session.code}/p/{alc}/", post)
    assert again.status_code == 200
    html = again.content.decode()
    assert 'id="q-alc_30d" hidden' not in html and "fw-errors" not in html
    # submitted with the follow-up shown but unanswered: now it is required
    post["getoond"] = ["alc_life", "alc_30d", "alc_drunk_30d", "alc_binge_30d", "alc_first_age", "alc_source"]
    missing = client.post(f"/k/{session.code}/p/{alc}/", post)
    assert missing.status_code == 400 and "e-alc_30d" in missing.content.decode()


@pytest.mark.django_db
def test_constraint_message_is_friendly(client, session) -> None:  # type: ignore[no-untyped-def]
    instrument = _instrument(session)
    client.post(f"/k/{session.code}/", {"keuze": "mee"})
    client.post(f"/k/{session.code}/p/0/", page_data(instrument, 0))
    data = page_data(instrument, 1, {"bg_age": "35", "bg_pc4": "12"})
    response = client.post(f"/k/{session.code}/p/1/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vul een leeftijd van 10 tot en met 20 jaar in." in html
    assert "Vul precies 4 cijfers in, bijvoorbeeld 6211." in html
    assert 'value="35"' in html  # what the pupil typed is kept


@pytest.mark.django_db
def test_reload_resumes_and_new_pupil_starts_fresh(client, session) -> None:  # type: ignore[no-untyped-def]
    instrument = _instrument(session)
    client.post(f"/k/{session.code}/", {"keuze": "mee"})
    client.post(f"/k/{session.code}/p/0/", page_data(instrument, 0))
    client.post(f"/k/{session.code}/p/1/", page_data(instrument, 1))
    back = client.get(f"/k/{session.code}/")  # e.g. the browser crashed and the pupil opens the code again
    assert page_index_of(back["Location"]) == 2
    assert "Welkom terug" in client.get(back["Location"]).content.decode()
    client.post(f"/k/{session.code}/nieuw/")
    assert client.get(f"/k/{session.code}/").status_code == 200  # the intro, for the next pupil
    assert Response.objects.count() == 1


@pytest.mark.django_db
def test_back_button_saves_and_goes_back(client, session) -> None:  # type: ignore[no-untyped-def]
    instrument = _instrument(session)
    client.post(f"/k/{session.code}/", {"keuze": "mee"})
    client.post(f"/k/{session.code}/p/0/", page_data(instrument, 0))
    response = client.post(
        f"/k/{session.code}/p/1/", {"richting": "terug", "getoond": ["bg_age"], "bg_age": "15"}
    )
    assert page_index_of(response["Location"]) == 0
    assert Response.objects.get().answers["bg_age"] == 15


@pytest.mark.django_db
def test_refusal_is_counted(client, session) -> None:  # type: ignore[no-untyped-def]
    response = client.post(f"/k/{session.code}/", {"keuze": "niet"})
    assert "/niet-mee/" in response["Location"]
    assert "Kindertelefoon" in client.get(response["Location"]).content.decode()
    stored = Response.objects.get()
    assert stored.refused and not stored.complete and stored.resume_token_hash is None


@pytest.mark.django_db
def test_arabic_pages_are_right_to_left(client, session) -> None:  # type: ignore[no-untyped-def]
    client.post(f"/k/{session.code}/", {"keuze": "mee", "taal": "ar"})
    html = client.get(f"/k/{session.code}/p/0/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "التالي" in html  # "Next"
    client.post(f"/k/{session.code}/taal/", {"taal": "en", "volgende": "0"})
    html = client.get(f"/k/{session.code}/p/0/").content.decode()
    assert '<html lang="en" dir="ltr">' in html and ">Next<" in html


@pytest.mark.django_db
def test_code_outside_window_says_so(client, session) -> None:  # type: ignore[no-untyped-def]
    later = ClassSessionFactory(
        school_class=session.school_class,
        starts_at=timezone.now() + dt.timedelta(days=1),
        ends_at=timezone.now() + dt.timedelta(days=1, hours=1),
    )
    response = client.post("/start/", {"code": later.code})
    assert response.status_code == 400 and "werkt nog niet" in response.content.decode()
    past = ClassSessionFactory(
        school_class=session.school_class,
        starts_at=timezone.now() - dt.timedelta(hours=3),
        ends_at=timezone.now() - dt.timedelta(hours=2),
    )
    assert "werkt niet meer" in client.post("/start/", {"code": past.code}).content.decode()
    Wave.objects.update(status=WaveStatus.CLOSED)
    assert "gesloten" in client.post("/start/", {"code": session.code}).content.decode()


@pytest.mark.django_db
def test_wrong_codes_rate_limited_above_a_school_behind_one_nat(session) -> None:  # type: ignore[no-untyped-def]
    school = Client(REMOTE_ADDR="203.0.113.7")
    # a whole school behind one address: 10 classes × 25 pupils, each with a typo, all different
    for i in range(250):
        response = school.post("/start/", {"code": f"XXX{i:03d}"})
        assert response.status_code == 400 and "kennen we niet" in response.content.decode()
    assert school.post("/start/", {"code": session.code}).status_code == 302  # still let in
    for i in range(WRONG_CODES_PER_ADDRESS - 250):
        school.post("/start/", {"code": f"YYY{i:03d}"})
    blocked = school.post("/start/", {"code": session.code})
    assert "te veel verkeerde codes" in blocked.content.decode()
    other = Client(REMOTE_ADDR="198.51.100.9")
    assert other.post("/start/", {"code": session.code}).status_code == 302  # another school is not affected


@pytest.mark.django_db
def test_autosave_is_idempotent_and_reports_relevance(client, session) -> None:  # type: ignore[no-untyped-def]
    instrument = _instrument(session)
    alc = next(i for i, p in enumerate(instrument.pages) if p.name == "alc")
    client.post(f"/k/{session.code}/", {"keuze": "mee"})
    Response.objects.update(current_page=alc)
    save_id = str(uuid.uuid4())
    body = {"pagina": str(alc), "vraag": "alc_life", "alc_life": "2", "opslag_id": save_id}
    first = json.loads(client.post(f"/k/{session.code}/opslaan/", body).content)
    assert first["ok"] and first["outcome"] == "saved"
    assert "alc_30d" in first["relevant"] and "alc_source" not in first["relevant"]
    replay = json.loads(client.post(f"/k/{session.code}/opslaan/", body).content)
    assert replay["outcome"] == "duplicate"
    assert PageSave.objects.count() == 1 and Response.objects.get().answers == {"alc_life": "2"}


@pytest.mark.django_db
def test_free_text_is_escaped_when_shown(client, session) -> None:  # type: ignore[no-untyped-def]
    client.post(f"/k/{session.code}/", {"keuze": "mee"})
    instrument = _instrument(session)
    client.post(f"/k/{session.code}/p/0/", page_data(instrument, 0))
    data = page_data(instrument, 1, {"bg_pc4": "<script>alert(1)</script>"})
    html = client.post(f"/k/{session.code}/p/1/", data).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


@pytest.mark.django_db
def test_code_typed_in_lower_case_in_the_address(client, session) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/k/{session.code.lower()}/")
    assert response.status_code == 302 and response["Location"] == f"/k/{session.code}/"


@pytest.mark.django_db
def test_a_link_with_the_code_fills_it_in_and_a_language_switch_keeps_it(client, session) -> None:  # type: ignore[no-untyped-def]
    html = client.get(f"/start/?code={session.code}").content.decode()
    assert f'value="{session.code}"' in html
    assert (
        f'<input type="hidden" name="code" value="{session.code}">' in html
    )  # kept when the language changes
    html = client.get(f"/start/?code={session.code}&taal=en").content.decode()
    assert f'value="{session.code}"' in html and '<html lang="en"' in html
    assert f'value="{"x" * 12}"' in client.get("/start/?code=" + "x" * 40).content.decode()  # cut to 12
    assert client.get("/start/?code=" + "<b>").content.decode().count("<b>") == 0  # escaped


# -- the lean pupil path (kansrijk.web.middleware) -----------------------------------------------------------
def _staff_queries(queries) -> list[str]:  # type: ignore[no-untyped-def]
    return [q["sql"] for q in queries if "django_session" in q["sql"] or "axes_" in q["sql"]]


@pytest.mark.django_db
def test_pupil_path_skips_staff_middleware_but_keeps_csp_csrf_and_headers(session, make_staff) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = Client(enforce_csrf_checks=True)
    # a teacher signed in on the same browser: the pupil pages still never read the staff session
    client.force_login(make_staff("docent", "analyst"))
    with CaptureQueriesContext(connection) as queries:
        intro = client.get(f"/k/{session.code}/")
    assert intro.status_code == 200
    request = intro.wsgi_request
    assert not hasattr(request, "session") and not hasattr(request, "_messages")
    assert isinstance(request.user, AnonymousUser)
    assert _staff_queries(queries) == []
    # what protects the pupil stays: CSP, frame and referrer headers, CSRF (a cookie, not the session)
    assert "default-src 'self'" in intro.headers["Content-Security-Policy"]
    assert intro.headers["X-Frame-Options"] == "DENY"
    assert intro.headers["Referrer-Policy"] == "same-origin"
    assert "sessionid" not in intro.cookies
    token = intro.content.split(b'name="csrfmiddlewaretoken" value="', 1)[1].split(b'"', 1)[0].decode()
    refused = client.post(f"/k/{session.code}/", {"keuze": "mee", "taal": "nl"})
    assert refused.status_code == 403 and not Response.objects.exists()
    started = client.post(f"/k/{session.code}/", {"csrfmiddlewaretoken": token, "keuze": "mee", "taal": "nl"})
    assert started.status_code == 302 and Response.objects.count() == 1
    csrf = client.cookies["csrftoken"].value
    body = {"pagina": 1, "vraag": "bg_age", "bg_age": "14", "opslag_id": str(uuid.uuid4())}
    assert client.post(f"/k/{session.code}/opslaan/", body).status_code == 403
    with CaptureQueriesContext(connection) as queries:
        saved = client.post(f"/k/{session.code}/opslaan/", body, HTTP_X_CSRFTOKEN=csrf)
    assert saved.status_code == 200 and json.loads(saved.content)["ok"]
    assert _staff_queries(queries) == []
    # the autosave answer is JSON for the page's script, no document: no CSP to build; the frame and
    # referrer headers stay, and the browser is told not to sniff it into one
    assert saved.headers["Content-Type"] == "application/json"
    assert int(saved.headers["Content-Length"]) == len(saved.content)  # not chunked: the page reads it whole
    assert "Content-Security-Policy" not in saved.headers
    assert saved.headers["X-Frame-Options"] == "DENY" and saved.headers["X-Content-Type-Options"] == "nosniff"
    # staff pages still run the whole chain: the same browser's session is there
    staff_page = client.get("/")
    assert staff_page.wsgi_request.session.session_key and staff_page.wsgi_request.user.is_authenticated


def test_lean_chain_is_the_full_chain_minus_the_staff_middleware(settings) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.web.middleware import DOCUMENT_ONLY, STAFF_ONLY, PupilRouteMiddleware, is_autosave_path

    lean = PupilRouteMiddleware(lambda request: None).lean.names  # type: ignore[arg-type, return-value]
    below = settings.MIDDLEWARE[
        settings.MIDDLEWARE.index("kansrijk.web.middleware.PupilRouteMiddleware") + 1 :
    ]
    assert lean == [m for m in below if m not in STAFF_ONLY]
    assert set(below) >= STAFF_ONLY and not STAFF_ONLY & set(lean)
    for kept in (
        "kansrijk.web.csp.ContentSecurityPolicyMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
    ):
        assert kept in lean
    # the autosave's JSON answer: also without the middleware that serves documents, never without CSRF
    autosave = PupilRouteMiddleware(lambda request: None).autosave.names  # type: ignore[arg-type, return-value]
    assert autosave == [m for m in lean if m not in DOCUMENT_ONLY] and set(lean) >= DOCUMENT_ONLY
    assert {
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        "django.middleware.common.CommonMiddleware",
    } <= set(autosave)
    assert is_autosave_path("/k/KXM49P/opslaan/")
    assert not is_autosave_path("/k/KXM49P/opslaan/x/") and not is_autosave_path("/k/KXM49P/p/1/")
