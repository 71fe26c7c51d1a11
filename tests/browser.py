"""Browser fixtures: the app served by a live server, driven in Debian Chromium through Playwright.

Every page visited through :func:`visit` is checked with axe-core (WCAG 2.2 A/AA, zero violations) and for
console errors, which include Content-Security-Policy violations. axe is injected with ``page.evaluate`` —
a DevTools evaluation, which the page's CSP does not block, so the CSP under test stays exactly as served.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("KANSRIJK_CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: WCAG 2.2 A/AA (axe adds only target size for 2.2; the rest of 2.2 is checked by Playwright tests and the
#: manual checklist in docs/developers/accessibility.md).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    if not AXE.exists():
        pytest.skip("axe-core not installed (npm ci)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class BrowserPage:
    """A Playwright page that collects console errors and checks every visited page with axe-core."""

    def __init__(self, page: Any, base_url: str) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/")
        self.console_errors: list[str] = []
        self.axe_checked: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.console_errors.append(f"pageerror: {exc}"))
        page.on("response", self._on_response)

    def _on_console(self, message: Any) -> None:
        # "Failed to load resource" repeats a response status, which _on_response judges (a 404 *page* is
        # fine when the test asks for one; a missing stylesheet or script never is).
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.console_errors.append(message.text)

    def _on_response(self, response: Any) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            self.console_errors.append(
                f"{response.status} for {response.request.resource_type} {response.url}"
            )

    def visit(self, path: str) -> Any:
        response = self.page.goto(self.base_url + path)
        self.check()
        return response

    def check(self) -> None:
        """axe-core on the current page: zero WCAG 2.2 A/AA violations; and no console or CSP errors."""
        self.page.wait_for_load_state("load")
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            self.page.evaluate(AXE.read_text(encoding="utf-8"))
        result = self.page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        violations = [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]
        assert not violations, f"axe-core violations on {self.page.url}:\n{json.dumps(violations, indent=2)}"
        assert not self.console_errors, f"console/CSP errors on {self.page.url}: {self.console_errors}"
        self.axe_checked.append(self.page.url)


@pytest.fixture
def browser_page(chromium_browser: Any, live_server: Any) -> Iterator[BrowserPage]:
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    wrapper = BrowserPage(page, live_server.url)
    yield wrapper
    context.close()


@pytest.fixture
def phone_page(chromium_browser: Any, live_server: Any) -> Iterator[BrowserPage]:
    """A 320 px wide touch viewport: the smallest phone the questionnaire must work on."""
    context = chromium_browser.new_context(
        viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True, locale="nl-NL"
    )
    page = context.new_page()
    wrapper = BrowserPage(page, live_server.url)
    yield wrapper
    context.close()
