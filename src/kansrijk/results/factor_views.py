"""The "Risico- en beschermende factoren" pages: per leefdomein of the Icelandic model, the classic IPM pairs
and any outcome × factor the municipality picks, with the chart as JSON for vega-embed.

The numbers come from :mod:`.factors` (the same as the council report's chapter and the API). Permissions as
the dashboard: published results for every staff role, unpublished runs for those who may see them.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from kansrijk.accounts.models import Municipality
from kansrijk.accounts.permissions import require
from kansrijk.reporting.factor_charts import factor_chart
from kansrijk.reporting.formatting import format_count, format_value

from . import factors, present
from .views import _choice, _no_results, _qs, _render, _scope

#: The guarded test in words (only 'vaker' / 'minder vaak' where the guard of `multiplicity` lets it say so).
_FLAG_WORDS = {
    "higher": lambda: _("vaker"),
    "lower": lambda: _("minder vaak"),
    "no_difference": lambda: _("geen verschil"),
}


def _level_rows(result: factors.FactorResult, language: str) -> list[dict[str, Any]]:
    rows = []
    for lv in result.levels:
        crude, crude_ci = factors.format_ratio(lv.odds_ratio, lv.or_ci_low, lv.or_ci_high, language)
        adjusted, adjusted_ci = factors.format_ratio(
            lv.adjusted_odds_ratio, lv.adjusted_or_ci_low, lv.adjusted_or_ci_high, language
        )
        rows.append(
            {
                "level": lv,
                "value": format_value(lv.estimate, "percentage", 1, language)
                if lv.estimate is not None
                else "",
                "ci": (
                    f"{format_value(lv.ci_low, 'percentage', 1, language)}–"
                    f"{format_value(lv.ci_high, 'percentage', 1, language)}"
                    if lv.ci_low is not None and lv.ci_high is not None
                    else ""
                ),
                "n": format_count(lv.n, language),
                "crude": crude,
                "crude_ci": crude_ci,
                "adjusted": adjusted,
                "adjusted_ci": adjusted_ci,
                "p": factors.p_text(lv.adjusted_p_value, language),
                "flag": _FLAG_WORDS.get(str(lv.adjusted_flag), lambda: "")(),
            }
        )
    return rows


@require("view_published_results")
def factors_page(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    scope = _scope(request, municipality)
    if scope is None:
        return _no_results(request, municipality)
    language = present.lang()
    instrument = present.instrument_of(scope.run.wave)
    domains = [(c, label) for c, label in present.leefdomeinen(language) if c in factors.FACTOR_DOMAINS]
    domain = _choice(request.GET.get("leefdomein"), [c for c, _l in domains], domains[0][0])
    outcomes = factors.outcome_choices(instrument, language)
    factor_options = factors.factor_choices(instrument, language, domain)
    pairs = factors.pairs_overview(scope.run, domain, language)
    default_factor, default_outcome = (
        (pairs[0].factor, pairs[0].outcome) if pairs else (factor_options[0][0], outcomes[0][0])
    )
    outcome = _choice(request.GET.get("uitkomst"), [c for c, _l in outcomes], default_outcome)
    factor = _choice(request.GET.get("factor"), [c for c, _l in factor_options], default_factor)
    error = ""
    result = None
    try:
        result = factors.factor_result(scope.run, outcome, factor, language)
    except factors.FactorError as exc:
        error = str(exc)
    base = {"meting": scope.run.wave.code, "leefdomein": domain}
    query = base | {"uitkomst": outcome, "factor": factor}
    overview = []
    for pair in pairs:
        with_factor = next((lv for lv in pair.levels if not lv.is_reference), None)
        reference = next((lv for lv in pair.levels if lv.is_reference), None)
        ratio, ratio_ci = factors.format_ratio(
            with_factor.adjusted_odds_ratio if with_factor else None,
            with_factor.adjusted_or_ci_low if with_factor else None,
            with_factor.adjusted_or_ci_high if with_factor else None,
            language,
        )
        overview.append(
            {
                "result": pair,
                "with": _level_rows(pair, language)[0] if pair.levels else None,
                "reference": reference,
                "ratio": ratio,
                "ratio_ci": ratio_ci,
                "multi": len(pair.levels) > 2,
                "url": reverse("results:factors", args=[municipality.code])
                + "?"
                + _qs(base | {"uitkomst": pair.outcome, "factor": pair.factor}),
            }
        )
    return _render(
        request,
        "results/factors.html",
        {
            "municipality": municipality,
            "scope": scope,
            "run": scope.run,
            "domains": domains,
            "domain": domain,
            "domain_label": dict(domains)[domain],
            "outcomes": outcomes,
            "factor_options": factor_options,
            "outcome": outcome,
            "factor": factor,
            "overview": overview,
            "result": result,
            "rows": _level_rows(result, language) if result else [],
            "error": error,
            # no chart when every level is hidden: the table says why (an empty chart would be a blank box)
            "chart_url": reverse("results:factors_chart", args=[municipality.code]) + "?" + _qs(query)
            if result is not None and any(not lv.suppressed for lv in result.levels)
            else "",
            "domain_urls": [
                (
                    c,
                    label,
                    reverse("results:factors", args=[municipality.code])
                    + "?"
                    + _qs(base | {"leefdomein": c}),
                )
                for c, label in domains
            ],
        },
    )


@require("view_published_results")
def factors_chart(request: HttpRequest, municipality: Municipality) -> JsonResponse:
    scope = _scope(request, municipality)
    if scope is None:
        raise Http404
    language = present.lang()
    try:
        result = factors.factor_result(
            scope.run, request.GET.get("uitkomst", ""), request.GET.get("factor", ""), language
        )
    except factors.FactorError as exc:
        raise Http404(str(exc)) from exc
    chart = factor_chart(
        [
            {
                "label": lv.label,
                "estimate": lv.estimate,
                "ci_low": lv.ci_low,
                "ci_high": lv.ci_high,
                "n": lv.n,
                "suppressed": lv.suppressed,
            }
            for lv in result.levels
        ],
        factor_label=result.factor_label,
        outcome_label=result.outcome_label,
        lang=language,
    )
    return JsonResponse(chart.spec, json_dumps_params={"ensure_ascii": False})
