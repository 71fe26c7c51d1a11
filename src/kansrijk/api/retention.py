"""Data retention: raw responses of a wave go after the municipality's ``retention_years``; the snapshot and
the published figures stay (DESIGN.md §1: every published number is reproducible from a snapshot)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from kansrijk.accounts.models import Municipality
from kansrijk.accounts.services import audit
from kansrijk.fieldwork.models import Response, Wave


@dataclass(frozen=True)
class Expired:
    wave: str
    responses: int
    kept_snapshot: bool


def due(wave: Wave, today: dt.date) -> bool:
    """True when the wave's fieldwork ended more than ``retention_years`` years before ``today``."""
    years = wave.municipality.retention_years
    try:
        limit = wave.window_end.replace(year=wave.window_end.year + years)
    except ValueError:  # 29 February
        limit = wave.window_end.replace(year=wave.window_end.year + years, day=28)
    return today > limit


@transaction.atomic
def apply_retention(
    actor: Any, municipality: Municipality, *, today: dt.date | None = None, dry_run: bool = True
) -> list[Expired]:
    """Delete the raw responses of every wave past its retention period that has been frozen to a snapshot.

    A wave without a snapshot keeps its responses (deleting them would lose the data for good); it is
    reported with ``kept_snapshot=False`` so an admin can freeze it first.
    """
    today = today or dt.date.today()
    out = []
    for wave in Wave.objects.filter(municipality=municipality).select_related("municipality"):
        if not due(wave, today):
            continue
        responses = Response.objects.filter(session__school_class__wave=wave)
        count = responses.count()
        frozen = bool(wave.snapshot_sha256)
        if count and frozen and not dry_run:
            responses.delete()
            audit(actor, "retention.delete_responses", municipality=municipality, obj=wave, responses=count)
        out.append(Expired(wave.code, count, frozen))
    return out
