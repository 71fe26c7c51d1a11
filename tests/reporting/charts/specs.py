"""Reading chart specs in tests."""

from __future__ import annotations

from typing import Any


def data_values(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows (or GeoJSON features) a spec draws."""
    return spec["data"]["values"]
