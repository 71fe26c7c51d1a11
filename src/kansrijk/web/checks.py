"""Kansrijk's own deployment checks, run by ``kansrijk check-deploy`` next to Django's ``check --deploy``.

Registered with the ``deploy`` flag, so they run only with ``--deploy``. Errors are things that must not go
live (a demo secret, microdata without a second factor, a CSP that allows inline code); warnings fail
``check-deploy`` too (it runs with ``--fail-level WARNING``); infos only inform.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Info, Tags, Warning, register

DEMO_SECRET = "kansrijk-demo-only-not-secret"  # noqa: S105 - the known demo value this check refuses
UNSAFE_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:")
MAX_UPLOAD = 50 * 1024 * 1024


def secret_key() -> list[Any]:
    if (
        settings.SECRET_KEY in (DEMO_SECRET, "")
        or len(set(settings.SECRET_KEY)) < 10
        or len(settings.SECRET_KEY) < 40
    ):
        return [
            Error(
                "SECRET_KEY is the demo key or too short.",
                hint="Set SECRET_KEY to a long random string: "
                "python -c 'import secrets; print(secrets.token_urlsafe(50))'.",
                id="kansrijk.E001",
            )
        ]
    return []


def second_factor() -> list[Any]:
    out: list[Any] = []
    if not settings.KANSRIJK.get("REQUIRE_2FA", True):
        out.append(
            Error(
                "Two-factor authentication for microdata is switched off.",
                hint="Remove KANSRIJK_REQUIRE_2FA=false from the environment.",
                id="kansrijk.E002",
            )
        )
    if "django_otp.middleware.OTPMiddleware" not in settings.MIDDLEWARE:
        out.append(Error("django-otp's OTPMiddleware is missing from MIDDLEWARE.", id="kansrijk.E003"))
    return out


def login_protection() -> list[Any]:
    out: list[Any] = []
    if "axes" not in settings.INSTALLED_APPS or not getattr(settings, "AXES_ENABLED", True):
        out.append(Error("Login lockout (django-axes) is not active.", id="kansrijk.E004"))
    if getattr(settings, "AXES_CLIENT_IP_CALLABLE", "") != "kansrijk.accounts.security.no_client_address":
        out.append(
            Error(
                "django-axes may store client IP addresses.",
                hint="Set AXES_CLIENT_IP_CALLABLE to kansrijk.accounts.security.no_client_address.",
                id="kansrijk.E005",
            )
        )
    return out


def content_security_policy() -> list[Any]:
    directives = getattr(settings, "CONTENT_SECURITY_POLICY", {}).get("DIRECTIVES", {})
    out: list[Any] = []
    for name in ("default-src", "script-src", "style-src"):
        unsafe = [s for s in directives.get(name, []) if s in UNSAFE_SOURCES]
        if unsafe:
            out.append(Error(f"The CSP allows {', '.join(unsafe)} in {name}.", id="kansrijk.E006"))
    if "script-src" not in directives:
        out.append(Error("The CSP has no script-src directive.", id="kansrijk.E006"))
    return out


def request_limits() -> list[Any]:
    size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if size is None or size > MAX_UPLOAD:
        return [
            Error(
                "Request bodies are not limited (DATA_UPLOAD_MAX_MEMORY_SIZE).",
                hint=f"Keep it at or below {MAX_UPLOAD} bytes.",
                id="kansrijk.E007",
            )
        ]
    return []


def mail() -> list[Any]:
    if settings.EMAIL_BACKEND.endswith(("console.EmailBackend", "locmem.EmailBackend", "dummy.EmailBackend")):
        return [
            Warning(
                "E-mail is not sent (console backend): password reset mails reach nobody.",
                hint="Set EMAIL_BACKEND and the SMTP settings (EMAIL_HOST, …) in the environment.",
                id="kansrijk.W010",
            )
        ]
    return []


def shared_state() -> list[Any]:
    out: list[Any] = []
    if str(settings.DATABASES["default"]["ENGINE"]).endswith("sqlite3"):
        out.append(
            Info(
                "The database is SQLite: fine for one server, use PostgreSQL for several web servers.",
                id="kansrijk.I011",
            )
        )
    if str(settings.CACHES["default"]["BACKEND"]).endswith("LocMemCache"):
        out.append(
            Info(
                "Rate limits count per worker process (memory cache); "
                "with several workers they are more lenient.",
                hint="Set KANSRIJK_CACHE_URL to redis://… or 'database' for one shared count.",
                id="kansrijk.I012",
            )
        )
    return out


CHECKS = (
    secret_key,
    second_factor,
    login_protection,
    content_security_policy,
    request_limits,
    mail,
    shared_state,
)


@register(Tags.security, deploy=True)
def kansrijk_deploy_checks(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    """All of Kansrijk's deployment checks (one registration, so the order of messages is stable)."""
    messages: list[Any] = []
    for check in CHECKS:
        messages += check()
    return messages
