"""The `analyse estimate` sub-command."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from typer.testing import CliRunner

from kansrijk.analysis.commands import app
from tests.analysis.golden_cases import GOLDEN


def test_estimate_writes_a_suppressed_table(tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    args = [
        "estimate",
        str(GOLDEN / "school.csv"),
        "--var",
        "life_sat",
        "--by",
        "grade",
        "--weights",
        "weight",
    ]
    result = CliRunner().invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pl.read_csv(out)
    assert table["grade"].to_list() == [1, 2, 3]
    assert table.filter(pl.col("grade") == 3)["suppressed"][0] == "n<30"


def test_bad_column_exits_2_with_fix() -> None:
    result = CliRunner().invoke(app, ["estimate", str(GOLDEN / "school.csv"), "--var", "nope"])
    assert result.exit_code == 2
    assert "not a column" in result.output
