"""The local action plan (targets per action point × indicator), the Maastricht 2018 starter set, the wave
schedule and the pages that show them (issue 15)."""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
import json
import re

import pytest
from django.apps import apps as django_apps

from kansrijk.accounts.models import AuditEvent
from kansrijk.accounts.services import ensure_municipality
from kansrijk.cycle import services
from kansrijk.cycle.indicators import IndicatorStatus
from kansrijk.cycle.models import ActionPoint, ContextFigure, RiskGroup, SchedulePhase, Theme
from kansrijk.cycle.schedule import next_steps, plan
from kansrijk.cycle.targets import Target, context_verdict, survey_verdict

BASE = "/gemeente/GM9999/cyclus/"
FIGURES = services.STARTER_SETS["maastricht-2018"].data()["figures"]


# --- target verdicts (pure) ----------------------------------------------------------------------------


def _status(estimate: float | None, trend: str | None, wave: str = "2026") -> IndicatorStatus:
    return IndicatorStatus("alc_30d", estimate, trend=trend, wave=wave)  # type: ignore[arg-type]


DOWN = Target("down", 19.5, 2030, "2024", 26.0)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (None, "no_data"),
        (IndicatorStatus("alc_30d", None, suppressed_reason="n < 30"), "no_data"),
        (_status(26.0, None, wave="2024"), "baseline"),
        (_status(19.5, "no_change"), "reached"),  # at the target counts as reached
        (_status(18.0, "lower"), "reached"),
        (_status(21.4, "lower"), "on_track"),  # significantly lower, not yet at the target
        (_status(21.4, "no_change"), "behind"),  # lower by eye only: not significant, so not on track
        (_status(27.0, "higher"), "behind"),
    ],
)
def test_survey_verdict(status: IndicatorStatus | None, expected: str) -> None:
    assert survey_verdict(DOWN, status).status == expected


def test_survey_verdict_upwards() -> None:
    up = Target("up", 60.0, 2030, "2024", 55.0)
    assert survey_verdict(up, _status(61.0, "no_change")).status == "reached"
    assert survey_verdict(up, _status(58.0, "higher")).status == "on_track"
    assert survey_verdict(up, _status(58.0, "lower")).status == "behind"


def test_context_verdict_compares_with_the_baseline_directly() -> None:
    target = Target("down", 10.0, 2028, "2017", 18.0)
    assert context_verdict(target, None).status == "no_data"
    assert context_verdict(target, 18.0, "2017").status == "baseline"
    assert context_verdict(target, 15.0, "2019").status == "on_track"
    assert context_verdict(target, 19.0, "2019").status == "behind"
    assert context_verdict(target, 9.0, "2021").status == "reached"


# --- schedule (pure) -----------------------------------------------------------------------------------


def test_default_rhythm_every_two_years() -> None:
    phases = plan(2026)
    assert [p.wave_year for p in phases[::5]] == [2026, 2028, 2030]
    first = phases[:5]
    assert [p.phase for p in first] == ["verkenning", "voorbereiding", "veldwerk", "resultaten", "dialoog"]
    assert first[2].start == dt.date(2026, 10, 1)  # fieldwork in the autumn
    assert first[3].end == dt.date(2027, 5, 31)  # results in the spring after
    # the phases follow each other without gaps, and the next wave's exploration follows the dialogue
    for a, b in itertools.pairwise(phases):
        assert b.start == a.end + dt.timedelta(days=1), (a, b)
    steps = next_steps(phases, dt.date(2026, 12, 3))
    assert [(p.phase, current) for p, current in steps] == [
        ("resultaten", True),
        ("dialoog", False),
        ("verkenning", False),
    ]
    with pytest.raises(ValueError, match="at least 1"):
        plan(2026, 0)


# --- services ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_targets_survive_editing_other_links(seeded) -> None:  # type: ignore[no-untyped-def]
    point = ActionPoint.objects.get(municipality=seeded, number=35)
    links = [(i.kind, i.code, i.expected) for i in point.indicators.all()]
    target = {"baseline_wave": "2024", "baseline_value": 26.0, "target_value": 19.5, "target_year": 2030}
    services.set_indicator_links(None, point, links, {("survey", "alc_30d"): target})
    alc = point.indicators.get(code="alc_30d")
    assert (alc.baseline_wave, alc.baseline_value, alc.target_value, alc.target_year) == (
        "2024",
        26.0,
        19.5,
        2030,
    )
    # drop another link: the target of alc_30d stays on the same row
    services.set_indicator_links(None, point, [ln for ln in links if ln[1] != "binge_30d"])
    again = point.indicators.get(code="alc_30d")
    assert again.pk == alc.pk and again.target_value == 19.5
    assert not point.indicators.filter(code="binge_30d").exists()
    event = AuditEvent.objects.filter(action="cycle.action_point.indicators").first()
    assert event is not None


