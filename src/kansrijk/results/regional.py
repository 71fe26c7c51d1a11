"""Use-cases of a region on one installation: who may see it, what it sees, and the live reference.

The regional role (:class:`~kansrijk.results.region_models.RegionStaff`, a GGD or regional programme office)
sees, for the member municipalities that consent, their *published* municipal figures and the region's
pooled figure — never microdata, never a school, wijk or other breakdown of a municipality. A member that
does not consent is listed by name only. The same consent puts a member's published municipal figures into
the other members' live reference (:func:`live_reference`), which replaces an imported CSV as the default.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db.models import Sum
from django.utils import timezone

from kansrijk.accounts.models import Municipality
from kansrijk.accounts.services import audit
from kansrijk.analysis.live_reference import PublishedTotals, reference_frame
from kansrijk.analysis.region import audit_region, regional_table
from kansrijk.fieldwork.models import Enrolment, Wave

from .models import AnalysisRun, ResultRow
from .region_models import Region, RegionMember, RegionStaff
from .tables import SCHEMA

#: The only regional action, and who may perform it: the region's own staff (the regional role).
REGION_POLICY = {"view_region": "region_staff"}

#: The result-table columns a region ever reads: municipal totals only (``domain_type == "total"``).
TOTAL_COLUMNS = (
    "indicator", "unit", "domain_type", "domain", "estimate", "se", "ci_low", "ci_high", "n", "suppressed"
)  # fmt: skip


def can_view_region(user: Any, region: Region) -> bool:
    """May ``user`` see ``region``'s dashboard? Only its regional staff."""
    if not getattr(user, "is_authenticated", False):
        return False
    return RegionStaff.objects.filter(region=region, user=user).exists()


def regions_of(user: Any) -> list[Region]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Region.objects.filter(staff__user=user).distinct().order_by("name"))


def set_consent(actor: Any, region: Region, municipality: Municipality, consents: bool) -> RegionMember:
    """A municipality joins ``region`` or changes whether it shares its published results (audit-logged)."""
    member, _created = RegionMember.objects.get_or_create(region=region, municipality=municipality)
    if member.consents != consents or _created:
        member.consents = consents
        member.consent_changed_at = timezone.now()
        member.save(update_fields=["consents", "consent_changed_at"])
        audit(actor, "region.consent", municipality=municipality, obj=region, consents=consents)
    return member


def wave_enrolment(wave: Wave) -> int:
    """Pupils enrolled in the wave's target grades (the weight of its municipality in a pool)."""
    total = Enrolment.objects.filter(wave=wave, grade__in=wave.grades).aggregate(n=Sum("n"))["n"]
    return int(total or 0)


def published_totals(wave: Wave, run: AnalysisRun) -> PublishedTotals:
    """A published run's municipal-total rows — never any other domain type."""
    rows = ResultRow.objects.filter(run=run, domain_type="total").values_list(*TOTAL_COLUMNS)
    table = pl.DataFrame(
        list(rows),
        schema={column: SCHEMA[column] for column in TOTAL_COLUMNS},
        orient="row",
    )
    m = wave.municipality
    return PublishedTotals(
        m.code, m.name, wave.window_start.year, tuple(sorted(wave.grades)), wave_enrolment(wave), table
    )


def latest_published_per_wave(municipalities: Sequence[Municipality]) -> list[tuple[Wave, AnalysisRun]]:
    """The current published run of every wave of these municipalities."""
    runs = (
        AnalysisRun.objects.filter(wave__municipality__in=municipalities, published_at__isnull=False)
        .select_related("wave", "wave__municipality")
        .order_by("wave_id", "-published_at", "-version")
    )
    seen: set[int] = set()
    out = []
    for run in runs:
        if run.wave_id not in seen:
            seen.add(run.wave_id)
            out.append((run.wave, run))
    return out


