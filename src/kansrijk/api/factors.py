"""Risk and protective factors through the API: the numbers of the "Risico- en beschermende factoren" page.

``GET /api/v1/municipalities/{code}/factors?outcome=drunk_30d&factor=peers_drunk_most`` answers one outcome ×
factor table of :mod:`kansrijk.results.factors` (the same function the page and the council report call):
per factor level the percentage with its 95% CI, n, and the crude and grade-and-gender-adjusted odds ratio
against the reference level with CI and p. A hidden level carries no numbers at all (disclosure control).
A factor is a percentage indicator or ``item:<name>`` for a select_one item.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Path, Query, Router
from pydantic import Field

from kansrijk.results import factors as results_factors

from . import access, reading
from .adr import CamelSchema
from .auth import StaffSession, TokenAuth
from .errors import ApiError
from .schemas import Problem

router = Router(auth=[TokenAuth(), StaffSession()], tags=["staff"], by_alias=True)


class FactorLevelOut(CamelSchema):
    level: str = Field(description="Antwoordcode van het niveau (bij een indicator: 1 = ja, 0 = nee).")
    label: str
    is_reference: bool = Field(description="De vergelijkingsgroep (odds ratio 1).")
    suppressed: bool = Field(
        description="Niet gepubliceerd: te weinig leerlingen; dan zijn alle getallen null."
    )
    estimate: float | None = Field(None, description="Aandeel met de uitkomst (0–1).")
    ci_low: float | None = None
    ci_high: float | None = None
    n: int
    odds_ratio: float | None = None
    or_ci_low: float | None = None
    or_ci_high: float | None = None
    p_value: float | None = None
    adjusted_odds_ratio: float | None = Field(None, description="Gecorrigeerd voor leerjaar en geslacht.")
    adjusted_or_ci_low: float | None = None
    adjusted_or_ci_high: float | None = None
    adjusted_p_value: float | None = None
    flag: str | None = Field(
        None,
        description="De getoetste samenhang (ruw) na Benjamini–Hochberg en minimaal relevant verschil: "
        "higher, lower of no_difference; leeg voor de vergelijkingsgroep of een verborgen niveau.",
    )
    adjusted_flag: str | None = Field(None, description="Hetzelfde voor de gecorrigeerde odds ratio.")


class FactorOut(CamelSchema):
    wave: str
    outcome: str
    outcome_label: str
    factor: str
    factor_label: str
    sentence: str = Field(description="Dezelfde zin als op de pagina.")
    levels: list[FactorLevelOut]


@router.get(
    "/municipalities/{code}/factors",
    response={
        200: FactorOut,
        304: None,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        429: Problem,
    },
    summary="Outcome by a risk or protective factor, with crude and adjusted odds ratios",
)
def factors(
    request: HttpRequest,
    code: str = Path(..., pattern=r"^GM\d{4}$", description="CBS-gemeentecode", example="GM9999"),
    outcome: str = Query(
        "drunk_30d", pattern=r"^[a-z0-9_]{1,64}$", description="Indicatorcode van de uitkomst."
    ),
    factor: str = Query(
        "peers_drunk_most",
        pattern=r"^(item:)?[a-z0-9_]{1,64}$",
        description="Indicatorcode, of item:<vraag> voor een vraag.",
    ),
    wave: str | None = Query(None, pattern=r"^[-a-zA-Z0-9_]{1,40}$", description="Code van de meting."),
    lang: str = Query("nl", pattern=r"^(nl|en)$"),
) -> Any:
    """De uitkomst per niveau van een risico- of beschermende factor, met odds ratio's (ruw en
    gecorrigeerd)."""
    municipality = access.municipality_or_404(code)
    view = access.staff_view(request.auth, municipality)  # type: ignore[attr-defined]
    run = reading.run_or_404(view, wave)
    etag = reading.etag_for(request, view, *reading.run_etag_parts(run))
    cached = reading.not_modified(request, etag)
    if cached is not None:
        return cached
    try:
        result = results_factors.factor_result(run, outcome, factor, lang)
    except results_factors.FactorError as exc:
        raise ApiError(404, str(exc)) from exc
    data = FactorOut(
        wave=run.wave.code,
        outcome=result.outcome,
        outcome_label=result.outcome_label,
        factor=result.factor,
        factor_label=result.factor_label,
        sentence=result.sentence,
        levels=[
            FactorLevelOut(
                level=lv.code,
                label=lv.label,
                is_reference=lv.is_reference,
                suppressed=lv.suppressed,
                estimate=lv.estimate,
                ci_low=lv.ci_low,
                ci_high=lv.ci_high,
                n=lv.n,
                odds_ratio=lv.odds_ratio,
                or_ci_low=lv.or_ci_low,
                or_ci_high=lv.or_ci_high,
                p_value=lv.p_value,
                adjusted_odds_ratio=lv.adjusted_odds_ratio,
                adjusted_or_ci_low=lv.adjusted_or_ci_low,
                adjusted_or_ci_high=lv.adjusted_or_ci_high,
                adjusted_p_value=lv.adjusted_p_value,
                flag=lv.flag,
                adjusted_flag=lv.adjusted_flag,
            )
            for lv in result.levels
        ],
    ).model_dump(mode="json", by_alias=True)
    response = reading.json_response(data)
    reading.set_caching(response, view, etag)
    return response
