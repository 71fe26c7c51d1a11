"""The read side of the API, shared by the staff and the public routers: results, indicators, waves, areas.

Result rows come from :mod:`kansrijk.results.queries` (the results app owns result storage); this module
only filters them to what a :class:`~.access.View` may see and shapes them. A suppressed cell leaves the
server without any number, whatever the stored row holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

import polars as pl
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse

from kansrijk.accounts.models import Area, School
from kansrijk.analysis.public import public_table
from kansrijk.cycle.models import ActionPoint
from kansrijk.fieldwork.models import Wave
from kansrijk.fieldwork.monitor import Row, monitor_rows
from kansrijk.results import present, queries
from kansrijk.results.models import AnalysisRun

from .access import View
from .constants import PUBLIC_MAX_AGE
from .errors import ApiError

#: Columns of a result row that the API returns (the rest of the contract stays internal).
RESULT_FIELDS = (
    "indicator",
    "unit",
    "domain_type",
    "domain",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "n",
    "deff",
    "suppressed",
    "reliability",
    "vs_total",
    "prev_estimate",
    "trend_difference",
    "trend_p",
    "trend",
    "reference_estimate",
    "reference",
)
#: Of those, the ones that carry a figure: null in a suppressed row (the contract's withheld columns).
NUMBERS = (
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "deff",
    "vs_total",
    "prev_estimate",
    "trend_difference",
    "trend_p",
    "trend",
    "reference",
)


# -- ETags ------------------------------------------------------------------------------------------------


def etag_for(request: HttpRequest, view: View, *parts: object) -> str:
    """A strong ETag from what determines the answer: the run (id, version, publication), the viewer's
    scope and the query string."""
    text = "|".join([view.key, request.get_full_path(), *(str(p) for p in parts)])
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def not_modified(request: HttpRequest, etag: str) -> HttpResponse | None:
    wanted = [t.strip() for t in request.headers.get("If-None-Match", "").split(",") if t.strip()]
    if etag in wanted or "*" in wanted:
        response = HttpResponse(status=304)
        response["ETag"] = etag
        return response
    return None


def set_caching(response: HttpResponse, view: View, etag: str) -> None:
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}" if view.public else "private, no-cache"
    response["Vary"] = "Authorization, Cookie"


# -- results ----------------------------------------------------------------------------------------------


def run_or_404(view: View, wave: str | None) -> AnalysisRun:
    run = queries.run_for(view.municipality, wave, include_unpublished=view.unpublished)
    if run is None:
        raise ApiError(404, "Voor deze meting zijn (nog) geen resultaten gepubliceerd.")
    return run


def run_etag_parts(run: AnalysisRun) -> tuple[object, ...]:
    return (run.pk, run.version, run.published_at.isoformat() if run.published_at else "-", run.status)


def visible(frame: pl.DataFrame, view: View) -> pl.DataFrame:
    """Drop school-level domains the viewer may not see (all of them for partners and the public)."""
    return queries.only_schools(frame, view.schools)


def result_item(row: dict[str, Any]) -> dict[str, Any]:
    item = {k: row.get(k) for k in RESULT_FIELDS}
    item["domain"] = item["domain"] or ""
    item["reliability"] = item["reliability"] or ""
    if item["suppressed"] is not None:
        for name in NUMBERS:
            item[name] = None
    return item


def indicator_domains(run: AnalysisRun) -> dict[str, str]:
    """indicator code → leefdomein code, from the wave's instrument."""
    return {code: info.domain for code, info in present.indicators(present.instrument_of(run.wave)).items()}