@pytest.mark.django_db
def test_starter_set_only_into_the_municipality_that_chooses_it(seeded) -> None:  # type: ignore[no-untyped-def]
    maastricht = ensure_municipality("GM0935", "Maastricht")
    assert services.load_starter_set(None, maastricht) == len(FIGURES)
    assert services.load_starter_set(None, maastricht) == len(FIGURES)  # replaces, does not add
    assert ContextFigure.objects.filter(municipality=maastricht).count() == len(FIGURES)
    assert not ContextFigure.objects.filter(municipality=seeded).exists()
    row = ContextFigure.objects.get(municipality=maastricht, indicator="kinderen_armoede")
    assert (row.value, row.page, row.approximate, row.starter_set) == (2576, 6, False, "maastricht-2018")
    assert row.source == "Kinderen op de Kaart, Maastricht (2018)" and "2.576 kinderen" in row.quote
    national = ContextFigure.objects.get(municipality=maastricht, indicator="kinderen_ouder_detentie_nl")
    assert (national.area_level, national.approximate) == ("land", True)
    named = ContextFigure.objects.filter(municipality=maastricht, indicator="kit_top200_pc4")
    assert sorted(named.values_list("area_code", flat=True)) == ["6214", "6217", "6222", "6224"]
    assert all(v is None for v in named.values_list("value", flat=True))
    assert AuditEvent.objects.filter(action="cycle.starter_set.load").count() == 2


@pytest.mark.django_db
def test_plan_waves_writes_and_rewrites_the_phases(municipality) -> None:  # type: ignore[no-untyped-def]
    services.plan_waves(None, municipality, 2026)
    assert SchedulePhase.objects.filter(municipality=municipality).count() == 15
    services.plan_waves(None, municipality, 2027, 3)
    years = set(SchedulePhase.objects.filter(municipality=municipality).values_list("wave_year", flat=True))
    assert years == {2027, 2030, 2033}


@pytest.mark.django_db
def test_migration_brings_loaded_content_in_line_and_keeps_edits(seeded) -> None:  # type: ignore[no-untyped-def]
    migration = importlib.import_module(
        "kansrijk.cycle.migrations.0002_policy_document_figures_targets_schedule"
    )
    theme = Theme.objects.get(municipality=seeded, number=3)
    old_title, new_title = migration.THEMES[3]["title"]
    theme.title, theme.description, theme.editorial_note = (
        old_title,
        migration.THEMES[3]["description"][0],
        "",
    )
    theme.save()
    two = Theme.objects.get(municipality=seeded, number=2)
    two.title = "Onze eigen titel"
    two.save()
    seven = ActionPoint.objects.get(municipality=seeded, number=7)
    seven.owner, seven.status, seven.status_reason = "Jeugdgezondheidszorg", "running", ""
    seven.save()
    group = RiskGroup.objects.get(municipality=seeded, code="armoede")
    group.relevant_figures = migration.OLD_RELEVANT_FIGURES["armoede"]
    group.save()
    migration.faithful_content(django_apps, None)
    theme.refresh_from_db(), two.refresh_from_db(), seven.refresh_from_db(), group.refresh_from_db()
    assert theme.title == new_title and "uithuisplaatsingen" in theme.editorial_note
    assert two.title == "Onze eigen titel"  # edited by the municipality: left alone
    assert (seven.owner, seven.status) == ("", "planned") and seven.status_reason.startswith(
        "‘In januari 2018"
    )
    assert group.relevant_figures == ""


# --- pages ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_overview_groups_as_the_document_does(staff_client, seeded) -> None:  # type: ignore[no-untyped-def]
    html = staff_client("partner").get(BASE).content.decode()
    chapters = re.split(r'id="hoofdstuk-(\d+)"', html)
    sections = {int(chapters[i]): chapters[i + 1] for i in range(1, len(chapters), 2)}
    assert sorted(sections) == list(range(2, 15))

    def numbers(chapter: int) -> set[int]:
        return {int(n) for n in re.findall(r"/cyclus/actiepunt/(\d+)/", sections[chapter])}

    assert numbers(2) == {1, 2, 3}  # housing point 3 stays in the poverty chapter
    assert 15 in numbers(5) and 31 in numbers(8) and numbers(9) == {32}
    assert numbers(6) == {
        4,
        5,
        7,
        22,
        23,
        24,
    }  # "(4)", "(idem 7)", "(idem 5)" repeated under huiselijk geweld
    assert "Collegevoorstel thema 3" in sections[9] and "Collegevoorstel thema 2" in sections[10]
    assert "uithuisplaatsingen" in html and "Redactionele noot" in html


