"""What the synthetic answers must look like, each target with its source.

Four kinds of target, all checked by ``tests/synth``:

* :data:`MARGINALS` — share of pupils at or above a level of an item, per wave year and grade. The generator
  reproduces them exactly on the calibration set (pupils who are not flagged dishonest, speeders or
  straight-liners), so a test holds them to ±2 percentage points.
* :data:`ODDS_RATIOS` — unadjusted (Mantel–Haenszel over grade) odds ratios between an exposure and an
  outcome, within a stated range.
* :data:`ICC` — class-level intraclass correlation of key items within grade, between 0.02 and 0.10.
* :data:`INDICATOR_RANGES` — for **every** indicator of the default instrument, the range (per grade, any
  wave) its synthetic estimate must lie in: a plausibility claim a survey statistician can check against the
  dashboard. The items outside the contract get their answer distributions from :data:`LEVELS`.

Prevalences are national Dutch figures for secondary-school grades 2 and 4 where a published figure was at
hand, rounded; where none was, the figure is a **stated assumption** chosen to be plausible and consistent
with the published ones (a 30-day prevalence above the binge prevalence it contains, etc.). Every target below
says which. The generator's other numbers (loadings, random-effect sizes, shapes of frequency scales) are
modelling assumptions that live in :mod:`kansrijk.synth.answers`.
"""

from __future__ import annotations

from dataclasses import dataclass

YEARS: tuple[int, ...] = (2019, 2021, 2023)

GMJ_2023 = (
    "GGD'en/RIVM, Gezondheidsmonitor Jeugd 2023, klas 2 en 4 vo: binge drinken afgelopen 4 weken 6,6% "
    "(klas 2) en 29,3% (klas 4), dronken/aangeschoten afgelopen 4 weken 4,4% en 25,9% — as reported by STAP, "
    "'18,2% van de jongeren heeft afgelopen 4 weken gebinged', 28 mei 2024 (stap.nl)"
)
GMJ_2019_SAME = (
    "assumption: GMJ 2023 reports binge drinking 'about as high as in 2019' (ANP, July 2024); 2019 set a "
    "little above 2023, 2021 (COVID year) below"
)
TREND_ASSUMPTION = (
    "stated assumption: level consistent with the GMJ 2023 binge/drunk figures and the falling trend in "
    "PEIL/HBSC (RIVM Leefstijlmonitor 'Alcohol onder jeugd'); not a published figure for grades 2/4"
)
VAPE_ASSUMPTION = "stated assumption: vaping rising between 2019 and 2023, as reported by Trimbos/RIVM"
TOBACCO_ASSUMPTION = "stated assumption: daily smoking rare in grade 2 and a few percent in grade 4"
CANNABIS_ASSUMPTION = (
    "stated assumption: cannabis ever/30-day use of a few percent in grade 2, ~15%/7% grade 4"
)
LEISURE_ASSUMPTION = (
    "stated assumption: roughly two thirds of younger pupils in organised sport weekly, fewer in grade 4 "
    "(HBSC Netherlands reports sports-club membership of that order)"
)
MONITORING_ASSUMPTION = (
    "stated assumption: most parents usually know where their child is, less so in grade 4"
)
OUT_ASSUMPTION = "stated assumption: out after midnight in the last week ~6% (grade 2) and ~17% (grade 4)"


@dataclass(frozen=True, slots=True)
class Marginal:
    """Share of pupils whose answer to ``item`` is a numeric code ≥ ``min_code``, per (year, grade).

    ``code`` is the default instrument's indicator code where it has one with this definition (the codes of
    ``reference.csv``).

    Pupils not asked the item (its ``relevant`` is false) count as 0 — e.g. non-drinkers are not asked
    ``alc_30d`` and count as not having drunk.
    """

    code: str
    item: str
    min_code: int
    values: dict[tuple[int, int], float]
    source: str


def _by_year(g2: tuple[float, float, float], g4: tuple[float, float, float]) -> dict[tuple[int, int], float]:
    out: dict[tuple[int, int], float] = {}
    for year, a, b in zip(YEARS, g2, g4, strict=True):
        out[(year, 2)] = a
        out[(year, 4)] = b
    return out


def _constant(g2: float, g4: float) -> dict[tuple[int, int], float]:
    return _by_year((g2, g2, g2), (g4, g4, g4))


