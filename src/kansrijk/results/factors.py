"""Risk and protective factors of a run: outcome × factor tables for the page, the council report and the API.

One function, :func:`factor_result`, computes a table with :func:`kansrijk.analysis.factor_table` on the run's
own respondent frame (the run's cleaning rules, the wave's instrument and weights, the run's disclosure
rules), so the page, the report chapter and the API show the same numbers. The outcome is any percentage
indicator of the instrument; the factor any percentage indicator (pupils with versus without it) or any
select_one item (its answers in the questionnaire's order). Odds ratios are crude and adjusted for grade and
gender. The frame of a run is cached per process (it is rebuilt from the snapshot in well under a second).
"""

from __future__ import annotations

import dataclasses
import math
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass
from typing import Any

import polars as pl
from django.utils.translation import gettext as _

from kansrijk.analysis import DisclosureRules, SurveyDesign, factor_table
from kansrijk.analysis.errors import AnalysisError
from kansrijk.analysis.factor_frame import PREFIX, cleaning_rules, respondent_frame, weighting_rules
from kansrijk.instrument import Instrument
from kansrijk.reporting.formatting import format_number, format_p_value, format_value

from . import present
from .models import AnalysisRun

#: The leefdomeinen of the Icelandic Prevention Model: the ones whose indicators are factors.
FACTOR_DOMAINS = ("family", "peers", "leisure", "school")
ITEM = "item:"
#: Adjusted odds ratios are adjusted for grade and gender; gender as boys/girls only (pupils with gender x or
#: unknown are too few for a stable coefficient and leave the adjusted fit, not the table).
GENDER_MV = "__gender_mv"
ADJUST = ("grade", GENDER_MV)

#: The classic IPM pairs (factor, outcome) shown first on each leefdomein's page.
CLASSIC_PAIRS: dict[str, tuple[tuple[str, str], ...]] = {
    "family": (("item:par_know_where", "drunk_30d"), ("par_time_weekend_often", "drunk_30d")),
    "peers": (
        ("peers_drunk_most", "drunk_30d"),
        ("peers_alcohol_half", "binge_30d"),
        ("peers_smoke_any", "tob_30d"),
        ("peers_cannabis_any", "can_30d"),
        ("peers_vape_any", "vape_30d"),
    ),
    "leisure": (("sport_weekly", "drunk_30d"), ("out_midnight", "drunk_30d")),
    "school": (("sch_wellbeing", "drunk_30d"), ("truancy", "can_30d")),
}


class FactorError(Exception):
    """An outcome or factor the instrument of the run does not have (the page shows the message)."""


@dataclass(frozen=True)
class Level:
    code: str
    label: str
    is_reference: bool
    suppressed: bool
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    n: int
    odds_ratio: float | None
    or_ci_low: float | None
    or_ci_high: float | None
    p_value: float | None
    adjusted_odds_ratio: float | None
    adjusted_or_ci_low: float | None
    adjusted_or_ci_high: float | None
    adjusted_p_value: float | None
    #: the guarded test (`multiplicity.guard`: Benjamini–Hochberg over the table, minimal relevant
    #: difference): higher / lower / no_difference, None for the reference or a hidden level
    flag: str | None = None
    adjusted_flag: str | None = None


@dataclass(frozen=True)
class FactorResult:
    outcome: str
    outcome_label: str
    factor: str
    factor_label: str
    levels: tuple[Level, ...]
    sentence: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


_LOCK = threading.Lock()
_FRAMES: OrderedDict[tuple[int, str], tuple[pl.DataFrame, SurveyDesign]] = OrderedDict()
_TABLES: OrderedDict[tuple[int, str, str, str], pl.DataFrame] = OrderedDict()
FRAMES_KEPT = 3
TABLES_KEPT = 256


def run_frame(run: AnalysisRun, instrument: Instrument) -> tuple[pl.DataFrame, SurveyDesign]:
    """The run's respondent frame and design (cached per process; see the module docstring)."""
    key = (run.pk, run.snapshot_sha256)
    with _LOCK:
        if key in _FRAMES:
            _FRAMES.move_to_end(key)
            return _FRAMES[key]
    from .services import school_types  # the school types and weighting rules the run was analysed with

    built = respondent_frame(
        run.wave.snapshot_path,
        instrument,
        cleaning_rules(run.meta.get("cleaning")),
        school_types=school_types(run.wave),
        weighting=weighting_rules(run.meta.get("weighting")),
    )
    with _LOCK:
        _FRAMES[key] = built
        while len(_FRAMES) > FRAMES_KEPT:
            _FRAMES.popitem(last=False)
    return built


def _rules(run: AnalysisRun) -> DisclosureRules:
    recorded = run.meta.get("disclosure") or {}
    names = set(DisclosureRules.__dataclass_fields__)
    return DisclosureRules(**{k: v for k, v in recorded.items() if k in names})


