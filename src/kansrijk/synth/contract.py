"""The OKO-kern contract (docs/developers/oko-kern-contract.md) as a minimal :class:`Instrument`.

Why: the answer generator is written against the instrument library, but must also run (and be tested) on
exactly the items other code relies on, whether or not the full default XLSForm is installed. The
``default_instrument`` helper prefers the real ``oko_kern.xlsx`` and falls back to this one.
"""

from __future__ import annotations

from importlib import resources

from kansrijk.instrument.model import Choice, ChoiceList, Group, Instrument, Item

CONTRACT_CODE = "oko_kern"
CONTRACT_VERSION = "contract"

_FREQ = ("nooit", "1–2 keer", "3–5", "6–9", "10–19", "20–39", "40 keer of vaker")
_LISTS: dict[str, tuple[tuple[str, str], ...]] = {
    "gender": (("m", "jongen"), ("v", "meisje"), ("x", "anders"), ("nz", "zeg ik liever niet")),
    "freq_life": tuple((str(i), label) for i, label in enumerate(_FREQ)),
    "freq_30d": tuple((str(i), label) for i, label in enumerate(_FREQ)),
    "binge": tuple(
        (str(i), label) for i, label in enumerate(("niet", "1 keer", "2 keer", "3–5", "6–9", "10 of vaker"))
    ),
    "smoke_freq": tuple(
        (str(i), label)
        for i, label in enumerate(("niet", "minder dan 1 keer per week", "elke week", "elke dag"))
    ),
    "often5": tuple(
        (str(i + 1), label)
        for i, label in enumerate(("bijna nooit", "soms", "vaak", "meestal", "bijna altijd"))
    ),
    "agree5": tuple(
        (str(i + 1), label)
        for i, label in enumerate(
            ("helemaal oneens", "oneens", "niet eens, niet oneens", "eens", "helemaal eens")
        )
    ),
    "times_week": tuple(
        (str(i), label)
        for i, label in enumerate(
            ("nooit", "minder dan 1 keer per week", "1 keer per week", "2–3 keer", "4+")
        )
    ),
    "nights7": tuple((str(i), str(i)) for i in range(8)),
    "bully_freq": tuple(
        (str(i), label)
        for i, label in enumerate(
            ("niet", "1 of 2 keer", "2 of 3 keer per maand", "1 keer per week", "vaker")
        )
    ),
    "truancy": tuple(
        (str(i), label) for i, label in enumerate(("nooit", "1 keer", "2 of 3 keer", "4 of vaker"))
    ),
    "mhi6": tuple(
        (str(i + 1), label)
        for i, label in enumerate(("nooit", "zelden", "af en toe", "vaak", "meestal", "altijd"))
    ),
    "yes_no_nz": (("ja", "ja"), ("nee", "nee"), ("nz", "zeg ik liever niet")),
    "lives_with": tuple(
        (c, c)
        for c in (
            "mother",
            "father",
            "stepmother",
            "stepfather",
            "alternating",
            "foster",
            "institution",
            "other",
        )
    ),
    "fas_car": (("0", "nee"), ("1", "één"), ("2", "twee of meer")),
    "fas_room": (("0", "nee"), ("1", "ja")),
    "fas_holiday": tuple((str(i), str(i)) for i in range(4)),
    "fas_computers": tuple((str(i), str(i)) for i in range(4)),
    "alc_source": tuple((c, c) for c in ("parents", "friends", "siblings", "shop", "horeca", "other")),
}

