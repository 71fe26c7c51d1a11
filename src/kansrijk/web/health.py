"""Liveness and readiness probes for load balancers and Kubernetes.

``/healthz`` (liveness) says the process answers; it touches nothing else, so a slow database never gets a
web server restarted. ``/readyz`` (readiness) says this instance can serve requests now: the database answers
and holds every migration this code expects, and the cache (where rate limits count) takes a write. A pod
that is not ready gets no traffic, e.g. while the migrations Job of a new release still runs.

:class:`ProbeMiddleware` answers both before host validation, the HTTPS redirect, sessions and login: a
kubelet probes the pod's own address over plain HTTP, which ``ALLOWED_HOSTS`` and ``KANSRIJK_TLS`` would
otherwise refuse or redirect. The same views are in the URL conf (``web:healthz``, ``web:readyz``).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

PROBE_PATHS = ("/healthz", "/readyz")

#: Set once this process has seen every migration applied; a running release never loses migrations.
_migrated = False


def check_database() -> str | None:
    """None when the database answers and is fully migrated, else what is wrong (no secrets, no host)."""
    global _migrated
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        if not _migrated:
            from django.db.migrations.executor import MigrationExecutor

            executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
            if plan:
                return f"database: {len(plan)} migration(s) not applied yet"
            _migrated = True
    except Exception as exc:  # any failure means "not ready"; the log says which
        logger.warning("readiness: database check failed: %s", type(exc).__name__)
        return "database: not reachable"
    return None


def check_cache() -> str | None:
    """None when the cache takes a write and gives it back."""
    key = f"kansrijk:readyz:{secrets.token_hex(8)}"
    try:
        cache.set(key, "1", 10)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except Exception as exc:
        logger.warning("readiness: cache check failed: %s", type(exc).__name__)
        return "cache: not reachable"
    return None if ok else "cache: value not kept"


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: answers without touching the database, the cache or the session."""
    return _plain("ok", 200)


def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: 200 "ready" when database and cache work, else 503 with one line per problem."""
    problems = [p for p in (check_database(), check_cache()) if p]
    if problems:
        return _plain("\n".join(problems), 503)
    return _plain("ready", 200)


def _plain(text: str, status: int) -> HttpResponse:
    response = HttpResponse(text, content_type="text/plain; charset=utf-8", status=status)
    response["Cache-Control"] = "no-store"
    return response


PROBES: dict[str, Callable[[HttpRequest], HttpResponse]] = {"/healthz": healthz, "/readyz": readyz}


class ProbeMiddleware:
    """Answer GET/HEAD on the probe paths first, for any Host header and over plain HTTP."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path_info)
        if probe is not None and request.method in ("GET", "HEAD"):
            return probe(request)
        return self.get_response(request)
