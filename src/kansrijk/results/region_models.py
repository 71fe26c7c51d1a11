"""A region on one installation: its municipalities, their consent, and the region's staff.

A GGD or regional programme office sees the *published* results of the member municipalities that consent —
never microdata, never a school or wijk figure of a municipality (:mod:`kansrijk.results.regional`). The
same consent lets a member's published municipal figures enter the other members' live reference
(:mod:`kansrijk.analysis.live_reference`). Imported from ``results.models`` so Django registers them.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.accounts.models import Municipality


class Region(models.Model):
    """A GGD region or another group of municipalities on this installation."""

    code = models.SlugField(
        _("code"), max_length=32, unique=True, validators=[RegexValidator(r"^[a-z0-9-]+$")]
    )
    name = models.CharField(_("naam"), max_length=120)

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return self.name


class RegionMember(models.Model):
    """A municipality in a region, and whether it shares its published results with the region."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="members")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="region_memberships"
    )
    consents = models.BooleanField(
        _("deelt gepubliceerde resultaten met de regio"),
        default=False,
        help_text=_("Alleen gepubliceerde gemeentecijfers; nooit microdata, scholen of wijken."),
    )
    consent_changed_at = models.DateTimeField(_("toestemming gewijzigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("regiogemeente")
        verbose_name_plural = _("regiogemeenten")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["region", "municipality"], name="region_member_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.region_id}: {self.municipality_id}"


class RegionStaff(models.Model):
    """A staff member of a region (GGD, regional programme office): the regional role."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="region_roles")

    class Meta:
        verbose_name = _("regiomedewerker")
        verbose_name_plural = _("regiomedewerkers")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["region", "user"], name="region_staff_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.region_id}"


class RegionRoleMapping(models.Model):
    """An IdP group (claim value) → the regional role in a region, applied at every single sign-on login.

    The GGD's own identity provider logs its staff in; its group for the region's monitor becomes
    :class:`RegionStaff` here (:mod:`kansrijk.results.region_sso`), and is taken away again when the IdP no
    longer sends the group. A regional role never comes with a municipal role.
    """

    provider = models.ForeignKey(
        "accounts.IdentityProvider", on_delete=models.CASCADE, related_name="region_mappings"
    )
    claim_value = models.CharField(_("groep of claimwaarde"), max_length=200)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="sso_mappings")

    class Meta:
        verbose_name = _("regionale rolkoppeling")
        verbose_name_plural = _("regionale rolkoppelingen")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["provider", "claim_value", "region"], name="region_role_mapping_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider_id}: {self.claim_value} → {self.region_id}"
