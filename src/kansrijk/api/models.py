"""API tokens of integrations and the municipality's choice to publish results openly.

A token is scoped to one municipality and one role and is stored as a SHA-256 hash: the clear text is shown
once, when it is created. Revoking keeps the row (who had access when stays answerable for the audit log).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.accounts.constants import Role
from kansrijk.accounts.models import Municipality


class ApiToken(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="api_tokens")
    role = models.CharField(_("rol"), max_length=32, choices=Role.choices)
    name = models.CharField(
        _("naam"), max_length=100, help_text=_("Waarvoor of voor wie, bv. GGD-dashboard.")
    )
    prefix = models.CharField(_("begin van de sleutel"), max_length=16, unique=True)
    key_hash = models.CharField(_("sha256 van de sleutel"), max_length=64)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
        ordering: ClassVar = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class PublicResults(models.Model):
    """Whether a municipality's published results are open to everyone through the public API."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="public_results")
    public = models.BooleanField(_("resultaten openbaar"), default=False)
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("openbare resultaten")
        verbose_name_plural = _("openbare resultaten")

    def __str__(self) -> str:
        return f"{self.municipality.code}: {'openbaar' if self.public else 'niet openbaar'}"
