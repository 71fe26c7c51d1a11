"""The default instrument "OKO kern" as shipped: contract, size, languages, indicators.

The contract below is copied from docs/developers/oko-kern-contract.md on purpose (not imported from the
instrument's source), so that a rename in the source fails here. Indicator values are checked against
numbers worked out by hand on a six-pupil frame, including skip logic (null), incomplete answers and
"zeg ik liever niet".
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from kansrijk.instrument import Instrument, compile_expression, compile_indicator, load_xlsform, summarize
from kansrijk.vocabulary import DOMAIN_CODES, RISK_GROUP_CODES

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "src" / "kansrijk" / "instrument" / "data" / "oko_kern.xlsx"
LANGS = ("nl", "en", "ar", "pl", "tr", "uk")

# -- the contract (docs/developers/oko-kern-contract.md) ----------------------------------------------
ORDINAL_7 = ("0", "1", "2", "3", "4", "5", "6")
CONTRACT_LISTS: dict[str, tuple[str, ...]] = {
    "gender": ("m", "v", "x", "nz"),
    "freq_life": ORDINAL_7,
    "freq_30d": ORDINAL_7,
    "binge": ("0", "1", "2", "3", "4", "5"),
    "smoke_freq": ("0", "1", "2", "3"),
    "often5": ("1", "2", "3", "4", "5"),
    "agree5": ("1", "2", "3", "4", "5"),
    "times_week": ("0", "1", "2", "3", "4"),
    "nights7": ("0", "1", "2", "3", "4", "5", "6", "7"),
    "bully_freq": ("0", "1", "2", "3", "4"),
    "truancy": ("0", "1", "2", "3"),
    "mhi6": ("1", "2", "3", "4", "5", "6"),
    "yes_no_nz": ("ja", "nee", "nz"),
}
_RS = (
    "rs_home_tension",
    "rs_violence_witnessed",
    "rs_parent_ill",
    "rs_parent_addiction",
    "rs_money_worries",
    "rs_parent_detention",
)
# name -> (type, list name or None for "any list")
CONTRACT_ITEMS: dict[str, tuple[str, str | None]] = {
    "bg_age": ("integer", None),
    "bg_gender": ("select_one", "gender"),
    "bg_pc4": ("text", None),
    "bg_lives_with": ("select_multiple", None),
    **{f"bg_fas_{x}": ("select_one", None) for x in ("car", "room", "holiday", "computers")},
    "alc_life": ("select_one", "freq_life"),
    "alc_30d": ("select_one", "freq_30d"),
    "alc_drunk_30d": ("select_one", "freq_30d"),
    "alc_binge_30d": ("select_one", "binge"),
    "alc_first_age": ("integer", None),
    "alc_source": ("select_multiple", None),
    "tob_30d": ("select_one", "smoke_freq"),
    "vape_30d": ("select_one", "smoke_freq"),
    "can_life": ("select_one", "freq_life"),
    "can_30d": ("select_one", "freq_30d"),
    "fict_life": ("select_one", "freq_life"),
    **dict.fromkeys(
        (
            "par_know_where",
            "par_know_friends",
            "par_know_parents_friends",
            "par_time_weekday",
            "par_time_weekend",
            "wb_lonely",
            "saf_unsafe_neighbourhood",
        ),
        ("select_one", "often5"),
    ),
    "par_alc_allowed": ("select_one", "yes_no_nz"),
    "par_warmth": ("select_one", "agree5"),
    "par_support": ("select_one", "agree5"),
    **dict.fromkeys(("lei_sport_club", "lei_org_other", "lei_hangout"), ("select_one", "times_week")),
    "lei_out_22": ("select_one", "nights7"),
    "lei_out_midnight": ("select_one", "nights7"),
    **dict.fromkeys(
        ("lei_screen_hours", "lei_gaming_hours", "lei_social_hours", "lei_sleep_hours"), ("decimal", None)
    ),
    "sch_wellbeing": ("select_one", "agree5"),
    "sch_truancy_4w": ("select_one", "truancy"),
    "wb_life_sat": ("integer", None),
    **{f"wb_mh_{i}": ("select_one", "mhi6") for i in range(1, 6)},
    "bul_school": ("select_one", "bully_freq"),
    "bul_cyber": ("select_one", "bully_freq"),
    "bul_sexting_pressure": ("select_one", "yes_no_nz"),
    **dict.fromkeys(_RS, ("select_one", "yes_no_nz")),
}
CONTRACT_RELEVANT = {
    "alc_30d": "${alc_life} != '0'",
    "alc_drunk_30d": "${alc_life} != '0'",
    "alc_binge_30d": "${alc_life} != '0'",
    "alc_first_age": "${alc_life} != '0'",
    "alc_source": "${alc_30d} >= 1",
    "can_30d": "${can_life} != '0'",
}
LIVES_WITH = {"mother", "father", "stepmother", "stepfather", "alternating", "foster", "institution", "other"}
#: Risk groups a class-room survey of pupils cannot inform: too few, too identifiable, mostly not in school.
NOT_MEASURABLE = {"gesloten_setting"}


@pytest.fixture(scope="module")
def inst() -> Instrument:
    return load_xlsform(SHIPPED)


def _lists(inst: Instrument, name: str) -> tuple[str, ...]:
    return inst.choices_of(name).codes


# -- contract --------------------------------------------------------------------------------------
def test_identity(inst: Instrument) -> None:
    assert (inst.code, inst.version) == ("oko_kern", "2026.1")
    assert inst.languages == LANGS
    assert inst.default_language == "nl"


@pytest.mark.parametrize(("name", "spec"), sorted(CONTRACT_ITEMS.items()))
def test_contract_item(inst: Instrument, name: str, spec: tuple[str, str | None]) -> None:
    type_, list_name = spec
    item = inst.item(name)
    assert item.type == type_
    if list_name is not None:
        assert item.list_name == list_name
        assert _lists(inst, name) == CONTRACT_LISTS[list_name]


def test_contract_lists(inst: Instrument) -> None:
    for list_name, codes in CONTRACT_LISTS.items():
        assert inst.choice_lists[list_name].codes == codes, list_name
    assert set(_lists(inst, "bg_lives_with")) == LIVES_WITH


def test_contract_relevance_and_constraints(inst: Instrument) -> None:
    for name, relevant in CONTRACT_RELEVANT.items():
        assert inst.item(name).relevant is not None
        assert (
            compile_expression(inst.item(name).relevant or "", inst).canonical
            == compile_expression(relevant, inst).canonical
        ), name
    pc4 = compile_expression(inst.item("bg_pc4").constraint or "", inst, current="bg_pc4")
    assert [pc4.evaluate({}, current=v) for v in ("6211", "0123", "621", "62111", "62a1")] == [
        True,
        False,
        False,
        False,
        False,
    ]
    age = compile_expression(inst.item("bg_age").constraint or "", inst, current="bg_age")
    assert [age.evaluate({}, current=v) for v in (9, 10, 20, 21)] == [False, True, True, False]


def test_risk_signals_are_optional_with_nz(inst: Instrument) -> None:
    for name in (*_RS, "bul_sexting_pressure"):
        assert not inst.item(name).required, name
        assert "nz" in _lists(inst, name)


def test_grade_is_not_an_item(inst: Instrument) -> None:
    assert not any(re.search(r"grade|leerjaar|klas", i.name) for i in inst.items)


# -- size and structure ----------------------------------------------------------------------------
def test_size_and_pages(inst: Instrument) -> None:
    summary = summarize(inst)
    assert 70 <= summary.items <= 100
    first = inst.pages[0]
    assert [i.type for i in first.iter_items()] == ["note"]  # a short intro page first
    assert summary.matrices >= 3
    mh = inst.ancestors("wb_mh_1")[-1]
    assert mh.is_matrix
    assert [i.name for i in mh.iter_items()] == [f"wb_mh_{i}" for i in range(1, 6)]


def test_completion_time_fits_a_class_hour(inst: Instrument) -> None:
    """A slow reader (100 words/min, 4 s per answer, skip logic ignored) finishes within 30 minutes."""
    assert summarize(inst).minutes <= 30


def test_fictitious_substance_is_a_plain_question(inst: Instrument) -> None:
    fict = inst.item("fict_life")
    assert not fict.relevant
    assert not fict.hint
    # it sits among real substances, not alone on a page
    page = inst.ancestors("fict_life")[0]
    assert {"can_life", "drug_nitrous_life"} <= {i.name for i in page.iter_items()}


# -- languages -------------------------------------------------------------------------------------
SCRIPT = {"ar": re.compile(r"[\u0600-\u06FF]"), "uk": re.compile(r"[\u0400-\u04FF]")}


def test_all_six_languages_complete(inst: Instrument) -> None:
    summary = summarize(inst)
    assert summary.missing_translations == ()
    for item in inst.items:
        for lang in LANGS:
            assert item.label.get(lang), (item.name, lang)
            if item.required:
                assert item.required_message.get(lang), (item.name, lang, "required_message")
            if item.constraint:
                assert item.constraint_message.get(lang), (item.name, lang, "constraint_message")
            if item.hint:
                assert item.hint.get(lang), (item.name, lang, "hint")
    for page in inst.pages:
        assert all(page.label.get(lang) for lang in LANGS), page.name
    for choice_list in inst.choice_lists.values():
        for choice in choice_list.choices:
            assert all(choice.label.get(lang) for lang in LANGS), (choice_list.name, choice.code)
    for ind in inst.indicators:
        assert all(ind.label.get(lang) for lang in LANGS), ind.code


def test_translations_are_in_their_own_script(inst: Instrument) -> None:
    """A copied Dutch text would pass a completeness check; Arabic and Ukrainian must be in their script."""
    texts = [(i.name, i.label) for i in inst.items] + [(i.code, i.label) for i in inst.indicators]
    for name, label in texts:
        for lang, script in SCRIPT.items():
            assert script.search(label[lang]), (name, lang)
        for lang in ("en", "pl", "tr"):
            if name not in {"fict_life"}:
                assert label[lang] != label["nl"] or len(label["nl"].split()) <= 2, (name, lang)


def test_arabic_is_right_to_left(inst: Instrument) -> None:
    assert inst.is_rtl("ar")
    assert not any(inst.is_rtl(lang) for lang in LANGS if lang != "ar")


# -- indicators ------------------------------------------------------------------------------------
def test_indicator_definitions(inst: Instrument) -> None:
    assert len(inst.indicators) >= 38
    codes = [i.code for i in inst.indicators]
    assert len(codes) == len(set(codes))
    for ind in inst.indicators:
        assert ind.domain in DOMAIN_CODES, ind.code
        assert set(ind.risk_groups) <= RISK_GROUP_CODES, ind.code
        compile_indicator(inst, ind)  # raises on any error
        if ind.unit == "mean" and re.search(r"\b(mean|sum)\(", ind.expression):
            assert ind.min_answered is not None, ind.code
    assert {i.domain for i in inst.indicators} == DOMAIN_CODES


def test_every_measurable_risk_group_is_informed(inst: Instrument) -> None:
    informed = {rg for ind in inst.indicators for rg in ind.risk_groups}
    assert informed == RISK_GROUP_CODES - NOT_MEASURABLE


def test_nz_is_excluded_from_risk_signal_denominators(inst: Instrument) -> None:
    by_item = {
        "home_tension": "rs_home_tension",
        "violence_witnessed": "rs_violence_witnessed",
        "money_worries": "rs_money_worries",
        "parent_detention": "rs_parent_detention",
        "sexting_pressure": "bul_sexting_pressure",
        "no_home_night": "rs_no_home_night",
    }
    for code, item in by_item.items():
        frame = pl.DataFrame({item: ["ja", "nee", "nz", None]})
        c = compile_indicator(inst, code)
        out = frame.select(c.value(), c.population())
        assert out[code].to_list()[:2] == [1.0, 0.0], code
        assert out[f"{code}__population"].to_list() == [True, True, False, False], code


# A six-pupil frame in Snapshot v1 shape: select_one → code strings, select_multiple → item__code booleans.
# P1 never drank (alcohol follow-ups not asked); P2 drank, not in the last 30 days; P3 drank and bought it;
# P4 skipped alc_30d although asked; P5 stopped early (most answers null); P6 drank, got it from parents.
N = None
FRAME = {
    "alc_life": ["0", "3", "5", "2", N, "1"],
    "alc_30d": [N, "0", "2", N, N, "1"],
    "alc_drunk_30d": [N, "0", "1", "0", N, "0"],
    "alc_binge_30d": [N, "0", "2", "1", N, "0"],
    "alc_first_age": [N, 12, 14, 15, N, 13],
    **{
        f"alc_source__{c}": [N, N, c == "shop", N, N, c == "parents"]
        for c in ("parents", "home_secret", "siblings", "friends", "adults", "shop", "bar", "other")
    },
    "rs_money_worries": ["ja", "nee", "nz", N, "ja", "nee"],
    "rs_parent_ill": ["ja", "nee", "nz", "nee", "nz", "nee"],
    "rs_parent_addiction": ["nz", "nee", "nee", N, "nz", "ja"],
    "wb_mh_1": ["1", "4", "2", "3", N, "3"],
    "wb_mh_2": ["1", "3", N, N, N, "2"],
    "wb_mh_3": ["6", "3", "5", N, N, "4"],
    "wb_mh_4": ["1", "4", "2", "2", N, "3"],
    "wb_mh_5": ["6", "2", "4", "5", N, "3"],
    "bg_fas_car": ["0", "2", "0", "1", N, "1"],
    "bg_fas_room": ["1", "1", "0", "1", N, "1"],
    "bg_fas_holiday": ["0", "3", "1", "1", N, "0"],
    "bg_fas_computers": ["1", "3", "1", N, N, "1"],
    "bul_school": ["0", "1", "2", "4", N, "1"],
    "par_know_where": ["5", "1", "3", "4", N, "2"],
    "par_know_friends": ["5", "2", N, "4", N, "3"],
    "par_know_parents_friends": ["5", N, N, "4", N, "4"],
    **{
        f"bg_lives_with__{c}": v
        for c, v in {
            "mother": [True, False, False, False, N, False],
            "father": [False, False, True, False, N, False],
            "stepmother": [False, False, True, False, N, False],
            "stepfather": [False, False, False, False, N, False],
            "alternating": [False, False, False, False, N, True],
            "foster": [False, True, False, False, N, False],
            "institution": [False, False, False, True, N, False],
            "other": [False, False, False, False, N, False],
        }.items()
    },
    "bg_born_nl": ["nl", "abroad", "abroad", "nz", N, "abroad"],
    "bg_years_nl": [N, "1", "3", N, N, N],
    "lei_sleep_hours": [7.5, 8.0, 9.0, N, 6.0, 8.5],
    "wb_life_sat": [8, 5, 7, N, 10, 4],
}

# Worked by hand from FRAME (see the comments): (estimate, number of pupils in the population).
EXPECTED: dict[str, tuple[float, int]] = {
    # P1 F (never drank: false and null = false), P2 F, P3 T, P4 null (excluded), P5 null, P6 T
    "alc_30d": (2 / 4, 4),
    # P1 F, P2 F, P3 T, P4 F, P6 F
    "drunk_30d": (1 / 5, 5),
    # P3 (2) and P4 (1) binged
    "binge_30d": (2 / 5, 5),
    # first drink at 12 (P2) and 13 (P6); P1 never drank counts as no
    "alc_early": (2 / 5, 5),
    # among 30-day drinkers P3 (shop) and P6 (parents); P4's unknown alc_30d is not in the denominator
    "alc_bought_self": (1 / 2, 2),
    # nz (P3) and unanswered (P4) are left out: P1 ja, P2 nee, P5 ja, P6 nee
    "money_worries": (2 / 4, 4),
    # P1 ja/nz → yes; P2 nee/nee → no; P6 nee/ja → yes; P3 nz/nee, P4 nee/—, P5 nz/nz → status unknown
    "parent_ill_addict": (2 / 3, 3),
    # MHI-5 0–100: P1 100, P2 40, P3 (4 of 5 items) 75, P6 60; P4 has only 3 items (< min_answered 4)
    "mhi5_mean": ((100 + 40 + 75 + 60) / 4, 4),
    # below 60: only P2 (P6's 60 is not below)
    "mhi5_low": (1 / 4, 4),
    # FAS sums P1 2, P2 9, P3 2, P6 3; P4 has 3 of 4 items
    "fas_low": (2 / 4, 4),
    # 2–3 times a month or more: P3 ("2"), P4 ("4")
    "bullied_school": (2 / 5, 5),
    # means P1 5, P2 1.5, P4 4, P6 3; P3 answered 1 of 3 (< min_answered 2)
    "par_monitoring": ((5 + 1.5 + 4 + 3) / 4, 4),
    # P2 foster, P4 institution; P5 unanswered
    "not_with_parents": (2 / 5, 5),
    # P2 abroad 1–3 years; P1 born in NL; P3 abroad 5+ years; P4 nz and P6 (years unanswered) left out
    "newcomer_5y": (1 / 3, 3),
    "sleep_short": (2 / 5, 5),
    "life_sat_mean": ((8 + 5 + 7 + 10 + 4) / 5, 5),
    "life_sat_low": (2 / 5, 5),
}


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_indicator_values_by_hand(inst: Instrument, code: str) -> None:
    frame = pl.DataFrame(FRAME, schema_overrides={k: pl.Boolean for k in FRAME if "__" in k})
    c = compile_indicator(inst, code)
    out = frame.select(c.value(), c.population()).filter(pl.col(f"{code}__population"))
    expected, n = EXPECTED[code]
    assert out.height == n
    assert out[code].mean() == pytest.approx(expected, rel=1e-12)


# -- independent checks (the build itself: test_oko_kern_build.py) -------------------------------
@pytest.mark.slow
def test_pyxform_accepts_the_form() -> None:
    """Independent check: the reference XLSForm converter reads the file without errors or warnings."""
    from pyxform.xls2xform import convert

    warnings: list[str] = []
    result = convert(xlsform=str(SHIPPED), validate=False, warnings=warnings)
    assert "<h:title>OKO kern" in result.xform
    assert warnings == []
