"""The written dataset: snapshots, skip logic and constraints, data-quality features, the instrument change,
CSV conventions, and byte-identical output for the same seed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from kansrijk.instrument.xlsform_read import load_xlsform
from kansrijk.snapshot import FIXED_COLUMNS, read_snapshot
from kansrijk.synth.csv_out import read_dutch_csv
from kansrijk.synth.dataset import PEER_ITEMS_2026, DatasetResult, SynthError, generate_dataset, wave_years
from tests.synth.helpers import clean


def _answers(row: dict[str, object], instrument_items: dict[str, str]) -> dict[str, object]:
    """One snapshot row as the instrument library's answers dict (select_multiple → list of codes)."""
    out: dict[str, object] = {}
    for name, kind in instrument_items.items():
        if kind == "select_multiple":
            chosen = [k.split("__", 1)[1] for k, v in row.items() if k.startswith(f"{name}__") and v]
            answered = any(k.startswith(f"{name}__") and v is not None for k, v in row.items())
            out[name] = chosen if answered else None
        elif name in row:
            out[name] = row[name]
    return out


def test_snapshots_read_back_with_meta(demo: DatasetResult) -> None:
    assert [w.year for w in demo.waves] == [2019, 2021, 2023]
    for w in demo.waves:
        snap = read_snapshot(w.folder)
        assert list(snap.responses.columns[: len(FIXED_COLUMNS)]) == list(FIXED_COLUMNS)
        assert 5000 < snap.meta.row_count < 7000
        assert snap.meta.municipality_code == "GM9999"
        assert snap.meta.extra["synthetic"] == "true"
        xlsx = w.folder.parent / snap.meta.extra["xlsform"]
        assert hashlib.sha256(xlsx.read_bytes()).hexdigest() == snap.meta.instrument.sha256
        # enrolment is the population: at least as many enrolled as responded per school × grade
        enrolled = pl.DataFrame(
            [{"school_id": r.school_id, "grade": r.grade, "n": r.n} for r in snap.meta.enrolment]
        )
        per_cell = enrolled.group_by("school_id", "grade").agg(pl.col("n").sum())
        got = snap.responses.group_by("school_id", "grade").len().join(per_cell, on=["school_id", "grade"])
        assert (got["len"] <= got["n"]).all()
        assert got.height == snap.responses.select("school_id", "grade").unique().height


def test_instrument_change_between_waves(demo: DatasetResult) -> None:
    first, second = (read_snapshot(w.folder) for w in demo.waves[:2])
    assert first.meta.instrument.version != second.meta.instrument.version
    assert first.meta.instrument.version == "2019.1"
    dropped = set(second.responses.columns) - set(first.responses.columns)
    # one item dropped before the first wave, plus the peer items OKO kern added in 2026.1
    assert dropped == {"drug_nitrous_life", *PEER_ITEMS_2026}
    old = load_xlsform((demo.waves[0].folder.parent / first.meta.extra["xlsform"]).read_bytes())
    new = load_xlsform((demo.waves[1].folder.parent / second.meta.extra["xlsform"]).read_bytes())
    assert old.version == "2019.1"
    assert {i.name for i in new.items} - {i.name for i in old.items} == dropped


@pytest.mark.slow
def test_relevance_and_constraints_never_violated(demo: DatasetResult) -> None:
    """Checked row by row with the instrument library's one-respondent evaluator (not the Polars path the
    generator used)."""
    for w in demo.waves:
        snap = read_snapshot(w.folder)
        inst = load_xlsform((w.folder.parent / snap.meta.extra["xlsform"]).read_bytes())
        cond = inst.conditions
        kinds = {i.name: i.type for i in inst.items if i.answerable}
        rows = snap.responses.sample(n=800, seed=1).to_dicts()
        checked = 0
        for row in rows:
            answers = _answers(row, kinds)
            answers["bg_pc4"] = row["pc4"]
            for name, kind in kinds.items():
                value = answers.get(name)
                if value is None or (kind in ("text", "date") and name != "bg_pc4"):
                    continue
                assert cond.is_relevant(name, answers), (
                    f"{name} answered but not relevant: {row['respondent_id']}"
                )
                assert not cond.violates_constraint(name, answers), f"{name}={value!r} breaks its constraint"
                checked += 1
        assert checked > 800 * 40


def test_skip_logic_shape(demo: DatasetResult) -> None:
    r = read_snapshot(demo.waves[-1].folder).responses
    never = r.filter(pl.col("alc_life") == "0")
    assert never["alc_30d"].null_count() == never.height
    users = r.filter(pl.col("alc_life").is_not_null() & (pl.col("alc_life") != "0") & pl.col("complete"))
    assert users["alc_30d"].null_count() < 0.02 * users.height
    # 30-day use never above lifetime use (speeders' random answers may break it; cleaning finds them)
    both = clean(r, 0.35).drop_nulls(["alc_life", "alc_30d"])
    assert (both["alc_30d"].cast(pl.Int64) <= both["alc_life"].cast(pl.Int64)).all()
    speeders = r.filter(pl.col("duration_s") < 0.35 * r["duration_s"].median()).drop_nulls(
        ["alc_life", "alc_30d"]
    )  # type: ignore[operator]
    assert (speeders["alc_30d"].cast(pl.Int64) > speeders["alc_life"].cast(pl.Int64)).any()


