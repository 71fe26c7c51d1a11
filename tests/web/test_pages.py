"""Public pages, language, errors and the staff dashboard shell."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_home_is_dutch_by_default(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl" dir="ltr">' in html
    assert "Voor leerlingen" in html
    assert 'href="#main"' in html  # skip link


def test_language_switch_to_english_and_back(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/privacy/"})
    assert response.status_code == 302
    assert response["Location"] == "/privacy/"
    html = client.get("/privacy/").content.decode()
    assert '<html lang="en"' in html
    assert "We do not ask your name" in html
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert "We vragen niet je naam" in client.get("/privacy/").content.decode()


def test_accept_language_english_is_honoured(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/", headers={"accept-language": "en"}).content.decode()
    assert "For pupils" in html


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/toegankelijkheid/", "Toegankelijkheidsverklaring"),
        ("/privacy/", "De vragenlijst is anoniem"),
        ("/over/", "EUPL-1.2"),
    ],
)
def test_public_pages(client, url: str, text: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200
    assert text in response.content.decode()


def test_unknown_page_is_a_friendly_404(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_healthz_needs_no_session(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies


def test_dashboard_needs_login(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/overzicht/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/?next=/overzicht/")


def test_dashboard_lists_the_users_municipality_and_role(staff_client) -> None:  # type: ignore[no-untyped-def]
    client = staff_client("analyst")
    html = client.get("/overzicht/").content.decode()
    assert "Gemeente Voorbeeld" in html
    assert "Analist" in html
    assert "Auditlog bekijken" not in html  # only municipal admins see the audit log


def test_admin_sees_the_audit_log_link(staff_client) -> None:  # type: ignore[no-untyped-def]
    html = staff_client("municipal_admin").get("/overzicht/").content.decode()
    assert "Auditlog bekijken" in html


def test_brand_is_kansrijk_on_every_page_also_the_login(client) -> None:  # type: ignore[no-untyped-def]
    # Django's auth views set their own "site_name" (the host); the brand must not follow it.
    for url in ["/", "/account/inloggen/", "/account/wachtwoord-vergeten/"]:
        html = client.get(url).content.decode()
        assert 'class="kansrijk-brand utrecht-link" href="/">Kansrijk</a>' in html, url
        assert "· Kansrijk</title>" in html, url
