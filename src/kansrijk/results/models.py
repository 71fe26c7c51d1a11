"""Analysis runs of a wave and their result rows.

A run is one execution of the analysis pipeline on a wave's snapshot. Runs are numbered per wave and never
overwritten: a correction makes a new run, and publishing it records who published what and what changed since
the run published before. The result table of every run is stored twice: as :class:`ResultRow` rows (indexed
for the dashboard) and as Parquet files under ``MEDIA_ROOT/results/<wave>/<run>/`` (exports, reports' method
section). Only published runs reach partners, the cycle app and public pages (see :mod:`.queries`).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kansrijk.fieldwork.models import Wave

from .constants import RunStatus


class AnalysisRun(models.Model):
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="analysis_runs")
    version = models.PositiveIntegerField(_("versie"))
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    progress_message = models.CharField(_("stap"), max_length=200, blank=True)
    error = models.TextField(_("foutmelding"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    snapshot_sha256 = models.CharField(_("checksum snapshot"), max_length=64, blank=True)
    folder = models.CharField(_("map met resultaatbestanden"), max_length=500, blank=True)
    meta: models.JSONField[dict[str, Any], dict[str, Any]] = models.JSONField(_("metadata"), default=dict)
    changes: models.JSONField[dict[str, Any], dict[str, Any]] = models.JSONField(
        _("wat veranderde sinds de vorige run"), default=dict, blank=True
    )
    note = models.TextField(_("toelichting bij publicatie"), blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("analyserun")
        verbose_name_plural = _("analyseruns")
        ordering: ClassVar = ["wave", "-version"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["wave", "version"], name="analysisrun_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{self.wave} — run {self.version}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class ResultRow(models.Model):
    """One row of a run's result table (docs/developers/result-table.md); suppressed rows hold no numbers."""

    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="rows")
    indicator = models.CharField(max_length=64)
    unit = models.CharField(max_length=16)
    domain_type = models.CharField(max_length=16)
    domain = models.CharField(max_length=32, blank=True)
    estimate = models.FloatField(null=True)
    se = models.FloatField(null=True)
    ci_low = models.FloatField(null=True)
    ci_high = models.FloatField(null=True)
    df = models.IntegerField(null=True)
    n = models.IntegerField(null=True)
    n_yes = models.IntegerField(null=True)
    weighted_n = models.FloatField(null=True)
    deff = models.FloatField(null=True)
    rse = models.FloatField(null=True)
    suppressed = models.CharField(max_length=64, null=True)  # noqa: DJ001 — null: not suppressed (contract)
    reliability = models.CharField(max_length=16, blank=True)
    vs_total = models.CharField(max_length=16, null=True)  # noqa: DJ001 — null: not tested
    prev_estimate = models.FloatField(null=True)
    trend_difference = models.FloatField(null=True)
    trend_se = models.FloatField(null=True)
    trend_p = models.FloatField(null=True)
    trend = models.CharField(max_length=16, null=True)  # noqa: DJ001 — null: no comparable wave
    reference_estimate = models.FloatField(null=True)
    reference_p = models.FloatField(null=True)
    reference = models.CharField(max_length=16, null=True)  # noqa: DJ001 — null: no reference
    comparable_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("resultaatregel")
        verbose_name_plural = _("resultaatregels")
        indexes: ClassVar = [
            models.Index(fields=["run", "indicator", "domain_type"], name="resultrow_lookup_idx"),
            models.Index(fields=["run", "domain_type", "domain"], name="resultrow_domain_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.domain_type}={self.domain}"


# The region (GGD) models live in their own module; importing them here registers them with Django.
from .region_models import Region, RegionMember, RegionStaff  # noqa: E402, F401
