"""The pipeline from snapshot to result table, on a small synthetic municipality.

Figures are checked against independent computations written here (weighted means with NumPy, the pooled
reference by hand), never against the pipeline's own output; the statistics themselves are checked against R
in test_estimate_golden.py and test_contrast.py.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest

from kansrijk.analysis import DisclosureRules
from kansrijk.analysis.cleaning import clean
from kansrijk.analysis.pipeline import PREFIX, AnalysisOptions, AnalysisResult, indicator_frame, run_analysis
from kansrijk.analysis.reference import read_reference
from kansrijk.analysis.weights import enrolment_weights
from kansrijk.instrument import load_xlsform
from kansrijk.snapshot import read_snapshot
from kansrijk.synth.dataset import generate_dataset

CONTRACT_COLUMNS = {
    "indicator", "unit", "domain_type", "domain", "estimate", "se", "ci_low", "ci_high", "df", "n", "n_yes",
    "weighted_n", "deff", "rse", "suppressed", "reliability", "vs_total", "prev_estimate", "trend_difference",
    "trend_se", "trend_p", "trend", "reference_estimate", "reference_p", "reference", "comparable_hash",
}  # fmt: skip


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "data"
    generate_dataset(out, pupils=2500, waves=2, seed=7)
    return out


@pytest.fixture(scope="module")
def school_types(dataset: Path) -> dict[str, str]:
    schools = pl.read_csv(dataset / "schools.csv", separator=";")
    return dict(zip(schools["school_id"], schools["schooltype"], strict=True))


def wave(dataset: Path, year: int) -> tuple[Path, Path]:
    folder = dataset / "waves" / str(year)
    return folder / "snapshot", next(folder.glob("*.xlsx"))


@pytest.fixture(scope="module")
def results(dataset: Path, school_types: dict[str, str]) -> tuple[AnalysisResult, AnalysisResult]:
    snap_a, form_a = wave(dataset, 2021)
    snap_b, form_b = wave(dataset, 2023)
    reference = read_reference(dataset / "reference.csv")
    first = run_analysis(snap_a, load_xlsform(form_a), school_types=school_types, reference=reference)
    second = run_analysis(
        snap_b, load_xlsform(form_b), school_types=school_types, previous=[first], reference=reference
    )
    return first, second


def test_table_has_the_contract_columns_and_every_domain(
    results: tuple[AnalysisResult, AnalysisResult],
) -> None:
    table = results[1].table
    assert set(table.columns) >= CONTRACT_COLUMNS
    expected = {"total", "grade", "gender", "school_type", "school", "school_grade", "grade_gender", "wijk"}
    assert set(table["domain_type"]) == expected
    per_indicator = table.group_by("indicator").len()
    assert per_indicator["len"].n_unique() == 1  # every indicator in every domain
    assert table.filter(pl.col("domain_type") == "total").height == per_indicator.height


def test_total_estimate_equals_an_independent_weighted_mean(dataset: Path) -> None:
    snap_dir, form = wave(dataset, 2023)
    instrument = load_xlsform(form)
    snapshot = read_snapshot(snap_dir)
    result = run_analysis(snapshot, instrument)
    # Independent: the weighted share by hand from the kept rows, the weights and the indicator's definition.
    kept = clean(snapshot.responses, instrument).data.filter(pl.col("__keep"))
    enrolment = pl.DataFrame(
        [(e.school_id, e.grade, e.gender, e.n) for e in snapshot.meta.enrolment],
        schema={"school_id": pl.String, "grade": pl.Int64, "gender": pl.String, "N": pl.Int64},
        orient="row",
    )
    w = enrolment_weights(kept, enrolment).data["weight"].to_numpy()
    # alc_30d = ${alc_life} != '0' and ${alc_30d} >= 1, with three-valued logic: never drank → no; drank and
    # answered the 30-day question → yes/no; otherwise unknown (outside the denominator).
    values = []
    for life, month in zip(kept["alc_life"].to_list(), kept["alc_30d"].to_list(), strict=True):
        if life == "0":
            values.append(0.0)
        elif life is not None and month is not None:
            values.append(1.0 if int(month) >= 1 else 0.0)
        else:
            values.append(np.nan)
    y = np.array(values)
    mask = ~np.isnan(y)
    expected = (w[mask] * y[mask]).sum() / w[mask].sum()
    row = result.table.filter(pl.col("indicator") == "alc_30d", pl.col("domain_type") == "total").row(
        0, named=True
    )
    assert row["estimate"] == pytest.approx(expected, rel=1e-9)
    assert row["n"] == int(mask.sum())
    assert row["ci_low"] < row["estimate"] < row["ci_high"]


def test_indicator_frame_follows_the_instrument(dataset: Path) -> None:
    snap_dir, form = wave(dataset, 2023)
    instrument = load_xlsform(form)
    responses = read_snapshot(snap_dir).responses
    values, units = indicator_frame(responses, instrument)
    assert set(units) == {i.code for i in instrument.indicators}
    tob = values[PREFIX + "tob_daily"].to_numpy()
    raw = responses["tob_30d"].to_list()
    for value, code in zip(tob, raw, strict=True):
        if code is None:
            assert np.isnan(value) or value is None
        else:
            assert value == (1.0 if code == "3" else 0.0)


def test_suppressed_cells_carry_no_numbers(results: tuple[AnalysisResult, AnalysisResult]) -> None:
    table = results[1].table
    hidden = table.filter(pl.col("suppressed").is_not_null())
    assert hidden.height > 0  # small schools × grades exist in a 2,500-pupil municipality
    for column in ("estimate", "se", "ci_low", "ci_high", "rse", "trend", "vs_total", "prev_estimate"):
        assert hidden[column].null_count() == hidden.height, column
    shown = table.filter(pl.col("suppressed").is_null())
    assert (shown["n"] >= 30).all()


def test_stricter_disclosure_rules_suppress_more(dataset: Path) -> None:
    snap_dir, form = wave(dataset, 2023)
    instrument = load_xlsform(form)
    loose = run_analysis(snap_dir, instrument, options=AnalysisOptions(domain_types=("total", "school")))
    strict = run_analysis(
        snap_dir,
        instrument,
        options=AnalysisOptions(disclosure=DisclosureRules(min_n=200), domain_types=("total", "school")),
    )
    count = lambda r: r.table["suppressed"].is_not_null().sum()  # noqa: E731
    assert count(strict) > count(loose)
    small = strict.table.filter(pl.col("n") < 200, pl.col("suppressed").is_null())
    assert small.height == 0


def test_trend_is_the_difference_with_the_previous_wave(
    results: tuple[AnalysisResult, AnalysisResult],
) -> None:
    first, second = results
    keys = ["indicator", "domain_type", "domain"]
    joined = second.table.filter(pl.col("trend").is_not_null()).join(
        first.table.select(*keys, pl.col("estimate").alias("first"), pl.col("se").alias("first_se")), on=keys
    )
    assert joined.height > 100
    assert np.allclose(joined["trend_difference"], joined["estimate"] - joined["first"], rtol=1e-12)
    assert np.allclose(joined["trend_se"], np.sqrt(joined["se"] ** 2 + joined["first_se"] ** 2), rtol=1e-12)
    significant = joined.filter(pl.col("trend") != "no_change")
    assert (significant["trend_p"] < 0.05).all()
    assert ((significant["trend"] == "higher") == (significant["trend_difference"] > 0)).all()


def test_no_trend_where_the_indicator_changed(dataset: Path, school_types: dict[str, str]) -> None:
    """The 2019 wave lacks an item: an indicator on it has no comparable earlier value."""
    prev_dir, prev_form = wave(dataset, 2023)
    snap_dir, form = wave(dataset, 2023)
    previous = run_analysis(
        prev_dir, load_xlsform(prev_form), options=AnalysisOptions(domain_types=("total",))
    )
    tampered = AnalysisResult(
        previous.table.with_columns(
            pl.when(pl.col("indicator") == "alc_30d")
            .then(pl.lit("other"))
            .otherwise(pl.col("comparable_hash"))
            .alias("comparable_hash")
        ),
        previous.cleaning, previous.weights, previous.response, previous.meta,
    )  # fmt: skip
    current = run_analysis(
        snap_dir, load_xlsform(form), previous=[tampered], options=AnalysisOptions(domain_types=("total",))
    )
    by = {r["indicator"]: r for r in current.table.iter_rows(named=True)}
    assert by["alc_30d"]["trend"] is None
    assert by["drunk_30d"]["trend"] == "no_change"  # same data, same hash: difference exactly 0


def test_reference_is_the_n_weighted_mean_of_other_municipalities(
    dataset: Path, results: tuple[AnalysisResult, AnalysisResult]
) -> None:
    ref = pl.read_csv(dataset / "reference.csv", separator=";", infer_schema=False)
    rows = ref.filter(pl.col("indicator") == "alc_30d", pl.col("jaar") == "2023")
    est = [float(x.replace(",", ".")) for x in rows["schatting"]]
    n = [int(x) for x in rows["n"]]
    expected = sum(e * k for e, k in zip(est, n, strict=True)) / sum(n) / 100
    row = (
        results[1]
        .table.filter(pl.col("indicator") == "alc_30d", pl.col("domain_type") == "total")
        .row(0, named=True)
    )
    assert row["reference_estimate"] == pytest.approx(expected, rel=1e-12)
    assert row["reference"] in {"higher", "lower", "no_difference"}


def test_response_and_meta(results: tuple[AnalysisResult, AnalysisResult]) -> None:
    second = results[1]
    total = second.response.filter(pl.col("school_id") == "").row(0, named=True)
    assert total["respondents"] == second.meta["respondents"]
    assert total["kept"] == second.meta["kept"] < total["respondents"]
    assert 0 < total["response_rate"] <= 1
    assert second.meta["previous_waves"] == [results[0].meta["wave_id"]]
    assert len(second.meta["weights_version"]) == 64


def test_same_input_same_table(dataset: Path) -> None:
    snap_dir, form = wave(dataset, 2023)
    instrument = load_xlsform(form)
    options = AnalysisOptions(domain_types=("total", "wijk"))
    a = run_analysis(snap_dir, instrument, options=options)
    b = run_analysis(snap_dir, instrument, options=options)
    # Same rows, flags and verdicts exactly; floating sums may differ in the last bits (parallel reductions).
    exact = [c for c, dtype in a.table.schema.items() if not dtype.is_float()]
    assert a.table.select(exact).equals(b.table.select(exact))
    for column in set(a.table.columns) - set(exact):
        assert np.allclose(a.table[column].to_numpy(), b.table[column].to_numpy(), rtol=1e-12, equal_nan=True)
    assert a.meta["weights_version"] == b.meta["weights_version"]


def test_write_and_read_back(results: tuple[AnalysisResult, AnalysisResult], tmp_path: Path) -> None:
    results[1].write(tmp_path / "out")
    back = AnalysisResult.read(tmp_path / "out")
    assert back.table.equals(results[1].table)
    assert (tmp_path / "out" / "results.csv").exists()
    assert back.meta["wave_id"] == results[1].meta["wave_id"]


def test_analyse_command_writes_the_result_files(dataset: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kansrijk.cli import app

    snap, _ = wave(dataset, 2023)
    previous, _ = wave(dataset, 2021)
    args = ["analyse", str(snap), "--previous", str(previous), "--reference", str(dataset / "reference.csv")]
    args += ["--schools", str(dataset / "schools.csv"), "--out", str(tmp_path)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    table = pl.read_parquet(tmp_path / "results.parquet")
    assert table["trend"].is_not_null().any()
    assert set(table["domain_type"]) >= {"school_type", "wijk"}
    bad = CliRunner().invoke(app, ["analyse", str(tmp_path / "nothing"), "--out", str(tmp_path / "x")])
    assert bad.exit_code == 2
    assert "meta.json" in bad.output


def test_no_published_proportion_claims_certainty(results: tuple[AnalysisResult, AnalysisResult]) -> None:
    for result in results:
        published = result.table.filter(pl.col("suppressed").is_null())
        inner = published.filter(
            pl.col("unit") == "percentage", pl.col("estimate") > 0, pl.col("estimate") < 1
        )
        assert inner.filter(pl.col("se").is_not_null() & (pl.col("se") <= 0)).height == 0
        withheld = published.filter(pl.col("reliability") == "not_estimable")
        for column in ("se", "ci_low", "ci_high", "vs_total_p", "trend_p", "vs_total", "trend"):
            assert withheld[column].null_count() == withheld.height, column
        # a school × grade figure has the school × grade's own df (classes of the grade − 1)
        own = published.filter(pl.col("domain_type") == "school_grade", pl.col("se").is_not_null())
        assert (own["df"] >= 1).all()
        assert (own["df"] < result.table.filter(pl.col("domain_type") == "total")["df"].max()).all()


def test_every_flag_survives_the_guard(results: tuple[AnalysisResult, AnalysisResult]) -> None:
    from kansrijk.analysis.multiplicity import bh_adjust

    table = results[1].table
    for kind, diff in (("vs_total", "vs_total_difference"), ("trend", "trend_difference")):
        flagged = table.filter(pl.col(kind).is_in(["higher", "lower"]))
        assert flagged.height > 0, kind
        assert (flagged[f"{kind}_q"] < 0.05).all()
        minimum = pl.when(pl.col("unit") == "percentage").then(0.03).otherwise(0.0)
        assert flagged.filter(pl.col(diff).abs() < minimum).height == 0
        # the q-values are BH within each domain type, recomputed here from the raw p-values
        wijk = table.filter(pl.col("domain_type") == "wijk", pl.col(f"{kind}_p").is_not_null())
        np.testing.assert_allclose(wijk[f"{kind}_q"], bh_adjust(wijk[f"{kind}_p"].to_numpy()), rtol=1e-12)
        counts = results[1].meta["flags"][kind]
        assert counts["guarded"] == flagged.height <= counts["raw"]


def test_a_school_that_did_not_take_part_is_stated_and_weighted_for(
    dataset: Path, school_types: dict[str, str]
) -> None:
    from kansrijk.snapshot import Snapshot

    snap_dir, form = wave(dataset, 2023)
    snapshot = read_snapshot(snap_dir)
    absent = sorted(snapshot.responses["school_id"].unique().to_list())[0]
    partial = Snapshot(snapshot.meta, snapshot.responses.filter(pl.col("school_id") != absent))
    result = run_analysis(
        partial,
        load_xlsform(form),
        school_types=school_types,
        options=AnalysisOptions(domain_types=("total",)),
    )
    schools = len({e.school_id for e in snapshot.meta.enrolment})
    assert result.meta["coverage"]["sentence"].startswith(f"1 van {schools} scholen deed niet mee")
    assert "per leerjaar en schooltype" in result.meta["coverage"]["sentence"]
    assert absent not in result.meta["schools_participating"]


def test_the_own_municipality_never_enters_its_reference(dataset: Path, school_types: dict[str, str]) -> None:
    snap_dir, form = wave(dataset, 2023)
    snapshot = read_snapshot(snap_dir)
    reference = read_reference(dataset / "reference.csv")
    own = reference.filter(pl.col("indicator") == "alc_30d", pl.col("jaar") == 2023).head(1).with_columns(
        pl.lit(snapshot.meta.municipality_code).alias("gemeentecode"), pl.lit(99.0).alias("schatting"),
        pl.lit(100_000, dtype=pl.Int64).alias("n"),
    )  # fmt: skip
    options = AnalysisOptions(domain_types=("total",))
    plain = run_analysis(snapshot, load_xlsform(form), reference=reference, options=options)
    with_own = run_analysis(
        snapshot, load_xlsform(form), reference=pl.concat([reference, own]), options=options
    )
    row = {
        name: r.table.filter(pl.col("indicator") == "alc_30d").row(0, named=True)
        for name, r in (("plain", plain), ("with_own", with_own))
    }
    assert row["with_own"]["reference_estimate"] == row["plain"]["reference_estimate"]
    assert row["plain"]["reference_year"] == 2023


def test_a_stored_wave_is_still_comparable(
    dataset: Path, results: tuple[AnalysisResult, AnalysisResult], tmp_path: Path
) -> None:
    """meta.json turns the cleaning rules' tuples into lists: a stored previous wave must still match."""
    results[0].write(tmp_path / "first")
    stored = AnalysisResult.read(tmp_path / "first")
    snap_dir, form = wave(dataset, 2023)
    again = run_analysis(
        snap_dir, load_xlsform(form), previous=[stored], options=AnalysisOptions(domain_types=("total",))
    )
    assert again.table["trend_reason"].null_count() == again.table.height
    assert again.table["trend"].drop_nulls().len() > 0
