"""The pupil's pages: code → intro → one page per section → thank you. Every page is a plain form POST;
``autosave.js`` adds per-answer saves on top (see ``autosave``).

Nothing here logs or stores the client address or user agent; the resume token lives in a cookie scoped to
``/k/<CODE>/`` and only its hash is stored.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from csp.decorators import csp_exempt
from django.core import signing
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.views.decorators.http import require_http_methods, require_POST

from kansrijk.instrument import Group, Instrument, Item
from kansrijk.vocabulary import LANGUAGES

from . import intake, questionnaire, ratelimit
from .codes import is_well_formed, normalize_code
from .constants import RESUME_COOKIE, WaveStatus
from .models import ClassSession, Response
from .pupil_text import text_for
from .questionnaire import ItemView, item_view

_SHOWN_SALT = "kansrijk.fieldwork.page-shown"


# -- helpers -------------------------------------------------------------------------------------------------
def _lang(request: HttpRequest, wave_languages: list[str], fallback: str = "nl") -> str:
    lang = request.GET.get("taal") or request.POST.get("taal") or fallback
    return lang if lang in wave_languages else "nl"


def _context(lang: str, **extra: Any) -> dict[str, Any]:
    return {"t": text_for(lang), "lang": lang, "rtl": Instrument.is_rtl(lang), **extra}


def _render(
    request: HttpRequest, template: str, lang: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """Render in the pupil's language: ``<html lang dir>`` follow it (Arabic right-to-left)."""
    with translation.override(lang):
        response = render(request, template, _context(lang, **context), status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _session_or_none(code: str) -> ClassSession | None:
    return (
        ClassSession.objects.select_related("school_class__wave__instrument", "school_class__school")
        .defer("school_class__wave__instrument__xlsform")
        .filter(code=code)
        .first()
    )


#: One thread at a time fetches and parses an instrument version not yet cached; the others then find it
#: cached instead of all parsing the same workbook at once (a start burst on a fresh worker).
_PARSE_LOCK = threading.Lock()


def _instrument_of(pk: int, sha256: str) -> Instrument:
    with _PARSE_LOCK:
        return questionnaire.instrument_for_version(pk, sha256)


def _instrument(session: ClassSession) -> Instrument:
    version = session.school_class.wave.instrument
    return _instrument_of(version.pk, version.sha256)


def _current(request: HttpRequest, code: str) -> Response | None:
    """The response of this browser for this code, with everything a page save needs, in one query."""
    token = request.COOKIES.get(RESUME_COOKIE)
    if not token:
        return None
    return (
        Response.objects.select_related(
            "session__school_class__wave__instrument", "session__school_class__school"
        )
        .defer("session__school_class__wave__instrument__xlsform")
        .filter(session__code=code, resume_token_hash=intake.hash_token(token))
        .first()
    )


def _page_url(code: str, index: int) -> str:
    return reverse("fieldwork:pupil_page", args=[code, index])


def _languages(session: ClassSession) -> list[tuple[str, str]]:
    return [
        (code, LANGUAGES[code][0] if code in LANGUAGES else code)
        for code in session.school_class.wave.languages
    ]


def _session_problem(session: ClassSession | None, t: dict[str, str], *, starting: bool) -> str:
    if session is None:
        return t["code_wrong"]
    if session.school_class.wave.status != WaveStatus.OPEN:
        return t["code_closed"]
    if starting:
        now = timezone.now()
        if now < session.starts_at:
            return t["code_early"].format(
                start=formats.date_format(timezone.localtime(session.starts_at), "j F H:i")
            )
        if now > session.ends_at:
            return t["code_late"].format(end=formats.date_format(timezone.localtime(session.ends_at), "H:i"))
    return ""


# -- start: enter the code -----------------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    lang = request.GET.get("taal", "nl")
    lang = lang if lang in LANGUAGES else "nl"
    t = text_for(lang)
    error = ""
    # a link or QR code may carry the code (/start/?code=KXM49P): shown filled in, the pupil presses Verder
    typed = request.GET.get("code", "")[:12]
    if request.method == "POST":
        typed = request.POST.get("code", "")
        code = normalize_code(typed)
        fingerprint = ratelimit.client_fingerprint(request)
        if ratelimit.is_limited(code, fingerprint):
            error = t["rate_limited"]
        else:
            session = _session_or_none(code) if is_well_formed(code) else None
            if session is None:
                ratelimit.record_wrong(code, fingerprint)
            error = _session_problem(session, t, starting=True)
            if not error:
                return HttpResponseRedirect(reverse("fieldwork:pupil_intro", args=[code]))
    return _render(
        request,
        "fieldwork/pupil/start.html",
        lang,
        {"error": error, "typed": typed, "all_languages": list(LANGUAGES.items())},
        status=200 if not error else 400,
    )


# -- intro: anonymity in plain words, "ik doe mee" / "ik doe niet mee" ---------------------------------------
@require_http_methods(["GET", "POST"])
def intro(request: HttpRequest, code: str) -> HttpResponse:
    if code != code.upper():  # typed from the sheet in lower case
        return HttpResponseRedirect(reverse("fieldwork:pupil_intro", args=[code.upper()]))
    current = _current(request, code)
    if current is not None and not current.complete and not current.refused and request.method == "GET":
        return HttpResponseRedirect(_page_url(code, current.current_page) + "?terug=1")
    session = _session_or_none(code)
    if session is None:
        fingerprint = ratelimit.client_fingerprint(request)
        ratelimit.record_wrong(code, fingerprint)
        return HttpResponseRedirect(reverse("fieldwork:pupil_start"))
    wave = session.school_class.wave
    lang = _lang(request, wave.languages)
    t = text_for(lang)
    error = _session_problem(session, t, starting=True)
    if request.method == "POST" and not error:
        choice = request.POST.get("keuze")
        first = questionnaire.first_page(_instrument(session), {}) or 0
        try:
            response, token = intake.start_response(session, lang, first)
        except intake.SessionFull:
            error = t["session_full"]
        else:
            if choice == "niet":
                intake.refuse(response)
                return HttpResponseRedirect(reverse("fieldwork:pupil_refused", args=[code]) + f"?taal={lang}")
            redirect = HttpResponseRedirect(_page_url(code, first))
            _set_cookie(redirect, request, code, token)
            return redirect
    return _render(
        request,
        "fieldwork/pupil/intro.html",
        lang,
        {"code": code, "error": error, "languages": _languages(session), "lang_action": request.path},
        status=200 if not error else 400,
    )


def _set_cookie(response: HttpResponse, request: HttpRequest, code: str, token: str) -> None:
    response.set_cookie(
        RESUME_COOKIE,
        token,
        max_age=24 * 3600,
        path=f"/k/{code}/",
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def _clear_cookie(response: HttpResponse, code: str) -> None:
    response.delete_cookie(RESUME_COOKIE, path=f"/k/{code}/", samesite="Lax")


@require_POST
def new_pupil(request: HttpRequest, code: str) -> HttpResponse:
    """ "Nieuwe leerling": forget this browser's response (it stays stored and counts as started)."""
    redirect = HttpResponseRedirect(reverse("fieldwork:pupil_intro", args=[code]))
    _clear_cookie(redirect, code)
    return redirect


def refused(request: HttpRequest, code: str) -> HttpResponse:
    lang = request.GET.get("taal", "nl")
    return _render(
        request, "fieldwork/pupil/refused.html", lang if lang in LANGUAGES else "nl", {"code": code}
    )


def thanks(request: HttpRequest, code: str) -> HttpResponse:
    lang = request.GET.get("taal", "nl")
    return _render(
        request, "fieldwork/pupil/thanks.html", lang if lang in LANGUAGES else "nl", {"code": code}
    )


@require_POST
def change_language(request: HttpRequest, code: str) -> HttpResponse:
    current = _current(request, code)
    target = request.POST.get("volgende", "")
    if current is None:
        session = _session_or_none(code)
        lang = _lang(request, session.school_class.wave.languages) if session else "nl"
        return HttpResponseRedirect(reverse("fieldwork:pupil_intro", args=[code]) + f"?taal={lang}")
    lang = _lang(request, current.session.school_class.wave.languages)
    intake.set_language(current, lang)
    index = int(target) if target.isdigit() else current.current_page
    return HttpResponseRedirect(_page_url(code, index))


# -- the questionnaire pages ---------------------------------------------------------------------------------
@dataclass
class Block:
    kind: str  # "item" or "matrix"
    item: ItemView | None = None
    label: str = ""
    hint: str = ""
    name: str = ""
    rows: list[ItemView] = field(default_factory=list)


def _blocks(
    instrument: Instrument,
    page: Group,
    answers: dict[str, Any],
    lang: str,
    raw: dict[str, list[str]],
    errors: dict[str, str],
) -> list[Block]:
    blocks: list[Block] = []
    for child in page.children:
        if isinstance(child, Item):
            blocks.append(Block("item", item=item_view(instrument, child, lang, answers, raw, errors)))
        else:
            rows = [item_view(instrument, i, lang, answers, raw, errors) for i in child.iter_items()]
            blocks.append(
                Block(
                    "matrix",
                    label=instrument.label(child, lang),
                    hint=instrument.label(child.hint, lang) if child.hint else "",
                    name=child.name,
                    rows=rows,
                )
            )
    return blocks


def _shown_token(response_id: int, index: int) -> str:
    return signing.dumps({"r": response_id, "p": index, "t": time.time()}, salt=_SHOWN_SALT, compress=True)


def _seconds_on_page(token: str, response_id: int) -> int:
    """Server-measured seconds since the page was shown (signed by us at render), rounded to 5."""
    try:
        data = signing.loads(token, salt=_SHOWN_SALT, max_age=24 * 3600)
    except signing.BadSignature:
        return 0
    if data.get("r") != response_id:
        return 0
    return intake.round_seconds(time.time() - float(data.get("t", time.time())))


def _save_id(value: str | None) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return uuid.uuid4()


def _render_page(
    request: HttpRequest,
    response: Response,
    instrument: Instrument,
    index: int,
    *,
    raw: dict[str, list[str]] | None = None,
    errors: dict[str, str] | None = None,
    answers: dict[str, Any] | None = None,
    resumed: bool = False,
    status: int = 200,
) -> HttpResponse:
    lang = response.language
    answers = answers if answers is not None else response.answers
    page = instrument.pages[index]
    shown = [i for i, p in enumerate(instrument.pages) if questionnaire.page_shown(instrument, p, answers)]
    position = shown.index(index) + 1 if index in shown else 1
    previous = questionnaire.previous_page(instrument, index, answers)
    is_last = questionnaire.next_page(instrument, index, answers) is None
    code = response.session.code
    return _render(
        request,
        "fieldwork/pupil/page.html",
        lang,
        {
            "code": code,
            "index": index,
            "page_title": instrument.label(page, lang) or instrument.title,
            "page_hint": instrument.label(page.hint, lang) if page.hint else "",
            "blocks": _blocks(instrument, page, answers, lang, raw or {}, errors or {}),
            "errors": errors or {},
            "position": position,
            "progress_text": text_for(lang)["progress"].format(n=position, total=len(shown)),
            "total": len(shown),
            "previous": previous,
            "is_last": is_last,
            "save_id": uuid.uuid4(),
            "shown": _shown_token(response.pk, index),
            "languages": _languages(response.session),
            "resumed": resumed,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def page(request: HttpRequest, code: str, index: int) -> HttpResponse:
    response = _current(request, code)
    if response is None or response.refused:
        return HttpResponseRedirect(reverse("fieldwork:pupil_intro", args=[code]))
    instrument = _instrument(response.session)
    if index >= len(instrument.pages) or not questionnaire.page_shown(
        instrument, instrument.pages[index], response.answers
    ):
        return HttpResponseRedirect(_page_url(code, min(response.current_page, len(instrument.pages) - 1)))
    if request.method == "GET":
        if response.current_page != index:
            intake.move_to(response, index)
        return _render_page(request, response, instrument, index, resumed=bool(request.GET.get("terug")))
    # POST: save the page, then go on (or show what is missing)
    lang = response.language
    wave = response.session.school_class.wave
    page_group = instrument.pages[index]
    shown_items = set(request.POST.getlist("getoond"))
    going_back = request.POST.get("richting") == "terug"
    parsed = questionnaire.parse_page(
        instrument, page_group, request.POST, response.answers, lang, check_required=not going_back
    )
    if going_back:
        merged = {**response.answers, **parsed.values}
        target = questionnaire.previous_page(instrument, index, merged)
        outcome = intake.save_page(
            response.pk,
            wave.pk,
            page_group.name,
            _save_id(request.POST.get("opslag_id")),
            _seconds_on_page(request.POST.get("getoond_token", ""), response.pk),
            parsed.values,
            current_page=target if target is not None else index,
        )
        if outcome is intake.SaveOutcome.LOCKED:
            return _render(request, "fieldwork/pupil/closed.html", lang, {"code": code}, status=409)
        return HttpResponseRedirect(_page_url(code, target if target is not None else index))
    # A question that appeared only because of an answer on this page was not seen yet: no error for it.
    newly_shown = [
        name
        for name, message in parsed.errors.items()
        if name not in shown_items and message and not parsed.raw.get(name)
    ]
    for name in newly_shown:
        parsed.errors.pop(name)
    merged = {**response.answers, **parsed.values}
    unseen = [
        i.name
        for i in questionnaire.page_items(page_group)
        if i.answerable and i.name not in shown_items and questionnaire.is_relevant(instrument, i, merged)
    ]
    done = not parsed.errors and not unseen
    following = questionnaire.next_page(instrument, index, merged) if done else index
    complete = done and following is None
    outcome = intake.save_page(
        response.pk,
        wave.pk,
        page_group.name,
        _save_id(request.POST.get("opslag_id")),
        _seconds_on_page(request.POST.get("getoond_token", ""), response.pk),
        parsed.values,
        current_page=following if (done and following is not None) else index,
        complete=complete,
    )
    if outcome is intake.SaveOutcome.LOCKED:
        return _render(request, "fieldwork/pupil/closed.html", lang, {"code": code}, status=409)
    if complete:
        redirect = HttpResponseRedirect(reverse("fieldwork:pupil_thanks", args=[code]) + f"?taal={lang}")
        _clear_cookie(redirect, code)
        return redirect
    if done and following is not None:
        return HttpResponseRedirect(_page_url(code, following))
    return _render_page(
        request,
        response,
        instrument,
        index,
        raw=parsed.raw,
        errors=parsed.errors,
        answers=merged,
        status=200 if not parsed.errors else 400,
    )


@require_POST
@csp_exempt()  # type: ignore[arg-type]  # django-csp 4.0 types a view as (request) only
def autosave(request: HttpRequest, code: str) -> HttpResponse:
    """Save one answer (JavaScript). Answers JSON: saved or not, and which items of the page are now asked.

    The hot path of fieldwork: one lean SELECT for the response, one statement to save (see ``intake``).
    The answer is JSON read by the page's script, never a document a browser renders, so it carries no
    Content-Security-Policy (building the header would cost every save, hundreds a second).
    """
    current = intake.current(code, request.COOKIES.get(RESUME_COOKIE))
    if current is None or current.complete or current.refused:
        return JsonResponse({"ok": False, "reason": "no-response"}, status=404)
    instrument = _instrument_of(current.instrument_id, current.instrument_sha256)
    index_text = request.POST.get("pagina", "")
    item_name = request.POST.get("vraag", "")
    if not index_text.isdigit() or int(index_text) >= len(instrument.pages):
        return JsonResponse({"ok": False, "reason": "page"}, status=400)
    index = int(index_text)
    page_group = instrument.pages[index]
    items = questionnaire.page_items(page_group)
    if item_name not in {i.name for i in items}:
        return JsonResponse({"ok": False, "reason": "item"}, status=400)
    parsed = questionnaire.parse_page(
        instrument, page_group, request.POST, current.answers, current.language, only=[item_name]
    )
    outcome = intake.save_page(
        current.response_id,
        current.wave_id,
        page_group.name,
        _save_id(request.POST.get("opslag_id")),
        _seconds_on_page(request.POST.get("getoond_token", ""), current.response_id),
        parsed.values,
        current_page=index,
    )
    if outcome is intake.SaveOutcome.LOCKED:
        return JsonResponse({"ok": False, "reason": "closed"}, status=409)
    merged = {**current.answers, **parsed.values}
    relevant = [i.name for i in items if i.answerable and questionnaire.is_relevant(instrument, i, merged)]
    return JsonResponse({"ok": True, "outcome": outcome.value, "errors": parsed.errors, "relevant": relevant})
