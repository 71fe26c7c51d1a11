"""Staff pages under ``/gemeente/<code>/vragenlijsten/``: the instrument versions, upload, compare, and one
version with its summary, pages, indicators and an item preview in any of its languages.

Viewing needs ``view_monitor``, uploading ``manage_waves`` (``accounts.permissions``). The preview works
without JavaScript: a GET form picks the item and the language; the text direction comes from
``Instrument.is_rtl`` — never guessed from the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kansrijk.accounts.models import Municipality
from kansrijk.accounts.permissions import can, require
from kansrijk.instrument import Group, Instrument, InstrumentDiff, Item, item_hash, summarize
from kansrijk.vocabulary import DOMAINS, LANGUAGES, RISK_GROUPS

from . import instrument_services as isv
from .models import InstrumentVersion, Wave
from .questionnaire import ItemView, item_view

TEMPLATES = "fieldwork/"


# -- forms ------------------------------------------------------------------------------------------------
class InstrumentUploadForm(forms.Form):
    bestand = forms.FileField(
        label=gettext_lazy("XLSForm-bestand (.xlsx)"),
        help_text=gettext_lazy(
            "Met de bladen survey, choices, settings (form_id, version) en eventueel indicators; "
            "hoogstens 5 MB."
        ),
    )

    def clean_bestand(self) -> Any:
        upload = self.cleaned_data["bestand"]
        if upload.size > isv.MAX_XLSFORM_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 5 MB."))
        if not (upload.name or "").lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Kies een .xlsx-bestand (Excel); een XLSForm is een werkmap."))
        return upload


# -- presentation -----------------------------------------------------------------------------------------
def _ui_lang() -> str:
    """The staff page's language as an instrument language: English when the page is English, else Dutch."""
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def _term_label(terms: tuple[Any, ...], code: str) -> str:
    en = _ui_lang() == "en"
    for term in terms:
        if term.code == code:
            return str(term.en if en else term.nl)
    return code


def _language_label(lang: str) -> str:
    """The language's name in the staff page's language (the preview's select shows the native name)."""
    return {
        "nl": _("Nederlands"),
        "en": _("Engels"),
        "ar": _("Arabisch"),
        "pl": _("Pools"),
        "tr": _("Turks"),
        "uk": _("Oekraïens"),
    }.get(lang, lang)


def _direction_label(direction: str) -> str:
    return {
        "higher_is_better": _("hoger is beter"),
        "higher_is_worse": _("hoger is slechter"),
        "neutral": _("neutraal"),
    }.get(direction, direction)


def _unit_label(unit: str) -> str:
    return {"percentage": _("percentage"), "mean": _("gemiddelde")}.get(unit, unit)


@dataclass(frozen=True)
class VersionRow:
    version: InstrumentVersion
    languages: tuple[str, ...]
    items: int
    indicators: int
    own_waves: list[Wave]
    other_waves: int

    @property
    def locked(self) -> bool:
        return bool(self.own_waves) or self.other_waves > 0


def _version_rows(municipality: Municipality) -> list[VersionRow]:
    rows = []
    waves = list(Wave.objects.only("pk", "name", "code", "instrument_id", "municipality_id"))
    for version in InstrumentVersion.objects.defer("xlsform").order_by("code", "-uploaded_at"):
        instrument = isv.parsed(version)
        used = [w for w in waves if w.instrument_id == version.pk]
        rows.append(
            VersionRow(
                version=version,
                languages=instrument.languages,
                items=sum(1 for i in instrument.items if i.answerable),
                indicators=len(instrument.indicators),
                own_waves=[w for w in used if w.municipality_id == municipality.pk],
                other_waves=sum(1 for w in used if w.municipality_id != municipality.pk),
            )
        )
    return rows


def _list_context(request: HttpRequest, municipality: Municipality, **extra: Any) -> dict[str, Any]:
    isv.ensure_default_instrument()
    rows = _version_rows(municipality)
    return {
        "municipality": municipality,
        "rows": rows,
        "can_upload": can(request.user, "manage_waves", municipality),
        "upload_form": InstrumentUploadForm(),
        "compare_choices": [(r.version.pk, f"{r.version.code} {r.version.version}") for r in rows],
        **extra,
    }


# -- list, upload, compare --------------------------------------------------------------------------------
@require("view_monitor")
def instrument_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    return render(request, TEMPLATES + "instrument_list.html", _list_context(request, municipality))


