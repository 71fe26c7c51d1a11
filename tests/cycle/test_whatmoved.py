""" "What moved" over in-memory results: real logic, hand-worked expectations."""

from __future__ import annotations

from kansrijk.cycle.indicators import NO_WAVE, IndicatorStatus, Results
from kansrijk.cycle.whatmoved import Link, judge, what_moved

DIRECTIONS = {
    "alc_30d": "higher_is_worse",
    "binge_30d": "higher_is_worse",
    "sport_weekly": "higher_is_better",
    "truancy": "higher_is_worse",
    "screen_3h": "higher_is_worse",
    "bullied_school": "higher_is_worse",
}


def results() -> Results:
    s = IndicatorStatus
    return Results(
        wave="2026",
        previous_wave="2024",
        by_code={
            "alc_30d": s("alc_30d", 21.0, 19.0, 23.0, "lower", previous=26.0),
            "binge_30d": s("binge_30d", 14.0, 12.0, 16.0, "higher", previous=11.0),
            "sport_weekly": s("sport_weekly", 60.0, 57.0, 63.0, "no_change", previous=61.0),
            "truancy": s("truancy", None, suppressed_reason="te weinig leerlingen"),
            "screen_3h": s("screen_3h", 55.0, 52.0, 58.0, "higher", previous=49.0),
            "bullied_school": s("bullied_school", 9.0, 7.0, 11.0, None),
        },
    )


LINKS = [
    Link(35, "alc_30d", "down"),
    Link(35, "binge_30d", "down"),
    Link(1, "sport_weekly", "up"),
    Link(13, "truancy", "down"),
    Link(38, "bullied_school", "down"),
    Link(99, "alc_30d", "up"),  # a (silly) point that wanted more drinking
]


def test_moved_indicators_with_their_action_points() -> None:
    report = what_moved(results(), LINKS, DIRECTIONS)
    moved = {m.code: m for m in report.moved}
    assert set(moved) == {"alc_30d", "binge_30d", "screen_3h"}  # significant only, linked or not
    assert moved["alc_30d"].judgement == "better"
    assert moved["alc_30d"].as_expected == (35,) and moved["alc_30d"].against == (99,)
    assert moved["binge_30d"].judgement == "worse" and moved["binge_30d"].against == (35,)
    assert moved["screen_3h"].linked == ()


def test_action_point_verdicts() -> None:
    report = what_moved(results(), LINKS, DIRECTIONS)
    verdict = {a.number: a.verdict for a in report.action_points}
    assert verdict == {1: "not_moved", 13: "no_data", 35: "mixed", 38: "no_data", 99: "against"}
    assert [a.number for a in report.not_moved] == [1]
    point_35 = next(a for a in report.action_points if a.number == 35)
    assert point_35.as_expected == ("alc_30d",) and point_35.against == ("binge_30d",)


def test_a_large_but_insignificant_change_is_not_movement() -> None:
    big = Results(
        "2026",
        "2024",
        by_code={"sport_weekly": IndicatorStatus("sport_weekly", 40.0, trend="no_change", previous=60.0)},
    )
    report = what_moved(big, [Link(1, "sport_weekly", "up")], DIRECTIONS)
    assert report.moved == () and [a.number for a in report.not_moved] == [1]


def test_no_published_wave() -> None:
    report = what_moved(NO_WAVE, LINKS, DIRECTIONS)
    assert not report.available and report.moved == () and report.action_points == ()


def test_judge() -> None:
    assert judge("higher", "higher_is_better") == "better"
    assert judge("lower", "higher_is_better") == "worse"
    assert judge("lower", "neutral") == "neutral"