def consenting(region: Region) -> list[Municipality]:
    return [
        m.municipality
        for m in region.members.filter(consents=True)
        .select_related("municipality")
        .order_by("municipality__name")
    ]


@dataclass(frozen=True)
class RegionalView:
    """What a region's dashboard shows: members (consenting or not) and one table per year × grades."""

    region: Region
    members: list[RegionMember]
    #: (year, grades "2,4", regional_table, indicator code → label in the instrument's order)
    tables: list[tuple[int, str, pl.DataFrame, dict[str, str]]]


def regional_view(region: Region) -> RegionalView:
    from .present import indicators, instrument_of

    members = list(region.members.select_related("municipality").order_by("municipality__name"))
    groups: dict[tuple[int, tuple[int, ...]], list[tuple[Wave, PublishedTotals]]] = {}
    for wave, run in latest_published_per_wave(consenting(region)):
        p = published_totals(wave, run)
        groups.setdefault((p.year, p.grades), []).append((wave, p))
    tables = []
    for (year, grades), pairs in sorted(groups.items(), reverse=True):
        labels = {code: info.label for code, info in indicators(instrument_of(pairs[0][0])).items()}
        table = regional_table(region.code, sorted((p for _w, p in pairs), key=lambda p: p.name))
        table, _left = audit_region(table)  # region ⊃ municipality: the linked suppression and its audit
        tables.append((year, ",".join(map(str, grades)), table, labels))
    return RegionalView(region, members, tables)


def live_reference(wave: Wave) -> pl.DataFrame | None:
    """The live reference for ``wave``: the published municipal figures of the *other* consenting members of
    every region its municipality shares with them, same year and grades, in the reference-file columns.

    None when the municipality is in no region or fewer than three others publish comparable figures; the
    caller then falls back to an imported reference file, if any.
    """
    regions = Region.objects.filter(members__municipality=wave.municipality, members__consents=True)
    others = (
        Municipality.objects.filter(region_memberships__region__in=regions, region_memberships__consents=True)
        .exclude(pk=wave.municipality_id)
        .distinct()
    )
    published = [published_totals(w, r) for w, r in latest_published_per_wave(list(others))]
    frame = reference_frame(wave.municipality.code, wave.window_start.year, wave.grades, published)
    return frame if frame.height else None


def municipality_outlines(municipalities: Sequence[Municipality]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the municipalities' outlines: the union of each one's wijken (the
    boundaries a municipality imports); a municipality without wijk boundaries is left out of the map."""
    import shapely
    from shapely.geometry import mapping, shape

    from kansrijk.accounts.constants import AreaLevel
    from kansrijk.accounts.models import Area

    features = []
    for m in municipalities:
        shapes = [
            shape(geometry)
            for geometry in Area.objects.filter(municipality=m, level=AreaLevel.WIJK)
            .exclude(geometry=None)
            .values_list("geometry", flat=True)
        ]
        if shapes:
            outline = shapely.union_all(shapes).buffer(1e-7).buffer(-1e-7)  # no slivers between wijken
            features.append(
                {
                    "type": "Feature",
                    "properties": {"gemeentecode": m.code, "gemeentenaam": m.name},
                    "geometry": mapping(shapely.set_precision(outline, 1e-6)),
                }
            )
    return {"type": "FeatureCollection", "features": features}


def map_table(view: RegionalView, year: int, grades: str, indicator: str) -> pl.DataFrame:
    """One indicator of one year × grades, per member: its published municipal figure (or none)."""
    for y, g, table, _labels in view.tables:
        if y == year and g == grades:
            rows = table.filter(pl.col("domain_type") == "municipality", pl.col("indicator") == indicator)
            return rows.select(
                pl.col("indicator").alias("variable"),
                "unit",
                "estimate",
                "ci_low",
                "ci_high",
                "n",
                pl.col("domain").alias("gemeentecode"),
                "suppressed",
            )
    return pl.DataFrame()
