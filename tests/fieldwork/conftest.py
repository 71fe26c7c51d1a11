"""Fixtures of the fieldwork tests: an open wave with one class session, snapshots in a temporary folder."""

from __future__ import annotations

import pytest

from .factories import ClassSessionFactory


@pytest.fixture(autouse=True)
def _snapshot_dir(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.KANSRIJK_SNAPSHOT_DIR = str(tmp_path / "snapshots")


@pytest.fixture(autouse=True)
def _fresh_cache():  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def session(db, municipality):  # type: ignore[no-untyped-def]
    """An open wave (OKO kern; nl, en, ar) with one class of 25 and a session valid now."""
    return ClassSessionFactory(school_class__wave__municipality=municipality)
