"""The seed fixture against the document it summarises: every action point of *Kinderen op de Kaart*, under
exactly the risk groups where the document puts it, with the council-proposal themes it names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kansrijk.cycle.indicators import indicator_catalogue
from kansrijk.cycle.seedtext import action_point_risk_groups, action_point_themes, chapters
from kansrijk.vocabulary import RISK_GROUPS

SEED_TEXT = Path(__file__).parent / "data" / "kinderen-op-de-kaart-2018.txt"
FIXTURE = Path(__file__).resolve().parents[2] / "src/kansrijk/cycle/data/kinderen_op_de_kaart.json"


@pytest.fixture(scope="module")
def text() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def fixture() -> dict:  # type: ignore[type-arg]
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_parser_finds_the_thirteen_risk_group_chapters_in_order(text: str) -> None:
    found = [c for c in chapters(text) if c.risk_group]
    assert [c.number for c in found] == list(range(2, 15))
    assert [c.risk_group for c in found] == [t.code for t in RISK_GROUPS]
    assert found[0].heading.startswith("Kinderen die opgroeien in")
    assert found[-1].heading.startswith("Kinderen die gepest worden")


def test_parser_handles_the_irregular_markers(text: str) -> None:
    groups = action_point_risk_groups(text)
    # "(idem  7)" with two spaces, and "(idem 5)" — repeated under huiselijk geweld
    assert groups[7] == {"tienerzwangerschap", "huiselijk_geweld"}
    assert groups[5] == {"ouders_ggz_verslaving", "huiselijk_geweld"}
    # "(idem 12) (zie collegevoorstel thema 2)" in two more chapters
    assert groups[12] == {"schoolverlaters", "risicojeugd", "gesloten_setting"}
    # "Gezonde Jeugd.(38)" without a space, and the last line of the file "(40)"
    assert groups[38] == {"pesten"} and groups[40] == {"pesten"}
    # point 4 is repeated as plain "(4)", not "idem"
    assert groups[4] == {"ouders_ggz_verslaving", "huiselijk_geweld"}


def test_parser_reads_the_theme_references_even_across_a_line_break(text: str) -> None:
    # "(32) (zie" / "collegevoorstel thema 3)" spans two lines in chapter 9
    assert action_point_themes(text) == {4: {1}, 12: {2}, 32: {3}}


def test_every_number_from_one_to_n_appears(text: str) -> None:
    numbers = sorted(action_point_risk_groups(text))
    assert numbers == list(range(1, max(numbers) + 1))
    assert max(numbers) == 40


def test_fixture_has_every_action_point_of_the_document(text: str, fixture: dict) -> None:  # type: ignore[type-arg]
    assert [a["number"] for a in fixture["action_points"]] == sorted(action_point_risk_groups(text))


def test_fixture_risk_groups_are_the_chapters_of_each_number(text: str, fixture: dict) -> None:  # type: ignore[type-arg]
    expected = action_point_risk_groups(text)
    for point in fixture["action_points"]:
        assert set(point["risk_groups"]) == expected[point["number"]], point["number"]


def test_fixture_themes_follow_the_council_proposal(text: str, fixture: dict) -> None:  # type: ignore[type-arg]
    expected = action_point_themes(text)
    for point in fixture["action_points"]:
        assert set(point["themes"]) == expected.get(point["number"], set()), point["number"]
    assert [t["number"] for t in fixture["themes"]] == [1, 2, 3]


def test_fixture_risk_groups_use_the_vocabulary_codes(fixture: dict) -> None:  # type: ignore[type-arg]
    assert [g["code"] for g in fixture["risk_groups"]] == [t.code for t in RISK_GROUPS]
    for group in fixture["risk_groups"]:
        assert group["description"] and group["why_it_matters"], group["code"]


def test_fixture_titles_are_short_dutch_summaries(fixture: dict) -> None:  # type: ignore[type-arg]
    for point in fixture["action_points"]:
        assert 5 <= len(point["title"]) <= 70, point["title"]
        assert point["description"], point["number"]
        assert point["status"] in {"planned", "running", "done", "stopped"}


def test_fixture_names_owners_and_partners_from_the_document(fixture: dict) -> None:  # type: ignore[type-arg]
    by_number = {a["number"]: a for a in fixture["action_points"]}
    assert "Bureau Krediet Registratie" in by_number[2]["partners"]
    assert by_number[11]["owner"] == "" and "Jongerenteam" in by_number[11]["partners"]
    assert {"Mondriaan (verslavingspreventie)", "LVO Maastricht"} <= set(by_number[36]["partners"])
    assert by_number[8]["owner"] == "" and by_number[8]["partners"] == []  # the document names none


def test_fixture_indicator_links_exist_in_the_default_instrument(fixture: dict) -> None:  # type: ignore[type-arg]
    catalogue = indicator_catalogue()
    if not catalogue:
        pytest.skip("default instrument not present")
    survey = {i["code"] for a in fixture["action_points"] for i in a["indicators"] if i["kind"] == "survey"}
    assert survey <= set(catalogue), sorted(survey - set(catalogue))
    linked = sum(1 for a in fixture["action_points"] if a["indicators"])
    assert linked >= 25  # linked "where one fits"
    for point in fixture["action_points"]:
        for link in point["indicators"]:
            assert link["expected"] in {"up", "down"}
            info = catalogue.get(link["code"])
            if info and info.direction == "higher_is_worse":
                assert link["expected"] == "down", (point["number"], link["code"])
            if info and info.direction == "higher_is_better":
                assert link["expected"] == "up", (point["number"], link["code"])


def test_context_codes_match_the_synthetic_generator(fixture: dict) -> None:  # type: ignore[type-arg]
    synth = pytest.importorskip("kansrijk.synth.context")
    known = {c.code for c in synth.CONTEXT_INDICATORS}
    used = {i["code"] for a in fixture["action_points"] for i in a["indicators"] if i["kind"] == "context"}
    used |= {c for g in fixture["risk_groups"] for c in g["context_indicators"]}
    assert used <= known, sorted(used - known)
