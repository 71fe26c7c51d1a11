"""Settings that protect users: DEBUG off by default, security headers, CSP, SQLite that does not lock."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from django.db import connection

from kansrijk.web.settings import database_from_url


def run_settings(env: dict[str, str], code: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "KANSRIJK_DEMO"}}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", f"import kansrijk.web.settings as s; {code}"],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_debug_is_off_by_default() -> None:
    result = run_settings({"SECRET_KEY": "x" * 50}, "print(s.DEBUG)")
    assert result.stdout.strip() == "False", result.stderr


def test_a_secret_key_is_required_outside_demo() -> None:
    result = run_settings({}, "pass")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_demo_runs_without_secret_key() -> None:
    result = run_settings({"KANSRIJK_DEMO": "true"}, "print(bool(s.SECRET_KEY), s.DEBUG)")
    assert result.stdout.strip() == "True False", result.stderr


def test_tls_switches_on_hsts_and_secure_cookies() -> None:
    result = run_settings(
        {"SECRET_KEY": "x" * 50, "KANSRIJK_TLS": "true"},
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)",
    )
    assert result.stdout.strip() == "31536000 True True", result.stderr


def test_sqlite_url_gets_wal_busy_timeout_and_immediate_transactions(tmp_path) -> None:  # type: ignore[no-untyped-def]
    config = database_from_url(f"sqlite:///{tmp_path / 'k.sqlite3'}")
    options = config["OPTIONS"]
    assert isinstance(options, dict)
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] == 20
    # The init command really puts a database file in WAL mode.
    db = sqlite3.connect(tmp_path / "k.sqlite3")
    db.executescript(options["init_command"])
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_postgres_url_keeps_connections_and_checks_them() -> None:
    config = database_from_url("postgres://kansrijk@db.example:5432/kansrijk")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["CONN_HEALTH_CHECKS"] is True


@pytest.mark.django_db
def test_security_headers_on_every_response(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_pages_have_no_inline_script(client) -> None:  # type: ignore[no-untyped-def]
    for url in ["/", "/account/inloggen/", "/toegankelijkheid/", "/privacy/"]:
        html = client.get(url).content.decode()
        assert "<script>" not in html and "onclick=" not in html and "style=" not in html, url


@pytest.mark.postgres
@pytest.mark.django_db
def test_suite_really_runs_on_postgresql() -> None:
    """Runs only in the PostgreSQL pass (make test-postgres); under CI a skip here fails the run."""
    if os.environ.get("KANSRIJK_TEST_DB") != "postgres":
        pytest.skip("not the PostgreSQL pass")
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        assert int(cursor.fetchone()[0]) >= 150000
