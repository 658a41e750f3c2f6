"""The expression language of ``pynum certify``: parsing, domain checks, SymPy, Coq and engines.

The language is the registry's (``+ - * / ^``, parentheses, integer literals, ``sqrt``, ``ln``
and constant names, a function applied Coq-style as ``ln (2 * phi)`` or ``sqrt 5``) extended
with decimal literals (exact rationals: ``0.04`` is ``4/100``), ``exp``, ``sin``, ``cos``,
``atan``, ``floor``, ``round``, ``ceil`` (see INTEGER_PARTS), ``pi``, integer and rational powers (``x ^ -3``, ``x ^ (1/3)``) and every registered
constant by its Python name (``T_STAR``) or its Coq name (``Tstar``).  ``**`` is accepted for
``^``, ``φ`` for ``phi`` and ``π`` for ``pi``.

A parsed expression is a tree of :class:`Node`; each node remembers its column so that
errors (malformed syntax, unknown names, domain errors) name where they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from ..constants import expr as registry_expr
from ..constants.registry import BY_NAME, REGISTRY

FUNCTIONS = ("sqrt", "ln", "exp", "sin", "cos", "atan", "floor", "round", "ceil")
# round, floor and ceil over R, as Coq states them (Int_part r is the integer z with
# z <= r < z + 1): floor x = IZR (Int_part x); round x = IZR (Int_part (x + 1 / 2)), halves
# rounded up (towards +infinity: round 2.5 = 3, round (-2.5) = -2); ceil x = - IZR (Int_part (- x)).
INTEGER_PARTS = ("floor", "round", "ceil")
MAX_POWER = 1000  # Coq writes x ^ n with n a unary nat
_COQ_FUNC = {"sqrt": "sqrt", "ln": "ln", "exp": "exp", "sin": "sin", "cos": "cos", "atan": "atan"}
_BY_COQ = {c.coq_name: c for c in REGISTRY}
_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)"
    r"|(?P<name>[A-Za-z_φπ][A-Za-z0-9_']*)|(?P<op>\*\*|[-+*/^()]))"
)


class ExprError(ValueError):
    """Malformed syntax, an unknown name or a domain error, with the column (1-based)."""

    def __init__(self, message: str, col: int | None = None) -> None:
        super().__init__(f"{message} at column {col}" if col else message)
        self.col = col


@dataclass(frozen=True)
class Node:
    """One node of an expression tree.

    kind: 'num' (value: Fraction), 'const' (value: registry name, or 'PI'), 'neg', 'add', 'sub',
    'mul', 'div', 'pow' (value: the exponent as a Fraction) or a function name; args: operands;
    col: 1-based column of the token that made the node; text: for a decimal literal, the
    unreduced fraction it denotes ('0.4055' gives '4055/10000', as Coq reads 0.4055).
    """

    kind: str
    args: tuple[Node, ...] = ()
    value: Any = None
    col: int = 0
    text: str = ""


def resolve_name(name: str) -> str | None:
    """Registry name for a constant name (Python or Coq name, 'phi', 'pi'); None if unknown."""
    if name in ("pi", "PI", "π"):
        return "PI"
    if name == "φ":
        return "PHI"
    if name in _BY_COQ:
        return _BY_COQ[name].name
    if name.upper() in BY_NAME and name in (name.upper(), name.lower()):
        return name.upper()
    return None


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.toks: list[tuple[str, str, int]] = []
        pos = 0
        while pos < len(text):
            if text[pos:].strip() == "":
                break
            m = _TOKEN.match(text, pos)
            if not m or m.end() == pos:
                col = pos + len(text[pos:]) - len(text[pos:].lstrip()) + 1
                raise ExprError(f"malformed expression: unexpected character {text[col - 1]!r}", col)
            kind = m.lastgroup or "op"
            start = m.start(kind)
            self.toks.append((kind, m.group(kind), start + 1))
            pos = m.end()
        self.i = 0

    def peek(self) -> tuple[str, str, int]:
        return self.toks[self.i] if self.i < len(self.toks) else ("end", "", len(self.text) + 1)

    def take(self) -> tuple[str, str, int]:
        tok = self.peek()
        self.i += 1
        return tok

    def expect(self, op: str) -> None:
        kind, text, col = self.take()
        if text != op or kind != "op":
            found = "end of input" if kind == "end" else repr(text)
            raise ExprError(f"malformed expression: expected {op!r}, found {found}", col)

    def parse(self) -> Node:
        if not self.toks:
            raise ExprError("malformed expression: empty")
        node = self.sum()
        kind, text, col = self.peek()
        if kind != "end":
            raise ExprError(f"malformed expression: unexpected {text!r}", col)
        return node

    def sum(self) -> Node:
        node = self.product()
        while self.peek()[1] in ("+", "-") and self.peek()[0] == "op":
            _, op, col = self.take()
            node = Node("add" if op == "+" else "sub", (node, self.product()), col=col)
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.peek()[1] in ("*", "/") and self.peek()[0] == "op":
            _, op, col = self.take()
            node = Node("mul" if op == "*" else "div", (node, self.unary()), col=col)
        return node

    def unary(self) -> Node:
        kind, text, col = self.peek()
        if kind == "op" and text in ("-", "+"):
            self.take()
            inner = self.unary()
            return Node("neg", (inner,), col=col) if text == "-" else inner
        return self.power()

    def power(self) -> Node:
        base = self.application()
        kind, text, col = self.peek()
        if kind == "op" and text in ("^", "**"):
            self.take()
            exponent = self.unary()
            e = _exact(exponent)
            if abs(e.numerator) > MAX_POWER or e.denominator > MAX_POWER:
                raise ExprError(f"powers are limited to numerators and denominators up to {MAX_POWER}", col)
            return Node("pow", (base,), value=e, col=col)
        return base

    def application(self) -> Node:
        kind, text, col = self.peek()
        if kind == "name" and text in FUNCTIONS:
            self.take()
            if self.peek()[0] == "end":
                raise ExprError(f"malformed expression: {text} needs an argument", col)
            return Node(text, (self.application(),), col=col)
        return self.atom()

    def atom(self) -> Node:
        kind, text, col = self.take()
        if kind == "num":
            return Node("num", value=Fraction(text), col=col, text=decimal_fraction(text))
        if kind == "name":
            name = resolve_name(text)
            if name is None:
                valid = ", ".join(["pi"] + [c.coq_name for c in REGISTRY] + list(FUNCTIONS))
                raise ExprError(f"unknown name {text!r} (valid: {valid}, or a registered Python name)", col)
            return Node("const", value=name, col=col)
        if kind == "op" and text == "(":
            node = self.sum()
            self.expect(")")
            return node
        found = "end of input" if kind == "end" else repr(text)
        raise ExprError(f"malformed expression: unexpected {found}", col)


def _exact(node: Node) -> Fraction:
    """The exact rational value of an exponent (numbers and + - * / only)."""
    if node.kind == "num":
        return node.value
    if node.kind == "neg":
        return -_exact(node.args[0])
    ops: dict[str, Callable[[Fraction, Fraction], Fraction]] = {
        "add": lambda a, b: a + b,
        "sub": lambda a, b: a - b,
        "mul": lambda a, b: a * b,
    }
    if node.kind in ops:
        return ops[node.kind](_exact(node.args[0]), _exact(node.args[1]))
    if node.kind == "pow" and node.value.denominator == 1:
        base = _exact(node.args[0])
        if base == 0 and node.value < 0:
            raise ExprError("division by zero in an exponent", node.col)
        return base**node.value.numerator
    if node.kind == "div":
        den = _exact(node.args[1])
        if den == 0:
            raise ExprError("division by zero in an exponent", node.col)
        return _exact(node.args[0]) / den
    raise ExprError("only integer and rational powers are supported (the exponent must be a rational number)", node.col)


def parse(text: str) -> Node:
    """Parse ``text``; raises :class:`ExprError` with the column on malformed input."""
    if not isinstance(text, str):
        raise ExprError("the expression must be a string")
    return _Parser(text).parse()


def constants_used(node: Node) -> list[str]:
    """Registry names the expression refers to (in order of first use; 'PI' excluded)."""
    out: list[str] = []
    stack = [node]
    while stack:
        n = stack.pop(0)
        if n.kind == "const" and n.value != "PI" and n.value not in out:
            out.append(n.value)
        stack = list(n.args) + stack
    return out


def to_sympy(node: Node) -> sympy.Expr:
    """The exact SymPy expression (registered constants expanded to their definitions)."""
    k, a = node.kind, [to_sympy(x) for x in node.args]
    if k == "num":
        return sympy.Rational(node.value.numerator, node.value.denominator)
    if k == "const":
        return sympy.pi if node.value == "PI" else registry_expr.sympy_expr(node.value)
    simple = {
        "neg": lambda: -a[0],
        "add": lambda: a[0] + a[1],
        "sub": lambda: a[0] - a[1],
        "mul": lambda: a[0] * a[1],
        "div": lambda: a[0] / a[1],
        "pow": lambda: a[0] ** sympy.Rational(node.value.numerator, node.value.denominator),
        "sqrt": lambda: sympy.sqrt(a[0]),
        "ln": lambda: sympy.log(a[0]),
        "exp": lambda: sympy.exp(a[0]),
        "sin": lambda: sympy.sin(a[0]),
        "cos": lambda: sympy.cos(a[0]),
        "atan": lambda: sympy.atan(a[0]),
        "floor": lambda: sympy.floor(a[0]),
        "ceil": lambda: sympy.ceiling(a[0]),
        "round": lambda: sympy.floor(a[0] + sympy.Rational(1, 2)),
    }
    return simple[k]()


def decimal_fraction(text: str) -> str:
    """'0.4055' -> '4055/10000' (a plain decimal literal, unreduced); '' for anything else."""
    m = re.fullmatch(r"(\d*)\.(\d+)", text)
    if not m:
        return ""
    return f"{int(m.group(1) + m.group(2))}/{10 ** len(m.group(2))}"


def _coq_num(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else f"({q.numerator} / {q.denominator})"


def to_coq(node: Node) -> str:
    """The expression as a Coq term over R (decimals as exact fractions)."""
    k, a = node.kind, [to_coq(x) for x in node.args]
    if k == "num":
        if node.text:
            num, den = node.text.split("/")
            return f"({num} / {den})"
        return _coq_num(node.value)
    if k == "const":
        return "PI" if node.value == "PI" else BY_NAME[node.value].coq_name
    binary = {"add": "+", "sub": "-", "mul": "*", "div": "/"}
    if k in binary:
        return f"({a[0]} {binary[k]} {a[1]})"
    if k == "neg":
        return f"(- {a[0]})"
    if k == "pow":
        e: Fraction = node.value
        if e.denominator == 1:
            return f"({a[0]} ^ {e.numerator})" if e >= 0 else f"(/ ({a[0]} ^ {-e.numerator}))"
        if e == Fraction(1, 2):
            return f"(sqrt {a[0]})"
        return f"(Rpower {a[0]} {_coq_num(e)})"
    if k == "floor":
        return f"(IZR (Int_part {a[0]}))"
    if k == "round":
        return f"(IZR (Int_part ({a[0]} + 1 / 2)))"
    if k == "ceil":
        return f"(- IZR (Int_part (- {a[0]})))"
    return f"({_COQ_FUNC[k]} {a[0]})"


def to_text(node: Node) -> str:
    """A canonical one-line rendering (the Coq term without the outer parentheses)."""
    s = to_coq(node)
    return s[1:-1] if s.startswith("(") and s.endswith(")") and _balanced(s[1:-1]) else s


def _balanced(s: str) -> bool:
    depth = 0
    for ch in s:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


# Each engine gives: number(Fraction), const(name), unary functions, and sign(x) -> -1/0/1/None
# (None: the sign is not decided at this precision).
Engine = dict[str, Callable[..., Any]]


def evaluate(node: Node, eng: Engine) -> Any:
    """Evaluate with the engine's arithmetic, checking every domain condition on the way."""
    k = node.kind
    if k == "num":
        return eng["num"](node.value)
    if k == "const":
        return eng["const"](node.value)
    a = [evaluate(x, eng) for x in node.args]
    if k == "neg":
        return -a[0]
    if k == "add":
        return a[0] + a[1]
    if k == "sub":
        return a[0] - a[1]
    if k == "mul":
        return a[0] * a[1]
    if k == "div":
        _require(node, node.args[1], eng, a[1], ("nonzero",), "division by zero")
        return a[0] / a[1]
    if k == "pow":
        e: Fraction = node.value
        if e.denominator == 1:
            if e < 0:
                _require(node, node.args[0], eng, a[0], ("nonzero",), "division by zero (a negative power of 0)")
                return eng["num"](Fraction(1)) / eng["ipow"](a[0], -e.numerator)
            return eng["ipow"](a[0], e.numerator)
        if e == Fraction(1, 2):
            _require(node, node.args[0], eng, a[0], ("nonnegative",), "sqrt of a negative value")
            return eng["sqrt"](a[0])
        _require(node, node.args[0], eng, a[0], ("positive",), "rational power of a non-positive value")
        return eng["exp"](eng["ln"](a[0]) * eng["num"](e))
    if k == "sqrt":
        _require(node, node.args[0], eng, a[0], ("nonnegative",), "sqrt of a negative value")
    if k == "ln":
        _require(node, node.args[0], eng, a[0], ("positive",), "ln of a non-positive value")
    return eng[k](a[0])


def _require(node: Node, arg: Node, eng: Engine, x: Any, cond: tuple[str, ...], message: str) -> None:
    """Raise ExprError when ``cond`` fails for ``x`` (SymPy decides when the engine cannot)."""
    s = eng["sign"](x)
    if s is None:
        s = exact_sign(arg)
        if s is None:
            raise ExprError(f"cannot decide the sign needed for {message.split(' of ')[0]}", node.col)
    ok = {"nonzero": s != 0, "positive": s > 0, "nonnegative": s >= 0}[cond[0]]
    if not ok:
        raise ExprError(message, node.col)


def exact_sign(node: Node) -> int | None:
    """The sign of a subexpression decided exactly by SymPy, or None (used only near zero)."""
    e = to_sympy(node)
    try:
        if e.equals(0):
            return 0
        v = sympy.N(e, 60)
        if v.is_real and abs(v) > sympy.Float("1e-50"):
            return 1 if v > 0 else -1
    except (TypeError, ValueError):
        return None
    return None
