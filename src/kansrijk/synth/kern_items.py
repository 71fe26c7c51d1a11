"""Models for the items of the default instrument (OKO kern) outside the contract.

Each item's answer distribution per grade is a target in :data:`kansrijk.synth.targets.LEVELS` (with its
source or stated assumption); this module decides *who* gives which answer: an ordinal cut of a latent mix
of the shared constructs (:mod:`kansrijk.synth.latent`) plus item noise, so the items correlate the way the
Icelandic Prevention Model and the Kinderen op de Kaart risk groups expect (delinquency with substance use
and going out, money items with the deprivation of the home buurt, self-esteem and the future with
wellbeing) and inherit the constructs' school and class effects. The loadings are stated modelling
assumptions. An item the instrument does not have is simply not read; the caller only takes what it needs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kansrijk.synth import targets as T
from kansrijk.synth.latent import Constructs, Draw, FloatArray, IntArray, ItemValues, cut_by_rank, per_grade

#: Items answered as choice codes that are not numbers: (level index → code) for the caller.
CATEGORICAL_CODES: dict[str, tuple[str, ...]] = {
    "bg_born_nl": ("nl", "abroad", "nz"),
    "sch_plans": T.levels("sch_plans").codes,
}


@dataclass(frozen=True)
class KernAnswers:
    """Answers to the non-contract items: ordinal/yes-no levels, categorical levels, select_multiple ticks."""

    values: ItemValues
    categorical: dict[str, IntArray]
    multi: dict[str, dict[str, np.ndarray]]


def _probs(d: Draw, item: str) -> dict[int, np.ndarray]:
    lv = T.levels(item)
    return per_grade(d.p, np.array(lv.grade2), np.array(lv.grade4))


def _binary(d: Draw, g2: float, g4: float) -> dict[int, np.ndarray]:
    return per_grade(d.p, np.array([1 - g2, g2]), np.array([1 - g4, g4]))


def kern_answers(d: Draw, c: Constructs, calib: np.ndarray, contract: ItemValues) -> KernAnswers:
    """Levels of the OKO kern items outside the contract (level k = the k-th code of :data:`T.LEVELS`).

    ``contract`` holds the contract items' levels (``alc_30d``, ``lei_hangout``, ``par_alc_allowed``…), which
    the multiple-choice follow-ups depend on.
    """
    p = d.p
    everyone = np.ones(p.n, dtype=bool)
    male = (~p.female).astype(float)
    v: ItemValues = {}

    def cut(item: str, latent: FloatArray, rows: np.ndarray = everyone) -> IntArray:
        return cut_by_rank(latent, _probs(d, item), p.grade, calib, rows)

    # family affluence: one latent (the home buurt's deprivation plus the family's own position)
    fas = -p.dep + d.effects("fas", 0.1, 0.15)
    for name in ("bg_fas_car", "bg_fas_room", "bg_fas_holiday", "bg_fas_computers"):
        v[name] = cut(name, fas + d.noise(name, 0.8))
    # migration background: more in poor buurten and at some schools (e.g. with an ISK stream)
    abroad_latent = 0.5 * p.dep + d.effects("born_abroad", 0.0, 0.4) + d.noise("born_abroad", 1.0)
    abroad = cut_by_rank(
        abroad_latent, _binary(d, T.BORN_ABROAD_SHARE, T.BORN_ABROAD_SHARE), p.grade, calib, everyone
    )
    born = np.where(d.uniform("born_nz") < T.BORN_NZ_SHARE, 2, abroad)
    v["bg_years_nl"] = d.rng("years_nl").choice(4, size=p.n, p=np.array(T.YEARS_NL_SHARES))
    # parenting, leisure
    v["par_rules"] = cut("par_rules", 0.5 * c.mon + 0.2 * c.wb + d.noise("rules", 0.9))
    v["lei_too_expensive"] = cut(
        "lei_too_expensive",
        0.9 * p.dep - 0.2 * c.sport + d.effects("too_expensive", 0.1, 0.1) + d.noise("too_expensive", 0.6),
    )
    # school
    v["sch_safe"] = cut("sch_safe", 0.8 * c.sch - 0.3 * c.bul + d.noise("sch_safe", 0.7))
    v["sch_teacher_support"] = cut(
        "sch_teacher_support", 0.7 * c.sch + d.effects("teacher", 0.22, 0.08) + d.noise("teacher", 0.8)
    )
    v["sch_diploma"] = cut(
        "sch_diploma",
        0.4 * c.sch + 0.3 * c.wb - 0.3 * p.dep - 0.1 * c.sub + d.noise("diploma", 0.8),
    )
    plans = _plans(d, c, calib)
    # wellbeing
    v["wb_health"] = cut("wb_health", 0.7 * c.wb - 0.1 * p.dep + d.noise("health", 0.8))
    v["wb_self_esteem"] = cut("wb_self_esteem", c.wb + d.noise("self_esteem", 0.6))
    v["wb_friend"] = cut("wb_friend", 0.4 * c.wb - 0.4 * c.bul + d.noise("friend", 0.9))
    v["wb_future"] = cut("wb_future", 0.6 * c.wb + 0.3 * c.sch - 0.2 * p.dep + d.noise("future", 0.8))
    v["wb_sex_info"] = cut(
        "wb_sex_info",
        0.3 * c.sch + 0.2 * c.mon + d.effects("sex_info", 0.25, 0.15) + d.noise("sex_info", 1.0),
    )
    # bullying others and delinquency: the risk side of the IPM (going out, substance use, low school bond)
    risk = 0.15 * c.sub + 0.4 * c.out - 0.25 * c.sch + 0.1 * p.dep + 0.4 * male
    v["bul_perpetrator"] = cut(
        "bul_perpetrator", 0.8 * risk + 0.3 * c.bul + d.effects("perp", 0.25, 0.1) + d.noise("perp", 0.9)
    )
    delinquency = risk + d.effects("delinquency", 0.3, 0.15) + d.noise("delinquency", 0.6)
    v["del_steal"] = cut("del_steal", delinquency + d.noise("steal", 0.9))
    v["del_vandalism"] = cut("del_vandalism", delinquency + 0.2 * male + d.noise("vandalism", 0.9))
    v["del_fight"] = cut("del_fight", delinquency + 0.4 * male + d.noise("fight", 0.9))
    v["del_police"] = cut("del_police", delinquency + d.noise("police", 0.6))
    # home: shares the home-adversity component with the contract's risk signals
    v["rs_no_home_night"] = cut(
        "rs_no_home_night",
        0.5 * p.dep + 0.8 * d.noise("home_adversity") - 0.2 * c.wb + d.noise("no_home", 0.8),
    )
    # peers: friends' use shares the substance-use construct with own use (the strongest correlate of own use
    # in the IPM), plus the pupil's own use of that substance and going out; norms follow use and monitoring
    own = {
        name: (contract[name] >= 1).astype(float) for name in ("tob_30d", "vape_30d", "alc_30d", "can_30d")
    }
    for item, own_use, load_sub, load_out in (
        ("peer_smoke", "tob_30d", 0.4, 0.2),
        ("peer_vape", "vape_30d", 0.5, 0.2),
        ("peer_alcohol", "alc_30d", 0.6, 0.3),
        ("peer_cannabis", "can_30d", 0.35, 0.3),
    ):
        latent = load_sub * c.sub + 0.3 * own[own_use] + load_out * c.out + d.effects(item, 0.15, 0.1)
        v[item] = cut(item, latent + d.noise(item, 1.3))
    v["peer_attitude_drunk"] = cut(
        "peer_attitude_drunk",
        0.8 * c.sub + 0.4 * own["alc_30d"] + 0.2 * c.out - 0.2 * c.mon + d.noise("peer_attitude", 0.8),
    )
    for item, own_use in (
        ("peer_react_smoke", "tob_30d"),
        ("peer_react_drunk", "alc_30d"),
        ("peer_react_cannabis", "can_30d"),
    ):
        latent = 0.7 * c.sub + 0.5 * own[own_use] + 0.2 * c.out - 0.2 * c.mon
        v[item] = cut(item, latent + d.noise(item, 0.8))
    multi = {
        "alc_source": _alc_source(d, c, calib, contract),
        "lei_hangout_where": _hangout_where(d, c, calib, contract),
    }
    return KernAnswers(v, {"bg_born_nl": born, "sch_plans": plans}, multi)


def _plans(d: Draw, c: Constructs, calib: np.ndarray) -> IntArray:
    """``study`` for the pupils highest on school bond and affluence (and at schools that send many on);
    the others split over work/other/unknown in the target's proportions."""
    p = d.p
    lv = T.levels("sch_plans")
    g2, g4 = np.array(lv.grade2), np.array(lv.grade4)
    latent = 0.4 * c.sch - 0.4 * p.dep + d.effects("plans", 0.1, 0.4) + d.noise("plans", 1.0)
    study = cut_by_rank(latent, _binary(d, g2[0], g4[0]), p.grade, calib, np.ones(p.n, dtype=bool)) == 1
    rest = per_grade(p, g2[1:] / g2[1:].sum(), g4[1:] / g4[1:].sum())
    u = d.uniform("plans_rest")
    other = np.zeros(p.n, dtype=np.int64)
    for g, probs in rest.items():
        rows = p.grade == g
        other[rows] = 1 + np.minimum(np.searchsorted(np.cumsum(probs), u[rows]), len(probs) - 1)
    return np.where(study, 0, other)


