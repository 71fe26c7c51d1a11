"""Staff login with OpenID Connect (mozilla-django-oidc), configured per identity provider in the database.

The flow: the login page lists the active :class:`~.oidc_models.IdentityProvider` rows;
``/account/sso/<slug>/`` remembers the chosen IdP in the session and sends the browser to it (authorization
code flow with PKCE and a nonce); the IdP sends it back to ``/account/sso/terug/``, where :class:`OIDCBackend`
exchanges the code, checks the ID token against the IdP's keys, finds the user by (IdP, ``sub``) and applies
the role mapping.

Rules, applied at every login so that the IdP stays the source of truth:

- the IdP's groups (``groups_claim``) become Kansrijk roles through :class:`~.oidc_models.IdpRoleMapping`, and
  only in the municipalities the IdP is tied to; memberships there that the IdP no longer grants are removed;
  roles in other municipalities (e.g. a local account's) are left alone;
- other apps grant roles accounts does not own through :class:`SsoGrants` (the setting
  ``KANSRIJK_SSO_GRANTS``): a GGD group at the IdP becomes the regional role of a region (results owns
  regions, and accounts imports no app above it);
- a login that maps to no role at all is refused (no account is created for it);
- the local second factor (TOTP) is skipped only when the ID token's ``amr`` or ``acr`` asserts multi-factor
  authentication (the session is then verified by the provider's :class:`~.oidc_models.IdpMfaDevice`).

Local accounts keep working next to it (``ModelBackend``), for small installations and the demo.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Protocol

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .models import Membership, User
from .oidc_models import ExternalIdentity, IdentityProvider, IdpMfaDevice, IdpRoleMapping
from .services import audit

LOGGER = logging.getLogger(__name__)

#: Session keys: the IdP of the login under way, the IdP of this session, and its ID token (for logout).
PROVIDER_SESSION_KEY = "kansrijk_oidc_provider"
SESSION_PROVIDER_KEY = "kansrijk_oidc_session_provider"
ID_TOKEN_SESSION_KEY = "kansrijk_oidc_id_token"  # noqa: S105 - a session key name, not a secret


def provider_settings(provider: IdentityProvider) -> dict[str, Any]:
    """The mozilla-django-oidc settings of one IdP (what mozilla-django-oidc-db reads from its model)."""
    return {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": provider.authorization_endpoint,
        "OIDC_OP_TOKEN_ENDPOINT": provider.token_endpoint,
        "OIDC_OP_USER_ENDPOINT": provider.userinfo_endpoint,
        "OIDC_OP_JWKS_ENDPOINT": provider.jwks_uri,
        "OIDC_RP_CLIENT_ID": provider.client_id,
        "OIDC_RP_CLIENT_SECRET": provider.client_secret,
        "OIDC_RP_SIGN_ALGO": provider.sign_algo,
        "OIDC_RP_SCOPES": provider.scopes,
        "OIDC_USE_PKCE": True,
        "OIDC_USE_NONCE": True,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "accounts:oidc_callback",
        "OIDC_CREATE_USER": True,
        "OIDC_TIMEOUT": 10,
        "LOGIN_REDIRECT_URL": reverse("web:dashboard"),
        "LOGIN_REDIRECT_URL_FAILURE": reverse("accounts:login") + "?sso=geweigerd",
    }


def _lookup(provider: IdentityProvider | None, attr: str, *default: Any) -> Any:
    if provider is not None:
        values = provider_settings(provider)
        if attr in values:
            return values[attr]
    return import_from_settings(attr, *default)


def _session_provider(request: HttpRequest) -> IdentityProvider | None:
    slug = request.session.get(PROVIDER_SESSION_KEY)
    if not slug:
        return None
    return IdentityProvider.objects.filter(slug=slug, enabled=True).first()


# -- roles ----------------------------------------------------------------------------------------------


class SsoGrants(Protocol):
    """Roles another app grants from an IdP's claims, applied next to the municipal role mapping."""

    def granted(self, provider: IdentityProvider, claims: dict[str, Any]) -> list[str]:
        """What this login's claims would grant, as ``"<scope>:<role>"`` strings (empty: nothing)."""
        ...

    def apply(self, user: User, provider: IdentityProvider, claims: dict[str, Any]) -> list[str]:
        """Make the user's grants from this IdP exactly what ``claims`` grant; returns them."""
        ...