MARGINALS: tuple[Marginal, ...] = (
    Marginal("alc_life", "alc_life", 1, _by_year((0.36, 0.33, 0.30), (0.72, 0.69, 0.66)), TREND_ASSUMPTION),
    Marginal("alc_30d", "alc_30d", 1, _by_year((0.17, 0.15, 0.13), (0.47, 0.43, 0.41)), TREND_ASSUMPTION),
    Marginal(
        "binge_30d",
        "alc_binge_30d",
        1,
        _by_year((0.07, 0.05, 0.066), (0.30, 0.25, 0.293)),
        f"2023: {GMJ_2023}; 2019/2021: {GMJ_2019_SAME}",
    ),
    Marginal(
        "drunk_30d",
        "alc_drunk_30d",
        1,
        _by_year((0.05, 0.04, 0.044), (0.26, 0.23, 0.259)),
        f"2023: {GMJ_2023}; 2019/2021: {GMJ_2019_SAME}",
    ),
    Marginal(
        "tob_daily", "tob_30d", 3, _by_year((0.01, 0.01, 0.008), (0.04, 0.03, 0.03)), TOBACCO_ASSUMPTION
    ),
    Marginal("tob_30d", "tob_30d", 1, _by_year((0.05, 0.04, 0.04), (0.15, 0.12, 0.11)), TOBACCO_ASSUMPTION),
    Marginal("vape_30d", "vape_30d", 1, _by_year((0.04, 0.07, 0.10), (0.12, 0.17, 0.22)), VAPE_ASSUMPTION),
    Marginal(
        "can_life", "can_life", 1, _by_year((0.04, 0.03, 0.03), (0.17, 0.15, 0.14)), CANNABIS_ASSUMPTION
    ),
    Marginal(
        "can_30d", "can_30d", 1, _by_year((0.02, 0.015, 0.015), (0.08, 0.07, 0.065)), CANNABIS_ASSUMPTION
    ),
    Marginal("par_know_where", "par_know_where", 4, _constant(0.82, 0.74), MONITORING_ASSUMPTION),
    Marginal("sport_weekly", "lei_sport_club", 2, _constant(0.68, 0.58), LEISURE_ASSUMPTION),
    Marginal("out_midnight", "lei_out_midnight", 1, _constant(0.06, 0.17), OUT_ASSUMPTION),
)


@dataclass(frozen=True, slots=True)
class OddsRatio:
    """Unadjusted odds ratio (Mantel–Haenszel over grade) of outcome ≥ level for exposure ≥ level."""

    code: str
    outcome: str
    outcome_min: int
    exposure: str
    exposure_min: int
    low: float
    high: float
    source: str


PLANET_YOUTH = (
    "stated assumption on the direction and rough size reported in the Icelandic Prevention Model "
    "literature (Sigfusdottir et al. 2009, Health Promot Int 24(1):16–25; Kristjansson et al. 2010, "
    "Prev Med 51(2):168–171); the range is ours, not a figure copied from those papers"
)

ODDS_RATIOS: tuple[OddsRatio, ...] = (
    OddsRatio("monitoring_alcohol", "alc_30d", 1, "par_know_where", 4, 0.30, 0.60, PLANET_YOUTH),
    OddsRatio("sport_alcohol", "alc_30d", 1, "lei_sport_club", 2, 0.55, 0.85, PLANET_YOUTH),
    OddsRatio("midnight_drunk", "alc_drunk_30d", 1, "lei_out_midnight", 1, 2.5, 6.0, PLANET_YOUTH),
    OddsRatio("midnight_theft", "del_steal", 1, "lei_out_midnight", 1, 2.5, 8.0, PLANET_YOUTH),
    OddsRatio("alcohol_fighting", "del_fight", 1, "alc_life", 1, 1.8, 5.5, PLANET_YOUTH),
    OddsRatio("peers_alcohol_drinking", "alc_30d", 1, "peer_alcohol", 3, 4.0, 16.0, PLANET_YOUTH),
    OddsRatio("peers_drunk_drunk", "alc_drunk_30d", 1, "peer_drunk", 3, 4.0, 20.0, PLANET_YOUTH),
    OddsRatio("peers_smoke_smoking", "tob_30d", 1, "peer_smoke", 2, 3.0, 15.0, PLANET_YOUTH),
    OddsRatio("peers_cannabis_cannabis", "can_30d", 1, "peer_cannabis", 2, 3.0, 20.0, PLANET_YOUTH),
)


@dataclass(frozen=True, slots=True)
class IccTarget:
    """Class-level ICC (one-way ANOVA within grade) of ``item`` (numeric codes; ``min_code`` dichotomises)."""

    item: str
    min_code: int | None
    low: float
    high: float
    source: str


