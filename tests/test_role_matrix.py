"""Every role × every URL of the site and every API endpoint → allowed or refused.

The URL list is walked from the URL conf (``get_resolver()``), so a new URL cannot be forgotten: the test
fails when a URL name has no entry in :data:`EXPECTED`. Each URL is requested (GET; POST when the view only
accepts POST) as anonymous, municipal admin, analyst, school coordinator (bound to school A), partner, and an
admin of *another* municipality; API endpoints also with a token per role. Every HTML page that opens is
checked for what the strict CSP forbids (inline scripts, style attributes, inline event handlers).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.api.world import ROLES, World, generate, module_world

ANON = "anonymous"
ADMIN = "municipal_admin"
ANALYST = "analyst"
COORD = "school_coordinator"
PARTNER = "partner"
OTHER = "other_municipality"

EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {ANON}
STAFF = frozenset({ADMIN, ANALYST, COORD, PARTNER})
MONITOR = frozenset({ADMIN, ANALYST, COORD})
RESULTS_STAFF = frozenset({ADMIN, ANALYST})

#: URL name → the roles that may open it. Everyone else must be refused (403/401, or sent to the login).
EXPECTED: dict[str, frozenset[str]] = {
    # public pages and the pupil flow
    "web:home": EVERYONE,
    "web:accessibility": EVERYONE,
    "web:privacy": EVERYONE,
    "web:about": EVERYONE,
    "web:healthz": EVERYONE,
    "web:readyz": EVERYONE,
    # a region: only its own staff (no role of the municipal world is); unknown regions refuse the same way
    "region:dashboard": frozenset(),
    "region:map_spec": frozenset(),
    "set_language": EVERYONE,
    "accounts:login": EVERYONE,
    "accounts:logout": EVERYONE,
    "accounts:oidc_start": frozenset(),  # no such IdP in the world: 404 for everyone
    "accounts:oidc_callback": frozenset(),  # no login under way: 404 for everyone
    "accounts:password_reset": EVERYONE,
    "accounts:password_reset_done": EVERYONE,
    "accounts:password_reset_confirm": EVERYONE,
    "accounts:password_reset_complete": EVERYONE,
    "fieldwork:pupil_start": EVERYONE,
    "fieldwork:pupil_intro": EVERYONE,
    "fieldwork:pupil_page": EVERYONE,
    "fieldwork:pupil_autosave": EVERYONE,
    "fieldwork:pupil_language": EVERYONE,
    "fieldwork:pupil_new": EVERYONE,
    "fieldwork:pupil_thanks": EVERYONE,
    "fieldwork:pupil_refused": EVERYONE,
    # staff shell
    "web:dashboard": SIGNED_IN,
    "accounts:otp": SIGNED_IN,
    "accounts:audit_log": frozenset({ADMIN}),
    # fieldwork
    "fieldwork:wave_list": MONITOR,
    "fieldwork:wave_create": frozenset({ADMIN}),
    "fieldwork:schools_import": frozenset({ADMIN}),
    "fieldwork:wave_detail": MONITOR,
    "fieldwork:wave_transition": frozenset({ADMIN}),
    "fieldwork:wave_import": frozenset({ADMIN}),
    "fieldwork:class_add": frozenset({ADMIN}),
    "fieldwork:sessions_create": frozenset({ADMIN}),
    "fieldwork:session_sheet": MONITOR,
    "fieldwork:consent_letter": MONITOR,
    "fieldwork:monitor": MONITOR,
    "fieldwork:monitor_table": MONITOR,
    "fieldwork:instrument_list": MONITOR,
    "fieldwork:instrument_upload": frozenset({ADMIN}),
    "fieldwork:instrument_compare": MONITOR,
    "fieldwork:instrument_detail": MONITOR,
    "fieldwork:instrument_download": MONITOR,
    # results
    "results:dashboard": STAFF,
    "results:indicator": STAFF,
    "results:chart": STAFF,
    "results:table_csv": STAFF,
    "results:map": STAFF,
    "results:factors": STAFF,
    "results:factors_chart": STAFF,
    "results:reports": STAFF,
    "results:council_report": frozenset({ADMIN, ANALYST, PARTNER}),
    "results:school_report": MONITOR,
    "results:factsheet": STAFF,
    "results:exports": frozenset({ANALYST}),
    "results:export_microdata": frozenset({ANALYST}),
    "results:export_codebook": frozenset({ANALYST}),
    "results:export_results": frozenset({ANALYST}),
    "results:analysis": RESULTS_STAFF,
    "results:run_progress": RESULTS_STAFF,
    "results:start_analysis": frozenset({ANALYST}),
    "results:publish": frozenset({ANALYST}),
    "results:disclosure_settings": frozenset({ADMIN}),
    # cycle
    "cycle:overview": STAFF,
    "cycle:action_point": STAFF,
    "cycle:action_point_chart": STAFF,
    "cycle:action_point_edit": frozenset({ADMIN}),
    "cycle:action_point_note": frozenset({ADMIN}),
    "cycle:risk_group": STAFF,
    "cycle:risk_group_survey": frozenset({ADMIN}),
    "cycle:risk_map": STAFF,
    "cycle:risk_map_chart": STAFF,
    "cycle:provision": STAFF,
    "cycle:dialogue": STAFF,
    "cycle:moved": STAFF,
    "cycle:progress": STAFF,
    "cycle:progress_pdf": STAFF,
    "cycle:import": frozenset({ADMIN}),
    "cycle:schedule": STAFF,
    "cycle:example": STAFF,
    # api: staff pages
    "api:tokens": frozenset({ADMIN}),
    "api:token_revoke": frozenset({ADMIN}),
    "api:public_switch": frozenset({ADMIN}),
    "api:privacy_document": frozenset({ADMIN}),
    # api: documentation and public part
    "api:openapi-json": EVERYONE,
    "api:openapi-view": EVERYONE,
    "api:openapi_moved": EVERYONE,  # 308 to /api/v1/openapi.json
    "api:docs_moved": EVERYONE,  # 308 to /api/v1/docs
    "api:api-root": frozenset(),  # answers 404 in the API's error shape for everyone
    "api:not_found": frozenset(),
    "api:public_municipalities": EVERYONE,
    "api:public_results": EVERYONE,
    "api:public_indicators": EVERYONE,
    "api:public_waves": EVERYONE,
    "api:public_areas": EVERYONE,
    # api: staff endpoints (session or token)
    "api:me": SIGNED_IN,
    "api:results": STAFF,
    "api:factors": STAFF,
    "api:indicators": STAFF,
    "api:waves": STAFF,
    "api:response_rates": MONITOR,
    "api:areas": STAFF,
    "api:action_points": STAFF,
    "api:action_point": STAFF,
}

#: URL names whose "allowed" answer is a 404 for everyone (catch-alls).
ALWAYS_404 = frozenset({"api:api-root", "api:not_found", "accounts:oidc_start", "accounts:oidc_callback"})
#: URL names where a 404 still means "let through": the permission check passed and the view then found no
#: such target in an empty request (no status to move to, no resume cookie, no chart without parameters).
NOT_FOUND_OK = frozenset(
    {
        "fieldwork:wave_transition",
        "fieldwork:pupil_autosave",
        "results:chart",
        "results:factors_chart",
        "cycle:action_point_chart",
        "cycle:risk_map_chart",
    }
)
#: HTML versions of print documents: standalone pages with their own CSP (inline <style>, no script at all),
#: checked by their own test below.
KNOWN_CSP = frozenset({"results:council_report", "results:export_codebook"})
#: POST data for views that only accept POST, where an empty form would change what later URLs see.
POST_DATA: dict[str, dict[str, str]] = {"api:public_switch": {"public": "on"}}


def walk(patterns: list[Any], namespace: str | None = None) -> Iterator[tuple[str, URLPattern]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from walk(p.url_patterns, ns)
        elif p.name:
            yield (f"{namespace}:{p.name}" if namespace else p.name), p


def url_names() -> list[str]:
    return sorted({name for name, _p in walk(get_resolver().url_patterns)})


def sample_kwargs(world: World, name: str, *, school: str = "a") -> dict[str, Any]:
    """Concrete URL arguments for a URL name (per converter name, with per-URL overrides)."""
    session = world.session_a if school == "a" else world.session_b
    school_code = world.school_a.code if school == "a" else world.school_b.code
    by_kwarg: dict[str, Any] = {
        "code": world.municipality.code,
        "wave_code": world.wave.code,
        "wave": world.wave.code,
        "kind": "klassen",
        "session_code": session.code,
        "index": 1,
        "number": world.action_point.number,
        "group": world.risk_group.code,
        "indicator": "alc_30d",
        "fmt": "html",
        "school": school_code,
        "audience": "leerlingen",
        "language": "nl",
        "run_id": world.unpublished_run.pk,
        "token_id": world.token_objects[PARTNER].pk,
        "uidb64": "MQ",
        "token": "set-password",
        "path": "bestaat-niet",
        "slug": "bestaat-niet",
        "document": "dpia",
        "pk": world.wave.instrument_id,
        "region": "regio-zonder-toegang",
    }
    overrides: dict[str, dict[str, Any]] = {
        "fieldwork:session_sheet": {"wave_code": world.open_wave.code},
        "fieldwork:monitor": {"wave_code": world.open_wave.code},
        "fieldwork:monitor_table": {"wave_code": world.open_wave.code},
        "results:chart": {"kind": "leefdomein"},
        "results:export_microdata": {"fmt": "csv"},
        "results:export_results": {"fmt": "csv"},
        "api:response_rates": {"wave": world.open_wave.code},
    }
    pattern = dict(walk(get_resolver().url_patterns))[name]
    wanted = set(pattern.pattern.regex.groupindex)
    kwargs = {k: v for k, v in by_kwarg.items() if k in wanted}
    if name.startswith("fieldwork:pupil_") and "code" in wanted:
        kwargs["code"] = session.code
    kwargs.update({k: v for k, v in overrides.get(name, {}).items() if k in wanted})
    return kwargs


def outcome(response: Any) -> str:
    status = response.status_code
    if status in (401, 403):
        return "refused"
    if status in (301, 302, 303):
        location = response.get("Location", "")
        if location.startswith((reverse("accounts:login"), reverse("accounts:otp"))):
            return "refused"
        return "allowed"
    if status == 404:
        return "missing"
    if status >= 500:
        return "error"
    return "allowed"


def request(client: Client, url: str, name: str = "", **headers: Any) -> Any:
    response = client.get(url, **headers)
    if response.status_code == 405:
        response = client.post(url, POST_DATA.get(name, {}), **headers)
    return response


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle=", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+=", re.I)


def csp_problems(response: Any) -> list[str]:
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return []
    html = response.content.decode()
    problems = [
        what
        for what, rx in (
            ("inline script", INLINE_SCRIPT),
            ("style=", STYLE_ATTRIBUTE),
            ("on…= handler", EVENT_HANDLER),
        )
        if rx.search(html)
    ]
    if "Content-Security-Policy" not in response:
        problems.append("no CSP header")
    return problems


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:  # type: ignore[no-untyped-def]
    synth = generate(tmp_path_factory.mktemp("matrix-synth") / "gm9999")
    yield from module_world(django_db_blocker, synth, tmp_path_factory)


def test_every_url_has_an_expected_outcome() -> None:
    missing = [name for name in url_names() if name not in EXPECTED]
    stale = [name for name in EXPECTED if name not in url_names()]
    assert not missing, f"Add these URL names to EXPECTED in tests/test_role_matrix.py: {missing}"
    assert not stale, f"These EXPECTED entries name no URL any more: {stale}"


@pytest.mark.django_db
def test_role_matrix(world: World) -> None:
    """Every URL × every role (session login) gives the expected outcome; open pages obey the CSP."""
    from django.core.cache import cache

    mismatches: list[str] = []
    csp: list[str] = []
    clients = {role: world.client(role) for role in ROLES}
    for name in url_names():
        url = reverse(name, kwargs=sample_kwargs(world, name))
        for role in ROLES:
            cache.clear()  # rate limits are tested elsewhere
            response = request(clients[role], url, name)
            got = outcome(response)
            if got == "missing" and name in NOT_FOUND_OK:
                got = "allowed"
            want = "missing" if name in ALWAYS_404 else "allowed" if role in EXPECTED[name] else "refused"
            if got != want:
                mismatches.append(f"{name} {url} as {role}: {response.status_code} ({got}), expected {want}")
            if name not in KNOWN_CSP:
                csp += [f"{name} as {role}: {p}" for p in csp_problems(response)]
        if name == "accounts:logout":
            clients = {role: world.client(role) for role in ROLES}  # everyone was just logged out
    assert not mismatches, "\n".join(mismatches)
    assert not csp, "\n".join(csp)


@pytest.mark.django_db
def test_api_matrix_with_tokens(world: World) -> None:
    """The API endpoints with a token per role (tokens carry no school, so no coordinator token)."""
    from django.core.cache import cache

    mismatches = []
    client = Client()
    names = [n for n in url_names() if n.startswith("api:") and n not in ALWAYS_404 and "openapi" not in n]
    names = [
        n
        for n in names
        if n.startswith("api:public_")
        or n in ("api:me",)
        or "municipalities" in str(dict(walk(get_resolver().url_patterns))[n].pattern)
    ]
    names = [n for n in names if n != "api:public_switch"]
    for name in names:
        url = reverse(name, kwargs=sample_kwargs(world, name))
        for role in (ANON, ADMIN, ANALYST, PARTNER, OTHER):
            cache.clear()
            headers = {} if role == ANON else {"HTTP_AUTHORIZATION": f"Bearer {world.tokens[role]}"}
            response = client.get(url, **headers)
            got = outcome(response)
            want = "allowed" if role in EXPECTED[name] else "refused"
            if got != want:
                mismatches.append(f"{name} as {role} token: {response.status_code} ({got}), expected {want}")
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.django_db
def test_coordinator_cannot_reach_another_school(world: World) -> None:
    """Every URL that names a school or class session, pointed at school B, refuses the coordinator of A."""
    from django.core.cache import cache

    client = world.client(COORD)
    checked = []
    for name in url_names():
        kwargs = sample_kwargs(world, name, school="b")
        if not {"school", "session_code"} & set(kwargs) or name.startswith("fieldwork:pupil_"):
            continue
        cache.clear()
        response = request(client, reverse(name, kwargs=kwargs))
        assert outcome(response) in ("refused", "missing"), (name, response.status_code)
        checked.append(name)
    assert {"results:school_report", "fieldwork:session_sheet"} <= set(checked)


#: Pages that list every school (the council report's response per school): a coordinator must be refused,
#: checked by their own test below.
KNOWN_LEAKS = frozenset({"results:council_report"})


def pages_naming_school_b(world: World, names: list[str]) -> list[str]:
    from django.core.cache import cache

    client = world.client(COORD)
    found = []
    for name in names:
        cache.clear()
        response = client.get(reverse(name, kwargs=sample_kwargs(world, name)), {"uitsplitsing": "school"})
        if response.status_code == 200 and not response.get("Content-Type", "").startswith("application/pdf"):
            body = response.content.decode(errors="replace")
            if world.school_b.name in body or world.school_b.code in body:
                found.append(name)
    return found


@pytest.mark.django_db
def test_no_page_shows_another_school_to_a_coordinator(world: World) -> None:
    names = [
        n
        for n in url_names()
        if COORD in EXPECTED[n]
        and not n.startswith(("fieldwork:pupil_", "api:openapi"))
        and n not in KNOWN_LEAKS
    ]
    assert pages_naming_school_b(world, names) == []


@pytest.mark.django_db
def test_council_report_hides_other_schools_from_a_coordinator(world: World) -> None:
    assert pages_naming_school_b(world, sorted(KNOWN_LEAKS)) == []


@pytest.mark.django_db
def test_report_documents_obey_the_csp(world: World) -> None:
    client = world.client(ANALYST)
    problems = []
    for name in sorted(KNOWN_CSP):
        response = client.get(reverse(name, kwargs=sample_kwargs(world, name)))
        problems += csp_problems(response)
        if response.status_code == 200 and "text/html" in response["Content-Type"]:
            policy = response["Content-Security-Policy"]
            assert "script-src 'none'" in policy, name  # documents carry no script at all
            assert "style-src 'self' 'unsafe-inline'" in policy, name  # their print CSS is a <style> block
    assert problems == []
    site_page = client.get("/overzicht/")["Content-Security-Policy"]
    assert "unsafe-inline" not in site_page
