"""Hardening: CSRF on every form, request size limits, hostile input (script, formulas, path traversal,
spreadsheet formulas), replayed requests, login lockout, no secrets in the repository, and the deploy checks.
"""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import get_resolver, reverse
from openpyxl import Workbook

from kansrijk.accounts.models import AuditEvent, School
from kansrijk.api.models import ApiToken
from kansrijk.reporting.exports import csv_bytes
from kansrijk.tabular import read_table
from kansrijk.web import checks
from tests.api.world import World, generate, module_world
from tests.test_role_matrix import sample_kwargs, url_names, walk

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:  # type: ignore[no-untyped-def]
    synth = generate(tmp_path_factory.mktemp("hardening-synth") / "gm9999")
    yield from module_world(django_db_blocker, synth, tmp_path_factory)


@pytest.mark.django_db
def test_every_form_refuses_a_post_without_csrf_token(world: World) -> None:
    """POST without a CSRF token to every URL, logged in as an admin and as a pupil: 403 (or 405 for GET-only
    views). The API is read-only (GET), so its views need no CSRF token."""
    patterns = dict(walk(get_resolver().url_patterns))
    admin = Client(enforce_csrf_checks=True)
    admin.force_login(world.users["municipal_admin"], backend="django.contrib.auth.backends.ModelBackend")
    pupil = Client(enforce_csrf_checks=True)
    accepted = []
    for name in url_names():
        callback = patterns[name].callback
        if name.startswith("api:") and getattr(callback, "csrf_exempt", False):
            continue  # ninja operations: checked below to be GET-only
        assert not getattr(callback, "csrf_exempt", False), f"{name} is csrf_exempt"
        url = reverse(name, kwargs=sample_kwargs(world, name))
        for client in (admin, pupil):
            status = client.post(url, {"x": "1"}).status_code
            if status not in (403, 405, 302) or (
                status == 302 and client is admin and name != "accounts:logout"
            ):
                accepted.append(f"{name}: {status}")
    assert accepted == []


def test_the_api_only_reads() -> None:
    from kansrijk.api.api import api

    methods = {m for path in api.get_openapi_schema()["paths"].values() for m in path}
    assert methods == {"get"}


