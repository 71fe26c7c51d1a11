"""Two instances, one state: horizontal scale proven on one machine.

Two real production servers (``kansrijk serve --prod``: Granian, two workers each) listen on two loopback
ports against ONE PostgreSQL database (this pass's test database) and ONE Redis (``KANSRIJK_CACHE_URL``).
A round-robin client sends every request to the other instance than the one before — no sticky sessions —
and shows that rate limits (API counters in Redis, login lockout in PostgreSQL), staff sessions and a
pupil's resume token are shared: a pupil who started on instance 1 resumes and finishes on instance 2.

Runs in the PostgreSQL pass of ``make test`` (``.ci/run`` starts PostgreSQL and Redis and sets
``KANSRIJK_TEST_POSTGRES`` and ``KANSRIJK_TEST_REDIS``); under CI=true a skip here fails the run.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from django.urls import reverse

from tests.fieldwork.helpers import page_data, page_index_of

# One xdist worker runs the whole module (make test-postgres: --dist loadgroup), so one pair of servers.
pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.xdist_group("two_instances")]

REDIS_URL = os.environ.get("KANSRIJK_TEST_REDIS", "redis://127.0.0.1:6379/0")
PASSWORD = "correct-horse-battery"
API_LIMIT = 6
LOGIN_FAILURES = 3

#: The servers run the production settings; only static files are served from the finders, so the test
#: needs no 40-second `collectstatic` (the image collects them at build time: tests/test_deploy.py).
SETTINGS = """
from kansrijk.web.settings import *  # noqa: F403
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _redis_answers(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=2) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class Instances:
    """The two servers and a round-robin client over them (one cookie jar, as one browser would have)."""

    def __init__(self, bases: list[str]) -> None:
        self.bases = bases
        self.http = requests.Session()
        self.turn = 0
        self.served: Counter[int] = Counter()

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """Send to the next instance in turn; redirects are followed, each hop by the next instance too."""
        follow = kwargs.pop("follow", True)
        for _ in range(10):
            index = self.turn % len(self.bases)
            self.turn += 1
            self.served[index] += 1
            response = self.http.request(
                method, self.bases[index] + path, allow_redirects=False, timeout=30, **kwargs
            )
            if response.status_code not in (301, 302, 303) or not follow:
                return response
            location = urlsplit(response.headers["Location"])
            path = location.path + (f"?{location.query}" if location.query else "")
            method, kwargs = "GET", {}
        raise AssertionError("redirect loop")

    def on(self, index: int) -> None:
        """Let the next request go to instance ``index``."""
        self.turn = index


class _Form(HTMLParser):
    """The hidden inputs of a page's forms (CSRF token, the signed page token)."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "input" and a.get("type") == "hidden" and a.get("name"):
            self.hidden.setdefault(str(a["name"]), a.get("value") or "")


def staff_user(username: str, role: str, municipality: Any) -> Any:
    """A staff user whose password the servers can check: hashed with their (production) hasher, not the
    test settings' fast MD5 one."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from kansrijk.accounts.services import ensure_staff_user

    user = ensure_staff_user(username, PASSWORD, municipality, role)
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save(update_fields=["password"])
    return user