ICC_SOURCE = (
    "stated assumption: class/school ICCs of adolescent health behaviours are typically 0.01–0.10 "
    "(e.g. Murray & Short 1997, J Stud Alcohol 58(3):248–256, for alcohol measures)"
)

ICC: tuple[IccTarget, ...] = (
    IccTarget("alc_30d", 1, 0.02, 0.10, ICC_SOURCE),
    IccTarget("par_know_where", None, 0.02, 0.10, ICC_SOURCE),
    IccTarget("lei_sport_club", None, 0.02, 0.10, ICC_SOURCE),
    IccTarget("wb_life_sat", None, 0.02, 0.10, ICC_SOURCE),
    IccTarget("sch_wellbeing", None, 0.02, 0.10, ICC_SOURCE),
    IccTarget("sch_teacher_support", None, 0.02, 0.10, ICC_SOURCE),
    IccTarget("bul_perpetrator", 1, 0.02, 0.10, ICC_SOURCE),
)

#: Data-quality shares (stated assumptions, typical of Dutch school surveys).
DISHONEST_SHARE = 0.02
SPEEDER_SHARE = 0.02
STRAIGHT_LINER_SHARE = 0.02
PARTIAL_SHARE = 0.03
#: A speeder takes less than this share of the median duration (the analysis' cleaning rule may differ).
SPEEDER_FRACTION_OF_MEDIAN = 0.35


#: hon_honest ("Heb je de vragen eerlijk beantwoord?"): shares of "ja, alle vragen", "bijna alle vragen",
#: "nee, veel vragen niet" among ordinary respondents (stated assumption: most pupils say they were honest;
#: a dishonest or speeding pupil admits it with probability HONEST_ADMIT).
HONEST_SHARES = (0.90, 0.085, 0.015)
HONEST_ADMIT = 0.4
#: bg_born_nl: share born abroad, and "zeg ik liever niet" (stated assumption: about 8% of pupils in
#: grades 2/4 are first-generation migrants, more in poorer wijken — the order of CBS figures for
#: 12–16-year-olds).
BORN_ABROAD_SHARE = 0.08
BORN_NZ_SHARE = 0.01
#: bg_years_nl among pupils born abroad: < 1, 1–3, 3–5, ≥ 5 years (stated assumption; with the share above,
#: about 4% of pupils have lived in the Netherlands for less than 5 years).
YEARS_NL_SHARES = (0.12, 0.22, 0.18, 0.48)


@dataclass(frozen=True, slots=True)
class Levels:
    """Answer distribution of an item outside the contract, over ``codes`` (its choice list in order, ``nz``
    left out), for grades 2 and 4 (grade 3 is the mean; 1, 5, 6 extrapolate mildly).

    The generator reproduces it on the calibration set; which pupils give which answer is decided by the
    item's latent model in :mod:`kansrijk.synth.kern_items` (grade, area deprivation, the constructs).
    """

    item: str
    codes: tuple[str, ...]
    grade2: tuple[float, ...]
    grade4: tuple[float, ...]
    source: str


FAS_ASSUMPTION = (
    "stated assumption: HBSC family affluence items (Currie et al. 2008, Soc Sci Med 66(6):1429–1436) at "
    "levels of the order reported for the Netherlands, where almost every family has a car and a computer; "
    "the FAS 0–2 ('low affluence') group is then a few percent, more in poor wijken"
)
PARENTING_ASSUMPTION = "stated assumption: most pupils report clear rules at home, a little fewer in grade 4"
MONEY_ASSUMPTION = (
    "stated assumption: about one pupil in nine misses a sport or hobby because of the cost — of the order "
    "of the share of children in low-income households (CBS), concentrated in poor wijken"
)
HANGOUT_ASSUMPTION = "stated assumption: most pupils who hang out do so at a friend's home; the street second"
SCHOOL_ASSUMPTION = (
    "stated assumption: most pupils feel safe at school and can go to a teacher or mentor (of the order "
    "reported by HBSC Netherlands and the GMJ), fewer in grade 4; few doubt they will get their diploma"
)
PLANS_ASSUMPTION = (
    "stated assumption: most pupils intend to continue in education (mbo, hbo, wo); in grade 2 more do not "
    "know yet; starting work straight after school is rare before the school-leaving age"
)
HEALTH_ASSUMPTION = (
    "stated assumption: about 85–90% of pupils rate their health good or very good (the order reported by "
    "the Gezondheidsmonitor Jeugd), fewer in grade 4"
)
WELLBEING_ASSUMPTION = (
    "stated assumption: most pupils are satisfied with themselves, have a confidant and trust their future; "
    "self-esteem lower in grade 4 (girls in particular, through the wellbeing construct)"
)
SEX_INFO_ASSUMPTION = (
    "stated assumption: about two thirds of grade-2 and three quarters of grade-4 pupils know where to go "
    "with questions about sex and contraception (sex education is in the lower-grade curriculum)"
)
BULLY_PERP_ASSUMPTION = (
    "stated assumption: bullying others 2–3 times a month or more ~4–6% (of the order reported by HBSC "
    "Netherlands for perpetration), a little lower in grade 4"
)
DELINQUENCY_ASSUMPTION = (
    "stated assumption: self-reported shoplifting/theft, vandalism and hitting someone in the last 12 months "
    "each 6–10%, any of the three ~15–25% — of the order of Dutch self-report studies of 12–17-year-olds "
    "(WODC Monitor Jeugdcriminaliteit); police contact ~4–6%; boys and heavier substance users more"
)

