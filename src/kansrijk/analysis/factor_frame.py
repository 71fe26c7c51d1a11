"""The respondent frame the factor analyses read: cleaned answers, indicator columns, weights and the design.

The same steps as the published result table (:func:`kansrijk.analysis.pipeline.run_analysis`): cleaning by
the run's rules, the instrument's own indicator definitions (columns ``ind__<code>``: the value in the
indicator's population, null elsewhere — an indicator may share its code with an item), post-stratification
to enrolment with the same function and arguments (`enrolment_weights(kept, enrolment, school_types=…,
rules=…)`: the run's school types and weighting rules). A factor table is therefore computed on exactly the
pupils and weights the dashboard uses, and its total equals the published total estimate.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import polars as pl

from kansrijk.analysis.cleaning import CleaningRules, clean
from kansrijk.analysis.design import SurveyDesign
from kansrijk.analysis.weights import WeightingRules, enrolment_weights
from kansrijk.instrument import Instrument, compile_indicator
from kansrijk.snapshot import Snapshot, read_snapshot

PREFIX = "ind__"


def cleaning_rules(recorded: Mapping[str, Any] | None) -> CleaningRules:
    """The cleaning rules as a run recorded them in its meta (lists back to tuples); defaults otherwise."""
    if not recorded:
        return CleaningRules()

    def tuples(value: Any) -> Any:
        return tuple(tuples(v) for v in value) if isinstance(value, list) else value

    names = {f.name for f in dataclasses.fields(CleaningRules)}
    return CleaningRules(**{k: tuples(v) for k, v in recorded.items() if k in names})


def weighting_rules(recorded: Mapping[str, Any] | None) -> WeightingRules:
    """The weighting rules as a run recorded them in its meta; defaults otherwise."""
    names = {f.name for f in dataclasses.fields(WeightingRules)}
    return WeightingRules(**{k: v for k, v in (recorded or {}).items() if k in names})


def respondent_frame(
    snapshot: Snapshot | str | Path,
    instrument: Instrument,
    cleaning: CleaningRules | None = None,
    *,
    school_types: Mapping[str, str] | None = None,
    weighting: WeightingRules | None = None,
) -> tuple[pl.DataFrame, SurveyDesign]:
    """Kept respondents with their answers, ``ind__<code>`` columns and weights, and the weighted design.

    `school_types` and `weighting` as the run passed them to `run_analysis` (school types decide the
    calibration of schools with too few respondents, so the weights differ without them).
    """
    snap = snapshot if isinstance(snapshot, Snapshot) else read_snapshot(snapshot)
    cleaned = clean(snap.responses, instrument, cleaning or CleaningRules())
    kept = cleaned.data.filter(pl.col("__keep"))
    columns = []
    for ind in instrument.indicators:
        compiled = compile_indicator(instrument, ind)
        columns.append(
            pl.when(compiled.population()).then(compiled.value()).otherwise(None).alias(PREFIX + ind.code)
        )
    values = kept.lazy().select(columns).collect()
    enrolment = pl.DataFrame(
        [(e.school_id, e.grade, e.gender, e.n) for e in snap.meta.enrolment],
        schema={"school_id": pl.String, "grade": pl.Int64, "gender": pl.String, "N": pl.Int64},
        orient="row",
    )
    weighted = enrolment_weights(
        kept, enrolment, school_types=school_types, rules=weighting or WeightingRules()
    )
    return pl.concat([weighted.data, values], how="horizontal"), weighted.design
