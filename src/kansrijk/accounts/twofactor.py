"""Two-factor authentication (TOTP, django-otp) for staff who read microdata.

Microdata actions (:data:`~.permissions.MICRODATA_ACTIONS`) send an unverified session here
(:func:`~.permissions.require`). A user without an authenticator sets one up by scanning a QR code (inline
SVG, allowed by the CSP as ``img-src data:``) and typing the first code; a user with one types the current
code. django-otp throttles wrong codes per device; both outcomes are audit-logged.
"""

from __future__ import annotations

import base64

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .services import audit


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Code uit uw authenticator-app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=10,
        error_messages={"invalid": _("Een code bestaat uit zes cijfers.")},
        help_text=_("Zes cijfers; de code verandert elke 30 seconden."),
    )


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/overzicht/"


@never_cache
@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator (first time) or enter its code; then continue to ``next``."""
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = confirmed
    if device is None:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Kansrijk", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                audit(user, "otp.setup")
            otp_login(request, device)
            audit(user, "otp.verify")
            return redirect(_next_url(request))
        audit(user, "otp.failed")
        form.add_error(
            "code", _("Deze code klopt niet (of is verlopen). Probeer de code die nu in de app staat.")
        )
    context = {"form": form, "setup": confirmed is None, "next": _next_url(request)}
    if confirmed is None:
        context["qr"] = segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)
        context["secret"] = base64.b32encode(device.bin_key).decode()
    return render(request, "accounts/second_factor.html", context)
