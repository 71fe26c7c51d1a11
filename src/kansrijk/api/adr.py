"""The NL API Design Rules (Logius ADR 2.x) in one place, applied to every route of every router.

- :data:`API_VERSION` is the full semver of the API contract; its major is the ``/v1`` of :data:`API_BASE`
  (``/core/uri-version``), it is ``info.version`` and every response carries it as ``API-Version``
  (``/core/version-header``, set by :class:`ApiVersionMiddleware`).
- :class:`KansrijkAPI` writes the OpenAPI document the rules ask for: ``servers`` is ``/api/v1`` and paths are
  relative to it, ``info.contact`` has name, e-mail and url, ``/openapi.json`` is itself a documented
  resource (with ``Access-Control-Allow-Origin: *``), every response documents ``API-Version``, and every
  4xx/5xx answers ``application/problem+json`` (:mod:`.errors`).
- Body properties and query parameters are lowerCamelCase (schemas use :class:`CamelSchema`; routers are made
  with ``by_alias=True``); code values such as ``school_grade`` stay as they are.

``make lint`` runs Spectral with ``tools/adr-ruleset.yaml`` over the generated document, so a route that
breaks a rule fails CI (``tools/adr_lint.py``).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from pydantic import ConfigDict
from pydantic.alias_generators import to_camel

#: Semver of the API contract. Raise the minor for additions, the patch for fixes; a new major gets /api/v2.
API_VERSION = "1.0.0"
API_BASE = "/api/v1"
#: The OpenAPI document's own path, relative to :data:`API_BASE` (``/core/publish-openapi``).
OPENAPI_PATH = "/openapi.json"


class CamelSchema(Schema):
    """A response shape whose properties are lowerCamelCase on the wire (``ciLow``), snake_case in Python."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, from_attributes=True)


def contact() -> dict[str, str]:
    """``info.contact``: who answers for this installation's API (``KANSRIJK_API_CONTACT_*``)."""
    conf = settings.KANSRIJK
    return {
        "name": str(conf.get("API_CONTACT_NAME", "Kansrijk")),
        "email": str(conf.get("API_CONTACT_EMAIL", "kansrijk@example.invalid")),
        "url": str(conf.get("API_CONTACT_URL", "https://example.invalid/kansrijk")),
    }


VERSION_HEADER = {
    "description": "Volledige versie (semver) van de API die dit antwoord gaf.",
    "schema": {"type": "string", "example": API_VERSION},
}
CORS_HEADER = {
    "description": "Het OpenAPI-document mag door elke website worden opgehaald.",
    "schema": {"type": "string", "example": "*"},
}
#: The component ninja generates from :class:`kansrijk.api.schemas.Problem`; every 4xx/5xx points at it.
PROBLEM_SCHEMA = "Problem"


def _openapi_path_item() -> dict[str, Any]:
    return {
        "get": {
            "operationId": "getOpenapiJson",
            "summary": "Dit OpenAPI-document",
            "description": "Het OpenAPI 3-document van deze API (ook op /api/openapi.json, met een 308).",
            "tags": ["openapi"],
            "security": [],
            "responses": {
                "200": {
                    "description": "OK",
                    "headers": {
                        "API-Version": {"$ref": "#/components/headers/API-Version"},
                        "Access-Control-Allow-Origin": {
                            "$ref": "#/components/headers/Access-Control-Allow-Origin"
                        },
                    },
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        }
    }


def _fix_response(status: str, response: dict[str, Any]) -> None:
    response.setdefault("headers", {})["API-Version"] = {"$ref": "#/components/headers/API-Version"}
    if status[:1] in ("4", "5"):
        response["content"] = {
            "application/problem+json": {"schema": {"$ref": f"#/components/schemas/{PROBLEM_SCHEMA}"}}
        }
        if response.get("description") in (None, "", "OK"):
            response["description"] = "Fout (problem details)"


def adr_document(schema: dict[str, Any]) -> dict[str, Any]:
    """Rewrite the document ninja generates into the one the Design Rules ask for (idempotent)."""
    info = schema.setdefault("info", {})
    info["version"] = API_VERSION
    info["contact"] = contact()
    schema["servers"] = [{"url": API_BASE, "description": "Deze installatie, API versie 1"}]
    paths: dict[str, Any] = {}
    for path, item in schema.get("paths", {}).items():
        relative = path[len(API_BASE) :] if path.startswith(API_BASE + "/") else path
        paths[relative] = item
        for operation in item.values():
            for status, response in operation.get("responses", {}).items():
                _fix_response(str(status), response)
    paths[OPENAPI_PATH] = _openapi_path_item()
    schema["paths"] = dict(sorted(paths.items()))
    components = schema.setdefault("components", {})
    components.setdefault("headers", {})["API-Version"] = copy.deepcopy(VERSION_HEADER)
    components["headers"]["Access-Control-Allow-Origin"] = copy.deepcopy(CORS_HEADER)
    tags = {t for item in paths.values() for op in item.values() for t in op.get("tags", [])}
    descriptions = {
        "openapi": "Het OpenAPI-document zelf.",
        "public": "Openbare resultaten, zonder sleutel, van gemeenten die daarvoor kozen.",
        "staff": "Voor medewerkers: met een API-sleutel (Bearer) of een ingelogde sessie.",
    }
    schema["tags"] = [{"name": t, "description": descriptions.get(t, t)} for t in sorted(tags)]
    return schema


class KansrijkAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document follows the Design Rules (:func:`adr_document`)."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        return adr_document(super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params))

    def get_openapi_operation_id(self, operation: Any) -> str:
        """lowerCamelCase operation ids (``getResults``), unique across the routers."""
        name = operation.view_func.__name__
        return to_camel(f"{operation.methods[0].lower()}_{name}")


class ApiVersionMiddleware:
    """Every answer under ``/api/`` carries ``API-Version``, the document also
    ``Access-Control-Allow-Origin``, and a bare 405 from the router becomes a problem+json like any error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/api/"):
            return response
        if response.status_code == 405 and "problem+json" not in response.get("Content-Type", ""):
            from .errors import problem_response

            allow = response.get("Allow", "")
            response = problem_response(request, 405, f"Deze API staat hier alleen {allow or 'GET'} toe.")
            if allow:
                response["Allow"] = allow
        response["API-Version"] = API_VERSION
        if request.path == API_BASE + OPENAPI_PATH:
            response["Access-Control-Allow-Origin"] = "*"
        return response


def document_json(api: NinjaAPI) -> str:
    """The OpenAPI document as ``tools/adr_lint.py`` lints it."""
    return json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False, default=str)
