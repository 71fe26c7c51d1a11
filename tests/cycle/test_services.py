"""Seed loading, edits with audit, and the importers: all or nothing, with errors per row."""

from __future__ import annotations

import datetime as dt

import pytest

from kansrijk.accounts.models import Area, AuditEvent
from kansrijk.cycle import services
from kansrijk.cycle.models import ActionPoint, ContextFigure, Provision, RiskGroup, Theme
from kansrijk.tabular import ImportFileError
from kansrijk.vocabulary import RISK_GROUPS

pytestmark = pytest.mark.django_db

CONTEXT = (
    "gebiedcode;gebiedsniveau;indicator;omschrijving;periode;waarde;eenheid;bron;peildatum\n"
    "WK999901;wijk;kinderen_armoede;Kinderen in armoede;2024;12,5;percentage;CBS;1-3-2025\n"
    "WK999902;wijk;kinderen_armoede;Kinderen in armoede;2024;7,25;percentage;CBS;1-3-2025\n"
)


def test_seed_loads_themes_groups_and_all_action_points(seeded) -> None:  # type: ignore[no-untyped-def]
    assert Theme.objects.filter(municipality=seeded).count() == 3
    groups = list(RiskGroup.objects.filter(municipality=seeded))
    assert [g.code for g in groups] == [t.code for t in RISK_GROUPS]
    assert groups[0].title == "Kinderen die opgroeien in armoede"
    assert ActionPoint.objects.filter(municipality=seeded).count() == 40
    twelve = ActionPoint.objects.get(municipality=seeded, number=12)
    assert sorted(twelve.risk_groups.values_list("code", flat=True)) == [
        "gesloten_setting",
        "risicojeugd",
        "schoolverlaters",
    ]
    assert list(twelve.themes.values_list("number", flat=True)) == [2]
    thirty_five = ActionPoint.objects.get(municipality=seeded, number=35)
    assert ("alc_30d", "down") in set(thirty_five.indicators.values_list("code", "expected"))


def test_seed_is_idempotent_and_keeps_edits(seeded) -> None:  # type: ignore[no-untyped-def]
    point = ActionPoint.objects.get(municipality=seeded, number=1)
    services.update_action_point(None, point, {"status": "done", "owner": "Team Armoede"})
    summary = services.load_seed(seeded)
    assert summary.action_points_created == 0
    assert ActionPoint.objects.filter(municipality=seeded).count() == 40
    point.refresh_from_db()
    assert (point.status, point.owner) == ("done", "Team Armoede")


def test_update_action_point_audits_the_changed_fields(seeded, make_staff) -> None:  # type: ignore[no-untyped-def]
    admin = make_staff("anna", "municipal_admin")
    point = ActionPoint.objects.get(municipality=seeded, number=4)
    changed = services.update_action_point(
        admin, point, {"status": "running", "title": point.title, "themes": []}
    )
    assert changed == ["status", "themes"]
    event = AuditEvent.objects.get(action="cycle.action_point.update")
    assert event.actor == admin and event.object_id == str(point.pk)
    assert event.details == {"fields": ["status", "themes"]}
    assert services.update_action_point(admin, point, {"status": "running"}) == []
    assert AuditEvent.objects.filter(action="cycle.action_point.update").count() == 1


def test_progress_note_and_dialogue(seeded, make_staff) -> None:  # type: ignore[no-untyped-def]
    admin = make_staff("anna", "municipal_admin")
    point = ActionPoint.objects.get(municipality=seeded, number=13)
    services.add_progress_note(admin, point, dt.date(2026, 5, 1), "Verzuimprotocol vastgesteld.")
    entry = services.add_dialogue(
        admin,
        seeded,
        date=dt.date(2026, 5, 2),
        audience="schools",
        format="Overleg",
        heard="Eerder melden",
        action_points=[point],
    )
    assert [n.text for n in point.notes.all()] == ["Verzuimprotocol vastgesteld."]
    assert list(point.dialogue.all()) == [entry]
    assert set(AuditEvent.objects.values_list("action", flat=True)) == {
        "cycle.progress_note.add",
        "cycle.dialogue.add",
    }


def test_import_context_creates_then_updates(municipality) -> None:  # type: ignore[no-untyped-def]
    first = services.import_context(None, municipality, CONTEXT.encode("cp1252"), "ctx.csv")
    assert (first.created, first.updated) == (2, 0)
    figure = ContextFigure.objects.get(area_code="WK999902")
    assert (figure.value, figure.source, figure.retrieved) == (7.25, "CBS", dt.date(2025, 3, 1))
    again = services.import_context(None, municipality, CONTEXT.replace("7,25", "8").encode(), "ctx.csv")
    assert (again.created, again.updated) == (0, 2)
    assert ContextFigure.objects.get(area_code="WK999902").value == 8.0
    assert AuditEvent.objects.filter(action="cycle.import.context").count() == 2


def test_import_with_one_bad_row_imports_nothing(municipality) -> None:  # type: ignore[no-untyped-def]
    bad = CONTEXT + "WK999903;wijk;kinderen_armoede;x;2024;veel;percentage;CBS;1-3-2025\n"
    with pytest.raises(ImportFileError) as info:
        services.import_context(None, municipality, bad.encode(), "ctx.csv")
    assert [(e.row, e.column) for e in info.value.errors] == [(4, "waarde")]
    assert "rij 4, kolom 'waarde'" in str(info.value.errors[0])
    assert ContextFigure.objects.count() == 0
    assert not AuditEvent.objects.filter(action="cycle.import.context").exists()


def test_import_provision_links_areas_themes_and_groups(seeded) -> None:  # type: ignore[no-untyped-def]
    wijk = Area.objects.create(municipality=seeded, level="wijk", code="WK999906", name="Zuiderpark")
    data = (
        b"aanbieder;activiteit;soort;wijkcode;kosten_per_jaar;armoederegeling;themas;risicogroepen\n"
        b"VV Zuid;Voetbal;sport;WK999906;185,00;ja;1;armoede,risicojeugd\n"
        b"Muziekschool;Band;cultuur;WK999909;;nee;;\n"
    )
    summary = services.import_provision(None, seeded, data, "aanbod.csv")
    assert summary.created == 2
    voetbal = Provision.objects.get(activity="Voetbal")
    assert voetbal.area == wijk and str(voetbal.cost_per_year) == "185.00" and voetbal.poverty_scheme
    assert sorted(voetbal.risk_groups.values_list("code", flat=True)) == ["armoede", "risicojeugd"]
    assert list(voetbal.themes.values_list("number", flat=True)) == [1]
    band = Provision.objects.get(activity="Band")
    assert band.area is None and band.cost_per_year is None
    Area.objects.create(municipality=seeded, level="wijk", code="WK999909", name="Heideland")
    assert services.resolve_areas(seeded) == 1
    band.refresh_from_db()
    assert band.area is not None and band.area.name == "Heideland"


def test_demo_provision_catalogue_imports_cleanly(seeded) -> None:  # type: ignore[no-untyped-def]
    from kansrijk.cycle.demo import PROVISION_CSV

    summary = services.import_provision(None, seeded, PROVISION_CSV.read_bytes(), PROVISION_CSV.name)
    assert summary.created >= 25
    wijken = set(Provision.objects.exclude(area_code="").values_list("area_code", flat=True))
    assert wijken <= {f"WK9999{n:02d}" for n in range(1, 11)}
    assert "WK999910" not in wijken  # a visible gap in provision, on purpose
    assert Provision.objects.filter(poverty_scheme=True).count() >= 8
