"""Public pages and the staff dashboard shell."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

import kansrijk
from kansrijk.accounts.constants import AreaLevel, Role
from kansrijk.accounts.models import Area, School
from kansrijk.accounts.permissions import can, grants, municipalities_of

from .health import healthz, readyz  # noqa: F401 - the probes, also answered by ProbeMiddleware


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy statement for pupils and parents, generated from this installation's settings."""
    from kansrijk.accounts.models import Municipality
    from kansrijk.api.privacy import facts

    return render(
        request,
        "web/privacy.html",
        {"facts": facts(), "municipalities": [facts(m) for m in Municipality.objects.order_by("name")]},
    )


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about.html", {"version": kansrijk.__version__})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    role_labels = dict(Role.choices)
    entries = []
    for municipality in municipalities_of(request.user):
        entries.append(
            {
                "municipality": municipality,
                "roles": sorted(str(role_labels[g.role]) for g in grants(request.user, municipality)),
                "school_count": School.objects.filter(municipality=municipality).count(),
                "wijk_count": Area.objects.filter(municipality=municipality, level=AreaLevel.WIJK).count(),
                "can_audit": can(request.user, "view_audit_log", municipality),
                "can_fieldwork": can(request.user, "view_monitor", municipality),
                "can_cycle": can(request.user, "view_cycle", municipality),
                "can_results": can(request.user, "view_published_results", municipality),
                "can_reports": can(request.user, "view_school_report", municipality),
            }
        )
    from kansrijk.results.regional import regions_of

    return render(request, "web/dashboard.html", {"entries": entries, "regions": regions_of(request.user)})
