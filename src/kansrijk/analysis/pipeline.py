"""From a snapshot to the published result table (``docs/developers/result-table.md``).

snapshot → cleaning → indicators (the instrument's own definitions) → weights to enrolment → estimates for
every indicator × domain (DESIGN.md §4) → domain versus rest → trends against earlier waves → reference →
disclosure control. Every step is a function of its inputs, so a result table is reproducible from the
snapshot, the instrument and the options recorded in ``meta``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

import kansrijk
from kansrijk.analysis.cleaning import CleaningRules, clean
from kansrijk.analysis.compare import add_trends, compare
from kansrijk.analysis.contrast import domain_vs_rest_by
from kansrijk.analysis.design import SurveyDesign
from kansrijk.analysis.disclosure import DisclosureRules
from kansrijk.analysis.domains import (
    DOMAIN_TYPES,
    DomainType,
    add_domain_columns,
    declared_margins,
    domain_key,
    domain_links,
)
from kansrijk.analysis.estimate import (
    OWN_DF_TYPES,
    domain_psu_counts,
    estimate_table,
    withhold_inestimable,
)
from kansrijk.analysis.linked import protect
from kansrijk.analysis.multiplicity import GuardRules, flag_counts, guard
from kansrijk.analysis.reference import reference_values
from kansrijk.analysis.weights import WeightingRules, enrolment_weights
from kansrijk.instrument import Instrument, compile_indicator, instrument_hashes
from kansrijk.snapshot import Snapshot, read_snapshot

#: Indicator columns are prefixed in the working frame: an indicator may share its code with an item.
PREFIX = "ind__"

#: Domain types tested against the rest of the municipality (the map and the school report need these).
CONTRAST_TYPES = ("grade", "gender", "school_type", "school", "wijk")

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class AnalysisOptions:
    """Everything that decides the numbers besides the data; recorded in the result's meta."""

    disclosure: DisclosureRules = field(default_factory=DisclosureRules)
    cleaning: CleaningRules = field(default_factory=CleaningRules)
    alpha: float = 0.05
    domain_types: tuple[str, ...] = tuple(d.code for d in DOMAIN_TYPES)
    weighting: WeightingRules = field(default_factory=WeightingRules)
    guard: GuardRules = field(default_factory=GuardRules)
    #: the wijk boundaries' version (else the snapshot's extra["area_version"]); trends per wijk need it equal
    area_version: str | None = None


