"""Pupils and their answers for one wave, vectorised (NumPy/Polars, no loop per pupil).

The model, in short (all numbers are stated modelling assumptions unless :mod:`kansrijk.synth.targets`
gives a source):

1. **Pupils.** Every enrolled pupil of every class; classes may not take part (4%, praktijkonderwijs 12%)
   and within a class response varies (Beta, mean ≈ 0.89): non-response by class.
2. **Home.** From the school's catchment over buurten, or outside the municipality (wijk ``buiten``).
3. **Latent constructs** per pupil — deprivation (from the home buurt), parental monitoring, organised sport,
   going out late, substance-use propensity, wellbeing, school wellbeing, bullying — each the sum of fixed
   effects, a school and a class random effect and pupil noise. Substance use loads negatively on monitoring
   and sport and positively on going out (the IPM's structure).
4. **Items.** Each contract item is an ordinal cut of a construct plus item noise, with cut points placed at
   the empirical quantiles of the *calibration set* (pupils not flagged dishonest or speeder) per grade, so
   its distribution matches the target distribution exactly there. Nested items (``alc_30d`` inside
   ``alc_life`` users, ``can_30d`` inside ``can_life``) are cut within their parent set, so skip logic and
   frequency order hold by construction. The default instrument's other items are modelled the same way in
   :mod:`kansrijk.synth.kern_items`, with their distributions in ``targets.LEVELS``; only items without a
   model (a municipality's own additions) are generated generically from their type and choices, and the
   wave's notes name them.
5. **Data quality.** ~2% dishonest (the fictitious substance, exaggerated use), ~2% speeders (random
   answers, very short duration), ~2% straight-liners on matrix groups, ~3% partial questionnaires, item
   non-response on optional items.
6. **Skip logic and constraints** are applied with the instrument library itself (``relevance_mask`` and the
   compiled constraints), in form order, so nothing the analysis re-evaluates can disagree.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from kansrijk.instrument.expressions import ExpressionContext, compile_expression
from kansrijk.instrument.model import Group, Instrument, Item
from kansrijk.instrument.relevance import relevance_mask
from kansrijk.snapshot import FIXED_COLUMNS, EnrolmentRow, choice_column
from kansrijk.synth import targets as T
from kansrijk.synth.geography import OUTSIDE_PC4, Geography
from kansrijk.synth.kern_items import CATEGORICAL_CODES, kern_answers
from kansrijk.synth.latent import (
    Constructs,
    Draw,
    FloatArray,
    IntArray,
    ItemValues,
    Respondents,
    constructs,
    cut_by_rank,
    grades_of,
    per_grade,
    with_any,
)
from kansrijk.synth.rng import rng_for
from kansrijk.synth.schools import SchoolSet

#: Shapes of the non-zero levels of frequency scales (stated assumption: frequent use is rarer).
SHAPE_LIFE = np.array([0.34, 0.22, 0.14, 0.12, 0.10, 0.08])
SHAPE_30D = np.array([0.56, 0.22, 0.11, 0.06, 0.03, 0.02])
SHAPE_BINGE = np.array([0.50, 0.22, 0.17, 0.07, 0.04])


@dataclass(frozen=True)
class WaveAnswers:
    """Snapshot-shaped responses plus the enrolment table and the generator's own flags (for tests only)."""

    responses: pl.DataFrame
    enrolment: tuple[EnrolmentRow, ...]
    classes: pl.DataFrame
    flags: pl.DataFrame
    notes: tuple[str, ...] = field(default=())


