"""Kinderen op de Kaart as the 2018 document says it (issue 15): the seed fixture and the curated figures are
read side by side with the text of the document (``data/kinderen-op-de-kaart-2018.txt``, the seed as
received). Quotes are compared whitespace-normalised, because the text is a PDF extraction with line breaks
in the middle of sentences."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kansrijk.cycle.seedtext import body_text, normalise, page_of, pages

SEED_TEXT = Path(__file__).parent / "data" / "kinderen-op-de-kaart-2018.txt"
DATA = Path(__file__).resolve().parents[2] / "src/kansrijk/cycle/data"
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@pytest.fixture(scope="module")
def text() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def flat(text: str) -> str:
    return normalise(text)


@pytest.fixture(scope="module")
def seed() -> dict:  # type: ignore[type-arg]
    return json.loads((DATA / "kinderen_op_de_kaart.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def figures() -> dict:  # type: ignore[type-arg]
    return json.loads((DATA / "maastricht_2018_figures.json").read_text(encoding="utf-8"))


# --- pages ---------------------------------------------------------------------------------------------


def test_pages_are_numbered_as_the_running_headers_number_them(text: str) -> None:
    found = {p.number: p for p in pages(text)}  # raises when the count disagrees with "pagina 12"
    assert "pagina 7" in found[7].lines[0] and "pagina 12" in found[12].lines[0]
    assert found[3].lines[0].strip() == "1 Inleiding"
    assert found[6].lines[0].strip().startswith("2 Kinderen die opgroeien in")
    assert found[34].lines[0].strip().startswith("14 Kinderen die gepest worden")
    # footnotes are not body text: footnote 10 (the source of 2.576) sits below the body of page 6
    assert "minimascan juli 2017" in found[6].notes and "minimascan" not in found[6].body


def test_body_text_leaves_out_footnotes_headings_and_headers(text: str) -> None:
    body = body_text(text)
    assert body.startswith("Nederlandse kinderen voelen zich over het algemeen gelukkig.6")
    assert "Stimulansz" not in body and "pagina 7" not in body
    assert body.endswith("https://www.cjg043.nl/.(40)")


# --- themes, owners, statuses, details -----------------------------------------------------------------


def test_theme_titles_and_aims_are_quoted_from_the_document(seed: dict, flat: str) -> None:  # type: ignore[type-arg]
    themes = {t["number"]: t for t in seed["themes"]}
    assert themes[1]["title"].startswith("Bescherming tegen kindermishandeling")
    assert themes[2]["title"] == "Het versterken van de multidisciplinaire integrale samenwerking"
    assert themes[3]["title"].startswith("Voorzien in een adequate levenstandaard van ieder kind")
    for theme in themes.values():
        assert normalise(theme["title"]) in flat, theme["number"]
        assert normalise(theme["description"]) in flat, theme["number"]
    assert "om het draagvlak voor een melding te vergroten" in themes[1]["description"]
    assert "vaker en eerder gemeld" not in themes[1]["description"]
    # the document's "uithuisplaatsingen" is kept, with an editorial note that says what is probably meant
    assert (
        "uithuisplaatsingen ten gevolgen van handelingen van de ouders/opvoeders" in themes[3]["description"]
    )
    assert "uithuiszettingen" not in themes[3]["description"]
    assert (
        "‘uithuisplaatsingen’" in themes[3]["editorial_note"]
        and "‘uithuiszettingen’" in themes[3]["editorial_note"]
    )
    assert not themes[1]["editorial_note"] and not themes[2]["editorial_note"]


def test_no_owner_that_the_document_does_not_name(seed: dict, flat: str) -> None:  # type: ignore[type-arg]
    # the document names no trekker for any action point; an owner is only allowed with the word in the text
    assert "trekker" not in flat.lower()
    owners = {a["number"]: a["owner"] for a in seed["action_points"]}
    assert all(owner == "" for owner in owners.values()), {n: o for n, o in owners.items() if o}
    by_number = {a["number"]: a for a in seed["action_points"]}
    for number in (3, 7, 11, 21, 31, 32, 37):  # had an owner before issue 15
        assert by_number[number]["owner"] == ""
    for point in seed["action_points"]:
        for partner in point["partners"]:
            first_word = re.split(r"[\s(]", partner)[0]
            assert first_word.lower() in flat.lower(), (point["number"], partner)


def test_statuses_come_from_the_documents_own_words(seed: dict, flat: str) -> None:  # type: ignore[type-arg]
    by_number = {a["number"]: a for a in seed["action_points"]}
    for point in seed["action_points"]:
        reason = point["status_reason"]
        assert reason and len(reason) <= 300 and "\n" not in reason, point["number"]
        quoted = re.findall(r"‘(.+?)’(?=[\s:.(]|$)", reason)
        assert quoted, (point["number"], reason)
        for words in quoted:
            assert normalise(words) in flat, (point["number"], words)
    # an existing plan or programme, "voortzetten" and "verder uitrollen" run; imperatives are planned
    for number in (1, 23, 35, 36):
        assert by_number[number]["status"] == "running", number
    for number in (8, 10, 11, 33, 37):
        assert by_number[number]["status"] == "planned", number


def test_the_detail_fixes(seed: dict) -> None:  # type: ignore[type-arg]
    by_number = {a["number"]: a for a in seed["action_points"]}
    assert "tot en met 27 jaar" in by_number[6]["description"]
    assert "ongewenste zwangerschappen te voorkomen" in by_number[9]["description"]
    assert "is gelegd" in by_number[24]["description"] and "benutten" not in by_number[24]["description"]
    assert by_number[4]["partners"] == []  # the volwassenen-ggz is its target group, not a partner
    assert "volwassenenzorg GGZ" in by_number[4]["description"]


def test_risk_groups_hold_no_maastricht_figures_as_prose(seed: dict) -> None:  # type: ignore[type-arg]
    assert all(g["relevant_figures"] == "" for g in seed["risk_groups"])


# --- the figures as data -------------------------------------------------------------------------------

LEVELS = {"gemeente", "wijk", "buurt", "pc4", "regio", "land"}


def _dutch(value: float) -> str:
    whole = f"{int(value):,}".replace(",", ".")
    return whole if value == int(value) else f"{value}".replace(".", ",")


def test_every_figure_is_quoted_on_its_page(figures: dict, text: str, flat: str) -> None:  # type: ignore[type-arg]
    assert figures["source"] == "Kinderen op de Kaart, Maastricht (2018)"
    for fig in figures["figures"]:
        assert normalise(fig["quote"]) in flat, fig["quote"]
        assert fig["page"] == page_of(text, fig["quote"]), fig["code"]
        assert fig["area_level"] in LEVELS and fig["area_name"], fig["code"]
        assert fig["unit"] and fig["period"] and isinstance(fig["approximate"], bool)
        if fig["value"] is None:
            assert fig["unit"] == "genoemd" and fig["area_name"] in fig["quote"]
        elif fig["code"] != "amv_status_begeleiding":  # "7159" = 71 + footnote 59; the note says so
            assert _dutch(fig["value"]) in fig["quote"], fig["code"]
        if fig["approximate"]:
            assert re.search(r"\b(ruim|circa|ongeveer)\b", fig["quote"], re.IGNORECASE), fig["code"]
    note = next(f["note"] for f in figures["figures"] if f["code"] == "amv_status_begeleiding")
    assert "voetnoot" in note and "59" in note


def test_the_figures_the_issue_names_are_in_the_list(figures: dict) -> None:  # type: ignore[type-arg]
    have = {(f["code"], f["value"], f["period"]) for f in figures["figures"]}
    values = {f["value"] for f in figures["figures"]}
    for value in (2576, 114, 60, 30, 43, 18, 46, 9, 300, 200, 95, 25000, 31000):
        assert value in values, value
    assert ("veilig_thuis_meldingen", 114, "2016") in have
    assert ("veilig_thuis_meldingen", 60, "2017-K1") in have and (
        "veilig_thuis_meldingen",
        30,
        "2017-K2",
    ) in have
    national = {f["code"] for f in figures["figures"] if f["area_level"] == "land"}
    assert "kinderen_ouder_detentie_nl" in national
    named = {(f["area_level"], f["area_name"]) for f in figures["figures"] if f["value"] is None}
    assert {("pc4", "6222"), ("pc4", "6217"), ("pc4", "6214"), ("pc4", "6224")} <= named
    assert {("buurt", "Pottenberg"), ("buurt", "Limmel"), ("wijk", "Daalhof")} <= named


def test_every_number_in_the_chapters_is_in_the_list_or_left_out_with_a_reason(
    figures: dict,  # type: ignore[type-arg]
    text: str,
    flat: str,
) -> None:
    body = body_text(text)  # chapters 2–14, the risk groups
    covered = [False] * len(body)

    def mark(start: int, end: int) -> None:
        covered[start:end] = [True] * (end - start)

    for rule in figures["omitted_patterns"]:
        assert rule["reason"]
        for match in re.finditer(rule["pattern"], body):
            mark(*match.span())
    for item in figures["figures"] + figures["omitted"]:
        quote = normalise(item["quote"])
        assert quote in flat, quote  # a left-out number is left out from text that exists
        if "reason" in item:
            assert item["reason"]
        start = body.find(quote)
        while start >= 0:
            mark(start, start + len(quote))
            start = body.find(quote, start + 1)
    missing = [
        body[max(0, m.start() - 40) : m.end() + 20]
        for m in NUMBER.finditer(body)
        if not all(covered[m.start() : m.end()])
    ]
    assert missing == []


def test_a_new_number_in_the_text_would_be_caught(figures: dict, text: str) -> None:  # type: ignore[type-arg]
    """The completeness check is not vacuous: a figure that is neither listed nor left out shows up."""
    altered = text.replace("In 2017 waren er 43 aanmeldingen", "In 2017 waren er 44 aanmeldingen")
    body = body_text(altered)
    assert "44 aanmeldingen" in body
    quotes = [normalise(f["quote"]) for f in figures["figures"] + figures["omitted"]]
    assert not any("44 aanmeldingen" in q for q in quotes)
