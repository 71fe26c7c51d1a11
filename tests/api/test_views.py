"""The API keys page and two-factor authentication for microdata (django-otp TOTP)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kansrijk.accounts.models import AuditEvent
from kansrijk.api.models import ApiToken

from .conftest import bearer

pytestmark = pytest.mark.django_db


def test_admin_creates_a_token_that_is_shown_once_and_works(world) -> None:  # type: ignore[no-untyped-def]
    client = world.client("municipal_admin")
    url = reverse("api:tokens", kwargs={"code": "GM9999"})
    response = client.post(url, {"name": "GGD-dashboard", "role": "partner"})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    clear = re.search(r'<code id="new-token">(kr_[^<]+)</code>', response.content.decode()).group(1)  # type: ignore[union-attr]
    assert Client().get("/api/v1/me", **bearer(clear)).json()["name"] == "GGD-dashboard"
    listing = client.get(url).content.decode()
    assert "GGD-dashboard" in listing and clear not in listing
    token = ApiToken.objects.get(name="GGD-dashboard")
    client.post(reverse("api:token_revoke", kwargs={"code": "GM9999", "token_id": token.pk}))
    assert Client().get("/api/v1/me", **bearer(clear)).status_code == 401


def test_token_form_refuses_a_role_tokens_cannot_have(world) -> None:  # type: ignore[no-untyped-def]
    client = world.client("municipal_admin")
    response = client.post(
        reverse("api:tokens", kwargs={"code": "GM9999"}), {"name": "x", "role": "school_coordinator"}
    )
    assert response.status_code == 200
    assert not ApiToken.objects.filter(name="x").exists()


def test_token_pages_need_csrf(world) -> None:  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["municipal_admin"], backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(reverse("api:tokens", kwargs={"code": "GM9999"}), {"name": "x", "role": "partner"})
    assert response.status_code == 403
    assert not ApiToken.objects.filter(name="x").exists()


def test_microdata_needs_a_second_factor_which_can_be_set_up(world) -> None:  # type: ignore[no-untyped-def]
    analyst = world.users["analyst"]
    TOTPDevice.objects.filter(user=analyst).delete()
    client = world.client("analyst", otp=False)
    exports = reverse("results:exports", kwargs={"code": "GM9999"})
    response = client.get(exports)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp") + "?next=")
    # Published results do not need the second factor.
    assert client.get(reverse("results:dashboard", kwargs={"code": "GM9999"})).status_code == 200

    setup = client.get(response["Location"])
    page = setup.content.decode()
    assert 'src="data:image/svg+xml' in page and "Sleutel" in page
    device = TOTPDevice.objects.get(user=analyst, confirmed=False)
    wrong = client.post(response["Location"], {"code": "000000", "next": exports})
    assert wrong.status_code == 200 and client.get(exports).status_code == 302

    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    device.throttle_reset()
    done = client.post(reverse("accounts:otp"), {"code": code, "next": exports})
    assert done.status_code == 302 and done["Location"] == exports
    assert client.get(exports).status_code == 200
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert {"otp.setup", "otp.verify", "otp.failed"} <= set(
        AuditEvent.objects.filter(actor=analyst).values_list("action", flat=True)
    )


def test_second_factor_page_does_not_redirect_off_site(world) -> None:  # type: ignore[no-untyped-def]
    client = world.client("analyst", otp=False)
    device = TOTPDevice.objects.create(user=world.users["analyst"], name="app", confirmed=True)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post(reverse("accounts:otp"), {"code": code, "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/overzicht/"