# ------------------------------------------------------------------------------------------------ pupils
def draw_pupils(
    geo: Geography, schools: SchoolSet, classes: pl.DataFrame, seed: int, wave: str
) -> tuple[Respondents, tuple[EnrolmentRow, ...], pl.DataFrame]:
    """Enrolled pupils of all classes → enrolment counts; then who responded and where they live."""
    rng = rng_for(seed, "pupils", wave)
    school_index = {sid: i for i, sid in enumerate(schools.schools["school_id"].to_list())}
    cls_school = np.array([school_index[s] for s in classes["school_id"].to_list()], dtype=np.int64)
    cls_grade = classes["grade"].to_numpy()
    size = classes["size"].to_numpy()
    n_classes = classes.height
    class_idx = np.repeat(np.arange(n_classes), size)
    female = rng.random(len(class_idx)) < 0.49
    # enrolment: school × grade × gender over all enrolled pupils (DUO counts m/v)
    enrol = (
        pl.DataFrame(
            {
                "school_id": classes["school_id"].to_numpy()[class_idx],
                "grade": cls_grade[class_idx],
                "gender": np.where(female, "v", "m"),
            }
        )
        .group_by(["school_id", "grade", "gender"])
        .len()
        .sort(["school_id", "grade", "gender"])
    )
    enrolment = tuple(
        EnrolmentRow(r["school_id"], int(r["grade"]), r["gender"], int(r["len"]))
        for r in enrol.iter_rows(named=True)
    )
    # non-response: whole classes, then pupils within classes
    is_pro = (schools.schools["schooltype"] == "pro").to_numpy()[cls_school]
    takes_part = rng.random(n_classes) >= np.where(is_pro, 0.12, 0.04)
    class_rate = rng.beta(16, 2, size=n_classes) * takes_part
    responded = rng.random(len(class_idx)) < class_rate[class_idx]
    class_idx = class_idx[responded]
    female = female[responded]
    school_idx = cls_school[class_idx]
    grade = cls_grade[class_idx]
    n = len(class_idx)
    # home: outside the municipality, or a buurt from the school's catchment
    outside = rng.random(n) < schools.schools["outside_share"].to_numpy()[school_idx]
    buurt_idx = np.full(n, -1, dtype=np.int64)
    cum = np.cumsum(schools.catchment, axis=1)
    u = rng.random(n)
    for s in np.unique(school_idx):
        rows = np.flatnonzero(school_idx == s)
        buurt_idx[rows] = np.minimum(np.searchsorted(cum[s], u[rows] * cum[s, -1]), cum.shape[1] - 1)
    buurt_idx[outside] = -1
    buurt_codes = schools.buurt_codes
    pc4_codes = [geo.buurt_pc4[c] for c in buurt_codes] + list(OUTSIDE_PC4)
    pc4_idx = np.where(outside, len(buurt_codes) + rng.integers(0, len(OUTSIDE_PC4), size=n), buurt_idx)
    pc4 = pl.Series("pc4", pc4_codes, dtype=pl.String).gather(pc4_idx.astype(np.uint32))
    buurt_dep = np.array([geo.deprivation[c] for c in buurt_codes])
    dep = np.where(outside, rng.normal(0.0, 0.7, size=n), buurt_dep[buurt_idx]) + rng.normal(0, 0.8, size=n)
    class_summary = classes.with_columns(
        pl.Series("respondents", np.bincount(class_idx, minlength=n_classes).astype(np.int64))
    )
    return (
        Respondents(
            school_idx=school_idx,
            class_idx=class_idx,
            grade=grade,
            female=female,
            buurt_idx=buurt_idx,
            pc4=pc4,
            dep=dep,
            class_ids=tuple(classes["class_id"].to_list()),
            n_classes=n_classes,
            n_schools=schools.n,
            grades=tuple(sorted({int(g) for g in cls_grade})),
        ),
        enrolment,
        class_summary,
    )


# ------------------------------------------------------------------------------------------------ helpers


def _marginal_probs(p: Respondents, code: str, year: int, shape: np.ndarray) -> dict[int, np.ndarray]:
    m = T.marginal(code)
    years = sorted({y for y, _ in m.values})
    y = year if year in years else min(years, key=lambda v: abs(v - year))
    return per_grade(p, with_any(m.values[(y, 2)], shape), with_any(m.values[(y, 4)], shape))


# ------------------------------------------------------------------------------------------------ items