def outcome_choices(instrument: Instrument, language: str) -> list[tuple[str, str]]:
    """Every percentage indicator: the outcomes a municipality may pick."""
    info = present.indicators(instrument, language)
    return [(c, i.label) for c, i in info.items() if i.unit == "percentage"]


def factor_choices(instrument: Instrument, language: str, domain: str | None) -> list[tuple[str, str]]:
    """Percentage indicators (of `domain`, or all) and select_one items (background items and the items of
    the leefdomein's questions), as (code, label)."""
    info = present.indicators(instrument, language)
    out = [(c, i.label) for c, i in info.items() if i.unit == "percentage" and (domain in (None, i.domain))]
    for item in instrument.items:
        if item.type != "select_one" or item.name in ("bg_gender",):
            continue
        if domain is None or item.name.startswith(("bg_", _ITEM_PREFIX.get(domain, "\0"))):
            label = str(item.label.get(language) or item.label.get("nl") or item.name)
            out.append((ITEM + item.name, _("Vraag: %(label)s") % {"label": label}))
    return out


#: The item-name prefix of each leefdomein's questions in OKO kern.
_ITEM_PREFIX = {"family": "par_", "peers": "peer_", "leisure": "lei_", "school": "sch_"}


def _labels(
    instrument: Instrument, factor: str, language: str
) -> tuple[str, str, list[str], dict[str, str], str | None]:
    """Column, label, level order, level labels and reference level of a factor (None: an item's largest
    answer group, which gives the most precise odds ratios)."""
    if factor.startswith(ITEM):
        name = factor[len(ITEM) :]
        try:
            item = instrument.item(name)
        except KeyError as exc:
            raise FactorError(_("Deze vragenlijst heeft geen vraag %(name)s.") % {"name": name}) from exc
        if item.type != "select_one":
            raise FactorError(_("Alleen vragen met één antwoord kunnen een factor zijn."))
        choices = instrument.choices_of(item).choices
        codes = [c.code for c in choices]
        labels = {c.code: str(c.label.get(language) or c.label.get("nl") or c.code) for c in choices}
        label = str(item.label.get(language) or item.label.get("nl") or name)
        return name, label, codes, labels, None
    info = present.indicators(instrument, language)
    if factor not in info or info[factor].unit != "percentage":
        raise FactorError(_("Deze vragenlijst heeft geen indicator %(code)s.") % {"code": factor})
    yes, no = _("ja"), _("nee")
    return PREFIX + factor, info[factor].label, ["1", "0"], {"1": yes, "0": no}, "0"


def _float(x: Any) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def factor_table_for(run: AnalysisRun, outcome: str, factor: str) -> pl.DataFrame:
    """The disclosure-controlled factor table of `outcome` by `factor` for `run` (cached per process)."""
    key = (run.pk, run.snapshot_sha256, outcome, factor)
    with _LOCK:
        if key in _TABLES:
            return _TABLES[key]
    instrument = present.instrument_of(run.wave)
    info = present.indicators(instrument, "nl")
    if outcome not in info or info[outcome].unit != "percentage":
        raise FactorError(_("Deze vragenlijst heeft geen indicator %(code)s.") % {"code": outcome})
    column, _label, order, _level_labels, reference = _labels(instrument, factor, "nl")
    frame, design = run_frame(run, instrument)
    if column not in frame.columns:
        raise FactorError(_("In deze meting is %(code)s niet gevraagd.") % {"code": factor})
    if frame[column].dtype == pl.Boolean:
        frame = frame.with_columns(pl.col(column).cast(pl.Int8))
    if reference is None:
        counts = frame.filter(pl.col(column).is_not_null() & (pl.col(column) != "nz"))[column].value_counts()
        if counts.height == 0:
            raise FactorError(_("Niemand heeft deze vraag beantwoord."))
        reference = str(counts.sort(["count", column], descending=[True, False])[column][0])
    outcome_column = PREFIX + outcome
    data = frame.with_columns(
        pl.col(outcome_column).cast(pl.Float64),
        pl.when(pl.col("gender").is_in(["m", "v"])).then(pl.col("gender")).alias(GENDER_MV),
    )
    try:
        table = factor_table(
            data,
            design,
            outcome_column,
            column,
            levels=order,
            reference=reference,
            adjust=list(ADJUST),
            disclosure=_rules(run),
        )
    except AnalysisError as exc:
        raise FactorError(str(exc.message)) from exc
    with _LOCK:
        _TABLES[key] = table
        while len(_TABLES) > TABLES_KEPT:
            _TABLES.popitem(last=False)
    return table