def results_page(
    view: View,
    run: AnalysisRun,
    *,
    indicator: str | None,
    leefdomein: str | None,
    domain_type: str | None,
    domain: str | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    indicators: Iterable[str] | None = [indicator] if indicator else None
    if leefdomein:
        codes = [c for c, d in indicator_domains(run).items() if d == leefdomein]
        indicators = [c for c in codes if indicator is None or c == indicator]
    frame = queries.table(
        run,
        domain_types=[domain_type] if domain_type else None,
        indicators=indicators,
        domain=domain,
    )
    frame = visible(frame, view)
    if not view.microdata:  # public precision: rounded, no RSE/design effect, no suppression reason
        frame = public_table(frame)
    page = frame.slice(offset, limit)
    return {
        "municipality": view.municipality.code,
        "wave": {"code": run.wave.code, "name": run.wave.name},
        "run": {"version": run.version, "published": run.is_published, "published_at": run.published_at},
        "count": frame.height,
        "limit": limit,
        "offset": offset,
        "items": [result_item(r) for r in page.iter_rows(named=True)],
    }


# -- instrument and indicators --------------------------------------------------------------------------


def instrument_info(run: AnalysisRun, language: str) -> dict[str, Any]:
    wave = run.wave
    instrument = present.instrument_of(wave)
    return {
        "code": wave.instrument.code,
        "version": wave.instrument.version,
        "title": wave.instrument.title,
        "sha256": wave.instrument.sha256,
        "languages": list(instrument.languages),
        "items": len(instrument.items),
        "indicators": [
            {
                "code": i.code,
                "label": i.label,
                "leefdomein": i.domain,
                "unit": i.unit,
                "direction": i.direction,
            }
            for i in present.indicators(instrument, language).values()
        ],
    }


# -- waves and response ---------------------------------------------------------------------------------


def counts(row: Row) -> dict[str, Any]:
    return {
        "expected": row.expected,
        "started": row.started,
        "completed": row.completed,
        "refused": row.refused,
        "rate": row.rate,
    }


def waves(view: View, *, with_response: bool, all_waves: bool) -> list[dict[str, Any]]:
    """Waves of the municipality; those without visible results only when ``all_waves``."""
    published = {r.wave_id for r in queries.runs_for(view.municipality)}
    out = []
    for wave in Wave.objects.filter(municipality=view.municipality).select_related("instrument"):
        if not all_waves and wave.pk not in published:
            continue
        entry: dict[str, Any] = {
            "code": wave.code,
            "name": wave.name,
            "status": wave.status,
            "window_start": wave.window_start,
            "window_end": wave.window_end,
            "grades": list(wave.grades),
            "instrument": f"{wave.instrument.code} {wave.instrument.version}",
            "results_published": wave.pk in published,
            "response": None,
        }
        if with_response:
            entry["response"] = counts(monitor_rows(wave, [])[1])
        out.append(entry)
    return out


def response_rates(wave: Wave, schools: Iterable[School]) -> dict[str, Any]:
    rows = []
    total: Row | None = None
    for school in sorted(schools, key=lambda s: s.code):
        per_school, total = monitor_rows(wave, [school])
        row = per_school[0] if per_school else Row(school.name)
        rows.append({"school": school.code, "name": school.name, **counts(row)})
    if total is None:
        total = monitor_rows(wave, [])[1]
    return {"wave": {"code": wave.code, "name": wave.name}, "total": counts(total), "schools": rows}


# -- areas ----------------------------------------------------------------------------------------------


def areas(view: View, level: str) -> dict[str, Any]:
    features = []
    for area in Area.objects.filter(municipality=view.municipality, level=level).select_related("parent"):
        geometry = area.geometry if isinstance(area.geometry, dict) else None
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "code": area.code,
                    "name": area.name,
                    "level": area.level,
                    "parent": area.parent.code if area.parent else None,
                    "residents": area.residents,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


# -- action points --------------------------------------------------------------------------------------


def action_points(
    view: View, *, status: str | None = None, number: int | None = None
) -> list[dict[str, Any]]:
    qs = ActionPoint.objects.filter(municipality=view.municipality).prefetch_related(
        "themes", "risk_groups", Prefetch("indicators")
    )
    if status:
        qs = qs.filter(status=status)
    if number is not None:
        qs = qs.filter(number=number)
    return [
        {
            "number": p.number,
            "title": p.title,
            "status": p.status,
            "owner": p.owner,
            "partners": p.partner_list,
            "start_date": p.start_date,
            "due_date": p.due_date,
            "themes": sorted(t.number for t in p.themes.all()),
            "risk_groups": [g.code for g in p.risk_groups.all()],
            "indicators": [i.code for i in p.indicators.all()],
            "updated_at": p.updated_at,
        }
        for p in qs.order_by("number")
    ]


def json_response(data: Any, status: int = 200) -> HttpResponse:
    import json

    from ninja.responses import NinjaJSONEncoder

    return HttpResponse(
        json.dumps(data, cls=NinjaJSONEncoder), status=status, content_type="application/json; charset=utf-8"
    )