def _ticks(
    d: Draw,
    calib: np.ndarray,
    rows: np.ndarray,
    latents: dict[str, FloatArray],
    shares: dict[str, tuple[float, float]],
    key: str,
) -> dict[str, np.ndarray]:
    """Tick columns of a select_multiple for ``rows``: everyone ticks at least one choice and choice k is
    ticked by ``shares[k]`` (grade 2, grade 4) of them.

    Shares add up to more than 1 (several ticks each): a *main* choice is drawn in proportion to the shares,
    then the other choices are ticked for the top of their latent + noise among those whose main choice
    they are not, at the rate that brings each total to its share.
    """
    p = d.p
    codes = list(shares)
    s2 = np.array([shares[c][0] for c in codes])
    s4 = np.array([shares[c][1] for c in codes])
    main_probs = per_grade(p, s2 / s2.sum(), s4 / s4.sum())
    u = d.uniform(f"{key}:main")
    main = np.zeros(p.n, dtype=np.int64)
    for g, probs in main_probs.items():
        in_g = p.grade == g
        main[in_g] = np.minimum(np.searchsorted(np.cumsum(probs), u[in_g]), len(codes) - 1)
    out: dict[str, np.ndarray] = {}
    for k, code in enumerate(codes):
        m2, m4 = s2[k] / s2.sum(), s4[k] / s4.sum()
        extra2 = max(0.0, (s2[k] - m2) / (1 - m2))
        extra4 = max(0.0, (s4[k] - m4) / (1 - m4))
        latent = latents.get(code, 0.0) + d.noise(f"{key}:{code}", 1.0)
        others = rows & (main != k)
        extra = cut_by_rank(latent, _binary(d, extra2, extra4), p.grade, calib, others) == 1
        out[code] = rows & ((main == k) | extra)
    return out


