"""The REST API (django-ninja, OpenAPI 3 at ``/api/v1/openapi.json``, docs at ``/api/v1/docs``).

Staff routes answer for a token (``Authorization: Bearer kr_…``) or a signed-in staff member; public
routes answer for everyone, only for municipalities that made their published results public. Every route
checks the role policy through :mod:`.access`, is rate limited per caller (:class:`~.auth.ApiThrottle`) and
answers errors in one shape (:mod:`.errors`, RFC 9457 problem details). Read-only: the API changes nothing.
The NL API Design Rules (version header, ``/api/v1``, lowerCamelCase, the OpenAPI document) are applied to
every route by :mod:`.adr`; ``make lint`` checks the document with Spectral.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router

from kansrijk.accounts.constants import AreaLevel
from kansrijk.accounts.models import Municipality
from kansrijk.accounts.permissions import grants, visible_schools
from kansrijk.fieldwork.models import Wave

from . import access, reading
from .adr import API_VERSION, KansrijkAPI
from .auth import ApiThrottle, StaffSession, TokenAuth, TokenPrincipal
from .constants import DEFAULT_PAGE, MAX_PAGE
from .errors import install, problem_response
from .factors import router as factors_router
from .models import PublicResults
from .schemas import (
    ActionPointOut,
    ActionPointPage,
    FeatureCollection,
    InstrumentOut,
    MeOut,
    MunicipalityOut,
    Problem,
    ResponseRatesOut,
    ResultPage,
    WaveOut,
)

DomainType = Literal[
    "total", "grade", "gender", "school_type", "school", "school_grade", "grade_gender", "wijk"
]
Leefdomein = Literal["substance_use", "family", "peers", "leisure", "school", "wellbeing", "safety"]
Language = Literal["nl", "en"]
Level = Literal["gemeente", "wijk", "buurt", "pc4"]
ActionStatus = Literal["planned", "running", "done", "stopped"]

CODE = Path(..., pattern=r"^GM\d{4}$", description="CBS-gemeentecode", example="GM9999")
WAVE_PATH = Path(..., pattern=r"^[-a-zA-Z0-9_]{1,40}$", description="Code van de meting")
WAVE = Query(None, pattern=r"^[-a-zA-Z0-9_]{1,40}$", description="Code van de meting; standaard de laatste.")
INDICATOR = Query(None, pattern=r"^[-a-zA-Z0-9_]{1,64}$", description="Indicatorcode van de vragenlijst.")
DOMAIN = Query(None, max_length=32, description="Domeinwaarde, bv. 2, m, WK999901 of 99AA00.")
LIMIT = Query(DEFAULT_PAGE, ge=1, le=MAX_PAGE)
OFFSET = Query(0, ge=0, le=1_000_000)
DOMAIN_TYPE = Query(None, alias="domainType", description="Soort domein, bv. grade of school_grade.")
ERRORS: dict[int, Any] = {
    400: Problem,
    401: Problem,
    403: Problem,
    404: Problem,
    429: Problem,
}
PUBLIC_ERRORS: dict[int, Any] = {400: Problem, 404: Problem, 429: Problem}

api = KansrijkAPI(
    title="Kansrijk API",
    version=API_VERSION,
    openapi_url="/v1/openapi.json",
    docs_url="/v1/docs",
    description=(
        "Published results of the OKO youth survey (suppressed cells carry no numbers), indicators, "
        "areas (GeoJSON), waves and response rates, and the action points of the policy cycle."
    ),
    urls_namespace="api",
    throttle=[ApiThrottle()],
)
install(api)

# by_alias: bodies go out with their lowerCamelCase names (adr.CamelSchema); every router of the API sets it.
staff = Router(auth=[TokenAuth(), StaffSession()], tags=["staff"], by_alias=True)
public = Router(tags=["public"], by_alias=True)


def _answer(request: HttpRequest, view: access.View, etag: str, data: Any) -> Any:
    cached = reading.not_modified(request, etag)
    if cached is not None:
        return cached
    response = reading.json_response(data)
    reading.set_caching(response, view, etag)
    return response


# -- staff ----------------------------------------------------------------------------------------------


@staff.get("/me", response={200: MeOut, **ERRORS}, summary="Who am I (token or user) and my roles")
def me(request: HttpRequest) -> Any:
    """De aanroeper (API-sleutel of ingelogde medewerker) en diens rollen per gemeente."""
    caller = request.auth  # type: ignore[attr-defined]
    if isinstance(caller, TokenPrincipal):
        token = caller.token
        return {
            "kind": "token",
            "name": token.name,
            "grants": [{"municipality": token.municipality.code, "role": token.role, "schools": []}],
        }
    out = []
    for municipality in Municipality.objects.filter(memberships__user=caller).distinct().order_by("code"):
        for grant in grants(caller, municipality):
            schools = sorted(s.code for s in municipality.schools.all() if s.pk in grant.school_ids)
            out.append({"municipality": municipality.code, "role": grant.role, "schools": schools})
    return {"kind": "user", "name": caller.get_username(), "grants": out}


@staff.get(
    "/municipalities/{code}/results",
    response={200: ResultPage, 304: None, **ERRORS},
    summary="Results of a wave (published; unpublished for admins and analysts on request)",
)
def results(
    request: HttpRequest,
    code: str = CODE,
    wave: str | None = WAVE,
    indicator: str | None = INDICATOR,
    leefdomein: Leefdomein | None = None,
    domain_type: DomainType | None = DOMAIN_TYPE,
    domain: str | None = DOMAIN,
    unpublished: bool = False,
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> Any:
    """Cijfers van een meting per indicator en domein, met betrouwbaarheidsinterval.

    Een onderdrukte cel heeft geen getallen. Met ETag (304 bij If-None-Match).
    """
    municipality = access.municipality_or_404(code)
    view = access.staff_view(request.auth, municipality, unpublished=unpublished)  # type: ignore[attr-defined]
    return _results(request, view, wave, indicator, leefdomein, domain_type, domain, limit, offset)


def _results(
    request: HttpRequest,
    view: access.View,
    wave: str | None,
    indicator: str | None,
    leefdomein: str | None,
    domain_type: str | None,
    domain: str | None,
    limit: int,
    offset: int,
) -> Any:
    run = reading.run_or_404(view, wave)
    etag = reading.etag_for(request, view, *reading.run_etag_parts(run))
    cached = reading.not_modified(request, etag)
    if cached is not None:
        return cached
    data = reading.results_page(
        view,
        run,
        indicator=indicator,
        leefdomein=leefdomein,
        domain_type=domain_type,
        domain=domain,
        limit=limit,
        offset=offset,
    )
    return _answer(request, view, etag, ResultPage(**data).model_dump(mode="json", by_alias=True))


@staff.get(
    "/municipalities/{code}/indicators",
    response={200: InstrumentOut, 304: None, **ERRORS},
    summary="The instrument of a wave and its indicators",
)
def indicators(request: HttpRequest, code: str = CODE, wave: str | None = WAVE, lang: Language = "nl") -> Any:
    """De vragenlijst van een meting en haar indicatoren (met leefdomein, eenheid en richting)."""
    municipality = access.municipality_or_404(code)
    view = access.staff_view(request.auth, municipality)  # type: ignore[attr-defined]
    return _indicators(request, view, wave, lang)


def _indicators(request: HttpRequest, view: access.View, wave: str | None, lang: str) -> Any:
    run = reading.run_or_404(view, wave)
    etag = reading.etag_for(request, view, run.wave.instrument.sha256)
    cached = reading.not_modified(request, etag)
    if cached is not None:
        return cached
    data = InstrumentOut(**reading.instrument_info(run, lang)).model_dump(mode="json", by_alias=True)
    return _answer(request, view, etag, data)


@staff.get("/municipalities/{code}/waves", response={200: list[WaveOut], **ERRORS}, summary="Waves")
def waves(request: HttpRequest, code: str = CODE) -> Any:
    """De metingen van een gemeente; met respons voor wie de monitor mag zien."""
    caller = request.auth  # type: ignore[attr-defined]
    municipality = access.municipality_or_404(code)
    view = access.staff_view(caller, municipality)
    monitor = access.can_action(caller, "view_monitor", municipality)
    return reading.waves(view, with_response=True, all_waves=monitor)


@staff.get(
    "/municipalities/{code}/waves/{wave}/response-rates",
    response={200: ResponseRatesOut, **ERRORS},
    summary="Response rates per school (a school coordinator sees only their own schools)",
)
def response_rates(request: HttpRequest, code: str = CODE, wave: str = WAVE_PATH) -> Any:
    """Respons per school van een meting; een zorgcoördinator ziet alleen de eigen scholen."""
    caller = request.auth  # type: ignore[attr-defined]
    municipality = access.municipality_or_404(code)
    access.require(caller, "view_monitor", municipality)
    found = Wave.objects.filter(municipality=municipality, code=wave).first()
    if found is None:
        raise access.ApiError(404, "Deze meting bestaat niet.")
    return reading.response_rates(found, visible_schools(caller, "view_monitor", municipality))


@staff.get(
    "/municipalities/{code}/areas", response={200: FeatureCollection, **ERRORS}, summary="Areas as GeoJSON"
)
def areas(request: HttpRequest, code: str = CODE, level: Level = AreaLevel.WIJK.value) -> Any:  # type: ignore[assignment]
    """De gebieden van een gemeente (wijk, buurt, PC4) als GeoJSON FeatureCollection."""
    municipality = access.municipality_or_404(code)
    view = access.staff_view(request.auth, municipality)  # type: ignore[attr-defined]
    return reading.areas(view, level)


@staff.get(
    "/municipalities/{code}/action-points",
    response={200: ActionPointPage, **ERRORS},
    summary="Action points of the policy cycle and their status",
)
def action_points(
    request: HttpRequest,
    code: str = CODE,
    status: ActionStatus | None = None,
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> Any:
    """De actiepunten van de beleidscyclus met hun status, in pagina's."""
    caller = request.auth  # type: ignore[attr-defined]
    municipality = access.municipality_or_404(code)
    access.require(caller, "view_cycle", municipality)
    items = reading.action_points(access.View(municipality, False, frozenset()), status=status)
    return {"count": len(items), "limit": limit, "offset": offset, "items": items[offset : offset + limit]}


