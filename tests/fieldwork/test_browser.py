"""The questionnaire in real Chromium (Playwright): phone size, Dutch and Arabic, skip logic, resume after a
reload, offline and back, keyboard only, and axe-core (WCAG 2.1 AA) on every page type."""

from __future__ import annotations

from typing import Any

import pytest

from kansrijk.fieldwork.models import PageSave, Response

from .helpers import ANSWERS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _unanswered_visible(page: Any) -> list[dict[str, str]]:
    """Visible questions without an answer yet, in page order."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.fw-item:not([hidden])')).filter(el => {
             const kind = el.dataset.kind;
             if (kind === 'note') return false;
             if (kind === 'select_one' || kind === 'select_multiple')
               return !el.querySelector('input:checked');
             return !el.querySelector('input.fw-input').value;
           }).map(el => ({name: el.dataset.item, kind: el.dataset.kind}))"""
    )


def _answer_page(page: Any, overrides: dict[str, str] | None = None) -> None:
    answers = {**ANSWERS, **(overrides or {})}
    for _ in range(40):
        todo = _unanswered_visible(page)
        if not todo:
            return
        item = todo[0]
        if item["kind"] in {"select_one", "select_multiple"}:
            value = answers.get(item["name"])
            selector = (
                f'#q-{item["name"]} .fw-option__input[value="{value}"]'
                if value
                else f"#q-{item['name']} .fw-option__input"
            )
            page.locator(selector).first.check()
        else:
            page.fill(f"#i-{item['name']}", str(answers.get(item["name"], "5")))
            page.locator(f"#i-{item['name']}").blur()
        page.wait_for_timeout(60)  # let the autosave answer reveal follow-up questions
    raise AssertionError("page kept asking")


def _start(bp: Any, code: str, lang: str | None = None) -> None:
    bp.visit("/start/")
    bp.page.fill("#code", code.lower())
    bp.page.click("main form.kansrijk-form button[type=submit]")
    bp.page.wait_for_url(f"**/k/{code}/")
    bp.check()
    if lang:
        bp.page.select_option("#fw-taal", lang)
        bp.page.locator(".fw-lang button").click()
        bp.page.wait_for_load_state("load")
        bp.check()
    bp.page.click("button[value=mee]")
    bp.page.wait_for_url("**/p/**")


def _finish(bp: Any, overrides: dict[str, str] | None = None) -> int:
    pages = 0
    while "/p/" in bp.page.url:
        bp.check()
        _answer_page(bp.page, overrides)
        pages += 1
        bp.page.locator(".fw-nav__next").click()
        bp.page.wait_for_load_state("load")
        assert pages < 30
    assert "/klaar/" in bp.page.url
    bp.check()
    return pages


def test_whole_questionnaire_on_a_phone_in_dutch(phone_page, session) -> None:  # type: ignore[no-untyped-def]
    _start(phone_page, session.code)
    assert phone_page.page.evaluate("document.documentElement.scrollWidth") <= 320
    pages = _finish(phone_page, {"alc_life": "2", "alc_30d": "1"})
    assert pages >= 12
    response = Response.objects.get()
    assert response.complete and response.answers["alc_30d"] == "1"
    assert (
        response.answers["alc_source__parents"] is not None
    )  # relevant (alc_30d ≥ 1), so asked and answered
    assert "Kindertelefoon" in phone_page.page.content()
    assert PageSave.objects.filter(response=response).count() > pages  # autosaves as well as page saves


def test_whole_questionnaire_on_a_phone_in_arabic(phone_page, session) -> None:  # type: ignore[no-untyped-def]
    _start(phone_page, session.code, lang="ar")
    assert phone_page.page.evaluate("document.documentElement.dir") == "rtl"
    assert phone_page.page.evaluate("document.documentElement.lang") == "ar"
    assert phone_page.page.evaluate("document.documentElement.scrollWidth") <= 320
    _finish(phone_page)
    assert Response.objects.get().language == "ar"
    assert phone_page.page.evaluate("document.documentElement.dir") == "rtl"


def test_skip_logic_reveals_follow_up_without_reload(browser_page, session) -> None:  # type: ignore[no-untyped-def]
    _start(browser_page, session.code)
    page = browser_page.page
    for _ in range(3):  # intro, bg, home
        _answer_page(page)
        page.locator(".fw-nav__next").click()
        page.wait_for_load_state("load")
    assert page.locator("#q-alc_life").is_visible() and page.locator("#q-alc_30d").is_hidden()
    url = page.url
    page.locator('#q-alc_life input[value="3"]').check()
    page.locator("#q-alc_30d").wait_for(state="visible")
    assert page.url == url  # no navigation
    browser_page.check()
    page.locator('#q-alc_life input[value="0"]').check()
    page.locator("#q-alc_30d").wait_for(state="hidden")


