"""Single sign-on end to end against a real OpenID Connect provider the suite starts (oidc-provider-mock on
loopback): the browser steps are played with Django's test client (Kansrijk) and ``requests`` (the IdP's
authorization form); the token, JWKS and userinfo calls are real HTTP from the backend to the provider.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client
from django.urls import reverse
from oidc_provider_mock import run_server_in_thread

from kansrijk.accounts.constants import Role
from kansrijk.accounts.models import (
    AuditEvent,
    ExternalIdentity,
    IdpRoleMapping,
    Membership,
    Municipality,
    User,
)
from kansrijk.accounts.oidc import configure_provider
from kansrijk.accounts.services import ensure_municipality, ensure_staff_user

pytestmark = pytest.mark.django_db

ANALYSTS = "kansrijk-analisten"
PARTNERS = "kansrijk-partners"


@pytest.fixture(scope="session")
def idp_url() -> Iterator[str]:
    with run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


def set_idp_user(idp_url: str, sub: str, **claims: Any) -> None:
    """What the organisation's IdP knows about a person: e-mail, names, groups, how they authenticated."""
    response = requests.put(
        f"{idp_url}/users/{sub}", json={"email": f"{sub}@gemeente.example", **claims}, timeout=10
    )
    assert response.status_code == 204, response.text


@pytest.fixture
def provider(idp_url: str, municipality: Municipality) -> Any:
    provider = configure_provider(
        "gemeente",
        name="Gemeente Voorbeeld (Entra ID)",
        issuer=idp_url,
        client_id="kansrijk",
        client_secret="geheim-van-de-test",
        municipalities=[municipality],
    )
    IdpRoleMapping.objects.create(
        provider=provider, claim_value=ANALYSTS, municipality=municipality, role=Role.ANALYST
    )
    IdpRoleMapping.objects.create(
        provider=provider, claim_value=PARTNERS, municipality=municipality, role=Role.PARTNER
    )
    return provider


def sso_login(client: Client, slug: str, sub: str, *, deny: bool = False) -> Any:
    """Start at Kansrijk, authorise at the IdP (its form), come back to Kansrijk's callback."""
    start = client.get(reverse("accounts:oidc_start", kwargs={"slug": slug}))
    assert start.status_code == 302, start.content
    authorize = start["Location"]
    query = parse_qs(urlsplit(authorize).query)
    assert query["code_challenge_method"] == ["S256"] and query["nonce"] and query["state"]
    form = {"action": "deny"} if deny else {"sub": sub}
    idp = requests.post(authorize, data=form, allow_redirects=False, timeout=10)
    assert idp.status_code == 302, idp.text
    back = urlsplit(idp.headers["Location"])
    assert back.path == reverse("accounts:oidc_callback")
    return client.get(f"{back.path}?{back.query}")


def test_granted_login_creates_the_user_with_the_mapped_role(idp_url, provider, municipality) -> None:  # type: ignore[no-untyped-def]
    set_idp_user(idp_url, "anna", given_name="Anna", family_name="Jansen", groups=[ANALYSTS], amr=["pwd"])
    client = Client()
    response = sso_login(client, "gemeente", "anna")
    assert response.status_code == 302 and response["Location"] == "/overzicht/"
    user = User.objects.get(identities__provider=provider, identities__subject="anna")
    assert (user.email, user.first_name, user.has_usable_password()) == (
        "anna@gemeente.example",
        "Anna",
        False,
    )
    assert list(Membership.objects.filter(user=user).values_list("municipality__code", "role")) == [
        ("GM9999", "analyst")
    ]
    dashboard = client.get("/overzicht/")
    assert dashboard.status_code == 200 and "Gemeente Voorbeeld" in dashboard.content.decode()
    # The IdP said "password only": microdata still asks for Kansrijk's own second factor.
    exports = client.get(reverse("results:exports", kwargs={"code": "GM9999"}))
    assert exports.status_code == 302 and exports["Location"].startswith(reverse("accounts:otp"))
    event = AuditEvent.objects.get(action="sso.login", actor=user)
    assert event.details == {"idp": "gemeente", "roles": ["GM9999:analyst"], "mfa": False}