@pytest.mark.django_db
def test_oversized_bodies_are_refused(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post("/start/", {"code": "A" * 20_000})
    assert response.status_code == 400
    response = client.post("/start/", data=b"x" * 20_000, content_type="application/octet-stream")
    assert response.status_code in (400, 403)


@pytest.mark.django_db
def test_script_in_text_fields_is_shown_as_text(world: World) -> None:
    client = world.client("municipal_admin")
    script = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    page = client.post(reverse("api:tokens", kwargs={"code": "GM9999"}), {"name": script, "role": "partner"})
    html = page.content.decode()
    assert "<script>alert" not in html, html[
        html.find("<script>alert") - 200 : html.find("<script>alert") + 50
    ]
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    me = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {_token_from(html)}")
    assert me.json()["name"] == script  # JSON carries the text; it is never interpreted as HTML
    assert me["Content-Type"].startswith("application/json")


def _token_from(html: str) -> str:
    match = re.search(r'<code id="new-token">(kr_[^<]+)</code>', html)
    assert match
    return match.group(1)


def test_exports_neutralise_spreadsheet_formulas() -> None:
    frame = pl.DataFrame({"naam": ['=HYPERLINK("http://evil")', "+1+1", "-2", "@SUM(A1)", "gewoon"]})
    text = csv_bytes(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+1+1" in text and "'@SUM(A1)" in text
    assert "\n=HYPERLINK" not in text and "gewoon" in text


def test_spreadsheet_formulas_are_never_evaluated() -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["brin", "vestiging", "naam"])
    sheet.append(["12AB", "00", "=1+1"])
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table(buffer.getvalue(), "scholen.xlsx")
    assert table.rows[0]["naam"] != "2"  # no cached value: openpyxl data_only never computes


@pytest.mark.django_db
def test_uploads_with_a_hostile_name_or_content_import_nothing(world: World, tmp_path: Path) -> None:
    client = world.client("municipal_admin")
    before = School.objects.count()
    for name, content in (
        ("../../../../tmp/evil.csv", b"brin;vestiging;naam\n../..;00;<script>x</script>\n"),
        ("scholen.xlsx", b"PK\x03\x04 not really a zip"),
        ("macro.xlsm", b"\xd0\xcf\x11\xe0 old binary office file"),
        ("..\\..\\evil.exe", b"MZ\x90\x00"),
    ):
        upload = SimpleUploadedFile(name, content)
        response = client.post(
            reverse("fieldwork:schools_import", kwargs={"code": "GM9999"}), {"file": upload}
        )
        assert response.status_code in (200, 302, 400), (name, response.status_code)
        assert "Traceback" not in response.content.decode(errors="replace")
    assert School.objects.count() == before
    assert not Path("/tmp/evil.csv").exists()


@pytest.mark.django_db
def test_replayed_requests_change_nothing_twice(world: World) -> None:
    client = world.client("municipal_admin")
    token = world.token_objects["partner"]
    url = reverse("api:token_revoke", kwargs={"code": "GM9999", "token_id": token.pk})
    client.post(url)
    first = ApiToken.objects.get(pk=token.pk).revoked_at
    client.post(url)
    assert ApiToken.objects.get(pk=token.pk).revoked_at == first
    assert AuditEvent.objects.filter(action="api_token.revoke", object_id=str(token.pk)).count() == 1
    analyst = world.client("analyst")
    publish = reverse("results:publish", kwargs={"code": "GM9999", "run_id": world.unpublished_run.pk})
    analyst.post(publish, {"note": "correctie"})
    analyst.post(publish, {"note": "correctie"})
    published = AuditEvent.objects.filter(action="results_publish", object_type="AnalysisRun")
    assert published.filter(object_id=str(world.unpublished_run.pk)).count() == 1


@pytest.mark.django_db
def test_login_locks_out_after_repeated_failures(make_staff) -> None:  # type: ignore[no-untyped-def]
    make_staff("beheer", "municipal_admin")
    client = Client()
    login = reverse("accounts:login")
    for _ in range(5):
        client.post(login, {"username": "beheer", "password": "fout-fout-fout"})
    locked = client.post(login, {"username": "beheer", "password": "correct-horse-battery"})
    assert "_auth_user_id" not in client.session
    assert locked.status_code in (403, 429)


SECRET_PATTERNS = {
    "private key": re.compile(r"-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----"),
    "AWS key": re.compile(r"AKIA[0-9A-Z]{16}"),
    "Kansrijk API token": re.compile(r"kr_[0-9a-f]{8}_[A-Za-z0-9_-]{40,}"),
    "GitHub token": re.compile(r"gh[pousr]_[A-Za-z0-9]{36}"),
    "hard-coded SECRET_KEY": re.compile(r"SECRET_KEY\s*=\s*[\"'](?!kansrijk-(?:demo|test))[^\"']{16,}[\"']"),
}


def test_no_secrets_in_the_repository() -> None:
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    found = []
    for name in files:
        path = ROOT / name
        if (
            not path.is_file()
            or path.stat().st_size > 2_000_000
            or "/vendor/" in name
            or "node_modules" in name
        ):
            continue
        text = path.read_text(errors="ignore")
        found += [f"{name}: {what}" for what, rx in SECRET_PATTERNS.items() if rx.search(text)]
    assert found == []


def _ids(messages: list[object]) -> set[str]:
    return {m.id for m in messages}  # type: ignore[attr-defined]


def test_deploy_checks_refuse_an_unsafe_configuration(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SECRET_KEY = checks.DEMO_SECRET
    settings.KANSRIJK = {**settings.KANSRIJK, "REQUIRE_2FA": False}
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": ["'self'", "'unsafe-inline'"]}}
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    settings.AXES_CLIENT_IP_CALLABLE = None
    ids = _ids(checks.kansrijk_deploy_checks())
    assert {"kansrijk.E001", "kansrijk.E002", "kansrijk.E005", "kansrijk.E006", "kansrijk.E007"} <= ids


def test_deploy_checks_pass_a_safe_configuration(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SECRET_KEY = "k7Qz-" + "x9Lp2mN4vB8cR1tY6wE3uI0oP5aS7dF" * 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    errors = [m for m in checks.kansrijk_deploy_checks() if m.level >= 30]  # WARNING and above
    assert errors == []


def test_check_deploy_command_includes_kansrijk_checks() -> None:
    from django.core.checks import registry

    with override_settings(SECRET_KEY=checks.DEMO_SECRET):
        messages = registry.run_checks(include_deployment_checks=True)
    assert "kansrijk.E001" in _ids(messages)
