"""suppress(): primary reasons, complementary suppression, reliability, configurable rules."""

from __future__ import annotations

import polars as pl

from kansrijk.analysis import DisclosureRules, suppress


def grades(n: list[int], n_level: list[int], rse: list[float]) -> pl.DataFrame:
    k = len(n)
    return pl.DataFrame(
        {"variable": ["alc"] * k, "statistic": ["proportion"] * k, "grade": list(range(1, k + 1)),
         "level": [None] * k, "estimate": [0.2] * k, "se": [0.02] * k, "n": n, "n_level": n_level, "rse":
         rse},
        schema_overrides={"level": pl.String},
    )  # fmt: skip


def test_primary_reasons() -> None:
    out = suppress(grades([25, 100, 100, 100], [10, 2, 50, 50], [0.1, 0.1, 0.6, 0.1]))
    assert out["suppressed"].to_list()[:3] == ["n<30", "count<3", "rse>0.5"]
    assert out["estimate"].to_list()[:3] == [None, None, None]


def test_all_but_one_answer_is_also_disclosive() -> None:
    out = suppress(grades([100, 100], [99, 50], [0.01, 0.1]))
    assert out["suppressed"][0] == "count<3"


def test_single_suppressed_sibling_gets_a_complement() -> None:
    out = suppress(grades([25, 300, 40, 200], [10, 50, 20, 50], [0.1, 0.1, 0.35, 0.1]))
    assert out["suppressed"].to_list() == ["n<30", None, "complementary", None]  # smallest n among the rest
    assert out["reliability"].to_list() == [None, "ok", None, "ok"]


def test_caution_and_municipal_rules() -> None:
    strict = DisclosureRules(min_n=50, rse_caution=0.2)
    out = suppress(grades([45, 300, 300], [10, 50, 50], [0.1, 0.25, 0.1]), rules=strict)
    assert out["suppressed"].to_list() == ["n<50", "complementary", None]
    assert out["reliability"].to_list() == [None, None, "ok"]
    out = suppress(grades([300, 300], [50, 50], [0.25, 0.1]), rules=strict)
    assert out["reliability"].to_list() == ["caution", "ok"]


def test_levels_of_one_domain_protect_each_other() -> None:
    table = pl.DataFrame(
        {"variable": ["freq"] * 3, "statistic": ["proportion"] * 3, "level": ["0", "1", "2"],
         "estimate": [0.7, 0.28, 0.02], "n": [100] * 3, "n_level": [70, 28, 2], "rse": [0.05, 0.1, 0.4]}
    )  # fmt: skip
    out = suppress(table)
    assert sorted(out["suppressed"].drop_nulls().to_list()) == ["complementary", "count<3"]
