"""Schemathesis against the OpenAPI document (/api/v1/openapi.json), with and without a token, in-process
through the WSGI app: no server errors, no answer that breaks the schema. Bounded (a few examples per
operation, each also replayed against the real municipality) so the whole fuzz stays well under a minute;
derandomized under CI=true (tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES_PER_OPERATION = 12

pytestmark = pytest.mark.slow


@pytest.fixture
def wsgi_schema(world: Any) -> Iterator[Any]:
    # Django's test client does the same: requests must not close the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.parametrize("with_token", [True, False], ids=["token", "anonymous"])
def test_api_fuzz_finds_no_server_error_and_no_schema_violation(
    world: Any, wsgi_schema: Any, with_token: bool
) -> None:
    headers = {"Authorization": f"Bearer {world.tokens['municipal_admin']}"} if with_token else {}
    operations = [result.ok() for result in wsgi_schema.get_all_operations()]
    assert len(operations) >= 13  # schemathesis leaves out /openapi.json, its own source
    statuses: dict[str, set[int]] = {}

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case: Any) -> None:
            cache.clear()  # the fuzz is not a rate-limit test
            seen = statuses.setdefault(case.operation.path, set())
            seen.add(case.call_and_validate(headers=headers, checks=CHECKS).status_code)
            if "code" in (case.path_parameters or {}):
                case.path_parameters["code"] = world.municipality.code
                seen.add(case.call_and_validate(headers=headers, checks=CHECKS).status_code)

        fuzz()
    # The calls reached the routes (server URL /api/v1 + relative paths), not the catch-all 404.
    assert 200 in statuses["/public/municipalities"]
    assert (200 if with_token else 401) in statuses["/me"]
    assert (200 if with_token else 401) in statuses["/municipalities/{code}/results"]
