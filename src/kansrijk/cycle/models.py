"""The policy cycle of Kinderen op de Kaart, per municipality (DESIGN.md §1, step 7).

Themes, risk groups and numbered action points come from the seed document (loaded as a fixture); the
survey indicators an action point should move are stored as codes of the instrument (strings), because
result tables belong to the ``results`` app and are looked up through :mod:`kansrijk.cycle.indicators`.
Context figures and the provision catalogue are imported from CSV (:mod:`kansrijk.cycle.services`).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.accounts.models import Area, Municipality

from .constants import Audience, Direction, MeasureKind, Phase, ProvisionCategory, Status


class Theme(models.Model):
    """One of the focus themes of the council proposal (collegevoorstel), e.g. protection against abuse."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="cycle_themes")
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("doel"), blank=True)
    editorial_note = models.TextField(
        _("redactionele noot"),
        blank=True,
        help_text=_(
            "Waar de titel of het doel letterlijk uit het document komt maar daar kennelijk een fout staat."
        ),
    )

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering: ClassVar = ["municipality", "number"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["municipality", "number"], name="cycle_theme_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class RiskGroup(models.Model):
    """A risk group (a chapter of Kinderen op de Kaart); ``code`` comes from ``kansrijk.vocabulary``."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="cycle_risk_groups")
    code = models.CharField(_("code"), max_length=40)
    number = models.PositiveSmallIntegerField(_("volgorde"))
    title = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    why_it_matters = models.TextField(_("waarom dit ertoe doet"), blank=True)
    relevant_figures = models.TextField(_("relevante cijfers"), blank=True)
    signals = models.TextField(_("signalen"), blank=True)
    context_indicators = models.JSONField(
        _("contextcijfers"), default=list, blank=True, help_text=_("Codes van contextcijfers bij deze groep.")
    )

    class Meta:
        verbose_name = _("risicogroep")
        verbose_name_plural = _("risicogroepen")
        ordering: ClassVar = ["municipality", "number"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["municipality", "code"], name="cycle_riskgroup_unique_code"),
        ]

    def __str__(self) -> str:
        return self.title


class ActionPoint(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="cycle_action_points"
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    owner = models.CharField(_("trekker"), max_length=200, blank=True)
    partners = models.TextField(_("partners"), blank=True, help_text=_("Eén partner per regel."))
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="action_points", verbose_name=_("thema's")
    )
    risk_groups = models.ManyToManyField(
        RiskGroup, blank=True, related_name="action_points", verbose_name=_("risicogroepen")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    status_reason = models.CharField(
        _("waarom deze status"),
        max_length=300,
        blank=True,
        help_text=_("Eén regel, bv. met de woorden van het document."),
    )
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    due_date = models.DateField(_("einddatum"), null=True, blank=True)
    next_steps = models.TextField(
        _("wat verandert er volgend jaar"), blank=True, help_text=_("Voor het jaarlijkse voortgangsverslag.")
    )
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")
        ordering: ClassVar = ["municipality", "number"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["municipality", "number"], name="cycle_actionpoint_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def partner_list(self) -> list[str]:
        return [p.strip() for p in self.partners.splitlines() if p.strip()]


class ProgressNote(models.Model):
    """A dated line of progress on an action point; together they are its history."""

    action_point = models.ForeignKey(ActionPoint, on_delete=models.CASCADE, related_name="notes")
    date = models.DateField(_("datum"))
    text = models.TextField(_("voortgang"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("voortgangsnotitie")
        verbose_name_plural = _("voortgangsnotities")
        ordering: ClassVar = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date}: {self.text[:40]}"


class ActionPointIndicator(models.Model):
    """A measure an action point should move: a survey indicator code or a context-figure code."""

    action_point = models.ForeignKey(ActionPoint, on_delete=models.CASCADE, related_name="indicators")
    kind = models.CharField(_("soort"), max_length=8, choices=MeasureKind.choices, default=MeasureKind.SURVEY)
    code = models.CharField(_("code"), max_length=64)
    expected = models.CharField(_("verwachte richting"), max_length=4, choices=Direction.choices)
    # the local action plan: where this measure stood, where it should be and when
    baseline_wave = models.CharField(_("nulmeting"), max_length=120, blank=True)
    baseline_value = models.FloatField(_("waarde bij de nulmeting"), null=True, blank=True)
    target_value = models.FloatField(_("streefwaarde"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("streefjaar"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicator bij actiepunt")
        verbose_name_plural = _("indicatoren bij actiepunten")
        ordering: ClassVar = ["action_point", "kind", "code"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["action_point", "kind", "code"], name="cycle_api_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.action_point.number}: {self.code} ({self.expected})"

    @property
    def has_target(self) -> bool:
        return self.target_value is not None and self.target_year is not None


class DialogueEntry(models.Model):
    """A feedback moment of the cycle: what youth, parents, schools, partners or the council said."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="cycle_dialogue")
    date = models.DateField(_("datum"))
    audience = models.CharField(_("met wie"), max_length=16, choices=Audience.choices)
    format = models.CharField(_("vorm"), max_length=120, help_text=_("bv. klassengesprek, ouderavond"))
    heard = models.TextField(_("wat we hoorden"))
    follow_up = models.TextField(_("wat we ermee doen"), blank=True)
    action_points = models.ManyToManyField(
        ActionPoint, blank=True, related_name="dialogue", verbose_name=_("actiepunten")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dialoogmoment")
        verbose_name_plural = _("dialoog")
        ordering: ClassVar = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_audience_display()}: {self.format}"


class ContextFigure(models.Model):
    """A figure from another source (CBS, Veilig Thuis, DUO, own registrations) for one area and period.

    Figures of a starter set (``starter_set``, e.g. the Maastricht 2018 analysis) carry the page and the exact
    quote of their document; a named area without a number (``value`` None) records that the document names
    it, e.g. a buurt where many children grow up in poverty.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="cycle_context_figures"
    )
    indicator = models.CharField(_("indicator"), max_length=64, db_index=True)
    description = models.CharField(_("omschrijving"), max_length=300)
    area_code = models.CharField(_("gebiedscode"), max_length=40)
    area_level = models.CharField(_("gebiedsniveau"), max_length=8)  # gemeente|wijk|buurt|pc4|regio|land
    area_name = models.CharField(_("gebiedsnaam"), max_length=120, blank=True)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    period = models.CharField(_("periode"), max_length=16)
    value = models.FloatField(_("waarde"), null=True, blank=True)
    approximate = models.BooleanField(_("ongeveer"), default=False)
    unit = models.CharField(_("eenheid"), max_length=32)
    source = models.CharField(_("bron"), max_length=300)
    retrieved = models.DateField(_("peildatum"))
    page = models.PositiveSmallIntegerField(_("pagina"), null=True, blank=True)
    quote = models.TextField(_("citaat"), blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    starter_set = models.CharField(_("startset"), max_length=40, blank=True, db_index=True)

    class Meta:
        verbose_name = _("contextcijfer")
        verbose_name_plural = _("contextcijfers")
        ordering: ClassVar = ["indicator", "area_code", "period"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["municipality", "indicator", "area_code", "period"], name="cycle_context_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.area_code} {self.period}: {self.value}"


class WaveSchedule(models.Model):
    """When a municipality runs its monitor: every ``interval_years`` from ``first_year`` (fieldwork in the
    autumn). The phases of a wave (verkenning → voorbereiding → veldwerk → resultaten → dialoog) are rows of
    :class:`SchedulePhase`, generated from this rule by :func:`kansrijk.cycle.services.plan_waves`.
    """

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="wave_schedule")
    first_year = models.PositiveSmallIntegerField(_("eerste veldwerkjaar"))
    interval_years = models.PositiveSmallIntegerField(_("om de hoeveel jaar"), default=2)

    class Meta:
        verbose_name = _("meetplanning")
        verbose_name_plural = _("meetplanningen")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.first_year} + {self.interval_years}n"


class SchedulePhase(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="schedule_phases")
    wave_year = models.PositiveSmallIntegerField(_("meting (veldwerkjaar)"))
    phase = models.CharField(_("fase"), max_length=16, choices=Phase.choices)
    start = models.DateField(_("begin"))
    end = models.DateField(_("einde"))

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")
        ordering: ClassVar = ["municipality", "start", "wave_year"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["municipality", "wave_year", "phase"], name="cycle_phase_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.wave_year} {self.phase}: {self.start} – {self.end}"


class Provision(models.Model):
    """One offer for young people in the city (aanbod): who, what, where, for whom, at what cost."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="cycle_provision")
    provider = models.CharField(_("aanbieder"), max_length=200)
    activity = models.CharField(_("activiteit"), max_length=200)
    category = models.CharField(_("soort"), max_length=16, choices=ProvisionCategory.choices)
    description = models.TextField(_("omschrijving"), blank=True)
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    area_code = models.CharField(_("wijkcode"), max_length=12, blank=True)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    age_min = models.PositiveSmallIntegerField(_("leeftijd vanaf"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("leeftijd tot en met"), null=True, blank=True)
    cost_per_year = models.DecimalField(
        _("kosten per jaar (€)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    poverty_scheme = models.BooleanField(_("vergoed via armoederegeling"), default=False)
    scheme_name = models.CharField(_("regeling"), max_length=120, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="provision", verbose_name=_("thema's"))
    risk_groups = models.ManyToManyField(
        RiskGroup, blank=True, related_name="provision", verbose_name=_("risicogroepen")
    )
    protective_factors = models.JSONField(_("beschermende factoren"), default=list, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")
        ordering: ClassVar = ["category", "provider", "activity"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["municipality", "provider", "activity", "area_code"], name="cycle_provision_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider}: {self.activity}"

    @property
    def is_free(self) -> bool:
        return self.cost_per_year is not None and self.cost_per_year == 0


__all__ = [
    "ActionPoint",
    "ActionPointIndicator",
    "ContextFigure",
    "DialogueEntry",
    "Direction",
    "ProgressNote",
    "Provision",
    "RiskGroup",
    "SchedulePhase",
    "Theme",
    "WaveSchedule",
]


from .models_survey import RiskGroupSurvey  # noqa: E402, F401 - the risk groups' survey definitions
