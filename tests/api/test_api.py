"""The REST API: suppression server-side, school scoping, tokens, ETags, rate limits, the error shape, and the
NL API Design Rules as a client sees them (API-Version, /api/v1, problem+json, lowerCamelCase)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kansrijk.accounts.models import AuditEvent
from kansrijk.api.adr import API_VERSION
from kansrijk.api.models import ApiToken
from kansrijk.api.services import revoke_token, set_results_public
from kansrijk.results.models import ResultRow

from .conftest import bearer

pytestmark = pytest.mark.django_db
RESULTS = "/api/v1/municipalities/GM9999/results"


def items(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.content
    return response.json()["items"]


def assert_error(response: Any, status: int, code: str) -> None:
    """One error shape: RFC 9457 problem details, with the stable ``code`` as extension member."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    assert response["API-Version"] == API_VERSION
    body = response.json()
    assert (
        {"type", "title", "status", "detail", "instance", "code"}
        <= set(body)
        <= {"type", "title", "status", "detail", "instance", "code", "errors"}
    )
    assert body["status"] == status and body["code"] == code
    assert body["type"].endswith("#" + code.replace("_", "-"))
    assert body["title"] and body["detail"]
    assert body["instance"] == response.wsgi_request.path


def test_a_suppressed_cell_never_leaves_the_server_as_a_number(world, client: Client) -> None:  # type: ignore[no-untyped-def]
    # Defence in depth: even a stored row that (wrongly) kept numbers is blanked on the way out.
    row = ResultRow.objects.get(run=world.run, indicator="alc_30d", domain_type="gender", domain="x")
    assert row.suppressed == "n<30"
    ResultRow.objects.filter(pk=row.pk).update(estimate=0.4321, ci_low=0.3, ci_high=0.5, se=0.05)
    for response, label in (
        (
            client.get(
                RESULTS, {"indicator": "alc_30d", "domainType": "gender"}, **bearer(world.tokens["analyst"])
            ),
            "n<30",  # analysts (microdata rights) keep the reason
        ),
        (
            client.get(
                "/api/v1/public/municipalities/GM9999/results",
                {"indicator": "alc_30d", "domainType": "gender"},
            ),
            "niet gepubliceerd",  # the public sees one neutral label
        ),
    ):
        x = next(i for i in items(response) if i["domain"] == "x")
        assert x["suppressed"] == label
        assert x["estimate"] is x["se"] is x["ciLow"] is x["ciHigh"] is None
        assert b"0.4321" not in response.content
        m = next(i for i in items(response) if i["domain"] == "m")
        assert m["estimate"] == pytest.approx(0.224)


def _schools_in(response: Any) -> set[str]:
    return {
        i["domain"].split("|")[0] for i in items(response) if i["domainType"] in ("school", "school_grade")
    }


def test_school_figures_only_for_those_who_may_see_them(world, client: Client) -> None:  # type: ignore[no-untyped-def]
    a, b = world.school_a.code, world.school_b.code
    query = {"indicator": "alc_30d", "limit": 500}
    assert _schools_in(client.get(RESULTS, query, **bearer(world.tokens["municipal_admin"]))) == {a, b}
    assert _schools_in(client.get(RESULTS, query, **bearer(world.tokens["partner"]))) == set()
    assert _schools_in(client.get("/api/v1/public/municipalities/GM9999/results", query)) == set()
    coordinator = world.client("school_coordinator")
    assert _schools_in(coordinator.get(RESULTS, query)) == {a}
    rates = coordinator.get(
        f"/api/v1/municipalities/GM9999/waves/{world.open_wave.code}/response-rates"
    ).json()
    assert [s["school"] for s in rates["schools"]] == [a]
    assert_error(
        client.get(
            f"/api/v1/municipalities/GM9999/waves/{world.open_wave.code}/response-rates",
            **bearer(world.tokens["partner"]),
        ),
        403,
        "forbidden",
    )


def test_filters_and_pagination(world, client: Client) -> None:  # type: ignore[no-untyped-def]
    auth = bearer(world.tokens["analyst"])
    total = client.get(RESULTS, {"domainType": "total"}, **auth).json()
    assert {i["domainType"] for i in total["items"]} == {"total"}
    first = client.get(RESULTS, {"domainType": "total", "limit": 2, "offset": 0}, **auth).json()
    second = client.get(RESULTS, {"domainType": "total", "limit": 2, "offset": 2}, **auth).json()
    assert first["count"] == second["count"] == total["count"] == len(total["items"])
    assert [i["indicator"] for i in first["items"] + second["items"]] == [
        i["indicator"] for i in total["items"][:4]
    ]
    leefdomein = client.get(RESULTS, {"leefdomein": "wellbeing", "domainType": "total"}, **auth).json()
    assert [i["indicator"] for i in leefdomein["items"]] == ["life_sat_mean"]
    older = client.get(RESULTS, {"wave": world.wave.code.replace("2023", "2021")}, **auth).json()
    assert older["wave"]["code"].endswith("2021")


