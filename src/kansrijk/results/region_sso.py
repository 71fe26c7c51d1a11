"""The regional role through single sign-on: an IdP group becomes :class:`RegionStaff` of a region.

Named in the setting ``KANSRIJK_SSO_GRANTS``, so accounts' login (:mod:`kansrijk.accounts.oidc`) applies it
next to the municipal role mapping without importing this app. The IdP stays the source of truth: at every
login the user's regional roles in the regions this IdP is mapped to become exactly what its groups grant
(a regional role given by hand, ``kansrijk region staff``, in a region this IdP has no mapping for is left
alone).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kansrijk.accounts.models import IdentityProvider, User
from kansrijk.accounts.oidc import claim_values

from .region_models import RegionRoleMapping, RegionStaff


class RegionGrants:
    """:class:`kansrijk.accounts.oidc.SsoGrants` for regions."""

    def _mapped(self, provider: IdentityProvider, claims: dict[str, Any]) -> list[RegionRoleMapping]:
        values = claim_values(provider, claims)
        return [
            m
            for m in RegionRoleMapping.objects.filter(provider=provider).select_related("region")
            if m.claim_value in values
        ]

    def granted(self, provider: IdentityProvider, claims: dict[str, Any]) -> list[str]:
        return sorted({f"region:{m.region.code}" for m in self._mapped(provider, claims)})

    @transaction.atomic
    def apply(self, user: User, provider: IdentityProvider, claims: dict[str, Any]) -> list[str]:
        wanted = {m.region_id: m.region for m in self._mapped(provider, claims)}
        mapped = set(RegionRoleMapping.objects.filter(provider=provider).values_list("region_id", flat=True))
        RegionStaff.objects.filter(user=user, region_id__in=mapped - set(wanted)).delete()
        for region in wanted.values():
            RegionStaff.objects.get_or_create(region=region, user=user)
        return sorted(f"region:{r.code}" for r in wanted.values())