@pytest.mark.django_db
def test_action_point_page_shows_status_reason_and_targets(staff_client, seeded, published) -> None:  # type: ignore[no-untyped-def]
    point = ActionPoint.objects.get(municipality=seeded, number=35)
    links = [(i.kind, i.code, i.expected) for i in point.indicators.all()]
    services.set_indicator_links(
        None,
        point,
        links,
        {
            ("survey", "alc_30d"): {
                "baseline_wave": "Voorbeeld 2024",
                "baseline_value": 26.0,
                "target_value": 19.5,
                "target_year": 2030,
            },
            ("survey", "binge_30d"): {"target_value": 14.0, "target_year": 2030},
        },
    )
    html = staff_client("partner").get(BASE + "actiepunt/35/").content.decode()
    assert "Jeugd, Alcohol &amp; Omgeving (periode 2015-2019)" in html  # the status reason, quoted
    table = html.split("Lokaal actieplan")[1].split("</table>")[0]
    assert "op koers" in table and "achter" in table and "2030" in table and "26%" in table


@pytest.mark.django_db
def test_progress_report_shows_targets_with_status(staff_client, seeded, published) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.cycle import demo

    assert demo._targets(seeded) >= 1  # alc_30d from the published series: baseline Voorbeeld 2024
    sport = ActionPoint.objects.get(municipality=seeded, number=1)
    services.set_indicator_links(
        None,
        sport,
        [(i.kind, i.code, i.expected) for i in sport.indicators.all()],
        {("survey", "sport_weekly"): {"baseline_value": 50.0, "target_value": 55.0, "target_year": 2028}},
    )
    html = staff_client("partner").get(BASE + "voortgang/?jaar=2026").content.decode()
    targets = html.split("Doelen van het lokale actieplan")[1].split("</table>")[0]
    assert "op koers" in targets and "bereikt" in targets
    alc = ActionPoint.objects.get(municipality=seeded, number=35).indicators.get(code="alc_30d")
    assert (alc.baseline_wave, alc.baseline_value, alc.target_value, alc.target_year) == (
        "Voorbeeld 2024",
        26.0,
        19.5,
        2030,
    )


@pytest.mark.django_db
def test_admin_sets_a_target_on_the_edit_page(staff_client, seeded) -> None:  # type: ignore[no-untyped-def]
    client = staff_client("municipal_admin")
    point = ActionPoint.objects.get(municipality=seeded, number=36)
    data = {
        "title": point.title,
        "description": point.description,
        "status": "running",
        "status_reason": point.status_reason,
        "owner": "",
        "partners": "",
        "next_steps": "",
        "ind-TOTAL_FORMS": "1",
        "ind-INITIAL_FORMS": "1",
        "ind-MIN_NUM_FORMS": "0",
        "ind-MAX_NUM_FORMS": "1000",
        "ind-0-measure": "survey:can_30d",
        "ind-0-expected": "down",
        "ind-0-baseline_wave": "OKO 2022",
        "ind-0-baseline_value": "8,5",
        "ind-0-target_value": "6",
        "ind-0-target_year": "",
    }
    response = client.post(BASE + "actiepunt/36/bewerken/", data)
    assert response.status_code == 200
    assert "Vul streefwaarde en streefjaar allebei in" in response.content.decode()
    data["ind-0-target_year"] = "2028"
    response = client.post(BASE + "actiepunt/36/bewerken/", data)
    assert response.status_code == 302
    link = point.indicators.get()
    assert (link.code, link.baseline_wave, link.baseline_value, link.target_value, link.target_year) == (
        "can_30d",
        "OKO 2022",
        8.5,
        6.0,
        2028,
    )


def _maastricht_markers() -> list[str]:
    """Text that can only come from the Maastricht set: its quotes and its larger numbers as printed."""
    markers = [re.sub(r"\s+", " ", f["quote"]).strip()[:60] for f in FIGURES]
    markers += [
        f"{int(f['value']):,}".replace(",", ".") for f in FIGURES if f["value"] and f["value"] >= 1000
    ]
    return sorted(set(markers))


