"""Pages and permissions: every role reads, only municipal admins edit; empty state without a wave."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from kansrijk.accounts.models import AuditEvent
from kansrijk.cycle.models import ActionPoint, DialogueEntry
from kansrijk.cycle.services import import_context

from .factories import ContextFigureFactory, ProvisionFactory

pytestmark = pytest.mark.django_db

BASE = "/gemeente/GM9999/cyclus/"
READ_PAGES = [
    "",
    "actiepunt/35/",
    "risicogroep/armoede/",
    "risicokaart/",
    "aanbod/",
    "dialoog/",
    "wat-bewoog/",
    "voortgang/",
]
NO_LINK_ROWS = {
    "ind-TOTAL_FORMS": "0",
    "ind-INITIAL_FORMS": "0",
    "ind-MIN_NUM_FORMS": "0",
    "ind-MAX_NUM_FORMS": "1000",
}
ROLES = ["municipal_admin", "analyst", "school_coordinator", "partner"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", READ_PAGES)
def test_every_role_can_read(staff_client, seeded, role: str, page: str) -> None:  # type: ignore[no-untyped-def]
    response = staff_client(role).get(BASE + page)
    assert response.status_code == 200, page


def test_anonymous_is_sent_to_login(client, seeded) -> None:  # type: ignore[no-untyped-def]
    response = client.get(BASE)
    assert response.status_code == 302 and "/account/" in response["Location"]


def test_other_municipality_is_forbidden(staff_client, seeded) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.accounts.services import ensure_municipality

    ensure_municipality("GM0001", "Elders")
    assert staff_client("municipal_admin").get("/gemeente/GM0001/cyclus/").status_code == 403


@pytest.mark.parametrize("role", ["analyst", "school_coordinator", "partner"])
def test_only_admins_edit(staff_client, seeded, role: str) -> None:  # type: ignore[no-untyped-def]
    client = staff_client(role)
    point = ActionPoint.objects.get(municipality=seeded, number=1)
    assert client.get(BASE + "actiepunt/1/bewerken/").status_code == 403
    assert (
        client.post(BASE + "actiepunt/1/bewerken/", {"title": "Gekaapt", "status": "done"}).status_code == 403
    )
    assert (
        client.post(BASE + "actiepunt/1/voortgang/", {"date": "2026-01-01", "text": "x"}).status_code == 403
    )
    assert (
        client.post(
            BASE + "dialoog/", {"date": "2026-01-01", "audience": "youth", "format": "x", "heard": "x"}
        ).status_code
        == 403
    )
    assert client.get(BASE + "importeren/").status_code == 403
    point.refresh_from_db()
    assert point.title != "Gekaapt" and point.status == "running"  # as loaded: "Verder uitrollen" (1)
    assert not point.notes.exists() and not DialogueEntry.objects.exists()
    html = client.get(BASE + "actiepunt/1/").content.decode()
    assert "bewerken/" not in html and "Voortgang toevoegen" not in html


def test_admin_edits_and_it_is_audited(staff_client, seeded) -> None:  # type: ignore[no-untyped-def]
    client = staff_client("municipal_admin")
    html = client.get(BASE + "actiepunt/1/").content.decode()
    assert "bewerken/" in html
    response = client.post(
        BASE + "actiepunt/1/bewerken/",
        {
            "title": "Armoedebeleid integraal",
            "description": "d",
            "status": "done",
            "owner": "Team Armoede",
            "partners": "Voedselbank\nScholen",
            "start_date": "2026-01-01",
            "due_date": "2026-12-31",
            "risk_groups": [],
            "themes": [],
            "next_steps": "Uitbreiden naar mbo",
            **NO_LINK_ROWS,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    point = ActionPoint.objects.get(municipality=seeded, number=1)
    assert (point.status, point.partner_list, point.risk_groups.count()) == (
        "done",
        ["Voedselbank", "Scholen"],
        0,
    )
    event = AuditEvent.objects.get(action="cycle.action_point.update")
    assert "status" in event.details["fields"] and event.actor_name == "municipal_admin"
    client.post(BASE + "actiepunt/1/voortgang/", {"date": "2026-02-01", "text": "Startbijeenkomst gehouden"})
    assert "Startbijeenkomst gehouden" in client.get(BASE + "actiepunt/1/").content.decode()


def test_edit_rejects_due_before_start(staff_client, seeded) -> None:  # type: ignore[no-untyped-def]
    response = staff_client("municipal_admin").post(
        BASE + "actiepunt/1/bewerken/",
        {"title": "t", "status": "running", "start_date": "2026-05-01", "due_date": "2026-01-01"},
    )
    assert response.status_code == 200
    assert "De einddatum ligt vóór de startdatum." in response.content.decode()


def test_overview_without_a_wave_shows_the_empty_state(staff_client, seeded) -> None:  # type: ignore[no-untyped-def]
    html = staff_client("partner").get(BASE).content.decode()
    assert "Er is nog geen gepubliceerde meting" in html
    assert "Thema 1: Bescherming tegen kindermishandeling (artikel 19" in html
    assert "Hoofdstuk 2" in html and "Hoofdstuk 14" in html
    assert html.count('href="/gemeente/GM9999/cyclus/actiepunt/') >= 40
    body = html.split("Thema 1")[1]
    assert "%" not in body.replace("100%", "")  # no made-up figures


def test_overview_with_published_results(staff_client, seeded, published) -> None:  # type: ignore[no-untyped-def]
    html = staff_client("partner").get(BASE).content.decode()
    assert "Er is nog geen gepubliceerde meting" not in html
    assert "21,4%" in html and "significant lager dan de vorige meting" in html


def test_action_point_page_with_chart_and_context(staff_client, seeded, published) -> None:  # type: ignore[no-untyped-def]
    client = staff_client("partner")
    html = client.get(BASE + "actiepunt/35/").content.decode()
    assert "Actiepunt 35" in html and "26,0%" in html
    assert f'data-vega-spec-url="{BASE}actiepunt/35/grafiek/alc_30d.json"' in html
    spec = client.get(BASE + "actiepunt/35/grafiek/alc_30d.json").json()
    band, _line, _changes, _gaps = spec["layer"]  # the reporting library's trend: CI band, line, changes
    assert band["mark"]["type"] == "area" and band["encoding"]["y"]["axis"]["format"] == ".0%"
    assert [(v["wave"], v["estimate"], v["change"]) for v in spec["data"]["values"]] == [
        ("Voorbeeld 2024", 0.26, None),
        ("Voorbeeld 2026", 0.214, "significant lager"),
    ]
    assert client.get(BASE + "actiepunt/35/grafiek/truancy.json").status_code == 404  # not linked here
    ContextFigureFactory(municipality=seeded, indicator="kinderen_armoede", area_code="WK999901", value=10)
    ContextFigureFactory(municipality=seeded, indicator="kinderen_armoede", area_code="WK999902", value=20)
    html = staff_client("partner").get(BASE + "actiepunt/1/").content.decode()
    assert "per wijk 10% tot 20%" in html and "bron: CBS; peildatum 2025-03-01" in html


def test_risk_map_two_measures_with_source(staff_client, seeded, published) -> None:  # type: ignore[no-untyped-def]
    ContextFigureFactory(
        municipality=seeded, area_code="WK999901", value=12.5, source="CBS Kinderen in armoede"
    )
    ProvisionFactory(municipality=seeded, area_code="WK999901")
    ProvisionFactory(municipality=seeded, area_code="WK999901")
    html = (
        staff_client("partner")
        .get(BASE + "risicokaart/?a=survey:sport_weekly&b=aanbod:sport")
        .content.decode()
    )
    assert "63%" in html and "minder dan 30 leerlingen" in html
    row = html.split("WK999901</th>")[1].split("</tr>")[0]
    assert "63%" in row and ">2<" in row
    html = (
        staff_client("partner")
        .get(BASE + "risicokaart/?a=context:kinderen_armoede&b=nonsense")
        .content.decode()
    )
    assert "CBS Kinderen in armoede" in html and "12,5" in html


def test_risk_map_draws_rd_new_and_wgs84_boundaries(staff_client, seeded) -> None:  # type: ignore[no-untyped-def]
    """Wijken imported in RD New (EPSG:28992 metres) draw a map of the right shape, like WGS84 ones."""
    import re

    from kansrijk.accounts.models import Area
    from kansrijk.reporting.render import to_svg

    def rect(x: float, y: float, w: float, h: float) -> dict:  # type: ignore[type-arg]
        return {"type": "Polygon", "coordinates": [[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]]}

    rd = Area.objects.create(
        municipality=seeded,
        level="wijk",
        code="WK999901",
        name="Centrum",
        geometry=rect(136e3, 456e3, 1e3, 2e3),
    )
    ContextFigureFactory(municipality=seeded, area_code="WK999901", value=12.5)
    client = staff_client("partner")
    html = client.get(BASE + "risicokaart/?a=context:kinderen_armoede").content.decode()
    url = BASE + "risicokaart/kaart.json?a=context:kinderen_armoede"
    assert f'data-vega-spec-url="{BASE}risicokaart/kaart.json?a=context%3Akinderen_armoede"' in html
    for geometry, projection in ((rd.geometry, "identity"), (rect(5.12, 52.09, 0.01, 0.0125), "mercator")):
        Area.objects.filter(pk=rd.pk).update(geometry=geometry)
        spec = client.get(url).json()
        assert spec["projection"]["type"] == projection
        svg = to_svg(spec)
        (d,) = re.findall(r'aria-roledescription="geoshape"[^>]*\sd="(M[^"]+)"', svg)
        numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
        xs, ys = numbers[0::2], numbers[1::2]
        assert (max(ys) - min(ys)) / (max(xs) - min(xs)) == pytest.approx(2.0, rel=0.03)  # 1 km × 2 km
        assert min(xs) >= 0 and max(xs) <= spec["width"]
        assert min(ys) >= 0 and max(ys) <= spec["height"]
        assert "Centrum" in svg and "13%" in svg  # the tooltip text of the area: name and value
    assert client.get(BASE + "risicokaart/kaart.json?a=nonsense").status_code == 404


def test_what_moved_page(staff_client, seeded, published) -> None:  # type: ignore[no-untyped-def]
    html = staff_client("partner").get(BASE + "wat-bewoog/").content.decode()
    moved = html.split("Indicatoren die significant veranderden")[2].split("Actiepunten waarvan")[0]
    assert "dronk alcohol in de afgelopen 30 dagen" in moved and "spijbelde" in moved
    assert "sport minstens" not in moved  # no_change is no movement
    not_moved = html.split("Actiepunten waarvan de indicatoren niet bewogen")[1].split("Alle actiepunten")[0]
    assert "1. Integraal armoedebeleid" in not_moved  # sport_weekly did not move


def test_dialogue_added_by_admin(staff_client, seeded) -> None:  # type: ignore[no-untyped-def]
    point = ActionPoint.objects.get(municipality=seeded, number=35)
    client = staff_client("municipal_admin")
    response = client.post(
        BASE + "dialoog/",
        {
            "date": "2026-04-02",
            "audience": "parents",
            "format": "Ouderavond",
            "heard": "Vragen over blowen",
            "follow_up": "",
            "action_points": [point.pk],
        },
    )
    assert response.status_code == 302
    assert "Vragen over blowen" in client.get(BASE + "actiepunt/35/").content.decode()


def test_import_page_shows_errors_per_row(staff_client, seeded) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = (
        b"gebiedcode;indicator;periode;waarde;eenheid;bron;peildatum\nWK999901;x;2024;abc;%;CBS;2025-03-01\n"
    )
    response = staff_client("municipal_admin").post(
        BASE + "importeren/", {"kind": "context", "file": SimpleUploadedFile("c.csv", data)}
    )
    assert response.status_code == 200
    assert "rij 2, kolom &#x27;waarde&#x27;" in response.content.decode()


def test_progress_report_html_and_pdf(staff_client, seeded) -> None:  # type: ignore[no-untyped-def]
    client = staff_client("partner")
    html = client.get(BASE + "voortgang/?jaar=2026").content.decode()
    assert "Voortgang Kinderen op de Kaart 2026" in html
    response = client.get(BASE + "voortgang.pdf?jaar=2026")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for title in (
        "Bescherming tegen kindermishandeling",
        "Het versterken van de multidisciplinaire integrale samenwerking",
        "Voorzien in een adequate levenstandaard van ieder kind",
    ):
        assert title in text
    for number in (4, 5, 12, 13, 32, 33):
        assert f"Actiepunt {number}:" in text, number
    assert client.get(BASE + "voortgang/?jaar=abc").status_code == 404


def test_progress_pdf_draws_the_targets_trends_as_svg(staff_client, seeded, published) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.cycle import demo

    demo._targets(seeded)
    response = staff_client("partner").get(BASE + "voortgang.pdf?jaar=2026")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Verloop van de doelen over de metingen" in text
    # the reporting library's trend of alc_30d, drawn as vectors: its axis titles and waves are PDF text
    assert "Voorbeeld 2024" in text and "Voorbeeld 2026" in text and "Percentage" in text


def test_context_import_reaches_risk_group_page(staff_client, seeded) -> None:  # type: ignore[no-untyped-def]
    data = (
        b"gebiedcode;indicator;omschrijving;periode;waarde;eenheid;bron;peildatum\n"
        b"WK999901;kinderen_armoede;Kinderen in armoede;2024;12,5;percentage;CBS Statline;2025-03-01\n"
    )
    import_context(None, seeded, data, "c.csv")
    html = staff_client("partner").get(BASE + "risicogroep/armoede/").content.decode()
    assert "CBS Statline" in html and "12,5%" in html


def test_admin_changes_indicator_links(staff_client, seeded) -> None:  # type: ignore[no-untyped-def]
    client = staff_client("municipal_admin")
    html = client.get(BASE + "actiepunt/36/bewerken/").content.decode()
    assert 'value="survey:can_30d" selected' in html
    point = ActionPoint.objects.get(municipality=seeded, number=36)
    data = {
        "title": point.title,
        "description": point.description,
        "status": "running",
        "owner": "",
        "partners": "",
        "next_steps": "",
        "ind-TOTAL_FORMS": "3",
        "ind-INITIAL_FORMS": "2",
        "ind-MIN_NUM_FORMS": "0",
        "ind-MAX_NUM_FORMS": "1000",
        "ind-0-measure": "survey:can_30d",
        "ind-0-expected": "down",
        "ind-1-measure": "survey:can_life",
        "ind-1-expected": "down",
        "ind-1-DELETE": "on",
        "ind-2-measure": "context:jeugdzorg_gebruik",
        "ind-2-expected": "up",
    }
    response = client.post(BASE + "actiepunt/36/bewerken/", data)
    assert response.status_code == 302, (response.context["form"].errors, response.context["links"].errors)
    assert set(point.indicators.values_list("kind", "code", "expected")) == {
        ("survey", "can_30d", "down"),
        ("context", "jeugdzorg_gebruik", "up"),
    }
    assert AuditEvent.objects.filter(action="cycle.action_point.indicators").count() == 1
    data["ind-2-expected"] = ""
    response = client.post(BASE + "actiepunt/36/bewerken/", data)
    assert (
        response.status_code == 200
        and "Kies of de indicator omhoog of omlaag moet." in response.content.decode()
    )


def test_pages_in_english(staff_client, seeded) -> None:  # type: ignore[no-untyped-def]
    client = staff_client("partner")
    html = client.get(BASE, headers={"accept-language": "en"}).content.decode()
    assert '<html lang="en"' in html
    assert "There is no published wave yet" in html and "Chapter 2" in html
