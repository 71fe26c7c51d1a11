"""Instrument pages in real Chromium: list, a version page and an Arabic item preview — axe-core clean (WCAG
2.1 AA) and without console or Content-Security-Policy errors."""

from __future__ import annotations

import pytest

from kansrijk.fieldwork import instrument_services as isv
from kansrijk.instrument import default_instrument_path, load_xlsform

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASE = "/gemeente/GM9999/vragenlijsten/"


def _login(browser_page, live_server, client, user) -> None:  # type: ignore[no-untyped-def]
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies["sessionid"]
    browser_page.page.context.add_cookies(
        [{"name": "sessionid", "value": cookie.value, "url": live_server.url}]
    )


def test_list_version_and_arabic_preview(browser_page, live_server, client, make_staff) -> None:  # type: ignore[no-untyped-def]
    _login(browser_page, live_server, client, make_staff("beheer", "municipal_admin"))
    response = browser_page.visit(BASE)
    assert response.status == 200
    page = browser_page.page
    assert page.locator("text=oko_kern").count() >= 1

    # A file that is no workbook: the problems are listed (and the page stays accessible).
    page.set_input_files(
        "#id_bestand", files=[{"name": "kapot.xlsx", "mimeType": "application/octet-stream", "buffer": b"x"}]
    )
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_load_state("load")
    browser_page.check()
    assert page.locator("#ins-problems td").first.inner_text() == "file"
    page.locator("table a.utrecht-link").first.click()
    page.wait_for_load_state("load")
    browser_page.check()
    assert "/vragenlijsten/" in page.url and page.locator("#ins-preview").count() == 1

    # Choose an item and Arabic with the GET form (no JavaScript involved).
    page.select_option("#ins-vraag", "alc_life")
    page.select_option("#ins-taal", "ar")
    page.locator("#voorbeeld form button[type=submit]").click()
    page.wait_for_load_state("load")
    browser_page.check()
    preview = page.locator("#ins-preview")
    assert preview.get_attribute("dir") == "rtl" and preview.get_attribute("lang") == "ar"
    item = load_xlsform(default_instrument_path()).item("alc_life")
    assert item.label["ar"] in preview.inner_text()
    radios = preview.locator("input[type=radio]")
    assert radios.count() == 7 and radios.first.is_disabled()
    # Right-to-left as the browser lays it out, not only as an attribute.
    assert preview.evaluate("el => getComputedStyle(el).direction") == "rtl"


def test_compare_page(browser_page, live_server, client, make_staff) -> None:  # type: ignore[no-untyped-def]
    import io

    from openpyxl import load_workbook

    wb = load_workbook(default_instrument_path())
    wb["settings"]["C2"] = "2027.1"
    out = io.BytesIO()
    wb.save(out)
    old = isv.import_instrument(None, default_instrument_path().read_bytes()).version
    new = isv.import_instrument(None, out.getvalue()).version
    _login(browser_page, live_server, client, make_staff("analist", "analyst"))
    response = browser_page.visit(f"{BASE}vergelijk/?oud={old.pk}&nieuw={new.pk}")
    assert response.status == 200
    assert "Geen verschillen" in browser_page.page.inner_text("main")
