"""Use-cases that change the policy cycle; views, the CLI and the demo all go through these.

Every change by a person is written to the audit log. Imports validate the whole file first and write in
one transaction: a file with any error imports nothing, and the error list says row, column and fix.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from kansrijk.accounts.models import Area, Municipality
from kansrijk.accounts.services import audit
from kansrijk.tabular import ImportFileError, read_table
from kansrijk.vocabulary import RISK_GROUPS

from .models import (
    ActionPoint,
    ActionPointIndicator,
    ContextFigure,
    DialogueEntry,
    ProgressNote,
    Provision,
    RiskGroup,
    SchedulePhase,
    Theme,
    WaveSchedule,
)
from .rows import parse_context, parse_provision

SEED_FIXTURE = Path(__file__).resolve().parent / "data" / "kinderen_op_de_kaart.json"


def seed_data(path: Path = SEED_FIXTURE) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class SeedSummary:
    themes: int
    risk_groups: int
    action_points_created: int


@transaction.atomic
def load_seed(municipality: Municipality, path: Path = SEED_FIXTURE) -> SeedSummary:
    """Themes, risk groups and the numbered action points of *Kinderen op de Kaart* for one municipality.

    Idempotent and gentle: themes and risk groups are created when missing; an action point that already
    exists is left exactly as the municipality edited it.
    """
    data = seed_data(path)
    labels = {t.code: t.nl for t in RISK_GROUPS}
    themes = {}
    for t in data["themes"]:
        theme, _ = Theme.objects.get_or_create(
            municipality=municipality,
            number=t["number"],
            defaults={
                "title": t["title"],
                "description": t["description"],
                "editorial_note": t.get("editorial_note", ""),
            },
        )
        themes[t["number"]] = theme
    groups = {}
    order = {t.code: i + 1 for i, t in enumerate(RISK_GROUPS)}
    for g in data["risk_groups"]:
        group, _ = RiskGroup.objects.get_or_create(
            municipality=municipality,
            code=g["code"],
            defaults={
                "number": order[g["code"]],
                "title": labels[g["code"]],
                "description": g["description"],
                "why_it_matters": g["why_it_matters"],
                "relevant_figures": g["relevant_figures"],
                "signals": g["signals"],
                "context_indicators": g["context_indicators"],
            },
        )
        groups[g["code"]] = group
    created = 0
    for a in data["action_points"]:
        if ActionPoint.objects.filter(municipality=municipality, number=a["number"]).exists():
            continue
        point = ActionPoint.objects.create(
            municipality=municipality,
            number=a["number"],
            title=a["title"],
            description=a["description"],
            owner=a["owner"],
            partners="\n".join(a["partners"]),
            status=a["status"],
            status_reason=a.get("status_reason", ""),
        )
        point.risk_groups.set([groups[c] for c in a["risk_groups"]])
        point.themes.set([themes[n] for n in a["themes"]])
        ActionPointIndicator.objects.bulk_create(
            ActionPointIndicator(action_point=point, kind=i["kind"], code=i["code"], expected=i["expected"])
            for i in a["indicators"]
        )
        created += 1
    return SeedSummary(len(themes), len(groups), created)


EDITABLE_FIELDS = (
    "title",
    "description",
    "owner",
    "partners",
    "status",
    "status_reason",
    "start_date",
    "due_date",
    "next_steps",
)


@transaction.atomic
def update_action_point(actor: Any, point: ActionPoint, changes: dict[str, Any]) -> list[str]:
    """Apply ``changes`` (field → value; ``themes``/``risk_groups`` as querysets or lists) and audit them."""
    changed: list[str] = []
    for name in EDITABLE_FIELDS:
        if name in changes and getattr(point, name) != changes[name]:
            setattr(point, name, changes[name])
            changed.append(name)
    point.save()
    for name in ("themes", "risk_groups"):
        if name in changes:
            manager = getattr(point, name)
            before = set(manager.values_list("pk", flat=True))
            after = {obj.pk for obj in changes[name]}
            if before != after:
                manager.set(list(changes[name]))
                changed.append(name)
    if changed:
        audit(actor, "cycle.action_point.update", municipality=point.municipality, obj=point, fields=changed)
    return changed


@transaction.atomic
def add_progress_note(actor: Any, point: ActionPoint, date: dt.date, text: str) -> ProgressNote:
    user = actor if getattr(actor, "is_authenticated", False) else None
    note = ProgressNote.objects.create(action_point=point, date=date, text=text, author=user)
    audit(actor, "cycle.progress_note.add", municipality=point.municipality, obj=point, note=note.pk)
    return note


TARGET_FIELDS = ("baseline_wave", "baseline_value", "target_value", "target_year")


@transaction.atomic
def set_indicator_links(
    actor: Any,
    point: ActionPoint,
    links: list[tuple[str, str, str]],
    targets: dict[tuple[str, str], dict[str, Any]] | None = None,
) -> None:
    """Make the measures of an action point ``links`` = [(kind, code, expected)]; ``targets`` gives, per
    (kind, code), the action plan's baseline and target (:data:`TARGET_FIELDS`). A measure that stays keeps
    its row, so a target is never lost by editing another link; without ``targets`` the stored ones stay."""
    wanted = {(k, c): e for k, c, e in links}
    existing = {(i.kind, i.code): i for i in point.indicators.all()}
    for key, row in existing.items():
        if key not in wanted:
            row.delete()
    for (kind, code), expected in wanted.items():
        row = existing.get((kind, code)) or ActionPointIndicator(action_point=point, kind=kind, code=code)
        row.expected = expected
        if targets is not None and (kind, code) in targets:
            for name in TARGET_FIELDS:
                setattr(row, name, targets[(kind, code)].get(name, getattr(row, name)))
        row.save()
    audit(
        actor,
        "cycle.action_point.indicators",
        municipality=point.municipality,
        obj=point,
        links=[f"{k}:{c}:{e}" for k, c, e in links],
        targets={f"{k}:{c}": dict(t) for (k, c), t in (targets or {}).items()},
    )


@transaction.atomic
def add_dialogue(
    actor: Any,
    municipality: Municipality,
    *,
    date: dt.date,
    audience: str,
    format: str,
    heard: str,
    follow_up: str = "",
    action_points: list[ActionPoint] | None = None,
) -> DialogueEntry:
    entry = DialogueEntry.objects.create(
        municipality=municipality,
        date=date,
        audience=audience,
        format=format,
        heard=heard,
        follow_up=follow_up,
    )
    if action_points:
        entry.action_points.set(action_points)
    audit(actor, "cycle.dialogue.add", municipality=municipality, obj=entry, audience=audience)
    return entry


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int

    @property
    def total(self) -> int:
        return self.created + self.updated


def _areas(municipality: Municipality) -> dict[str, Area]:
    return {a.code: a for a in Area.objects.filter(municipality=municipality)}


def import_context(actor: Any, municipality: Municipality, data: bytes, filename: str) -> ImportSummary:
    """Context figures from CSV/Excel; a row for an existing area × indicator × period replaces it."""
    rows, errors = parse_context(read_table(data, filename), municipality.code)
    if errors:
        raise ImportFileError(filename, errors)
    areas = _areas(municipality)
    created = updated = 0
    with transaction.atomic():
        for r in rows:
            _, was_created = ContextFigure.objects.update_or_create(
                municipality=municipality,
                indicator=r.indicator,
                area_code=r.area_code,
                period=r.period,
                defaults={
                    "description": r.description,
                    "area_level": r.area_level,
                    "area": areas.get(r.area_code),
                    "value": r.value,
                    "unit": r.unit,
                    "source": r.source,
                    "retrieved": r.retrieved,
                },
            )
            created += was_created
            updated += not was_created
        audit(
            actor,
            "cycle.import.context",
            municipality=municipality,
            file=filename,
            created=created,
            updated=updated,
        )
    return ImportSummary(created, updated)


def import_provision(actor: Any, municipality: Municipality, data: bytes, filename: str) -> ImportSummary:
    """The provision catalogue from CSV/Excel; a row for an existing provider × activity × wijk
    replaces it."""
    themes = {t.number: t for t in Theme.objects.filter(municipality=municipality)}
    groups = {g.code: g for g in RiskGroup.objects.filter(municipality=municipality)}
    rows, errors = parse_provision(
        read_table(data, filename), municipality.code, frozenset(themes) or frozenset({1, 2, 3})
    )
    if errors:
        raise ImportFileError(filename, errors)
    areas = _areas(municipality)
    created = updated = 0
    with transaction.atomic():
        for r in rows:
            offer, was_created = Provision.objects.update_or_create(
                municipality=municipality,
                provider=r.provider,
                activity=r.activity,
                area_code=r.area_code,
                defaults={
                    "category": r.category,
                    "description": r.description,
                    "location": r.location,
                    "area": areas.get(r.area_code) if r.area_code else None,
                    "age_min": r.age_min,
                    "age_max": r.age_max,
                    "cost_per_year": r.cost_per_year,
                    "poverty_scheme": r.poverty_scheme,
                    "scheme_name": r.scheme_name,
                    "protective_factors": list(r.protective_factors),
                    "website": r.website,
                },
            )
            offer.themes.set([themes[n] for n in r.themes if n in themes])
            offer.risk_groups.set([groups[c] for c in r.risk_groups if c in groups])
            created += was_created
            updated += not was_created
        audit(
            actor,
            "cycle.import.provision",
            municipality=municipality,
            file=filename,
            created=created,
            updated=updated,
        )
    return ImportSummary(created, updated)


def resolve_areas(municipality: Municipality) -> int:
    """Link context figures and offers imported before their areas existed; returns how many were linked."""
    areas = _areas(municipality)
    linked = 0
    for model in (ContextFigure, Provision):
        for obj in model.objects.filter(municipality=municipality, area__isnull=True).exclude(area_code=""):
            area = areas.get(obj.area_code)
            if area is not None:
                obj.area = area
                obj.save(update_fields=["area"])
                linked += 1
    return linked


# --- Starter sets: curated figures of a source document, loaded only when a municipality chooses them ------


@dataclass(frozen=True)
class StarterSet:
    slug: str
    label: str  # how every page names the figures' municipality and year
    path: Path

    def data(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        return loaded


STARTER_SETS: dict[str, StarterSet] = {
    "maastricht-2018": StarterSet(
        "maastricht-2018",
        "Maastricht, 2018",
        Path(__file__).resolve().parent / "data" / "maastricht_2018_figures.json",
    ),
}


def starter_label(slug: str) -> str:
    known = STARTER_SETS.get(slug)
    return known.label if known else slug


@transaction.atomic
def load_starter_set(actor: Any, municipality: Municipality, slug: str = "maastricht-2018") -> int:
    """Load the figures of a starter set as context figures of ``municipality`` (the municipality chose it).

    The rows keep their document's source, page, quote and "approximately" flag, and ``starter_set`` names the
    set, so every page that shows one can say whose figure it is and from when. Loading again replaces the
    set's rows; the municipality's own context figures are untouched.
    """
    starter = STARTER_SETS[slug]
    data = starter.data()
    retrieved = dt.date.fromisoformat(data["retrieved"])
    ContextFigure.objects.filter(municipality=municipality, starter_set=slug).delete()
    rows = []
    for fig in data["figures"]:
        area_code = fig["area_code"] or fig["area_name"]
        rows.append(
            ContextFigure(
                municipality=municipality,
                indicator=fig["code"],
                description=fig["description"],
                area_code=area_code,
                area_level=fig["area_level"],
                area_name=fig["area_name"],
                period=fig["period"],
                value=fig["value"],
                approximate=fig["approximate"],
                unit=fig["unit"],
                source=data["source"],
                retrieved=retrieved,
                page=fig["page"],
                quote=fig["quote"],
                note=fig.get("note", ""),
                starter_set=slug,
            )
        )
    ContextFigure.objects.bulk_create(rows)
    audit(actor, "cycle.starter_set.load", municipality=municipality, starter_set=slug, figures=len(rows))
    return len(rows)


# --- The rhythm of the monitor --------------------------------------------------------------------------


@transaction.atomic
def plan_waves(
    actor: Any, municipality: Municipality, first_year: int, interval_years: int = 2, waves: int = 3
) -> WaveSchedule:
    """Set the municipality's wave schedule and (re)write the phases of its next ``waves`` waves from the
    default rhythm (:mod:`kansrijk.cycle.schedule`); phases of waves outside the new plan are removed."""
    from .schedule import plan

    schedule, _created = WaveSchedule.objects.update_or_create(
        municipality=municipality, defaults={"first_year": first_year, "interval_years": interval_years}
    )
    planned = plan(first_year, interval_years, waves)
    SchedulePhase.objects.filter(municipality=municipality).exclude(
        wave_year__in={p.wave_year for p in planned}
    ).delete()
    for p in planned:
        SchedulePhase.objects.update_or_create(
            municipality=municipality,
            wave_year=p.wave_year,
            phase=p.phase,
            defaults={"start": p.start, "end": p.end},
        )
    audit(
        actor,
        "cycle.schedule.plan",
        municipality=municipality,
        first_year=first_year,
        interval_years=interval_years,
    )
    return schedule
