"""The factor frame weights exactly as the pipeline does: the same totals as the published table."""

from __future__ import annotations

import polars as pl
import pytest

from kansrijk.analysis import factor_table
from kansrijk.analysis.factor_frame import respondent_frame, weighting_rules
from kansrijk.analysis.pipeline import AnalysisOptions, run_analysis
from kansrijk.analysis.weights import WeightingRules
from kansrijk.instrument import load_xlsform
from kansrijk.synth.dataset import generate_dataset


def test_the_factor_tables_total_equals_the_published_total(tmp_path) -> None:  # type: ignore[no-untyped-def]
    generate_dataset(tmp_path / "data", pupils=900, waves=1, seed=5)
    schools = pl.read_csv(tmp_path / "data" / "schools.csv", separator=";")
    types = dict(zip(schools["school_id"], schools["schooltype"], strict=True))
    folder = next((tmp_path / "data" / "waves").iterdir())
    instrument = load_xlsform(next(folder.glob("*.xlsx")))
    rules = WeightingRules(min_cell_n=8)  # a municipality's own rule, recorded in the run's meta
    result = run_analysis(folder / "snapshot", instrument, school_types=types,
                          options=AnalysisOptions(weighting=rules))  # fmt: skip
    assert weighting_rules(result.meta["weighting"]) == rules
    frame, design = respondent_frame(folder / "snapshot", instrument, school_types=types, weighting=rules)
    published = result.table.filter(pl.col("domain_type") == "total")
    checked = 0
    for outcome in ("alc_30d", "drunk_30d", "tob_30d"):
        column = f"ind__{outcome}"
        if column not in frame.columns:
            continue
        data = frame.with_columns(pl.col(column).cast(pl.Float64))
        table = factor_table(data, design, column, "grade", disclosure=None)
        # the levels (grades: every pupil has one) add up to the total: Σ p·W / Σ W is the ratio estimate
        total = (table["estimate"] * table["weighted_n"]).sum() / table["weighted_n"].sum()
        want = published.filter(pl.col("indicator") == outcome)
        assert total == pytest.approx(want["estimate"][0], rel=1e-10), outcome
        assert table["weighted_n"].sum() == pytest.approx(want["weighted_n"][0], rel=1e-10)
        checked += 1
    assert checked >= 2
