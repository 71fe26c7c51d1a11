"""Live response counts per school and class: counts only, never answers (the monitor shows no microdata)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q

from kansrijk.accounts.models import School

from .models import SchoolClass, Wave


@dataclass
class Row:
    """Counts of one class, one school or the whole municipality."""

    name: str
    expected: int = 0
    started: int = 0
    completed: int = 0
    refused: int = 0
    children: list[Row] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        """Response rate: completed / expected pupils (refusals are non-response)."""
        return self.completed / self.expected if self.expected else None

    def add(self, other: Row) -> None:
        self.expected += other.expected
        self.started += other.started
        self.completed += other.completed
        self.refused += other.refused


def monitor_rows(wave: Wave, schools: Iterable[School]) -> tuple[list[Row], Row]:
    """Per school (with its classes) for the given schools, and the municipality total over all schools."""
    visible = {s.pk for s in schools}
    classes = (
        SchoolClass.objects.filter(wave=wave)
        .select_related("school")
        .annotate(
            n_started=Count("sessions__responses", filter=Q(sessions__responses__refused=False)),
            n_completed=Count("sessions__responses", filter=Q(sessions__responses__complete=True)),
            n_refused=Count("sessions__responses", filter=Q(sessions__responses__refused=True)),
        )
        .order_by("school__name", "grade", "name")
    )
    total = Row(name="total")
    per_school: dict[int, Row] = {}
    for c in classes:
        row = Row(c.name, c.expected, c.n_started, c.n_completed, c.n_refused)
        total.add(row)
        if c.school_id not in visible:
            continue
        school_row = per_school.setdefault(c.school_id, Row(c.school.name))
        school_row.add(row)
        school_row.children.append(row)
    return list(per_school.values()), total
