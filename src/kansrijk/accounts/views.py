"""Login, logout, password reset (Django's own views with our templates) and the audit log page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import AuditEvent, Municipality
from .permissions import require
from .services import audit


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from .oidc import login_providers

        return {**super().get_context_data(**kwargs), "identity_providers": login_providers()}


@require("view_audit_log")
def audit_log(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    audit(request.user, "audit_log.view", municipality=municipality)
    events = AuditEvent.objects.filter(municipality=municipality).select_related("actor")
    page = Paginator(events, 50).get_page(request.GET.get("pagina"))
    return render(request, "accounts/audit_log.html", {"municipality": municipality, "page": page})