def contract_answers(
    d: Draw, c: Constructs, calib: np.ndarray, year: int
) -> tuple[ItemValues, dict[str, dict[str, np.ndarray]]]:
    """Levels/values of the contract items (level k = the k-th numeric code of the item's list)."""
    p = d.p
    all_rows = np.ones(p.n, dtype=bool)
    v: ItemValues = {}
    multi: dict[str, dict[str, np.ndarray]] = {}

    def cut(latent: FloatArray, probs: dict[int, np.ndarray], rows: np.ndarray = all_rows) -> IntArray:
        return cut_by_rank(latent, probs, p.grade, calib, rows)

    def nested(
        name: str, code: str, latent: FloatArray, parent: np.ndarray, parent_code: str, shape: np.ndarray
    ) -> IntArray:
        """Level of an item asked only of ``parent`` pupils; cut within the parent set to hit the target."""
        m, pm = T.marginal(code), T.marginal(parent_code)
        years = sorted({y for y, _ in m.values})
        y = year if year in years else min(years, key=lambda v_: abs(v_ - year))
        cond2 = with_any(min(m.values[(y, 2)] / pm.values[(y, 2)], 0.999), shape)
        cond4 = with_any(min(m.values[(y, 4)] / pm.values[(y, 4)], 0.999), shape)
        del name
        return cut(latent, per_grade(p, cond2, cond4), parent)

    # background
    age = 11 + p.grade + (d.uniform("age") < 0.33).astype(int) - (d.uniform("age_young") < 0.04).astype(int)
    v["bg_age"] = np.clip(age, 10, 20).astype(float)
    # alcohol: one propensity, item-specific noise; nested cuts keep 30d ⊂ ever and binge/drunk ⊂ 30d
    alc_life = cut(c.sub + d.noise("alc_life", 0.4), _marginal_probs(p, "alc_life", year, SHAPE_LIFE))
    life_users = alc_life >= 1
    alc_30d = nested("alc_30d", "alc_30d", c.sub + d.noise("alc_30d", 0.5), life_users, "alc_life", SHAPE_30D)
    alc_30d = np.minimum(alc_30d, alc_life)
    users_30d = alc_30d >= 1
    binge = nested(
        "alc_binge_30d", "binge_30d", c.sub + d.noise("binge", 0.6), users_30d, "alc_30d", SHAPE_BINGE
    )
    drunk = nested(
        "alc_drunk_30d",
        "drunk_30d",
        c.sub + 0.2 * c.out + d.noise("drunk", 0.6),
        users_30d,
        "alc_30d",
        SHAPE_30D,
    )
    v["alc_life"], v["alc_30d"] = alc_life, alc_30d
    v["alc_binge_30d"], v["alc_drunk_30d"] = binge, np.minimum(drunk, alc_30d)
    # first drink: heavier drinkers started earlier (a 15-year-old drinker started at 13 or younger ~40%)
    first = v["bg_age"] - d.rng("first_age").poisson(0.9 + 0.25 * alc_life)
    v["alc_first_age"] = np.clip(first, 8, v["bg_age"]).astype(float)
    # tobacco, vaping, cannabis
    tob_probs = {}
    m_any, m_daily = T.marginal("tob_30d"), T.marginal("tob_daily")
    y = year if (year, 2) in m_any.values else T.YEARS[-1]
    for g, key in ((2, 2), (4, 4)):
        a, dd = m_any.values[(y, key)], m_daily.values[(y, key)]
        tob_probs[g] = np.array([1 - a, (a - dd) * 0.55, (a - dd) * 0.45, dd])
    v["tob_30d"] = cut(
        0.8 * c.sub + 0.2 * p.dep + d.noise("tob", 0.8), per_grade(p, tob_probs[2], tob_probs[4])
    )
    v["vape_30d"] = cut(
        0.8 * c.sub + d.noise("vape", 0.8), _marginal_probs(p, "vape_30d", year, np.array([0.55, 0.25, 0.20]))
    )
    can_life = cut(
        0.8 * c.sub + 0.3 * c.out + d.noise("can", 0.8), _marginal_probs(p, "can_life", year, SHAPE_LIFE)
    )
    can_30d = nested(
        "can_30d", "can_30d", c.sub + d.noise("can30", 0.6), can_life >= 1, "can_life", SHAPE_30D
    )
    v["can_life"], v["can_30d"] = can_life, np.minimum(can_30d, can_life)
    # lifetime items of the default instrument: never below their 30-day counterpart
    for life, month, p2, p4, load in (
        ("tob_life", "tob_30d", 0.12, 0.30, 0.8),
        ("vape_life", "vape_30d", 0.20, 0.42, 0.8),
    ):
        lv = cut(
            load * c.sub + d.noise(life, 0.6),
            per_grade(p, with_any(p2, SHAPE_LIFE), with_any(p4, SHAPE_LIFE)),
        )
        v[life] = np.where((v[month] >= 1) & (lv == 0), 1, lv)
    first_can = v["bg_age"] - 1 - d.rng("can_first_age").poisson(0.8, size=p.n)
    v["can_first_age"] = np.clip(first_can, 10, v["bg_age"]).astype(float)
    v["drug_nitrous_life"] = cut(
        0.7 * c.sub + 0.3 * c.out + d.noise("nitrous", 0.8),
        per_grade(p, with_any(0.03, SHAPE_LIFE), with_any(0.08, SHAPE_LIFE)),
    )
    v["drug_other_life"] = cut(
        0.7 * c.sub + 0.3 * c.out + d.noise("other_drug", 0.8),
        per_grade(p, with_any(0.01, SHAPE_LIFE), with_any(0.03, SHAPE_LIFE)),
    )
    v["peer_drunk"] = cut(
        c.sub + d.noise("peer_drunk", 1.8),
        per_grade(p, np.array([0.70, 0.20, 0.06, 0.03, 0.01]), np.array([0.35, 0.33, 0.17, 0.11, 0.04])),
    )
    # parents
    know = {2: np.array([0.03, 0.05, 0.10, 0.27, 0.55]), 4: np.array([0.04, 0.07, 0.15, 0.32, 0.42])}
    v["par_know_where"] = cut(c.mon + d.noise("know_where", 0.35), per_grade(p, know[2], know[4]))
    often_pos = per_grade(
        p, np.array([0.05, 0.10, 0.20, 0.35, 0.30]), np.array([0.07, 0.14, 0.24, 0.33, 0.22])
    )
    for name in ("par_know_friends", "par_know_parents_friends", "par_time_weekday", "par_time_weekend"):
        v[name] = cut(c.mon + d.noise(name, 0.8), often_pos)
    agree_pos = per_grade(
        p, np.array([0.02, 0.04, 0.14, 0.42, 0.38]), np.array([0.03, 0.06, 0.18, 0.45, 0.28])
    )
    v["par_warmth"] = cut(0.6 * c.mon + 0.4 * c.wb + d.noise("warmth", 0.7), agree_pos)
    v["par_support"] = cut(0.6 * c.mon + 0.4 * c.wb + d.noise("support", 0.7), agree_pos)
    # leisure
    sport = {2: np.array([0.25, 0.07, 0.14, 0.36, 0.18]), 4: np.array([0.33, 0.09, 0.14, 0.30, 0.14])}
    v["lei_sport_club"] = cut(c.sport + d.noise("sport_club", 0.35), per_grade(p, sport[2], sport[4]))
    v["lei_org_other"] = cut(
        0.5 * c.sport + d.noise("org_other", 1.0),
        per_grade(p, np.array([0.55, 0.15, 0.15, 0.10, 0.05]), np.array([0.62, 0.14, 0.12, 0.08, 0.04])),
    )
    v["lei_hangout"] = cut(
        c.out + d.noise("hangout", 0.9),
        per_grade(p, np.array([0.20, 0.25, 0.25, 0.20, 0.10]), np.array([0.12, 0.22, 0.26, 0.25, 0.15])),
    )
    mid2 = np.array([0.94, 0.04, 0.012, 0.004, 0.002, 0.001, 0.0005, 0.0005])
    mid4 = np.array([0.83, 0.10, 0.04, 0.015, 0.007, 0.004, 0.002, 0.002])
    out_latent = c.out + d.noise("out", 0.45)
    v["lei_out_midnight"] = cut(out_latent, per_grade(p, mid2, mid4))
    late2 = np.array([0.70, 0.14, 0.07, 0.04, 0.02, 0.015, 0.01, 0.005])
    late4 = np.array([0.45, 0.20, 0.14, 0.08, 0.05, 0.04, 0.02, 0.02])
    v["lei_out_22"] = np.maximum(
        cut(out_latent + d.noise("out22", 0.3), per_grade(p, late2, late4)), v["lei_out_midnight"]
    )
    r = d.rng("hours")
    screen = r.gamma(3.0, 1.1, size=p.n) + 0.3 * c.out
    v["lei_screen_hours"] = np.clip(np.round(screen * 2) / 2, 0, 16)
    v["lei_gaming_hours"] = np.clip(np.round(r.gamma(1.2, 0.9, size=p.n) * (1.6 - p.female) * 2) / 2, 0, 12)
    v["lei_social_hours"] = np.clip(
        np.round(r.gamma(1.8, 0.9, size=p.n) * (0.7 + 0.6 * p.female) * 2) / 2, 0, 12
    )
    sleep = 8.8 - 0.2 * (p.grade - 2) - 0.25 * c.out + r.normal(0, 0.7, size=p.n)
    v["lei_sleep_hours"] = np.clip(np.round(sleep * 4) / 4, 4, 12)
    # school and wellbeing
    schw = {2: np.array([0.04, 0.07, 0.22, 0.45, 0.22]), 4: np.array([0.05, 0.10, 0.27, 0.43, 0.15])}
    v["sch_wellbeing"] = cut(c.sch + d.noise("sch_wb", 0.4), per_grade(p, schw[2], schw[4]))
    v["sch_truancy_4w"] = cut(
        0.6 * c.out - 0.5 * c.sch + d.noise("truancy", 0.8),
        per_grade(p, np.array([0.88, 0.07, 0.03, 0.02]), np.array([0.78, 0.11, 0.07, 0.04])),
    )
    ls2 = np.array([0.005, 0.005, 0.01, 0.015, 0.02, 0.04, 0.08, 0.20, 0.33, 0.20, 0.095])
    ls4 = np.array([0.007, 0.008, 0.015, 0.02, 0.03, 0.06, 0.11, 0.25, 0.30, 0.14, 0.06])
    v["wb_life_sat"] = cut(c.wb + d.noise("life_sat", 0.35), per_grade(p, ls2, ls4)).astype(float)
    mh_neg = per_grade(
        p, np.array([0.25, 0.30, 0.28, 0.10, 0.05, 0.02]), np.array([0.20, 0.28, 0.30, 0.13, 0.06, 0.03])
    )
    mh_pos = per_grade(
        p, np.array([0.02, 0.05, 0.15, 0.30, 0.33, 0.15]), np.array([0.03, 0.07, 0.18, 0.32, 0.28, 0.12])
    )
    for i in range(1, 6):
        positive = i in (3, 5)  # MHI-5: items 3 (calm) and 5 (happy) are positively worded
        sign = 1.0 if positive else -1.0
        v[f"wb_mh_{i}"] = cut(sign * c.wb + d.noise(f"mh{i}", 0.6), mh_pos if positive else mh_neg)
    v["wb_lonely"] = cut(
        -c.wb + 0.3 * c.bul + d.noise("lonely", 0.7),
        per_grade(p, np.array([0.50, 0.35, 0.09, 0.04, 0.02]), np.array([0.46, 0.37, 0.10, 0.05, 0.02])),
    )
    v["saf_unsafe_neighbourhood"] = cut(
        0.6 * p.dep + d.noise("unsafe", 1.0),
        per_grade(p, np.array([0.70, 0.22, 0.05, 0.02, 0.01]), np.array([0.70, 0.22, 0.05, 0.02, 0.01])),
    )
    bully = per_grade(p, np.array([0.84, 0.09, 0.03, 0.02, 0.02]), np.array([0.89, 0.06, 0.02, 0.015, 0.015]))
    v["bul_school"] = cut(c.bul + d.noise("bul_school", 0.5), bully)
    cyber = per_grade(
        p, np.array([0.90, 0.065, 0.02, 0.01, 0.005]), np.array([0.92, 0.05, 0.015, 0.01, 0.005])
    )
    v["bul_cyber"] = cut(c.bul + d.noise("bul_cyber", 0.9), cyber)

    # yes/no items: level 1 = "ja" (the "nz" share is added when codes are assigned)
    def yes(latent: FloatArray, p2: float, p4: float) -> IntArray:
        return cut(latent, per_grade(p, np.array([1 - p2, p2]), np.array([1 - p4, p4])))

    v["par_alc_allowed"] = yes(0.6 * c.sub + d.noise("allowed", 1.0), 0.12, 0.30)
    v["bul_sexting_pressure"] = yes(c.out + d.noise("sexting", 1.2), 0.05, 0.09)
    # risk signals at home: area deprivation plus a shared home-adversity component (tension, violence,
    # addiction and having to sleep elsewhere go together; kern_items uses the same component)
    home = d.noise("home_adversity")
    for name, share, load, adversity in (
        ("rs_home_tension", 0.15, 0.5, 0.6),
        ("rs_violence_witnessed", 0.06, 0.5, 0.6),
        ("rs_parent_ill", 0.10, 0.3, 0.2),
        ("rs_parent_addiction", 0.04, 0.4, 0.6),
        ("rs_money_worries", 0.12, 0.9, 0.2),
        ("rs_parent_detention", 0.015, 0.5, 0.3),
    ):
        v[name] = yes(load * p.dep - 0.2 * c.wb + adversity * home + d.noise(name, 1.0), share, share)
    multi["bg_lives_with"] = _lives_with(d, calib)
    return v, multi


