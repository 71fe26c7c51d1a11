"""Instrument versions, waves, enrolment, classes, class sessions and the anonymous responses.

Anonymity is a property of the schema: a :class:`Response` has no name, no client address, no user agent and
no exact timestamp — only the date and hour its session started and, per saved page, the server-measured
seconds on the page rounded to 5 (:class:`PageSave`). The resume token is stored as a hash only.
"""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kansrijk.accounts.models import Municipality, School

from .codes import display_code
from .constants import WaveStatus


class InstrumentVersion(models.Model):
    """One XLSForm as uploaded: the bytes are the source of truth (their sha256 goes into every snapshot)."""

    code = models.CharField(_("code"), max_length=64)
    version = models.CharField(_("versie"), max_length=32)
    title = models.CharField(_("titel"), max_length=200)
    xlsform = models.BinaryField(_("XLSForm-bestand"))
    sha256 = models.CharField(_("sha256"), max_length=64, unique=True)
    uploaded_at = models.DateTimeField(_("geüpload op"), default=timezone.now)

    class Meta:
        verbose_name = _("vragenlijstversie")
        verbose_name_plural = _("vragenlijstversies")
        ordering: ClassVar = ["code", "version"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["code", "version"], name="instrumentversion_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.code} {self.version})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Refuse to change a version a wave uses: its snapshots name it by sha256."""
        if self.pk is not None and Wave.objects.filter(instrument_id=self.pk).exists():
            stored = InstrumentVersion.objects.get(pk=self.pk)
            if bytes(stored.xlsform) != bytes(self.xlsform) or stored.sha256 != self.sha256:
                raise ValidationError(
                    _("Deze vragenlijstversie wordt door een meting gebruikt en ligt vast.")
                )
        self.sha256 = hashlib.sha256(bytes(self.xlsform)).hexdigest()
        super().save(*args, **kwargs)


class Wave(models.Model):
    """A meting: one municipality, one instrument version, target grades, a fieldwork window, languages."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="waves")
    instrument = models.ForeignKey(
        InstrumentVersion, on_delete=models.PROTECT, related_name="waves", verbose_name=_("vragenlijst")
    )
    code = models.SlugField(_("code"), max_length=40, help_text=_("Kort en uniek, bv. GM9999-2025."))
    name = models.CharField(_("naam"), max_length=120)
    grades: models.JSONField[list[int], list[int]] = models.JSONField(_("leerjaren"), default=list)
    window_start = models.DateField(_("veldwerk vanaf"))
    window_end = models.DateField(_("veldwerk tot en met"))
    languages: models.JSONField[list[str], list[str]] = models.JSONField(_("talen"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=WaveStatus.choices, default=WaveStatus.DRAFT
    )
    snapshot_path = models.CharField(_("snapshotmap"), max_length=500, blank=True)
    snapshot_sha256 = models.CharField(_("checksum snapshot (responses.parquet)"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        ordering: ClassVar = ["-window_start", "name"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["municipality", "code"], name="wave_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status == WaveStatus.OPEN


class Enrolment(models.Model):
    """DUO enrolment of one school × grade × gender cell: the weighting target (DUO counts m and v only)."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="enrolment")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    grade = models.PositiveSmallIntegerField(_("leerjaar"))
    gender = models.CharField(_("geslacht"), max_length=1, choices=[("m", "m"), ("v", "v")])
    n = models.PositiveIntegerField(_("aantal leerlingen"))

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["wave", "school", "grade", "gender"], name="enrolment_unique_cell"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school_id} leerjaar {self.grade} {self.gender}: {self.n}"


class SchoolClass(models.Model):
    """A class of a target grade: the sampling cluster (PSU) of the design."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="classes")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    grade = models.PositiveSmallIntegerField(_("leerjaar"))
    name = models.CharField(_("klas"), max_length=20)
    expected = models.PositiveSmallIntegerField(_("aantal leerlingen verwacht"))

    class Meta:
        verbose_name = _("klas")
        verbose_name_plural = _("klassen")
        ordering: ClassVar = ["school__name", "grade", "name"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["wave", "school", "name"], name="schoolclass_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.school.name})"

    @property
    def class_id(self) -> str:
        """The snapshot's ``class_id``: school code and class name, e.g. ``99AA00-2A``."""
        return f"{self.school.code}-{self.name}"


class ClassSession(models.Model):
    """One class hour in which a class fills in the questionnaire, entered with its short code."""

    school_class = models.ForeignKey(SchoolClass, on_delete=models.CASCADE, related_name="sessions")
    code = models.CharField(_("code"), max_length=8, unique=True)
    starts_at = models.DateTimeField(_("geldig vanaf"))
    ends_at = models.DateTimeField(_("geldig tot"))

    class Meta:
        verbose_name = _("klassessie")
        verbose_name_plural = _("klassessies")
        ordering: ClassVar = ["starts_at"]

    def __str__(self) -> str:
        return display_code(self.code)

    @property
    def display_code(self) -> str:
        return display_code(self.code)

    def in_window(self, now: Any = None) -> bool:
        now = now or timezone.now()
        return bool(self.starts_at <= now <= self.ends_at)


class Response(models.Model):
    """One pupil's answers, anonymous by construction (see the module docstring).

    ``answers`` is keyed by item name in snapshot conventions: a select_one holds its choice code, a
    select_multiple one boolean per choice under ``item__choice``, numbers are numbers.
    """

    session = models.ForeignKey(ClassSession, on_delete=models.PROTECT, related_name="responses")
    resume_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    language = models.CharField(_("taal"), max_length=5, default="nl")
    started_date = models.DateField(_("startdatum"))
    started_hour = models.PositiveSmallIntegerField(_("startuur"))
    complete = models.BooleanField(_("volledig"), default=False)
    refused = models.BooleanField(_("doet niet mee"), default=False)
    current_page = models.PositiveSmallIntegerField(_("huidige pagina"), default=0)
    locked = models.BooleanField(_("vergrendeld (meting gesloten)"), default=False)
    answers: models.JSONField[dict[str, Any], dict[str, Any]] = models.JSONField(
        _("antwoorden"), default=dict
    )

    class Meta:
        verbose_name = _("respons")
        verbose_name_plural = _("responsen")
        indexes: ClassVar = [models.Index(fields=["session", "complete"], name="response_session_idx")]

    def __str__(self) -> str:
        return f"respons {self.pk}"


class PageSave(models.Model):
    """One acknowledged save of one page. ``client_save_id`` makes a replayed request change nothing."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="saves")
    page = models.CharField(_("pagina"), max_length=64)
    client_save_id = models.UUIDField(_("id van de opslag (client)"))
    seconds = models.PositiveIntegerField(_("seconden op de pagina (per 5)"), default=0)

    class Meta:
        verbose_name = _("opgeslagen pagina")
        verbose_name_plural = _("opgeslagen pagina's")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["response", "client_save_id"], name="pagesave_idempotent"),
        ]

    def __str__(self) -> str:
        return f"{self.page} ({self.seconds} s)"
