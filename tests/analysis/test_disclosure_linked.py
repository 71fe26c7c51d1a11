"""Disclosure control over linked tables (kansrijk.analysis.linked): hand-worked margins and a whole wave.

The attacker's ranges are worked out by hand in the small cases (rounding to 0.1 point: a published
proportion p̂ of weighted size W leaves its count within ± 0.0005 · W); the whole-wave test audits every
declared margin of a full synthetic result table at once.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from kansrijk.analysis import DisclosureRules
from kansrijk.analysis.domains import (
    add_domain_columns,
    declare_margin,
    declared_margins,
    domain_links,
)
from kansrijk.analysis.linked import protect, recoverable
from kansrijk.analysis.pipeline import AnalysisOptions, run_analysis
from kansrijk.analysis.public import NOT_PUBLISHED, public_table
from kansrijk.instrument import load_xlsform
from kansrijk.snapshot import read_snapshot
from kansrijk.synth.dataset import generate_dataset


def table(rows: list[tuple[str, str, float, int, int, float]], unit: str = "percentage") -> pl.DataFrame:
    """Rows of (domain_type, domain, estimate, n, n_yes, weighted_n) for one indicator."""
    return pl.DataFrame(
        [("alc", unit, dt, d, p, n, y, w, 0.1) for dt, d, p, n, y, w in rows],
        schema=["indicator", "unit", "domain_type", "domain", "estimate", "n", "n_yes", "weighted_n", "rse"],
        orient="row",
    )


def links(pairs: list[tuple[str, str, str, str]]) -> pl.DataFrame:
    return pl.DataFrame(pairs, schema=["parent_type", "parent", "child_type", "child"], orient="row")


GRADES = links([("total", "", "grade", "1"), ("total", "", "grade", "2")])


def test_a_lonely_small_grade_is_recoverable_and_gets_a_complement() -> None:
    # total 40/200, grade 1 4/20 (n<30), grade 2 36/180: grade 1 = total − grade 2 to within 0.38 pupils
    t = table([("total", "", 0.2, 200, 40, 200.0), ("grade", "1", 0.2, 20, 4, 20.0),
               ("grade", "2", 0.2, 180, 36, 180.0)])  # fmt: skip
    only_primary = t.with_columns(
        pl.when(pl.col("domain") == "1").then(pl.lit("n<30")).otherwise(None).alias("suppressed")
    )
    before = recoverable(t, only_primary, GRADES)
    assert before["domain"].to_list() == ["1"]
    assert before["width"][0] == pytest.approx((0.0005 * 200 * 2 + 0.0005 * 180 * 2) / 1.0)
    out = protect(t, GRADES)
    # the municipality is never a complement: the only other grade is suppressed instead
    assert out["suppressed"].to_list() == [None, "n<30", "complementary"]
    assert out.filter(pl.col("suppressed").is_not_null())["estimate"].null_count() == 2
    assert recoverable(t, out, GRADES).height == 0


GENDER = links([("total", "", "gender", g) for g in ("m", "v", "x")])


def gender_table(scale: int) -> pl.DataFrame:
    """Boys and girls 30 %, gender x: 2 pupils with the answer (count<3); ``scale`` × 120 pupils."""
    nm, nv, nx = 58 * scale, 59 * scale, 3 * scale
    ym, yv = round(0.3 * nm), round(0.3 * nv)
    n = nm + nv + nx
    return table([("total", "", (ym + yv + 2) / n, n, ym + yv + 2, float(n)),
                  ("gender", "m", ym / nm, nm, ym, float(nm)), ("gender", "v", yv / nv, nv, yv, float(nv)),
                  ("gender", "x", 2 / nx, nx, 2, float(nx))])  # fmt: skip


def test_rounding_protects_gender_x_without_touching_girls() -> None:
    # 12,000 pupils: total 3,512 → 29.3 %, boys 1,740 and girls 1,770 → 30.0 %; x = total − boys − girls
    # lies in [0.2925·12000 − 0.3005·5800 − 0.3005·5900, 0.2935·12000 − 0.2995·5800 − 0.2995·5900]
    # = [−5.85, 17.85], cut at 0: a range 17.85 pupils wide ≥ 2 × 3
    t = gender_table(100)
    out = protect(t, GENDER)
    assert out["suppressed"].to_list() == [None, None, None, "count<3"]
    assert recoverable(t, out, GENDER).height == 0


def test_a_small_municipality_takes_the_smallest_complement() -> None:
    # 1,200 pupils: x lies in [0.2935·1200 − 0.3005·580 − 0.3005·590, 0.2945·1200 − 0.2995·580 − 0.2995·590]
    # = [0.615, 2.985], 2.37 pupils wide: pinned; the boys (580, smaller than the girls) are hidden too
    t = gender_table(10)
    only_primary = t.with_columns(
        pl.when(pl.col("domain") == "x").then(pl.lit("count<3")).alias("suppressed")
    )
    assert recoverable(t, only_primary, GENDER)["width"][0] == pytest.approx(2.37)
    out = protect(t, GENDER)
    assert out["suppressed"].to_list() == [None, "complementary", None, "count<3"]
    assert recoverable(t, out, GENDER).height == 0


def test_the_minimum_count_is_the_protection_level() -> None:
    # the range of 17.85 pupils does not protect when the municipality asks for ± 10
    t = gender_table(100)
    rules = DisclosureRules(min_count=10)
    out = protect(t, GENDER, rules)
    assert out["suppressed"].to_list() == [None, "complementary", None, "count<10"]
    assert recoverable(t, out, GENDER, rules).height == 0


def test_a_pinned_mean_is_recoverable_an_open_one_is_not() -> None:
    t = table([("total", "", 5.0, 200, 0, 200.0), ("grade", "1", 4.0, 20, 0, 20.0),
               ("grade", "2", 5.11, 180, 0, 180.0)], unit="mean")  # fmt: skip
    shown = t.with_columns(
        pl.when(pl.col("domain") == "1").then(pl.lit("n<30")).otherwise(None).alias("suppressed")
    )
    assert recoverable(t, shown, GRADES)["domain"].to_list() == ["1"]
    assert recoverable(t, protect(t, GRADES), GRADES).height == 0


def test_margins_are_declared_and_checked_against_the_data() -> None:
    frame = pl.DataFrame({"__domain_total": ["", "", ""], "__domain_region": ["N", "N", "Z"],
                          "__domain_wijk": ["W1", "W2", "W3"]})  # fmt: skip
    margin = declare_margin("region", "wijk")
    assert margin in declared_margins(["region", "wijk"])
    assert margin not in declared_margins(["total", "wijk"])
    got = domain_links(frame, [margin]).sort("child")
    assert got.rows() == [("region", "N", "wijk", "W1"), ("region", "N", "wijk", "W2"),
                          ("region", "Z", "wijk", "W3")]  # fmt: skip
    broken = frame.with_columns(pl.Series("__domain_wijk", ["W1", "W1", "W1"]))
    with pytest.raises(ValueError, match="does not hold"):
        domain_links(broken, [margin])


@pytest.fixture(scope="module")
def wave(tmp_path_factory: pytest.TempPathFactory) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """A whole synthetic wave analysed twice: as published, and without disclosure control (the truth)."""
    out = tmp_path_factory.mktemp("synth") / "data"
    generate_dataset(out, pupils=1500, waves=1, seed=11)
    schools = pl.read_csv(out / "schools.csv", separator=";")
    types = dict(zip(schools["school_id"], schools["schooltype"], strict=True))
    folder = next((out / "waves").iterdir())
    instrument = load_xlsform(next(folder.glob("*.xlsx")))
    published = run_analysis(folder / "snapshot", instrument, school_types=types).table
    off = AnalysisOptions(disclosure=DisclosureRules(min_n=0, min_count=0, rse_suppress=float("inf")))
    truth = run_analysis(folder / "snapshot", instrument, school_types=types, options=off).table
    frame = add_domain_columns(read_snapshot(folder / "snapshot").responses, types)
    return published, truth, domain_links(frame, declared_margins())


@pytest.mark.slow
def test_no_suppressed_cell_of_a_whole_wave_is_recoverable(wave) -> None:  # type: ignore[no-untyped-def]
    published, truth, margins = wave
    assert set(margins["child_type"]) >= {"grade", "gender", "school_grade", "grade_gender", "school", "wijk"}
    primary = published.filter(pl.col("suppressed").is_not_null() & (pl.col("suppressed") != "complementary"))
    assert primary.height > 20  # the wave has small cells to protect
    assert published.filter(pl.col("suppressed") == "complementary").height > 0
    assert recoverable(truth, published, margins).height == 0
    # the municipality's own figure is never given up to protect a small cell
    assert (
        published.filter(pl.col("domain_type") == "total")["suppressed"].null_count()
        == published.filter(pl.col("domain_type") == "total").height
    )


@pytest.mark.slow
def test_protection_per_domain_type_alone_leaves_cells_recoverable(wave) -> None:  # type: ignore[no-untyped-def]
    """The audit is not vacuous: drop every complement and cells fall to differencing."""
    published, truth, margins = wave
    primary_only = published.with_columns(
        pl.when(pl.col("suppressed") == "complementary").then(None).otherwise(pl.col("suppressed"))
        .alias("suppressed")
    )  # fmt: skip
    assert recoverable(truth, primary_only, margins).height > 0


@pytest.mark.slow
def test_the_public_table_carries_no_reason_rse_deff_or_unrounded_number(wave) -> None:  # type: ignore[no-untyped-def]
    published, _truth, _margins = wave
    public = public_table(published)
    assert public.height == published.height
    assert (
        public["rse"].null_count()
        == public["deff"].null_count()
        == public["n_yes"].null_count()
        == public.height
    )
    assert set(public["suppressed"].drop_nulls()) == {NOT_PUBLISHED}
    assert public["suppressed"].null_count() == published["suppressed"].null_count()
    for unit, step in (("percentage", 1000), ("mean", 10)):
        part = public.filter(pl.col("unit") == unit)
        for column in ("estimate", "se", "ci_low", "ci_high", "trend_difference", "prev_estimate"):
            values = part[column].drop_nulls().to_numpy()
            assert np.allclose(values * step, np.round(values * step), atol=1e-6), column
    sizes = public["weighted_n"].drop_nulls().to_numpy()
    assert np.allclose(sizes % 10, 0) and len(sizes) > 0
    assert "rse" not in public_table(published, drop=True).columns


@pytest.mark.slow
def test_warm_solves_give_the_ranges_scipy_gives_from_scratch(wave) -> None:  # type: ignore[no-untyped-def]
    """One HiGHS instance kept warm across every cell of an indicator gives the same attacker's ranges as
    SciPy's ``linprog`` solving each programme from scratch (an independent front end to the solver)."""
    from scipy.optimize import linprog

    from kansrijk.analysis.linked import LinkedProblem, margin_groups

    published, truth, margins = wave
    keys = ["indicator", "domain_type", "domain"]
    table = truth.drop("suppressed", strict=False).join(
        published.select(*keys, "suppressed"), on=keys, how="left"
    )
    groups = margin_groups(margins)
    checked = 0
    for indicator in sorted(table.filter(pl.col("unit") == "percentage")["indicator"].unique())[:6]:
        cells = table.filter(pl.col("indicator") == indicator)
        hidden = cells["suppressed"].is_not_null().to_numpy()
        problem = LinkedProblem.build(cells, groups)
        bounds = problem.bounds(hidden)
        for i in range(cells.height):  # published and hidden cells alike, in table order
            warm = problem.width(i, hidden)
            ends = []
            for sign in (1.0, -1.0):
                c = np.zeros(problem.matrix.shape[1])
                c[i] = sign
                res = linprog(c, A_eq=problem.matrix, b_eq=np.zeros(problem.matrix.shape[0]),
                              bounds=bounds, method="highs")  # fmt: skip
                assert res.status == 0
                ends.append(sign * res.fun)
            per_pupil = problem.weight[i] / problem.n[i] if problem.n[i] > 0 else 1.0
            assert warm == pytest.approx(max(0.0, ends[1] - ends[0]) / (per_pupil or 1.0), abs=1e-6)
            checked += 1
    assert checked > 100