_LIFE = "${alc_life} != '0'"
_HOURS = ". >= 0 and . <= 24"
# name, type, list, relevant, constraint, required
_ITEMS: tuple[tuple[str, str, str | None, str | None, str | None, bool], ...] = (
    ("bg_age", "integer", None, None, ". >= 10 and . <= 20", True),
    ("bg_gender", "select_one", "gender", None, None, True),
    ("bg_pc4", "text", None, None, "regex(., '^[1-9][0-9]{3}$')", False),
    ("bg_lives_with", "select_multiple", "lives_with", None, None, False),
    ("bg_fas_car", "select_one", "fas_car", None, None, False),
    ("bg_fas_room", "select_one", "fas_room", None, None, False),
    ("bg_fas_holiday", "select_one", "fas_holiday", None, None, False),
    ("bg_fas_computers", "select_one", "fas_computers", None, None, False),
    ("alc_life", "select_one", "freq_life", None, None, True),
    ("alc_30d", "select_one", "freq_30d", _LIFE, None, True),
    ("alc_drunk_30d", "select_one", "freq_30d", _LIFE, None, False),
    ("alc_binge_30d", "select_one", "binge", _LIFE, None, False),
    ("alc_first_age", "integer", None, _LIFE, ". >= 6 and . <= ${bg_age}", False),
    ("alc_source", "select_multiple", "alc_source", "${alc_30d} >= 1", None, False),
    ("tob_30d", "select_one", "smoke_freq", None, None, False),
    ("vape_30d", "select_one", "smoke_freq", None, None, False),
    ("can_life", "select_one", "freq_life", None, None, False),
    ("can_30d", "select_one", "freq_30d", "${can_life} != '0'", None, False),
    ("fict_life", "select_one", "freq_life", None, None, False),
    ("par_know_where", "select_one", "often5", None, None, False),
    ("par_know_friends", "select_one", "often5", None, None, False),
    ("par_know_parents_friends", "select_one", "often5", None, None, False),
    ("par_time_weekday", "select_one", "often5", None, None, False),
    ("par_time_weekend", "select_one", "often5", None, None, False),
    ("par_alc_allowed", "select_one", "yes_no_nz", None, None, False),
    ("par_warmth", "select_one", "agree5", None, None, False),
    ("par_support", "select_one", "agree5", None, None, False),
    ("lei_sport_club", "select_one", "times_week", None, None, False),
    ("lei_org_other", "select_one", "times_week", None, None, False),
    ("lei_hangout", "select_one", "times_week", None, None, False),
    ("lei_out_22", "select_one", "nights7", None, None, False),
    ("lei_out_midnight", "select_one", "nights7", None, None, False),
    ("lei_screen_hours", "decimal", None, None, _HOURS, False),
    ("lei_gaming_hours", "decimal", None, None, _HOURS, False),
    ("lei_social_hours", "decimal", None, None, _HOURS, False),
    ("lei_sleep_hours", "decimal", None, None, _HOURS, False),
    ("sch_wellbeing", "select_one", "agree5", None, None, False),
    ("sch_truancy_4w", "select_one", "truancy", None, None, False),
    ("wb_life_sat", "integer", None, None, ". >= 0 and . <= 10", False),
    ("wb_mh_1", "select_one", "mhi6", None, None, False),
    ("wb_mh_2", "select_one", "mhi6", None, None, False),
    ("wb_mh_3", "select_one", "mhi6", None, None, False),
    ("wb_mh_4", "select_one", "mhi6", None, None, False),
    ("wb_mh_5", "select_one", "mhi6", None, None, False),
    ("wb_lonely", "select_one", "often5", None, None, False),
    ("saf_unsafe_neighbourhood", "select_one", "often5", None, None, False),
    ("bul_school", "select_one", "bully_freq", None, None, False),
    ("bul_cyber", "select_one", "bully_freq", None, None, False),
    ("bul_sexting_pressure", "select_one", "yes_no_nz", None, None, False),
    ("rs_home_tension", "select_one", "yes_no_nz", None, None, False),
    ("rs_violence_witnessed", "select_one", "yes_no_nz", None, None, False),
    ("rs_parent_ill", "select_one", "yes_no_nz", None, None, False),
    ("rs_parent_addiction", "select_one", "yes_no_nz", None, None, False),
    ("rs_money_worries", "select_one", "yes_no_nz", None, None, False),
    ("rs_parent_detention", "select_one", "yes_no_nz", None, None, False),
)

CONTRACT_ITEMS: frozenset[str] = frozenset(name for name, *_ in _ITEMS)

#: A few items outside the contract, so the fallback instrument exercises the generic generator and has an
#: item the 2019 wave can lack (the instrument change between waves).
_EXTRA_LISTS: dict[str, tuple[tuple[str, str], ...]] = {
    "hangout_places": tuple((c, c) for c in ("home", "street", "park", "shop", "sportpark", "online")),
}
_EXTRA_ITEMS: tuple[tuple[str, str, str | None, str | None, str | None, bool], ...] = (
    ("lei_music", "select_one", "times_week", None, None, False),
    ("sch_travel_min", "integer", None, None, ". >= 0 and . <= 120", False),
    ("lei_hangout_where", "select_multiple", "hangout_places", "${lei_hangout} >= 1", None, False),
)


def contract_instrument(extra: bool = True) -> Instrument:
    """The contract items in contract order, one page per prefix, MHI-5 as a matrix group.

    With ``extra`` (the default) three non-contract items are added (see ``_EXTRA_ITEMS``).
    """
    pages: dict[str, list[Item | Group]] = {}
    for name, kind, list_name, relevant, constraint, required in _ITEMS + (_EXTRA_ITEMS if extra else ()):
        item = Item(
            name=name,
            type=kind,  # type: ignore[arg-type]
            label={"nl": name},
            list_name=list_name,
            required=required,
            relevant=relevant,
            constraint=constraint,
        )
        pages.setdefault(name.split("_")[0], []).append(item)
    body: list[Item | Group] = []
    for prefix, children in pages.items():
        if prefix == "wb":
            mh = tuple(c for c in children if c.name.startswith("wb_mh_"))
            rest = tuple(c for c in children if not c.name.startswith("wb_mh_"))
            matrix = Group(name="wb_mh", label={"nl": "MHI-5"}, appearance="table-list", children=mh)
            body.append(Group(name="p_wb", label={"nl": "Welzijn"}, children=(rest[0], matrix, *rest[1:])))
        else:
            body.append(Group(name=f"p_{prefix}", label={"nl": prefix}, children=tuple(children)))
    lists = {
        name: ChoiceList(name, tuple(Choice(code, {"nl": label}) for code, label in choices))
        for name, choices in {**_LISTS, **(_EXTRA_LISTS if extra else {})}.items()
    }
    return Instrument(
        code=CONTRACT_CODE,
        version=CONTRACT_VERSION,
        title="OKO kern (contract items)",
        languages=("nl",),
        body=tuple(body),
        choice_lists=lists,
    )


def default_instrument_bytes() -> bytes | None:
    """The packaged default XLSForm (``kansrijk/instrument/data/oko_kern.xlsx``), or None if not installed."""
    try:
        ref = resources.files("kansrijk.instrument").joinpath("data/oko_kern.xlsx")
        return ref.read_bytes() if ref.is_file() else None
    except (FileNotFoundError, ModuleNotFoundError):
        return None