def hidden_fields(html: str) -> dict[str, str]:
    parser = _Form()
    parser.feed(html)
    return parser.hidden


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory) -> Iterator[list[str]]:  # type: ignore[no-untyped-def]
    if os.environ.get("KANSRIJK_TEST_DB") != "postgres":
        pytest.skip("not the PostgreSQL pass (make test-postgres; .ci/run)")
    if not _redis_answers(REDIS_URL):
        pytest.skip(f"no Redis at {REDIS_URL} (.ci/run starts one)")
    from django.db import connection

    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    folder = tmp_path_factory.mktemp("two-instances")
    (folder / "two_instance_settings.py").write_text(SETTINGS)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("KANSRIJK_", "DJANGO_"))},
        "PYTHONPATH": os.pathsep.join([str(folder), os.environ.get("PYTHONPATH", "")]),
        "DJANGO_SETTINGS_MODULE": "two_instance_settings",
        "SECRET_KEY": secrets.token_urlsafe(40),  # one key for both: signed tokens verify on either
        "DATABASE_URL": database_url,
        "KANSRIJK_CACHE_URL": REDIS_URL,
        "KANSRIJK_CACHE_KEY_PREFIX": f"two-instances-{secrets.token_hex(6)}",  # apart from other runs
        "KANSRIJK_API_RATE_LIMIT": str(API_LIMIT),
        "KANSRIJK_API_RATE_WINDOW": "86400",  # one window for the whole test, unless it spans midnight UTC
        "KANSRIJK_LOGIN_FAILURE_LIMIT": str(LOGIN_FAILURES),
        "KANSRIJK_VAR_DIR": str(folder / "var"),
        "KANSRIJK_LOG_LEVEL": "WARNING",
    }
    processes: list[tuple[subprocess.Popen[bytes], Path]] = []
    bases = []
    try:
        for n in (1, 2):
            port = _free_port()
            log = folder / f"instance{n}.log"
            command = [sys.executable, "-m", "kansrijk", "serve", "--prod", "--host", "127.0.0.1"]
            command += ["--port", str(port), "--workers", "2"]
            with log.open("wb") as out:
                process = subprocess.Popen(
                    command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
                )
            processes.append((process, log))
            bases.append(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 120
        for (process, log), base in zip(processes, bases, strict=True):
            while True:
                assert process.poll() is None, log.read_text()[-3000:]
                try:
                    if requests.get(base + "/readyz", timeout=15).status_code == 200:
                        break
                except (requests.ConnectionError, requests.Timeout):
                    pass
                assert time.monotonic() < deadline, log.read_text()[-3000:]
                time.sleep(0.5)
        yield bases
    finally:
        for process, _log in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process, _log in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@pytest.fixture
def instances(servers: list[str], transactional_db: None) -> Iterator[Instances]:
    # transactional_db: rows this test writes are committed, so the servers (other processes) see them;
    # they are flushed afterwards.
    client = Instances(servers)
    yield client
    assert set(client.served) == {0, 1}, client.served  # both instances really took part


def test_both_instances_are_ready_on_the_shared_database_and_cache(instances: Instances) -> None:
    assert len(set(instances.bases)) == 2
    for _ in instances.bases:  # round robin: one request each
        ready = instances.request("GET", "/readyz")
        assert ready.status_code == 200 and ready.text == "ready"


def test_api_rate_limit_counts_across_instances(instances: Instances) -> None:
    """Each instance alone has seen only half the requests; the shared Redis counter refuses the seventh."""
    path = reverse("api:public_municipalities")
    answers = [instances.request("GET", path).status_code for _ in range(API_LIMIT + 2)]
    assert answers == [200] * API_LIMIT + [429, 429], answers
    assert instances.served[0] == instances.served[1] == (API_LIMIT + 2) // 2


def test_login_lockout_counts_across_instances(instances: Instances, municipality: Any) -> None:
    staff_user("beheerder", "municipal_admin", municipality)
    login = reverse("accounts:login")

    def attempt(password: str) -> requests.Response:
        form = hidden_fields(instances.request("GET", login).text)
        return instances.request(
            "POST",
            login,
            data={**form, "username": "beheerder", "password": password},
            follow=False,
        )

    # Failures posted alternately to instance 2, 1, 2 (each GET of the form went to the other one).
    for _ in range(LOGIN_FAILURES - 1):
        assert attempt("wrong-password-here").status_code == 200  # the form again, with an error
    assert attempt("wrong-password-here").status_code == 429  # the limit, reached over both instances
    # Now even the right password is refused, by either instance: the count lives in PostgreSQL.
    for index in (0, 1):
        instances.on(index)  # GET the form on this one, POST to the other
        locked = attempt(PASSWORD)
        assert locked.status_code == 429 and "Tijdelijk geblokkeerd" in locked.text, locked.text[:500]
    assert "sessionid" not in instances.http.cookies


def test_staff_session_is_shared_without_sticky_routing(instances: Instances, municipality: Any) -> None:
    staff_user("analist", "analyst", municipality)
    login = reverse("accounts:login")
    instances.on(0)
    form = hidden_fields(instances.request("GET", login).text)  # instance 1 hands out the CSRF cookie
    signed_in = instances.request(  # instance 2 checks it and signs in
        "POST", login, data={**form, "username": "analist", "password": PASSWORD}, follow=False
    )
    assert signed_in.status_code == 302, signed_in.text[:500]
    assert "sessionid" in instances.http.cookies
    for _ in range(4):  # the dashboard on instance 1, 2, 1, 2: one session in PostgreSQL
        page = instances.request("GET", reverse("web:dashboard"), follow=False)
        assert page.status_code == 200 and municipality.name in page.text
    # signing out on one instance signs out everywhere
    form = hidden_fields(page.text)
    instances.request("POST", reverse("accounts:logout"), data=form, follow=False)
    for _ in range(2):
        refused = instances.request("GET", reverse("web:dashboard"), follow=False)
        assert refused.status_code == 302 and refused.headers["Location"].startswith(login)


def test_pupil_started_on_one_instance_resumes_and_finishes_on_the_other(instances: Instances) -> None:
    from kansrijk.fieldwork.models import PageSave, Response
    from kansrijk.fieldwork.questionnaire import instrument_for_version
    from tests.fieldwork.factories import ClassSessionFactory

    session = ClassSessionFactory()
    version = session.school_class.wave.instrument
    instrument = instrument_for_version(version.pk, version.sha256)
    code = session.code

    # Instance 1 shows the intro; instance 2 takes "I take part" and sets the resume cookie.
    instances.on(0)
    intro = instances.request("GET", f"/k/{code}/")
    assert intro.status_code == 200, intro.text[:500]
    choice = {**hidden_fields(intro.text), "keuze": "mee"}
    started = instances.request("POST", f"/k/{code}/", data=choice, follow=False)
    assert started.status_code == 302 and page_index_of(started.headers["Location"]) == 0
    assert "kansrijk_resume" in instances.http.cookies

    def answer(index: int) -> str:
        """GET the page on one instance, POST its answers on the other; returns where it sends the pupil."""
        page = instances.request("GET", f"/k/{code}/p/{index}/")
        assert page.status_code == 200, page.text[:500]
        data = {**hidden_fields(page.text), **page_data(instrument, index)}
        saved = instances.request("POST", f"/k/{code}/p/{index}/", data=data, follow=False)
        assert saved.status_code == 302, (index, saved.text[:2000])
        return str(saved.headers["Location"])

    location = answer(0)
    location = answer(int(page_index_of(location) or 0))
    # The pupil's browser crashes; the code is opened again and the load balancer picks instance 2.
    instances.on(1)
    back = instances.request("GET", f"/k/{code}/", follow=False)
    assert back.status_code == 302 and page_index_of(back.headers["Location"]) == page_index_of(location)
    instances.on(1)
    resumed = instances.request("GET", back.headers["Location"])
    assert "Welkom terug" in resumed.text
    visited = 2
    while page_index_of(location) is not None:
        location = answer(int(page_index_of(location) or 0))
        visited += 1
    assert "/klaar/" in location, location

    response = Response.objects.get(session=session)
    assert response.complete and response.resume_token_hash is None
    assert response.answers["bg_age"] == 14
    assert PageSave.objects.filter(response=response).count() == visited