def test_unpublished_results_only_on_request_and_only_for_admins_and_analysts(world, client: Client) -> None:  # type: ignore[no-untyped-def]
    published = client.get(RESULTS, **bearer(world.tokens["analyst"])).json()
    assert published["run"] == {
        "version": 1,
        "published": True,
        "publishedAt": published["run"]["publishedAt"],
    }
    review = client.get(RESULTS, {"unpublished": "true"}, **bearer(world.tokens["analyst"])).json()
    assert review["run"]["version"] == 2 and review["run"]["published"] is False
    assert_error(
        client.get(RESULTS, {"unpublished": "true"}, **bearer(world.tokens["partner"])), 403, "forbidden"
    )


def test_etag_gives_304_and_changes_with_a_new_publication(world, client: Client) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.results import services

    auth = bearer(world.tokens["partner"])
    first = client.get(RESULTS, {"domainType": "total"}, **auth)
    etag = first["ETag"]
    assert etag and first["Cache-Control"].startswith("private")
    again = client.get(RESULTS, {"domainType": "total"}, HTTP_IF_NONE_MATCH=etag, **auth)
    assert again.status_code == 304 and again.content == b""
    services.publish(world.users["analyst"], world.unpublished_run, note="correctie")
    after = client.get(RESULTS, {"domainType": "total"}, HTTP_IF_NONE_MATCH=etag, **auth)
    assert after.status_code == 200 and after["ETag"] != etag
    assert after.json()["run"]["version"] == 2
    public = client.get("/api/v1/public/municipalities/GM9999/results")
    assert public["Cache-Control"].startswith("public")


def test_tokens_are_stored_hashed_scoped_revocable_and_audited(world, client: Client) -> None:  # type: ignore[no-untyped-def]
    clear = world.tokens["partner"]
    token = ApiToken.objects.get(pk=world.token_objects["partner"].pk)
    assert clear not in {token.key_hash, token.prefix} and len(token.key_hash) == 64
    assert not ApiToken.objects.filter(key_hash__contains=clear[-20:]).exists()
    me = client.get("/api/v1/me", **bearer(clear)).json()
    assert me == {
        "kind": "token",
        "name": "partner koppeling",
        "grants": [{"municipality": "GM9999", "role": "partner", "schools": []}],
    }
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None
    # scoped: another municipality's token sees nothing here
    assert_error(client.get(RESULTS, **bearer(world.tokens["other_municipality"])), 403, "forbidden")
    revoke_token(world.users["municipal_admin"], token)
    assert_error(client.get(RESULTS, **bearer(clear)), 401, "unauthenticated")
    assert_error(client.get(RESULTS, **bearer(clear[:-1] + "x")), 401, "unauthenticated")
    actions = set(AuditEvent.objects.filter(action__startswith="api_token").values_list("action", flat=True))
    assert actions == {"api_token.create", "api_token.revoke"}


def test_errors_share_one_shape(world, client: Client) -> None:  # type: ignore[no-untyped-def]
    auth = bearer(world.tokens["analyst"])
    response = client.get(RESULTS)
    assert_error(response, 401, "unauthenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")
    invalid = client.get(RESULTS, {"limit": "veel"}, **auth)
    assert_error(invalid, 400, "invalid_parameters")
    assert invalid.json()["errors"] == [
        {
            "in": "query",
            "location": {"name": "limit"},
            "code": "int_parsing",
            "detail": invalid.json()["errors"][0]["detail"],
        }
    ]
    wrong = client.get(RESULTS, {"domainType": "<script>"}, **auth)
    assert_error(wrong, 400, "invalid_parameters")
    assert [e["location"]["name"] for e in wrong.json()["errors"]] == ["domainType"]
    assert_error(client.get("/api/v1/municipalities/GM0000/results", **auth), 404, "not_found")
    assert_error(client.get("/api/v1/municipalities/GM9999/action-points/999", **auth), 404, "not_found")
    assert_error(client.get("/api/../../etc/passwd"), 404, "not_found")
    assert_error(client.get("/api/v1/bestaat-niet"), 404, "not_found")


