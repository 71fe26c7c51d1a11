"""``kansrijk sso …``: configure single sign-on (OpenID Connect identity providers) in the database.

See docs/operations/sso.md. The client secret is read from ``KANSRIJK_SSO_CLIENT_SECRET`` when not given, so
it need not appear in the shell history.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from .commands import old_gemeente_name

if TYPE_CHECKING:
    from kansrijk.accounts.models import Municipality

console = Console()
app = typer.Typer(
    no_args_is_help=True,
    help="Single sign-on / eenmalig inloggen: identity providers (OpenID Connect) and their role mappings.",
    context_settings={"token_normalize_func": old_gemeente_name},
)


def _setup() -> None:
    from kansrijk.cli import setup_django

    setup_django()


def _municipalities(codes: list[str]) -> list[Municipality]:
    from kansrijk.accounts.models import Municipality

    found = list(Municipality.objects.filter(code__in=codes))
    missing = sorted(set(codes) - {m.code for m in found})
    if missing:
        console.print(f"Municipality {', '.join(missing)} does not exist (use a CBS code such as GM0935).")
        raise typer.Exit(2)
    return list(found)


@app.command("add")
def add(
    slug: Annotated[str, typer.Argument(help="Short name, used in the login URL /account/sso/<slug>/.")],
    name: Annotated[str, typer.Option(help='Shown on the login button: "Inloggen met <name>".')],
    issuer: Annotated[
        str, typer.Option(help="The IdP's issuer URL (its /.well-known/openid-configuration).")
    ],
    client_id: Annotated[str, typer.Option(help="Client ID Kansrijk has at the IdP.")],
    gemeente: Annotated[
        list[str] | None,
        typer.Option(
            "--gemeente",
            help="CBS code the IdP may log in for (repeat). None: an IdP for regional staff only "
            "(a GGD's), mapped with `kansrijk region sso`.",
        ),
    ] = None,
    client_secret: Annotated[
        str,
        typer.Option(
            envvar="KANSRIJK_SSO_CLIENT_SECRET", help="Client secret (or KANSRIJK_SSO_CLIENT_SECRET)."
        ),
    ] = "",
    groups_claim: Annotated[str, typer.Option(help="Claim that lists the user's groups.")] = "groups",
) -> None:
    """Add or update an identity provider from its discovery document."""
    _setup()
    from .oidc import configure_provider

    if not client_secret:
        console.print("Give --client-secret or set KANSRIJK_SSO_CLIENT_SECRET.")
        raise typer.Exit(2)
    try:
        provider = configure_provider(
            slug,
            name=name,
            issuer=issuer,
            client_id=client_id,
            client_secret=client_secret,
            municipalities=_municipalities(gemeente or []),
            groups_claim=groups_claim,
        )
    except (OSError, ValueError) as exc:
        console.print(f"Could not read the IdP's discovery document: {exc}")
        raise typer.Exit(2) from None
    console.print(f"{provider.slug}: {provider.name}, login at /account/sso/{provider.slug}/")
    console.print("Register this redirect URI at the IdP: https://<your host>/account/sso/terug/")


@app.command("map")
def map_group(
    slug: Annotated[str, typer.Argument(help="The identity provider.")],
    group: Annotated[str, typer.Option(help="Group (claim value) at the IdP.")],
    gemeente: Annotated[str, typer.Option("--gemeente", help="CBS code of the municipality.")],
    role: Annotated[str, typer.Option(help="municipal_admin, analyst, school_coordinator or partner.")],
    school: Annotated[
        list[str] | None, typer.Option(help="School code (BRIN + location) for a coordinator.")
    ] = None,
    remove: Annotated[bool, typer.Option("--remove", help="Remove this mapping instead.")] = False,
) -> None:
    """Map an IdP group to a Kansrijk role in one municipality (applied at each login)."""
    _setup()
    from .constants import Role
    from .models import School
    from .oidc_models import IdentityProvider, IdpRoleMapping

    provider = IdentityProvider.objects.filter(slug=slug).first()
    if provider is None:
        console.print(f"No identity provider {slug!r}; add it with `kansrijk sso add`.")
        raise typer.Exit(2)
    if role not in Role.values:
        console.print(f"Unknown role {role!r}; choose from {', '.join(Role.values)}.")
        raise typer.Exit(2)
    (found,) = _municipalities([gemeente])
    if remove:
        IdpRoleMapping.objects.filter(
            provider=provider, claim_value=group, municipality=found, role=role
        ).delete()
        console.print(f"Removed {group} → {role} in {gemeente}.")
        return
    mapping, _created = IdpRoleMapping.objects.get_or_create(
        provider=provider, claim_value=group, municipality=found, role=role
    )
    schools = [s for s in School.objects.filter(municipality=found) if s.code in set(school or [])]
    mapping.schools.set(schools)
    console.print(
        f"{provider.slug}: {group} → {role} in {gemeente}" + (f" ({len(schools)} schools)" if schools else "")
    )


@app.command("list")
def list_providers() -> None:
    """Identity providers, the municipalities they serve and their role mappings."""
    _setup()
    from .oidc_models import IdentityProvider

    providers = IdentityProvider.objects.prefetch_related("municipalities", "role_mappings__municipality")
    if not providers:
        console.print("No identity providers: staff log in with local accounts only.")
    for provider in providers:
        codes = ", ".join(m.code for m in provider.municipalities.all()) or "no municipality (regional staff)"
        state = "" if provider.enabled else " (inactive)"
        console.print(f"{provider.slug}{state}: {provider.name} — {provider.issuer} — for {codes}")
        for mapping in provider.role_mappings.all():
            console.print(f"  {mapping.claim_value} → {mapping.role} in {mapping.municipality.code}")
