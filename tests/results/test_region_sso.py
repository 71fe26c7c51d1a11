"""The regional role through single sign-on, against the real OpenID Connect provider of the SSO tests: a GGD
group becomes staff of a region, and goes again when the IdP stops sending it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from oidc_provider_mock import run_server_in_thread

from kansrijk.accounts.models import AuditEvent, IdpRoleMapping, Membership, User
from kansrijk.accounts.oidc import configure_provider
from kansrijk.results.region_models import Region, RegionMember, RegionRoleMapping, RegionStaff
from tests.accounts.test_oidc import set_idp_user, sso_login

pytestmark = pytest.mark.django_db

MONITOR = "ggd-jeugdmonitor"


def regions_of(user: User) -> list[str]:
    return sorted(RegionStaff.objects.filter(user=user).values_list("region__code", flat=True))


@pytest.fixture(scope="module")
def idp_url() -> Iterator[str]:
    with run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def ggd(idp_url: str, municipality: Any) -> Any:
    """The GGD's own IdP, tied to no municipality: it logs in regional staff only."""
    provider = configure_provider(
        "ggd", name="GGD Voorbeeldregio", issuer=idp_url, client_id="kansrijk", client_secret="geheim",
        municipalities=[],
    )  # fmt: skip
    region = Region.objects.create(code="ggd-voorbeeld", name="GGD Voorbeeldregio")
    RegionMember.objects.create(region=region, municipality=municipality, consents=True)
    RegionRoleMapping.objects.create(provider=provider, claim_value=MONITOR, region=region)
    return provider


def test_a_ggd_group_logs_in_with_the_regional_role_only(idp_url, ggd) -> None:  # type: ignore[no-untyped-def]
    set_idp_user(idp_url, "gijs", groups=[MONITOR, "alle-medewerkers"], amr=["pwd", "mfa"])
    client = Client()
    response = sso_login(client, "ggd", "gijs")
    assert response.status_code == 302 and response["Location"] == "/overzicht/"
    user = User.objects.get(identities__subject="gijs")
    assert list(RegionStaff.objects.filter(user=user).values_list("region__code", flat=True)) == [
        "ggd-voorbeeld"
    ]
    assert not Membership.objects.filter(user=user).exists()  # never a municipal role
    dashboard = client.get("/overzicht/").content.decode()
    assert "Regio-overzicht" in dashboard
    assert client.get("/regio/ggd-voorbeeld/").status_code == 200
    # nothing of the municipality itself
    assert client.get("/gemeente/GM9999/resultaten/").status_code in (403, 404)
    event = AuditEvent.objects.get(action="sso.login", actor=user)
    assert event.details["roles"] == ["region:ggd-voorbeeld"]


def test_the_regional_role_goes_when_the_idp_stops_sending_the_group(idp_url, ggd) -> None:  # type: ignore[no-untyped-def]
    set_idp_user(idp_url, "hanna", groups=[MONITOR])
    sso_login(Client(), "ggd", "hanna")
    user = User.objects.get(identities__subject="hanna")
    assert RegionStaff.objects.filter(user=user).exists()
    # a role given by hand in a region this IdP has no mapping for stays
    other = Region.objects.create(code="rpa-elders", name="Programmabureau Elders")
    RegionStaff.objects.create(region=other, user=user)
    set_idp_user(idp_url, "hanna", groups=["alle-medewerkers"])
    refused = sso_login(Client(), "ggd", "hanna")
    assert refused["Location"] == "/account/inloggen/?sso=geweigerd"
    assert list(RegionStaff.objects.filter(user=user).values_list("region__code", flat=True)) == [
        "rpa-elders"
    ]


def test_municipal_and_regional_mappings_apply_together(idp_url, ggd, municipality) -> None:  # type: ignore[no-untyped-def]
    ggd.municipalities.add(municipality)
    IdpRoleMapping.objects.create(
        provider=ggd, claim_value="ggd-analist", municipality=municipality, role="analyst"
    )
    set_idp_user(idp_url, "ilse", groups=[MONITOR, "ggd-analist"])
    sso_login(Client(), "ggd", "ilse")
    user = User.objects.get(identities__subject="ilse")
    assert list(Membership.objects.filter(user=user).values_list("role", flat=True)) == ["analyst"]
    assert RegionStaff.objects.filter(user=user, region__code="ggd-voorbeeld").exists()
    event = AuditEvent.objects.get(action="sso.login", actor=user)
    assert event.details["roles"] == ["GM9999:analyst", "region:ggd-voorbeeld"]


def test_kansrijk_region_sso_maps_and_unmaps_a_group(ggd) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from kansrijk.cli import app

    runner = CliRunner()
    done = runner.invoke(app, ["region", "sso", "ggd-voorbeeld", "ggd", "ggd-beleid"])
    assert done.exit_code == 0, done.output
    assert RegionRoleMapping.objects.filter(claim_value="ggd-beleid").exists()
    assert runner.invoke(app, ["region", "sso", "ggd-voorbeeld", "nope", "x"]).exit_code == 2
    gone = runner.invoke(app, ["region", "sso", "ggd-voorbeeld", "ggd", "ggd-beleid", "--remove"])
    assert gone.exit_code == 0 and not RegionRoleMapping.objects.filter(claim_value="ggd-beleid").exists()
