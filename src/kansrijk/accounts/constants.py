"""Choices of the accounts app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a staff member may do in one municipality; enforced in :mod:`kansrijk.accounts.permissions`."""

    MUNICIPAL_ADMIN = "municipal_admin", _("Gemeentelijk beheerder")
    ANALYST = "analyst", _("Analist")
    SCHOOL_COORDINATOR = "school_coordinator", _("Zorgcoördinator school")
    PARTNER = "partner", _("Partner")


class AreaLevel(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    WIJK = "wijk", _("Wijk")
    BUURT = "buurt", _("Buurt")
    PC4 = "pc4", _("Postcodegebied (PC4)")


class SchoolLevel(models.TextChoices):
    PRO = "pro", _("Praktijkonderwijs")
    VMBO = "vmbo", _("vmbo")
    HAVO = "havo", _("havo")
    VWO = "vwo", _("vwo")


#: The wijk code used for pupils who live outside the municipality (DESIGN.md §4).
OUTSIDE_MUNICIPALITY = "buiten"
