"""Limits on wrong class codes, per code and per client address, kept only in Django's cache.

The client address is never stored: it is hashed with a salt that rotates daily (derived from SECRET_KEY and
the date), and the hash lives only as a cache key for :data:`~.constants.RATE_WINDOW_SECONDS`. With several
server processes on several hosts configure a shared cache (``CACHES``, e.g. Redis or the database cache);
the default per-process memory cache then counts per worker, which only makes the limit more lenient.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from .constants import RATE_WINDOW_SECONDS, WRONG_CODES_PER_ADDRESS, WRONG_CODES_PER_CODE


def client_fingerprint(request: HttpRequest, today: dt.date | None = None) -> str:
    """A daily-rotating keyed hash of the client address: linkable within one day, never reversible."""
    day = (today or dt.date.today()).isoformat()
    salt = hmac.new(settings.SECRET_KEY.encode(), f"kansrijk-rate-{day}".encode(), hashlib.sha256).digest()
    address = request.META.get("REMOTE_ADDR", "")
    return hmac.new(salt, address.encode(), hashlib.sha256).hexdigest()[:32]


def _keys(code: str, fingerprint: str) -> tuple[str, str]:
    window = int(time.time() // RATE_WINDOW_SECONDS)
    return f"fw:wrong:addr:{fingerprint}:{window}", f"fw:wrong:code:{code}:{window}"


def is_limited(code: str, fingerprint: str) -> bool:
    """True when this client or this code has had too many wrong attempts in the current window."""
    addr_key, code_key = _keys(code, fingerprint)
    return (cache.get(addr_key, 0) >= WRONG_CODES_PER_ADDRESS) or (
        cache.get(code_key, 0) >= WRONG_CODES_PER_CODE
    )


def record_wrong(code: str, fingerprint: str) -> None:
    for key in _keys(code, fingerprint):
        if not cache.add(key, 1, RATE_WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, RATE_WINDOW_SECONDS)


def hit(bucket: str, limit: int, window_seconds: int) -> bool:
    """Count one request in ``bucket`` for the current fixed window; False once ``limit`` is exceeded.

    The generic form of the counters above, used by the API (per token, per user, or per anonymous client
    fingerprint). Only a counter lives in the cache, under a key that holds no client address.
    """
    key = f"rl:{bucket}:{int(time.time() // window_seconds)}"
    if cache.add(key, 1, window_seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        count = 1
    return count <= limit
