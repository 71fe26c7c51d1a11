"""Staff pages under ``/gemeente/<code>/metingen/``: waves, imports, classes, session codes and sheets,
the consent letter and the live monitor. Permissions come from ``accounts.permissions`` only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kansrijk.accounts.importers import import_schools
from kansrijk.accounts.models import Municipality, School
from kansrijk.accounts.permissions import can, require, visible_schools
from kansrijk.tabular import ImportFileError

from . import importers, services
from .constants import WaveStatus
from .forms import ClassForm, SessionsForm, UploadForm, WaveForm
from .models import ClassSession, SchoolClass, Wave
from .monitor import monitor_rows


def _wave(municipality: Municipality, wave_code: str) -> Wave:
    return get_object_or_404(
        Wave.objects.select_related("instrument"), municipality=municipality, code=wave_code
    )


def _detail_url(municipality: Municipality, wave: Wave) -> str:
    return reverse("fieldwork:wave_detail", args=[municipality.code, wave.code])


@require("view_monitor")
def wave_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    waves = Wave.objects.filter(municipality=municipality).select_related("instrument")
    return render(
        request,
        "fieldwork/staff/wave_list.html",
        {
            "municipality": municipality,
            "waves": waves,
            "can_manage": can(request.user, "manage_waves", municipality),
            "can_import": can(request.user, "import_data", municipality),
        },
    )


@require("manage_waves")
def wave_create(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    if services.DEFAULT_INSTRUMENT.is_file():
        services.default_instrument()  # offer the packaged questionnaire in the list
    form = WaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            wave = services.create_wave(
                request.user,
                municipality,
                data["instrument"],
                code=data["code"],
                name=data["name"],
                grades=data["grades"],
                window_start=data["window_start"],
                window_end=data["window_end"],
                languages=data["languages"],
            )
        except services.FieldworkError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Meting %(name)s aangemaakt.") % {"name": wave.name})
            return HttpResponseRedirect(_detail_url(municipality, wave))
    return render(request, "fieldwork/staff/wave_create.html", {"municipality": municipality, "form": form})


@require("view_monitor")
def wave_detail(request: HttpRequest, municipality: Municipality, wave_code: str) -> HttpResponse:
    wave = _wave(municipality, wave_code)
    schools = list(visible_schools(request.user, "view_monitor", municipality))
    classes = (
        SchoolClass.objects.filter(wave=wave, school__in=schools)
        .select_related("school")
        .prefetch_related("sessions")
        .order_by("school__name", "grade", "name")
    )
    can_manage = can(request.user, "manage_waves", municipality)
    return render(
        request,
        "fieldwork/staff/wave_detail.html",
        {
            "municipality": municipality,
            "wave": wave,
            "classes": classes,
            "can_manage": can_manage,
            "can_import": can(request.user, "import_data", municipality),
            "next_status": _next_status(wave) if can_manage else None,
            "upload_form": UploadForm(),
            "class_form": ClassForm(
                schools=School.objects.filter(municipality=municipality), grades=wave.grades
            ),
            "sessions_form": SessionsForm(
                classes=SchoolClass.objects.filter(wave=wave).select_related("school"),
                initial={"date": timezone.localdate()},
            ),
            "enrolment_total": sum(e.n for e in wave.enrolment.all()),
        },
    )


def _next_status(wave: Wave) -> tuple[str, str] | None:
    labels = {
        WaveStatus.OPEN: _("Meting openen"),
        WaveStatus.CLOSED: _("Meting sluiten en bevriezen"),
        WaveStatus.PUBLISHED: _("Meting publiceren"),
    }
    for status in (WaveStatus.OPEN, WaveStatus.CLOSED, WaveStatus.PUBLISHED):
        if status in services.TRANSITIONS[wave.status]:
            return status.value, str(labels[status])
    return None


@require_POST
@require("manage_waves")
def wave_transition(request: HttpRequest, municipality: Municipality, wave_code: str) -> HttpResponse:
    wave = _wave(municipality, wave_code)
    target = request.POST.get("status", "")
    actions = {
        WaveStatus.OPEN: services.open_wave,
        WaveStatus.CLOSED: services.close_wave,
        WaveStatus.PUBLISHED: services.publish_wave,
    }
    action = actions.get(target)  # type: ignore[call-overload]
    if action is None:
        raise Http404
    try:
        wave = action(request.user, wave)
    except services.FieldworkError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Status is nu: %(status)s.") % {"status": wave.get_status_display()})
    return HttpResponseRedirect(_detail_url(municipality, wave))


def _upload(request: HttpRequest) -> tuple[bytes, str] | None:
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return None
    upload = form.cleaned_data["file"]
    return upload.read(), upload.name


@require("import_data")
def schools_import(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    problems: list[Any] = []
    if request.method == "POST":
        upload = _upload(request)
        if upload is not None:
            try:
                result = import_schools(request.user, municipality, *upload)
            except ImportFileError as exc:
                problems = list(exc.errors)
            else:
                messages.success(request, _("Scholen geïmporteerd: %(result)s.") % {"result": result})
                return HttpResponseRedirect(reverse("fieldwork:wave_list", args=[municipality.code]))
    return render(
        request,
        "fieldwork/staff/schools_import.html",
        {
            "municipality": municipality,
            "form": UploadForm(),
            "problems": problems,
            "schools": School.objects.filter(municipality=municipality),
        },
        status=400 if problems else 200,
    )


@require_POST
@require("import_data")
def wave_import(request: HttpRequest, municipality: Municipality, wave_code: str, kind: str) -> HttpResponse:
    wave = _wave(municipality, wave_code)
    importer = {"inschrijvingen": importers.import_enrolment, "klassen": importers.import_classes}.get(kind)
    if importer is None:
        raise Http404
    upload = _upload(request)
    if upload is not None:
        try:
            result = importer(request.user, wave, *upload)
        except ImportFileError as exc:
            return render(
                request,
                "fieldwork/staff/import_problems.html",
                {"municipality": municipality, "wave": wave, "problems": exc.errors, "filename": upload[1]},
                status=400,
            )
        messages.success(request, _("Geïmporteerd: %(result)s.") % {"result": result})
    return HttpResponseRedirect(_detail_url(municipality, wave))


@require_POST
@require("manage_waves")
def class_add(request: HttpRequest, municipality: Municipality, wave_code: str) -> HttpResponse:
    wave = _wave(municipality, wave_code)
    form = ClassForm(
        request.POST, schools=School.objects.filter(municipality=municipality), grades=wave.grades
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_class(
                request.user,
                wave,
                data["school"],
                grade=data["grade"],
                name=data["name"],
                expected=data["expected"],
            )
        except services.FieldworkError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Klas %(name)s geregistreerd.") % {"name": data["name"]})
    else:
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(
                    request, f"{form.fields[field].label if field in form.fields else ''}: {error}"
                )
    return HttpResponseRedirect(_detail_url(municipality, wave))


@require_POST
@require("manage_waves")
def sessions_create(request: HttpRequest, municipality: Municipality, wave_code: str) -> HttpResponse:
    wave = _wave(municipality, wave_code)
    form = SessionsForm(request.POST, classes=SchoolClass.objects.filter(wave=wave))
    if form.is_valid():
        data = form.cleaned_data
        tz = timezone.get_current_timezone()
        starts = dt.datetime.combine(data["date"], data["start"], tzinfo=tz)
        ends = dt.datetime.combine(data["date"], data["end"], tzinfo=tz)
        try:
            sessions = services.create_sessions(request.user, data["classes"], starts, ends)
        except services.FieldworkError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(n)s klassessie(s) met code klaar.") % {"n": len(sessions)})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return HttpResponseRedirect(_detail_url(municipality, wave))


def qr_data_uri(url: str) -> str:
    """A QR code of ``url`` as an inline SVG data URI (the CSP allows ``img-src data:``)."""
    return str(segno.make(url, error="m").svg_data_uri(scale=6, border=2))


@require("view_monitor")
def session_sheet(
    request: HttpRequest, municipality: Municipality, wave_code: str, session_code: str
) -> HttpResponse:
    """The printable sheet for the teacher: URL, code, QR code and what to say (B1 Dutch)."""
    wave = _wave(municipality, wave_code)
    session = get_object_or_404(
        ClassSession.objects.select_related("school_class__school"),
        school_class__wave=wave,
        code=session_code,
    )
    if not can(request.user, "view_monitor", municipality, session.school_class.school):
        raise PermissionDenied
    url = request.build_absolute_uri(reverse("fieldwork:pupil_intro", args=[session.code]))
    start_url = request.build_absolute_uri(reverse("fieldwork:pupil_start"))
    return render(
        request,
        "fieldwork/staff/session_sheet.html",
        {
            "municipality": municipality,
            "wave": wave,
            "session": session,
            "url": url,
            "start_url": start_url,
            "qr": qr_data_uri(url),
            "starts": timezone.localtime(session.starts_at),
            "ends": timezone.localtime(session.ends_at),
        },
    )


@require("view_monitor")
def consent_letter(request: HttpRequest, municipality: Municipality, wave_code: str) -> HttpResponse:
    """Passive-consent letter for parents (Dutch B1 and English), printable."""
    wave = _wave(municipality, wave_code)
    return render(
        request, "fieldwork/staff/consent_letter.html", {"municipality": municipality, "wave": wave}
    )


@require("view_monitor")
def monitor(request: HttpRequest, municipality: Municipality, wave_code: str) -> HttpResponse:
    wave = _wave(municipality, wave_code)
    return render(request, "fieldwork/staff/monitor.html", _monitor_context(request, municipality, wave))


@require("view_monitor")
def monitor_table(request: HttpRequest, municipality: Municipality, wave_code: str) -> HttpResponse:
    """The table alone, polled by htmx every few seconds (no page reload)."""
    wave = _wave(municipality, wave_code)
    return render(
        request, "fieldwork/staff/monitor_table.html", _monitor_context(request, municipality, wave)
    )


def _monitor_context(request: HttpRequest, municipality: Municipality, wave: Wave) -> dict[str, Any]:
    schools, total = monitor_rows(wave, visible_schools(request.user, "view_monitor", municipality))
    return {
        "municipality": municipality,
        "wave": wave,
        "schools": schools,
        "total": total,
        "updated": timezone.localtime(),
        "live": wave.status == WaveStatus.OPEN,
    }
