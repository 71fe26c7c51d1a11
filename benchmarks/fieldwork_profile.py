"""Profile the pupil's save path in-process: autosaves through the WSGI application, timed and under cProfile.

Creates a throw-away PostgreSQL database ``kansrijk_prof_<pid>`` (127.0.0.1:5432, user postgres), migrates
and seeds it as ``fieldwork_load.py`` does, starts one pupil (Django's test client), then calls the WSGI
application the production server runs (``kansrijk.web.wsgi.application``) with the environ a server builds
for ``POST /k/<CODE>/opslaan/`` — Django's request handling, the middleware chain, the URL resolution, the
view, the SQL; no HTTP parsing, no test client. It times ``--saves`` autosaves (wall and CPU time per save),
then runs as many again under cProfile and prints the top functions by cumulative and by own time and the
round trips to PostgreSQL per save. The database is dropped at the end.

    .venv/bin/python benchmarks/fieldwork_profile.py [--saves 2000] [--src /tmp/before/src]

``--src`` profiles another source tree (e.g. ``git archive <commit> src | tar -x -C /tmp/before``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = "postgres://postgres@127.0.0.1:5432/"

PROFILE = r"""
import cProfile, io, json, pstats, sys, time, uuid
import kansrijk.web.wsgi  # what the server loads: django.setup() and whatever the entry point warms
from django.test import Client

code, saves = sys.argv[1], int(sys.argv[2])
client = Client(enforce_csrf_checks=True)
cold = cProfile.Profile()
t0 = time.perf_counter()
cold.enable()
page = client.get(f"/k/{code}/")
cold.disable()
print(f"first request of the process (GET /k/<CODE>/, cold): {time.perf_counter() - t0:.2f} s")
out = io.StringIO()
pstats.Stats(cold, stream=out).strip_dirs().sort_stats("cumulative").print_stats(25)
print(out.getvalue().split("\n", 6)[-1])
token = page.content.split(b'name="csrfmiddlewaretoken" value="', 1)[1].split(b'"', 1)[0].decode()
started = client.post(f"/k/{code}/", {"csrfmiddlewaretoken": token, "keuze": "mee", "taal": "nl"})
assert started.status_code == 302, started.status_code
csrf = client.cookies["csrftoken"].value
cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())

from urllib.parse import urlencode

application = kansrijk.web.wsgi.application


def save(i):
    # URL-encoded, as pupil.js and fieldwork_load.py send it; the environ as a WSGI server builds it
    body = urlencode(
        {"pagina": 1, "vraag": "bg_age", "bg_age": str(11 + i % 7), "opslag_id": str(uuid.uuid4())}
    ).encode()
    environ = {
        "REQUEST_METHOD": "POST", "PATH_INFO": f"/k/{code}/opslaan/", "SCRIPT_NAME": "", "QUERY_STRING": "",
        "SERVER_NAME": "testserver", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver", "REMOTE_ADDR": "127.0.0.1", "HTTP_COOKIE": cookie,
        "HTTP_X_CSRFTOKEN": csrf, "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http", "wsgi.version": (1, 0), "wsgi.multithread": True,
        "wsgi.multiprocess": True, "wsgi.run_once": False,
    }
    status = []
    result = application(environ, lambda s, headers, exc_info=None: status.append(s))
    data = b"".join(result)
    result.close()
    assert status[0].startswith("200") and json.loads(data)["ok"], data


for i in range(50):  # warm: instrument parsed, connection open, statements prepared
    save(i)
wall, cpu = time.perf_counter(), time.process_time()
for i in range(saves):
    save(i)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
print(
    f"{saves} autosaves: {1000 * wall / saves:.3f} ms wall, {1000 * cpu / saves:.3f} ms CPU each (unprofiled)"
)
profiler = cProfile.Profile()
t0 = time.perf_counter()
profiler.enable()
for i in range(saves):
    save(i)
profiler.disable()
elapsed = time.perf_counter() - t0
print(f"{saves} autosaves in {elapsed:.2f} s: {1000 * elapsed / saves:.2f} ms each (in-process, profiled)")
stats = pstats.Stats(profiler)
waits = sum(
    v[1]
    for (path, _line, fn), v in stats.stats.items()
    if fn == "wait" and path.endswith("psycopg/connection.py")
)
print(f"round trips to PostgreSQL (psycopg waits) per save: {waits / saves:.2f}")
for key in ("cumulative", "tottime"):
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(key).print_stats(22)
    print(out.getvalue().split("\n", 6)[-1])
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--saves", type=int, default=2000)
    parser.add_argument("--src", type=Path, help="profile this source tree instead of the checkout's")
    args = parser.parse_args()

    import psycopg

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from fieldwork_load import PYTHON, SEED

    name = f"kansrijk_prof_{os.getpid()}"
    with psycopg.connect(PG + "postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    var = tempfile.mkdtemp(prefix="kansrijk-prof-")
    Path(var, "prof_settings.py").write_text(
        "from kansrijk.web.settings import *  # noqa: F403\n"
        "STORAGES = {**STORAGES, 'staticfiles':"
        " {'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}\n"
    )
    env = {
        **os.environ,
        "KANSRIJK_VAR_DIR": var,
        "DATABASE_URL": PG + name,
        "SECRET_KEY": "profile-only",
        "KANSRIJK_LOG_LEVEL": "WARNING",
        "KANSRIJK_CONN_MAX_AGE": "600",
        "DJANGO_SETTINGS_MODULE": "prof_settings",
        "ALLOWED_HOSTS": "testserver",
        "PYTHONPATH": os.pathsep.join(
            [var, *([str(args.src.resolve())] if args.src else []), str(ROOT / "src")]
        ),
    }
    try:
        subprocess.run(
            [PYTHON, "-m", "kansrijk", "migrate"], env=env, check=True, cwd=ROOT, capture_output=True
        )
        seeded = subprocess.run(
            [PYTHON, "-c", SEED, "1"], env=env, check=True, cwd=ROOT, capture_output=True, text=True
        ).stdout
        code = json.loads(seeded)["codes"][0]
        subprocess.run([PYTHON, "-c", PROFILE, code, str(args.saves)], env=env, check=True, cwd=ROOT)
    finally:
        with psycopg.connect(PG + "postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
