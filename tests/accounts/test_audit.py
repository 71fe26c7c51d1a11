"""The audit log: one helper for every app, shown to municipal admins only, logged itself."""

from __future__ import annotations

import pytest

from kansrijk.accounts.models import AuditEvent
from kansrijk.accounts.services import audit

pytestmark = pytest.mark.django_db


def test_audit_records_actor_object_and_details(make_staff, municipality) -> None:  # type: ignore[no-untyped-def]
    user = make_staff("anna", "analyst")
    event = audit(user, "export.microdata", municipality=municipality, obj=municipality, format="csv")
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor_name, stored.action, stored.object_type, stored.object_id) == (
        "anna",
        "export.microdata",
        "Municipality",
        str(municipality.pk),
    )
    assert stored.details == {"format": "csv"}


def test_system_actions_are_attributed_to_system(municipality) -> None:  # type: ignore[no-untyped-def]
    assert audit(None, "wave.close", municipality=municipality).actor_name == "system"


def test_audit_log_page_for_admins_only(staff_client, municipality) -> None:  # type: ignore[no-untyped-def]
    audit(None, "wave.open", municipality=municipality)
    admin = staff_client("municipal_admin")
    html = admin.get("/account/gemeente/GM9999/auditlog/").content.decode()
    assert "wave.open" in html
    # Reading the audit log is itself logged.
    assert AuditEvent.objects.filter(action="audit_log.view").count() == 1


def test_audit_log_refused_for_analysts_and_partners(staff_client) -> None:  # type: ignore[no-untyped-def]
    assert staff_client("analyst", "an").get("/account/gemeente/GM9999/auditlog/").status_code == 403
    assert staff_client("partner", "pa").get("/account/gemeente/GM9999/auditlog/").status_code == 403


def test_audit_log_of_unknown_municipality_is_refused(staff_client) -> None:  # type: ignore[no-untyped-def]
    assert staff_client("municipal_admin").get("/account/gemeente/GM0000/auditlog/").status_code == 403