def test_reload_mid_way_resumes(browser_page, session) -> None:  # type: ignore[no-untyped-def]
    _start(browser_page, session.code)
    page = browser_page.page
    for _ in range(2):
        _answer_page(page)
        page.locator(".fw-nav__next").click()
        page.wait_for_load_state("load")
    where = page.url
    page.locator("#q-bg_fas_car .fw-option__input").first.check()  # autosaved, not yet submitted
    page.wait_for_timeout(300)
    page.reload()
    assert page.url == where and page.locator("#q-bg_fas_car .fw-option__input").first.is_checked()
    browser_page.visit(f"/k/{session.code}/")  # the code again (a crashed browser): back where the pupil was
    assert page.url.startswith(where) and "Welkom terug" in page.content()
    page.locator(".fw-new button").click()
    page.wait_for_url(f"**/k/{session.code}/")
    browser_page.check()
    assert page.locator("button[value=mee]").is_visible()


def test_offline_mid_page_then_reconnect(browser_page, session) -> None:  # type: ignore[no-untyped-def]
    _start(browser_page, session.code)
    page = browser_page.page
    _answer_page(page)
    page.locator(".fw-nav__next").click()
    page.wait_for_load_state("load")
    bg_url = page.url
    page.context.set_offline(True)
    _answer_page(page)
    page.locator(".fw-nav__next").click()
    page.wait_for_timeout(300)
    assert page.url == bg_url
    assert "geen verbinding" in page.locator("#fw-save-status").inner_text()
    browser_page.console_errors.clear()  # failed fetches while offline are expected
    page.context.set_offline(False)
    page.wait_for_url(lambda url: url != bg_url, timeout=15000)
    answers = Response.objects.get().answers
    assert answers["bg_age"] == 14 and answers["bg_gender"] == "v" and answers["bg_pc4"] == "9901"


def test_keyboard_only(browser_page, session) -> None:  # type: ignore[no-untyped-def]
    page = browser_page.page
    browser_page.visit("/start/")
    page.keyboard.press("Tab")  # skip link
    for _ in range(20):
        if page.evaluate("document.activeElement.id") == "code":
            break
        page.keyboard.press("Tab")
    page.keyboard.type(session.code)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/k/{session.code}/")
    for _ in range(30):
        if page.evaluate("document.activeElement.value") == "mee":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/p/**")
    for _ in range(3):  # intro and two pages of questions by keyboard alone
        start_url = page.url
        for _ in range(400):
            info = page.evaluate(
                """() => { const el = document.activeElement;
                   const item = el.closest('.fw-item');
                   return {tag: el.tagName, type: el.type || '', name: el.name || '', value: el.value || '',
                           cls: el.className || '',
                           answered: item ? !!item.querySelector('input:checked') : false}; }"""
            )
            if "fw-nav__next" in info["cls"]:
                if not _unanswered_visible(page):
                    page.keyboard.press("Enter")
                    break
            elif info["type"] in {"radio", "checkbox"} and not info["answered"]:
                page.keyboard.press("Space")
                page.wait_for_timeout(80)
            elif info["type"] == "text" and info["name"] and not info["value"]:
                page.keyboard.type(str(ANSWERS.get(info["name"], "5")))
            page.keyboard.press("Tab")
        page.wait_for_url(lambda url, s=start_url: url != s)
        browser_page.check()
    assert Response.objects.get().answers["bg_age"] == 14


def test_axe_on_staff_pages(browser_page, session, make_staff) -> None:  # type: ignore[no-untyped-def]
    user = make_staff("beheer", "municipal_admin")
    page = browser_page.page
    browser_page.visit("/account/inloggen/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "correct-horse-battery")
    page.locator("main form.kansrijk-form button[type=submit]").click()
    page.wait_for_load_state("load")
    wave = session.school_class.wave
    base = f"/gemeente/{wave.municipality.code}/metingen/"
    for path in (
        "",
        "nieuw/",
        "scholen/",
        f"{wave.code}/",
        f"{wave.code}/sessies/{session.code}/blad/",
        f"{wave.code}/toestemmingsbrief/",
    ):
        response = browser_page.visit(base + path)
        assert response.status == 200, path
    browser_page.visit(base + f"{wave.code}/monitor/")
    page.wait_for_timeout(5600)  # one htmx refresh, checked again (CSP: no eval, no inline style)
    browser_page.check()
    assert page.locator("#fw-monitor").count() == 1


def test_axe_on_refusal_and_wrong_code(browser_page, session) -> None:  # type: ignore[no-untyped-def]
    browser_page.visit("/start/")
    browser_page.page.fill("#code", "ACDACD")
    browser_page.page.click("main form button[type=submit]")
    browser_page.page.wait_for_load_state("load")
    browser_page.check()
    browser_page.visit(f"/k/{session.code}/")
    browser_page.page.click("button[value=niet]")
    browser_page.page.wait_for_url("**/niet-mee/**")
    browser_page.check()
