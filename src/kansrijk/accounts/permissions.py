"""Who may do what — the one place where roles become permissions (STYLE.md: never re-derived in a template).

Every view, API endpoint and CLI command asks :func:`can` (or uses :func:`require`). An action is a short
verb; the table below is the whole policy, so a reviewer reads it in one screen and a test can enumerate it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from .constants import Role
from .models import Membership, Municipality, School, User

#: action → the roles that may perform it within their municipality.
POLICY: dict[str, frozenset[str]] = {
    "view_staff_dashboard": frozenset(Role.values),
    "manage_waves": frozenset({Role.MUNICIPAL_ADMIN}),
    "manage_users": frozenset({Role.MUNICIPAL_ADMIN}),
    "import_data": frozenset({Role.MUNICIPAL_ADMIN}),
    "view_monitor": frozenset({Role.MUNICIPAL_ADMIN, Role.ANALYST, Role.SCHOOL_COORDINATOR}),
    "view_microdata": frozenset({Role.ANALYST}),
    "export_microdata": frozenset({Role.ANALYST}),
    "publish_results": frozenset({Role.ANALYST}),
    "view_unpublished_results": frozenset({Role.MUNICIPAL_ADMIN, Role.ANALYST}),
    "view_published_results": frozenset(Role.values),
    "view_school_report": frozenset({Role.MUNICIPAL_ADMIN, Role.ANALYST, Role.SCHOOL_COORDINATOR}),
    # The council report's method section lists response per school: a coordinator reads their own school's
    # report (which compares with the municipality) instead.
    "view_council_report": frozenset({Role.MUNICIPAL_ADMIN, Role.ANALYST, Role.PARTNER}),
    "edit_cycle": frozenset({Role.MUNICIPAL_ADMIN}),
    "view_cycle": frozenset(Role.values),
    "view_audit_log": frozenset({Role.MUNICIPAL_ADMIN}),
}

#: Actions that concern one school: a school coordinator may perform them only for the schools bound to them.
SCHOOL_SCOPED = frozenset({"view_monitor", "view_school_report"})

#: Actions that give access to individual (if anonymous) answers: they need two-factor authentication once
#: that is switched on, and they are audit-logged.
MICRODATA_ACTIONS = frozenset({"view_microdata", "export_microdata"})


@dataclass(frozen=True)
class Grant:
    role: str
    school_ids: frozenset[int]


def grants(user: User | Any, municipality: Municipality) -> list[Grant]:
    """The roles a user holds in a municipality (cached per request on the user object).

    A principal that is not a user (an API token) carries ``fixed_grants``: municipality pk → grants, so the
    same :func:`can` decides for tokens as for people.
    """
    if not getattr(user, "is_authenticated", False):
        return []
    fixed: dict[int, list[Grant]] | None = getattr(user, "fixed_grants", None)
    if fixed is not None:
        return list(fixed.get(municipality.pk, []))
    cache: dict[int, list[Grant]] = user.__dict__.setdefault("_kansrijk_grants", {})
    if municipality.pk not in cache:
        memberships = Membership.objects.filter(user=user, municipality=municipality).prefetch_related(
            "schools"
        )
        cache[municipality.pk] = [
            Grant(m.role, frozenset(s.pk for s in m.schools.all())) for m in memberships
        ]
    return cache[municipality.pk]


def can(user: User | Any, action: str, municipality: Municipality, school: School | None = None) -> bool:
    """May ``user`` perform ``action`` in ``municipality`` (and, if school-scoped, for ``school``)?"""
    if action not in POLICY:
        raise KeyError(f"Unknown action {action!r}; add it to kansrijk.accounts.permissions.POLICY")
    if school is not None and school.municipality_id != municipality.pk:
        return False
    allowed_roles = POLICY[action]
    for grant in grants(user, municipality):
        if grant.role not in allowed_roles:
            continue
        if grant.role == Role.SCHOOL_COORDINATOR and action in SCHOOL_SCOPED:
            if school is None or school.pk in grant.school_ids:
                return True
            continue
        return True
    return False


def visible_schools(user: User | Any, action: str, municipality: Municipality) -> Iterable[School]:
    """The schools a user may see for a school-scoped action: all of them, or only their own."""
    schools = School.objects.filter(municipality=municipality)
    if any(
        g.role in POLICY[action] and g.role != Role.SCHOOL_COORDINATOR for g in grants(user, municipality)
    ):
        return schools
    own: set[int] = set()
    for grant in grants(user, municipality):
        if grant.role == Role.SCHOOL_COORDINATOR and grant.role in POLICY[action]:
            own |= grant.school_ids
    return schools.filter(pk__in=own)


def result_schools(user: User | Any, municipality: Municipality) -> frozenset[str] | None:
    """The schools whose result domains (school, school × grade) ``user`` may see, as school codes; None: all.

    The one rule for the web pages and the API: per-school figures go to the schools, never to partners or
    the public (empty set); analysts and admins see every school; a school coordinator only their own.
    """
    if not can(user, "view_school_report", municipality):
        return frozenset()
    if can(user, "view_unpublished_results", municipality):
        return None
    return frozenset(s.code for s in visible_schools(user, "view_school_report", municipality))


def municipalities_of(user: User | Any) -> list[Municipality]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Municipality.objects.filter(memberships__user=user).distinct().order_by("name"))


F = TypeVar("F", bound=Callable[..., HttpResponse])


def needs_second_factor(request: HttpRequest, action: str) -> bool:
    """True when ``action`` reads microdata and this session has not been verified with a second factor.

    ``request.user.is_verified()`` comes from django-otp's middleware; ``KANSRIJK["REQUIRE_2FA"]`` may be
    switched off only for a closed demo.
    """
    if action not in MICRODATA_ACTIONS or not settings.KANSRIJK.get("REQUIRE_2FA", True):
        return False
    is_verified = getattr(request.user, "is_verified", None)
    return not (callable(is_verified) and is_verified())


def second_factor_redirect(request: HttpRequest) -> HttpResponse:
    from django.shortcuts import redirect
    from django.utils.http import urlencode

    return redirect(f"{reverse('accounts:otp')}?{urlencode({'next': request.get_full_path()})}")


def require(action: str) -> Callable[[F], F]:
    """View decorator: log in first, then the action must be allowed in the municipality of the URL.

    The view receives ``municipality`` (resolved from the ``code`` URL argument) instead of the code.
    Microdata actions also need a verified second factor: without one the user is sent to set up or enter
    their TOTP code first (:func:`needs_second_factor`).
    """

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(request: HttpRequest, code: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            municipality = Municipality.objects.filter(code=code).first()
            if municipality is None or not can(request.user, action, municipality):
                raise PermissionDenied
            if needs_second_factor(request, action):
                return second_factor_redirect(request)
            return view(request, municipality, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
