"""Name resolution and typing: turn a syntax tree into a small typed tree both back ends execute.

The types are ``bool``, ``num``, ``str`` and ``date`` (ISO text). XPath 1.0 rules decide how values meet:
``=``/``!=`` compare numbers when either side is a number and text otherwise; ``< <= > >=`` always compare
numbers (dates compare as ISO text); arithmetic converts to numbers. Answer codes written as text ("0" …
"6") therefore compare numerically with ``${x} >= 1``. Conversions are explicit :class:`ToNum` nodes, so the
Polars and the Python back end cannot drift apart. Mistakes a questionnaire author can make (unknown item,
unknown choice code, ``.`` outside a constraint, a number where a condition is needed) are errors here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from kansrijk.instrument.expressions.errors import ExpressionError
from kansrijk.instrument.expressions.syntax import BinOp, Call, Current, Neg, Node, Num, Ref, Str
from kansrijk.instrument.expressions.values import parse_number

if TYPE_CHECKING:
    from kansrijk.instrument.model import Instrument

Type = Literal["bool", "num", "str", "date"]
VarKind = Literal["number", "text", "date", "select_one", "select_multiple", "note"]
MinAnswered = int | Literal["all"] | None
_TYPE_WORDS = {"bool": "a condition (true/false)", "num": "a number", "str": "text", "date": "a date"}


@dataclass(frozen=True)
class Variable:
    """What an expression needs to know about an item: its kind and, for selects, its choice codes."""

    kind: VarKind
    choices: tuple[str, ...] = ()

    @property
    def numeric_codes(self) -> bool:
        return all(parse_number(c) is not None for c in self.choices)


@dataclass(frozen=True)
class ExpressionContext:
    """The items an expression may refer to; ``current`` is the item ``.`` stands for (constraints only).

    ``min_answered`` governs ``mean()``/``sum()``: the least number of answered arguments for a value
    (``None`` = 1, i.e. ignore unanswered items; ``"all"`` = every argument must be answered).
    """

    variables: Mapping[str, Variable]
    current: str | None = None
    min_answered: MinAnswered = None

    @classmethod
    def from_instrument(
        cls, instrument: Instrument, current: str | None = None, min_answered: MinAnswered = None
    ) -> ExpressionContext:
        kinds: dict[str, VarKind] = {
            "integer": "number",
            "decimal": "number",
            "text": "text",
            "date": "date",
            "select_one": "select_one",
            "select_multiple": "select_multiple",
            "note": "note",
        }
        variables: dict[str, Variable] = {}
        for item in instrument.items:
            choices: tuple[str, ...] = ()
            if item.list_name is not None and item.list_name in instrument.choice_lists:
                choices = instrument.choice_lists[item.list_name].codes
            variables[item.name] = Variable(kinds[item.type], choices)
        return cls(variables, current, min_answered)


# -- typed tree ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lit:
    value: bool | float | str
    type: Type


@dataclass(frozen=True, slots=True)
class Col:
    """A plain column: numbers (``num``), codes or text (``str``), ISO dates (``date``)."""

    name: str
    type: Type
    is_current: bool = False


@dataclass(frozen=True, slots=True)
class MultiJoin:
    """A select_multiple as XPath sees it: the selected codes in choice order, separated by spaces."""

    name: str
    choices: tuple[str, ...]
    is_current: bool = False
    type: Type = "str"


@dataclass(frozen=True, slots=True)
class MultiSelected:
    """``selected(${x}, 'c')`` for a select_multiple: the boolean column ``x__c``."""

    name: str
    code: str
    is_current: bool = False
    type: Type = "bool"


@dataclass(frozen=True, slots=True)
class CountSelected:
    name: str
    choices: tuple[str, ...]
    is_current: bool = False
    type: Type = "num"


@dataclass(frozen=True, slots=True)
class ToNum:
    operand: Typed
    type: Type = "num"


@dataclass(frozen=True, slots=True)
class Not:
    operand: Typed
    type: Type = "bool"


@dataclass(frozen=True, slots=True)
class Logic:
    op: Literal["and", "or"]
    left: Typed
    right: Typed
    type: Type = "bool"


@dataclass(frozen=True, slots=True)
class Cmp:
    op: str  # = != < <= > >=
    left: Typed
    right: Typed
    type: Type = "bool"


@dataclass(frozen=True, slots=True)
class Arith:
    op: str  # + - * div
    left: Typed
    right: Typed
    type: Type = "num"


@dataclass(frozen=True, slots=True)
class Negate:
    operand: Typed
    type: Type = "num"


@dataclass(frozen=True, slots=True)
class If:
    cond: Typed
    then: Typed
    otherwise: Typed
    type: Type


@dataclass(frozen=True, slots=True)
class Coalesce:
    args: tuple[Typed, ...]
    type: Type


@dataclass(frozen=True, slots=True)
class Agg:
    kind: Literal["mean", "sum", "max", "min"]
    args: tuple[Typed, ...]
    min_answered: int
    type: Type = "num"


@dataclass(frozen=True, slots=True)
class StrLen:
    operand: Typed
    type: Type = "num"


@dataclass(frozen=True, slots=True)
class Regex:
    operand: Typed
    pattern: str
    type: Type = "bool"


@dataclass(frozen=True, slots=True)
class Trunc:
    operand: Typed
    type: Type = "num"


@dataclass(frozen=True, slots=True)
class Round:
    operand: Typed
    digits: int
    type: Type = "num"


Typed = (
    Lit
    | Col
    | MultiJoin
    | MultiSelected
    | CountSelected
    | ToNum
    | Not
    | Logic
    | Cmp
    | Arith
    | Negate
    | If
    | Coalesce
    | Agg
    | StrLen
    | Regex
    | Trunc
    | Round
)

FUNCTIONS: dict[str, str] = {
    "not": "not(condition)",
    "true": "true()",
    "false": "false()",
    "if": "if(condition, then, else)",
    "selected": "selected(${item}, 'code')",
    "count-selected": "count-selected(${item})",
    "string-length": "string-length(text)",
    "regex": "regex(text, 'pattern')",
    "int": "int(number)",
    "number": "number(value)",
    "round": "round(number, digits)",
    "coalesce": "coalesce(a, b, …)",
    "mean": "mean(${a}, ${b}, …)",
    "sum": "sum(${a}, ${b}, …)",
    "max": "max(a, b, …)",
    "min": "min(a, b, …)",
}


class _Checker:
    def __init__(self, text: str, context: ExpressionContext) -> None:
        self.text = text
        self.ctx = context

    def error(self, message: str, node: Node) -> ExpressionError:
        return ExpressionError(message, node.pos, self.text)

    # -- references -------------------------------------------------------------------------------------
    def variable(self, node: Ref | Current) -> tuple[str, Variable, bool]:
        if isinstance(node, Current):
            if self.ctx.current is None:
                raise self.error("“.” (the answer itself) can only be used in a constraint", node)
            name, is_current = self.ctx.current, True
        else:
            name, is_current = node.name, False
        var = self.ctx.variables.get(name)
        if var is None:
            raise self.error(f"unknown item ${{{name}}}", node)
        if var.kind == "note":
            raise self.error(f"${{{name}}} is a note and has no answer", node)
        return name, var, is_current

    def reference(self, node: Ref | Current) -> Typed:
        name, var, cur = self.variable(node)
        if var.kind == "select_multiple":
            return MultiJoin(name, var.choices, cur)
        kind_type: dict[str, Type] = {"number": "num", "date": "date", "text": "str", "select_one": "str"}
        return Col(name, kind_type[var.kind], cur)

    # -- conversions ------------------------------------------------------------------------------------
    def to_num(self, typed: Typed, node: Node) -> Typed:
        if typed.type == "num":
            return typed
        if isinstance(typed, Col) and typed.type == "str":
            var = self.ctx.variables[typed.name]
            if var.kind == "select_one" and not var.numeric_codes:
                raise self.error(
                    f"${{{typed.name}}} has codes that are not numbers ({', '.join(var.choices[:6])}); "
                    "compare it with a quoted code, e.g. = 'ja'",
                    node,
                )
        if isinstance(typed, Lit) and typed.type == "str":
            number = parse_number(str(typed.value))
            if number is None:
                raise self.error(f"'{typed.value}' is not a number", node)
            return Lit(number, "num")
        return ToNum(typed)

    def condition(self, node: Node, role: str = "") -> Typed:
        typed = self.check(node)
        if typed.type != "bool":
            what = f"{role} " if role else ""
            raise self.error(
                f"{what}needs a condition (true/false) but this is {_TYPE_WORDS[typed.type]}", node
            )
        return typed

    def check_code(self, typed: Typed, other: Typed, node: Node) -> None:
        """``${x} = 'zz'`` where zz is not a code of x's list is almost certainly a typo."""
        if isinstance(typed, Col) and isinstance(other, Lit) and other.type == "str":
            var = self.ctx.variables[typed.name]
            if var.kind == "select_one" and var.choices and other.value not in var.choices:
                raise self.error(
                    f"'{other.value}' is not a code of ${{{typed.name}}} (codes: {', '.join(var.choices)})",
                    node,
                )

    def unify(self, a: Typed, b: Typed, node: Node, what: str) -> tuple[Typed, Typed, Type]:
        if a.type == b.type:
            return a, b, a.type
        if "bool" in (a.type, b.type):
            raise self.error(f"{what} mixes a condition with a value", node)
        if "num" in (a.type, b.type):
            return self.to_num(a, node), self.to_num(b, node), "num"
        return a, b, "str"  # str with date

    # -- nodes ------------------------------------------------------------------------------------------
    def check(self, node: Node) -> Typed:
        match node:
            case Num(value):
                return Lit(value, "num")
            case Str(value):
                return Lit(value, "str")
            case Ref() | Current():
                return self.reference(node)
            case Neg(operand):
                return Negate(self.to_num(self.check(operand), operand))
            case BinOp(op, left, right):
                return self.binop(node, op, left, right)
            case Call():
                return self.call(node)
        raise AssertionError(node)  # pragma: no cover

    def binop(self, node: BinOp, op: str, left: Node, right: Node) -> Typed:
        if op in ("and", "or"):
            return Logic(op, self.condition(left, f"“{op}”"), self.condition(right, f"“{op}”"))  # type: ignore[arg-type]
        lt, rt = self.check(left), self.check(right)
        if op in ("+", "-", "*", "div"):
            if "bool" in (lt.type, rt.type):
                raise self.error(f"cannot do arithmetic (“{op}”) with a condition", node)
            return Arith(op, self.to_num(lt, left), self.to_num(rt, right))
        if op in ("=", "!="):
            if lt.type == "bool" or rt.type == "bool":
                if lt.type != rt.type:
                    raise self.error(f"“{op}” compares a condition with a value", node)
                return Cmp(op, lt, rt)
            if "num" in (lt.type, rt.type):
                return Cmp(op, self.to_num(lt, left), self.to_num(rt, right))
            self.check_code(lt, rt, right)
            self.check_code(rt, lt, left)
            return Cmp(op, lt, rt)
        # relational
        if "bool" in (lt.type, rt.type):
            raise self.error(f"“{op}” cannot order conditions", node)
        if "date" in (lt.type, rt.type) and "num" not in (lt.type, rt.type):
            return Cmp(op, lt, rt)  # ISO dates order as text
        return Cmp(op, self.to_num(lt, left), self.to_num(rt, right))

    def arity(self, node: Call, low: int, high: int | None) -> None:
        n = len(node.args)
        if n < low or (high is not None and n > high):
            raise self.error(
                f"{node.name}() takes {_arity_text(low, high)}; write {FUNCTIONS[node.name]}", node
            )

    def call(self, node: Call) -> Typed:
        name, args = node.name, node.args
        if name not in FUNCTIONS:
            supported = ", ".join(sorted(FUNCTIONS))
            raise self.error(f"unknown function {name}(); supported: {supported}", node)
        if name in ("true", "false"):
            self.arity(node, 0, 0)
            return Lit(name == "true", "bool")
        if name == "not":
            self.arity(node, 1, 1)
            return Not(self.condition(args[0], "not()"))
        if name == "if":
            self.arity(node, 3, 3)
            cond = self.condition(args[0], "if()")
            a, b, t = self.unify(self.check(args[1]), self.check(args[2]), node, "if()")
            return If(cond, a, b, t)
        if name in ("selected", "count-selected"):
            return self.selection(node)
        if name == "string-length":
            self.arity(node, 1, 1)
            text_arg = self.check(args[0])
            if text_arg.type not in ("str", "date"):
                raise self.error("string-length() needs text", args[0])
            return StrLen(text_arg)
        if name == "regex":
            self.arity(node, 2, 2)
            subject = self.check(args[0])
            if subject.type not in ("str", "date"):
                raise self.error("regex() needs text as its first argument", args[0])
            if not isinstance(args[1], Str):
                raise self.error("regex() needs a quoted pattern as its second argument", args[1])
            try:
                re.compile(args[1].value)
            except re.error as exc:
                raise self.error(f"broken regular expression: {exc}", args[1]) from None
            return Regex(subject, args[1].value)
        if name in ("int", "number"):
            self.arity(node, 1, 1)
            number = self.to_num(self.check(args[0]), args[0])
            return Trunc(number) if name == "int" else number
        if name == "round":
            self.arity(node, 1, 2)
            digits = 0
            if len(args) == 2:
                d = args[1]
                if not (isinstance(d, Num) and d.value.is_integer() and 0 <= d.value <= 10):
                    raise self.error("round() needs a whole number of digits from 0 to 10", d)
                digits = int(d.value)
            return Round(self.to_num(self.check(args[0]), args[0]), digits)
        if name == "coalesce":
            self.arity(node, 2, None)
            parts = [self.check(a) for a in args]
            types = {t.type for t in parts}
            out_type: Type = parts[0].type
            if len(types) > 1:
                if "bool" in types:
                    raise self.error("coalesce() mixes a condition with a value", node)
                out_type = "num" if "num" in types else "str"
            if out_type == "num":
                parts = [self.to_num(t, a) for t, a in zip(parts, args, strict=True)]
            return Coalesce(tuple(parts), out_type)
        # mean sum max min
        self.arity(node, 1, None)
        nums = tuple(self.to_num(self.check(a), a) for a in args)
        if name in ("mean", "sum"):
            k = self.ctx.min_answered
            need = 1 if k is None else len(args) if k == "all" else max(1, k)
            return Agg(name, nums, need)  # type: ignore[arg-type]
        return Agg(name, nums, 1)  # type: ignore[arg-type]

    def selection(self, node: Call) -> Typed:
        name, args = node.name, node.args
        self.arity(node, 2 if name == "selected" else 1, 2 if name == "selected" else 1)
        target = args[0]
        if not isinstance(target, Ref | Current):
            raise self.error(f"{name}() needs an item such as ${{x}} as its first argument", target)
        item, var, cur = self.variable(target)
        if name == "count-selected":
            if var.kind != "select_multiple":
                raise self.error(f"count-selected() needs a select_multiple item; ${{{item}}} is not", target)
            return CountSelected(item, var.choices, cur)
        if var.kind == "select_multiple":
            code = args[1]
            if not isinstance(code, Str):
                raise self.error("selected() needs a quoted choice code as its second argument", code)
            if code.value not in var.choices:
                raise self.error(
                    f"'{code.value}' is not a code of ${{{item}}} (codes: {', '.join(var.choices)})", code
                )
            return MultiSelected(item, code.value, cur)
        if var.kind == "select_one":
            col = self.reference(target)
            other = self.check(args[1])
            if other.type != "str":
                raise self.error("selected() needs a quoted choice code as its second argument", args[1])
            self.check_code(col, other, args[1])
            return Cmp("=", col, other)
        raise self.error(f"selected() needs a select_one or select_multiple item; ${{{item}}} is not", target)


def _arity_text(low: int, high: int | None) -> str:
    if high == low:
        return f"{low} argument{'s' if low != 1 else ''}"
    if high is None:
        return f"at least {low} argument{'s' if low != 1 else ''}"
    return f"{low} to {high} arguments"


def check(tree: Node, text: str, context: ExpressionContext) -> Typed:
    """Resolve names and types of a parsed expression; raises :class:`ExpressionError`."""
    return _Checker(text, context).check(tree)