def sso_grants() -> Sequence[SsoGrants]:
    """The extensions the setting ``KANSRIJK_SSO_GRANTS`` names (dotted paths of classes), instantiated."""
    return [import_string(path)() for path in getattr(settings, "KANSRIJK_SSO_GRANTS", ())]


def claim_values(provider: IdentityProvider, claims: dict[str, Any]) -> set[str]:
    """The login's groups (the IdP's ``groups_claim``: a list, or one string)."""
    raw = claims.get(provider.groups_claim) or []
    return {raw} if isinstance(raw, str) else {str(v) for v in raw}


def granted_roles(provider: IdentityProvider, claims: dict[str, Any]) -> list[IdpRoleMapping]:
    """The role mappings this login's groups (or claim values) match, within the IdP's municipalities."""
    values = claim_values(provider, claims)
    allowed = set(provider.municipalities.values_list("pk", flat=True))
    return [
        m
        for m in provider.role_mappings.select_related("municipality").prefetch_related("schools")
        if m.claim_value in values and m.municipality_id in allowed
    ]


@transaction.atomic
def apply_roles(user: User, provider: IdentityProvider, mappings: list[IdpRoleMapping]) -> list[str]:
    """Make the user's memberships in the IdP's municipalities exactly what the mapping grants."""
    municipalities = list(provider.municipalities.all())
    wanted = {(m.municipality_id, m.role): m for m in mappings}
    existing = Membership.objects.filter(user=user, municipality__in=municipalities)
    for membership in existing:
        if (membership.municipality_id, membership.role) not in wanted:
            membership.delete()
    for (municipality_id, role), mapping in wanted.items():
        membership, _created = Membership.objects.get_or_create(
            user=user, municipality_id=municipality_id, role=role
        )
        membership.schools.set(mapping.schools.all())
    user.__dict__.pop("_kansrijk_grants", None)  # permissions.grants() caches per user object
    return sorted(f"{m.municipality.code}:{m.role}" for m in mappings)


def asserts_mfa(provider: IdentityProvider, id_claims: dict[str, Any]) -> bool:
    """True when the ID token says the user authenticated with more than one factor (``amr``/``acr``)."""
    amr = id_claims.get("amr") or []
    amr_values = {amr} if isinstance(amr, str) else {str(v) for v in amr}
    if amr_values & set(provider.mfa_amr_values.split()):
        return True
    acr = str(id_claims.get("acr") or "")
    return bool(acr) and acr in set(provider.mfa_acr_values.split())


# -- backend --------------------------------------------------------------------------------------------


class OIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, reading its settings from the IdP of the login under way."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.provider: IdentityProvider | None = None
        self.UserModel = User
        self.id_claims: dict[str, Any] = {}

    def get_settings(self, attr: str, *args: Any) -> Any:
        return _lookup(self.provider, attr, *args)

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        if request is None or not hasattr(request, "session"):
            return None
        self.provider = _session_provider(request)
        if self.provider is None or "code" not in request.GET:
            return None  # not an OIDC callback: the local login backends decide
        for attr in (
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
            "OIDC_RP_CLIENT_ID",
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_RP_SIGN_ALGO",
        ):
            setattr(self, attr, self.get_settings(attr))
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token: str, **kwargs: Any) -> Any:
        """Signature and nonce (mozilla-django-oidc), then issuer and audience of the ID token."""
        payload = super().verify_token(token, **kwargs)
        if "nonce" in kwargs and self.provider is not None:
            audience = payload.get("aud")
            audiences = [audience] if isinstance(audience, str) else list(audience or [])
            if str(payload.get("iss", "")).rstrip("/") != self.provider.issuer.rstrip("/"):
                raise SuspiciousOperation("ID token from another issuer.")
            if self.provider.client_id not in audiences:
                raise SuspiciousOperation("ID token for another client.")
        return payload

    def retrieve_matching_jwk(self, token: str) -> Any:
        """The IdP's signing key: by ``kid`` (mozilla-django-oidc), or its one key for the algorithm when the
        token names no ``kid`` (allowed by RFC 7515 when the IdP publishes a single key)."""
        header = jwt.get_unverified_header(token)
        if "kid" in header:
            return super().retrieve_matching_jwk(token)
        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=self.get_settings("OIDC_TIMEOUT", 10))
        response.raise_for_status()
        keys = [
            k
            for k in response.json().get("keys", [])
            if k.get("use", "sig") == "sig" and k.get("alg", header.get("alg")) == header.get("alg")
        ]
        if len(keys) != 1:
            raise SuspiciousOperation("The token names no key and the IdP has more than one.")
        return jwt.PyJWK(keys[0])

    def store_tokens(self, access_token: str, id_token: str) -> None:
        self.request.session[ID_TOKEN_SESSION_KEY] = id_token

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        self.id_claims = dict(payload)
        return super().get_or_create_user(access_token, id_token, payload)

    def _claims(self, userinfo: dict[str, Any]) -> dict[str, Any]:
        """ID token claims, completed by userinfo (some IdPs put groups only in one of them)."""
        return {**self.id_claims, **userinfo}

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        assert self.provider is not None
        claims = self._claims(claims)
        if not claims.get("sub") or claims.get("sub") != self.id_claims.get("sub"):
            return False
        elsewhere = [g for ext in sso_grants() for g in ext.granted(self.provider, claims)]
        if not granted_roles(self.provider, claims) and not elsewhere:
            # Refused: and a known user whose last group was taken away at the IdP loses the roles it gave.
            for user in self.filter_users_by_claims(claims):
                apply_roles(user, self.provider, [])
                for ext in sso_grants():
                    ext.apply(user, self.provider, {})
            audit(None, "sso.refused", idp=self.provider.slug)
            return False
        return True

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        return User.objects.filter(identities__provider=self.provider, identities__subject=str(claims["sub"]))

    def create_user(self, claims: dict[str, Any]) -> User:
        assert self.provider is not None
        sub = str(claims["sub"])
        base = f"{self.provider.slug}.{claims.get('preferred_username') or sub}"[:140]
        username, n = base, 1
        while User.objects.filter(username=username).exists():
            n += 1
            username = f"{base}-{n}"
        user = User(username=username)
        user.set_unusable_password()  # this account logs in through its IdP only
        user.save()
        ExternalIdentity.objects.create(provider=self.provider, subject=sub, user=user)
        return self.update_user(user, claims)

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        assert self.provider is not None
        claims = self._claims(claims)
        user.email = str(claims.get("email") or user.email)[:254]
        user.first_name = str(claims.get("given_name") or user.first_name)[:150]
        user.last_name = str(claims.get("family_name") or user.last_name)[:150]
        user.save(update_fields=["email", "first_name", "last_name"])
        roles = apply_roles(user, self.provider, granted_roles(self.provider, claims))
        roles += [g for ext in sso_grants() for g in ext.apply(user, self.provider, claims)]
        ExternalIdentity.objects.filter(provider=self.provider, user=user).update(last_login=timezone.now())
        mfa = asserts_mfa(self.provider, self.id_claims)
        self.request.session["kansrijk_oidc_mfa"] = mfa
        audit(user, "sso.login", idp=self.provider.slug, roles=roles, mfa=mfa)
        return user


# -- views ----------------------------------------------------------------------------------------------


class LoginStart(OIDCAuthenticationRequestView):
    """``/account/sso/<slug>/``: send the browser to the chosen IdP."""

    provider: IdentityProvider | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get_settings(self, attr: str, *args: Any) -> Any:
        return _lookup(self.provider, attr, *args)

    def get(self, request: HttpRequest, slug: str = "") -> HttpResponse:
        self.provider = get_object_or_404(IdentityProvider, slug=slug, enabled=True)
        request.session[PROVIDER_SESSION_KEY] = self.provider.slug
        self.OIDC_OP_AUTH_ENDPOINT = self.provider.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = self.provider.client_id
        return super().get(request)


