"""The questionnaire in real Chromium (Playwright): phone size, Dutch and Arabic, skip logic, resume after a
reload, offline and back, keyboard only, and axe-core (WCAG 2.2 AA) on every page type; plus what axe cannot
see of WCAG 2.2: focus not obscured at 360 px, no dragging, no re-entry, the class code without typing."""

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
    with page.expect_request("**/opslaan/") as saved:
        page.locator('#q-alc_life input[value="3"]').check()
    # URL-encoded, not multipart: the cheap parse when whole classes save at once
    assert saved.value.headers["content-type"].startswith("application/x-www-form-urlencoded")
    assert "vraag=alc_life" in (saved.value.post_data or "")
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


# -- WCAG 2.2 criteria axe cannot see ------------------------------------------------------------------------
#: For the focused element: is it inside the viewport, and not entirely hidden behind a sticky or fixed
#: element (2.4.11 Focus Not Obscured)? Points inside its box are probed with elementFromPoint.
_FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return {skip: true};
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) return {skip: true};
  const xs = [r.left + 2, r.left + r.width / 2, r.right - 2];
  const ys = [r.top + 2, r.top + r.height / 2, r.bottom - 2];
  let seen = false;
  for (const x of xs) for (const y of ys) {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    const hit = document.elementFromPoint(x, y);
    const mine = hit && (hit === el || el.contains(hit) || hit.contains(el));
    if (mine || (hit && el.labels && [...el.labels].some(l => l.contains(hit)))) seen = true;
  }
  const covers = [...document.querySelectorAll('body *')]
    .filter(n => ['sticky', 'fixed'].includes(getComputedStyle(n).position))
    .filter(n => n.getBoundingClientRect().height > 0).map(n => n.tagName + '.' + n.className);
  return {skip: false, seen, what: el.tagName + '#' + el.id + '.' + el.className, covers};
}"""


def _tab_through(page: Any, limit: int = 120) -> list[dict[str, Any]]:
    """Tab through every focusable element of the page; the focus check at each stop."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    stops: list[dict[str, Any]] = []
    first = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(_FOCUS_VISIBLE)
        if info["skip"]:
            continue
        if info["what"] == first:
            break
        first = first or info["what"]
        stops.append(info)
    return stops


@pytest.fixture
def page_360(chromium_browser, live_server):  # type: ignore[no-untyped-def]
    """360 px wide, as WCAG 2.2's focus criterion is checked on the smallest common phone width."""
    from tests.browser import BrowserPage

    context = chromium_browser.new_context(
        viewport={"width": 360, "height": 640}, is_mobile=True, has_touch=True, locale="nl-NL"
    )
    yield BrowserPage(context.new_page(), live_server.url)
    context.close()


def test_focus_is_never_hidden_behind_sticky_elements_at_360px(page_360, session) -> None:  # type: ignore[no-untyped-def]
    page = page_360.page
    page_360.visit("/start/")
    checked = 0
    for step in range(4):  # start, intro, two pages of questions
        stops = _tab_through(page)
        assert len(stops) >= 3, stops
        hidden = [s for s in stops if not s["seen"]]
        assert not hidden, f"focus hidden on {page.url}: {hidden}"
        checked += len(stops)
        if step == 0:
            page.fill("#code", session.code)
            page.click("main form.kansrijk-form button[type=submit]")
            page.wait_for_url(f"**/k/{session.code}/")
        elif step == 1:
            page.click("button[value=mee]")
            page.wait_for_url("**/p/**")
        else:
            _answer_page(page)
            page.locator(".fw-nav__next").click()
            page.wait_for_load_state("load")
        page_360.check()
    assert checked >= 20
    # the check itself sees an obscuring bar: a fixed footer over the bottom half hides a focused button
    page.evaluate(
        """() => { const bar = document.createElement('div'); bar.id = 'kr-test-bar';
             Object.assign(bar.style, {position: 'fixed', left: '0', right: '0', bottom: '0', height: '60vh',
                                       background: '#fff', zIndex: '10'});
             document.body.appendChild(bar);
             const next = document.querySelector('.fw-nav__next');
             window.scrollTo(0, 0); next.focus({preventScroll: true});
             next.scrollIntoView({block: 'end'}); }"""
    )
    assert page.evaluate(_FOCUS_VISIBLE)["seen"] is False


def test_no_dragging_and_no_re_entry(browser_page, session) -> None:  # type: ignore[no-untyped-def]
    """2.5.7: nothing needs dragging (no sliders, no draggable rows); 3.3.7: what a pupil typed or chose
    is shown again after Back, after a language switch and after a reload — never asked twice."""
    _start(browser_page, session.code)
    page = browser_page.page
    seen_pages = 0
    for _ in range(3):
        assert (
            page.evaluate(
                "() => document.querySelectorAll('[draggable=true], input[type=range], [role=slider]').length"
            )
            == 0
        )
        seen_pages += 1
        _answer_page(page)
        page.locator(".fw-nav__next").click()
        page.wait_for_load_state("load")
    assert seen_pages == 3
    # Back to the background page: the typed age and postcode are there
    for _ in range(2):
        page.locator(".fw-nav__back").click()
        page.wait_for_load_state("load")
        if page.locator("#i-bg_age").count():
            break
    assert page.locator("#i-bg_age").input_value() == str(ANSWERS["bg_age"])
    assert page.locator("#i-bg_pc4").input_value() == str(ANSWERS["bg_pc4"])
    browser_page.check()
    # switch language on that page: still filled in
    page.select_option("#fw-taal", "en")
    page.locator(".fw-lang button").click()
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("#i-bg_age").input_value() == str(ANSWERS["bg_age"])
    browser_page.check()
    page.reload()
    assert page.locator("#i-bg_age").input_value() == str(ANSWERS["bg_age"])


def test_class_code_by_link_and_qr_as_well_as_typed(browser_page, session, make_staff) -> None:  # type: ignore[no-untyped-def]
    """3.3.8 Accessible Authentication: the class code need not be typed — the link (and the QR code of
    it on the teacher's sheet) opens the questionnaire, and /start/?code= fills it in."""
    import segno

    page = browser_page.page
    browser_page.visit(f"/k/{session.code}/")
    assert page.locator("button[value=mee]").is_visible()
    browser_page.visit(f"/start/?code={session.code}")
    assert page.locator("#code").input_value() == session.code
    page.click("main form.kansrijk-form button[type=submit]")
    page.wait_for_url(f"**/k/{session.code}/")
    browser_page.check()
    # the teacher's sheet: the QR code encodes exactly the link
    user = make_staff("beheer", "municipal_admin")
    browser_page.visit("/account/inloggen/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "correct-horse-battery")
    page.locator("main form.kansrijk-form button[type=submit]").click()
    page.wait_for_load_state("load")
    wave = session.school_class.wave
    browser_page.visit(
        f"/gemeente/{wave.municipality.code}/metingen/{wave.code}/sessies/{session.code}/blad/"
    )
    link = f"{browser_page.base_url}/k/{session.code}/"
    assert link in page.content()
    qr = page.locator("img.fw-sheet__qr").get_attribute("src")
    assert qr == segno.make(link, error="m").svg_data_uri(scale=6, border=2)
