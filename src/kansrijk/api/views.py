"""The API keys page: municipal admins create (shown once) and revoke tokens, and open results publicly."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kansrijk.accounts.models import Municipality
from kansrijk.accounts.permissions import require

from . import services
from .forms import PublicForm, TokenForm
from .models import ApiToken


@require("manage_users")
def tokens(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    created: services.NewToken | None = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_token(
                request.user, municipality, role=form.cleaned_data["role"], name=form.cleaned_data["name"]
            )
        except services.TokenError as exc:
            form.add_error(None, str(exc))
        else:
            form = TokenForm()
    response = render(
        request,
        "api/tokens.html",
        {
            "municipality": municipality,
            "form": form,
            "created": created,
            "tokens": ApiToken.objects.filter(municipality=municipality),
            "public": services.results_are_public(municipality),
        },
    )
    if created is not None:
        response["Cache-Control"] = "no-store"  # the clear text must not stay in any cache
    return response


@require_POST
@require("manage_users")
def revoke(request: HttpRequest, municipality: Municipality, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, municipality=municipality)
    services.revoke_token(request.user, token)
    messages.success(request, _("De sleutel %(name)s is ingetrokken.") % {"name": token.name})
    return redirect("api:tokens", code=municipality.code)


@require_POST
@require("manage_users")
def public_switch(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    form = PublicForm(request.POST)
    public = form.is_valid() and form.cleaned_data["public"]
    services.set_results_public(request.user, municipality, public)
    if public:
        messages.success(request, _("Gepubliceerde resultaten zijn nu openbaar via de API."))
    else:
        messages.success(request, _("Resultaten zijn niet meer openbaar via de API."))
    return redirect("api:tokens", code=municipality.code)


@require("view_audit_log")
def privacy_documents(request: HttpRequest, municipality: Municipality, document: str) -> HttpResponse:
    """The record of processing and the DPIA template as Markdown, for the municipality's privacy officer."""
    from . import privacy

    render_document = {"verwerkingsregister": privacy.register_markdown, "dpia": privacy.dpia_markdown}.get(
        document
    )
    if render_document is None:
        raise Http404
    response = HttpResponse(
        render_document(privacy.facts(municipality)), content_type="text/markdown; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{document}-{municipality.code}.md"'
    return response
