"""The municipal admin sets the minimum count (at least 3, audited); the next run uses it (test_services)."""

from __future__ import annotations

import pytest

from kansrijk.accounts.models import AuditEvent, Municipality

URL = "/gemeente/GM9999/resultaten/instellingen/"


@pytest.mark.django_db
def test_admin_sees_and_changes_the_minimum_count(municipality, staff_client) -> None:  # type: ignore[no-untyped-def]
    client = staff_client("municipal_admin")
    assert (
        "Privacy-instellingen van de cijfers"
        in client.get("/gemeente/GM9999/resultaten/analyse/").content.decode()
    )
    page = client.get(URL).content.decode()
    assert "minimumaantal leerlingen per antwoord" in page.lower()
    assert 'value="3"' in page  # the default
    response = client.post(URL, {"disclosure_min_count": "5"}, follow=True)
    assert "Opgeslagen; dit geldt vanaf de volgende analyse." in response.content.decode()
    assert Municipality.objects.get(code="GM9999").disclosure_min_count == 5
    event = AuditEvent.objects.get(action="results.disclosure_settings")
    assert event.details == {"before": 3, "after": 5}


@pytest.mark.django_db
def test_a_minimum_below_three_is_refused(municipality, staff_client) -> None:  # type: ignore[no-untyped-def]
    response = staff_client("municipal_admin").post(URL, {"disclosure_min_count": "2"})
    assert response.status_code == 200
    assert "utrecht-form-field--invalid" in response.content.decode()
    assert Municipality.objects.get(code="GM9999").disclosure_min_count == 3


@pytest.mark.django_db
def test_only_the_municipal_admin_may_change_it(municipality, staff_client) -> None:  # type: ignore[no-untyped-def]
    response = staff_client("analyst").post(URL, {"disclosure_min_count": "7"})
    assert response.status_code in (403, 404)
    assert Municipality.objects.get(code="GM9999").disclosure_min_count == 3
