"""Filling in the questionnaire through the test client, as a pupil without JavaScript would."""

from __future__ import annotations

import re
from typing import Any

from kansrijk.fieldwork.questionnaire import instrument_for_version, page_items

#: Valid answers for items with constraints or free input; select items take the first choice unless listed.
ANSWERS: dict[str, Any] = {
    "bg_age": "14",
    "bg_gender": "v",
    "bg_pc4": "9901",
    "alc_first_age": "13",
    "wb_life_sat": "7",
    "lei_screen_hours": "2,5",
    "lei_gaming_hours": "1",
    "lei_social_hours": "3,5",
    "lei_sleep_hours": "8",
}


def page_data(instrument: Any, index: int, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """POST data answering every question of a page (non-relevant ones are cleared by the server)."""
    answers = {**ANSWERS, **(overrides or {})}
    data: dict[str, Any] = {"getoond": []}
    for item in page_items(instrument.pages[index]):
        if not item.answerable:
            continue
        data["getoond"].append(item.name)
        if item.name in answers:
            data[item.name] = answers[item.name]
        elif item.type in {"select_one", "select_multiple"}:
            data[item.name] = instrument.choices_of(item).codes[0]
        elif item.type == "integer":
            data[item.name] = "5"
        elif item.type == "decimal":
            data[item.name] = "1"
        else:
            data[item.name] = "tekst"
    return data


def page_index_of(location: str) -> int | None:
    match = re.search(r"/p/(\d+)/", location)
    return int(match.group(1)) if match else None


def complete_questionnaire(
    client: Any, session: Any, overrides: dict[str, Any] | None = None, lang: str = "nl"
) -> list[int]:
    """Enter the code, take part, answer every page; returns the page indexes visited. Asserts it ends."""
    version = session.school_class.wave.instrument
    instrument = instrument_for_version(version.pk, version.sha256)
    response = client.post(f"/k/{session.code}/", {"keuze": "mee", "taal": lang})
    assert response.status_code == 302, response.content[:500]
    visited = []
    location = response["Location"]
    for _ in range(len(instrument.pages) + 2):
        index = page_index_of(location)
        if index is None:
            break
        visited.append(index)
        response = client.post(location, page_data(instrument, index, overrides))
        assert response.status_code == 302, (index, response.content.decode()[:3000])
        location = response["Location"]
    assert "/klaar/" in location, location
    return visited
