"""How each risk group is doing: the risk group as the survey can define it, every indicator against the rest.

A risk group of Kinderen op de Kaart maps to a *survey definition*: the pupils for whom a percentage
indicator holds (pupils with a parent in prison: ``parent_detention``; low family affluence: ``fas_low``; …).
The mapping is data, editable per municipality (:class:`~.models_survey.RiskGroupSurvey`), and starts from a
suggestion that must carry the risk group's tag in the instrument (:data:`SUGGESTED`). For the latest
published run, every percentage indicator is shown for the group against the rest of the pupils
(:func:`kansrijk.analysis.factors.group_profile`: domain estimates, a design-based test, disclosure control
over the group, the rest and the published total), computed by the results app behind
:class:`~.indicators.ResultsSource`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kansrijk.accounts.models import Municipality
from kansrijk.accounts.permissions import require
from kansrijk.accounts.services import audit
from kansrijk.instrument import Instrument

from .indicators import results_source
from .models_survey import RiskGroupSurvey

#: The suggested survey definition of each risk group (used when the municipality set none, and only if the
#: instrument tags the indicator with the group). Groups the survey cannot define have none.
SUGGESTED: dict[str, str] = {
    "armoede": "fas_low",
    "ouders_ggz_verslaving": "parent_ill_addict",
    "schoolverlaters": "diploma_doubt",
    "huiselijk_geweld": "violence_witnessed",
    "amv_statushouders": "newcomer_5y",
    "zwerfjongeren": "no_home_night",
    "huisuitzetting": "money_worries",
    "risicojeugd": "delinquency",
    "middelengebruik": "drunk_30d",
    "ouder_detentie": "parent_detention",
    "pesten": "bullied_school",
}


def suggested(code: str, instrument: Instrument) -> str:
    """The suggestion for a risk group, if the instrument has it as a percentage tagged with the group."""
    want = SUGGESTED.get(code, "")
    for ind in instrument.indicators:
        if ind.code == want and ind.unit == "percentage" and code in ind.risk_groups:
            return want
    return ""


def definition(risk_group: Any, instrument: Instrument) -> tuple[str, bool]:
    """(indicator code or "", whether the municipality set it itself)."""
    stored = RiskGroupSurvey.objects.filter(risk_group=risk_group).first()
    if stored is not None:
        return stored.indicator, True
    return suggested(risk_group.code, instrument), False


def choices(instrument: Instrument, code: str, language: str = "nl") -> list[tuple[str, str]]:
    """Percentage indicators that can define a group: the group's own tagged ones first, then the rest."""
    tagged = [i for i in instrument.indicators if i.unit == "percentage" and code in i.risk_groups]
    other = [i for i in instrument.indicators if i.unit == "percentage" and code not in i.risk_groups]
    return [(i.code, str(i.label.get(language) or i.label.get("nl") or i.code)) for i in [*tagged, *other]]


@dataclass(frozen=True)
class GroupRow:
    code: str
    label: str
    group: str  # formatted, "" when hidden
    rest: str
    hidden: bool
    direction: str | None  # higher / lower / no_difference (None: hidden or not tested)
    worse: bool  # the group is worse off (direction against the indicator's good side)


@dataclass(frozen=True)
class GroupProfile:
    indicator: str
    label: str
    own: bool
    wave: str
    n_group: int
    rows: tuple[GroupRow, ...]


def _language(language: str | None) -> str:
    return language or ("en" if (get_language() or "nl").startswith("en") else "nl")


def _label(ind: Any, language: str) -> str:
    return str(ind.label.get(language) or ind.label.get("nl") or ind.code)


def profile(risk_group: Any, language: str | None = None) -> GroupProfile | None:
    """Every percentage indicator for the risk group's pupils against the rest, in the latest published run.

    None when the group has no survey definition, there is no published run, or its wave lacks the item.
    The figures come through :class:`~.indicators.ResultsSource` (``group_profile``), like every published
    figure the cycle shows.
    """
    from kansrijk.reporting.formatting import format_value

    language = _language(language)
    source = results_source()
    municipality = risk_group.municipality.code
    instrument = None if source is None else source.instrument(municipality)
    if source is None or instrument is None:
        return None
    code, own = definition(risk_group, instrument)
    info = {ind.code: ind for ind in instrument.indicators}
    if not code or code not in info:
        return None
    table = source.group_profile(municipality, code)
    if table is None:
        return None
    rows = []
    for r in table.rows:
        ind = info[r.code]
        worse_if = "higher" if ind.direction == "higher_is_worse" else "lower"
        rows.append(
            GroupRow(
                ind.code,
                _label(ind, language),
                "" if r.hidden else format_value(r.group, "percentage", 1, language),
                "" if r.hidden else format_value(r.rest, "percentage", 1, language),
                r.hidden,
                r.direction,
                r.direction == worse_if,
            )
        )
    return GroupProfile(code, _label(info[code], language), own, table.wave, table.n_group, tuple(rows))


def _instrument(municipality: Any) -> Instrument | None:
    """The questionnaire of the newest run, published or not (its indicators are choices, not figures)."""
    source = results_source()
    return None if source is None else source.instrument(municipality.code, include_unpublished=True)


def form(risk_group: Any) -> dict[str, Any] | None:
    """What the edit form needs: the current definition, whether it is the municipality's own, the choices."""
    instrument = _instrument(risk_group.municipality)
    if instrument is None:
        return None
    current, own = definition(risk_group, instrument)
    return {
        "current": current,
        "own": own,
        "suggested": suggested(risk_group.code, instrument),
        "choices": choices(instrument, risk_group.code, _language(None)),
    }


@require_POST
@require("edit_cycle")
def edit_definition(request: HttpRequest, municipality: Municipality, group: str) -> HttpResponse:
    """Set (or clear) the survey definition of a risk group; audit-logged."""
    from .models import RiskGroup

    rg = get_object_or_404(RiskGroup, municipality=municipality, code=group)
    instrument = _instrument(municipality)
    wanted = request.POST.get("indicator", "").strip()
    allowed = {c for c, _l in choices(instrument, rg.code)} if instrument is not None else set()
    if wanted and wanted not in allowed:
        messages.error(request, _("Kies een indicator van de vragenlijst."))
    else:
        RiskGroupSurvey.objects.update_or_create(
            risk_group=rg,
            defaults={
                "indicator": wanted,
                "updated_by": request.user if request.user.is_authenticated else None,
            },
        )
        audit(request.user, "cycle_risk_group_survey", municipality=municipality, obj=rg, indicator=wanted)
        messages.success(request, _("De definitie in de vragenlijst is opgeslagen."))
    return redirect("cycle:risk_group", code=municipality.code, group=rg.code)
