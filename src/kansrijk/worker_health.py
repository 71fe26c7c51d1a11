"""Liveness of the background worker (``kansrijk worker``), which has no HTTP port to probe.

The worker writes a heartbeat file (``KANSRIJK_WORKER_HEARTBEAT``, default ``/tmp/kansrijk-worker.json``;
``/tmp`` is the pod's writable emptyDir under a read-only root filesystem): its state (``idle`` or ``busy``
with a task), since when, and when it last beat. A thread beats every :data:`BEAT_SECONDS`; the task
signals of django-tasks set the state. ``kansrijk worker --alive`` reads the file and fails when

- the heartbeat is older than ``stale`` seconds: the process no longer runs Python (wedged, or gone
  without the container noticing), or
- one task has been running longer than ``KANSRIJK_WORKER_TASK_LIMIT`` seconds (default 3600; a national
  analysis takes minutes): a hung analysis keeps the queue from moving, and a restart puts the task back.

It never touches the database: a database outage must not restart every worker (the web's readiness probe
reports that). The check itself needs no Django, so a probe costs one Python start-up.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any

BEAT_SECONDS = 10.0
DEFAULT_PATH = "/tmp/kansrijk-worker.json"  # noqa: S108 - the pod's own emptyDir, one worker per pod
DEFAULT_TASK_LIMIT = 3600.0
DEFAULT_STALE = 60.0


def heartbeat_path() -> Path:
    return Path(os.environ.get("KANSRIJK_WORKER_HEARTBEAT", DEFAULT_PATH))


class Heartbeat:
    """The worker's heartbeat file, written atomically (a probe never reads half a file)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or heartbeat_path()
        self._lock = threading.Lock()
        self._state: dict[str, Any] = {"state": "idle", "since": time.time(), "task": None}

    def set(self, state: str, task: str | None = None) -> None:
        with self._lock:
            self._state = {"state": state, "since": time.time(), "task": task}
        self.beat()

    def beat(self) -> None:
        with self._lock:
            record = {**self._state, "at": time.time(), "pid": os.getpid()}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".tmp")
        partial.write_text(json.dumps(record), encoding="utf-8")
        partial.replace(self.path)

    def start(self, every: float = BEAT_SECONDS) -> threading.Thread:
        """Beat now and then every ``every`` seconds while the main thread lives."""
        self.beat()
        main = threading.main_thread()

        def loop() -> None:
            while main.is_alive():
                time.sleep(every)
                self.beat()

        thread = threading.Thread(target=loop, name="kansrijk-heartbeat", daemon=True)
        thread.start()
        return thread


def connect(heartbeat: Heartbeat) -> None:
    """Mark the heartbeat busy while django-tasks runs a task, idle after it (success or failure)."""
    from django_tasks_db.compat import task_finished, task_started  # Django's own, or django-tasks'

    def started(sender: Any, task_result: Any, **kwargs: Any) -> None:
        heartbeat.set("busy", str(getattr(task_result, "id", "")))

    def finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
        heartbeat.set("idle")

    task_started.connect(started, weak=False, dispatch_uid="kansrijk-heartbeat-started")
    task_finished.connect(finished, weak=False, dispatch_uid="kansrijk-heartbeat-finished")


def check(
    path: Path | None = None,
    *,
    now: float | None = None,
    stale: float = DEFAULT_STALE,
    task_limit: float | None = None,
) -> str | None:
    """None when the worker is alive, else the reason in one line (the probe prints it)."""
    file = path or heartbeat_path()
    limit = (
        task_limit
        if task_limit is not None
        else float(os.environ.get("KANSRIJK_WORKER_TASK_LIMIT", DEFAULT_TASK_LIMIT))
    )
    moment = time.time() if now is None else now
    try:
        record = json.loads(file.read_text(encoding="utf-8"))
        at, since, state = float(record["at"]), float(record["since"]), str(record["state"])
    except FileNotFoundError:
        return f"no heartbeat at {file}: the worker has not started"
    except (ValueError, KeyError, TypeError):
        return f"heartbeat {file} is unreadable"
    if moment - at > stale:
        return f"last heartbeat {moment - at:.0f} s ago (more than {stale:.0f} s)"
    if state == "busy" and moment - since > limit:
        return f"task {record.get('task')} has run {moment - since:.0f} s (limit {limit:.0f} s)"
    return None
