"""The regional dashboard: a region's consenting municipalities' published figures, side by side."""

from __future__ import annotations

from typing import Any, Literal

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language

from kansrijk.reporting.charts import map_chart
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


def _region_or_refuse(request: HttpRequest, code: str) -> Region | HttpResponse:
    """Only the region's staff; anyone else is refused the same way whether or not the region exists."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    found = Region.objects.filter(code=code).first()
    if found is None or not regional.can_view_region(request.user, found):
        raise PermissionDenied
    return found


def region_dashboard(request: HttpRequest, region: str) -> HttpResponse:
    found = _region_or_refuse(request, region)
    if isinstance(found, HttpResponse):
        return found
    view = regional.regional_view(found)
    language = (get_language() or "nl")[:2]
    tables = []
    for year, grades, table, labels in view.tables:
        columns, rows = _row_cells(table, labels, language)
        chosen = request.GET.get("indicator") if request.GET.get("jaar") == str(year) else None
        indicator = chosen if chosen in labels else next(iter(labels), "")
        query = urlencode({"jaar": str(year), "leerjaren": grades, "indicator": indicator})
        tables.append(
            {
                "year": year,
                "grades": grades,
                "columns": columns,
                "rows": rows,
                "indicators": [
                    (code, label) for code, label in labels.items() if code in set(table["indicator"])
                ],
                "indicator": indicator,
                "map_url": reverse("region:map_spec", args=[found.code]) + "?" + query,
            }
        )
    return render(
        request,
        "results/region.html",
        {"region": found, "members": view.members, "tables": tables},
    )


def region_map_spec(request: HttpRequest, region: str) -> HttpResponse:
    """The map of the region's municipalities for one indicator (Vega-Lite JSON, drawn by charts.js)."""
    found = _region_or_refuse(request, region)
    if isinstance(found, HttpResponse):
        return found
    view = regional.regional_view(found)
    try:
        year = int(request.GET.get("jaar", ""))
    except ValueError:
        raise Http404 from None
    grades, indicator = request.GET.get("leerjaren", ""), request.GET.get("indicator", "")
    table = regional.map_table(view, year, grades, indicator)
    if table.is_empty():
        raise Http404
    labels = next(lab for y, g, _t, lab in view.tables if y == year and g == grades)
    outlines = regional.municipality_outlines(regional.consenting(found))
    chart = map_chart(
        outlines,
        table,
        area_column="gemeentecode",
        key="gemeentecode",
        name_property="gemeentenaam",
        colour_by="value",
        labels=labels,
        lang=(get_language() or "nl")[:2],
        title=f"{labels.get(indicator, indicator)} — {found.name} {year}",
    )
    return JsonResponse(chart.spec, json_dumps_params={"ensure_ascii": False})
