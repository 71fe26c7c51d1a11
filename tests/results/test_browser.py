"""Browser (Chromium): dashboard with charts, filters and the map; axe-core clean, no CSP errors."""

from __future__ import annotations

import pytest

URL = "/gemeente/GM9999/resultaten/"


def _assert_charts_have_download_links_and_no_menu(page) -> None:  # type: ignore[no-untyped-def]
    """vega-embed's pop-up menu is off (its stylesheet cannot load under the CSP, so it was drawn open);
    every drawn chart has a PNG and an SVG link instead, each a real image."""
    charts = page.locator(".kr-chart[data-rendered='true']")
    assert charts.count() >= 1
    assert page.locator(".kr-chart details, .kr-chart .vega-actions, .kr-chart summary").count() == 0
    for i in range(charts.count()):
        links = charts.nth(i).locator("a.kr-chart-download")
        assert [links.nth(j).get_attribute("data-format") for j in range(links.count())] == ["png", "svg"]
        assert links.nth(0).get_attribute("href").startswith("data:image/png;base64,")
        assert links.nth(1).get_attribute("href").startswith(("blob:", "data:image/svg+xml"))
        assert links.nth(0).is_visible() and links.nth(0).bounding_box()["height"] >= 24


def _login(browser_page, live_server, client, user) -> None:  # type: ignore[no-untyped-def]
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies["sessionid"]
    browser_page.page.context.add_cookies(
        [{"name": "sessionid", "value": cookie.value, "url": live_server.url}]
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_filters_and_map_render_charts_under_the_csp(
    published, browser_page, live_server, client, make_staff
) -> None:  # type: ignore[no-untyped-def]
    _login(browser_page, live_server, client, make_staff("partner", "partner"))
    browser_page.visit(URL)
    page = browser_page.page
    page.wait_for_selector("[data-vega-spec-url][data-rendered]", timeout=15000)
    assert page.locator("[data-rendered='true'] svg").count() >= 1
    page.select_option("#uitsplitsing", "gender")
    page.click(".kr-filter-form button[type=submit]")
    page.wait_for_load_state("load")
    page.wait_for_selector("[data-vega-spec-url][data-rendered]", timeout=15000, state="attached")
    assert page.locator("[data-rendered=error]").count() == 0, page.locator(".kr-chart").first.inner_html()[
        :500
    ]
    browser_page.check()
    assert "niet gepubliceerd" in page.content()  # one neutral label, never the reason
    _assert_charts_have_download_links_and_no_menu(page)
    with page.expect_download() as download:
        page.locator("a.kr-chart-download[data-format=svg]").first.click()
    assert download.value.suggested_filename.endswith(".svg")
    browser_page.visit(URL + "kaart/?indicator=alc_30d")
    page.wait_for_selector("[data-vega-spec-url][data-rendered]", timeout=15000, state="attached")
    assert page.locator("[data-rendered=error]").count() == 0, page.locator(".kr-chart").first.inner_html()[
        :500
    ]
    browser_page.check()
    assert page.locator(".kr-chart svg path").count() >= 2  # wijk shapes
    _assert_charts_have_download_links_and_no_menu(page)
    browser_page.visit(URL + "indicator/alc_30d/")
    page.wait_for_selector("[data-vega-spec-url][data-rendered]", timeout=15000, state="attached")
    assert page.locator("[data-rendered=error]").count() == 0, page.locator(".kr-chart").first.inner_html()[
        :500
    ]
    browser_page.check()
    _assert_charts_have_download_links_and_no_menu(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_admin_sets_regional_consent_on_the_settings_page(
    municipality, browser_page, live_server, client, make_staff, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.results.region_models import Region, RegionMember

    ggd = Region.objects.create(code="ggd-test", name="GGD Testregio")
    RegionMember.objects.create(region=ggd, municipality=municipality)
    from tests.conftest import verify_second_factor

    admin = make_staff("beheer", "municipal_admin")
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    verify_second_factor(client, admin)  # the settings are behind the second factor
    browser_page.page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = browser_page.page
    browser_page.visit("/gemeente/GM9999/resultaten/instellingen/")
    browser_page.check()
    page.get_by_label("GGD Testregio").check()
    page.get_by_role("button", name="Toestemming opslaan").click()
    page.wait_for_load_state("load")
    assert page.get_by_label("GGD Testregio").is_checked()
    assert "Opgeslagen; de regio ziet dit meteen." in page.content()
    browser_page.check()
    page.screenshot(path=str(tmp_path / "consent.png"), full_page=True)
    assert RegionMember.objects.get().consents
