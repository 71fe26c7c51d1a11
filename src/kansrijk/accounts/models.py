"""Tenants and the things every other app refers to: municipalities, schools, areas, users, the audit log.

Owned here (DESIGN.md "Who owns what") so fieldwork, results and cycle can all point at the same rows.
CBS and BRIN codes are strings, never integers: leading zeros matter (``GM0014``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import AreaLevel, Role, SchoolLevel

cbs_municipality_code = RegexValidator(r"^GM\d{4}$", _("Een CBS-gemeentecode ziet eruit als GM0935."))
brin_code = RegexValidator(
    r"^\d{2}[A-Z]{2}$", _("Een BRIN-code bestaat uit twee cijfers en twee letters, bv. 12AB.")
)
location_code = RegexValidator(r"^\d{2}$", _("Een vestigingsnummer bestaat uit twee cijfers, bv. 00."))


class Municipality(models.Model):
    code = models.CharField(_("CBS-code"), max_length=6, unique=True, validators=[cbs_municipality_code])
    name = models.CharField(_("naam"), max_length=100)
    retention_years = models.PositiveSmallIntegerField(
        _("bewaartermijn ruwe antwoorden (jaren)"),
        default=5,
        help_text=_("Daarna worden ruwe antwoorden verwijderd; snapshots en gepubliceerde cijfers blijven."),
    )
    disclosure_min_count = models.PositiveSmallIntegerField(
        _("minimumaantal leerlingen per antwoord"),
        default=3,
        validators=[MinValueValidator(3)],
        help_text=_(
            "Een uitkomst wordt niet gepubliceerd als minder leerlingen het antwoord wel (of niet) gaven, en "
            "geen verborgen uitkomst mag tot op dit aantal terug te rekenen zijn. Minimaal 3."
        ),
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Area(models.Model):
    """A gemeente, wijk, buurt or PC4 area. Geometry is GeoJSON (no GIS database needed)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="areas")
    level = models.CharField(_("niveau"), max_length=8, choices=AreaLevel.choices)
    code = models.CharField(_("code"), max_length=12)
    name = models.CharField(_("naam"), max_length=120)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("valt onder"),
    )
    residents = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    geometry = models.JSONField(_("geometrie (GeoJSON)"), null=True, blank=True)

    class Meta:
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")
        ordering: ClassVar = ["level", "code"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["municipality", "level", "code"], name="area_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Pc4Wijk(models.Model):
    """Which wijk a postcode area (PC4) belongs to, for the wijk of a pupil's home (DESIGN.md §4).

    A PC4 can straddle wijken; ``share`` records the fraction of its addresses in this wijk and the analysis
    assigns the pupil to the wijk with the largest share.
    """

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="pc4_wijken")
    pc4 = models.CharField(_("postcode (PC4)"), max_length=4, validators=[RegexValidator(r"^[1-9]\d{3}$")])
    wijk = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="pc4s", limit_choices_to={"level": "wijk"}
    )
    share = models.FloatField(_("aandeel adressen"), default=1.0)

    class Meta:
        verbose_name = _("PC4 → wijk")
        verbose_name_plural = _("PC4 → wijk")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["municipality", "pc4", "wijk"], name="pc4wijk_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.pc4} → {self.wijk.code}"


class School(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="schools")
    brin = models.CharField(_("BRIN"), max_length=4, validators=[brin_code])
    location = models.CharField(_("vestiging"), max_length=2, default="00", validators=[location_code])
    name = models.CharField(_("naam"), max_length=150)
    levels = models.JSONField(_("onderwijsniveaus"), default=list, help_text=_('bv. ["vmbo", "havo"]'))
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="schools",
        verbose_name=_("buurt"),
    )
    address = models.CharField(_("adres"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("scholen")
        ordering: ClassVar = ["name"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["municipality", "brin", "location"], name="school_unique_brin"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def code(self) -> str:
        """BRIN plus location number, the school_id of snapshots (e.g. ``99AA00``)."""
        return f"{self.brin}{self.location}"

    @property
    def level_labels(self) -> list[str]:
        labels = dict(SchoolLevel.choices)
        return [str(labels.get(level, level)) for level in self.levels]


class User(AbstractUser):
    """A staff member. Pupils never have accounts: they answer anonymously with a class session code."""

    preferred_language = models.CharField(_("taal"), max_length=5, default="nl")

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")


class Membership(models.Model):
    """A user's role in one municipality; a school coordinator is also bound to schools."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rol"), max_length=32, choices=Role.choices)
    schools = models.ManyToManyField(
        School, blank=True, related_name="coordinators", verbose_name=_("scholen")
    )

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["user", "municipality", "role"], name="membership_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.municipality.code}"


class AuditEvent(models.Model):
    """Who did what, when: every staff action that reads microdata or changes a wave (DESIGN.md §5).

    Append-only by convention: written through :func:`kansrijk.accounts.services.audit`, never updated.
    No client address or user agent is stored.
    """

    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(_("gebruiker"), max_length=150, blank=True)
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("actie"), max_length=64, db_index=True)
    object_type = models.CharField(_("soort object"), max_length=64, blank=True)
    object_id = models.CharField(_("object"), max_length=64, blank=True)
    details: models.JSONField[Any, Any] = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering: ClassVar = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type}:{self.object_id}"


# Single sign-on configuration (OpenID Connect): its own module, registered with the accounts app here.
from .oidc_models import ExternalIdentity, IdentityProvider, IdpMfaDevice, IdpRoleMapping  # noqa: E402, F401
