"""The domain's own degrees of freedom against R (golden/domain_df.R → domain_df.csv, domain_vs_rest_df.csv).

R's `svyby(~y, ~school, design, svyciprop)` uses `degf(subset(design, school == s))` for each school: the
school's classes minus one. A school (or school × grade) with one class has df 0: its variance is not
estimable and there is no CI. Means use the same df (`confint(svymean(...), df = ...)`).
"""

from __future__ import annotations

import math

import polars as pl
import pytest

from kansrijk.analysis import estimate
from kansrijk.analysis.contrast import domain_vs_rest
from kansrijk.analysis.estimate import Statistic
from tests.analysis.golden_cases import GOLDEN, case

golden = pl.read_csv(GOLDEN / "domain_df.csv", infer_schema_length=0)
GROUPS = golden.select("case", "by").unique(maintain_order=True).rows()


def close(ours: float | None, theirs: str | None, scale: float) -> bool:
    if theirs in (None, ""):
        return ours is None
    return ours is not None and math.isclose(ours, float(theirs), rel_tol=1e-9, abs_tol=scale)


@pytest.mark.parametrize(("name", "by"), GROUPS, ids=[f"{c}-{b}" for c, b in GROUPS])
def test_domain_df_and_ci_match_r(name: str, by: str) -> None:
    data, design, _ = case(name)
    by_cols = by.split("+")
    expected = golden.filter(pl.col("case") == name, pl.col("by") == by)
    cases: tuple[tuple[str, Statistic], ...] = (("alc_30d", "proportion"), ("life_sat", "mean"))
    for variable, statistic in cases:
        table = estimate(data, design, [variable], by_cols, statistic, df="domain").with_columns(
            pl.concat_str([pl.col(b).cast(pl.String) for b in by_cols], separator="|").alias("domain")
        )
        if statistic == "proportion":
            table = table.filter(pl.col("level").is_null())
        rows = expected.filter(pl.col("variable") == variable)
        assert table.height == rows.height
        for row in rows.iter_rows(named=True):
            got = table.filter(pl.col("domain") == row["domain"]).row(0, named=True)
            where = (name, by, variable, row["domain"])
            assert got["df"] == int(row["df"]), where
            scale = abs(float(row["estimate"])) * 1e-12
            assert close(got["estimate"], row["estimate"], scale), where
            assert close(got["se"], row["se"], scale), where  # R's "0" is 1e-17 here: compared absolutely
            if int(row["df"]) < 1:
                assert got["ci_low"] is None and got["ci_high"] is None, where
            else:
                assert close(got["ci_low"], row["ci_low"], scale), where
                assert close(got["ci_high"], row["ci_high"], scale), where


def test_design_df_stays_the_default() -> None:
    data, design, _ = case("school")
    table = estimate(data, design, ["life_sat"], ["school_id"])
    assert set(table["df"].to_list()) == {11}  # degf(design): 17 classes − 6 schools


@pytest.mark.parametrize("name", ["school", "school_ps"])
def test_school_versus_rest_uses_the_schools_df(name: str) -> None:
    data, design, _ = case(name)
    data = data.with_columns(pl.col("alc_30d").cast(pl.Float64), pl.col("life_sat").cast(pl.Float64))
    schools = sorted(data["school_id"].unique().to_list())
    result = domain_vs_rest(data, design, ["alc_30d", "life_sat"], "school_id", schools, own_df=True)
    expected = pl.read_csv(GOLDEN / "domain_vs_rest_df.csv", infer_schema_length=0).filter(
        pl.col("case") == name
    )
    assert result.height == expected.height
    for row in expected.iter_rows(named=True):
        got = result.filter(pl.col("variable") == row["variable"], pl.col("domain") == row["school_id"]).row(
            0, named=True
        )
        where = (name, row["variable"], row["school_id"])
        assert got["df"] == int(row["df"]), where
        assert got["difference"] == pytest.approx(float(row["difference"]), rel=1e-9), where
        assert got["se"] == pytest.approx(float(row["se"]), rel=1e-9), where
        if int(row["df"]) < 1:  # one class: no test, no direction
            assert got["p_value"] is None and got["direction"] == "not_estimable", where
        else:
            assert got["p_value"] == pytest.approx(float(row["p_value"]), rel=1e-9), where
