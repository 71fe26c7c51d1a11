"""The survey definition of a risk group (see :mod:`.riskgroup_survey`); imported by :mod:`.models`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy


class RiskGroupSurvey(models.Model):
    """The survey definition a municipality chose for one of its risk groups (empty: not from the survey)."""

    risk_group = models.OneToOneField(
        "cycle.RiskGroup", on_delete=models.CASCADE, related_name="survey_definition"
    )
    indicator = models.CharField(
        gettext_lazy("indicator"),
        max_length=64,
        blank=True,
        help_text=gettext_lazy("De leerlingen voor wie deze indicator geldt; leeg: niet uit de vragenlijst."),
    )
    updated_at = models.DateTimeField(gettext_lazy("gewijzigd op"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        app_label = "cycle"
        verbose_name = gettext_lazy("definitie van een risicogroep in de vragenlijst")
        verbose_name_plural = gettext_lazy("definities van risicogroepen in de vragenlijst")

    def __str__(self) -> str:
        return f"{self.risk_group}: {self.indicator or '—'}"
