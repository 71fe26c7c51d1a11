"""Small security helpers wired in through settings."""

from __future__ import annotations

from django.http import HttpRequest


def no_client_address(request: HttpRequest) -> str:
    """django-axes asks for the client address; we lock out by username and store no address at all."""
    return "0.0.0.0"  # noqa: S104 - a placeholder value, not a bind address
