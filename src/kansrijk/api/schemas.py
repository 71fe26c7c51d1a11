"""Shapes of the API's answers (OpenAPI 3 components). Numbers of a suppressed cell are always null.

Properties are lowerCamelCase on the wire (:class:`~.adr.CamelSchema`: ``ci_low`` is sent as ``ciLow``), as
the NL API Design Rules ask; values (``school_grade``, ``substance_use``) are codes and stay as they are.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from .adr import CamelSchema


class ParamLocation(Schema):
    name: str = Field(description="De parameter, zoals de client hem stuurde (bv. domainType).")


class InvalidParam(Schema):
    in_: str = Field(alias="in", description="query, path of header")
    location: ParamLocation
    code: str = Field(description="Soort fout, bv. int_parsing of literal_error.")
    detail: str


class Problem(CamelSchema):
    """An error, as RFC 9457 problem details (``application/problem+json``); see :mod:`.errors`."""

    type: str = Field(description="Soort fout (een URI); uitgelegd in de ontwikkelaarsdocumentatie.")
    title: str = Field(description="Korte, vaste omschrijving van de soort fout.")
    status: int = Field(description="De HTTP-statuscode.")
    detail: str = Field(description="Wat er in dit geval mis is en wat u kunt doen.")
    instance: str = Field(description="Het gevraagde pad.")
    code: str = Field(description="Stabiele naam van de fout, bv. not_found of rate_limited.")
    errors: list[InvalidParam] | None = Field(None, description="Bij ongeldige invoer: per parameter.")


class RunOut(CamelSchema):
    version: int
    published: bool
    published_at: dt.datetime | None = None


class WaveRef(CamelSchema):
    code: str
    name: str


class ResultOut(CamelSchema):
    indicator: str
    unit: str
    domain_type: str
    domain: str
    estimate: float | None = None
    se: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    n: int | None = Field(None, description="Unweighted respondents in the denominator.")
    deff: float | None = Field(None, description="Design effect; null without microdata rights.")
    suppressed: str | None = Field(
        None,
        description="A withheld cell: the reason for callers with microdata rights, 'niet gepubliceerd' for "
        "everyone else; then every number is null. Without microdata rights figures are rounded (0.1 point).",
    )
    reliability: str = ""
    vs_total: str | None = None
    prev_estimate: float | None = None
    trend_difference: float | None = None
    trend_p: float | None = None
    trend: str | None = None
    reference_estimate: float | None = None
    reference: str | None = None


class ResultPage(CamelSchema):
    municipality: str
    wave: WaveRef
    run: RunOut
    count: int
    limit: int
    offset: int
    items: list[ResultOut]


class IndicatorOut(CamelSchema):
    code: str
    label: str
    leefdomein: str
    unit: str
    direction: str


class InstrumentOut(CamelSchema):
    code: str
    version: str
    title: str
    sha256: str
    languages: list[str]
    items: int
    indicators: list[IndicatorOut]


class ResponseCounts(CamelSchema):
    expected: int
    started: int
    completed: int
    refused: int
    rate: float | None = None


class WaveOut(CamelSchema):
    code: str
    name: str
    status: str
    window_start: dt.date
    window_end: dt.date
    grades: list[int]
    instrument: str
    results_published: bool
    response: ResponseCounts | None = None


class SchoolResponse(ResponseCounts):
    school: str
    name: str


class ResponseRatesOut(CamelSchema):
    wave: WaveRef
    total: ResponseCounts
    schools: list[SchoolResponse]


class ActionPointOut(CamelSchema):
    number: int
    title: str
    status: str
    owner: str
    partners: list[str]
    start_date: dt.date | None = None
    due_date: dt.date | None = None
    themes: list[int]
    risk_groups: list[str]
    indicators: list[str]
    updated_at: dt.datetime


class ActionPointPage(CamelSchema):
    count: int
    limit: int
    offset: int
    items: list[ActionPointOut]


class Feature(CamelSchema):
    type: Literal["Feature"] = "Feature"
    geometry: dict[str, Any] | None = None
    properties: dict[str, Any]


class FeatureCollection(CamelSchema):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[Feature]


class MunicipalityOut(CamelSchema):
    code: str
    name: str


class GrantOut(CamelSchema):
    municipality: str
    role: str
    schools: list[str]


class MeOut(CamelSchema):
    kind: Literal["token", "user"]
    name: str
    grants: list[GrantOut]
