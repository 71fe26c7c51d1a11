"""Real Chromium: the cycle overview and an action point page, axe-core clean and without CSP errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ARTEFACTS = Path(
    os.environ.get("KANSRIJK_TEST_ARTEFACTS", Path(__file__).resolve().parents[2] / "var" / "test-artefacts")
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(browser_page, make_staff, role: str) -> None:  # type: ignore[no-untyped-def]
    make_staff(role, role)
    browser_page.visit("/account/inloggen/")
    page = browser_page.page
    page.get_by_label("Gebruikersnaam").fill(role)
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/overzicht/")


def test_overview_and_action_point_as_partner(browser_page, make_staff, seeded) -> None:  # type: ignore[no-untyped-def]
    _login(browser_page, make_staff, "partner")
    browser_page.visit("/gemeente/GM9999/cyclus/")
    page = browser_page.page
    assert page.get_by_role("heading", level=1).inner_text().startswith("Kinderen op de Kaart")
    assert page.get_by_role(
        "heading", name="Thema 2: Het versterken van de multidisciplinaire integrale samenwerking"
    ).is_visible()
    page.get_by_role("link", name="Cannabispreventie op school voortzetten").click()
    page.wait_for_url("**/actiepunt/36/")
    browser_page.check()
    assert "Actiepunt 36" in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_role("link", name="Actiepunt bewerken").count() == 0


def test_admin_edits_an_action_point(browser_page, make_staff, seeded) -> None:  # type: ignore[no-untyped-def]
    _login(browser_page, make_staff, "municipal_admin")
    browser_page.visit("/gemeente/GM9999/cyclus/actiepunt/13/")
    page = browser_page.page
    page.get_by_role("link", name="Actiepunt bewerken").click()
    page.wait_for_url("**/bewerken/")
    browser_page.check()
    page.get_by_label("Status", exact=True).select_option("running")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/actiepunt/13/")
    browser_page.check()
    assert "Loopt" in page.content()
    page.get_by_label("Wat is er gebeurd?").fill("Verzuimprotocol besproken met scholen")
    page.get_by_role("button", name="Voortgang toevoegen").click()
    page.wait_for_url("**/actiepunt/13/")
    browser_page.check()
    assert page.get_by_text("Verzuimprotocol besproken met scholen").is_visible()


@pytest.mark.parametrize(
    "path", ["risicokaart/", "aanbod/", "dialoog/", "voortgang/", "wat-bewoog/", "risicogroep/pesten/"]
)
def test_other_pages_are_accessible(browser_page, make_staff, seeded, path: str) -> None:  # type: ignore[no-untyped-def]
    _login(browser_page, make_staff, "municipal_admin")
    browser_page.visit("/gemeente/GM9999/cyclus/" + path)


def test_action_point_with_published_figures_and_chart(browser_page, make_staff, seeded, published) -> None:  # type: ignore[no-untyped-def]
    _login(browser_page, make_staff, "analyst")
    browser_page.visit("/gemeente/GM9999/cyclus/actiepunt/35/")
    page = browser_page.page
    chart = page.locator("[data-vega-spec-url]")
    chart.locator("svg").wait_for()
    page.wait_for_selector("[data-vega-spec-url][data-rendered='true']")
    # the reporting library's trend chart: both axes with their titles, the 95% band, the line and its dots
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    chart.screenshot(path=str(ARTEFACTS / "cycle-action-point-trend.png"))
    page.screenshot(path=str(ARTEFACTS / "cycle-action-point.png"), full_page=True)
    assert sorted(set(chart.locator("g.role-axis-title").all_text_contents())) == ["Meting", "Percentage"]
    assert chart.locator("g.role-axis-label text").count() >= 4  # waves and percentages on the axes
    assert chart.locator("g.mark-area path").count() == 1
    assert chart.locator("g.mark-line path").count() == 1
    assert chart.locator("a.kr-chart-download").count() == 2  # PNG and SVG, as on the results pages
    band = chart.locator("g.mark-area path").bounding_box()
    assert band is not None and band["height"] > 20  # the interval is drawn, not a flat line
    assert "21,4%" in page.content()
    browser_page.check()
    browser_page.visit("/gemeente/GM9999/cyclus/")
    browser_page.visit("/gemeente/GM9999/cyclus/wat-bewoog/")


def test_document_pages_targets_and_schedule(browser_page, make_staff, seeded, published) -> None:  # type: ignore[no-untyped-def]
    """Issue 15's pages in Chromium: the chapters overview, the labelled Maastricht example, a risk group
    with the starter set loaded, the progress report with targets, the schedule and the dashboard steps."""
    from kansrijk.cycle import demo, services

    services.load_starter_set(None, seeded)
    demo._targets(seeded)
    services.plan_waves(None, seeded, 2026)
    _login(browser_page, make_staff, "municipal_admin")
    page = browser_page.page
    assert page.get_by_role("heading", name="Volgende stappen in de cyclus").is_visible()
    browser_page.check()
    browser_page.visit("/gemeente/GM9999/cyclus/")
    assert page.get_by_role("heading", name="Hoofdstuk 9 · Gezinnen", exact=False).count() == 1
    browser_page.visit("/gemeente/GM9999/cyclus/voorbeeld-maastricht-2018/")
    assert page.get_by_text("Maastricht, 2018").count() > 40
    browser_page.visit("/gemeente/GM9999/cyclus/risicogroep/huiselijk_geweld/")
    assert "Cijfers uit Kinderen op de Kaart (Maastricht, 2018)" in page.content()
    browser_page.visit("/gemeente/GM9999/cyclus/voortgang/")
    assert page.locator(".kr-target--on_track").count() >= 1
    browser_page.visit("/gemeente/GM9999/cyclus/actiepunt/35/")
    assert page.get_by_role("table", name="Lokaal actieplan: nulmeting, doel en stand").is_visible()
    browser_page.visit("/gemeente/GM9999/cyclus/planning/")
    page.get_by_label("Eerste veldwerkjaar").fill("2028")
    page.get_by_role("button", name="Planning opslaan").click()
    page.wait_for_url("**/planning/")
    browser_page.check()
    assert page.get_by_role("table", name="Meting 2032").is_visible()
    browser_page.visit("/gemeente/GM9999/cyclus/importeren/")
    browser_page.visit("/gemeente/GM9999/cyclus/actiepunt/35/bewerken/")


def test_risk_map_of_rd_new_wijken_in_chromium(browser_page, make_staff, seeded) -> None:  # type: ignore[no-untyped-def]
    """Wijken in RD New metres drawn by vega-embed on the page: both wijken, in their shape, no CSP error."""
    from kansrijk.accounts.models import Area

    from .factories import ContextFigureFactory

    def rect(x: float, y: float, w: float, h: float) -> dict:  # type: ignore[type-arg]
        return {"type": "Polygon", "coordinates": [[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]]}

    Area.objects.create(
        municipality=seeded,
        level="wijk",
        code="WK999901",
        name="Centrum",
        geometry=rect(136e3, 456e3, 1e3, 2e3),
    )
    Area.objects.create(
        municipality=seeded, level="wijk", code="WK999902", name="Zuid", geometry=rect(136e3, 454e3, 1e3, 2e3)
    )
    ContextFigureFactory(municipality=seeded, area_code="WK999901", value=12.5)
    ContextFigureFactory(municipality=seeded, area_code="WK999902", value=20.0)
    _login(browser_page, make_staff, "partner")
    browser_page.visit("/gemeente/GM9999/cyclus/risicokaart/?a=context:kinderen_armoede")
    page = browser_page.page
    page.wait_for_selector("[data-vega-spec-url][data-rendered='true']")
    shapes = page.locator("[data-vega-spec-url] path[aria-roledescription='geoshape']")
    assert shapes.count() == 2
    for i in range(2):
        box = shapes.nth(i).bounding_box()
        assert box is not None and box["height"] / box["width"] == pytest.approx(2.0, rel=0.05)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("[data-vega-spec-url]").screenshot(path=str(ARTEFACTS / "cycle-risk-map-rd-new.png"))
    browser_page.check()
