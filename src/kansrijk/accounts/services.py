"""Use-cases that change accounts state; views, CLI and other apps call these so a rule lives in one place."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .constants import Role
from .models import AuditEvent, Membership, Municipality, School, User


def audit(
    actor: User | Any | None,
    action: str,
    *,
    municipality: Municipality | None = None,
    obj: Any = None,
    **details: Any,
) -> AuditEvent:
    """Append a line to the audit log. Every app writes its audit lines through this one helper.

    ``details`` must be JSON-serialisable and must never hold answers, names of pupils or client addresses.
    """
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_name=user.get_username() if user is not None else "system",
        municipality=municipality,
        action=action,
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=str(getattr(obj, "pk", "") or "") if obj is not None else "",
        details=details,
    )


@transaction.atomic
def ensure_municipality(code: str, name: str) -> Municipality:
    municipality, _ = Municipality.objects.update_or_create(code=code, defaults={"name": name})
    return municipality


@transaction.atomic
def ensure_staff_user(
    username: str,
    password: str,
    municipality: Municipality,
    role: Role | str,
    *,
    email: str = "",
    first_name: str = "",
    schools: list[School] | None = None,
) -> User:
    """Create (or leave as is) a staff user with a role; idempotent, for the demo and for provisioning."""
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(
            username=username, password=password, email=email, first_name=first_name
        )
    membership, _ = Membership.objects.get_or_create(user=user, municipality=municipality, role=str(role))
    if schools:
        membership.schools.add(*schools)
    return user