def test_data_quality_features_present(demo: DatasetResult) -> None:
    r = read_snapshot(demo.waves[-1].folder).responses
    n = r.height
    dishonest = r.filter(pl.col("fict_life").is_not_null() & (pl.col("fict_life") != "0")).height
    assert 0.012 * n < dishonest < 0.04 * n
    partial = r.filter(~pl.col("complete")).height
    assert 0.015 * n < partial < 0.05 * n
    mh = r.select([f"wb_mh_{i}" for i in range(1, 6)]).drop_nulls()
    straight = mh.filter(
        pl.all_horizontal(pl.col(f"wb_mh_{i}") == pl.col("wb_mh_1") for i in range(2, 6))
    ).height
    assert straight > 0.01 * mh.height  # MHI-5 mixes positive and negative items: same answers are suspect
    median = r["duration_s"].median()
    assert isinstance(median, float | int)
    fast = r.filter(pl.col("complete") & (pl.col("duration_s") < 0.35 * median)).height
    assert 0.01 * n < fast < 0.04 * n
    assert (r["duration_s"] % 5 == 0).all()
    optional = r.filter(pl.col("complete"))["rs_money_worries"]
    assert optional.null_count() > 0  # item non-response
    assert set(r["gender"].drop_nulls().unique()) == {"m", "v", "x"}
    assert r["gender"].null_count() > 0  # "zeg ik liever niet" → null in the fixed column
    assert "nz" in set(r["bg_gender"].drop_nulls())
    wijk = r["wijk"].value_counts()
    assert "buiten" in wijk["wijk"].to_list()
    assert (
        r["respondent_id"]
        .str.contains(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        .all()
    )


def test_class_nonresponse_varies(demo: DatasetResult) -> None:
    classes = read_dutch_csv(demo.out_dir / "classes.csv", {"leerlingen": pl.Int64})
    r = read_snapshot(demo.waves[-1].folder).responses
    got = r.group_by("class_id").len()
    wave = classes.filter(pl.col("meting") == "GM9999-2023")
    joined = wave.join(got, left_on="klas_id", right_on="class_id", how="left").fill_null(0)
    rate = (joined["len"] / joined["leerlingen"]).to_numpy()
    assert (rate == 0).sum() >= 1  # a class that did not take part
    assert np.std(rate[rate > 0]) > 0.04


def test_csv_conventions_and_contents(demo_dir: Path) -> None:
    for name in ("areas", "pc4_wijk", "schools", "classes", "enrolment", "context", "reference"):
        raw = (demo_dir / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name
        assert b";" in raw.splitlines()[0]
    schools = read_dutch_csv(demo_dir / "schools.csv", {"lat": pl.Float64})
    assert schools["school_id"].str.contains(r"^\d{2}[A-Z]{2}00$").all()
    assert 50 < schools["lat"].min() < 54  # type: ignore[operator]
    assert "," in (demo_dir / "schools.csv").read_text(encoding="utf-8-sig").splitlines()[1]
    context = read_dutch_csv(demo_dir / "context.csv")
    assert context["bron"].str.starts_with("SYNTHETISCH").all()
    assert {"wijk", "buurt"} == set(context["gebiedsniveau"])
    assert set(context["indicator"]) >= {
        "kinderen_armoede",
        "veilig_thuis_meldingen",
        "voortijdig_schoolverlaters",
    }
    ref = read_dutch_csv(demo_dir / "reference.csv", {"schatting": pl.Float64, "se": pl.Float64})
    assert ref["gemeentecode"].n_unique() == 3
    assert ref["se"].null_count() > 0  # one municipality publishes no SE
    enrol = read_dutch_csv(demo_dir / "enrolment.csv", {"aantal": pl.Int64})
    assert set(enrol["geslacht"]) == {"m", "v"}
    pc4 = read_dutch_csv(demo_dir / "pc4_wijk.csv", {"aandeel": pl.Float64})
    sums = pc4.group_by("pc4").agg(pl.col("aandeel").sum())["aandeel"].to_numpy()
    assert np.allclose(sums, 1.0)


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_same_seed_byte_identical_other_seed_differs(tmp_path: Path) -> None:
    a = generate_dataset(tmp_path / "a", pupils=1200, waves=2, seed=11)
    b = generate_dataset(tmp_path / "b", pupils=1200, waves=2, seed=11)
    c = generate_dataset(tmp_path / "c", pupils=1200, waves=2, seed=12)
    ha, hb, hc = _hashes(a.out_dir), _hashes(b.out_dir), _hashes(c.out_dir)
    assert len(ha) >= 13
    assert ha == hb
    assert ha.keys() == hc.keys()
    assert ha["waves/2023/snapshot/responses.parquet"] != hc["waves/2023/snapshot/responses.parquet"]


def test_refuses_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(SynthError, match="at least 100"):
        generate_dataset(tmp_path / "x", pupils=10)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "f").write_text("x")
    with pytest.raises(SynthError, match="not empty"):
        generate_dataset(tmp_path / "full", pupils=500)
    with pytest.raises(SynthError, match="grades"):
        generate_dataset(tmp_path / "y", pupils=500, grades=(7,))
    assert wave_years(3) == (2019, 2021, 2023)