def _alc_source(d: Draw, c: Constructs, calib: np.ndarray, contract: ItemValues) -> dict[str, np.ndarray]:
    """Where 30-day drinkers got alcohol: parents more where parents allow it, buying in shops and bars
    more for pupils who go out and drink more (the two share a component)."""
    drinkers = contract["alc_30d"] >= 1
    allowed = (contract["par_alc_allowed"] == 1).astype(float)
    buy = 0.25 * c.sub + 0.4 * c.out + d.noise("alc_buy", 0.6)
    latents = {
        "parents": 1.0 * allowed - 0.15 * c.sub,
        "home_secret": -0.4 * c.mon,
        "friends": 0.3 * c.out,
        "adults": 0.3 * c.out,
        "shop": buy,
        "bar": buy,
    }
    return _ticks(d, calib, drinkers, latents, T.ALC_SOURCE_SHARES, "alc_source")


def _hangout_where(d: Draw, c: Constructs, calib: np.ndarray, contract: ItemValues) -> dict[str, np.ndarray]:
    """Where pupils who hang out do so: the street more for those who go out late, youth centres more in
    poor buurten, sports fields more for sporters."""
    hangers = contract["lei_hangout"] >= 1
    latents = {
        "street": 0.5 * c.out + 0.2 * d.p.dep,
        "youth_centre": 0.5 * d.p.dep,
        "friends_home": -0.2 * c.out,
        "sports_field": 0.5 * c.sport,
    }
    shares = {code: (s, s) for code, s in T.HANGOUT_WHERE_SHARES.items()}
    return _ticks(d, calib, hangers, latents, shares, "hangout_where")
