"""``kansrijk region`` — set up a region (GGD) on an installation: members, their consent, regional staff.

A municipality shares its published municipal figures with the region (its dashboard and the others' live
reference) only with ``--consent``; the change is audit-logged. Mounted by ``kansrijk.cli``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

if TYPE_CHECKING:
    from .region_models import Region

console = Console()
app = typer.Typer(
    help="A region (GGD) on this installation: members, consent, regional staff.", no_args_is_help=True
)


def _setup() -> None:
    from django.apps import apps

    if not apps.ready:
        from kansrijk.cli import setup_django

        setup_django()


def _fail(message: str) -> NoReturn:
    console.print(f"[red]Error:[/red] {message}")
    raise typer.Exit(2)


def _region(code: str) -> Region:
    """The region with ``code``, or exit 2 saying how to create it."""
    from .region_models import Region

    region = Region.objects.filter(code=code).first()
    if region is None:
        _fail(f"no region {code!r}; create it first: kansrijk region create {code} NAME")
    return region


@app.command("create")
def create(
    code: Annotated[str, typer.Argument(help="Short code, lower case, e.g. ggd-zuid-limburg.")],
    name: Annotated[str, typer.Argument(help="Name as shown, e.g. 'GGD Zuid Limburg'.")],
) -> None:
    """Create a region (or rename it)."""
    _setup()
    from django.core.exceptions import ValidationError

    from .region_models import Region

    region = Region(code=code, name=name)
    try:
        region.full_clean(validate_unique=False)
    except ValidationError as exc:
        _fail(f"region code {code!r}: {'; '.join(exc.messages)} (lower-case letters, digits and '-')")
    Region.objects.update_or_create(code=code, defaults={"name": name})
    console.print(f"[green]✓[/green] region {code}: {name}")


@app.command("member")
def member(
    code: Annotated[str, typer.Argument(help="The region's code.")],
    municipality: Annotated[str, typer.Argument(help="CBS code of the municipality, e.g. GM0935.")],
    consent: Annotated[
        bool,
        typer.Option("--consent/--no-consent", help="Share its published municipal figures with the region."),
    ] = False,
) -> None:
    """Add a municipality to a region, with or without its consent (audit-logged)."""
    _setup()
    from kansrijk.accounts.models import Municipality

    from .regional import set_consent

    region = _region(code)
    found = Municipality.objects.filter(code=municipality.upper()).first()
    if found is None:
        _fail(f"no municipality {municipality!r} on this installation")
    set_consent(None, region, found, consent)
    state = "shares its published results" if consent else "does not share its results"
    console.print(f"[green]✓[/green] {found.name} ({found.code}) in {region.name}: {state}")


@app.command("staff")
def staff(
    code: Annotated[str, typer.Argument(help="The region's code.")],
    username: Annotated[str, typer.Argument(help="An existing user (local account or single sign-on).")],
) -> None:
    """Give a user the regional role: the region's dashboard of published results."""
    _setup()
    from kansrijk.accounts.models import User

    from .region_models import RegionStaff

    region = _region(code)
    user = User.objects.filter(username=username).first()
    if user is None:
        _fail(f"no user {username!r}")
    RegionStaff.objects.get_or_create(region=region, user=user)
    console.print(f"[green]✓[/green] {username} is staff of {region.name}")


@app.command("sso")
def sso(
    code: Annotated[str, typer.Argument(help="The region's code.")],
    provider: Annotated[str, typer.Argument(help="The identity provider's short name (kansrijk sso list).")],
    group: Annotated[str, typer.Argument(help="The IdP group (or claim value) of the region's staff.")],
    remove: Annotated[bool, typer.Option("--remove", help="Remove this mapping.")] = False,
) -> None:
    """Map an IdP group to the regional role (applied at each single sign-on login)."""
    _setup()
    from kansrijk.accounts.models import IdentityProvider

    from .region_models import RegionRoleMapping

    region = _region(code)
    idp = IdentityProvider.objects.filter(slug=provider).first()
    if idp is None:
        _fail(f"no identity provider {provider!r}; add it first: kansrijk sso add {provider} …")
    if remove:
        RegionRoleMapping.objects.filter(provider=idp, claim_value=group, region=region).delete()
        console.print(f"Removed {provider}: {group} → staff of {region.name}.")
        return
    RegionRoleMapping.objects.get_or_create(provider=idp, claim_value=group, region=region)
    console.print(f"[green]✓[/green] {provider}: {group} → staff of {region.name}")
