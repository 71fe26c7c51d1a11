"""Pages of the results app: dashboard, indicator detail, map, reports, exports, analysis runs.

Every view goes through ``accounts.permissions.require``; what a viewer may see beyond published results is
decided once per request (:func:`_scope`) and passed to :mod:`.queries`. Charts come as JSON specs from
:func:`chart_spec` (vega-embed on the page, ``ast: true`` under the strict CSP); the tables on the pages are
their text alternative and work without JavaScript.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import polars as pl
from csp.decorators import csp_replace
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kansrijk.accounts.constants import AreaLevel
from kansrijk.accounts.models import Area, Municipality, School
from kansrijk.accounts.permissions import can, require, result_schools, visible_schools
from kansrijk.accounts.services import audit
from kansrijk.fieldwork.constants import WaveStatus
from kansrijk.fieldwork.models import Wave
from kansrijk.reporting.documents import html_to_pdf, render_html
from kansrijk.reporting.exports import csv_bytes, excel_bytes

from . import charts, exporting, present, queries, reports, services
from .constants import DASHBOARD_FILTERS, DOMAIN_TYPES
from .models import AnalysisRun

#: Report documents (HTML beside their PDF) are standalone pages with their print CSS in a <style> block and
#: no script at all: their policy allows inline *styles* and forbids every script. Site pages keep the strict
#: policy of settings.CONTENT_SECURITY_POLICY.
_DOCUMENT_CSP = csp_replace({"style-src": ["'self'", "'unsafe-inline'"], "script-src": ["'none'"]})
_View = TypeVar("_View", bound=Callable[..., HttpResponse])


def document_csp(view: _View) -> _View:
    return cast(_View, _DOCUMENT_CSP(view))


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    municipality = context["municipality"]
    context |= {
        "nav_exports": can(request.user, "export_microdata", municipality),
        "nav_analysis": can(request.user, "view_unpublished_results", municipality),
    }
    return render(request, template, context)


@dataclass(frozen=True)
class Scope:
    municipality: Municipality
    run: AnalysisRun
    runs: list[AnalysisRun]
    unpublished: bool
    filters: list[str]
    schools: frozenset[str] | None  # None: every school may be shown (accounts.permissions.result_schools)


def _scope(request: HttpRequest, municipality: Municipality) -> Scope | None:
    unpublished = can(request.user, "view_unpublished_results", municipality)
    runs = queries.runs_for(municipality, include_unpublished=unpublished)
    if not runs:
        return None
    wanted = request.GET.get("meting")
    run = next((r for r in runs if r.wave.code == wanted), runs[-1])
    filters = list(DASHBOARD_FILTERS)
    if not can(request.user, "view_school_report", municipality):
        filters.remove("school")  # per-school figures go to the schools, not to partners
    schools = result_schools(request.user, municipality)
    return Scope(municipality, run, runs, unpublished, filters, schools)


def _restrict(frame: pl.DataFrame, scope: Scope) -> pl.DataFrame:
    return queries.only_schools(frame, scope.schools)


def _no_results(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    return _render(
        request,
        "results/no_results.html",
        {"municipality": municipality, "can_analyse": can(request.user, "publish_results", municipality)},
    )


def _choice(value: str | None, options: list[str], default: str) -> str:
    return value if value in options else default


@require("view_published_results")
def dashboard(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    scope = _scope(request, municipality)
    if scope is None:
        return _no_results(request, municipality)
    language = present.lang()
    info_all = present.indicators(present.instrument_of(scope.run.wave), language)
    domains = present.leefdomeinen(language)
    domain = _choice(request.GET.get("leefdomein"), [d for d, _l in domains], domains[0][0])
    breakdown = _choice(request.GET.get("uitsplitsing"), scope.filters, "total")
    info = {c: i for c, i in info_all.items() if i.domain == domain}
    types = ["total"] if breakdown == "total" else ["total", breakdown]
    frame = _restrict(queries.table(scope.run, domain_types=types, indicators=list(info)), scope)
    names = present.domain_names(municipality)
    columns = _columns(frame, breakdown, names)
    rows = _dashboard_rows(frame, info, breakdown, columns, language)
    query = {"meting": scope.run.wave.code, "leefdomein": domain, "uitsplitsing": breakdown}
    chart_urls = [
        (
            unit,
            reverse("results:chart", args=[municipality.code, "leefdomein"])
            + "?"
            + _qs(query | {"eenheid": unit}),
        )
        for unit in ("percentage", "mean")
        if frame.filter((pl.col("unit") == unit) & (pl.col("domain_type") == breakdown)).height
    ]
    return _render(
        request,
        "results/dashboard.html",
        {
            "municipality": municipality,
            "scope": scope,
            "run": scope.run,
            "domains": domains,
            "domain": domain,
            "domain_label": dict(domains)[domain],
            "breakdown": breakdown,
            "filters": [(f, DOMAIN_TYPES[f]) for f in scope.filters],
            "columns": columns,
            "rows": rows,
            "chart_urls": chart_urls,
            "csv_url": reverse("results:table_csv", args=[municipality.code]) + "?" + _qs(query),
            "query": query,
            "is_published": scope.run.is_published,
            "method_notes": present.method_notes(scope.run.meta or {}, language),
        },
    )


def _qs(params: dict[str, str]) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


def _columns(frame: pl.DataFrame, breakdown: str, names: dict[str, dict[str, str]]) -> list[tuple[str, str]]:
    if breakdown == "total":
        return []
    values = frame.filter(pl.col("domain_type") == breakdown)["domain"].unique().to_list()

    def key(v: str) -> tuple[int, str]:
        name = names.get(breakdown, {}).get(v, v)
        return (1 if v == "buiten" else 0, name if breakdown in ("school", "wijk") else v)

    return [(v, present.domain_name(names, breakdown, v)) for v in sorted(values, key=key)]


def _dashboard_rows(
    frame: pl.DataFrame,
    info: dict[str, present.IndicatorInfo],
    breakdown: str,
    columns: list[tuple[str, str]],
    language: str,
) -> list[dict[str, Any]]:
    by_key = {(r["indicator"], r["domain_type"], r["domain"]): r for r in frame.iter_rows(named=True)}
    rows = []
    for code, ind in info.items():
        total = by_key.get((code, "total", ""))
        if total is None:
            continue
        rows.append(
            {
                "info": ind,
                "total": present.cell(total, language),
                "cells": [
                    present.cell(by_key[(code, breakdown, v)], language)
                    if (code, breakdown, v) in by_key
                    else None
                    for v, _n in columns
                ],
            }
        )
    return rows


def _indicator_info(scope: Scope, code: str) -> present.IndicatorInfo:
    info = present.indicators(present.instrument_of(scope.run.wave))
    if code not in info:
        raise Http404(_("Onbekende indicator."))
    return info[code]


@require("view_published_results")
def indicator(request: HttpRequest, municipality: Municipality, indicator: str) -> HttpResponse:
    scope = _scope(request, municipality)
    if scope is None:
        return _no_results(request, municipality)
    ind = _indicator_info(scope, indicator)
    language = present.lang()
    breakdown = _choice(request.GET.get("uitsplitsing"), scope.filters, "grade")
    series = queries.series(municipality, indicator, include_unpublished=scope.unpublished)
    series_rows = [
        {"wave": r["wave"], "cell": present.cell(r, language)} for r in series.iter_rows(named=True)
    ]
    frame = _restrict(queries.table(scope.run, domain_types=[breakdown], indicators=[indicator]), scope)
    names = present.domain_names(municipality)
    parts = [
        {"name": present.domain_name(names, breakdown, r["domain"]), "cell": present.cell(r, language)}
        for r in frame.iter_rows(named=True)
    ]
    query = {"meting": scope.run.wave.code, "indicator": indicator, "uitsplitsing": breakdown}
    return _render(
        request,
        "results/indicator.html",
        {
            "municipality": municipality,
            "scope": scope,
            "run": scope.run,
            "info": ind,
            "series": series_rows,
            "parts": parts,
            "breakdown": breakdown,
            "filters": [(f, DOMAIN_TYPES[f]) for f in scope.filters if f != "total"],
            "trend_url": reverse("results:chart", args=[municipality.code, "trend"]) + "?" + _qs(query),
            "breakdown_url": reverse("results:chart", args=[municipality.code, "uitsplitsing"])
            + "?"
            + _qs(query),
            "map_url": reverse("results:map", args=[municipality.code])
            + "?"
            + _qs({"meting": scope.run.wave.code, "indicator": indicator}),
            "method_notes": present.method_notes(scope.run.meta or {}, language),
        },
    )


def _chart(request: HttpRequest, municipality: Municipality, kind: str) -> Any:
    scope = _scope(request, municipality)
    if scope is None:
        raise Http404
    language = present.lang()
    names = present.domain_names(municipality)
    if kind == "leefdomein":
        info_all = present.indicators(present.instrument_of(scope.run.wave), language)
        domain = request.GET.get("leefdomein", "")
        breakdown = _choice(request.GET.get("uitsplitsing"), scope.filters, "total")
        info = {c: i for c, i in info_all.items() if i.domain == domain}
        frame = _restrict(queries.table(scope.run, domain_types=[breakdown], indicators=list(info)), scope)
        title = dict(present.leefdomeinen(language)).get(domain, domain)
        return charts.domain_chart(
            frame,
            info,
            unit=request.GET.get("eenheid", "percentage"),
            title=title,
            names=names.get(breakdown, {}),
            language=language,
        )
    ind = _indicator_info(scope, request.GET.get("indicator", ""))
    if kind == "trend":
        return charts.indicator_trend_chart(
            queries.series(municipality, ind.code, include_unpublished=scope.unpublished),
            ind,
            language=language,
        )
    if kind == "uitsplitsing":
        breakdown = _choice(request.GET.get("uitsplitsing"), scope.filters, "grade")
        frame = _restrict(queries.table(scope.run, domain_types=[breakdown], indicators=[ind.code]), scope)
        total = queries.table(scope.run, domain_types=["total"], indicators=[ind.code])
        estimate = total["estimate"][0] if total.height else None
        return charts.breakdown_chart(
            frame,
            estimate,
            ind,
            names.get(breakdown, {}),
            language=language,
            reference_label=municipality.name,
        )
    if kind == "kaart":
        frame = queries.table(scope.run, domain_types=["wijk"], indicators=[ind.code])
        return charts.wijk_map_chart(
            _features(municipality),
            frame,
            ind,
            colour_by=request.GET.get("kleur", "category"),
            language=language,
        )
    raise Http404


@require("view_published_results")
def chart_spec(request: HttpRequest, municipality: Municipality, kind: str) -> HttpResponse:
    chart = _chart(request, municipality, kind)
    if chart is None:
        raise Http404(_("Geen gegevens voor deze grafiek."))
    return JsonResponse(chart.spec, json_dumps_params={"ensure_ascii": False})


@require("view_published_results")
def table_csv(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """The dashboard's current table (leefdomein × breakdown) as CSV for Dutch Excel — the chart's data."""
    scope = _scope(request, municipality)
    if scope is None:
        raise Http404
    info = present.indicators(present.instrument_of(scope.run.wave))
    domain = request.GET.get("leefdomein", "")
    breakdown = _choice(request.GET.get("uitsplitsing"), scope.filters, "total")
    codes = [c for c, i in info.items() if i.domain == domain]
    frame = _restrict(queries.table(scope.run, domain_types=[breakdown], indicators=codes), scope)
    names = present.domain_names(municipality).get(breakdown, {})
    out = exporting.public_table(frame, info, names)
    response = HttpResponse(csv_bytes(out), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{scope.run.wave.code}-{domain}-{breakdown}.csv"'
    return response


def _features(municipality: Municipality, level: str = AreaLevel.WIJK) -> list[dict[str, Any]]:
    return [
        {"type": "Feature", "geometry": a.geometry, "properties": {"wijkcode": a.code, "wijknaam": a.name}}
        for a in Area.objects.filter(municipality=municipality, level=level).order_by("code")
        if a.geometry
    ]


@require("view_published_results")
def wijk_map(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    scope = _scope(request, municipality)
    if scope is None:
        return _no_results(request, municipality)
    language = present.lang()
    info = present.indicators(present.instrument_of(scope.run.wave), language)
    code = _choice(request.GET.get("indicator"), list(info), next(iter(info)))
    colour = _choice(request.GET.get("kleur"), ["category", "value"], "category")
    frame = queries.table(scope.run, domain_types=["wijk"], indicators=[code])
    names = present.domain_names(municipality)["wijk"]
    by_code = {r["domain"]: r for r in frame.iter_rows(named=True)}
    wijken = Area.objects.filter(municipality=municipality, level=AreaLevel.WIJK).order_by("code")
    rows = [
        {
            "name": w.name,
            "code": w.code,
            "cell": present.cell(by_code[w.code], language) if w.code in by_code else None,
        }
        for w in wijken
    ]
    if "buiten" in by_code:
        rows.append(
            {"name": names["buiten"], "code": "buiten", "cell": present.cell(by_code["buiten"], language)}
        )
    query = {"meting": scope.run.wave.code, "indicator": code, "kleur": colour}
    has_geometry = any(w.geometry for w in wijken)
    return _render(
        request,
        "results/map.html",
        {
            "municipality": municipality,
            "scope": scope,
            "run": scope.run,
            "info": info,
            "code": code,
            "colour": colour,
            "rows": rows,
            "has_geometry": has_geometry,
            "label": info[code].label,
            "map_url": reverse("results:chart", args=[municipality.code, "kaart"]) + "?" + _qs(query),
            "domains": present.leefdomeinen(language),
        },
    )


# -- reports -----------------------------------------------------------------------------------------------


@require("view_published_results")
def report_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    scope = _scope(request, municipality)
    if scope is None:
        return _no_results(request, municipality)
    schools = (
        list(visible_schools(request.user, "view_school_report", municipality))
        if can(request.user, "view_school_report", municipality)
        else []
    )
    return _render(
        request,
        "results/reports.html",
        {"municipality": municipality, "scope": scope, "run": scope.run, "schools": schools},
    )


def _document(report: Any, fmt: str, filename: str) -> HttpResponse:
    html = render_html(report)
    if fmt == "html":
        return HttpResponse(html, content_type="text/html; charset=utf-8")
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response


@document_csp
@require("view_council_report")
def council_report(request: HttpRequest, municipality: Municipality, fmt: str) -> HttpResponse:
    scope = _scope(request, municipality)
    if scope is None:
        raise Http404
    return _document(
        reports.council_report(scope.run, language=present.lang()), fmt, f"raadsrapport-{scope.run.wave.code}"
    )


@document_csp
@require("view_school_report")
def school_report(request: HttpRequest, municipality: Municipality, school: str, fmt: str) -> HttpResponse:
    target = next((s for s in School.objects.filter(municipality=municipality) if s.code == school), None)
    if target is None:
        raise Http404
    if not can(request.user, "view_school_report", municipality, school=target):
        raise PermissionDenied
    scope = _scope(request, municipality)
    if scope is None:
        raise Http404
    audit(request.user, "results_school_report", municipality=municipality, obj=scope.run, school=target.code)
    return _document(
        reports.school_report(scope.run, target, language=present.lang()),
        fmt,
        f"schoolrapport-{target.code}-{scope.run.wave.code}",
    )


@document_csp
@require("view_published_results")
def factsheet(
    request: HttpRequest, municipality: Municipality, audience: str, language: str, fmt: str
) -> HttpResponse:
    if audience not in ("leerlingen", "ouders") or language not in ("nl", "en"):
        raise Http404
    scope = _scope(request, municipality)
    if scope is None:
        raise Http404
    report = reports.factsheet(
        scope.run, audience="pupils" if audience == "leerlingen" else "parents", language=language
    )
    return _document(report, fmt, f"factsheet-{audience}-{language}-{scope.run.wave.code}")


# -- exports (analysts) ------------------------------------------------------------------------------------


@require("export_microdata")
def export_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    runs = queries.runs_for(municipality, include_unpublished=True)
    return _render(
        request,
        "results/exports.html",
        {"municipality": municipality, "runs": runs, "formats": exporting.MICRODATA_FORMATS},
    )


def _run_of(municipality: Municipality, wave_code: str) -> AnalysisRun:
    run = queries.run_for(municipality, wave_code, include_unpublished=True)
    if run is None:
        raise Http404
    return run


@require("export_microdata")
def export_microdata(request: HttpRequest, municipality: Municipality, wave: str, fmt: str) -> HttpResponse:
    run = _run_of(municipality, wave)
    if fmt not in exporting.MICRODATA_FORMATS:
        raise Http404
    data, content_type, filename = exporting.microdata_file(run, fmt)
    audit(
        request.user,
        "export_microdata",
        municipality=municipality,
        obj=run,
        wave=wave,
        format=fmt,
        rows=exporting.row_count(run),
    )
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@document_csp
@require("export_microdata")
def export_codebook(request: HttpRequest, municipality: Municipality, wave: str, fmt: str) -> HttpResponse:
    run = _run_of(municipality, wave)
    html = exporting.codebook_html_of(run)
    if fmt == "html":
        return HttpResponse(html, content_type="text/html; charset=utf-8")
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="codeboek-{wave}.pdf"'
    return response


@require("export_microdata")
def export_results(request: HttpRequest, municipality: Municipality, wave: str, fmt: str) -> HttpResponse:
    run = _run_of(municipality, wave)
    table = services.run_table(run)
    audit(request.user, "export_results", municipality=municipality, obj=run, wave=wave, format=fmt)
    if fmt == "csv":
        response = HttpResponse(csv_bytes(table), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            excel_bytes({"resultaten": table}),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="resultaten-{wave}-v{run.version}.{fmt}"'
    return response


# -- analysis runs ------------------------------------------------------------------------------------------


@require("view_unpublished_results")
def analysis(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    waves = list(
        Wave.objects.filter(municipality=municipality, status__in=[WaveStatus.CLOSED, WaveStatus.PUBLISHED])
        .order_by("-window_start")
        .prefetch_related("analysis_runs")
    )
    entries = [{"wave": w, "runs": sorted(w.analysis_runs.all(), key=lambda r: -r.version)} for w in waves]
    return _render(
        request,
        "results/analysis.html",
        {
            "municipality": municipality,
            "entries": entries,
            "can_publish": can(request.user, "publish_results", municipality),
            "can_configure": can(request.user, "manage_users", municipality),
        },
    )


@require("view_unpublished_results")
def run_progress(request: HttpRequest, municipality: Municipality, run_id: int) -> HttpResponse:
    run = get_object_or_404(AnalysisRun, pk=run_id, wave__municipality=municipality)
    return render(
        request,
        "results/_run_status.html",
        {
            "municipality": municipality,
            "run": run,
            "can_publish": can(request.user, "publish_results", municipality),
        },
    )


@require_POST
@require("publish_results")
def start_analysis(request: HttpRequest, municipality: Municipality, wave: str) -> HttpResponse:
    target = get_object_or_404(Wave, municipality=municipality, code=wave)
    try:
        run = services.analyse_wave(request.user, target)
    except services.ResultsError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Analyse versie %(v)s is gestart.") % {"v": run.version})
    return redirect("results:analysis", municipality.code)


@require_POST
@require("publish_results")
def publish_run(request: HttpRequest, municipality: Municipality, run_id: int) -> HttpResponse:
    run = get_object_or_404(AnalysisRun, pk=run_id, wave__municipality=municipality)
    try:
        services.publish(request.user, run, note=request.POST.get("note", ""))
    except services.ResultsError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(wave)s versie %(v)s is gepubliceerd.") % {"wave": run.wave.name, "v": run.version}
        )
    return redirect("results:analysis", municipality.code)


def changes_json(run: AnalysisRun) -> str:
    return json.dumps(run.changes, ensure_ascii=False)