@require_POST
@require("manage_waves")
def instrument_upload(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    form = InstrumentUploadForm(request.POST, request.FILES)
    problems: tuple[Any, ...] = ()
    if form.is_valid():
        upload = form.cleaned_data["bestand"]
        try:
            result = isv.import_instrument(
                request.user, upload.read(), municipality=municipality, filename=upload.name or ""
            )
        except isv.InstrumentImportFailed as exc:
            problems = exc.errors
        else:
            v = result.version
            if result.created:
                messages.success(
                    request,
                    _("Vragenlijst %(code)s versie %(version)s is opgeslagen.")
                    % {"code": v.code, "version": v.version},
                )
            else:
                messages.info(
                    request,
                    _("Dit bestand was al opgeslagen als %(code)s versie %(version)s; er is niets veranderd.")
                    % {"code": v.code, "version": v.version},
                )
            url = reverse("fieldwork:instrument_detail", args=[municipality.code, v.pk])
            return HttpResponseRedirect(url)
    context = _list_context(request, municipality, upload_form=form, problems=problems)
    return render(request, TEMPLATES + "instrument_list.html", context, status=400)


@dataclass(frozen=True)
class DiffView:
    old: InstrumentVersion
    new: InstrumentVersion
    items_added: list[str]
    items_removed: list[str]
    items_changed: list[tuple[str, str]]
    indicators_added: list[str]
    indicators_removed: list[str]
    indicators_changed: list[tuple[str, str]]
    comparable_items: int
    comparable_indicators: int

    @property
    def old_label(self) -> str:
        return f"{self.old.code} {self.old.version}"

    @property
    def new_label(self) -> str:
        return f"{self.new.code} {self.new.version}"

    @property
    def trend_lost(self) -> list[str]:
        """Indicators of the old version whose trend breaks: changed (by hash) or gone."""
        return sorted([c for c, _ in self.indicators_changed] + self.indicators_removed)


def _parts_label(parts: tuple[str, ...]) -> str:
    names = {
        "type": _("type"),
        "label": _("vraagtekst"),
        "hint": _("toelichting"),
        "choices": _("antwoorden"),
        "relevant": _("wie krijgt de vraag (relevant)"),
        "constraint": _("controle (constraint)"),
        "expression": _("formule"),
        "denominator": _("noemer"),
        "unit": _("eenheid"),
        "min_answered": _("minimaal beantwoord"),
        "items": _("onderliggende vragen"),
    }
    return ", ".join(names.get(p, p) for p in parts)


def _diff_view(old: InstrumentVersion, new: InstrumentVersion, diff: InstrumentDiff) -> DiffView:
    def names(kind: str, status: str) -> list[str]:
        return [c.name for c in diff.changes if c.kind == kind and c.status == status]

    def changed(kind: str) -> list[tuple[str, str]]:
        return [
            (c.name, _parts_label(c.parts)) for c in diff.changes if c.kind == kind and c.status == "changed"
        ]

    return DiffView(
        old=old,
        new=new,
        items_added=names("item", "added"),
        items_removed=names("item", "removed"),
        items_changed=changed("item"),
        indicators_added=names("indicator", "added"),
        indicators_removed=names("indicator", "removed"),
        indicators_changed=changed("indicator"),
        comparable_items=len(diff.comparable_items),
        comparable_indicators=len(diff.comparable_indicators),
    )


def _pk(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@require("view_monitor")
def instrument_compare(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    old_pk, new_pk = _pk(request.GET.get("oud")), _pk(request.GET.get("nieuw"))
    context = _list_context(request, municipality, old_pk=old_pk, new_pk=new_pk)
    versions = {r.version.pk: r.version for r in context["rows"]}
    old, new = versions.get(old_pk or 0), versions.get(new_pk or 0)
    if old is not None and new is not None:
        context["diff"] = _diff_view(old, new, isv.compare_versions(old, new))
        status = 200
    else:
        context["compare_error"] = _("Kies twee opgeslagen versies om te vergelijken.")
        status = 400
    return render(request, TEMPLATES + "instrument_compare.html", context, status=status)


# -- one version ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PreviewChoice:
    code: str
    label: str


@dataclass(frozen=True)
class ItemPreview:
    """One item as the pupil sees it in one language (``item``: the pupil page's own view, drawn by its
    template), with what staff need to judge it."""

    name: str
    type: str
    lang: str
    rtl: bool
    language_label: str
    page_label: str
    matrix_label: str
    item: ItemView
    choices: list[PreviewChoice]
    required: bool
    required_message: str
    constraint_message: str
    conditions: list[tuple[str, str]]
    constraint: str
    hash: str
    fallback: bool


def _preview(instrument: Instrument, item: Item, lang: str) -> ItemPreview:
    groups = instrument.ancestors(item.name)
    page: Group | None = groups[0] if groups else None
    matrix = groups[-1] if len(groups) > 1 else None
    conditions = [(_("groep %(name)s") % {"name": g.name}, g.relevant) for g in groups if g.relevant]
    if item.relevant:
        conditions.append((_("vraag %(name)s") % {"name": item.name}, item.relevant))
    view = item_view(instrument, item, lang)
    return ItemPreview(
        name=item.name,
        type=item.type,
        lang=lang,
        rtl=Instrument.is_rtl(lang),
        language_label=_language_label(lang),
        page_label=instrument.label(page, lang) if page is not None else "",
        matrix_label=instrument.label(matrix, lang) if matrix is not None else "",
        item=view,
        choices=[PreviewChoice(code, label) for code, label, _checked in view.choices],
        required=item.required,
        required_message=instrument.label(item.required_message, lang) if item.required_message else "",
        constraint_message=(
            instrument.label(item.constraint_message, lang) if item.constraint_message else ""
        ),
        conditions=conditions,
        constraint=item.constraint or "",
        hash=item_hash(instrument, item),
        fallback=lang != "nl" and not item.label.get(lang),
    )


@dataclass(frozen=True)
class PageView:
    index: int
    name: str
    label: str
    #: (item, its label in the staff page's language)
    rows: list[tuple[Item, str]] = field(default_factory=list)
    #: The page holds the item in the preview (shown opened).
    has_selected: bool = False


@dataclass(frozen=True)
class IndicatorView:
    code: str
    label_nl: str
    label_en: str
    domain: str
    risk_groups: list[str]
    unit: str
    direction: str
    expression: str
    denominator: str


@require("view_monitor")
def instrument_detail(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    version = get_object_or_404(InstrumentVersion.objects.defer("xlsform"), pk=pk)
    instrument = isv.parsed(version)
    ui = _ui_lang()
    item_name = request.GET.get("vraag") or ""
    lang = request.GET.get("taal") or "nl"
    preview_problems: list[str] = []
    if item_name and not instrument.has_item(item_name):
        preview_problems.append(_("Deze vragenlijst heeft geen vraag %(name)s.") % {"name": item_name})
        item_name = ""
    if lang not in instrument.languages:
        preview_problems.append(_("Deze vragenlijst heeft geen taal %(lang)s.") % {"lang": lang})
        lang = "nl"
    if not item_name:
        first = next((i for i in instrument.items if i.answerable), None) or (
            instrument.items[0] if instrument.items else None
        )
        item_name = first.name if first is not None else ""
    pages = [
        PageView(
            index=n,
            name=p.name,
            label=instrument.label(p, ui) if not p.implicit else p.name,
            rows=[(i, instrument.label(i, ui)) for i in p.iter_items()],
            has_selected=any(i.name == item_name for i in p.iter_items()),
        )
        for n, p in enumerate(instrument.pages, start=1)
    ]
    indicators = [
        IndicatorView(
            code=ind.code,
            label_nl=ind.label.get("nl", ""),
            label_en=ind.label.get("en", ""),
            domain=_term_label(DOMAINS, ind.domain),
            risk_groups=[_term_label(RISK_GROUPS, g) for g in ind.risk_groups],
            unit=_unit_label(ind.unit),
            direction=_direction_label(ind.direction),
            expression=ind.expression,
            denominator=ind.denominator or "",
        )
        for ind in instrument.indicators
    ]
    waves = Wave.objects.filter(instrument=version)
    summary = summarize(instrument)
    context = {
        "municipality": municipality,
        "version": version,
        "instrument": instrument,
        "summary": summary,
        "missing_by_language": [
            (lang_code, _language_label(lang_code), n)
            for lang_code, n in summary.missing_by_language().items()
        ],
        "missing_shown": summary.missing_translations[:50],
        "pages": pages,
        "indicators": indicators,
        "languages": [(code, LANGUAGES.get(code, (code,))[0]) for code in instrument.languages],
        "item_groups": [(pv.label, [(i.name, label) for i, label in pv.rows]) for pv in pages],
        "selected_item": item_name,
        "selected_lang": lang,
        "preview": _preview(instrument, instrument.item(item_name), lang) if item_name else None,
        "preview_problems": preview_problems,
        "own_waves": waves.filter(municipality=municipality),
        "locked": waves.exists(),
        "can_upload": can(request.user, "manage_waves", municipality),
    }
    return render(request, TEMPLATES + "instrument_detail.html", context)


@require("view_monitor")
def instrument_download(request: HttpRequest, municipality: Municipality, pk: int) -> HttpResponse:
    version = get_object_or_404(InstrumentVersion, pk=pk)
    try:
        data = isv.export_instrument(request.user, version, municipality=municipality)
    except isv.services.FieldworkError as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(reverse("fieldwork:instrument_detail", args=[municipality.code, pk]))
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{isv.export_filename(version)}"'
    return response
