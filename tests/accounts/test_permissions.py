"""The role policy, tested as a table: every role × every action, and school scoping for coordinators."""

from __future__ import annotations

import pytest

from kansrijk.accounts.constants import Role
from kansrijk.accounts.models import School
from kansrijk.accounts.permissions import POLICY, can, result_schools, visible_schools
from kansrijk.accounts.services import ensure_municipality

pytestmark = pytest.mark.django_db

# The expected policy, written out independently of POLICY: (action, role) pairs that are allowed.
ALLOWED = (
    {("view_staff_dashboard", r) for r in Role.values}
    | {
        ("manage_waves", "municipal_admin"),
        ("manage_users", "municipal_admin"),
        ("import_data", "municipal_admin"),
        ("view_monitor", "municipal_admin"),
        ("view_monitor", "analyst"),
        ("view_monitor", "school_coordinator"),
        ("view_microdata", "analyst"),
        ("export_microdata", "analyst"),
        ("publish_results", "analyst"),
        ("view_unpublished_results", "municipal_admin"),
        ("view_unpublished_results", "analyst"),
        ("view_school_report", "municipal_admin"),
        ("view_school_report", "analyst"),
        ("view_school_report", "school_coordinator"),
        ("view_council_report", "municipal_admin"),
        ("view_council_report", "analyst"),
        ("view_council_report", "partner"),
        ("edit_cycle", "municipal_admin"),
        ("view_audit_log", "municipal_admin"),
    }
    | {("view_published_results", r) for r in Role.values}
    | {("view_cycle", r) for r in Role.values}
)


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("action", sorted(POLICY))
def test_policy_matrix(make_staff, municipality, role: str, action: str) -> None:  # type: ignore[no-untyped-def]
    user = make_staff(f"user-{role}", role)
    assert can(user, action, municipality) == ((action, role) in ALLOWED)


def test_no_role_in_another_municipality(make_staff, municipality) -> None:  # type: ignore[no-untyped-def]
    other = ensure_municipality("GM0001", "Andere Gemeente")
    admin = make_staff("admin", "municipal_admin")
    assert can(admin, "manage_waves", municipality)
    assert not can(admin, "manage_waves", other)


def test_school_coordinator_sees_only_own_schools(make_staff, municipality) -> None:  # type: ignore[no-untyped-def]
    own = School.objects.create(municipality=municipality, brin="99AA", location="00", name="Eigen School")
    other = School.objects.create(municipality=municipality, brin="99BB", location="00", name="Andere School")
    coordinator = make_staff("zc", "school_coordinator", schools=[own])
    assert can(coordinator, "view_monitor", municipality, school=own)
    assert not can(coordinator, "view_monitor", municipality, school=other)
    assert list(visible_schools(coordinator, "view_monitor", municipality)) == [own]
    analyst = make_staff("an", "analyst")
    assert set(visible_schools(analyst, "view_monitor", municipality)) == {own, other}


def test_one_result_scope_for_pages_and_api(make_staff, municipality) -> None:  # type: ignore[no-untyped-def]
    """School-level result domains: all for analysts and admins, own for a coordinator, none for partners."""
    own = School.objects.create(municipality=municipality, brin="99AA", location="00", name="Eigen School")
    School.objects.create(municipality=municipality, brin="99BB", location="00", name="Andere School")
    assert result_schools(make_staff("an", "analyst"), municipality) is None
    assert result_schools(make_staff("adm", "municipal_admin"), municipality) is None
    assert result_schools(make_staff("zc", "school_coordinator", schools=[own]), municipality) == {"99AA00"}
    assert result_schools(make_staff("pa", "partner"), municipality) == frozenset()


def test_a_school_of_another_municipality_is_refused(make_staff, municipality) -> None:  # type: ignore[no-untyped-def]
    other = ensure_municipality("GM0001", "Andere Gemeente")
    foreign = School.objects.create(municipality=other, brin="11CC", location="00", name="Elders")
    admin = make_staff("admin", "municipal_admin")
    assert not can(admin, "view_monitor", municipality, school=foreign)


def test_anonymous_may_do_nothing(municipality) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import AnonymousUser

    assert not any(can(AnonymousUser(), action, municipality) for action in POLICY)


def test_unknown_action_is_a_programming_error(make_staff, municipality) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(KeyError, match="Unknown action"):
        can(make_staff("a", "analyst"), "fly", municipality)
