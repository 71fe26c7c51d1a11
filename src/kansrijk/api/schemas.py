"""Shapes of the API's answers (OpenAPI 3 components). Numbers of a suppressed cell are always null."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Schema
from pydantic import Field


class ErrorDetail(Schema):
    code: str
    message: str
    details: Any = None


class ErrorOut(Schema):
    error: ErrorDetail


class RunOut(Schema):
    version: int
    published: bool
    published_at: dt.datetime | None = None


class WaveRef(Schema):
    code: str
    name: str


class ResultOut(Schema):
    indicator: str
    unit: str
    domain_type: str
    domain: str
    estimate: float | None = None
    se: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    n: int | None = Field(None, description="Unweighted respondents in the denominator.")
    deff: float | None = None
    suppressed: str | None = Field(None, description="Why the cell is withheld; then every number is null.")
    reliability: str = ""
    vs_total: str | None = None
    prev_estimate: float | None = None
    trend_difference: float | None = None
    trend_p: float | None = None
    trend: str | None = None
    reference_estimate: float | None = None
    reference: str | None = None


class ResultPage(Schema):
    municipality: str
    wave: WaveRef
    run: RunOut
    count: int
    limit: int
    offset: int
    items: list[ResultOut]


class IndicatorOut(Schema):
    code: str
    label: str
    leefdomein: str
    unit: str
    direction: str


class InstrumentOut(Schema):
    code: str
    version: str
    title: str
    sha256: str
    languages: list[str]
    items: int
    indicators: list[IndicatorOut]


class ResponseCounts(Schema):
    expected: int
    started: int
    completed: int
    refused: int
    rate: float | None = None


class WaveOut(Schema):
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


class ResponseRatesOut(Schema):
    wave: WaveRef
    total: ResponseCounts
    schools: list[SchoolResponse]


class ActionPointOut(Schema):
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


class ActionPointPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ActionPointOut]


class Feature(Schema):
    type: Literal["Feature"] = "Feature"
    geometry: dict[str, Any] | None = None
    properties: dict[str, Any]


class FeatureCollection(Schema):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[Feature]


class MunicipalityOut(Schema):
    code: str
    name: str


class GrantOut(Schema):
    municipality: str
    role: str
    schools: list[str]


class MeOut(Schema):
    kind: Literal["token", "user"]
    name: str
    grants: list[GrantOut]
