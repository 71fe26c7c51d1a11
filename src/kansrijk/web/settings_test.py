"""Test settings: SQLite by default; PostgreSQL with KANSRIJK_TEST_DB=postgres and KANSRIJK_TEST_POSTGRES."""

from __future__ import annotations

import os

os.environ.setdefault("SECRET_KEY", "kansrijk-test-only")

from kansrijk.web.settings import *  # noqa: F403
from kansrijk.web.settings import database_from_url

if os.environ.get("KANSRIJK_TEST_DB") == "postgres":
    url = os.environ.get("KANSRIJK_TEST_POSTGRES", "")
    if not url:
        raise RuntimeError(
            "KANSRIJK_TEST_DB=postgres needs KANSRIJK_TEST_POSTGRES=postgres://user@host:port/name"
        )
    DATABASES = {"default": database_from_url(url)}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    DATABASES = {"default": database_from_url("sqlite://:memory:")}
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
AXES_ENABLED = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
