"""One error body for every API error: ``{"error": {"code": …, "message": …, "details": …}}``.

django-ninja's own handlers answer ``{"detail": …}``; they are replaced here so a client handles 400, 401,
403, 404, 409, 422 and 429 the same way. Server errors are left to Django (no traceback reaches a client).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "invalid_parameters",
    429: "rate_limited",
}


class ApiError(Exception):
    """An error an API client can act on: status, a stable code, a message and optional details."""

    def __init__(self, status: int, message: str, *, code: str | None = None, details: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.details = details


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}


def _plain(errors: Any) -> Any:
    """Pydantic error dicts without the non-JSON ``ctx``/``url`` parts."""
    if isinstance(errors, list):
        return [
            {k: v for k, v in e.items() if k in ("type", "loc", "msg")} for e in errors if isinstance(e, dict)
        ]
    return errors


def install(api: NinjaAPI) -> None:
    def respond(
        request: HttpRequest, status: int, code: str, message: str, details: Any = None
    ) -> HttpResponse:
        response = api.create_response(request, error_body(code, message, details), status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="kansrijk"'
        return response

    def on_api_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return respond(request, exc.status, exc.code, exc.message, exc.details)

    def on_validation(request: HttpRequest, exc: Any) -> HttpResponse:
        return respond(request, 422, CODES[422], "De parameters kloppen niet.", _plain(exc.errors))

    def on_auth(request: HttpRequest, exc: Any) -> HttpResponse:
        return respond(
            request, 401, CODES[401], "Stuur een geldige API-sleutel mee (Authorization: Bearer …)."
        )

    def on_throttled(request: HttpRequest, exc: Any) -> HttpResponse:
        response = respond(request, 429, CODES[429], "Te veel verzoeken; probeer het zo opnieuw.")
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait))
        return response

    def on_http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return respond(request, exc.status_code, CODES.get(exc.status_code, "error"), str(exc))

    def on_404(request: HttpRequest, exc: Any) -> HttpResponse:
        return respond(request, 404, CODES[404], "Niet gevonden.")

    def on_403(request: HttpRequest, exc: Any) -> HttpResponse:
        return respond(request, 403, CODES[403], "U hebt geen toegang tot dit onderdeel.")

    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(Throttled, on_throttled)
    api.add_exception_handler(AuthenticationError, on_auth)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_404)
    api.add_exception_handler(PermissionDenied, on_403)
