"""Browser (Chromium): dashboard with charts, filters and the map; axe-core clean, no CSP errors."""

from __future__ import annotations

import pytest

URL = "/gemeente/GM9999/resultaten/"


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
    assert "onderdrukt" in page.content()
    browser_page.visit(URL + "kaart/?indicator=alc_30d")
    page.wait_for_selector("[data-vega-spec-url][data-rendered]", timeout=15000, state="attached")
    assert page.locator("[data-rendered=error]").count() == 0, page.locator(".kr-chart").first.inner_html()[
        :500
    ]
    browser_page.check()
    assert page.locator(".kr-chart svg path").count() >= 2  # wijk shapes
    browser_page.visit(URL + "indicator/alc_30d/")
    page.wait_for_selector("[data-vega-spec-url][data-rendered]", timeout=15000, state="attached")
    assert page.locator("[data-rendered=error]").count() == 0, page.locator(".kr-chart").first.inner_html()[
        :500
    ]
    browser_page.check()
