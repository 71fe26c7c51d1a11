"""Choices of the cycle app (Dutch labels are the source; English comes from the catalogue)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    RUNNING = "running", _("Loopt")
    DONE = "done", _("Afgerond")
    STOPPED = "stopped", _("Gestopt")


class Direction(models.TextChoices):
    """Which way an action point should move a measure (for a percentage: up = more pupils)."""

    UP = "up", _("omhoog")
    DOWN = "down", _("omlaag")


class MeasureKind(models.TextChoices):
    SURVEY = "survey", _("Indicator uit de vragenlijst")
    CONTEXT = "context", _("Contextcijfer")


class Audience(models.TextChoices):
    YOUTH = "youth", _("Jongeren")
    PARENTS = "parents", _("Ouders")
    SCHOOLS = "schools", _("Scholen")
    PARTNERS = "partners", _("Partners")
    COUNCIL = "council", _("Gemeenteraad")
    INTERNAL = "internal", _("Intern (gemeentelijke afdelingen)")


class Phase(models.TextChoices):
    """The phases of one wave, in order (raadsinformatiebrief OKO 2022: verkenning en voorbereiding,
    veldwerk in het najaar, resultaten in het voorjaar, dan dialoog en bijsturen)."""

    EXPLORATION = "verkenning", _("Verkenning")
    PREPARATION = "voorbereiding", _("Voorbereiding")
    FIELDWORK = "veldwerk", _("Veldwerk")
    RESULTS = "resultaten", _("Resultaten")
    DIALOGUE = "dialoog", _("Dialoog en bijsturen")


class TargetStatus(models.TextChoices):
    """Where a measure of the local action plan stands against its target (:mod:`kansrijk.cycle.targets`)."""

    REACHED = "reached", _("bereikt")
    ON_TRACK = "on_track", _("op koers")
    BEHIND = "behind", _("achter")
    BASELINE = "baseline", _("nulmeting")
    NO_DATA = "no_data", _("geen cijfer")


class ProvisionCategory(models.TextChoices):
    SPORT = "sport", _("Sport")
    CULTURE = "culture", _("Cultuur")
    YOUTH_WORK = "youth_work", _("Jongerenwerk")
    MENTAL_HEALTH = "mental_health", _("Laagdrempelige steun psychische gezondheid")
    POVERTY = "poverty", _("Armoederegeling")
    PARENTING = "parenting", _("Opvoedondersteuning")
    OTHER = "other", _("Overig")


class ProtectiveFactor(models.TextChoices):
    """Protective factors of the Icelandic model that an offer can strengthen.

    Each is tied to the survey indicators that measure it (:data:`PROTECTIVE_FACTOR_INDICATORS`), which is how
    the risk map puts an offer next to the indicator it should move.
    """

    ORGANISED_SPORT = "georganiseerde_sport", _("Georganiseerde sport")
    ORGANISED_ACTIVITY = "georganiseerde_activiteit", _("Andere georganiseerde vrije tijd")
    PARENTAL_MONITORING = "ouderlijk_toezicht", _("Ouders weten waar en met wie")
    TIME_WITH_PARENTS = "tijd_met_ouders", _("Tijd met ouders")
    SCHOOL_BONDING = "binding_school", _("Binding met school")
    TRUSTED_ADULT = "vertrouwd_volwassene", _("Een volwassene om op terug te vallen")
    MENTAL_WELLBEING = "psychisch_welzijn", _("Psychisch welzijn")
    SOCIAL_SKILLS = "weerbaarheid", _("Weerbaarheid en sociale vaardigheden")


#: protective factor → survey indicator codes of the default instrument that measure it.
PROTECTIVE_FACTOR_INDICATORS: dict[str, tuple[str, ...]] = {
    "georganiseerde_sport": ("sport_weekly",),
    "georganiseerde_activiteit": ("org_activity_weekly",),
    "ouderlijk_toezicht": ("par_monitoring",),
    "tijd_met_ouders": ("par_time_weekend_often",),
    "binding_school": ("sch_wellbeing", "teacher_support"),
    "vertrouwd_volwassene": ("teacher_support", "par_support"),
    "psychisch_welzijn": ("mhi5_low", "lonely_often"),
    "weerbaarheid": ("bullied_school", "bullied_cyber", "sexting_pressure"),
}
