"""The municipality's disclosure setting: the minimum number of pupils behind an answer (municipal admin)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kansrijk.accounts.models import Municipality
from kansrijk.accounts.permissions import require
from kansrijk.accounts.services import audit


class DisclosureForm(forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ("disclosure_min_count",)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["disclosure_min_count"].widget.attrs.update({"min": 3, "class": "utrecht-textbox"})


@require("manage_users")
def disclosure_settings(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """Show and change the minimum count; it applies from the next analysis run (runs keep their rules)."""
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
    return render(request, "results/disclosure_settings.html", {"municipality": municipality, "form": form})