@staff.get(
    "/municipalities/{code}/action-points/{number}",
    response={200: ActionPointOut, **ERRORS},
    summary="One action point",
)
def action_point(request: HttpRequest, code: str = CODE, number: int = Path(..., ge=1, le=32767)) -> Any:
    """Eén actiepunt van de beleidscyclus."""
    caller = request.auth  # type: ignore[attr-defined]
    municipality = access.municipality_or_404(code)
    access.require(caller, "view_cycle", municipality)
    items = reading.action_points(access.View(municipality, False, frozenset()), number=number)
    if not items:
        raise access.ApiError(404, "Dit actiepunt bestaat niet.")
    return items[0]


# -- public ---------------------------------------------------------------------------------------------


@public.get(
    "/municipalities", response={200: list[MunicipalityOut], 429: Problem}, summary="Open municipalities"
)
def public_municipalities(request: HttpRequest) -> Any:
    """De gemeenten die hun gepubliceerde resultaten openbaar maakten."""
    chosen = PublicResults.objects.filter(public=True).select_related("municipality")
    return sorted(
        ({"code": p.municipality.code, "name": p.municipality.name} for p in chosen), key=lambda m: m["code"]
    )


@public.get(
    "/municipalities/{code}/results",
    response={200: ResultPage, 304: None, **PUBLIC_ERRORS},
    summary="Published results of an open municipality",
)
def public_results(
    request: HttpRequest,
    code: str = CODE,
    wave: str | None = WAVE,
    indicator: str | None = INDICATOR,
    leefdomein: Leefdomein | None = None,
    domain_type: DomainType | None = DOMAIN_TYPE,
    domain: str | None = DOMAIN,
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> Any:
    """Gepubliceerde cijfers van een open gemeente; nooit per school. Met ETag (304 bij If-None-Match)."""
    view = access.public_view(code)
    return _results(request, view, wave, indicator, leefdomein, domain_type, domain, limit, offset)


@public.get(
    "/municipalities/{code}/indicators",
    response={200: InstrumentOut, 304: None, **PUBLIC_ERRORS},
    summary="Instrument and indicators of an open municipality",
)
def public_indicators(
    request: HttpRequest, code: str = CODE, wave: str | None = WAVE, lang: Language = "nl"
) -> Any:
    """De vragenlijst en indicatoren van een open gemeente."""
    return _indicators(request, access.public_view(code), wave, lang)


@public.get(
    "/municipalities/{code}/waves",
    response={200: list[WaveOut], **PUBLIC_ERRORS},
    summary="Waves with published results of an open municipality",
)
def public_waves(request: HttpRequest, code: str = CODE) -> Any:
    """De metingen met gepubliceerde resultaten van een open gemeente."""
    return reading.waves(access.public_view(code), with_response=False, all_waves=False)


@public.get(
    "/municipalities/{code}/areas",
    response={200: FeatureCollection, **PUBLIC_ERRORS},
    summary="Areas of an open municipality as GeoJSON",
)
def public_areas(request: HttpRequest, code: str = CODE, level: Level = AreaLevel.WIJK.value) -> Any:  # type: ignore[assignment]
    """De gebieden van een open gemeente als GeoJSON."""
    return reading.areas(access.public_view(code), level)


api.add_router("/v1/", staff)
api.add_router("/v1/public/", public)
api.add_router("/v1/", factors_router)  # risk and protective factors (kansrijk.api.factors)


def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    """Unknown paths under /api/ answer in the API's error shape, not with an HTML page."""
    return problem_response(request, 404, "Dit adres bestaat niet in de API.")
