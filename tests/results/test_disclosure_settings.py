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


@pytest.mark.django_db
def test_admin_gives_and_withdraws_consent_per_region(municipality, staff_client) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.results.region_models import Region, RegionMember

    ggd = Region.objects.create(code="ggd-test", name="GGD Testregio")
    other = Region.objects.create(code="rpa-test", name="Regionaal programmabureau")
    RegionMember.objects.create(region=ggd, municipality=municipality)
    RegionMember.objects.create(region=other, municipality=municipality, consents=True)
    client = staff_client("municipal_admin")
    page = client.get(URL).content.decode()
    assert "GGD Testregio" in page and 'id="consent-ggd-test"' in page
    assert 'value="rpa-test" id="consent-rpa-test" checked' in page
    response = client.post(URL, {"form": "consent", "consents": ["ggd-test"]}, follow=True)
    assert "Opgeslagen; de regio ziet dit meteen." in response.content.decode()
    states = dict(RegionMember.objects.values_list("region__code", "consents"))
    assert states == {"ggd-test": True, "rpa-test": False}
    logged = AuditEvent.objects.filter(action="region.consent").order_by("pk")
    assert [e.details["consents"] for e in logged] == [True, False]
    # the minimum count is untouched by the consent form
    assert Municipality.objects.get(code="GM9999").disclosure_min_count == 3


@pytest.mark.django_db
def test_a_municipality_outside_any_region_is_told_so(municipality, staff_client) -> None:  # type: ignore[no-untyped-def]
    page = staff_client("municipal_admin").get(URL).content.decode()
    assert "Deze gemeente hoort bij geen regio." in page


@pytest.mark.django_db
def test_an_analyst_cannot_change_consent(municipality, staff_client) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.results.region_models import Region, RegionMember

    ggd = Region.objects.create(code="ggd-test", name="GGD Testregio")
    RegionMember.objects.create(region=ggd, municipality=municipality)
    response = staff_client("analyst").post(URL, {"form": "consent", "consents": ["ggd-test"]})
    assert response.status_code in (403, 404)
    assert not RegionMember.objects.get().consents