def _lives_with(d: Draw, calib: np.ndarray) -> dict[str, np.ndarray]:
    """Household: both parents, alternating between them, one parent (often with a step-parent), or no parent
    at all (foster family, group home, someone else) — the last more often in deprived buurten."""
    p = d.p
    u = d.rng("lives_with")
    s = T.NO_PARENT_SHARE
    no_parent_probs = per_grade(p, np.array([1 - s, s]), np.array([1 - s, s]))
    no_parent = (
        cut_by_rank(0.5 * p.dep + d.noise("no_parent"), no_parent_probs, p.grade, calib, p.grade > 0) == 1
    )
    alternating = ~no_parent & (u.random(p.n) < T.ALTERNATING_SHARE / (1 - s))
    p_two = T.TWO_PARENT_SHARE / (1 - s - T.ALTERNATING_SHARE)
    two = ~no_parent & ~alternating & (u.random(p.n) < np.clip(p_two - 0.06 * p.dep, 0.3, 0.98))
    single = ~no_parent & ~alternating & ~two
    single_mother = single & (u.random(p.n) < 0.85)
    single_father = single & ~single_mother
    step = u.random(p.n)
    kind = u.random(p.n)
    return {
        "mother": two | alternating | single_mother,
        "father": two | alternating | single_father,
        "stepmother": (single_father & (step < 0.3)) | (alternating & (step < 0.1)),
        "stepfather": (single_mother & (step < 0.3)) | (alternating & (step > 0.85)),
        "alternating": alternating,
        "foster": no_parent & (kind < 0.55),
        "institution": no_parent & (kind >= 0.55) & (kind < 0.75),
        "other": (no_parent & (kind >= 0.75)) | (u.random(p.n) < 0.02),
    }