def test_mfa_asserted_by_the_idp_skips_the_local_second_factor(idp_url, provider) -> None:  # type: ignore[no-untyped-def]
    set_idp_user(idp_url, "bert", groups=[ANALYSTS], amr=["pwd", "mfa"])
    client = Client()
    assert sso_login(client, "gemeente", "bert")["Location"] == "/overzicht/"
    assert client.get(reverse("results:exports", kwargs={"code": "GM9999"})).status_code == 200


def test_login_without_a_granted_group_is_refused(idp_url, provider) -> None:  # type: ignore[no-untyped-def]
    set_idp_user(idp_url, "carla", groups=["alle-medewerkers"])
    client = Client()
    response = sso_login(client, "gemeente", "carla")
    assert response.status_code == 302 and response["Location"] == "/account/inloggen/?sso=geweigerd"
    assert "_auth_user_id" not in client.session
    assert not ExternalIdentity.objects.filter(subject="carla").exists()
    page = client.get(response["Location"]).content.decode()
    assert "geeft (nog) geen toegang" in page
    # Denied at the IdP itself: also back to the login page, nobody logged in.
    denied = sso_login(Client(), "gemeente", "carla", deny=True)
    assert denied["Location"] == "/account/inloggen/?sso=geweigerd"


def test_a_group_of_a_municipality_the_idp_is_not_tied_to_grants_nothing(idp_url, provider) -> None:  # type: ignore[no-untyped-def]
    other = ensure_municipality("GM0001", "Andere Gemeente")
    IdpRoleMapping.objects.create(
        provider=provider, claim_value="andere-beheer", municipality=other, role=Role.MUNICIPAL_ADMIN
    )
    set_idp_user(idp_url, "dirk", groups=["andere-beheer"])
    response = sso_login(Client(), "gemeente", "dirk")
    assert response["Location"] == "/account/inloggen/?sso=geweigerd"
    assert not Membership.objects.filter(municipality=other).exists()


def test_a_role_change_at_the_idp_takes_effect_at_the_next_login(idp_url, provider, municipality) -> None:  # type: ignore[no-untyped-def]
    set_idp_user(idp_url, "eva", groups=[ANALYSTS])
    client = Client()
    sso_login(client, "gemeente", "eva")
    user = User.objects.get(identities__subject="eva")
    # A role in another municipality, given locally, is not the IdP's to take away.
    other = ensure_municipality("GM0001", "Andere Gemeente")
    Membership.objects.create(user=user, municipality=other, role=Role.PARTNER)
    set_idp_user(idp_url, "eva", groups=[PARTNERS])
    assert set(Membership.objects.filter(user=user).values_list("municipality__code", "role")) == {
        ("GM9999", "analyst"),
        ("GM0001", "partner"),
    }  # nothing changes before the next login
    sso_login(Client(), "gemeente", "eva")
    assert set(Membership.objects.filter(user=user).values_list("municipality__code", "role")) == {
        ("GM9999", "partner"),
        ("GM0001", "partner"),
    }
    set_idp_user(idp_url, "eva", groups=[])
    assert sso_login(Client(), "gemeente", "eva")["Location"] == "/account/inloggen/?sso=geweigerd"
    assert set(Membership.objects.filter(user=user).values_list("municipality__code", "role")) == {
        ("GM0001", "partner")
    }


