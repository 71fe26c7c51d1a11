"""The municipality's publication settings (municipal admin): the minimum number of pupils behind an answer,
and per region it belongs to whether it shares its published municipal figures with that region.

Consent is the municipality's own decision (the regional role and the live reference rest on it), so it is
set here by the municipal admin; the installation admin only says which municipalities form a region
(``kansrijk region``)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kansrijk.accounts.models import Municipality
from kansrijk.accounts.permissions import require
from kansrijk.accounts.services import audit

from .region_models import RegionMember
from .regional import set_consent


class DisclosureForm(forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ("disclosure_min_count",)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["disclosure_min_count"].widget.attrs.update({"min": 3, "class": "utrecht-textbox"})


@require("manage_users")
def disclosure_settings(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """Show and change the minimum count (from the next analysis run: runs keep their rules) and the
    consent per region (at once: the region's pages and the others' next reference follow it)."""
    memberships = list(
        RegionMember.objects.filter(municipality=municipality)
        .select_related("region")
        .order_by("region__name")
    )
    if request.method == "POST" and request.POST.get("form") == "consent":
        chosen = set(request.POST.getlist("consents"))
        for member in memberships:
            set_consent(request.user, member.region, municipality, member.region.code in chosen)
        messages.success(request, _("Opgeslagen; de regio ziet dit meteen."))
        return redirect("results:disclosure_settings", code=municipality.code)
    before = municipality.disclosure_min_count
    form = DisclosureForm(request.POST or None, instance=municipality)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit(
            request.user,
            "results.disclosure_settings",
            municipality=municipality,
            obj=municipality,
            before=before,
            after=municipality.disclosure_min_count,
        )
        messages.success(request, _("Opgeslagen; dit geldt vanaf de volgende analyse."))
        return redirect("results:disclosure_settings", code=municipality.code)
    return render(
        request,
        "results/disclosure_settings.html",
        {"municipality": municipality, "form": form, "memberships": memberships},
    )
