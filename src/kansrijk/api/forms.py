"""Forms of the API keys page (municipal admins; the view checks ``manage_users`` first)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.accounts.constants import Role

from .constants import TOKEN_ROLES


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=100,
        help_text=_("Waarvoor of voor wie de sleutel is, bv. GGD-dashboard."),
    )
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=[(r.value, Role(r).label) for r in TOKEN_ROLES],
        initial=Role.PARTNER.value,
        help_text=_("Partner: alleen gepubliceerde resultaten en de beleidscyclus."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["name"].widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"
        self.fields["role"].widget.attrs["class"] = "utrecht-select utrecht-select--html-select"


class PublicForm(forms.Form):
    public = forms.BooleanField(label=_("Gepubliceerde resultaten openbaar via de API"), required=False)
