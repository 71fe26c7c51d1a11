"""The result-table helpers: contract normalisation and "what changed" between two runs."""

from __future__ import annotations

import polars as pl
import pytest

from kansrijk.results.tables import ResultTableError, changes_between, normalise, records

from .stand_in import result_table


def test_normalise_blanks_every_number_of_a_suppressed_row() -> None:
    table = result_table().with_columns(
        pl.when(pl.col("suppressed").is_not_null()).then(0.5).otherwise(pl.col("estimate")).alias("estimate")
    )
    out = normalise(table)
    withheld = out.filter(pl.col("suppressed").is_not_null())
    assert withheld.height == 15
    assert withheld["estimate"].null_count() == 15  # the leaked 0.5 is gone


def test_normalise_adds_missing_optional_columns_and_refuses_missing_required() -> None:
    table = result_table().drop("comparable_hash", "reference_p")
    out = normalise(table)
    assert out["comparable_hash"].to_list()[0] == ""
    assert out["reference_p"].null_count() == out.height
    with pytest.raises(ResultTableError, match="estimate"):
        normalise(result_table().drop("estimate"))


def test_records_are_plain_python() -> None:
    rows = records(result_table())
    total = next(r for r in rows if r["indicator"] == "alc_30d" and r["domain_type"] == "total")
    assert total["estimate"] == pytest.approx(0.214)
    assert total["trend"] == "lower"
    assert total["df"] == 40


def test_changes_between_counts_moves_suppression_and_flags() -> None:
    old = result_table()
    new = result_table(shift=0.01)
    # one wijk that was suppressed is now released, one grade cell now suppressed, one trend flipped
    new = new.with_columns(
        pl.when(
            (pl.col("indicator") == "alc_30d")
            & (pl.col("domain_type") == "grade")
            & (pl.col("domain") == "2")
        )
        .then(pl.lit("n<30"))
        .otherwise(pl.col("suppressed"))
        .alias("suppressed"),
        pl.when((pl.col("indicator") == "binge_30d") & (pl.col("domain_type") == "total"))
        .then(pl.lit("higher"))
        .otherwise(pl.col("trend"))
        .alias("trend"),
    )
    changes = changes_between(old, new)
    counts = changes["counts"]
    assert counts["newly_suppressed"] == 1
    # 4 percentage indicators × 15 shown cells, minus the one now suppressed
    assert counts["changed"] == 59
    assert counts["flag_changed"] == 1
    assert counts["released"] == counts["added"] == counts["removed"] == 0
    assert changes["listed"][0]["kind"] == "newly_suppressed"


def test_unchanged_rerun_reports_nothing() -> None:
    assert changes_between(result_table(), result_table())["total"] == 0
