"""Real Chromium: home, login (success, failure), language switch — axe-core clean, no CSP errors."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page(browser_page) -> None:  # type: ignore[no-untyped-def]
    browser_page.visit("/")
    page = browser_page.page
    assert page.locator("h1").inner_text().startswith("Kansrijk")
    # NL Design System CSS is served from our own static files and applied.
    token = page.evaluate(
        "() => getComputedStyle(document.body).getPropertyValue('--utrecht-heading-1-font-size')"
    )
    assert token.strip(), "Utrecht design tokens not loaded"
    assert page.evaluate("() => getComputedStyle(document.querySelector('h1')).fontWeight") != "400"
    # The skip link is the first focusable element and moves focus to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "#main"


def test_login_failure_then_success(browser_page, make_staff) -> None:  # type: ignore[no-untyped-def]
    make_staff("anna", "analyst")
    browser_page.visit("/account/inloggen/")
    page = browser_page.page
    page.get_by_label("Gebruikersnaam").fill("anna")
    page.get_by_label("Wachtwoord").fill("fout")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    browser_page.check()
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/overzicht/")
    browser_page.check()
    assert "Gemeente Voorbeeld" in page.content()


def test_language_switch(browser_page) -> None:  # type: ignore[no-untyped-def]
    browser_page.visit("/privacy/")
    page = browser_page.page
    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/privacy/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Privacy"
    assert page.get_by_text("We do not ask your name").is_visible()
    browser_page.check()
    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_url("**/privacy/")
    assert page.locator("html").get_attribute("lang") == "nl"
    browser_page.check()


@pytest.mark.parametrize("path", ["/toegankelijkheid/", "/privacy/", "/over/", "/bestaat-niet/"])
def test_public_pages_are_accessible_on_a_phone(phone_page, path: str) -> None:  # type: ignore[no-untyped-def]
    phone_page.visit(path)
    width = phone_page.page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"horizontal scrolling at 320 px on {path}"