def factor_result(run: AnalysisRun, outcome: str, factor: str, language: str | None = None) -> FactorResult:
    """The table of :func:`factor_table_for` with labels and the sentence a policy officer reads."""
    language = language or present.lang()
    instrument = present.instrument_of(run.wave)
    info = present.indicators(instrument, language)
    table = factor_table_for(run, outcome, factor)
    _column, factor_label, _order, level_labels, _reference = _labels(instrument, factor, language)
    levels = []
    for row in table.iter_rows(named=True):
        levels.append(
            Level(
                code=str(row["level"]),
                label=level_labels.get(str(row["level"]), str(row["level"])),
                is_reference=bool(row["is_reference"]),
                suppressed=row["suppressed"] is not None,
                estimate=_float(row["estimate"]),
                ci_low=_float(row["ci_low"]),
                ci_high=_float(row["ci_high"]),
                n=int(row["n"]),
                odds_ratio=_float(row["odds_ratio"]),
                or_ci_low=_float(row["or_ci_low"]),
                or_ci_high=_float(row["or_ci_high"]),
                p_value=_float(row["p_value"]),
                adjusted_odds_ratio=_float(row["adjusted_odds_ratio"]),
                adjusted_or_ci_low=_float(row["adjusted_or_ci_low"]),
                adjusted_or_ci_high=_float(row["adjusted_or_ci_high"]),
                adjusted_p_value=_float(row["adjusted_p_value"]),
                flag=row.get("flag"),
                adjusted_flag=row.get("adjusted_flag"),
            )
        )
    result = FactorResult(outcome, info[outcome].label, factor, factor_label, tuple(levels), "")
    return dataclasses.replace(result, sentence=sentence(result, language))


def _ratio_words(level: Level, language: str) -> str:
    """'2,9 keer zo groot (95%-BI 2,5–3,5)' or 'half zo groot' style words for an adjusted odds ratio."""
    ratio = level.adjusted_odds_ratio
    if ratio is None:
        return ""
    low, high = level.adjusted_or_ci_low, level.adjusted_or_ci_high
    ci = (
        _("95%%-betrouwbaarheidsinterval %(low)s tot %(high)s")
        % {"low": format_number(low, 1, language), "high": format_number(high, 1, language)}
        if low is not None and high is not None
        else ""
    )
    if low is not None and high is not None and low <= 1 <= high:
        return _(
            "de kans daarop verschilt niet aantoonbaar van die van de vergelijkingsgroep (odds ratio %(r)s)"
        ) % {"r": format_number(ratio, 2, language)}
    if ratio >= 1:
        words = _("de kans (odds) daarop is %(r)s keer zo groot") % {"r": format_number(ratio, 1, language)}
    else:
        words = _("de kans (odds) daarop is %(r)s keer zo klein") % {
            "r": format_number(1 / ratio, 1, language)
        }
    return f"{words} ({ci})" if ci else words


def sentence(result: FactorResult, language: str) -> str:
    """The IPM reading: 'Van de leerlingen met … had 8 % …; van de anderen 31 %', and the adjusted ratio."""
    shown = [lv for lv in result.levels if not lv.suppressed and lv.estimate is not None]
    if len(shown) < 2:
        return _("Te weinig leerlingen per groep om deze factor te beschrijven.")
    parts = [
        _("%(level)s: %(value)s")
        % {"level": lv.label, "value": format_value(lv.estimate, "percentage", 1, language)}
        for lv in shown
    ]
    head = _("Aandeel dat ‘%(outcome)s’, naar ‘%(factor)s’ — %(parts)s.") % {
        "outcome": result.outcome_label,
        "factor": result.factor_label,
        "parts": "; ".join(parts),
    }
    reference = next((lv for lv in result.levels if lv.is_reference), None)
    others = [lv for lv in shown if not lv.is_reference and lv.adjusted_odds_ratio is not None]
    if reference is None or reference.suppressed or not others:
        return head
    strongest = max(others, key=lambda lv: abs(math.log(lv.adjusted_odds_ratio or 1.0)))
    tail = _(
        "Bij ‘%(level)s’ vergeleken met ‘%(reference)s’ is, bij leerlingen van hetzelfde leerjaar en "
        "geslacht, %(words)s."
    ) % {"level": strongest.label, "reference": reference.label, "words": _ratio_words(strongest, language)}
    return f"{head} {tail}"


def format_ratio(
    value: float | None, low: float | None, high: float | None, language: str
) -> tuple[str, str]:
    """An odds ratio and its CI as text ('2,97', '2,48–3,55'); the reference gets '1 (referentie)'."""
    if value is None:
        return "", ""
    ci = ""
    if low is not None and high is not None:
        ci = f"{format_number(low, 2, language)}–{format_number(high, 2, language)}"
    return format_number(value, 2, language), ci


def p_text(p: float | None, language: str) -> str:
    return format_p_value(p, language) if p is not None else ""


def pairs_overview(run: AnalysisRun, domain: str, language: str | None = None) -> list[FactorResult]:
    """The classic IPM pairs of a leefdomein that the run's instrument has (skipping those it lacks)."""
    out = []
    for factor, outcome in CLASSIC_PAIRS.get(domain, ()):
        try:
            out.append(factor_result(run, outcome, factor, language))
        except FactorError:
            continue
    return out