def test_logout_ends_the_session_here_and_at_the_idp(idp_url, provider) -> None:  # type: ignore[no-untyped-def]
    set_idp_user(idp_url, "fien", groups=[PARTNERS])
    client = Client()
    sso_login(client, "gemeente", "fien")
    assert client.get("/overzicht/").status_code == 200
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    end_session = urlsplit(response["Location"])
    assert f"{end_session.scheme}://{end_session.netloc}{end_session.path}" == provider.end_session_endpoint
    query = parse_qs(end_session.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/"] and query["id_token_hint"]
    assert client.get("/overzicht/")["Location"].startswith("/account/inloggen/")
    confirm = requests.post(
        f"{idp_url}/oauth2/end_session/confirm",
        data={"redirect_uri": query["post_logout_redirect_uri"][0]},
        allow_redirects=False,
        timeout=10,
    )
    assert confirm.status_code == 302 and confirm.headers["Location"] == "http://testserver/"


def test_local_accounts_keep_working_next_to_sso(client, provider, municipality) -> None:  # type: ignore[no-untyped-def]
    ensure_staff_user("lokaal", "correct-horse-battery", municipality, Role.ANALYST)
    page = client.get("/account/inloggen/").content.decode()
    assert "Inloggen met Gemeente Voorbeeld (Entra ID)" in page
    assert reverse("accounts:oidc_start", kwargs={"slug": "gemeente"}) in page
    response = client.post("/account/inloggen/", {"username": "lokaal", "password": "correct-horse-battery"})
    assert response.status_code == 302 and response["Location"] == "/overzicht/"
    assert client.post(reverse("accounts:logout"))["Location"] == "/"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_browser_logs_in_through_the_idp_and_lands_on_the_dashboard_with_the_granted_role(  # type: ignore[no-untyped-def]
    idp_url, provider, browser_page
) -> None:
    set_idp_user(idp_url, "gerda", given_name="Gerda", groups=[ANALYSTS], amr=["pwd", "mfa"])
    page = browser_page.page
    # The IdP's own page pulls a stylesheet from a CDN; this machine (and CI) reach only loopback.
    page.context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlsplit(route.request.url).hostname in ("localhost", "127.0.0.1")
            else route.abort()
        ),
    )
    browser_page.visit("/account/inloggen/")
    page.get_by_role("link", name="Inloggen met Gemeente Voorbeeld (Entra ID)").click()
    page.wait_for_url(f"{idp_url}/oauth2/authorize*")
    page.locator("input[name=sub]").fill("gerda")
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url("**/overzicht/")
    browser_page.console_errors.clear()  # the IdP's page (blocked CDN stylesheet) is not Kansrijk's to judge
    browser_page.check()
    text = page.locator("main").inner_text()
    assert "Gemeente Voorbeeld" in text and "Analist" in text
    assert "Zorgcoördinator" not in text and "Partner" not in text


def test_kansrijk_sso_commands_configure_a_provider_and_its_mapping(idp_url, municipality) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from kansrijk.cli import app

    runner = CliRunner()
    add = runner.invoke(
        app,
        [
            "sso",
            "add",
            "ggd",
            "--name",
            "GGD Regio",
            "--issuer",
            idp_url,
            "--client-id",
            "kansrijk",
            "--gemeente",
            "GM9999",
        ],
        env={"KANSRIJK_SSO_CLIENT_SECRET": "uit-de-omgeving"},
    )
    assert add.exit_code == 0, add.output
    assert "/account/sso/ggd/" in add.output
    mapped = runner.invoke(
        app, ["sso", "map", "ggd", "--group", "ggd-analist", "--gemeente", "GM9999", "--role", "analyst"]
    )
    assert mapped.exit_code == 0, mapped.output
    wrong = runner.invoke(
        app, ["sso", "map", "ggd", "--group", "x", "--gemeente", "GM9999", "--role", "baas"]
    )
    assert wrong.exit_code == 2 and "Unknown role" in wrong.output
    listing = runner.invoke(app, ["sso", "list"]).output
    assert "ggd: GGD Regio" in listing and "ggd-analist → analyst in GM9999" in listing
    provider = IdpRoleMapping.objects.get(claim_value="ggd-analist").provider
    assert provider.client_secret == "uit-de-omgeving" and provider.token_endpoint.startswith(idp_url)