def test_rate_limit_per_token(world, client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.KANSRIJK = {**settings.KANSRIJK, "API_RATE_LIMIT": 3, "API_RATE_WINDOW_SECONDS": 60}
    auth = bearer(world.tokens["partner"])
    statuses = [client.get("/api/v1/me", **auth).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/v1/me", **auth)
    assert_error(limited, 429, "rate_limited")
    assert limited["Retry-After"] == "60"
    # another token has its own bucket
    assert client.get("/api/v1/me", **bearer(world.tokens["analyst"])).status_code == 200


def test_public_part_only_for_municipalities_that_chose_it(world, client: Client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/public/municipalities").json() == [
        {"code": "GM9999", "name": "Gemeente Voorbeeld"}
    ]
    waves = client.get("/api/v1/public/municipalities/GM9999/waves").json()
    assert waves and all(w["resultsPublished"] and w["response"] is None for w in waves)
    set_results_public(world.users["municipal_admin"], world.municipality, False)
    assert_error(client.get("/api/v1/public/municipalities/GM9999/results"), 404, "not_found")
    assert client.get("/api/v1/public/municipalities").json() == []


def test_areas_are_geojson_and_action_points_carry_status(world, client: Client) -> None:  # type: ignore[no-untyped-def]
    auth = bearer(world.tokens["partner"])
    areas = client.get("/api/v1/municipalities/GM9999/areas", **auth).json()
    assert areas["type"] == "FeatureCollection" and areas["features"]
    feature = areas["features"][0]
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert feature["properties"]["code"].startswith("WK")
    points = client.get("/api/v1/municipalities/GM9999/action-points", **auth).json()
    assert points["items"][0] | {"updatedAt": None} == points["items"][0] | {
        "number": 1,
        "title": "Sport voor iedereen",
        "status": "planned",
        "themes": [1],
        "riskGroups": ["armoede"],
        "indicators": ["sport_weekly"],
        "updatedAt": None,
    }
    indicators = client.get("/api/v1/municipalities/GM9999/indicators", {"lang": "en"}, **auth).json()
    assert indicators["code"] == "oko_kern" and len(indicators["sha256"]) == 64
    assert any(
        i["code"] == "alc_30d" and i["leefdomein"] == "substance_use" for i in indicators["indicators"]
    )


def test_openapi_document_and_docs_page(client: Client, db) -> None:  # type: ignore[no-untyped-def]
    moved = client.get("/api/openapi.json")
    assert moved.status_code == 308 and moved["Location"] == "/api/v1/openapi.json"
    response = client.get("/api/v1/openapi.json")
    assert response["API-Version"] == API_VERSION and response["Access-Control-Allow-Origin"] == "*"
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    assert spec["servers"] == [{"url": "/api/v1", "description": spec["servers"][0]["description"]}]
    assert spec["info"]["version"] == API_VERSION
    assert set(spec["info"]["contact"]) == {"name", "email", "url"}
    assert "/municipalities/{code}/results" in spec["paths"] and "/openapi.json" in spec["paths"]
    assert {"TokenAuth", "StaffSession"} <= set(spec["components"]["securitySchemes"])
    assert client.get("/api/docs")["Location"] == "/api/v1/docs"
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and b"swagger-ui" in docs.content


def test_every_answer_carries_the_api_version(world, client: Client) -> None:  # type: ignore[no-untyped-def]
    auth = bearer(world.tokens["partner"])
    ok = client.get(RESULTS, {"domainType": "total"}, **auth)
    not_modified = client.get(RESULTS, {"domainType": "total"}, HTTP_IF_NONE_MATCH=ok["ETag"], **auth)
    refused = client.get(RESULTS)
    wrong_method = client.post("/api/v1/public/municipalities")
    assert [r.status_code for r in (ok, not_modified, refused, wrong_method)] == [200, 304, 401, 405]
    assert {r["API-Version"] for r in (ok, not_modified, refused, wrong_method)} == {API_VERSION}
    assert_error(wrong_method, 405, "method_not_allowed")
    assert wrong_method["Allow"] == "GET"


def test_no_trailing_slashes(world, client: Client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/me", **bearer(world.tokens["partner"])).status_code == 200
    assert_error(client.get("/api/v1/me/", **bearer(world.tokens["partner"])), 404, "not_found")


def test_bodies_are_lower_camel_case_and_codes_stay(world, client: Client) -> None:  # type: ignore[no-untyped-def]
    page = client.get(RESULTS, {"domainType": "school_grade"}, **bearer(world.tokens["analyst"])).json()
    item = page["items"][0]
    assert {"domainType", "ciLow", "ciHigh", "prevEstimate", "trendDifference", "referenceEstimate"} <= set(
        item
    )
    assert not [key for key in item if "_" in key]
    assert item["domainType"] == "school_grade"


def test_public_precision_without_microdata_rights(world, client: Client) -> None:  # type: ignore[no-untyped-def]
    """Partners and the public get figures to 0.1 point and no design effect; analysts full precision."""
    row = ResultRow.objects.get(run=world.run, indicator="alc_30d", domain_type="gender", domain="m")
    ResultRow.objects.filter(pk=row.pk).update(
        estimate=0.123456789, ci_low=0.1049876, se=0.0123456, deff=1.87
    )
    query = {"indicator": "alc_30d", "domainType": "gender"}
    public = client.get("/api/v1/public/municipalities/GM9999/results", query)
    analyst = client.get(RESULTS, query, **bearer(world.tokens["analyst"]))
    m = next(i for i in items(public) if i["domain"] == "m")
    assert (m["estimate"], m["ciLow"], m["se"], m["deff"]) == (0.123, 0.105, 0.012, None)
    assert b"0.123456789" not in public.content and b"1.87" not in public.content
    full = next(i for i in items(analyst) if i["domain"] == "m")
    assert (full["estimate"], full["deff"]) == (0.123456789, 1.87)
