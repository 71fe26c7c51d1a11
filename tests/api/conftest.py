"""Fixtures of the API tests: the shared world (tests/api/world.py), built once per test module inside a
transaction that is rolled back at the end (each test nests its own savepoint inside it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache

from . import world as world_module


@pytest.fixture(scope="session")
def api_synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return world_module.generate(tmp_path_factory.mktemp("api-synth") / "gm9999")


@pytest.fixture(scope="module")
def world(
    django_db_setup, django_db_blocker, api_synth_dir, tmp_path_factory
) -> Iterator[world_module.World]:  # type: ignore[no-untyped-def]
    yield from world_module.module_world(django_db_blocker, api_synth_dir, tmp_path_factory)


@pytest.fixture(autouse=True)
def _fresh_limits(db) -> None:  # type: ignore[no-untyped-def]
    cache.clear()


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
