"""Who is calling the API: a token (integrations) or a signed-in staff member (session), and rate limits.

A token becomes a :class:`TokenPrincipal` with ``fixed_grants``, so :func:`kansrijk.accounts.permissions.can`
decides for tokens exactly as for people — the role policy stays in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer
from ninja.throttling import BaseThrottle

from kansrijk.accounts.permissions import Grant
from kansrijk.fieldwork.ratelimit import client_fingerprint, hit

from .models import ApiToken
from .services import authenticate


@dataclass
class TokenPrincipal:
    """An API token acting as a user of one municipality with one role (never bound to schools)."""

    token: ApiToken
    fixed_grants: dict[int, list[Grant]] = field(default_factory=dict)
    is_authenticated: bool = True

    def __post_init__(self) -> None:
        self.fixed_grants = {self.token.municipality_id: [Grant(self.token.role, frozenset())]}

    def get_username(self) -> str:
        return f"token:{self.token.prefix}"

    @property
    def rate_key(self) -> str:
        return f"api:token:{self.token.pk}"


class TokenAuth(HttpBearer):
    """``Authorization: Bearer kr_…`` — tokens created by a municipal admin on the API keys page."""

    def authenticate(self, request: HttpRequest, token: str) -> TokenPrincipal | None:
        found = authenticate(token)
        return TokenPrincipal(found) if found is not None else None


class StaffSession(APIKeyCookie):
    """A signed-in staff member's session cookie (CSRF is checked for unsafe methods by ninja)."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        return user if user.is_authenticated else None


def rate_key(request: HttpRequest) -> str:
    """The bucket a request counts in: its token, its user, or a daily-rotating hash of the client address."""
    auth = getattr(request, "auth", None)
    if isinstance(auth, TokenPrincipal):
        return auth.rate_key
    if auth is not None and getattr(auth, "pk", None) is not None:
        return f"api:user:{auth.pk}"
    return f"api:anon:{client_fingerprint(request)}"


class ApiThrottle(BaseThrottle):
    """Fixed-window limit per caller, counted with the same cache limiter as wrong class codes."""

    def allow_request(self, request: HttpRequest) -> bool:
        limit = int(str(settings.KANSRIJK.get("API_RATE_LIMIT", 300)))
        self.window = int(str(settings.KANSRIJK.get("API_RATE_WINDOW_SECONDS", 60)))
        return hit(rate_key(request), limit, self.window)

    def wait(self) -> float | None:
        return float(getattr(self, "window", 60))
