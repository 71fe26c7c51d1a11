"""Use-cases of the api app that change state: tokens and the public switch. Every one is audit-logged."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kansrijk.accounts.models import Municipality
from kansrijk.accounts.services import audit

from .constants import LAST_USED_RESOLUTION_SECONDS, LOOKUP_LENGTH, SECRET_BYTES, TOKEN_PREFIX, TOKEN_ROLES
from .models import ApiToken, PublicResults


class TokenError(ValueError):
    """A token request that cannot be honoured; the message says what to change."""


@dataclass(frozen=True)
class NewToken:
    """A created token and its clear text, which exists only here: show it once, then forget it."""

    token: ApiToken
    clear_text: str


def hash_key(clear_text: str) -> str:
    return hashlib.sha256(clear_text.encode()).hexdigest()


def _split(clear_text: str) -> str | None:
    """The lookup prefix of a token in the form ``kr_<lookup>_<secret>``, or None when malformed."""
    if not clear_text.startswith(TOKEN_PREFIX):
        return None
    lookup, sep, secret = clear_text[len(TOKEN_PREFIX) :].partition("_")
    if not sep or len(lookup) != LOOKUP_LENGTH or not secret:
        return None
    return lookup


@transaction.atomic
def create_token(actor: Any, municipality: Municipality, *, role: str, name: str) -> NewToken:
    if role not in TOKEN_ROLES:
        raise TokenError(_("Een API-sleutel kan alleen de rol beheerder, analist of partner hebben."))
    name = name.strip()
    if not name:
        raise TokenError(_("Geef de sleutel een naam, zodat u later weet waarvoor hij is."))
    lookup = secrets.token_hex(LOOKUP_LENGTH // 2)
    while ApiToken.objects.filter(prefix=lookup).exists():  # pragma: no cover - 2^32 space
        lookup = secrets.token_hex(LOOKUP_LENGTH // 2)
    clear_text = f"{TOKEN_PREFIX}{lookup}_{secrets.token_urlsafe(SECRET_BYTES)}"
    token = ApiToken.objects.create(
        municipality=municipality,
        role=role,
        name=name,
        prefix=lookup,
        key_hash=hash_key(clear_text),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit(
        actor, "api_token.create", municipality=municipality, obj=token, role=role, name=name, prefix=lookup
    )
    return NewToken(token, clear_text)


@transaction.atomic
def revoke_token(actor: Any, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit(actor, "api_token.revoke", municipality=token.municipality, obj=token, prefix=token.prefix)
    return token


def authenticate(clear_text: str) -> ApiToken | None:
    """The active token with this clear text, or None. Compares hashes in constant time."""
    lookup = _split(clear_text)
    if lookup is None:
        return None
    token = ApiToken.objects.select_related("municipality").filter(prefix=lookup).first()
    if token is None or token.revoked_at is not None:
        return None
    if not hmac.compare_digest(token.key_hash, hash_key(clear_text)):
        return None
    now = timezone.now()
    if (
        token.last_used_at is None
        or (now - token.last_used_at).total_seconds() > LAST_USED_RESOLUTION_SECONDS
    ):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def results_are_public(municipality: Municipality) -> bool:
    return PublicResults.objects.filter(municipality=municipality, public=True).exists()


@transaction.atomic
def set_results_public(actor: Any, municipality: Municipality, public: bool) -> PublicResults:
    setting, _created = PublicResults.objects.get_or_create(municipality=municipality)
    if setting.public != public:
        setting.public = public
        setting.save(update_fields=["public", "changed_at"])
        audit(actor, "api.public_results", municipality=municipality, obj=setting, public=public)
    return setting
