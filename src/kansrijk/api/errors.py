"""One error body for every API error: RFC 9457 problem details (``application/problem+json``).

``{"type", "title", "status", "detail", "instance"}`` as the NL API Design Rules ask
(``/core/problem-details``), plus two extension members: ``code`` (a stable machine-readable name, e.g.
``not_found``) and, for invalid input, ``errors`` — one entry per wrong parameter with where it is (``in``,
``location.name``), a ``code`` and a ``detail``. django-ninja's own handlers answer ``{"detail": …}``; they
are replaced here so a client handles 400, 401, 403, 404, 405, 409 and 429 the same way. Server errors are
left to Django (no traceback reaches a client).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

PROBLEM_JSON = "application/problem+json"

#: status → (stable code, title). The title is the same for every problem of that code (RFC 9457 §3.1.3).
PROBLEMS: dict[int, tuple[str, str]] = {
    400: ("invalid_parameters", "De parameters kloppen niet."),
    401: ("unauthenticated", "Niet aangemeld."),
    403: ("forbidden", "Geen toegang."),
    404: ("not_found", "Niet gevonden."),
    405: ("method_not_allowed", "Deze methode kan hier niet."),
    409: ("conflict", "Conflict."),
    429: ("rate_limited", "Te veel verzoeken."),
}
#: Where the problem types are explained: docs/developers/api.md, section "Foutmeldingen", in the repository
#: named in publiccode.yml. A stable identifier first (RFC 9457 §3.1.1); clients branch on it or on ``code``.
TYPE_BASE = "https://example.invalid/kansrijk/kansrijk/-/blob/main/docs/developers/api.md#"


def problem_type(code: str) -> str:
    return TYPE_BASE + code.replace("_", "-")


class ApiError(Exception):
    """An error an API client can act on: status, a stable code, a message and optional details."""

    def __init__(self, status: int, message: str, *, code: str | None = None, details: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or PROBLEMS.get(status, ("error", ""))[0]
        self.message = message
        self.details = details


def problem_body(
    status: int, detail: str, *, instance: str, code: str | None = None, errors: Any = None
) -> dict[str, Any]:
    known_code, title = PROBLEMS.get(status, ("error", "Fout."))
    code = code or known_code
    body: dict[str, Any] = {
        "type": problem_type(code),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
        "code": code,
    }
    if errors is not None:
        body["errors"] = errors
    return body


def problem_response(
    request: HttpRequest, status: int, detail: str, *, code: str | None = None, errors: Any = None
) -> HttpResponse:
    body = problem_body(status, detail, instance=request.path, code=code, errors=errors)
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=f"{PROBLEM_JSON}; charset=utf-8"
    )
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="kansrijk"'
    return response


def invalid_params(errors: Any) -> list[dict[str, Any]]:
    """Pydantic/ninja validation errors as ``{"in", "location": {"name"}, "code", "detail"}``.

    ninja's ``loc`` is ``("query", "limit")`` or ``("path", "code")``; the parameter's public name (its alias,
    e.g. ``domainType``) is what the client sent, so that is what is named.
    """
    out = []
    for error in errors if isinstance(errors, list) else []:
        if not isinstance(error, dict):
            continue
        loc = [str(part) for part in error.get("loc", ())]
        where = loc[0] if loc else "query"
        name = ".".join(loc[1:]) if len(loc) > 1 else ""
        out.append(
            {
                "in": where,
                "location": {"name": name},
                "code": str(error.get("type", "invalid")),
                "detail": str(error.get("msg", "")),
            }
        )
    return out


def install(api: NinjaAPI) -> None:
    def on_api_error(request: HttpRequest, exc: Any) -> HttpResponse:
        errors = exc.details if isinstance(exc.details, list) else None
        return problem_response(request, exc.status, exc.message, code=exc.code, errors=errors)

    def on_validation(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem_response(
            request, 400, "Een of meer parameters kloppen niet.", errors=invalid_params(exc.errors)
        )

    def on_auth(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem_response(request, 401, "Stuur een geldige API-sleutel mee (Authorization: Bearer …).")

    def on_throttled(request: HttpRequest, exc: Any) -> HttpResponse:
        response = problem_response(request, 429, "Te veel verzoeken; probeer het zo opnieuw.")
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait))
        return response

    def on_http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem_response(request, exc.status_code, str(exc))

    def on_404(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem_response(request, 404, "Niet gevonden.")

    def on_403(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem_response(request, 403, "U hebt geen toegang tot dit onderdeel.")

    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(Throttled, on_throttled)
    api.add_exception_handler(AuthenticationError, on_auth)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_404)
    api.add_exception_handler(PermissionDenied, on_403)