class LoginCallback(OIDCAuthenticationCallbackView):
    """``/account/sso/terug/``: the IdP's answer; on success log in, on refusal back to the login page."""

    def get_settings(self, attr: str, *args: Any) -> Any:
        return _lookup(getattr(self, "provider", None), attr, *args)

    def get(self, request: HttpRequest) -> HttpResponse:
        self.provider = _session_provider(request)
        if self.provider is None:
            raise Http404
        return super().get(request)

    def login_failure(self) -> HttpResponse:
        messages.error(
            self.request,
            _("Uw organisatie-account geeft (nog) geen toegang tot Kansrijk. Vraag uw beheerder om een rol."),
        )
        return super().login_failure()

    def login_success(self) -> HttpResponse:
        provider = self.provider
        mfa = bool(self.request.session.pop("kansrijk_oidc_mfa", False))
        id_token = self.request.session.get(ID_TOKEN_SESSION_KEY)
        response = super().login_success()  # rotates the session
        assert provider is not None
        self.request.session[SESSION_PROVIDER_KEY] = provider.slug
        if id_token:
            self.request.session[ID_TOKEN_SESSION_KEY] = id_token
        if mfa:
            device, _created = IdpMfaDevice.objects.get_or_create(
                user=self.user, provider=provider, defaults={"name": provider.name, "confirmed": True}
            )
            otp_login(self.request, device)
        return response


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """Log out here and, for an SSO session whose IdP offers it, at the IdP too (RP-initiated logout)."""
    slug = request.session.get(SESSION_PROVIDER_KEY)
    id_token = request.session.get(ID_TOKEN_SESSION_KEY)
    user = request.user if request.user.is_authenticated else None
    logout(request)
    home = request.build_absolute_uri(reverse("web:home"))
    provider = IdentityProvider.objects.filter(slug=slug).first() if slug else None
    if user is not None:
        audit(user, "logout", idp=slug or "")
    if provider is not None and provider.end_session_endpoint:
        query = {"post_logout_redirect_uri": home, "client_id": provider.client_id}
        if id_token:
            query["id_token_hint"] = id_token
        return HttpResponseRedirect(f"{provider.end_session_endpoint}?{urlencode(query)}")
    return HttpResponseRedirect(reverse("web:home"))


ENDPOINTS = (
    "issuer",
    "authorization_endpoint",
    "token_endpoint",
    "userinfo_endpoint",
    "jwks_uri",
    "end_session_endpoint",
)


def discover(issuer: str, *, timeout: float = 10) -> dict[str, str]:
    """The IdP's endpoints from its discovery document (``/.well-known/openid-configuration``)."""
    response = requests.get(issuer.rstrip("/") + "/.well-known/openid-configuration", timeout=timeout)
    response.raise_for_status()
    document = response.json()
    missing = [k for k in ENDPOINTS[:-1] if not document.get(k)]
    if missing:
        raise ValueError(f"Discovery document of {issuer} lacks {', '.join(missing)}")
    return {k: str(document.get(k) or "") for k in ENDPOINTS}


@transaction.atomic
def configure_provider(
    slug: str,
    *,
    name: str,
    issuer: str,
    client_id: str,
    client_secret: str,
    municipalities: list[Any],
    groups_claim: str = "groups",
) -> IdentityProvider:
    """Create or update an IdP from its discovery document (``kansrijk sso add`` and the tests use this)."""
    endpoints = discover(issuer)
    provider, _created = IdentityProvider.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name,
            "client_id": client_id,
            "client_secret": client_secret,
            "groups_claim": groups_claim,
            **endpoints,
        },
    )
    provider.municipalities.set(municipalities)
    return provider


def login_providers() -> list[IdentityProvider]:
    """The IdPs the login page offers."""
    return list(IdentityProvider.objects.filter(enabled=True).order_by("name"))