# ------------------------------------------------------------------------------------------------ generic
_BOUND = re.compile(r"\.\s*(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)")


def numeric_bounds(constraint: str | None, default: tuple[float, float]) -> tuple[float, float]:
    """Lower/upper bounds read from simple constraints like ``. >= 0 and . <= 24`` (else ``default``)."""
    lo, hi = default
    for op, num in _BOUND.findall(constraint or ""):
        x = float(num)
        if op == ">=":
            lo = x
        elif op == ">":
            lo = x + 1
        elif op == "<=":
            hi = x
        else:
            hi = x - 1
    return lo, hi


def _numeric_codes(codes: tuple[str, ...]) -> list[str]:
    out = []
    for code in codes:
        try:
            float(code)
        except ValueError:
            continue
        out.append(code)
    return sorted(out, key=float)


def _item_rng(seed: int, wave: str, name: str) -> np.random.Generator:
    return rng_for(seed, "generic", wave, name)


def generic_levels(item: Item, instrument: Instrument, d: Draw, c: Constructs) -> tuple[IntArray, list[str]]:
    """A select_one item outside the contract: an ordinal cut of a mix of constructs when its codes are
    numeric, otherwise a fixed categorical distribution (both drawn from the item name, so stable)."""
    codes = [code for code in instrument.choices_of(item).codes if code != "nz"]
    numeric = _numeric_codes(tuple(codes))
    r = rng_for(zlib.crc32(item.name.encode()), "generic-shape")
    probs = r.dirichlet(np.full(len(codes), 2.0))
    if len(numeric) == len(codes) and len(codes) >= 2:
        weights = r.normal(0, 0.5, size=4)
        latent = weights[0] * c.mon + weights[1] * c.wb + weights[2] * c.sub + weights[3] * c.sch
        latent = latent + d.noise(f"generic:{item.name}", 1.0)
        levels = cut_by_rank(
            latent,
            dict.fromkeys(grades_of(d.p), probs),
            d.p.grade,
            np.ones(d.p.n, bool),
            np.ones(d.p.n, bool),
        )
        return levels, numeric
    return d.rng("generic-cat", item.name).choice(len(codes), size=d.p.n, p=probs), codes


