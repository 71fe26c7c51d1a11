"""Lexer, abstract syntax tree and parser of the XLSForm-compatible expression language.

A hand-written recursive-descent parser: no ``eval``, bounded length and nesting depth, and every problem is
an :class:`ExpressionError` carrying the character offset. Operator precedence follows XPath 1.0:
``or`` < ``and`` < ``= !=`` < ``< <= > >=`` < ``+ -`` < ``* div`` < unary ``-``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kansrijk.instrument.expressions.errors import ExpressionError

MAX_LENGTH = 4000
MAX_DEPTH = 40
#: Deepest tree allowed (a chain ``a + b + c …`` is as deep as it is long); keeps every walk well inside
#: Python's recursion limit.
MAX_TREE_DEPTH = 120

# -- AST -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Num:
    value: float
    pos: int = 0


@dataclass(frozen=True, slots=True)
class Str:
    value: str
    pos: int = 0


@dataclass(frozen=True, slots=True)
class Ref:
    """``${name}``: the answer to another item."""

    name: str
    pos: int = 0


@dataclass(frozen=True, slots=True)
class Current:
    """``.``: the answer to the item the expression belongs to (constraints)."""

    pos: int = 0


@dataclass(frozen=True, slots=True)
class Neg:
    operand: Node
    pos: int = 0


@dataclass(frozen=True, slots=True)
class BinOp:
    op: str  # or and = != < <= > >= + - * div
    left: Node
    right: Node
    pos: int = 0


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple[Node, ...]
    pos: int = 0


Node = Num | Str | Ref | Current | Neg | BinOp | Call

# -- lexer ---------------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"""
    (?P<ws>[ \t\r\n]+)
  | (?P<number>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)
  | (?P<ref>\$\{(?P<refname>[^}]*)\})
  | (?P<string>'[^']*'|"[^"]*")
  | (?P<op><=|>=|!=|=|<|>|\+|-|\*|\(|\)|,|\.)
  | (?P<name>[A-Za-z_][A-Za-z0-9_-]*)
    """,
    re.VERBOSE,
)
ITEM_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # number string ref op name end
    text: str
    pos: int


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens; unknown characters, unclosed strings and bad ``${…}`` are errors."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if m is None:
            ch = text[pos]
            if ch in "'\"":
                raise ExpressionError("unclosed text (missing closing quote)", pos, text)
            if text.startswith("${", pos):
                raise ExpressionError("unclosed reference: “${” without “}”", pos, text)
            raise ExpressionError(f"unexpected character {ch!r}", pos, text)
        kind = m.lastgroup or ""
        if kind == "refname":  # pragma: no cover - lastgroup is the outer group
            kind = "ref"
        if m.group("ref") is not None:
            name = m.group("refname")
            if not ITEM_NAME_RE.match(name):
                raise ExpressionError(f"“${{{name}}}” is not a valid item name", pos, text)
            tokens.append(Token("ref", name, pos))
        elif kind != "ws":
            tokens.append(Token(kind, m.group(0), pos))
        pos = m.end()
    tokens.append(Token("end", "", len(text)))
    return tokens


# -- parser --------------------------------------------------------------------------------------------

_KEYWORD_OPS = {"and", "or", "div", "mod"}


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def error(self, message: str, tok: Token | None = None) -> ExpressionError:
        return ExpressionError(message, (tok or self.tok).pos, self.text)

    def is_op(self, *ops: str) -> bool:
        t = self.tok
        return (t.kind == "op" and t.text in ops) or (
            t.kind == "name" and t.text in ops and t.text in _KEYWORD_OPS
        )

    def advance(self) -> Token:
        t = self.tok
        self.i += 1
        return t

    def expect(self, op: str) -> Token:
        if not self.is_op(op):
            found = "the end of the expression" if self.tok.kind == "end" else f"“{self.tok.text}”"
            raise self.error(f"expected “{op}” but found {found}")
        return self.advance()

    def parse(self) -> Node:
        if self.tok.kind == "end":
            raise self.error("empty expression")
        node = self.parse_or()
        if self.tok.kind != "end":
            raise self.error(f"unexpected “{self.tok.text}” after a complete expression")
        return node

    def binary(self, ops: tuple[str, ...], sub: str) -> Node:
        parse_sub = getattr(self, sub)
        left: Node = parse_sub()
        while self.is_op(*ops):
            op_tok = self.advance()
            right = parse_sub()
            left = BinOp(op_tok.text, left, right, op_tok.pos)
        return left

    def parse_or(self) -> Node:
        return self.binary(("or",), "parse_and")

    def parse_and(self) -> Node:
        return self.binary(("and",), "parse_eq")

    def parse_eq(self) -> Node:
        return self.binary(("=", "!="), "parse_rel")

    def parse_rel(self) -> Node:
        return self.binary(("<", "<=", ">", ">="), "parse_add")

    def parse_add(self) -> Node:
        return self.binary(("+", "-"), "parse_mul")

    def parse_mul(self) -> Node:
        node = self.binary(("*", "div"), "parse_unary")
        if self.is_op("mod"):
            raise self.error("the operator “mod” is not supported")
        return node

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"expression nested too deeply (more than {MAX_DEPTH} levels)")

    def parse_unary(self) -> Node:
        if self.is_op("-"):
            t = self.advance()
            self.enter()
            operand = self.parse_unary()
            self.depth -= 1
            return Neg(operand, t.pos)
        return self.parse_primary()

    def parse_primary(self) -> Node:
        t = self.tok
        if t.kind == "number":
            self.advance()
            return Num(float(t.text), t.pos)
        if t.kind == "string":
            self.advance()
            return Str(t.text[1:-1], t.pos)
        if t.kind == "ref":
            self.advance()
            return Ref(t.text, t.pos)
        if t.kind == "op" and t.text == ".":
            self.advance()
            return Current(t.pos)
        if t.kind == "op" and t.text == "(":
            self.advance()
            self.enter()
            node = self.parse_or()
            self.depth -= 1
            self.expect(")")
            return node
        if t.kind == "name":
            if t.text in _KEYWORD_OPS:
                raise self.error(f"“{t.text}” needs something on its left")
            self.advance()
            if not self.is_op("("):
                raise self.error(f"unknown name “{t.text}”; refer to an item as ${{{t.text}}}", t)
            self.advance()
            self.enter()
            args: list[Node] = []
            if not self.is_op(")"):
                args.append(self.parse_or())
                while self.is_op(","):
                    self.advance()
                    args.append(self.parse_or())
            self.expect(")")
            self.depth -= 1
            return Call(t.text, tuple(args), t.pos)
        if t.kind == "end":
            raise self.error("the expression ends too early")
        raise self.error(f"unexpected “{t.text}”")


def parse(text: str) -> Node:
    """Parse an expression. Raises :class:`ExpressionError` (and nothing else) for any bad input."""
    if not isinstance(text, str):
        raise ExpressionError("an expression must be text")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_LENGTH} characters", MAX_LENGTH, None)
    node = _Parser(text).parse()
    if tree_depth(node) > MAX_TREE_DEPTH:
        raise ExpressionError(f"expression too long a chain (more than {MAX_TREE_DEPTH} levels)", 0, text)
    return node


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Neg):
        return (node.operand,)
    if isinstance(node, BinOp):
        return (node.left, node.right)
    if isinstance(node, Call):
        return node.args
    return ()


def tree_depth(node: Node) -> int:
    """Depth of the tree, computed without recursion (the tree may be deep before it is rejected)."""
    deepest = 0
    stack = [(node, 1)]
    while stack:
        n, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((c, d + 1) for c in _children(n))
    return deepest


# -- canonical text ------------------------------------------------------------------------------------


def _num_text(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def unparse(node: Node) -> str:
    """A canonical text for a tree: same meaning, same text (used for comparability hashes)."""
    match node:
        case Num(value):
            return _num_text(value)
        case Str(value):
            return f'"{value}"' if "'" in value else f"'{value}'"
        case Ref(name):
            return "${" + name + "}"
        case Current():
            return "."
        case Neg(operand):
            return f"-{unparse(operand)}"
        case BinOp(op, left, right):
            return f"({unparse(left)} {op} {unparse(right)})"
        case Call(name, args):
            return f"{name}({', '.join(unparse(a) for a in args)})"
    raise AssertionError(node)  # pragma: no cover


def references(node: Node) -> frozenset[str]:
    """Names of the items an expression refers to."""
    match node:
        case Ref(name):
            return frozenset({name})
        case Neg(operand):
            return references(operand)
        case BinOp(_, left, right):
            return references(left) | references(right)
        case Call(_, args):
            return frozenset().union(*(references(a) for a in args))
    return frozenset()
