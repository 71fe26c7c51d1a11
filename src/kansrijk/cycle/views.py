"""Pages of the policy cycle. Everyone with a role may read (``view_cycle``); municipal admins edit
(``edit_cycle``). Permissions are decided in :mod:`kansrijk.accounts.permissions` and passed to templates as
booleans; every change goes through :mod:`.services`, which writes the audit log.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kansrijk.accounts.models import Municipality
from kansrijk.accounts.permissions import can, require
from kansrijk.reporting.charts import Chart
from kansrijk.reporting.cycle_charts import AreaValue, TrendPoint, area_map, series_trend
from kansrijk.reporting.formatting import Unit
from kansrijk.tabular import ImportFileError

from . import riskgroup_survey, services
from .constants import Audience, Phase, Status
from .figures import (
    context_codes,
    context_summary,
    document_figures,
    example_figures,
    figure_codes_by_group,
    measure_rows,
    measures,
    wijk_values,
    wijken,
)
from .forms import (
    ActionPointForm,
    DialogueForm,
    ImportForm,
    IndicatorLinkFormSet,
    ProgressNoteForm,
    ScheduleForm,
    StarterSetForm,
)
from .indicators import indicator_catalogue, indicator_series, latest_results, wijk_results
from .models import (
    ActionPoint,
    ActionPointIndicator,
    DialogueEntry,
    Provision,
    RiskGroup,
    SchedulePhase,
    Theme,
    WaveSchedule,
)
from .templatetags.cycle_tags import unit_text
from .whatmoved import Link, what_moved


def _base(request: HttpRequest, municipality: Municipality, **extra: Any) -> dict[str, Any]:
    return {
        "municipality": municipality,
        "can_edit": can(request.user, "edit_cycle", municipality),
        **extra,
    }


def _points(municipality: Municipality) -> Any:
    return (
        ActionPoint.objects.filter(municipality=municipality)
        .prefetch_related("themes", "risk_groups", "indicators")
        .order_by("number")
    )


def _survey_codes(points: Any) -> set[str]:
    return {i.code for p in points for i in p.indicators.all() if i.kind == "survey"}


def _chapters(municipality: Municipality, points: list[ActionPoint]) -> list[dict[str, Any]]:
    """The risk-group chapters of the document in order, each with its action points (a point the document
    repeats under several chapters, "idem N", appears under each of them)."""
    by_group: dict[int, list[ActionPoint]] = defaultdict(list)
    for p in points:
        for g in p.risk_groups.all():
            by_group[g.pk].append(p)
    return [
        {"group": g, "chapter": g.number + 1, "points": by_group[g.pk]}
        for g in RiskGroup.objects.filter(municipality=municipality).order_by("number")
    ]


@require("view_cycle")
def overview(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """As the document orders it: the three council-proposal themes, then per risk-group chapter its action
    points, each with the themes it is linked to ("zie collegevoorstel thema N"), status and indicators."""
    points = list(_points(municipality))
    results = latest_results(municipality, _survey_codes(points))
    for p in points:
        p.rows = measure_rows(municipality, p.indicators.all(), results)
    themes = [
        {"theme": t, "points": [p for p in points if t in p.themes.all()]}
        for t in Theme.objects.filter(municipality=municipality)
    ]
    counts = {value: sum(1 for p in points if p.status == value) for value, _label in Status.choices}
    return render(
        request,
        "cycle/overview.html",
        _base(
            request,
            municipality,
            themes=themes,
            chapters=_chapters(municipality, points),
            unchaptered=[p for p in points if not p.risk_groups.all()],
            results=results,
            status_counts=[(label, counts[value]) for value, label in Status.choices],
            point_count=len(points),
        ),
    )


def _point(municipality: Municipality, number: int) -> ActionPoint:
    return get_object_or_404(_points(municipality), number=number)


@require("view_cycle")
def action_point(request: HttpRequest, municipality: Municipality, number: int) -> HttpResponse:
    point = _point(municipality, number)
    links = list(point.indicators.all())
    results = latest_results(municipality, [i.code for i in links if i.kind == "survey"])
    rows = measure_rows(municipality, links, results)
    charts = []
    for row in rows:
        if row.link.kind == "survey" and results.available:
            series = indicator_series(municipality, row.link.code)
            if not series:  # no wave has it: the list above already says so; an empty table says nothing
                continue
            drawn = any(p.estimate is not None and p.suppressed_reason is None for p in series)
            charts.append({"row": row, "series": series, "chart": drawn})
    return render(
        request,
        "cycle/action_point.html",
        _base(
            request,
            municipality,
            point=point,
            rows=rows,
            targets=[r for r in rows if r.verdict is not None],
            charts=charts,
            results=results,
            notes=point.notes.select_related("author"),
            dialogue=point.dialogue.all(),
            note_form=ProgressNoteForm(initial={"date": dt.date.today()}),
        ),
    )


def _lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def _spec(chart: Chart | None) -> HttpResponse:
    if chart is None:
        raise Http404(_("Geen gegevens voor deze grafiek."))
    return JsonResponse(chart.spec, json_dumps_params={"ensure_ascii": False})


def trend(municipality: Municipality, code: str) -> Chart | None:
    """The trend chart of survey indicator ``code`` over the published waves (reporting's spec)."""
    info = indicator_catalogue().get(code)
    points = [
        TrendPoint(p.wave, p.estimate, p.ci_low, p.ci_high, p.suppressed_reason is None, p.trend)
        for p in indicator_series(municipality, code)
    ]
    unit: Unit = "percentage" if info is not None and info.unit == "percentage" else "mean"
    return series_trend(points, code=code, label=info.label if info else code, unit=unit, lang=_lang())


@require("view_cycle")
def action_point_chart(
    request: HttpRequest, municipality: Municipality, number: int, indicator: str
) -> HttpResponse:
    point = _point(municipality, number)
    if not point.indicators.filter(kind="survey", code=indicator).exists():
        raise Http404
    return _spec(trend(municipality, indicator))


def _measure_choices(
    municipality: Municipality, point: ActionPoint
) -> list[tuple[str, list[tuple[str, str]]]]:
    survey = [(f"survey:{c}", f"{i.label} ({c})") for c, i in sorted(indicator_catalogue().items())]
    known = {value for value, _label in survey}
    context = dict(context_codes(municipality))
    for group in RiskGroup.objects.filter(municipality=municipality):
        for code in group.context_indicators:
            context.setdefault(code, code)  # named by a risk group, perhaps not imported yet
    for link in point.indicators.all():
        if link.kind == "context":
            context.setdefault(link.code, link.code)
        elif f"survey:{link.code}" not in known:
            survey.append((f"survey:{link.code}", link.code))
    return [
        (_("Vragenlijst"), survey),
        (_("Contextcijfers"), [(f"context:{c}", f"{d} ({c})") for c, d in sorted(context.items())]),
    ]


@require("edit_cycle")
def action_point_edit(request: HttpRequest, municipality: Municipality, number: int) -> HttpResponse:
    point = _point(municipality, number)
    form = ActionPointForm(request.POST or None, instance=ActionPoint.objects.get(pk=point.pk))
    initial = [
        {
            "measure": f"{i.kind}:{i.code}",
            "expected": i.expected,
            **{name: getattr(i, name) for name in services.TARGET_FIELDS},
        }
        for i in point.indicators.all()
    ]
    links = IndicatorLinkFormSet(
        request.POST or None,
        initial=initial,
        prefix="ind",
        form_kwargs={"measures": _measure_choices(municipality, point)},
    )
    if request.method == "POST" and form.is_valid() and links.is_valid():
        services.update_action_point(request.user, point, dict(form.cleaned_data))
        chosen: dict[tuple[str, str], str] = {}
        targets: dict[tuple[str, str], dict[str, Any]] = {}
        for row in links.cleaned_data:
            if row and row.get("measure") and not row.get("DELETE"):
                kind, _sep, code = row["measure"].partition(":")
                chosen[(kind, code)] = row["expected"]
                targets[(kind, code)] = {name: row.get(name) for name in services.TARGET_FIELDS}
                targets[(kind, code)]["baseline_wave"] = row.get("baseline_wave") or ""
        wanted = sorted((k, c, e) for (k, c), e in chosen.items())
        stored = {
            (i.kind, i.code): (i.expected, *(getattr(i, n) for n in services.TARGET_FIELDS))
            for i in point.indicators.all()
        }
        asked = {(k, c): (e, *(targets[(k, c)][n] for n in services.TARGET_FIELDS)) for k, c, e in wanted}
        if asked != stored:
            services.set_indicator_links(request.user, point, wanted, targets)
        messages.success(request, _("Actiepunt %(n)s is opgeslagen.") % {"n": point.number})
        return redirect("cycle:action_point", code=municipality.code, number=point.number)
    return render(
        request,
        "cycle/action_point_edit.html",
        _base(request, municipality, point=point, form=form, links=links),
    )


@require("edit_cycle")
def action_point_note(request: HttpRequest, municipality: Municipality, number: int) -> HttpResponse:
    point = _point(municipality, number)
    if request.method != "POST":
        return redirect("cycle:action_point", code=municipality.code, number=number)
    form = ProgressNoteForm(request.POST)
    if form.is_valid():
        services.add_progress_note(request.user, point, form.cleaned_data["date"], form.cleaned_data["text"])
        messages.success(request, _("Voortgang toegevoegd."))
    else:
        messages.error(request, _("Vul een datum en een tekst in."))
    return redirect("cycle:action_point", code=municipality.code, number=number)


@require("view_cycle")
def risk_group(request: HttpRequest, municipality: Municipality, group: str) -> HttpResponse:
    rg = get_object_or_404(RiskGroup, municipality=municipality, code=group)
    catalogue = indicator_catalogue()
    codes = [c for c, info in catalogue.items() if rg.code in info.risk_groups]
    points = list(rg.action_points.prefetch_related("indicators").order_by("number"))
    codes += sorted(_survey_codes(points) - set(codes))
    results = latest_results(municipality, codes)
    survey = [{"code": c, "info": catalogue.get(c), "status": results.get(c)} for c in codes]
    areas = wijken(municipality)
    wijk_table = []
    if results.available:
        for c in codes[:6]:
            per = wijk_results(municipality, c)
            wijk_table.append({"code": c, "info": catalogue.get(c), "values": [per.get(w[0]) for w in areas]})
    context = []
    for code in rg.context_indicators:
        summary = context_summary(municipality, code)
        values, caption = wijk_values(municipality, f"context:{code}")
        context.append(
            {
                "code": code,
                "summary": summary,
                "caption": caption,
                "values": [(name, values.get(c)) for c, name, _g in areas],
            }
        )
    offers = Provision.objects.filter(municipality=municipality, risk_groups=rg).order_by(
        "area_code", "provider"
    )
    chapter_codes = figure_codes_by_group().get(rg.code, [])
    document = document_figures(municipality, chapter_codes) if chapter_codes else []
    survey_group = riskgroup_survey.profile(rg)
    return render(
        request,
        "cycle/risk_group.html",
        _base(
            request,
            municipality,
            group=rg,
            survey=survey,
            results=results,
            wijk_names=[name for _c, name, _g in areas],
            wijk_table=wijk_table,
            context=context,
            points=points,
            offers=offers,
            document_figures=document,
            survey_group=survey_group,
            survey_form=riskgroup_survey.form(rg) if can(request.user, "edit_cycle", municipality) else None,
            example_count=len(chapter_codes),
        ),
    )


@require("view_cycle")
def risk_map(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    options = measures(municipality)
    keys = {m.key for m in options}
    default_a = next((m.key for m in options if m.key.startswith("context:")), "survey:sport_weekly")
    a = request.GET.get("a", default_a)
    b = request.GET.get("b", "aanbod:sport")
    if a not in keys:
        a = default_a if default_a in keys else options[0].key
    if b not in keys:
        b = "aanbod:sport"
    labels = {m.key: m.label for m in options}
    values_a, caption_a = wijk_values(municipality, a)
    values_b, caption_b = wijk_values(municipality, b)
    areas = wijken(municipality)
    known = {c for c, _n, _g in areas}
    areas += [(c, c, None) for c in sorted((set(values_a) | set(values_b)) - known)]
    rows = [{"code": c, "name": n, "a": values_a.get(c), "b": values_b.get(c)} for c, n, _g in areas]
    has_map = any(isinstance(g, dict) and g.get("coordinates") for _c, _n, g in areas)
    groups: dict[str, list[Any]] = defaultdict(list)
    for m in options:
        groups[m.group].append(m)
    return render(
        request,
        "cycle/risk_map.html",
        _base(
            request,
            municipality,
            option_groups=dict(groups),
            a=a,
            b=b,
            label_a=labels[a],
            label_b=labels[b],
            caption_a=caption_a,
            caption_b=caption_b,
            rows=rows,
            has_map=has_map,
            has_areas=bool(areas),
        ),
    )


def risk_map_figure(municipality: Municipality, key: str, label: str) -> Chart | None:
    """The risk map of measure ``key`` per wijk (WGS84 or RD New boundaries), None without boundaries."""
    values, _caption = wijk_values(municipality, key)
    percent = any(unit_text(v.unit) == "%" for v in values.values())
    return area_map(
        [(c, n, g) for c, n, g in wijken(municipality) if isinstance(g, dict)],
        {
            c: AreaValue(v.value, *(v.ci or (None, None))) if v.value is not None else None
            for c, v in values.items()
        },
        label=label,
        unit="percentage" if percent else "mean",
        lang=_lang(),
        value_title=None if percent else label,
    )


@require("view_cycle")
def risk_map_chart(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    labels = {m.key: m.label for m in measures(municipality)}
    key = request.GET.get("a", "")
    if key not in labels:
        raise Http404
    return _spec(risk_map_figure(municipality, key, labels[key]))


@require("view_cycle")
def provision(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    offers = list(
        Provision.objects.filter(municipality=municipality)
        .prefetch_related("themes", "risk_groups")
        .select_related("area")
    )
    names = {c: n for c, n, _g in wijken(municipality)}
    by_wijk: dict[str, int] = defaultdict(int)
    for o in offers:
        by_wijk[o.area_code or ""] += 1
    gaps = [name for code, name in names.items() if by_wijk.get(code, 0) == 0]
    return render(
        request,
        "cycle/provision.html",
        _base(
            request,
            municipality,
            offers=offers,
            wijk_names=names,
            gaps=gaps,
            covered=sum(1 for o in offers if o.poverty_scheme),
        ),
    )


@require("view_cycle")
def dialogue(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    editable = can(request.user, "edit_cycle", municipality)
    form = None
    if editable:
        form = DialogueForm(
            request.POST or None, municipality=municipality, initial={"date": dt.date.today()}
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            services.add_dialogue(
                request.user,
                municipality,
                date=data["date"],
                audience=data["audience"],
                format=data["format"],
                heard=data["heard"],
                follow_up=data["follow_up"],
                action_points=list(data["action_points"]),
            )
            messages.success(request, _("Dialoogmoment toegevoegd."))
            return redirect("cycle:dialogue", code=municipality.code)
    elif request.method == "POST":
        raise PermissionDenied
    entries = DialogueEntry.objects.filter(municipality=municipality).prefetch_related("action_points")
    return render(request, "cycle/dialogue.html", _base(request, municipality, entries=entries, form=form))


@require("view_cycle")
def moved(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    catalogue = indicator_catalogue()
    points = {p.number: p for p in _points(municipality)}
    links = [
        Link(i.action_point.number, i.code, i.expected)  # type: ignore[arg-type]
        for i in ActionPointIndicator.objects.filter(
            action_point__municipality=municipality, kind="survey"
        ).select_related("action_point")
    ]
    results = latest_results(municipality, sorted(set(catalogue) | {ln.code for ln in links}))
    report = what_moved(results, links, {c: i.direction for c, i in catalogue.items()})
    label = {c: i.label for c, i in catalogue.items()}
    moved_rows = [
        {
            "m": m,
            "label": label.get(m.code, m.code),
            "unit": "%" if catalogue.get(m.code) and catalogue[m.code].unit == "percentage" else "",
            "as_expected": [points[n] for n in m.as_expected if n in points],
            "against": [points[n] for n in m.against if n in points],
        }
        for m in report.moved
    ]
    point_rows = [
        {
            "a": a,
            "point": points[a.number],
            "labels": {
                k: [label.get(c, c) for c in getattr(a, k)] for k in ("as_expected", "against", "unchanged")
            },
        }
        for a in report.action_points
        if a.number in points
    ]
    return render(
        request,
        "cycle/moved.html",
        _base(
            request,
            municipality,
            report=report,
            moved_rows=moved_rows,
            not_moved=[r for r in point_rows if r["a"].verdict == "not_moved"],
            point_rows=[r for r in point_rows if r["a"].verdict != "no_data"],
        ),
    )


def _report_context(request: HttpRequest, municipality: Municipality) -> dict[str, Any]:
    year = request.GET.get("jaar", "")
    try:
        year_int = int(year) if year else dt.date.today().year
    except ValueError:
        raise Http404 from None
    points = list(_points(municipality).prefetch_related(Prefetch("notes"), "dialogue"))
    results = latest_results(municipality, _survey_codes(points))
    for p in points:
        p.rows = measure_rows(municipality, p.indicators.all(), results)
        p.year_notes = [n for n in p.notes.all() if n.date.year == year_int]
    sections: list[dict[str, Any]] = []
    for chapter in _chapters(municipality, points):
        section_points = chapter["points"]
        sections.append(
            {
                **chapter,
                "dialogue": DialogueEntry.objects.filter(
                    municipality=municipality, date__year=year_int, action_points__in=section_points
                ).distinct(),
                "next_steps": [p for p in section_points if p.next_steps],
            }
        )
    dialogue_year = DialogueEntry.objects.filter(municipality=municipality, date__year=year_int)
    targets = [(p, row) for p in points for row in p.rows if row.verdict is not None]
    return {
        "municipality": municipality,
        "year": year_int,
        "themes": [
            {"theme": t, "points": [p for p in points if t in p.themes.all()]}
            for t in Theme.objects.filter(municipality=municipality)
        ],
        "sections": sections,
        "targets": targets,
        "results": results,
        "status_labels": dict(Status.choices),
        "audience_counts": [
            (label, dialogue_year.filter(audience=value).count()) for value, label in Audience.choices
        ],
        "other_points": [p for p in points if not p.risk_groups.all()],
    }


@require("view_cycle")
def progress_report(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    context = _report_context(request, municipality)
    context["can_edit"] = can(request.user, "edit_cycle", municipality)
    return render(request, "cycle/progress.html", context)


@require("view_cycle")
def progress_report_pdf(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    import weasyprint

    from kansrijk.reporting.render import to_svg

    context = _report_context(request, municipality)
    codes = dict.fromkeys(row.link.code for _p, row in context["targets"] if row.link.kind == "survey")
    charts = [chart for chart in (trend(municipality, code) for code in codes) if chart is not None]
    # SVG only inside the PDF (the pages draw the same spec with vega-embed); the alt text is its summary
    context["trend_figures"] = [
        (chart.alt.summary, base64.b64encode(to_svg(chart).encode("utf-8")).decode("ascii"))
        for chart in charts
    ]
    html = render_to_string("cycle/progress_pdf.html", context, request=request)
    pdf = weasyprint.HTML(string=html).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"voortgang-kinderen-op-de-kaart-{municipality.code}-{context['year']}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require("edit_cycle")
def import_file(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    if request.method == "POST" and "starter_set" in request.POST:
        starter = StarterSetForm(request.POST)
        if starter.is_valid():
            slug = starter.cleaned_data["starter_set"]
            n = services.load_starter_set(request.user, municipality, slug)
            messages.success(
                request,
                _("%(n)s cijfers uit de startset geladen (%(label)s).")
                % {"n": n, "label": services.starter_label(slug)},
            )
            return redirect("cycle:overview", code=municipality.code)
    form = ImportForm(request.POST if "starter_set" not in request.POST else None, request.FILES or None)
    errors = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        kind = form.cleaned_data["kind"]
        importer = services.import_context if kind == "context" else services.import_provision
        try:
            summary = importer(request.user, municipality, upload.read(), upload.name)
        except ImportFileError as exc:
            errors = exc.errors
        else:
            messages.success(
                request,
                _("%(total)s rijen geïmporteerd (%(created)s nieuw, %(updated)s bijgewerkt).")
                % {"total": summary.total, "created": summary.created, "updated": summary.updated},
            )
            return redirect(
                "cycle:risk_map" if kind == "context" else "cycle:provision", code=municipality.code
            )
    loaded = municipality.cycle_context_figures.exclude(starter_set="").exists()
    return render(
        request,
        "cycle/import.html",
        _base(
            request,
            municipality,
            form=form,
            errors=errors,
            starter_form=StarterSetForm(),
            starter_loaded=loaded,
        ),
    )


@require("view_cycle")
def example(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """The Maastricht 2018 figures as a labelled example, straight from the committed file: every
    municipality can see what the starter set holds before (or without) loading it."""
    figures = example_figures()
    groups = {g.code: g for g in RiskGroup.objects.filter(municipality=municipality)}
    by_group: dict[str, list[Any]] = defaultdict(list)
    for fig in figures:
        by_group[fig.risk_group].append(fig)
    sections = [{"group": None, "figures": by_group.get("", [])}] + [
        {"group": g, "figures": by_group[code]} for code, g in groups.items() if by_group.get(code)
    ]
    return render(
        request,
        "cycle/example.html",
        _base(
            request,
            municipality,
            sections=[s for s in sections if s["figures"]],
            total=len(figures),
            loaded=municipality.cycle_context_figures.filter(starter_set="maastricht-2018").exists(),
        ),
    )


def schedule_steps(municipality: Municipality, today: dt.date | None = None) -> list[dict[str, Any]]:
    """The phase under way and the next ones (for the staff dashboard and the planning page)."""
    from .schedule import PlannedPhase, next_steps

    phases = [
        PlannedPhase(p.wave_year, p.phase, p.start, p.end)
        for p in SchedulePhase.objects.filter(municipality=municipality)
    ]
    labels = dict(Phase.choices)
    return [
        {"phase": p, "label": labels.get(p.phase, p.phase), "current": current}
        for p, current in next_steps(phases, today or dt.date.today())
    ]


@require("view_cycle")
def schedule(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """The wave schedule: one monitor every two years by default, with its five phases per wave."""
    editable = can(request.user, "edit_cycle", municipality)
    current = WaveSchedule.objects.filter(municipality=municipality).first()
    form = None
    if editable:
        initial = (
            {"first_year": current.first_year, "interval_years": current.interval_years}
            if current
            else {"first_year": dt.date.today().year, "interval_years": 2}
        )
        form = ScheduleForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            services.plan_waves(
                request.user,
                municipality,
                form.cleaned_data["first_year"],
                form.cleaned_data["interval_years"],
            )
            messages.success(request, _("Planning opgeslagen."))
            return redirect("cycle:schedule", code=municipality.code)
    elif request.method == "POST":
        raise PermissionDenied
    labels = dict(Phase.choices)
    waves: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for p in SchedulePhase.objects.filter(municipality=municipality).order_by("wave_year", "start"):
        waves[p.wave_year].append({"phase": p, "label": labels.get(p.phase, p.phase)})
    return render(
        request,
        "cycle/schedule.html",
        _base(
            request,
            municipality,
            schedule=current,
            waves=sorted(waves.items()),
            steps=schedule_steps(municipality),
            form=form,
            today=dt.date.today(),
        ),
    )