# ------------------------------------------------------------------------------------------------ assembly
def _uuid_strings(rng: np.random.Generator, n: int) -> pl.Series:
    """Random version-4 UUID strings, drawn from ``rng`` (so the same seed gives the same ids)."""
    raw = rng.integers(0, 256, size=(n, 16), dtype=np.uint8)
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    hexdigits = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
    chars = np.empty((n, 36), dtype=np.uint8)
    nib = np.empty((n, 32), dtype=np.uint8)
    nib[:, 0::2] = hexdigits[raw >> 4]
    nib[:, 1::2] = hexdigits[raw & 0x0F]
    dest = [0, 9, 14, 19, 24]  # 8-4-4-4-12 hex digits with dashes at 8, 13, 18, 23
    src = [0, 8, 12, 16, 20, 32]
    for k in range(5):
        chars[:, dest[k] : dest[k] + (src[k + 1] - src[k])] = nib[:, src[k] : src[k + 1]]
    chars[:, [8, 13, 18, 23]] = ord("-")
    return pl.Series("respondent_id", chars.reshape(-1).view("S36")).cast(pl.String)


def _codes_series(name: str, levels: np.ndarray, codes: list[str], valid: np.ndarray) -> pl.Series:
    """Choice codes for level indices (``valid`` False → null), gathered in Rust, not via Python strings."""
    lv = np.where(valid, levels, len(codes)).astype(np.uint32)
    return pl.Series(name, [*codes, None], dtype=pl.String).gather(lv)


def _matrix_groups(instrument: Instrument) -> list[list[str]]:
    out: list[list[str]] = []

    def walk(elements: tuple[Item | Group, ...], top: bool) -> None:
        for el in elements:
            if isinstance(el, Group):
                if not top and el.is_matrix:
                    names = [i.name for i in el.iter_items() if i.type == "select_one"]
                    if len(names) >= 3:
                        out.append(names)
                walk(el.children, False)

    walk(instrument.body, True)
    return out


