"""Staff login, logout, lockout by username, password reset by e-mail."""

from __future__ import annotations

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def test_login_with_the_right_password_lands_on_the_dashboard(client, make_staff) -> None:  # type: ignore[no-untyped-def]
    make_staff("anna", "analyst")
    response = client.post("/account/inloggen/", {"username": "anna", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/overzicht/"
    assert "Gemeente Voorbeeld" in response.content.decode()


def test_wrong_password_gives_a_clear_message_and_no_session(client, make_staff) -> None:  # type: ignore[no-untyped-def]
    make_staff("anna", "analyst")
    response = client.post("/account/inloggen/", {"username": "anna", "password": "wrong"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "gebruikersnaam en wachtwoord" in html  # Django's Dutch message
    assert "_auth_user_id" not in client.session


def test_lockout_by_username_after_repeated_failures(client, make_staff, settings) -> None:  # type: ignore[no-untyped-def]
    make_staff("anna", "analyst")
    make_staff("bram", "analyst")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/account/inloggen/", {"username": "anna", "password": "wrong"})
    locked = client.post("/account/inloggen/", {"username": "anna", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Tijdelijk geblokkeerd" in locked.content.decode()
    # Another user behind the same school network is not locked out: lockout is per username.
    other = client.post("/account/inloggen/", {"username": "bram", "password": PASSWORD})
    assert other.status_code == 302


def test_no_client_address_is_stored_for_login_attempts(client, make_staff) -> None:  # type: ignore[no-untyped-def]
    from axes.models import AccessAttempt

    make_staff("anna", "analyst")
    client.post("/account/inloggen/", {"username": "anna", "password": "wrong"}, REMOTE_ADDR="203.0.113.7")
    addresses = set(AccessAttempt.objects.values_list("ip_address", flat=True))
    assert "203.0.113.7" not in addresses


def test_logout_is_a_post(client, make_staff) -> None:  # type: ignore[no-untyped-def]
    user = make_staff("anna", "analyst")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/account/uitloggen/").status_code == 405
    client.post("/account/uitloggen/")
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email(client, make_staff) -> None:  # type: ignore[no-untyped-def]
    user = make_staff("anna", "analyst")
    user.email = "anna@voorbeeld.example"
    user.save()
    response = client.post("/account/wachtwoord-vergeten/", {"email": "anna@voorbeeld.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/account/wachtwoord-herstellen/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    form = client.get(link.group(1), follow=True)
    new = "a-much-longer-new-passphrase"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True)
    assert "Wachtwoord opgeslagen" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(new)


def test_password_policy_refuses_short_passwords(client, make_staff) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("kort123")
