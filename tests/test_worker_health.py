"""The worker's liveness probe: a heartbeat file, stale or stuck in one task → not alive."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kansrijk import worker_health
from kansrijk.worker_health import Heartbeat, check


def test_no_heartbeat_means_not_started(tmp_path: Path) -> None:
    assert "has not started" in (check(tmp_path / "none.json") or "")


def test_a_fresh_idle_heartbeat_is_alive_and_a_stale_one_is_not(tmp_path: Path) -> None:
    beat = Heartbeat(tmp_path / "hb.json")
    beat.beat()
    record = json.loads((tmp_path / "hb.json").read_text())
    assert record["state"] == "idle" and record["pid"] == os.getpid()
    assert check(beat.path) is None
    assert check(beat.path, now=record["at"] + 61) == "last heartbeat 61 s ago (more than 60 s)"


def test_one_task_running_past_the_limit_is_not_alive(tmp_path: Path) -> None:
    beat = Heartbeat(tmp_path / "hb.json")
    beat.set("busy", "task-7")
    since = json.loads(beat.path.read_text())["since"]
    # still beating (the thread), but the task has run 2 hours
    assert check(beat.path, now=since + 30, task_limit=3600) is None
    beat.path.write_text(json.dumps({"state": "busy", "since": since, "at": since + 7200, "task": "task-7"}))
    assert check(beat.path, now=since + 7205, task_limit=3600) == "task task-7 has run 7205 s (limit 3600 s)"
    beat.set("idle")
    assert check(beat.path, task_limit=3600) is None


def test_an_unreadable_heartbeat_is_not_alive(tmp_path: Path) -> None:
    (tmp_path / "hb.json").write_text("{half")
    assert "unreadable" in (check(tmp_path / "hb.json") or "")


@pytest.mark.django_db
def test_task_signals_mark_the_worker_busy_then_idle(tmp_path: Path) -> None:
    from django_tasks_db.compat import task_finished, task_started

    beat = Heartbeat(tmp_path / "hb.json")
    worker_health.connect(beat)
    try:
        # send_robust: django-tasks' own logging receivers want a real task result; ours must not fail
        answers = task_started.send_robust(sender=object, task_result=type("R", (), {"id": "abc"})())
        ours = [a for r, a in answers if getattr(r, "__qualname__", "").startswith("connect.")]
        assert ours == [None]
        assert json.loads(beat.path.read_text())["state"] == "busy"
        assert json.loads(beat.path.read_text())["task"] == "abc"
        task_finished.send_robust(sender=object, task_result=None)
        assert json.loads(beat.path.read_text())["state"] == "idle"
    finally:
        task_started.disconnect(dispatch_uid="kansrijk-heartbeat-started")
        task_finished.disconnect(dispatch_uid="kansrijk-heartbeat-finished")


@pytest.mark.slow
def test_a_running_worker_passes_the_probe_and_a_killed_one_fails_it(tmp_path: Path) -> None:
    """The real `kansrijk worker` on a fresh SQLite database, probed by the real `kansrijk worker --alive`."""
    kansrijk = [sys.executable, "-m", "kansrijk.cli"]
    env = {
        **os.environ,
        "KANSRIJK_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "KANSRIJK_WORKER_HEARTBEAT": str(tmp_path / "hb.json"),
        "DJANGO_SETTINGS_MODULE": "kansrijk.web.settings",
    }
    subprocess.run([*kansrijk, "migrate"], env=env, check=True, capture_output=True, timeout=300)
    worker = subprocess.Popen(
        [*kansrijk, "worker"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while not (tmp_path / "hb.json").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        probe = subprocess.run([*kansrijk, "worker", "--alive"], env=env, capture_output=True, text=True)
        assert probe.returncode == 0, probe.stdout + probe.stderr
    finally:
        worker.kill()
        worker.wait(timeout=30)
    record = json.loads((tmp_path / "hb.json").read_text())
    record["at"] -= 120  # as if the process stopped beating two minutes ago
    (tmp_path / "hb.json").write_text(json.dumps(record))
    probe = subprocess.run([*kansrijk, "worker", "--alive"], env=env, capture_output=True, text=True)
    assert probe.returncode == 1 and "last heartbeat" in probe.stdout
