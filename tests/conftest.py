"""Suite-wide fixtures: Hypothesis profiles, CI strictness, staff login (browser: tests/browser.py)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run "inside" one
# unless told it is safe (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["tests.browser"]

MUST_RUN_IN_CI = {"browser", "postgres"}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """Under CI=true a skipped browser or PostgreSQL test is a failure: CI must really cover both."""
    outcome = yield
    report = outcome.get_result()
    if (
        os.environ.get("CI") == "true"
        and report.skipped
        and MUST_RUN_IN_CI & {m.name for m in item.iter_markers()}
    ):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.longrepr = f"Skipped under CI=true, which must run browser and PostgreSQL tests: {reason}"


@pytest.fixture
def municipality(db):  # type: ignore[no-untyped-def]
    from kansrijk.accounts.services import ensure_municipality

    return ensure_municipality("GM9999", "Gemeente Voorbeeld")


@pytest.fixture
def make_staff(db, municipality):  # type: ignore[no-untyped-def]
    """Create a staff user with a role; returns the user (password ``correct-horse-battery``)."""
    from kansrijk.accounts.services import ensure_staff_user

    def make(username: str, role: str, schools=None):  # type: ignore[no-untyped-def]
        return ensure_staff_user(username, "correct-horse-battery", municipality, role, schools=schools)

    return make


def verify_second_factor(client, user):  # type: ignore[no-untyped-def]
    """Mark the client's session as verified with a confirmed TOTP device, as django-otp's login does."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture
def staff_client(client, make_staff):  # type: ignore[no-untyped-def]
    """A test client logged in as a staff member of a role, by session (no password). By default the session
    also counts as verified with a second factor (TOTP), so pages behind two-factor authentication open;
    ``otp=False`` gives a session without it (to test the 2FA redirect)."""

    def login(role: str = "municipal_admin", username: str | None = None, schools=None, otp: bool = True):  # type: ignore[no-untyped-def]
        user = make_staff(username or role, role, schools=schools)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        if otp:
            verify_second_factor(client, user)
        return client

    return login
