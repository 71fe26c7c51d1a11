"""Semantics of the expression language, hand-worked, on both back ends at once."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from kansrijk.instrument import ExpressionError, Variable, compile_expression, evaluate, to_polars

CTX = {
    "age": Variable("number"),
    "hours": Variable("number"),
    "alc_life": Variable("select_one", ("0", "1", "2", "3")),
    "alc_30d": Variable("select_one", ("0", "1", "2", "3")),
    "yn": Variable("select_one", ("ja", "nee", "nz")),
    "src": Variable("select_multiple", ("shop", "parents", "friends")),
    "pc4": Variable("text"),
    "born": Variable("date"),
    "mh1": Variable("select_one", ("1", "2", "3", "4", "5", "6")),
    "mh2": Variable("select_one", ("1", "2", "3", "4", "5", "6")),
    "mh3": Variable("select_one", ("1", "2", "3", "4", "5", "6")),
    "intro": Variable("note"),
}


def both(text: str, rows: list[dict[str, Any]], **options: Any) -> list[Any]:
    """Evaluate on both back ends, assert they agree, return the values."""
    compiled = compile_expression(text, CTX, **options)
    frame = pl.DataFrame(rows, schema=_schema(rows), strict=False)
    vectorised = frame.select(compiled.to_polars().alias("v")).to_series().to_list()
    if len(vectorised) == 1 and len(rows) > 1:
        vectorised *= len(rows)
    per_row = [compiled.evaluate(r) for r in rows]
    assert vectorised == per_row, (vectorised, per_row)
    return per_row


def _schema(rows: list[dict[str, Any]]) -> dict[str, type[pl.DataType]]:
    types: dict[str, type[pl.DataType]] = {}
    for r in rows:
        for k, v in r.items():
            if v is None:
                types.setdefault(k, pl.String)
            elif isinstance(v, bool):
                types[k] = pl.Boolean
            elif isinstance(v, int | float):
                types[k] = pl.Float64
            else:
                types[k] = pl.String
    return types


def test_numeric_codes_compare_as_numbers_and_strings_as_strings() -> None:
    rows = [{"alc_30d": "0"}, {"alc_30d": "2"}, {"alc_30d": None}]
    assert both("${alc_30d} >= 1", rows) == [False, True, None]
    assert both("${alc_30d} = '2'", rows) == [False, True, None]
    assert both("${alc_30d} = 2", rows) == [False, True, None]
    # "10" > "9" only numerically; as text it would be false
    assert both("'10' > 9", [{}]) == [True]


def test_non_numeric_codes_cannot_be_compared_with_numbers() -> None:
    with pytest.raises(ExpressionError, match="not numbers"):
        compile_expression("${yn} >= 1", CTX)


def test_unknown_code_in_comparison_is_a_typo_error() -> None:
    with pytest.raises(ExpressionError, match="'jaa' is not a code of \\$\\{yn\\}"):
        compile_expression("${yn} = 'jaa'", CTX)


def test_kleene_logic() -> None:
    rows = [{"age": None, "alc_30d": "0"}, {"age": None, "alc_30d": "2"}, {"age": 14, "alc_30d": None}]
    # false and null = false; true and null = null
    assert both("${age} > 12 and ${alc_30d} >= 1", rows) == [False, None, None]
    # true or null = true; false or null = null
    assert both("${age} > 12 or ${alc_30d} >= 1", rows) == [None, True, True]
    assert both("not(${age} > 12)", rows) == [None, None, False]


def test_never_drinkers_count_as_no_thanks_to_kleene_and() -> None:
    rows = [{"alc_life": "0", "alc_30d": None}, {"alc_life": "2", "alc_30d": "1"}, {"alc_life": None}]
    assert both("${alc_life} != '0' and ${alc_30d} >= 1", rows) == [False, True, None]


def test_arithmetic_division_by_zero_and_null() -> None:
    rows = [{"age": 12, "hours": 3}, {"age": 12, "hours": 0}, {"age": None, "hours": 2}]
    assert both("${age} div ${hours}", rows) == [4.0, None, None]
    assert both("${age} + ${hours} * 2 - 1", rows) == [17.0, 11.0, None]
    assert both("-${hours}", rows) == [-3.0, -0.0, -2.0]


def test_selected_and_count_selected_on_snapshot_columns() -> None:
    rows = [
        {"src__shop": True, "src__parents": False, "src__friends": True},
        {"src__shop": False, "src__parents": False, "src__friends": False},
        {"src__shop": None, "src__parents": None, "src__friends": None},
    ]
    assert both("selected(${src}, 'shop')", rows) == [True, False, None]
    assert both("count-selected(${src})", rows) == [2.0, 0.0, None]
    assert both("${src}", rows) == ["shop friends", "", None]


def test_selected_on_select_one_and_on_answer_collections() -> None:
    assert both("selected(${yn}, 'ja')", [{"yn": "ja"}, {"yn": "nee"}, {"yn": None}]) == [True, False, None]
    compiled = compile_expression("selected(${src}, 'parents') and count-selected(${src}) = 2", CTX)
    assert compiled.evaluate({"src": ["parents", "shop"]}) is True
    assert compiled.evaluate({"src": "parents"}) is False
    assert compiled.evaluate({"src": None}) is None


def test_unknown_choice_in_selected_is_an_error() -> None:
    with pytest.raises(ExpressionError, match="'school' is not a code"):
        compile_expression("selected(${src}, 'school')", CTX)


def test_current_value_in_constraints() -> None:
    c = compile_expression(". >= 10 and . <= 20", CTX, current="age")
    assert [c.evaluate({}, v) for v in (9, 10, 20, 21, None)] == [False, True, True, False, None]
    assert c.evaluate({"age": 15}) is True  # without current, read from answers
    pc4 = compile_expression("regex(., '^[0-9]{4}$')", CTX, current="pc4")
    assert [pc4.evaluate({}, v) for v in ("6211", "621", "6211AB", "62a1")] == [True, False, False, False]
    assert both("string-length(${pc4}) = 4", [{"pc4": "6211"}, {"pc4": "62"}, {"pc4": None}]) == [
        True,
        False,
        None,
    ]


def test_dot_outside_a_constraint_is_an_error() -> None:
    with pytest.raises(ExpressionError, match="only be used in a constraint"):
        compile_expression(". > 1", CTX)


def test_mean_sum_ignore_nulls_and_min_answered() -> None:
    rows = [
        {"mh1": "1", "mh2": "3", "mh3": "6"},
        {"mh1": "2", "mh2": None, "mh3": "4"},
        {"mh1": None, "mh2": None, "mh3": "5"},
        {"mh1": None, "mh2": None, "mh3": None},
    ]
    assert both("mean(${mh1}, ${mh2}, ${mh3})", rows) == [10 / 3, 3.0, 5.0, None]
    assert both("sum(${mh1}, ${mh2}, ${mh3})", rows) == [10.0, 6.0, 5.0, None]
    assert both("mean(${mh1}, ${mh2}, ${mh3})", rows, min_answered=2) == [10 / 3, 3.0, None, None]
    assert both("mean(${mh1}, ${mh2}, ${mh3})", rows, min_answered="all") == [10 / 3, None, None, None]
    # reversed item: 7 - x on a 1..6 scale
    assert both("mean(${mh1}, 7 - ${mh3})", rows[:2]) == [1.0, 2.5]
    assert both("max(${mh1}, ${mh3})", rows) == [6.0, 4.0, 5.0, None]
    assert both("min(${mh1}, ${mh3})", rows) == [1.0, 2.0, 5.0, None]


def test_if_coalesce_int_round_number() -> None:
    rows = [{"age": 13.7, "alc_30d": None}, {"age": -2.5, "alc_30d": "3"}, {"age": None, "alc_30d": "1"}]
    assert both("if(${age} > 0, 'pos', 'neg')", rows) == ["pos", "neg", "neg"]  # null condition → else
    assert both("coalesce(${alc_30d}, '0') >= 1", rows) == [False, True, True]
    assert both("int(${age})", rows) == [13.0, -2.0, None]
    assert both("round(${age})", rows) == [14.0, -3.0, None]  # half away from zero
    assert both("round(${age}, 1)", rows) == [13.7, -2.5, None]
    assert both("number(${alc_30d}) + 1", rows) == [None, 4.0, 2.0]
    assert both("true() and not(false())", rows[:1]) == [True]


def test_dates_order_as_iso_text() -> None:
    rows = [{"born": "2011-05-01"}, {"born": "2009-12-31"}, {"born": None}]
    assert both("${born} >= '2010-01-01'", rows) == [True, False, None]


def test_evaluate_without_context_guesses_kinds_from_answers() -> None:
    assert evaluate("${a} + 1 > 2 and ${b} = 'x'", {"a": 2, "b": "x"}) is True
    assert evaluate("${a} >= 1", {"a": "3"}) is True


def test_to_polars_accepts_text() -> None:
    frame = pl.DataFrame({"age": [10, 14]})
    out = frame.select(to_polars("${age} > 12", CTX).alias("v"))["v"].to_list()
    assert out == [False, True]


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ("${age} >", "ends too early", 8),
        ("${age} >= 1)", "unexpected “)”", 11),
        ("(${age} >= 1", "expected “)”", 12),
        ("${age} => 1", "unexpected “>”", 8),
        ("'open", "unclosed text", 0),
        ("${age", "unclosed reference", 0),
        ("${a b} = 1", "not a valid item name", 0),
        ("age > 1", "refer to an item as ${age}", 0),
        ("${age} # 1", "unexpected character '#'", 7),
        ("${age} mod 2 = 0", "“mod” is not supported", 7),
        ("", "empty expression", 0),
        ("and 1", "needs something on its left", 0),
    ],
)
def test_parse_errors_say_what_and_where(text: str, message: str, position: int) -> None:
    with pytest.raises(ExpressionError) as info:
        compile_expression(text, CTX)
    assert message in info.value.message
    assert info.value.position == position
    assert f"at character {position + 1}" in str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("${nope} = 1", "unknown item ${nope}"),
        ("${intro} = 1", "is a note"),
        ("${age} and ${hours} > 1", "needs a condition"),
        ("foo(${age})", "unknown function foo()"),
        ("if(${age} > 1, 'a')", "if() takes 3 arguments"),
        ("regex(${pc4}, '[')", "broken regular expression"),
        ("count-selected(${yn})", "needs a select_multiple"),
        ("(${age} > 1) + 1", "arithmetic"),
        ("round(${age}, ${hours})", "whole number of digits"),
        ("string-length(${age})", "needs text"),
        ("${age} > 1 = 'x'", "compares a condition with a value"),
    ],
)
def test_type_and_name_errors(text: str, message: str) -> None:
    with pytest.raises(
        ExpressionError, match=message.replace("$", r"\$").replace("(", r"\(").replace(")", r"\)")
    ):
        compile_expression(text, CTX)


def test_expect_checks_the_result_type() -> None:
    with pytest.raises(ExpressionError, match="expected a condition"):
        compile_expression("${age} + 1", CTX, expect="bool")


def test_nesting_and_length_limits() -> None:
    with pytest.raises(ExpressionError, match="nested too deeply"):
        compile_expression("(" * 100 + "1" + ")" * 100, CTX)
    with pytest.raises(ExpressionError, match="longer than"):
        compile_expression("1 + " * 2000 + "1", CTX)
    with pytest.raises(ExpressionError, match="too long a chain"):
        compile_expression("1" + " + 1" * 300, CTX)


def test_canonical_form_ignores_spacing_and_brackets() -> None:
    a = compile_expression("${age}>=12 and(${alc_30d}>=1)", CTX)
    b = compile_expression("(${age} >= 12)  and  ${alc_30d} >= 1", CTX)
    assert a.canonical == b.canonical == "((${age} >= 12) and (${alc_30d} >= 1))"
    assert a.references == frozenset({"age", "alc_30d"})


def test_no_eval_in_the_package() -> None:
    import pathlib

    import kansrijk.instrument as pkg

    root = pathlib.Path(pkg.__file__).parent
    for path in root.rglob("*.py"):
        text = path.read_text()
        assert "eval(" not in text.replace("_eval(", "").replace(".evaluate(", "").replace("evaluate(", ""), (
            path
        )
        assert "exec(" not in text, path