@dataclass(frozen=True)
class AnalysisResult:
    table: pl.DataFrame
    cleaning: pl.DataFrame
    weights: pl.DataFrame
    response: pl.DataFrame
    meta: dict[str, Any]

    def write(self, out_dir: str | Path) -> None:
        """Write the result files of ``kansrijk analyse`` (Parquet + CSV for the table)."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        self.table.write_parquet(out / "results.parquet")
        self.table.write_csv(out / "results.csv")
        self.cleaning.write_parquet(out / "cleaning.parquet")
        self.weights.write_parquet(out / "weights.parquet")
        self.response.write_parquet(out / "response.parquet")
        (out / "meta.json").write_text(json.dumps(self.meta, indent=2, sort_keys=True, default=str) + "\n")

    @classmethod
    def read(cls, out_dir: str | Path) -> AnalysisResult:
        out = Path(out_dir)
        return cls(
            table=pl.read_parquet(out / "results.parquet"),
            cleaning=pl.read_parquet(out / "cleaning.parquet"),
            weights=pl.read_parquet(out / "weights.parquet"),
            response=pl.read_parquet(out / "response.parquet"),
            meta=json.loads((out / "meta.json").read_text()),
        )


def _noop(step: str, fraction: float) -> None:
    return None


def indicator_frame(responses: pl.DataFrame, instrument: Instrument) -> tuple[pl.DataFrame, dict[str, str]]:
    """One column per indicator (``ind__<code>``): the value in its target population, null elsewhere.

    Computed lazily in one pass, so Polars shares the sub-expressions that several indicators repeat.
    """
    columns = []
    units: dict[str, str] = {}
    for ind in instrument.indicators:
        compiled = compile_indicator(instrument, ind)
        value = pl.when(compiled.population()).then(compiled.value()).otherwise(None)
        columns.append(value.alias(PREFIX + ind.code))
        units[ind.code] = ind.unit
    values = responses.lazy().select(columns).collect()
    return values, units


def run_analysis(
    snapshot: Snapshot | str | Path,
    instrument: Instrument,
    *,
    school_types: Mapping[str, str] | None = None,
    previous: Sequence[AnalysisResult] = (),
    reference: pl.DataFrame | None = None,
    options: AnalysisOptions | None = None,
    progress: Progress = _noop,
) -> AnalysisResult:
    """Analyse one wave. ``previous`` are earlier waves' results (newest first or in any order)."""
    opts = options or AnalysisOptions()
    snap = snapshot if isinstance(snapshot, Snapshot) else read_snapshot(snapshot)
    meta = snap.meta
    progress("cleaning", 0.05)
    cleaned = clean(snap.responses, instrument, opts.cleaning)
    kept = cleaned.data.filter(pl.col("__keep"))

    progress("indicators", 0.15)
    values, units = indicator_frame(kept, instrument)
    hashes = instrument_hashes(instrument)["indicators"]

    progress("weights", 0.25)
    enrolment = pl.DataFrame(
        [(e.school_id, e.grade, e.gender, e.n) for e in meta.enrolment],
        schema={"school_id": pl.String, "grade": pl.Int64, "gender": pl.String, "N": pl.Int64},
        orient="row",
    )
    weighted = enrolment_weights(kept, enrolment, school_types=school_types, rules=opts.weighting)
    frame = add_domain_columns(pl.concat([weighted.data, values], how="horizontal"), school_types)
    design = weighted.design
    codes = [PREFIX + c for c in units]
    percentages = [PREFIX + c for c, u in units.items() if u == "percentage"]
    means = [PREFIX + c for c, u in units.items() if u == "mean"]

    tables = []
    chosen = [d for d in DOMAIN_TYPES if d.code in opts.domain_types]
    progress("estimates", 0.3)
    estimates = _estimate_domain_types(frame, design, chosen, percentages, means)
    for dt in chosen:
        tables.append(_result_columns(estimates[dt.code], dt))
    table = pl.concat(tables, how="diagonal_relaxed")
    table = table.with_columns(
        pl.col("indicator").replace_strict(units, default=None).alias("unit"),
        pl.col("indicator").replace_strict(hashes, default=None).alias("comparable_hash"),
    )
    progress("disclosure control over linked tables", 0.5)
    links = domain_links(frame, declared_margins(opts.domain_types))
    table = protect(table, links, opts.disclosure)
    keys = {dt.code: domain_key(dt) for dt in chosen}
    table = withhold_inestimable(table, domain_psu_counts(frame, keys, design, weighted.weight_column))

    progress("domain versus rest", 0.72)
    table = _add_vs_total(table, frame, design, codes, opts)
    progress("trends", 0.85)
    year = meta.fieldwork_start.year if meta.fieldwork_start else None
    wave_profile = {
        "year": year,
        "cleaning": asdict(opts.cleaning),
        "grades": sorted({int(e.grade) for e in meta.enrolment}),
        "schools_participating": sorted(kept["school_id"].unique().to_list()),
        "area_version": opts.area_version or meta.extra.get("area_version"),
    }
    standard = dict(
        enrolment.filter(pl.col("gender").is_in(["m", "v"]))
        .group_by(pl.concat_str([pl.col("grade").cast(pl.String), "gender"], separator="|").alias("cell"))
        .agg(pl.col("N").sum().cast(pl.Float64))
        .rows()
    )
    table = add_trends(table, [(p.table, p.meta) for p in previous], wave_profile, standard, alpha=opts.alpha)
    progress("reference", 0.9)
    grades = dict(enrolment.group_by("grade").agg(pl.col("N").sum().cast(pl.Float64)).rows())
    table = _add_reference(table, reference, year, units, opts.alpha, meta.municipality_code, grades)
    table = _null_suppressed(table)
    table = guard(table, rules=opts.guard).sort(["indicator", "domain_type", "domain"])

    response = _response(snap.responses, kept, enrolment)
    result_meta = {
        "municipality": meta.municipality_code,
        "wave_id": meta.wave_id,
        "wave_name": meta.wave_name,
        "year": year,
        "instrument": asdict(meta.instrument),
        "snapshot_sha256": meta.responses_sha256,
        "design": {"strata": "school_id", "psu": "class_id", "weights": "poststratified to enrolment"},
        "disclosure": asdict(opts.disclosure),
        "cleaning": asdict(opts.cleaning),
        "alpha": opts.alpha,
        **wave_profile,
        "weighting": asdict(opts.weighting),
        "coverage": asdict(weighted.coverage),
        "guard": asdict(opts.guard),
        "flags": flag_counts(table),
        "weights_version": hashlib.sha256(
            weighted.data.select("respondent_id", weighted.weight_column)
            .sort("respondent_id")
            .write_csv()
            .encode()
        ).hexdigest(),
        "respondents": snap.responses.height,
        "kept": kept.height,
        "indicators": len(codes),
        "previous_waves": [p.meta.get("wave_id") for p in previous],
        "library_version": kansrijk.__version__,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    progress("done", 1.0)
    return AnalysisResult(table, cleaned.report, weighted.report, response, result_meta)


#: Rows outside every domain of a type (a pupil without gender) stay in the data under this key.
NO_DOMAIN = "__none__"

#: The columns of an `estimate()` table, in its order (the domain key goes after `statistic`).
ESTIMATE_COLUMNS = (
    "level", "estimate", "se", "ci_low", "ci_high", "df", "n", "n_level", "weighted_n", "deff", "rse",
)  # fmt: skip


def _estimate_domain_types(
    frame: pl.DataFrame,
    design: SurveyDesign,
    types: Sequence[DomainType],
    percentages: list[str],
    means: list[str],
) -> dict[str, pl.DataFrame]:
    """The `estimate()` table of every domain type, per statistic in one `estimate_table` call.

    Domains are estimated as domains, never by subsetting: rows outside every domain of a type (a pupil
    without gender) stay in the data under a placeholder key, so every PSU still counts in the variance. One
    call for all types resolves the design (the post-stratification) once and shares the group sums of types
    that split classes alike (see `groups`); each type's rows are those `estimate(data, design, variables,
    [key], statistic)` returns.
    """
    keys = {dt.code: domain_key(dt) for dt in types if dt.code != "total"}
    data = frame.with_columns(pl.col(key).fill_null(NO_DOMAIN) for key in keys.values())
    sets = [[keys[dt.code]] if dt.code in keys else [] for dt in types]
    tables = []
    for statistic, variables in (("proportion", percentages), ("mean", means)):
        if variables:
            own = {keys[code]: "domain" for code in OWN_DF_TYPES if code in keys}  # the domain's own df
            tables.append(estimate_table(data, design, variables, sets, statistic, df=own))  # type: ignore[arg-type]
    out = {}
    for dt, by in zip(types, sets, strict=True):
        name = "+".join(by)
        columns = ["variable", "statistic", *by, *ESTIMATE_COLUMNS]
        parts = [t.filter(pl.col("domain_set") == name).select(columns) for t in tables]
        est = pl.concat(parts, how="diagonal_relaxed")
        out[dt.code] = est.filter(pl.col(by[0]) != NO_DOMAIN) if by else est
    return out


def _result_columns(protected: pl.DataFrame, dt: DomainType) -> pl.DataFrame:
    """The columns of the result table for one domain type (disclosure control follows over all types)."""
    key = domain_key(dt)
    by = [] if dt.code == "total" else [key]
    domain = pl.col(key).cast(pl.String) if by else pl.lit("")
    return protected.select(
        pl.col("variable").str.strip_prefix(PREFIX).alias("indicator"),
        pl.lit(dt.code).alias("domain_type"),
        domain.alias("domain"),
        "estimate",
        "se",
        "ci_low",
        "ci_high",
        pl.col("df").cast(pl.Int64),
        pl.col("n").cast(pl.Int64),
        pl.col("n_level").cast(pl.Int64).alias("n_yes")
        if "n_level" in protected.columns
        else pl.lit(None).alias("n_yes"),
        "weighted_n",
        "deff",
        "rse",
    )


def _add_vs_total(
    table: pl.DataFrame,
    frame: pl.DataFrame,
    design: SurveyDesign,
    codes: list[str],
    opts: AnalysisOptions,
) -> pl.DataFrame:
    chosen = [dt for dt in DOMAIN_TYPES if dt.code in CONTRAST_TYPES and dt.code in opts.domain_types]
    keys = {domain_key(dt): sorted(frame[domain_key(dt)].drop_nulls().unique().to_list()) for dt in chosen}
    # one call for every domain type: the design is calibrated once and every indicator read once
    own_df = [domain_key(dt) for dt in chosen if dt.code in OWN_DF_TYPES]  # a school: its own df
    results = domain_vs_rest_by(frame, design, codes, keys, alpha=opts.alpha, own_df=own_df) if keys else {}
    parts = []
    for dt in chosen:
        result = results[domain_key(dt)]
        parts.append(
            result.select(
                pl.col("variable").str.strip_prefix(PREFIX).alias("indicator"),
                pl.lit(dt.code).alias("domain_type"),
                "domain",
                pl.col("direction").replace("not_estimable", None).alias("vs_total"),  # no test was run
                pl.col("p_value").alias("vs_total_p"),
                pl.col("difference").alias("vs_total_difference"),
            )
        )
    if not parts:
        return table.with_columns(pl.lit(None, dtype=pl.String).alias("vs_total"))
    return table.join(pl.concat(parts), on=["indicator", "domain_type", "domain"], how="left")


def _add_reference(
    table: pl.DataFrame,
    reference: pl.DataFrame | None,
    year: int | None,
    units: dict[str, str],
    alpha: float,
    own_municipality: str | None = None,
    grades: dict[int, float] | None = None,
) -> pl.DataFrame:
    """The municipal figure against the other municipalities' pooled published figures (`reference`)."""
    cols = {
        "reference_estimate": pl.Float64, "reference_p": pl.Float64, "reference": pl.String,
        "reference_difference": pl.Float64, "reference_year": pl.Int64, "reference_source": pl.String,
        "reference_pooled_by": pl.String, "reference_grades": pl.String,
    }  # fmt: skip
    if reference is None or year is None:
        return table.with_columns(pl.lit(None, dtype=d).alias(c) for c, d in cols.items())
    ref = reference_values(reference, year, units, own_municipality=own_municipality, grades=grades)
    total = table.filter(pl.col("domain_type") == "total", pl.col("estimate").is_not_null())
    a = total.select(pl.col("indicator").alias("variable"), _statistic(), "estimate", "se")
    b = ref.with_columns(pl.col("indicator").replace_strict(units, default=None).alias("unit")).select(
        pl.col("indicator").alias("variable"), _statistic(), "estimate", "se"
    )
    if a.height == 0 or b.height == 0:
        return table.with_columns(pl.lit(None, dtype=d).alias(c) for c, d in cols.items())
    diff = compare(a, b, level=1 - alpha).select(
        pl.col("variable").alias("indicator"),
        pl.lit("total").alias("domain_type"),
        pl.col("estimate_b").alias("reference_estimate"),
        pl.col("p_value").alias("reference_p"),
        pl.when(pl.col("significant"))
        .then(pl.col("direction"))
        .otherwise(pl.lit("no_difference"))
        .alias("reference"),
        pl.col("difference").alias("reference_difference"),
    )
    about = ref.select(
        "indicator",
        pl.col("year").alias("reference_year"),
        pl.col("source").alias("reference_source"),
        pl.col("pooled_by").alias("reference_pooled_by"),
        pl.col("grades").alias("reference_grades"),
    )
    return table.join(
        diff.join(about, on="indicator", how="left"), on=["indicator", "domain_type"], how="left"
    )


def _statistic() -> pl.Expr:
    """compare() only compares like with like: the estimator behind a unit."""
    return (
        pl.when(pl.col("unit") == "percentage")
        .then(pl.lit("proportion"))
        .otherwise(pl.lit("mean"))
        .alias("statistic")
    )


def _null_suppressed(table: pl.DataFrame) -> pl.DataFrame:
    """A suppressed cell never carries a number downstream: not its estimate, nor its trend or comparison."""
    hide = [
        "estimate", "se", "ci_low", "ci_high", "weighted_n", "deff", "rse", "n_yes", "vs_total", "vs_total_p",
        "vs_total_difference", "reference_difference",
        "prev_estimate", "trend_difference", "trend_se", "trend_p", "trend", "reference_p", "reference",
    ]  # fmt: skip
    present = [c for c in hide if c in table.columns]
    return table.with_columns(
        pl.when(pl.col("suppressed").is_null()).then(pl.col(c)).otherwise(None).alias(c) for c in present
    )


def _response(all_rows: pl.DataFrame, kept: pl.DataFrame, enrolment: pl.DataFrame) -> pl.DataFrame:
    """Response per school × grade and in total: respondents, kept after cleaning, enrolment, rate."""
    enrol = enrolment.group_by("school_id", "grade").agg(pl.col("N").sum().alias("enrolment"))
    resp = all_rows.group_by("school_id", "grade").agg(pl.len().alias("respondents"))
    keep = kept.group_by("school_id", "grade").agg(pl.len().alias("kept"))
    per = (
        enrol.join(resp, on=["school_id", "grade"], how="full", coalesce=True)
        .join(keep, on=["school_id", "grade"], how="left")
        .with_columns(pl.col("respondents", "kept", "enrolment").fill_null(0))
    )
    total = per.select(
        pl.lit("").alias("school_id"), pl.lit(None, dtype=pl.Int64).alias("grade"),
        pl.col("enrolment").sum(), pl.col("respondents").sum(), pl.col("kept").sum(),
    )  # fmt: skip
    out = pl.concat([per.select(total.columns).cast(total.schema), total])
    return out.with_columns(
        pl.when(pl.col("enrolment") > 0)
        .then(pl.col("respondents") / pl.col("enrolment"))
        .alias("response_rate")
    ).sort("school_id", "grade", nulls_last=True)
