"""Single sign-on configuration in the database (as mozilla-django-oidc-db keeps it; docs/operations/sso.md).

An installation has zero or more :class:`IdentityProvider` rows (Entra ID, Keycloak, ADFS, …), each tied to
the municipalities it may log staff in for. :class:`IdpRoleMapping` says which IdP group (or other claim
value) becomes which Kansrijk role in which municipality; the mapping is applied at every login
(:mod:`.oidc`), so a change at the IdP takes effect at the next login. :class:`ExternalIdentity` links the
IdP's stable subject (``sub``) to a Kansrijk user. :class:`IdpMfaDevice` is the django-otp "device" that
stands for "the IdP asserted multi-factor authentication": a session verified by it needs no local code.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from .constants import Role


class IdentityProvider(models.Model):
    slug = models.SlugField(_("korte naam"), max_length=40, unique=True, help_text=_("In de inlog-URL."))
    name = models.CharField(_("naam"), max_length=100, help_text=_('Op de knop: "Inloggen met …".'))
    enabled = models.BooleanField(_("actief"), default=True)
    issuer = models.URLField(_("issuer"), max_length=300)
    authorization_endpoint = models.URLField(_("authorization endpoint"), max_length=300)
    token_endpoint = models.URLField(_("token endpoint"), max_length=300)
    userinfo_endpoint = models.URLField(_("userinfo endpoint"), max_length=300)
    jwks_uri = models.URLField(_("JWKS-URL"), max_length=300)
    end_session_endpoint = models.URLField(_("end-session endpoint"), max_length=300, blank=True)
    client_id = models.CharField(_("client-ID"), max_length=200)
    client_secret = models.CharField(_("client-secret"), max_length=500)
    scopes = models.CharField(_("scopes"), max_length=200, default="openid email profile")
    sign_algo = models.CharField(_("ondertekening"), max_length=10, default="RS256")
    groups_claim = models.CharField(
        _("claim met groepen"), max_length=100, default="groups", help_text=_("bv. groups of roles")
    )
    mfa_amr_values = models.CharField(
        _("amr-waarden die MFA betekenen"),
        max_length=200,
        default="mfa otp hwk swk sms fpt face",
        help_text=_("Gescheiden door spaties (RFC 8176)."),
    )
    mfa_acr_values = models.CharField(
        _("acr-waarden die MFA betekenen"),
        max_length=300,
        blank=True,
        help_text=_(
            "Gescheiden door spaties, bv. http://schemas.openid.net/pape/policies/2007/06/multi-factor"
        ),
    )
    municipalities = models.ManyToManyField(
        "accounts.Municipality",
        related_name="identity_providers",
        verbose_name=_("gemeenten"),
        help_text=_("De organisaties waarvoor deze IdP mag laten inloggen."),
    )

    class Meta:
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return self.name


class IdpRoleMapping(models.Model):
    """IdP group (claim value) → a Kansrijk role in one municipality (optionally bound to schools)."""

    provider = models.ForeignKey(IdentityProvider, on_delete=models.CASCADE, related_name="role_mappings")
    claim_value = models.CharField(_("groep of claimwaarde"), max_length=200)
    municipality = models.ForeignKey(
        "accounts.Municipality", on_delete=models.CASCADE, related_name="+", verbose_name=_("gemeente")
    )
    role = models.CharField(_("rol"), max_length=32, choices=Role.choices)
    schools = models.ManyToManyField(
        "accounts.School", blank=True, related_name="+", verbose_name=_("scholen")
    )

    class Meta:
        verbose_name = _("rolkoppeling")
        verbose_name_plural = _("rolkoppelingen")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["provider", "claim_value", "municipality", "role"], name="idp_role_mapping_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider.slug}: {self.claim_value} → {self.role} ({self.municipality_id})"


class ExternalIdentity(models.Model):
    """The IdP's subject of a Kansrijk user: users are found by (IdP, sub), never by e-mail address alone."""

    provider = models.ForeignKey(IdentityProvider, on_delete=models.CASCADE, related_name="identities")
    subject = models.CharField(_("subject (sub)"), max_length=255)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identities")
    last_login = models.DateTimeField(_("laatst ingelogd"), null=True, blank=True)

    class Meta:
        verbose_name = _("externe identiteit")
        verbose_name_plural = _("externe identiteiten")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["provider", "subject"], name="external_identity_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.provider.slug}:{self.subject}"


class IdpMfaDevice(Device):
    """django-otp device for "the IdP asserted MFA at this login". It verifies no token itself: it is only
    attached to a session (``django_otp.login``) right after an OIDC login whose ``amr``/``acr`` says MFA."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idp_mfa_devices"
    )
    provider = models.ForeignKey(IdentityProvider, on_delete=models.CASCADE, related_name="+")

    class Meta(Device.Meta):
        verbose_name = _("MFA via identity provider")

    def verify_token(self, token: str) -> bool:
        return False
