"""Browser (Chromium): the risk and protective factor pages draw their chart under the CSP, axe-core clean."""

from __future__ import annotations

import pytest

from tests.results.test_browser import _assert_charts_have_download_links_and_no_menu, _login

URL = "/gemeente/GM9999/resultaten/factoren/"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_factor_pages_render_their_chart_and_pass_axe(
    published, browser_page, live_server, client, make_staff
) -> None:  # type: ignore[no-untyped-def]
    _login(browser_page, live_server, client, make_staff("partner", "partner"))
    page = browser_page.page
    for domain in ("family", "peers", "leisure", "school"):
        browser_page.visit(URL + f"?leefdomein={domain}")
        if page.locator("[data-vega-spec-url]").count():  # no chart when every level is hidden
            page.wait_for_selector("[data-vega-spec-url][data-rendered]", timeout=15000, state="attached")
            assert page.locator("[data-rendered=error]").count() == 0, domain
            browser_page.check()
            assert page.locator("[data-rendered='true'] svg").count() >= 1, domain
        assert "De vaste IJslandse factoren" in page.content()
    # pick another outcome and factor with the form
    page.select_option("#uitkomst", "alc_30d")
    page.select_option("#factor", "sch_wellbeing")
    page.click(".kr-filter-form button[type=submit]")
    page.wait_for_load_state("load")
    page.wait_for_selector("[data-vega-spec-url][data-rendered]", timeout=15000, state="attached")
    assert page.locator("[data-rendered=error]").count() == 0
    browser_page.check()
    assert "dronk alcohol in de afgelopen 30 dagen" in page.locator("#factor-kop").inner_text()
    _assert_charts_have_download_links_and_no_menu(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_risk_group_page_shows_the_group_against_the_rest_and_passes_axe(
    published, browser_page, live_server, client, make_staff, municipality
) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.cycle.models import RiskGroup

    RiskGroup.objects.create(municipality=municipality, code="risicojeugd", number=9, title="Risicojeugd")
    _login(browser_page, live_server, client, make_staff("admin", "municipal_admin"))
    browser_page.visit("/gemeente/GM9999/cyclus/risicogroep/risicojeugd/")
    page = browser_page.page
    assert "Hoe gaat het met deze groep?" in page.content()
    assert page.locator("#survey-indicator").input_value() == "delinquency"
    page.select_option("#survey-indicator", "truancy")
    with page.expect_navigation():
        page.click("form[action$='/vragenlijst/'] button[type=submit]")
    browser_page.check()
    assert page.locator("#survey-indicator").input_value() == "truancy"
    assert "spijbelde in de afgelopen 4 weken" in page.locator("#groep-kop ~ p").first.inner_text()
