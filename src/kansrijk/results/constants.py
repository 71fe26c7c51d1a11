"""Choices and fixed numbers of the results app, in one place so a reviewer can judge them together."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    """Life cycle of one analysis run; publication is recorded separately (``published_at``)."""

    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar, nog niet gepubliceerd")
    FAILED = "failed", _("Mislukt")


#: Domain types of the result table (docs/developers/result-table.md) and how the dashboard names them.
DOMAIN_TYPES: dict[str, object] = {
    "total": _("Hele gemeente"),
    "grade": _("Leerjaar"),
    "gender": _("Geslacht"),
    "school_type": _("Schooltype"),
    "school": _("School"),
    "wijk": _("Wijk"),
    "grade_gender": _("Leerjaar × geslacht"),
    "school_grade": _("School × leerjaar"),
}

#: The filters the dashboard offers (DESIGN.md §4); school × grade appears only in school reports.
DASHBOARD_FILTERS = ("total", "grade", "gender", "school_type", "school", "wijk", "grade_gender")

GENDER_LABELS: dict[str, object] = {"m": _("jongens"), "v": _("meisjes"), "x": _("anders / zegt niet")}
SCHOOL_TYPE_LABELS: dict[str, object] = {
    "pro": _("praktijkonderwijs"),
    "vmbo": _("vmbo"),
    "havo": _("havo"),
    "vwo": _("vwo"),
}
OUTSIDE_LABEL = _("buiten de gemeente")

#: Comparison outcomes of the result table and their words on a page.
COMPARISON_LABELS: dict[str, object] = {
    "higher": _("significant hoger"),
    "lower": _("significant lager"),
    "no_difference": _("geen significant verschil"),
    "no_change": _("geen significante verandering"),
}

#: Numeric columns of a result table that a republication compares (what changed since the previous run).
COMPARED_COLUMNS = ("estimate", "ci_low", "ci_high")
#: An estimate that moved less than this (absolute, 0–1 scale or mean units) counts as unchanged.
CHANGE_TOLERANCE = 1e-9
#: How many individual changes the "what changed" summary lists.
CHANGES_LISTED = 25

#: The files of one run under ``MEDIA_ROOT/results/<wave>/<run>/``.
RUN_FILES = ("results.parquet", "cleaning.parquet", "weights.parquet", "response.parquet")
