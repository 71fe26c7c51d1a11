"""Small security helpers wired in through settings."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


def no_client_address(request: HttpRequest) -> str:
    """django-axes asks for the client address; we lock out by username and store no address at all."""
    return "0.0.0.0"  # noqa: S104 - a placeholder value, not a bind address


def forget_user_agent(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware: drop the User-Agent header before any code sees it.

    Kansrijk never needs it, and a library that would store it (django-axes keeps it with every failed
    login) then cannot: privacy by construction rather than by configuring every library.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_USER_AGENT", None)
        return get_response(request)

    return middleware
