"""Weights to enrolment: school × grade × gender {m, v}, sparse cells pooled across schools, not grades.

Rules (docs/methods/weighting.md; the golden values in tests/analysis/golden/weights.R implement them again in
R and take the standard errors from R's `survey`):

1. **Cells.** DUO's enrolment counts only boys (`m`) and girls (`v`). Per participating school × grade (one
   with respondents): N = enrolment m + v, n = all its respondents. Pupils with gender `x` or none get the
   rate N / n — the rate of their grade × school type, N_gt / n_gt, when the school × grade has fewer than
   `min_cell_n` respondents — and together represent W_x = n_x · rate (at most n_x · N / n). Boys and girls
   share N − W_x in the enrolment's ratio N_m : N_v. The `x` pupils of a school × grade are a cell of their
   own whose total is derived from their own rate, so its size does not matter.
2. **Sparse cells** (a boys' or girls' cell with fewer than `min_cell_n` respondents, also an empty one) are
   pooled **across schools** with the other short cells of the same grade × gender × school type. A pool that
   is still short takes in every cell of that grade × gender × school type; if one of those is still short,
   the grade × school type is one cell (boys and girls together). Cells are never merged across grades or
   school types: prevalences differ strongly by grade, and a grade-2 pupil never stands in for grade 4.
3. **Non-participation.** School × grades with enrolment but no respondents (a school or a grade that did not
   take part) are covered by a second post-stratification to the municipal enrolment per grade × school type:
   every weight of grade × type gt is multiplied by g_gt = N_gt(all schools) / N_gt(participating). A grade ×
   type in which no school took part cannot be covered; `coverage` says so.
4. **Trimming** (optional, `trim`): a cell whose weight exceeds `trim` × the median weight is capped there and
   the excess goes to the other cells of its grade × school type in proportion to their totals (repeated
   until no cell exceeds the cap), so every grade × type total is kept; a grade × type whose cells all exceed
   the cap is left as it is (its total comes first).

Because every cell lies within one grade × school type, the two steps are one post-stratification to the
cells with totals P1 · g_gt, and the variance of R's `postStratify(postStratify(d, ~cell, P1), ~grade_type,
P2)` is that of the one-step design: the second step's residual Σ_gt r₁ is 0 when the cells are nested in
grade × type (see docs/methods/weighting.md; tested against R). `WeightingResult.design` is that
post-stratified design (classes as PSUs, schools as strata): the same weights, and the calibration carried
into the variance. Respondents in a school × grade that the enrolment does not list are an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from kansrijk.analysis.calibration import poststratify
from kansrijk.analysis.design import SurveyDesign
from kansrijk.analysis.errors import CalibrationError
from kansrijk.analysis.estimate import as_polars

WEIGHT = "weight"
CELL = "weight_cell"
#: School type of a school the `school_types` mapping does not list: its own group.
UNKNOWN_TYPE = "onbekend"


@dataclass(frozen=True)
class WeightingRules:
    """What a municipality may set: the minimum respondents per cell and optional trimming."""

    min_cell_n: int = 5
    trim: float | None = None  # cap on weight / median weight (e.g. 3.5); None: no trimming


@dataclass(frozen=True)
class Coverage:
    """Which schools and grades took part, and the sentence that states it (Dutch, for every output)."""

    schools: int
    schools_participating: int
    missing_school_grades: tuple[tuple[str, int], ...]  # of participating schools
    uncovered: tuple[tuple[int, str], ...]  # grade × school type in which no school took part
    enrolment: float
    enrolment_covered: float  # enrolment of the grade × types with respondents
    sentence: str


@dataclass(frozen=True)
class WeightingResult:
    """Weights per respondent (in data order), the cell each was weighted in, and what was collapsed."""

    weights: pl.Series
    cells: pl.Series
    population: pl.DataFrame  # weight_cell, N: the post-stratification these weights are
    report: pl.DataFrame  # per school × grade: counts, enrolment, level, note
    data: pl.DataFrame  # the input with `weight` and `weight_cell` added
    design: SurveyDesign  # post-stratified to `population`; pass it to estimate() with `data`
    coverage: Coverage = field(default_factory=lambda: Coverage(0, 0, (), (), 0.0, 0.0, ""))
    weight_column: str = WEIGHT


def enrolment_weights(
    data: Any,
    enrolment: Any,
    *,
    school_types: Mapping[str, str] | None = None,
    school: str = "school_id",
    grade: str = "grade",
    gender: str = "gender",
    count: str = "N",
    psu: str | None = "class_id",
    min_cell_n: int = 5,
    trim: float | None = None,
    rules: WeightingRules | None = None,
) -> WeightingResult:
    """Weights to enrolment cells school × grade × gender by the rules of this module.

    `rules` (if given) overrides `min_cell_n` and `trim`. `school_types` maps school → vmbo/havo/vwo/pro;
    schools it does not list form the type ``onbekend``.
    """
    if rules is not None:
        min_cell_n, trim = rules.min_cell_n, rules.trim
    if min_cell_n < 1:
        raise CalibrationError("weighting", f"min_cell_n is {min_cell_n}", "use at least 1")
    if trim is not None and trim <= 1:
        raise CalibrationError("weighting", f"trim is {trim}", "trim caps weights at trim × median: use > 1")
    original = as_polars(data)
    frame = original.select(school, grade, gender).with_row_index("__row")
    enrol = as_polars(enrolment)
    for name in (school, grade, gender, count):
        if name not in enrol.columns:
            raise CalibrationError(
                "enrolment", f"column {name!r} is missing", f"give {school}, {grade}, {gender}, N"
            )
    types = {str(k): v for k, v in (school_types or {}).items()}
    type_of = (
        pl.col(school).cast(pl.String).replace_strict(types, default=UNKNOWN_TYPE, return_dtype=pl.String)
    )
    wide = (
        enrol.filter(pl.col(gender).is_in(["m", "v"]))
        .group_by(school, grade)
        .agg(
            pl.col(count).filter(pl.col(gender) == "m").sum().cast(pl.Float64).alias("N_m"),
            pl.col(count).filter(pl.col(gender) == "v").sum().cast(pl.Float64).alias("N_v"),
        )
        .with_columns((pl.col("N_m") + pl.col("N_v")).alias("N_sg"))
        .cast({grade: frame.schema[grade], school: frame.schema[school]})
    )
    g = pl.col(gender)
    counts = frame.group_by(school, grade).agg(
        (g == "m").sum().alias("n_m"),
        (g == "v").sum().alias("n_v"),
        (~g.is_in(["m", "v"]).fill_null(False)).sum().alias("n_x"),
    )
    sg = wide.join(counts, on=[school, grade], how="full", coalesce=True).with_columns(
        pl.col("n_m", "n_v", "n_x").fill_null(0), pl.col("N_m", "N_v", "N_sg").fill_null(0.0)
    )
    sg = sg.with_columns(
        (pl.col("n_m") + pl.col("n_v") + pl.col("n_x")).alias("n_sg"), type_of.alias("__type")
    )
    orphan = sg.filter((pl.col("N_sg") <= 0) & (pl.col("n_sg") > 0))
    if orphan.height:
        row = orphan.row(0, named=True)
        raise CalibrationError(
            "enrolment",
            f"respondents in {school}={row[school]!r}, {grade}={row[grade]!r} but no enrolment there",
            "add the school × grade to the enrolment table, or correct the respondents' school/grade",
        )
    sg = sg.filter(pl.col("N_sg") > 0)
    part = sg.filter(pl.col("n_sg") > 0)
    gt = [grade, "__type"]

    # 1. rate of the x pupils, W_x, and the boys' and girls' totals per participating school × grade
    part = part.with_columns(
        (pl.col("N_sg").sum().over(gt) / pl.col("n_sg").sum().over(gt)).alias("__rate_gt")
    ).with_columns(
        pl.when(pl.col("n_sg") >= min_cell_n)
        .then(pl.col("N_sg") / pl.col("n_sg"))
        .otherwise(pl.col("__rate_gt"))
        .alias("__rate")
    )
    part = part.with_columns(
        pl.min_horizontal(
            pl.col("n_x") * pl.col("__rate"), pl.col("n_x") * pl.col("N_sg") / pl.col("n_sg")
        ).alias("W_x")
    )
    sg_key = pl.concat_str([pl.col(school).cast(pl.String), pl.col(grade).cast(pl.String)], separator="|")
    mv = pl.concat(
        [
            part.select(
                school, grade, "__type", pl.lit(k).alias("__k"), pl.col(f"n_{k}").alias("n"),
                (pl.col(f"N_{k}") / pl.col("N_sg") * (pl.col("N_sg") - pl.col("W_x"))).alias("T"),
            )
            for k in ("m", "v")
        ]
    )  # fmt: skip
    # 2. pool short cells across schools within grade × gender × school type, never across grades
    pool = [grade, "__k", "__type"]
    own = pl.concat_str([pl.col(school).cast(pl.String), pl.col(grade).cast(pl.String), "__k"], separator="|")
    pool_name = pl.concat_str([pl.col(grade).cast(pl.String), "__k", "__type"], separator="|")
    mv = mv.with_columns((pl.col("n") < min_cell_n).alias("__short"))
    mv = mv.with_columns(
        pl.col("n").filter(pl.col("__short")).sum().over(pool).alias("__pooled_n")
    ).with_columns(
        pl.when(~pl.col("__short").any().over(pool))
        .then(pl.lit("gender"))
        .when(pl.col("__pooled_n") < min_cell_n)
        .then(pl.lit("all"))
        .when(pl.col("__short"))
        .then(pl.lit("pooled"))
        .otherwise(pl.lit("gender"))
        .alias("level")
    )
    mv = mv.with_columns(
        pl.when(pl.col("level") == "gender")
        .then(own)
        .otherwise(pool_name + "|" + pl.col("level"))
        .alias("cell")
    )
    still_short = pl.col("n").sum().over([*gt, "cell"]) < min_cell_n
    mv = mv.with_columns(still_short.any().over(gt).alias("__gt_short")).with_columns(
        pl.when(pl.col("__gt_short")).then(pl.lit("grade_type")).otherwise(pl.col("level")).alias("level"),
        pl.when(pl.col("__gt_short"))
        .then(pl.concat_str([pl.col(grade).cast(pl.String), "__type"], separator="|") + "|grade_type")
        .otherwise(pl.col("cell"))
        .alias("cell"),
    )
    xc = part.filter(pl.col("n_x") > 0).select(
        school, grade, "__type", pl.lit("x").alias("__k"), pl.col("n_x").alias("n"), pl.col("W_x").alias("T"),
        pl.lit("x").alias("level"), (sg_key + "|x").alias("cell"),
    )  # fmt: skip
    cells = pl.concat([mv.select(xc.columns), xc])

    # 3. second step: municipal enrolment per grade × school type (also the school × grades that did not take
    # part)
    enrolled_gt = sg.group_by(gt).agg(pl.sum("N_sg").alias("__N_all"))
    covered_gt = part.group_by(gt).agg(pl.sum("N_sg").alias("__N_part"))
    factor = covered_gt.join(enrolled_gt, on=gt).with_columns(
        (pl.col("__N_all") / pl.col("__N_part")).alias("__g2")
    )
    cells = cells.join(factor.select(*gt, "__g2"), on=gt, how="left").with_columns(
        (pl.col("T") * pl.col("__g2")).alias("T")
    )
    totals = cells.group_by("cell", *gt).agg(pl.sum("n"), pl.sum("T"))
    if trim is not None:
        totals = _trim(totals, gt, trim)
    totals = totals.with_columns((pl.col("T") / pl.col("n")).alias("__w"))

    lookup = cells.select(school, grade, "__k", "cell").join(totals.select("cell", "__w"), on="cell")
    rows = (
        frame.with_columns(
            pl.when(g.is_in(["m", "v"]).fill_null(False)).then(g).otherwise(pl.lit("x")).alias("__k")
        )
        .join(lookup, on=[school, grade, "__k"], how="left", maintain_order="left")
        .sort("__row")
    )
    population = totals.select(pl.col("cell").alias(CELL), pl.col("T").alias("N")).sort(CELL)
    weighted = original.with_columns(rows["__w"].alias(WEIGHT), rows["cell"].alias(CELL))
    base = SurveyDesign(psu=psu if psu in original.columns else None, strata=school)
    design = poststratify(weighted, base, [CELL], population)
    report = _report(sg, cells, factor, school, grade, min_cell_n)
    coverage = _coverage(sg, factor, school, grade)
    return WeightingResult(
        rows["__w"].alias(WEIGHT),
        rows["cell"].alias(CELL),
        population,
        report,
        weighted,
        design,
        coverage,
    )


def _trim(totals: pl.DataFrame, gt: list[str], trim: float, max_rounds: int = 50) -> pl.DataFrame:
    """Cap cell weights at trim × the median respondent weight, the excess to the rest of the grade × type."""
    w = (totals["T"] / totals["n"]).to_numpy()
    n = totals["n"].to_numpy().astype(float)
    order = w.argsort()
    cum = n[order].cumsum()
    median = float(w[order][min(int((cum < cum[-1] / 2).sum()), len(w) - 1)])
    cap = trim * median
    t = totals.with_columns(pl.lit(False).alias("__capped"))
    for _ in range(max_rounds):
        above = (pl.col("T") / pl.col("n")) > cap * (1 + 1e-12)
        t = t.with_columns(
            above.alias("__above"), (~pl.col("__capped") & ~above).alias("__free")
        ).with_columns(pl.col("T").filter(pl.col("__free")).sum().over(gt).alias("__free_gt"))
        # a cell is capped only where other cells of its grade × type can take the excess
        t = t.with_columns((pl.col("__above") & (pl.col("__free_gt") > 0)).alias("__over"))
        if not t["__over"].any():
            break
        t = t.with_columns(
            pl.when(pl.col("__over")).then(pl.col("T") - cap * pl.col("n")).otherwise(0.0).alias("__excess")
        ).with_columns(pl.col("__excess").sum().over(gt).alias("__excess_gt"))
        t = t.with_columns(
            pl.when(pl.col("__over"))
            .then(cap * pl.col("n"))
            .when(pl.col("__free"))
            .then(pl.col("T") * (1 + pl.col("__excess_gt") / pl.col("__free_gt")))
            .otherwise(pl.col("T"))
            .alias("T"),
            (pl.col("__capped") | pl.col("__over")).alias("__capped"),
        )
    t = t.drop("__above", "__free", "__free_gt", "__over", "__excess", "__excess_gt", strict=False)
    return t.drop("__capped")


LEVEL_NOTE = {
    "gender": "eigen cel per school × leerjaar × geslacht",
    "pooled": "kleine cel samengevoegd met andere scholen (zelfde leerjaar, geslacht en schooltype)",
    "all": "cel samengevoegd over alle scholen van hetzelfde leerjaar, geslacht en schooltype",
    "grade_type": "cel samengevoegd over jongens en meisjes van hetzelfde leerjaar en schooltype",
}


def _report(
    sg: pl.DataFrame,
    cells: pl.DataFrame,
    factor: pl.DataFrame,
    school: str,
    grade: str,
    min_cell_n: int,
) -> pl.DataFrame:
    """Per school × grade: counts, enrolment, the coarsest level its boys' and girls' cells reached."""
    rank = {"gender": 0, "pooled": 1, "all": 2, "grade_type": 3}
    levels = (
        cells.filter(pl.col("__k") != "x")
        .with_columns(pl.col("level").replace_strict(rank, return_dtype=pl.Int64).alias("__rank"))
        .group_by(school, grade)
        .agg(pl.col("__rank").max())
        .with_columns(pl.col("__rank").replace_strict({v: k for k, v in rank.items()}).alias("level"))
    )
    out = (
        sg.join(levels.select(school, grade, "level"), on=[school, grade], how="left")
        .join(factor.select(grade, "__type", "__g2"), on=[grade, "__type"], how="left")
        .with_columns(
            pl.when(pl.col("n_sg") == 0)
            .then(
                pl.when(pl.col("__g2").is_null())
                .then(pl.lit("deed niet mee; niet vertegenwoordigd (geen school van dit leerjaar en type)"))
                .otherwise(pl.lit("deed niet mee; vertegenwoordigd door hetzelfde leerjaar en schooltype"))
            )
            .otherwise(pl.col("level").replace_strict(LEVEL_NOTE, default=None))
            .alias("note"),
            pl.when(pl.col("n_sg") == 0)
            .then(pl.lit("not_taking_part"))
            .otherwise(pl.col("level"))
            .alias("level"),
            pl.col("__type").alias("school_type"),
        )
    )
    del min_cell_n
    return out.select(school, grade, "school_type", "n_m", "n_v", "n_x", "N_m", "N_v", "level", "note").sort(
        school, grade
    )


def _coverage(sg: pl.DataFrame, factor: pl.DataFrame, school: str, grade: str) -> Coverage:
    schools = sg[school].unique()
    taking = sg.filter(pl.col("n_sg") > 0)[school].unique()
    missing = (
        sg.filter(pl.col("n_sg") == 0, pl.col(school).is_in(taking.implode()))
        .sort(school, grade)
        .select(pl.col(school).cast(pl.String), pl.col(grade).cast(pl.Int64))
        .rows()
    )
    gts = sg.group_by(grade, "__type").agg(pl.sum("N_sg"))
    uncovered = gts.join(factor.select(grade, "__type"), on=[grade, "__type"], how="anti").sort(
        grade, "__type"
    )
    total = float(sg["N_sg"].sum())
    covered = total - float(uncovered["N_sg"].sum())
    absent = schools.len() - taking.len()
    parts = []
    if absent:
        parts.append(f"{absent} van {schools.len()} scholen {'deed' if absent == 1 else 'deden'} niet mee")
    else:
        parts.append(f"alle {schools.len()} scholen deden mee")
    if missing:
        grades = len(missing)
        n_sch = len({s for s, _ in missing})
        parts.append(
            f"van {n_sch} {'school' if n_sch == 1 else 'scholen'} deed{'' if grades == 1 else 'en'} "
            f"{grades} {'leerjaar' if grades == 1 else 'leerjaren'} niet mee"
        )
    how = (
        "cijfers zijn gewogen naar het aantal leerlingen per leerjaar en schooltype in de gemeente"
        if absent or missing
        else "cijfers zijn gewogen naar het aantal leerlingen per school, leerjaar en geslacht"
    )
    sentence = "; ".join(parts) + "; " + how + "."
    if uncovered.height:
        what = ", ".join(f"leerjaar {g} {t}" for g, t in uncovered.select(grade, "__type").rows())
        sentence += f" Niet vertegenwoordigd (geen school deed mee): {what}."
    sentence = sentence[0].upper() + sentence[1:]
    return Coverage(
        schools=schools.len(),
        schools_participating=taking.len(),
        missing_school_grades=tuple((str(s), int(g)) for s, g in missing),
        uncovered=tuple((int(g), str(t)) for g, t in uncovered.select(grade, "__type").rows()),
        enrolment=total,
        enrolment_covered=covered,
        sentence=sentence,
    )
