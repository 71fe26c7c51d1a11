"""Fieldwork intake under load: many classes starting in the same minute, against Granian + PostgreSQL.

What it does (loopback only, bounded in time, in a throw-away database that is dropped afterwards):

1. creates database ``kansrijk_bench_<pid>`` on 127.0.0.1:5432 (user postgres), migrates it, seeds an open
   wave with ``--classes`` classes of 25 pupils and one valid class session each;
2. starts ``kansrijk serve --prod`` (Granian; fsync and synchronous_commit left on);
3. **start burst** (``start_burst``): every virtual pupil opens its class code and presses "Ik doe mee" at
   once, through ``--concurrency`` connections (closed loop);
4. **start minute** (``start_minute``): ``--minute-classes`` more classes start spread over
   ``--minute-seconds``, each class's pupils within 10 s of its start, one connection per pupil (open loop);
5. **sustained saves** (``sustained_autosave``, closed loop): ``--concurrency`` keep-alive connections post
   autosaves (one answer each, a fresh client save id per save) through the real view and middleware for
   ``--seconds`` seconds, each waiting for its answer;
6. **open loop** (``open_loop_autosave``): ``--rate`` autosaves per second for ``--open-seconds`` on a fixed
   schedule, latency counted from each save's due time, so a slow server cannot hide behind waiting clients;
7. **baseline**: the same number of concurrent connections doing bare single-row INSERTs (autocommit, one
   transaction each) through psycopg for the same time — saves/s is reported as a ratio to this;
8. with ``--durability``: kills the server with SIGKILL in the middle of a load phase, restarts it, replays
   every acknowledged save, and checks that each acknowledged save is stored exactly once.

Run: ``.venv/bin/python benchmarks/fieldwork_load.py [--classes 80] [--concurrency 64] [--seconds 20]``;
``--src DIR`` runs the server from another source tree (a ``git archive`` of an older commit) for a
before/after in the same run window.
No third-party HTTP client is needed: a minimal asyncio HTTP/1.1 client is included.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = (
    str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
)
PG = "postgres://postgres@127.0.0.1:5432/"
#: Open-loop mode: at most this many client connections (a real class has one browser per pupil).
MAX_OPEN_CONNECTIONS = 512

SEED = r"""
import datetime as dt, json, sys
import django
django.setup()
from django.utils import timezone
from kansrijk.accounts.services import ensure_municipality
from kansrijk.accounts.models import School
from kansrijk.fieldwork import services
from kansrijk.fieldwork.models import SchoolClass
m = ensure_municipality("GM9999", "Gemeente Voorbeeld")
n = int(sys.argv[1])
today = timezone.localdate()
wave = services.create_wave(
    None, m, services.default_instrument(), code="bench", name="bench", grades=[2, 4],
    window_start=today, window_end=today + dt.timedelta(days=2), languages=["nl"],
)
schools = [
    School.objects.create(municipality=m, brin=f"{10 + i:02d}AA", location="00", name=f"School {i}")
    for i in range(max(1, n // 8))
]
for i in range(n):
    SchoolClass.objects.create(
        wave=wave, school=schools[i % len(schools)], grade=2, name=f"2-{i}", expected=25
    )
services.open_wave(None, wave)
now = timezone.now()
classes = SchoolClass.objects.filter(wave=wave)
sessions = services.create_sessions(
    None, classes, now - dt.timedelta(minutes=5), now + dt.timedelta(hours=3)
)
print(json.dumps({"codes": [s.code for s in sessions], "wave": wave.pk}))
"""

#: Items of the "alc" and "bg" pages with valid values: what the virtual pupils autosave, round-robin.
ITEMS = [
    ("bg", "bg_age", lambda: str(random.randint(11, 17))),
    ("bg", "bg_gender", lambda: random.choice("mvx")),
    ("bg", "bg_pc4", lambda: str(random.randint(9901, 9912))),
    ("alc", "alc_life", lambda: random.choice("0123")),
]


# -- a minimal HTTP/1.1 keep-alive client -----------------------------------------------------------------
class ClosedBeforeAnswer(ConnectionError):
    """The server closed the connection without a byte of an answer."""


class Http:
    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _connect(self) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None

    async def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        for attempt in range(2):
            reused = self.writer is not None
            if not reused:
                await self._connect()
            assert self.reader is not None and self.writer is not None
            lines = [
                f"{method} {path} HTTP/1.1",
                f"Host: 127.0.0.1:{self.port}",
                "Connection: keep-alive",
                f"Content-Length: {len(body)}",
            ]
            lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
            try:
                self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
                await self.writer.drain()
                status_line = await self.reader.readline()
                if not status_line:
                    raise ClosedBeforeAnswer("closed")
                status = int(status_line.split()[1])
                response_headers: dict[str, str] = {}
                cookies = []
                while True:
                    line = (await self.reader.readline()).decode("latin-1").rstrip("\r\n")
                    if not line:
                        break
                    key, _, value = line.partition(":")
                    if key.lower() == "set-cookie":
                        cookies.append(value.strip())
                    response_headers[key.lower()] = value.strip()
                response_headers["set-cookie"] = "\n".join(cookies)
                length = int(response_headers.get("content-length", "0"))
                data = await self.reader.readexactly(length) if length else b""
                if response_headers.get("connection", "").lower() == "close":
                    await self.close()
                return status, response_headers, data
            except (ConnectionError, asyncio.IncompleteReadError, OSError) as error:
                await self.close()
                # A kept-alive connection the server closed while it sat idle fails before any answer;
                # browsers then send the request again on a new one, POST included. Anything else
                # (a fresh connection, a second failure, a half-read answer) is an error.
                unanswered = isinstance(error, ClosedBeforeAnswer)
                if attempt or not (reused and (method != "POST" or unanswered)):
                    raise
        raise ConnectionError("unreachable")


@dataclass
class Pupil:
    code: str
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: str = ""

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def take_cookies(self, headers: dict[str, str]) -> None:
        for raw in headers.get("set-cookie", "").split("\n"):
            if "=" in raw:
                name, _, rest = raw.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]


async def start_pupil(http: Http, pupil: Pupil) -> None:
    status, headers, body = await http.request("GET", f"/k/{pupil.code}/")
    assert status == 200, (status, body[:300])
    pupil.take_cookies(headers)
    token = body.split(b'name="csrfmiddlewaretoken" value="', 1)[1].split(b'"', 1)[0].decode()
    pupil.csrf = token
    form = urlencode({"csrfmiddlewaretoken": token, "keuze": "mee", "taal": "nl"}).encode()
    status, headers, body = await http.request(
        "POST",
        f"/k/{pupil.code}/",
        form,
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": pupil.cookie_header()},
    )
    assert status == 302, (status, body[:300])
    pupil.take_cookies(headers)


def save_body(pupil: Pupil, index: int, save_id: str) -> bytes:
    page, item, value = ITEMS[index % len(ITEMS)]
    page_index = 1 if page == "bg" else 3
    return urlencode({"pagina": page_index, "vraag": item, item: value(), "opslag_id": save_id}).encode()


async def autosave(http: Http, pupil: Pupil, body: bytes) -> dict[str, object]:
    status, _headers, data = await http.request(
        "POST",
        f"/k/{pupil.code}/opslaan/",
        body,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": pupil.cookie_header(),
            "X-CSRFToken": pupil.csrf,
        },
    )
    if status != 200:
        raise RuntimeError(f"autosave answered {status}: {data[:200]!r}")
    return json.loads(data)


def percentiles(latencies: list[float]) -> dict[str, float]:
    if not latencies:
        return {"p50_ms": float("nan"), "p95_ms": float("nan"), "p99_ms": float("nan")}
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "p50_ms": round(q[49] * 1000, 1),
        "p95_ms": round(q[94] * 1000, 1),
        "p99_ms": round(q[98] * 1000, 1),
    }


# -- phases -------------------------------------------------------------------------------------------------
async def start_burst_spread(port: int, pupils: list[Pupil], seconds: float) -> dict[str, float]:
    """Classes start in the same minute: each class's pupils press "Ik doe mee" within 10 s of its start,
    the class starts spread evenly over ``seconds``; one browser (connection) per pupil, open loop."""
    classes: dict[str, list[Pupil]] = {}
    for p in pupils:
        classes.setdefault(p.code, []).append(p)
    rng = random.Random(18)
    schedule = sorted(
        (k * seconds / len(classes) + rng.uniform(0.0, 10.0), pupil)
        for k, members in enumerate(classes.values())
        for pupil in members
    )
    latencies: list[float] = []
    errors = 0

    async def one(due: float, pupil: Pupil) -> None:
        nonlocal errors
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        http = Http(port)
        try:
            await start_pupil(http, pupil)
        except Exception:
            errors += 1
        else:
            latencies.append(time.perf_counter() - due)
        await http.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(one(t0 + at, pupil) for at, pupil in schedule))
    elapsed = time.perf_counter() - t0
    return {
        "pupils": len(pupils),
        "classes": len(classes),
        "errors": errors,
        "spread_s": seconds,
        "seconds": round(elapsed, 2),
        "starts_per_s": round(len(pupils) / elapsed, 1),
        **percentiles(latencies),
    }


async def start_burst(port: int, pupils: list[Pupil], concurrency: int) -> dict[str, float]:
    queue: asyncio.Queue[Pupil] = asyncio.Queue()
    for p in pupils:
        queue.put_nowait(p)
    latencies: list[float] = []

    async def worker() -> None:
        http = Http(port)
        while not queue.empty():
            pupil = queue.get_nowait()
            t0 = time.perf_counter()
            await start_pupil(http, pupil)
            latencies.append(time.perf_counter() - t0)
        await http.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - t0
    return {
        "pupils": len(pupils),
        "seconds": round(elapsed, 2),
        "starts_per_s": round(len(pupils) / elapsed, 1),
        **percentiles(latencies),
    }


async def sustained(
    port: int,
    pupils: list[Pupil],
    concurrency: int,
    seconds: float,
    acked: list[tuple[str, str]] | None = None,
    stop: asyncio.Event | None = None,
) -> dict[str, float]:
    """Each connection cycles through its share of pupils, posting one autosave after another."""
    latencies: list[float] = []
    errors = 0
    first_error: str | None = None
    deadline = time.perf_counter() + seconds

    async def worker(k: int) -> None:
        nonlocal errors, first_error
        http = Http(port)
        mine = pupils[k::concurrency]
        i = 0
        while time.perf_counter() < deadline and not (stop and stop.is_set()):
            pupil = mine[i % len(mine)]
            save_id = str(uuid.uuid4())
            body = save_body(pupil, i, save_id)
            t0 = time.perf_counter()
            try:
                result = await autosave(http, pupil, body)
            except Exception as error:  # server killed mid-request (durability run): not acknowledged
                errors += 1
                first_error = first_error or repr(error)[:300]
                await http.close()
                await asyncio.sleep(0.05)
                continue
            latencies.append(time.perf_counter() - t0)
            if acked is not None and result.get("ok"):
                acked.append((pupil.cookie_header() + "\t" + pupil.code + "\t" + pupil.csrf, body.decode()))
            i += 1
        await http.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker(k) for k in range(concurrency)))
    elapsed = time.perf_counter() - t0
    return {
        "saves": len(latencies),
        "errors": errors,
        **({"first_error": first_error} if first_error else {}),
        "seconds": round(elapsed, 2),
        "saves_per_s": round(len(latencies) / elapsed, 1),
        **percentiles(latencies),
    }


async def open_loop(port: int, pupils: list[Pupil], rate: float, seconds: float) -> dict[str, object]:
    """Offered load: one autosave every 1/rate seconds on a fixed schedule, whatever the server answers.

    A closed loop (``sustained``) waits for each answer before sending the next, so a slow server is offered
    less and its queueing hides (coordinated omission). Here each save is due at its scheduled moment and
    its latency counts from then; a save goes out on an idle keep-alive connection, or a new one when all are
    busy (up to ``MAX_OPEN_CONNECTIONS``; a save that finds none counts as an error, as does any answer other
    than HTTP 200 with ``ok: true``).
    """
    latencies: list[float] = []
    errors = 0
    first_error: str | None = None
    timeline: dict[int, list[float]] = {}  # 5-second window of the due time -> latencies
    idle: list[Http] = []
    opened = 0
    total = int(rate * seconds)
    pending: set[asyncio.Task[None]] = set()

    async def one(i: int, due: float) -> None:
        nonlocal errors, opened, first_error
        if idle:
            http = idle.pop()
        elif opened < MAX_OPEN_CONNECTIONS:
            opened += 1
            http = Http(port)
        else:
            errors += 1
            return
        pupil = pupils[i % len(pupils)]
        try:
            result = await autosave(http, pupil, save_body(pupil, i // len(pupils), str(uuid.uuid4())))
            if not result.get("ok"):
                raise RuntimeError(result)
        except Exception as error:
            errors += 1
            first_error = first_error or repr(error)[:300]
            await http.close()
        else:
            latencies.append(time.perf_counter() - due)
            timeline.setdefault(int((due - t0) // 5), []).append(latencies[-1])
        idle.append(http)

    t0 = time.perf_counter()
    for i in range(total):
        due = t0 + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        task = asyncio.create_task(one(i, due))
        pending.add(task)
        task.add_done_callback(pending.discard)
    send_end = time.perf_counter()
    await asyncio.gather(*pending)
    elapsed = time.perf_counter() - t0
    for http in idle:
        await http.close()
    return {
        "offered_per_s": rate,
        "saves": len(latencies),
        "errors": errors,
        **({"first_error": first_error} if first_error else {}),
        "connections": opened,
        "seconds": round(elapsed, 2),
        "send_lag_s": round(send_end - t0 - total / rate, 3),
        "saves_per_s": round(len(latencies) / elapsed, 1),
        **percentiles(latencies),
        # where the tail comes from: p99 per 5 s of the schedule (a stall shows as one high window)
        "p99_ms_per_5s": [
            percentiles(timeline[k])["p99_ms"] for k in sorted(timeline) if len(timeline[k]) > 1
        ],
    }


async def baseline(dsn: str, concurrency: int, seconds: float) -> dict[str, float]:
    """Bare INSERTs, one transaction each (autocommit), with fsync/synchronous_commit on."""
    async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
        await conn.execute(
            "CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial primary key, response_id bigint,"
            " page text, client_save_id uuid, seconds int, answers jsonb)"
        )
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
            while time.perf_counter() < deadline:
                t0 = time.perf_counter()
                await conn.execute(
                    "INSERT INTO bench_baseline (response_id, page, client_save_id, seconds, answers)"
                    " VALUES (%s, %s, %s, %s, %s::jsonb)",
                    (random.randint(1, 10000), "bg", uuid.uuid4(), 5, json.dumps({"bg_age": 14})),
                )
                latencies.append(time.perf_counter() - t0)

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - t0
    return {
        "inserts": len(latencies),
        "seconds": round(elapsed, 2),
        "inserts_per_s": round(len(latencies) / elapsed, 1),
        **percentiles(latencies),
    }


# -- server management --------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    env: dict[str, str], port: int, workers: int, threads: int | None
) -> subprocess.Popen[bytes]:
    """`kansrijk serve --prod`; `threads` None: the tree's server reads them from its environment."""
    log = open(Path(env["KANSRIJK_VAR_DIR"]) / "server.log", "ab")  # noqa: SIM115
    command = [PYTHON, "-m", "kansrijk", "serve", "--prod", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(
        command + ([] if threads is None else ["--threads", str(threads)]),
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,
        cwd=ROOT,
    )
    # The socket may open only once the app is imported, which takes long on a loaded machine.
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.1)
    kill_server(proc, signal.SIGKILL)
    raise RuntimeError("the server did not start; see server.log")


def kill_server(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    """Signal the server's own process group (its main process and workers, which this script started)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)
    proc.wait(timeout=30)


def durability_check(dsn: str, acked: list[tuple[str, str]]) -> dict[str, int]:
    ids = [dict(kv.split("=", 1) for kv in body.split("&"))["opslag_id"] for _, body in acked]
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT client_save_id::text, count(*) FROM fieldwork_pagesave"
            " WHERE client_save_id::text = ANY(%s) GROUP BY 1",
            (ids,),
        ).fetchall()
        duplicates = conn.execute(
            "SELECT count(*) FROM (SELECT response_id, client_save_id FROM fieldwork_pagesave"
            " GROUP BY 1, 2 HAVING count(*) > 1) d"
        ).fetchone()
    found = {r[0]: r[1] for r in rows}
    return {
        "acknowledged": len(ids),
        "missing": sum(1 for i in ids if i not in found),
        "stored_more_than_once": sum(1 for c in found.values() if c > 1)
        + int(duplicates[0] if duplicates else 0),
    }


async def replay(port: int, acked: list[tuple[str, str]], concurrency: int) -> dict[str, int]:
    """Send every acknowledged save again (a client retrying after the crash): all must be duplicates."""
    outcomes: dict[str, int] = {}
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for item in acked:
        queue.put_nowait(item)

    async def worker() -> None:
        http = Http(port)
        while not queue.empty():
            who, body = queue.get_nowait()
            cookie, code, csrf = who.split("\t")
            status, _h, data = await http.request(
                "POST",
                f"/k/{code}/opslaan/",
                body.encode(),
                {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie, "X-CSRFToken": csrf},
            )
            key = json.loads(data).get("outcome", str(status)) if status == 200 else str(status)
            outcomes[key] = outcomes.get(key, 0) + 1
        await http.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return outcomes


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--classes", type=int, default=80, help="classes starting in the same minute (25 pupils each)"
    )
    parser.add_argument("--concurrency", type=int, default=64, help="concurrent connections")
    parser.add_argument(
        "--seconds", type=float, default=20.0, help="duration of the sustained phase and the baseline"
    )
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per server worker")
    parser.add_argument(
        "--durability", action="store_true", help="also kill -9 the server mid-load and verify"
    )
    parser.add_argument(
        "--rate", type=float, default=1000.0, help="open loop: offered autosaves per second (0: skip)"
    )
    parser.add_argument("--open-seconds", type=float, default=60.0, help="open loop: duration")
    parser.add_argument(
        "--minute-classes",
        type=int,
        default=40,
        help="start minute: classes (25 pupils each) starting spread over --minute-seconds (0: skip)",
    )
    parser.add_argument("--minute-seconds", type=float, default=60.0, help="start minute: spread")
    parser.add_argument(
        "--src",
        type=Path,
        help="run the server from this source tree (e.g. a `git archive` of an older commit)",
    )
    parser.add_argument("--json", type=Path, help="write the figures to this file as JSON")
    args = parser.parse_args()

    name = f"kansrijk_bench_{os.getpid()}"
    dsn = PG + name
    with psycopg.connect(PG + "postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        settings: dict[str, str] = dict(
            admin.execute(
                "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit')"
            ).fetchall()
        )
    var = tempfile.mkdtemp(prefix="kansrijk-bench-")
    # Production settings, except plain static storage: pages render {% static %} without a collectstatic
    # manifest (the benchmark measures the intake, not static files).
    Path(var, "bench_settings.py").write_text(
        "from kansrijk.web.settings import *  # noqa: F403\n"
        "STORAGES = {**STORAGES, 'staticfiles':"
        " {'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}\n"
    )
    env = {
        **os.environ,
        "DATABASE_URL": dsn,
        "SECRET_KEY": "bench-" + uuid.uuid4().hex,
        "KANSRIJK_VAR_DIR": var,
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": os.pathsep.join(
            [var, *([str(args.src.resolve())] if args.src else []), os.environ.get("PYTHONPATH", "")]
        ),
        "KANSRIJK_LOG_LEVEL": "WARNING",
        "KANSRIJK_CONN_MAX_AGE": "600",
    }
    threads: int | None = args.threads
    if args.src and "gunicorn" in (args.src / "kansrijk" / "cli.py").read_text():
        # a tree from before Granian: gunicorn's threaded workers, as that tree's benchmark ran them
        env["GUNICORN_CMD_ARGS"] = f"--threads {args.threads} --worker-class gthread"
        threads = None
    server: subprocess.Popen[bytes] | None = None
    figures: dict[str, object] = {
        "postgres": settings,
        "load_average_at_start": os.getloadavg(),
        "args": {k: str(v) for k, v in vars(args).items()},
        "cpus": os.cpu_count(),
    }
    try:
        subprocess.run(
            [PYTHON, "-m", "kansrijk", "migrate"], env=env, check=True, cwd=ROOT, capture_output=True
        )
        seeded = json.loads(
            subprocess.run(
                [PYTHON, "-c", SEED, str(args.classes + args.minute_classes)],
                env=env,
                check=True,
                cwd=ROOT,
                capture_output=True,
                text=True,
            ).stdout
        )
        codes = seeded["codes"]
        pupils = [Pupil(code) for code in codes[: args.classes] for _ in range(25)]
        minute = [Pupil(code) for code in codes[args.classes :] for _ in range(25)]
        port = free_port()
        server = start_server(env, port, args.workers, threads)

        figures["start_burst"] = asyncio.run(start_burst(port, pupils, args.concurrency))
        print("start burst", figures["start_burst"], flush=True)
        if minute:
            figures["start_minute"] = asyncio.run(start_burst_spread(port, minute, args.minute_seconds))
            print("start min ", figures["start_minute"], flush=True)
            pupils += minute
        figures["sustained_autosave"] = asyncio.run(sustained(port, pupils, args.concurrency, args.seconds))
        print("sustained ", figures["sustained_autosave"], flush=True)
        if args.rate > 0:
            figures["open_loop_autosave"] = asyncio.run(open_loop(port, pupils, args.rate, args.open_seconds))
            print("open loop ", figures["open_loop_autosave"], flush=True)
        figures["baseline_insert"] = asyncio.run(baseline(dsn, args.concurrency, args.seconds))
        print("baseline  ", figures["baseline_insert"], flush=True)
        s, b = figures["sustained_autosave"], figures["baseline_insert"]
        assert isinstance(s, dict) and isinstance(b, dict)
        figures["ratio_saves_to_inserts"] = round(float(s["saves_per_s"]) / float(b["inserts_per_s"]), 3)
        print("ratio     ", figures["ratio_saves_to_inserts"], flush=True)
        if args.rate > 0:
            o = figures["open_loop_autosave"]
            assert isinstance(o, dict)
            figures["ratio_open_loop_to_inserts"] = round(
                float(o["saves_per_s"]) / float(b["inserts_per_s"]), 3
            )
            print("open ratio", figures["ratio_open_loop_to_inserts"], flush=True)
        figures["load_average"] = os.getloadavg()

        if args.durability:
            acked: list[tuple[str, str]] = []

            async def crash_run() -> dict[str, float]:
                stop = asyncio.Event()
                load = asyncio.create_task(sustained(port, pupils, args.concurrency, 8.0, acked, stop))
                await asyncio.sleep(3.0)
                kill_server(server, signal.SIGKILL)  # type: ignore[arg-type]
                await asyncio.sleep(0.5)
                stop.set()
                return await load

            crash = asyncio.run(crash_run())
            server = start_server(env, port, args.workers, threads)
            check = durability_check(dsn, acked)
            replayed = asyncio.run(replay(port, acked, args.concurrency))
            after = durability_check(dsn, acked)
            figures["durability"] = {
                "load_until_kill": crash,
                "after_restart": check,
                "replay_outcomes": replayed,
                "after_replay": after,
            }
            print("durability", figures["durability"], flush=True)
            if check["missing"] or check["stored_more_than_once"] or after["stored_more_than_once"]:
                raise SystemExit("DURABILITY FAILED")
    finally:
        if server is not None:
            kill_server(server)
        with psycopg.connect(PG + "postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
