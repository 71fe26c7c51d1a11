"""What the synthetic answers must look like, each target with its source.

Three kinds of target, all checked by ``tests/synth``:

* :data:`MARGINALS` — share of pupils at or above a level of an item, per wave year and grade. The generator
  reproduces them exactly on the calibration set (pupils who are not flagged dishonest, speeders or
  straight-liners), so a test holds them to ±2 percentage points.
* :data:`ODDS_RATIOS` — unadjusted (Mantel–Haenszel over grade) odds ratios between an exposure and an
  outcome, within a stated range.
* :data:`ICC` — class-level intraclass correlation of key items within grade, between 0.02 and 0.10.

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
)

#: Data-quality shares (stated assumptions, typical of Dutch school surveys).
DISHONEST_SHARE = 0.02
SPEEDER_SHARE = 0.02
STRAIGHT_LINER_SHARE = 0.02
PARTIAL_SHARE = 0.03
#: A speeder takes less than this share of the median duration (the analysis' cleaning rule may differ).
SPEEDER_FRACTION_OF_MEDIAN = 0.35


def marginal(code: str) -> Marginal:
    for m in MARGINALS:
        if m.code == code:
            return m
    raise KeyError(code)
