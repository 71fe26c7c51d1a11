"""The item names of OKO kern other code relies on (docs/developers/oko-kern-contract.md).

The generator answers the packaged default instrument (``kansrijk/instrument/data/oko_kern.xlsx``, shipped in
the same wheel); these names are the ones it must never drop between waves, and which the cleaning rules and
tests rely on. The instrument itself is the only definition of their types and choice lists
(``tests/instrument/test_default_instrument.py`` checks it against the contract document).
"""

from __future__ import annotations

CONTRACT_ITEMS: frozenset[str] = frozenset(
    {
        "bg_age",
        "bg_gender",
        "bg_pc4",
        "bg_lives_with",
        "bg_fas_car",
        "bg_fas_room",
        "bg_fas_holiday",
        "bg_fas_computers",
        "alc_life",
        "alc_30d",
        "alc_drunk_30d",
        "alc_binge_30d",
        "alc_first_age",
        "alc_source",
        "tob_30d",
        "vape_30d",
        "can_life",
        "can_30d",
        "fict_life",
        "par_know_where",
        "par_know_friends",
        "par_know_parents_friends",
        "par_time_weekday",
        "par_time_weekend",
        "par_alc_allowed",
        "par_warmth",
        "par_support",
        "lei_sport_club",
        "lei_org_other",
        "lei_hangout",
        "lei_out_22",
        "lei_out_midnight",
        "lei_screen_hours",
        "lei_gaming_hours",
        "lei_social_hours",
        "lei_sleep_hours",
        "sch_wellbeing",
        "sch_truancy_4w",
        "wb_life_sat",
        "wb_mh_1",
        "wb_mh_2",
        "wb_mh_3",
        "wb_mh_4",
        "wb_mh_5",
        "wb_lonely",
        "saf_unsafe_neighbourhood",
        "bul_school",
        "bul_cyber",
        "bul_sexting_pressure",
        "rs_home_tension",
        "rs_violence_witnessed",
        "rs_parent_ill",
        "rs_parent_addiction",
        "rs_money_worries",
        "rs_parent_detention",
    }
)