FIVE = ("1", "2", "3", "4", "5")
PEER_USE = (
    "stated assumption: friends' use rises steeply between grade 2 and grade 4 and runs ahead of own use "
    "(pupils report on several friends; Planet Youth reports the same gap in Iceland, Sigfusdottir et al. "
    "2009): 'at least a few friends' smoke ~20% → ~40%, vape ~40% → ~60%, use cannabis ~10% → ~30%; half or "
    "more of the friends drink ~15% → ~50% (consistent with own 30-day drinking of ~15% → ~45%)"
)
PEER_NORMS = (
    "stated assumption: most friends disapprove of smoking, getting drunk and cannabis, less so in grade 4; "
    "getting drunk is the most accepted (about one grade-4 pupil in five says friends think it is good), "
    "cannabis the least — the order Planet Youth reports for peer attitudes"
)

LEVELS: tuple[Levels, ...] = (
    Levels("bg_fas_car", ("0", "1", "2"), (0.06, 0.46, 0.48), (0.06, 0.46, 0.48), FAS_ASSUMPTION),
    Levels("bg_fas_room", ("0", "1"), (0.10, 0.90), (0.08, 0.92), FAS_ASSUMPTION),
    Levels(
        "bg_fas_holiday",
        ("0", "1", "2", "3"),
        (0.20, 0.36, 0.24, 0.20),
        (0.22, 0.36, 0.23, 0.19),
        FAS_ASSUMPTION,
    ),
    Levels(
        "bg_fas_computers",
        ("0", "1", "2", "3"),
        (0.02, 0.10, 0.24, 0.64),
        (0.02, 0.08, 0.22, 0.68),
        FAS_ASSUMPTION,
    ),
    Levels(
        "par_rules",
        ("1", "2", "3", "4", "5"),
        (0.03, 0.06, 0.18, 0.43, 0.30),
        (0.04, 0.08, 0.23, 0.42, 0.23),
        PARENTING_ASSUMPTION,
    ),
    Levels("lei_too_expensive", ("nee", "ja"), (0.89, 0.11), (0.89, 0.11), MONEY_ASSUMPTION),
    Levels(
        "sch_safe",
        ("1", "2", "3", "4", "5"),
        (0.02, 0.03, 0.10, 0.45, 0.40),
        (0.02, 0.03, 0.12, 0.49, 0.34),
        SCHOOL_ASSUMPTION,
    ),
    Levels(
        "sch_teacher_support",
        ("1", "2", "3", "4", "5"),
        (0.04, 0.07, 0.23, 0.44, 0.22),
        (0.05, 0.09, 0.27, 0.44, 0.15),
        SCHOOL_ASSUMPTION,
    ),
    Levels(
        "sch_diploma",
        ("1", "2", "3", "4", "5"),
        (0.01, 0.02, 0.10, 0.38, 0.49),
        (0.01, 0.02, 0.09, 0.40, 0.48),
        SCHOOL_ASSUMPTION,
    ),
    Levels(
        "sch_plans",
        ("study", "work", "other", "unknown"),
        (0.78, 0.03, 0.03, 0.16),
        (0.84, 0.05, 0.03, 0.08),
        PLANS_ASSUMPTION,
    ),
    Levels(
        "wb_health",
        ("1", "2", "3", "4"),
        (0.01, 0.10, 0.50, 0.39),
        (0.02, 0.13, 0.54, 0.31),
        HEALTH_ASSUMPTION,
    ),
    Levels(
        "wb_self_esteem",
        ("1", "2", "3", "4", "5"),
        (0.03, 0.06, 0.20, 0.43, 0.28),
        (0.04, 0.08, 0.25, 0.43, 0.20),
        WELLBEING_ASSUMPTION,
    ),
    Levels(
        "wb_friend",
        ("1", "2", "3", "4", "5"),
        (0.03, 0.03, 0.10, 0.34, 0.50),
        (0.03, 0.03, 0.09, 0.35, 0.50),
        WELLBEING_ASSUMPTION,
    ),
    Levels(
        "wb_future",
        ("1", "2", "3", "4", "5"),
        (0.02, 0.04, 0.17, 0.45, 0.32),
        (0.02, 0.05, 0.20, 0.46, 0.27),
        WELLBEING_ASSUMPTION,
    ),
    Levels("wb_sex_info", ("nee", "ja"), (0.35, 0.65), (0.23, 0.77), SEX_INFO_ASSUMPTION),
    Levels(
        "bul_perpetrator",
        ("0", "1", "2", "3", "4"),
        (0.82, 0.13, 0.025, 0.015, 0.01),
        (0.86, 0.10, 0.02, 0.01, 0.01),
        BULLY_PERP_ASSUMPTION,
    ),
    Levels(
        "del_steal",
        ("0", "1", "2", "3"),
        (0.93, 0.045, 0.015, 0.01),
        (0.92, 0.05, 0.02, 0.01),
        DELINQUENCY_ASSUMPTION,
    ),
    Levels(
        "del_vandalism",
        ("0", "1", "2", "3"),
        (0.93, 0.045, 0.017, 0.008),
        (0.93, 0.045, 0.017, 0.008),
        DELINQUENCY_ASSUMPTION,
    ),
    Levels(
        "del_fight",
        ("0", "1", "2", "3"),
        (0.91, 0.055, 0.023, 0.012),
        (0.93, 0.045, 0.017, 0.008),
        DELINQUENCY_ASSUMPTION,
    ),
    Levels(
        "del_police",
        ("0", "1", "2", "3"),
        (0.96, 0.03, 0.007, 0.003),
        (0.94, 0.045, 0.01, 0.005),
        DELINQUENCY_ASSUMPTION,
    ),
    Levels(
        "rs_no_home_night",
        ("nee", "ja"),
        (0.97, 0.03),
        (0.97, 0.03),
        "stated assumption: about 3% of pupils had to sleep elsewhere in the last year because they could "
        "not stay at home (of the order of youth-homelessness risk estimates), more in poor wijken and with "
        "tension at home",
    ),
    # peers (OKO kern 2026.1): how many friends use, what friends think of getting drunk, how they would react
    Levels("peer_smoke", FIVE, (0.80, 0.14, 0.04, 0.015, 0.005), (0.58, 0.28, 0.09, 0.04, 0.01), PEER_USE),
    Levels("peer_vape", FIVE, (0.62, 0.25, 0.08, 0.04, 0.01), (0.40, 0.32, 0.15, 0.10, 0.03), PEER_USE),
    Levels("peer_alcohol", FIVE, (0.60, 0.26, 0.08, 0.05, 0.01), (0.22, 0.30, 0.20, 0.20, 0.08), PEER_USE),
    Levels(
        "peer_cannabis", FIVE, (0.90, 0.08, 0.015, 0.004, 0.001), (0.70, 0.22, 0.05, 0.025, 0.005), PEER_USE
    ),
    Levels(
        "peer_attitude_drunk",
        FIVE,
        (0.45, 0.30, 0.18, 0.05, 0.02),
        (0.22, 0.28, 0.30, 0.14, 0.06),
        PEER_NORMS,
    ),
    Levels(
        "peer_react_smoke", FIVE, (0.50, 0.30, 0.15, 0.04, 0.01), (0.32, 0.33, 0.27, 0.06, 0.02), PEER_NORMS
    ),
    Levels(
        "peer_react_drunk", FIVE, (0.40, 0.30, 0.22, 0.06, 0.02), (0.20, 0.27, 0.36, 0.12, 0.05), PEER_NORMS
    ),
    Levels(
        "peer_react_cannabis",
        FIVE,
        (0.62, 0.24, 0.10, 0.03, 0.01),
        (0.42, 0.30, 0.20, 0.06, 0.02),
        PEER_NORMS,
    ),
)

