"""Demo part of the accounts app: Gemeente Voorbeeld (GM9999) and one staff user per role."""

from __future__ import annotations

from django.db import transaction
from rich.console import Console

from .constants import Role
from .services import ensure_municipality, ensure_staff_user

DEMO_MUNICIPALITY = ("GM9999", "Gemeente Voorbeeld")

#: (username, password, role) — demo only; the passwords are printed by ``make demo``.
DEMO_USERS: list[tuple[str, str, Role]] = [
    ("beheerder", "demo-beheerder-2026", Role.MUNICIPAL_ADMIN),
    ("analist", "demo-analist-2026", Role.ANALYST),
    ("zorgcoordinator", "demo-school-2026", Role.SCHOOL_COORDINATOR),
    ("partner", "demo-partner-2026", Role.PARTNER),
]


@transaction.atomic
def load(console: Console) -> list[tuple[str, str, str]]:
    municipality = ensure_municipality(*DEMO_MUNICIPALITY)
    logins = []
    for username, password, role in DEMO_USERS:
        ensure_staff_user(username, password, municipality, role, email=f"{username}@voorbeeld.example")
        logins.append((username, password, str(role.label)))
    console.print(f"[green]✓[/green] {municipality} with {len(DEMO_USERS)} staff users")
    return logins


def bind_demo_coordinator(console: Console) -> None:
    """After the schools exist: the demo school coordinator coordinates the first school (idempotent)."""
    from .models import Membership, School

    municipality_code = DEMO_MUNICIPALITY[0]
    school = School.objects.filter(municipality__code=municipality_code).order_by("brin", "location").first()
    membership = Membership.objects.filter(
        user__username="zorgcoordinator", municipality__code=municipality_code, role=Role.SCHOOL_COORDINATOR
    ).first()
    if school is None or membership is None:
        return
    membership.schools.add(school)
    console.print(f"[green]✓[/green] zorgcoordinator coordinates {school}")
