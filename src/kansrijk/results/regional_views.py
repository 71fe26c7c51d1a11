"""The regional dashboard: a region's consenting municipalities' published figures, side by side."""

from __future__ import annotations

from typing import Any, Literal

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from kansrijk.reporting.formatting import format_count, format_value

from . import regional
from .region_models import Region


def _row_cells(table: Any, labels: dict[str, str], language: str) -> tuple[list[str], list[dict[str, Any]]]:
    """Columns (region first, then the members by name) and one row per indicator, in the instrument's
    order, with formatted cells."""
    names = {r["domain"]: r["name"] for r in table.iter_rows(named=True)}
    members = set(table.filter(table["domain_type"] == "municipality")["domain"])
    columns = ["region", *sorted(members, key=lambda c: names[c])]
    rows: dict[str, dict[str, Any]] = {}
    for r in table.iter_rows(named=True):
        entry = rows.setdefault(r["indicator"], {"indicator": r["indicator"], "cells": {}})
        key = "region" if r["domain_type"] == "region" else r["domain"]
        unit: Literal["percentage", "mean"] = "percentage" if r["unit"] == "percentage" else "mean"
        entry["cells"][key] = {
            "value": "" if r["estimate"] is None else format_value(r["estimate"], unit, 1, language),
            "n": format_count(r["n"], language) if r["n"] is not None else "",
            "municipalities": r["municipalities"],
        }
    order = {code: i for i, code in enumerate(labels)}
    ordered = [
        {
            "indicator": labels.get(e["indicator"], e["indicator"]),
            "cells": [e["cells"].get(c, {"value": ""}) for c in columns],
        }
        for e in sorted(rows.values(), key=lambda e: (order.get(e["indicator"], len(order)), e["indicator"]))
    ]
    return [names.get(c, c) if c != "region" else "" for c in columns], ordered


def region_dashboard(request: HttpRequest, region: str) -> HttpResponse:
    """Only the region's staff; anyone else is refused the same way whether or not the region exists."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    found = Region.objects.filter(code=region).first()
    if found is None or not regional.can_view_region(request.user, found):
        raise PermissionDenied
    view = regional.regional_view(found)
    language = (get_language() or "nl")[:2]
    tables = []
    for year, grades, table, labels in view.tables:
        columns, rows = _row_cells(table, labels, language)
        tables.append({"year": year, "grades": grades, "columns": columns, "rows": rows})
    return render(
        request,
        "results/region.html",
        {"region": found, "members": view.members, "tables": tables},
    )