def generate_answers(
    instrument: Instrument,
    pupils: Respondents,
    seed: int,
    wave: str,
    year: int,
    level_shift: float = 0.0,
    progress: Callable[[str], None] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame, tuple[str, ...]]:
    """Snapshot-shaped responses (fixed columns + one column per item), flags, and notes on fallbacks."""
    step = progress or (lambda _msg: None)
    p = pupils
    d = Draw(seed, wave, p)
    notes: list[str] = []
    q = d.rng("quality")
    dishonest = q.random(p.n) < T.DISHONEST_SHARE
    speeder = ~dishonest & (q.random(p.n) < T.SPEEDER_SHARE)
    straight = ~dishonest & ~speeder & (q.random(p.n) < T.STRAIGHT_LINER_SHARE)
    partial = q.random(p.n) < T.PARTIAL_SHARE
    calib = ~dishonest & ~speeder
    step("constructs")
    c = constructs(d, dishonest, year, level_shift)
    step("contract items")
    values, multi = contract_answers(d, c, calib, year)
    kern = kern_answers(d, c, calib, values)
    for name, levels in kern.values.items():
        values.setdefault(name, levels)
    for name, ticks in kern.multi.items():
        multi.setdefault(name, ticks)
    generic: list[str] = []
    answerable = [i for i in instrument.items if i.answerable]
    order = {i.name: k for k, i in enumerate(answerable)}
    stop = np.where(
        partial, q.integers(max(1, len(answerable) // 5), max(2, len(answerable)), size=p.n), len(answerable)
    )
    columns: dict[str, pl.Series] = {}
    truth = np.ones(p.n, dtype=bool)
    ctx = ExpressionContext.from_instrument(instrument)
    step("items")
    for item in answerable:
        name = item.name
        if item.type in ("text", "date", "note") and name != "bg_pc4":
            continue
        keep = order[name] < stop
        if not item.required:
            keep &= d.uniform(f"item_nr:{name}") >= 0.015
        if item.type == "select_one":
            codes_all = instrument.choices_of(item).codes
            if name == "bg_gender":
                g = np.where(p.female, 1, 0)
                u = d.uniform("gender_other")
                g = np.where(u < 0.01, 2, np.where(u < 0.02, 3, g))
                columns[name] = _codes_series(name, g, ["m", "v", "x", "nz"], keep & truth)
                continue
            if name in kern.categorical and set(CATEGORICAL_CODES[name]) <= set(codes_all):
                columns[name] = _codes_series(
                    name, kern.categorical[name], list(CATEGORICAL_CODES[name]), keep
                )
                continue
            if name in values and "ja" in codes_all:
                lv = values[name]
                nz = d.uniform(f"nz:{name}") < 0.03
                codes_yes = ["nee", "ja", "nz"]
                columns[name] = _codes_series(name, np.where(nz, 2, lv), codes_yes, keep)
                continue
            numeric = _numeric_codes(codes_all)
            if name == "fict_life":
                lv = np.where(dishonest, d.rng("fict").integers(1, len(numeric), size=p.n), 0)
            elif name == "hon_honest" and len(numeric) == 3:
                # 0 = "ja, alle vragen"; dishonest and speeding pupils admit it more often
                u = d.uniform("honest")
                all_q, almost = T.HONEST_SHARES[0], T.HONEST_SHARES[0] + T.HONEST_SHARES[1]
                lv = np.where(u < all_q, 0, np.where(u < almost, 1, 2))
                lv = np.where((dishonest | speeder) & (d.uniform("honest_admit") < T.HONEST_ADMIT), 2, lv)
            elif name in values and values[name].max(initial=0) < len(numeric):
                lv = values[name]
            else:
                if name in values:
                    notes.append(
                        f"{name}: {len(numeric)} numeric codes in the instrument, model expects more; generic"
                    )
                lv, numeric = generic_levels(item, instrument, d, c)
                generic.append(name)
            if speeder.any():
                rand = d.rng("speed", name).integers(0, len(numeric), size=p.n)
                lv = np.where(speeder & (d.uniform(f"speedpick:{name}") < 0.7), rand, lv)
            nz_code = "nz" in codes_all
            codes = list(numeric) + (["nz"] if nz_code else [])
            if nz_code:
                lv = np.where(d.uniform(f"nz:{name}") < 0.005, len(numeric), lv)
            columns[name] = _codes_series(name, lv, codes, keep)
        elif item.type == "select_multiple":
            multi_codes = instrument.choices_of(item).codes
            known = multi.get(name, {})
            if set(known) != set(multi_codes):  # another list under a known name: the model does not apply
                known = {}
            r = d.rng("multi", name)
            chosen = {}
            for code in multi_codes:
                chosen[code] = (
                    known[code] if code in known else r.random(p.n) < (0.02 if code == "nz" else 0.25)
                )
            if multi_codes and not known:  # at least one choice
                generic.append(name)
                first = np.column_stack([chosen[cd] for cd in multi_codes]).any(axis=1)
                chosen[multi_codes[0]] = chosen[multi_codes[0]] | ~first
            for code in multi_codes:
                columns[choice_column(name, code)] = pl.Series(
                    choice_column(name, code), chosen[code]
                ).zip_with(pl.Series(keep), pl.Series([None] * p.n, dtype=pl.Boolean))
        elif item.type in ("integer", "decimal"):
            if name in values:
                x = values[name].astype(float)
            else:
                generic.append(name)
                lo, hi = numeric_bounds(item.constraint, (0.0, 10.0))
                r = _item_rng(seed, wave, name)
                x = lo + r.beta(2, 3, size=p.n) * (hi - lo)
                x = np.round(x) if item.type == "integer" else np.round(x, 1)
            if speeder.any() and name not in ("bg_age",):
                lo, hi = numeric_bounds(item.constraint, (0.0, 10.0))
                rand = d.rng("speed", name).integers(int(lo), int(hi) + 1, size=p.n).astype(float)
                x = np.where(
                    speeder & (d.uniform(f"speedpick:{name}") < 0.7),
                    np.minimum(rand, values.get("bg_age", rand)),
                    x,
                )
            x = np.where(keep, x, np.nan)
            s = pl.Series(name, x).fill_nan(None)
            columns[name] = s.cast(pl.Int64) if item.type == "integer" else s
        elif name == "bg_pc4":
            columns[name] = p.pc4.alias(name).zip_with(
                pl.Series(keep), pl.Series([None] * p.n, dtype=pl.String)
            )
    # straight-lining on matrix groups
    for names in _matrix_groups(instrument):
        present = [n_ for n_ in names if n_ in columns]
        if len(present) < 3:
            continue
        anchor = columns[present[0]]
        for n_ in present[1:]:
            columns[n_] = columns[n_].zip_with(pl.Series(~straight | anchor.is_null().to_numpy()), anchor)
    if generic:
        notes.append(f"items without a model of their own, generated generically: {', '.join(generic)}")
    frame = pl.DataFrame(list(columns.values()))
    step("skip logic and constraints")
    frame = apply_constraints(frame, instrument, ctx)
    frame = apply_relevance(frame, instrument)
    # fixed columns
    rng_ids = d.rng("ids")
    duration = np.exp(d.rng("duration").normal(np.log(14 * 60), 0.28, size=p.n))
    # speeders take 12–30% of the typical duration, whatever their own pace: a cleaning rule can find them
    duration = np.where(speeder, 14 * 60 * d.rng("duration_speed").uniform(0.12, 0.3, size=p.n), duration)
    share_done = np.minimum(stop / max(1, len(answerable)), 1.0)
    duration = duration * share_done
    duration_s = (np.round(duration / 5) * 5).astype(np.int64)
    gender = (
        frame["bg_gender"].replace({"nz": None})
        if "bg_gender" in frame.columns
        else pl.Series([None] * p.n, dtype=pl.String)
    )
    pc4 = frame["bg_pc4"] if "bg_pc4" in frame.columns else p.pc4
    idx = pl.Series(p.class_idx.astype(np.uint32))
    class_ids = pl.Series(list(p.class_ids), dtype=pl.String).gather(idx)
    school_ids = pl.Series([cid.split("-")[0] for cid in p.class_ids], dtype=pl.String).gather(idx)
    fixed = pl.DataFrame(
        {
            "respondent_id": _uuid_strings(rng_ids, p.n),
            "school_id": school_ids,
            "class_id": class_ids,
            "grade": pl.Series(p.grade.astype(np.int64)),
            "gender": gender.cast(pl.String),
            "pc4": pc4.cast(pl.String),
            "wijk": pl.Series([None] * p.n, dtype=pl.String),
            "complete": pl.Series(stop >= len(answerable)),
            "duration_s": pl.Series(duration_s),
        }
    )
    items = frame.drop([col for col in ("bg_pc4",) if col in frame.columns])
    flags = pl.DataFrame(
        {
            "respondent_id": fixed["respondent_id"],
            "dishonest": dishonest,
            "speeder": speeder,
            "straight_liner": straight,
            "partial": stop < len(answerable),
            "home_buurt_idx": p.buurt_idx,
        }
    )
    out = pl.concat([fixed, items], how="horizontal")
    assert list(out.columns[: len(FIXED_COLUMNS)]) == list(FIXED_COLUMNS)
    return out, flags, tuple(notes)


def apply_constraints(frame: pl.DataFrame, instrument: Instrument, ctx: ExpressionContext) -> pl.DataFrame:
    """Clear answers that break their constraint (a real form would not have accepted them)."""
    exprs = []
    for item in instrument.items:
        if not item.constraint or item.name not in frame.columns:
            continue
        ok = compile_expression(item.constraint, ctx, current=item.name, expect="bool").to_polars()
        exprs.append(pl.when(ok.fill_null(True)).then(pl.col(item.name)).otherwise(None).alias(item.name))
    return frame.with_columns(exprs) if exprs else frame


def apply_relevance(frame: pl.DataFrame, instrument: Instrument) -> pl.DataFrame:
    """Clear answers to items that were not asked, in form order (a cleared answer can hide later items)."""
    for item in instrument.items:
        if not item.answerable:
            continue
        texts = [g.relevant for g in instrument.ancestors(item.name) if g.relevant]
        if item.relevant:
            texts.append(item.relevant)
        if not texts:
            continue
        cols = [col for col in frame.columns if col == item.name or col.startswith(f"{item.name}__")]
        if not cols:
            continue
        mask = relevance_mask(instrument, item.name)
        frame = frame.with_columns(
            [pl.when(mask).then(pl.col(col)).otherwise(None).alias(col) for col in cols]
        )
    return frame


def poststep_wijk(responses: pl.DataFrame, geo: Geography) -> pl.DataFrame:
    """Fill the ``wijk`` column from ``pc4`` with the PC4 → wijk table (unknown PC4 → ``buiten``)."""
    return responses.with_columns(geo.pc4_table.assign(responses["pc4"]).alias("wijk"))