#: alc_source (select_multiple, asked of 30-day drinkers): share ticking each source, grades 2 and 4.
#: Stated assumption: parents and friends are the main sources; despite the 18+ age limit some older pupils
#: buy alcohol in shops or bars themselves (NIX18 compliance checks find many sales to minors).
ALC_SOURCE_SHARES: dict[str, tuple[float, float]] = {
    "parents": (0.45, 0.35),
    "home_secret": (0.10, 0.06),
    "siblings": (0.08, 0.10),
    "friends": (0.35, 0.50),
    "adults": (0.06, 0.10),
    "shop": (0.05, 0.14),
    "bar": (0.02, 0.09),
    "other": (0.05, 0.05),
}
#: lei_hangout_where (select_multiple, asked of pupils who hang out): share ticking each place (both grades).
HANGOUT_WHERE_SHARES: dict[str, float] = {
    "street": 0.30,
    "shopping": 0.25,
    "youth_centre": 0.05,
    "friends_home": 0.70,
    "sports_field": 0.20,
    "other": 0.08,
}
#: bg_lives_with (stated assumption, order of CBS household statistics for 12–16-year-olds): most live with
#: both parents, ~10% alternate between them, most others with one parent (often with a step-parent); about
#: 1.5% with no parent at all (foster family, group home or someone else).
NO_PARENT_SHARE = 0.015
ALTERNATING_SHARE = 0.10
TWO_PARENT_SHARE = 0.72