@pytest.mark.django_db
def test_no_demo_page_shows_a_maastricht_figure_without_saying_so(staff_client, municipality) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console

    from kansrijk.cycle import demo

    demo.load(Console(record=True))
    assert not ContextFigure.objects.filter(municipality=municipality).exclude(starter_set="").exists()
    client = staff_client("municipal_admin")
    pages = [
        "",
        "risicokaart/",
        "aanbod/",
        "dialoog/",
        "wat-bewoog/",
        "voortgang/",
        "planning/",
        "importeren/",
    ]
    pages += [f"risicogroep/{g.code}/" for g in RiskGroup.objects.filter(municipality=municipality)]
    pages += [f"actiepunt/{n}/" for n in range(1, 41)]
    pages += ["voorbeeld-maastricht-2018/"]
    markers = _maastricht_markers()
    shown_on = []
    for page in pages:
        html = client.get(BASE + page).content.decode()
        html = re.sub(r"\s+", " ", html).replace("&#x27;", "'").replace("&amp;", "&")
        hits = [m for m in markers if m in html]
        if hits:
            shown_on.append(page)
            assert "Maastricht, 2018" in html, (page, hits[:3])
    assert shown_on == ["voorbeeld-maastricht-2018/"]
    example = client.get(BASE + "voorbeeld-maastricht-2018/").content.decode()
    assert example.count("Maastricht, 2018") >= len(FIGURES)  # on every figure
    assert "geen cijfers van Gemeente Voorbeeld" in example
    # the demo's own context figures say that they are synthetic
    armoede = client.get(BASE + "risicogroep/armoede/").content.decode()
    if ContextFigure.objects.filter(municipality=municipality).exists():
        assert "synthetisch" in armoede and "SYNTHETISCH" in armoede
    assert re.search(
        r"Voorbeeld: \d+ cijfers uit dit hoofdstuk van Kinderen op de Kaart \(Maastricht, 2018\)", armoede
    )


@pytest.mark.django_db
def test_municipality_that_chose_the_set_sees_it_labelled(staff_client, seeded) -> None:  # type: ignore[no-untyped-def]
    client = staff_client("municipal_admin")
    response = client.post(BASE + "importeren/", {"starter_set": "maastricht-2018"})
    assert response.status_code == 302
    assert ContextFigure.objects.filter(municipality=seeded, starter_set="maastricht-2018").count() == len(
        FIGURES
    )
    html = client.get(BASE + "risicogroep/huiselijk_geweld/").content.decode()
    section = html.split("Cijfers uit Kinderen op de Kaart (Maastricht, 2018)")[1].split("</table>")[0]
    assert "114" in section and "2017-K1" in section and "p. 19" in section
    point = client.get(BASE + "actiepunt/22/").content.decode()  # linked to veilig_thuis_meldingen
    assert "(Maastricht, 2018)" in point and "Kinderen op de Kaart, Maastricht (2018)" in point
    assert client.get(BASE + "importeren/").content.decode().count("De startset is al geladen.") == 1


@pytest.mark.django_db
def test_schedule_page_and_dashboard_next_steps(client, staff_client, municipality) -> None:  # type: ignore[no-untyped-def]
    admin = staff_client("municipal_admin")
    html = admin.get(BASE + "planning/").content.decode()
    assert "Er is nog geen planning vastgelegd." in html
    year = dt.date.today().year
    assert admin.post(BASE + "planning/", {"first_year": year, "interval_years": 2}).status_code == 302
    html = admin.get(BASE + "planning/").content.decode()
    assert f"Meting {year + 2}" in html and "Veldwerk" in html
    dashboard = admin.get("/overzicht/").content.decode()
    assert "Volgende stappen in de cyclus" in dashboard and f"(meting {year}" in dashboard
    partner = staff_client("partner", username="p")
    assert partner.post(BASE + "planning/", {"first_year": 2000, "interval_years": 1}).status_code == 403
    assert "Planning opslaan" not in partner.get(BASE + "planning/").content.decode()


@pytest.mark.django_db
def test_dialogue_audience_intern(staff_client, seeded) -> None:  # type: ignore[no-untyped-def]
    client = staff_client("municipal_admin")
    response = client.post(
        BASE + "dialoog/",
        {
            "date": "2026-03-01",
            "audience": "internal",
            "format": "Afdelingsoverleg",
            "heard": "Meer samenwerken",
        },
    )
    assert response.status_code == 302
    html = client.get(BASE + "dialoog/").content.decode()
    assert "Intern (gemeentelijke afdelingen)" in html


def test_starter_file_is_valid_json_with_a_source() -> None:
    data = json.loads(services.STARTER_SETS["maastricht-2018"].path.read_text(encoding="utf-8"))
    assert data["municipality"] == {"code": "GM0935", "name": "Maastricht"} and data["year"] == 2018