@dataclass(frozen=True, slots=True)
class IndicatorRange:
    """Where the synthetic estimate of a default-instrument indicator must lie, per grade, in every wave.

    Proportions for ``percentage`` indicators, the scale's own units for ``mean`` ones. Ranges are the
    plausibility claim (a published figure ± sampling and wave-to-wave variation, or a stated assumption);
    they are tight enough that a generator answering uniformly over the choices fails them.
    """

    code: str
    grade2: tuple[float, float]
    grade4: tuple[float, float]
    source: str

    def for_grade(self, grade: int) -> tuple[float, float]:
        return self.grade2 if grade <= 2 else self.grade4


MARGINAL_RANGE = "the MARGINALS target of every wave ± sampling error (held to ±2 points per wave elsewhere)"
CONTRACT_ASSUMPTION = "stated assumption on the contract item's distribution in kansrijk.synth.answers"
RISK_SIGNAL_ASSUMPTION = (
    "stated assumption: risk signals at home of the order reported by Dutch youth monitors (GMJ, HBSC) and "
    "the risk-group literature of Kinderen op de Kaart; all higher in poor wijken"
)

INDICATOR_RANGES: tuple[IndicatorRange, ...] = (
    # substance use
    IndicatorRange("alc_life", (0.26, 0.40), (0.62, 0.76), MARGINAL_RANGE),
    IndicatorRange("alc_30d", (0.10, 0.20), (0.37, 0.51), MARGINAL_RANGE),
    IndicatorRange("drunk_30d", (0.025, 0.07), (0.20, 0.30), f"{MARGINAL_RANGE}; {GMJ_2023}"),
    IndicatorRange("binge_30d", (0.035, 0.09), (0.22, 0.34), f"{MARGINAL_RANGE}; {GMJ_2023}"),
    IndicatorRange(
        "alc_early",
        (0.24, 0.40),
        (0.18, 0.36),
        "stated assumption: grade-2 pupils are 13–14, so nearly all their drinkers started at 13 or younger; "
        "in grade 4 about 40% of drinkers started by 13 (a mean starting age around 14, as PEIL reports)",
    ),
    IndicatorRange(
        "alc_bought_self",
        (0.03, 0.14),
        (0.13, 0.30),
        "stated assumption, from ALC_SOURCE_SHARES (shop or bar among 30-day drinkers)",
    ),
    IndicatorRange("tob_30d", (0.025, 0.07), (0.08, 0.18), MARGINAL_RANGE),
    IndicatorRange("tob_daily", (0.003, 0.02), (0.015, 0.055), MARGINAL_RANGE),
    IndicatorRange("vape_30d", (0.025, 0.12), (0.10, 0.25), MARGINAL_RANGE),
    IndicatorRange(
        "vape_daily",
        (0.004, 0.035),
        (0.015, 0.065),
        f"{VAPE_ASSUMPTION}; about one vaper in five vapes daily (stated assumption)",
    ),
    IndicatorRange("can_life", (0.015, 0.055), (0.11, 0.20), MARGINAL_RANGE),
    IndicatorRange("can_30d", (0.006, 0.03), (0.045, 0.10), MARGINAL_RANGE),
    IndicatorRange(
        "nitrous_life",
        (0.012, 0.05),
        (0.05, 0.11),
        "stated assumption: laughing gas ever ~3% in grade 2 and ~8% in grade 4 (the order PEIL/Trimbos "
        "reported before the 2023 ban)",
    ),
    IndicatorRange(
        "peers_drunk_most",
        (0.02, 0.08),
        (0.10, 0.22),
        "stated assumption: 'most or all of my friends were drunk in the last 30 days' rare in grade 2, "
        "about one in six in grade 4 (consistent with the drunk_30d levels)",
    ),
    # family
    IndicatorRange("par_monitoring", (3.65, 4.25), (3.40, 4.00), f"{MONITORING_ASSUMPTION} (mean of 1–5)"),
    IndicatorRange("par_time_weekend_often", (0.72, 0.92), (0.64, 0.86), CONTRACT_ASSUMPTION),
    IndicatorRange(
        "par_alc_allowed",
        (0.06, 0.18),
        (0.20, 0.40),
        "stated assumption: parental permission to drink rises steeply with age (PEIL reports it of this "
        "order)",
    ),
    IndicatorRange("par_support", (3.85, 4.35), (3.65, 4.15), f"{CONTRACT_ASSUMPTION} (mean of 1–5)"),
    IndicatorRange("fas_low", (0.03, 0.11), (0.03, 0.11), FAS_ASSUMPTION),
    IndicatorRange(
        "not_with_parents",
        (0.007, 0.026),
        (0.007, 0.026),
        "stated assumption: about 1.5% of 12–16-year-olds live in foster care, a group home or with someone "
        "other than a parent (the order of CBS/jeugdzorg figures)",
    ),
    IndicatorRange(
        "newcomer_5y",
        (0.025, 0.065),
        (0.025, 0.065),
        "stated assumption: BORN_ABROAD_SHARE × share of them under 5 years (YEARS_NL_SHARES) ≈ 4%",
    ),
    IndicatorRange("home_tension", (0.10, 0.21), (0.10, 0.21), RISK_SIGNAL_ASSUMPTION),
    IndicatorRange("parent_ill_addict", (0.09, 0.20), (0.09, 0.20), RISK_SIGNAL_ASSUMPTION),
    IndicatorRange("money_worries", (0.07, 0.17), (0.07, 0.17), RISK_SIGNAL_ASSUMPTION),
    IndicatorRange("parent_detention", (0.006, 0.03), (0.006, 0.03), RISK_SIGNAL_ASSUMPTION),
    # leisure
    IndicatorRange("sport_weekly", (0.62, 0.74), (0.52, 0.64), f"{MARGINAL_RANGE}; {LEISURE_ASSUMPTION}"),
    IndicatorRange(
        "org_activity_weekly",
        (0.22, 0.38),
        (0.16, 0.32),
        "stated assumption: music lessons, scouting, youth clubs weekly for about a quarter to a third",
    ),
    IndicatorRange("activity_too_expensive", (0.07, 0.16), (0.07, 0.16), MONEY_ASSUMPTION),
    IndicatorRange("hangout_often", (0.22, 0.38), (0.30, 0.48), CONTRACT_ASSUMPTION),
    IndicatorRange("out_midnight", (0.035, 0.09), (0.13, 0.21), f"{MARGINAL_RANGE}; {OUT_ASSUMPTION}"),
    IndicatorRange(
        "screen_3h",
        (0.42, 0.68),
        (0.40, 0.66),
        "stated assumption: about half of pupils spend 3 hours or more of free time behind a screen on a "
        "school day",
    ),
    IndicatorRange(
        "social_3h",
        (0.10, 0.26),
        (0.10, 0.26),
        "stated assumption: social media 3 hours or more on a school day for about one in six, more girls",
    ),
    IndicatorRange(
        "sleep_short",
        (0.09, 0.24),
        (0.22, 0.40),
        "stated assumption: fewer than 8 hours before a school day for ~15% in grade 2 and ~30% in grade 4 "
        "(sleep shortens with age; HBSC/GMJ report figures of this order)",
    ),
    # school
    IndicatorRange("sch_wellbeing", (0.60, 0.75), (0.50, 0.66), CONTRACT_ASSUMPTION),
    IndicatorRange("teacher_support", (0.58, 0.74), (0.50, 0.67), SCHOOL_ASSUMPTION),
    IndicatorRange(
        "truancy",
        (0.07, 0.18),
        (0.15, 0.30),
        "stated assumption: skipping at least one lesson in the last 4 weeks more common in grade 4",
    ),
    IndicatorRange("diploma_doubt", (0.07, 0.19), (0.06, 0.18), SCHOOL_ASSUMPTION),
    IndicatorRange("plans_study", (0.70, 0.86), (0.76, 0.91), PLANS_ASSUMPTION),
    # wellbeing
    IndicatorRange(
        "life_sat_mean",
        (7.25, 7.95),
        (6.85, 7.55),
        "stated assumption: mean life satisfaction of Dutch adolescents about 7.5 out of 10 (HBSC reports "
        "the Netherlands near the top of Europe), lower in grade 4",
    ),
    IndicatorRange(
        "life_sat_low", (0.06, 0.14), (0.09, 0.19), "stated assumption: consistent with life_sat_mean"
    ),
    IndicatorRange(
        "mhi5_mean",
        (64.0, 74.0),
        (60.0, 70.0),
        "stated assumption: MHI-5 means in the high sixties, lower in grade 4 and among girls",
    ),
    IndicatorRange(
        "mhi5_low",
        (0.20, 0.36),
        (0.26, 0.43),
        "stated assumption: 'psychisch ongezond' (MHI-5 < 60) for a quarter to a third of pupils, as the "
        "Gezondheidsmonitor Jeugd 2023 reported a marked rise to about that level",
    ),
    IndicatorRange(
        "lonely_often",
        (0.09, 0.21),
        (0.10, 0.23),
        "stated assumption: feeling lonely often or more for about one in six pupils",
    ),
    IndicatorRange("sex_info_known", (0.56, 0.74), (0.68, 0.86), SEX_INFO_ASSUMPTION),
    # safety
    IndicatorRange(
        "unsafe_neighbourhood",
        (0.04, 0.12),
        (0.04, 0.12),
        "stated assumption: feeling unsafe in the neighbourhood often or more for a small minority, more in "
        "poor wijken",
    ),
    IndicatorRange(
        "bullied_school",
        (0.04, 0.10),
        (0.03, 0.08),
        "stated assumption: bullied at school 2–3 times a month or more ~5–7% (HBSC cut-off and order)",
    ),
    IndicatorRange(
        "bullied_cyber",
        (0.015, 0.06),
        (0.01, 0.05),
        "stated assumption: cyberbullying 2–3 times a month or more rarer than at school, ~3%",
    ),
    IndicatorRange("bully_perpetrator", (0.03, 0.08), (0.02, 0.07), BULLY_PERP_ASSUMPTION),
    IndicatorRange(
        "sexting_pressure",
        (0.025, 0.08),
        (0.05, 0.13),
        "stated assumption: pressure to send a nude photo in the last year ~5% in grade 2, ~9% in grade 4",
    ),
    IndicatorRange("violence_witnessed", (0.03, 0.09), (0.03, 0.09), RISK_SIGNAL_ASSUMPTION),
    IndicatorRange(
        "no_home_night", (0.015, 0.05), (0.015, 0.05), "stated assumption, see LEVELS rs_no_home_night"
    ),
    IndicatorRange("delinquency", (0.13, 0.26), (0.13, 0.26), DELINQUENCY_ASSUMPTION),
    # peers (from the LEVELS of the peer items)
    IndicatorRange("peers_smoke_any", (0.14, 0.27), (0.35, 0.50), PEER_USE),
    IndicatorRange("peers_vape_any", (0.30, 0.46), (0.52, 0.68), PEER_USE),
    IndicatorRange("peers_alcohol_half", (0.09, 0.20), (0.40, 0.56), PEER_USE),
    IndicatorRange("peers_cannabis_any", (0.06, 0.15), (0.23, 0.37), PEER_USE),
    IndicatorRange("peers_drunk_ok", (0.04, 0.11), (0.14, 0.27), PEER_NORMS),
    IndicatorRange("peers_disapprove_smoke", (0.72, 0.87), (0.57, 0.73), PEER_NORMS),
    IndicatorRange("peers_disapprove_drunk", (0.62, 0.78), (0.39, 0.55), PEER_NORMS),
    IndicatorRange("peers_disapprove_cannabis", (0.79, 0.92), (0.64, 0.80), PEER_NORMS),
)

#: The guard against silent regressions: a published percentage outside these bounds is suspect unless the
#: indicator's range in INDICATOR_RANGES itself goes beyond them.
GUARD_LOW = 0.005
GUARD_HIGH = 0.90


def levels(item: str) -> Levels:
    for lv in LEVELS:
        if lv.item == item:
            return lv
    raise KeyError(item)


def indicator_range(code: str) -> IndicatorRange:
    for r in INDICATOR_RANGES:
        if r.code == code:
            return r
    raise KeyError(code)


def marginal(code: str) -> Marginal:
    for m in MARGINALS:
        if m.code == code:
            return m
    raise KeyError(code)
