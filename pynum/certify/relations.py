"""Relations between expressions: ``L = R``, ``!=``, ``<``, ``<=``, ``>``, ``>=`` and chains.

Each link ``a op b`` of a chain is decided from ``d = a - b``:

* an Arb ball of ``d`` that excludes 0, at a working precision raised from the claim's need up
  to MAX_BITS, fixes the sign; Coq proves ``0 < a - b`` (or ``a - b < 0``) by ``interval``;
* a ball that keeps 0 when both sides are algebraic: SymPy decides ``d = 0`` exactly
  (:mod:`.exact`), and Coq proves ``a = b`` by the generated certificate script;
* a transcendental ``d`` is decided only through a library lemma the generator recognises
  (``atan_1``: atan 1 = PI / 4; ``sin2_cos2``: sin x ^ 2 + cos x ^ 2 = 1), else undecided,
  with the number of digits on which the sides agree (agreement is not proof).

``round``, ``floor`` and ``ceil`` are resolved first: their argument's ball (or, when the
argument is an exact integer, SymPy) fixes the integer ``n``, and Coq proves
``Int_part arg = n`` from ``n <= arg < n + 1`` (``tech_up``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from fractions import Fraction

import mpmath
import sympy

from . import exact
from .language import INTEGER_PARTS, ExprError, Node, parse, to_coq, to_sympy
from .numerics import arb_ball

OPS = {
    "=": "=",
    "==": "=",
    "!=": "!=",
    "<>": "!=",
    "≠": "!=",
    "<": "<",
    "<=": "<=",
    "≤": "<=",
    ">": ">",
    ">=": ">=",
    "≥": ">=",
}
_SPLIT = re.compile(r"(==|!=|<>|<=|>=|=|<|>|≠|≤|≥)")
START_BITS = 128
MAX_BITS = 4096  # the working precision beyond which a relation stays undecided
COQ_OP = {"=": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


@dataclass
class Relation:
    """A chain ``parts[0] ops[0] parts[1] ops[1] ...`` (one link for a plain relation)."""

    text: str
    parts: list[Node]
    ops: list[str]
    sources: list[str]


def split_relation(text: str) -> Relation | None:
    """The relation in ``text``, or None when it has no relation operator (a plain expression)."""
    pieces = _SPLIT.split(text)
    if len(pieces) == 1:
        return None
    parts, ops, sources, col = [], [], [], 0
    for i, piece in enumerate(pieces):
        if i % 2:
            ops.append(OPS[piece])
        else:
            if not piece.strip():
                raise ExprError("malformed relation: a side is empty", col + 1)
            try:
                parts.append(parse(piece))
            except ExprError as e:
                raise ExprError(str(e).split(" at column")[0], (e.col or 1) + col) from None
            sources.append(piece.strip())
        col += len(piece)
    return Relation(text, parts, ops, sources)


def require_relation(text: str) -> Relation:
    """The relation in ``text``; ValueError when it has no relation operator."""
    rel = split_relation(text)
    if rel is None:
        raise ValueError(f"not a relation (no =, !=, <, <=, >, >=): {text!r}")
    return rel


def statement(a: Node, op: str, b: Node) -> str:
    """The link as a Coq proposition in the user's terms."""
    return f"{to_coq(a)} {COQ_OP[op]} {to_coq(b)}"


def holds(op: str, sign: int) -> bool:
    """Whether ``a op b`` holds when ``a - b`` has the given sign."""
    return {"=": sign == 0, "!=": sign != 0, "<": sign < 0, "<=": sign <= 0, ">": sign > 0, ">=": sign >= 0}[op]


@dataclass
class Link:
    """One decided link: ``sign`` of a - b (None: undecided), how, and the Coq tactic lines."""

    op: str
    coq_statement: str
    sign: int | None = None
    method: str = ""
    reason: str = ""
    bits: int = 0
    agree_digits: int | None = None
    tactics: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        return "undecided" if self.sign is None else ("proved" if holds(self.op, self.sign) else "refuted")


def _unfold(nodes: list[Node]) -> list[str]:
    from ..constants import expr as registry_expr
    from ..constants.registry import BY_NAME
    from .language import constants_used

    ordered: list[str] = []
    for n in nodes:
        for c in constants_used(n):
            for d in registry_expr.dependencies(c) + [BY_NAME[c].coq_name]:
                if d not in ordered:
                    ordered.append(d)
    return list(reversed(ordered))


def _replace(node: Node, target: Node, by: Node) -> Node:
    if node is target:
        return by
    if not node.args:
        return node
    return Node(node.kind, tuple(_replace(a, target, by) for a in node.args), node.value, node.col)


def _integer_parts(node: Node) -> list[Node]:
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        if n.kind in INTEGER_PARTS and not any(_integer_parts(a) for a in n.args):
            out.append(n)
        else:
            stack.extend(n.args)
    return out


def resolve_integer_parts(node: Node, iv: str) -> tuple[Node, list[str]]:
    """Replace every round/floor/ceil by its integer value; Coq lines proving and rewriting each."""
    lines: list[str] = []
    while True:
        found = _integer_parts(node)
        if not found:
            return node, lines
        f = found[0]
        arg = f.args[0]
        inner = {
            "floor": arg,
            "ceil": Node("neg", (arg,)),
            "round": Node("add", (arg, Node("num", value=Fraction(1, 2)))),
        }[f.kind]
        n = _floor(inner)
        value = -n if f.kind == "ceil" else n
        text = to_coq(inner)
        k = len(lines)
        lines.append(
            f"assert (F{k} : Int_part {text} = ({n})%Z) by (unfold Int_part;"
            f" rewrite <- (tech_up {text} ({n + 1})%Z); [reflexivity | first [lra | {iv}] |"
            f" first [lra | {iv}]])."
        )
        lines.append(f"rewrite F{k}.")
        node = _replace(node, f, Node("num", value=Fraction(value)))


def _floor(node: Node) -> int:
    """floor of the value: from the Arb ball, or exactly (SymPy) when it sits on an integer."""
    bits = START_BITS
    while bits <= MAX_BITS:
        ball = arb_ball(node, bits)
        lo, hi = ball.lower().floor(), ball.upper().floor()
        if lo == hi:
            return int(lo.unique_fmpz())
        bits *= 2
    e = to_sympy(node)
    n = int(sympy.floor(sympy.N(e, 50) + sympy.Rational(1, 2)))
    if e.is_Rational or (exact.is_algebraic(node) and exact.exactly_zero(e - n) is True):
        return int(sympy.floor(e)) if e.is_Rational else n
    raise ExprError("cannot decide the integer part: the value is too close to an integer")


def _agree_digits(a: Node, b: Node, bits: int) -> int:
    """Decimal digits on which a and b agree: -log10 |a - b| / max(|a|, |b|, 1), from mpmath."""
    dps = int(bits / 3.33)
    from .language import evaluate
    from .numerics import _mp_engine

    with mpmath.workdps(dps):
        va, vb = evaluate(a, _mp_engine(dps)), evaluate(b, _mp_engine(dps))
        diff, scale = abs(va - vb), max(abs(va), abs(vb), 1)
        if diff == 0:
            return dps
        return max(0, min(dps, int(mpmath.floor(-mpmath.log10(diff / scale)))))


_LIBRARY = {("atan", "1"): ("atan_1", "PI / 4")}


def _library_rewrites(node: Node) -> tuple[Node, list[str]]:
    """Rewrite library forms (atan 1, sin x ^ 2 + cos x ^ 2) into algebraic ones; Coq rewrites."""
    lines: list[str] = []

    def walk(n: Node) -> Node:
        args = tuple(walk(a) for a in n.args)
        n = Node(n.kind, args, n.value, n.col, n.text)
        if n.kind == "atan" and n.args[0].kind == "num" and n.args[0].value == 1:
            lines.append("rewrite atan_1.")
            return Node("div", (Node("const", value="PI"), Node("num", value=Fraction(4))))
        if n.kind == "add" and all(x.kind == "pow" and x.value == 2 for x in n.args):
            f = [x.args[0] for x in n.args]
            kinds = sorted(x.kind for x in f)
            if kinds == ["cos", "sin"] and to_coq(f[0].args[0]) == to_coq(f[1].args[0]):
                lines.append(
                    f"pose proof (sin2_cos2 {to_coq(f[0].args[0])}) as S{len(lines)}; unfold Rsqr in S{len(lines)}."
                )
                return Node("num", value=Fraction(1))
        return n

    return walk(node), lines


def _pi_free_zero(a: Node, b: Node) -> bool:
    """a - b = 0 as a rational function of pi (pi a free symbol), no other transcendentals."""
    p = sympy.Symbol("p")
    try:
        d = (to_sympy(a) - to_sympy(b)).subs(sympy.pi, p)
    except Exception:  # noqa: BLE001 - SymPy may reject any odd form
        return False
    if d.free_symbols - {p} or any(
        f.func in (sympy.log, sympy.exp, sympy.sin, sympy.cos, sympy.atan) for f in d.atoms(sympy.Function)
    ):
        return False
    return sympy.simplify(d) == 0


_INT_NOTE = "; round/floor/ceil fixed by tech_up with bounds by interval"
I_PREC_LIMIT = 3000  # interval's working precision beyond which a link stays undecided


def decide_link(a: Node, op: str, b: Node, i_prec_scale: int = 1, i_prec_limit: int = I_PREC_LIMIT) -> Link:
    """Decide ``a op b`` and build its Coq proof (tactic lines for ``Lemma : [~] a op b``);
    ``i_prec_scale`` multiplies the precision interval is given (raised when coqc fails)."""
    link = Link(op, statement(a, op, b))
    unfold = _unfold([a, b])
    unfold_tac = f"unfold {', '.join(unfold)}; " if unfold else ""
    iv0 = "interval with (i_prec {p})"
    pre: list[str] = []
    ra, la = resolve_integer_parts(a, iv0.format(p=200))
    rb, lb = resolve_integer_parts(b, iv0.format(p=200))
    pre = [ln.replace("first [lra", f"{unfold_tac}first [lra") for ln in la + lb]
    d = Node("sub", (ra, rb))
    arb_ball(ra, START_BITS), arb_ball(rb, START_BITS)  # domain errors first
    bits = START_BITS
    while bits <= MAX_BITS:
        ball = arb_ball(d, bits)
        if 0 not in ball:
            link.sign = 1 if ball > 0 else -1
            mag = float(abs(ball).mid()) if float(abs(ball).mid()) > 0 else 2.0**-bits
            scale = max(float(abs(arb_ball(ra, 64)).mid()), float(abs(arb_ball(rb, 64)).mid()), 1.0)
            need = int(math.log2(scale / mag)) + 40 if mag < scale else 60
            p = max(60, need) * i_prec_scale
            if p > i_prec_limit:
                link.sign, link.reason = None, f"interval would need i_prec {p} > {i_prec_limit}"
                return link
            goal = "0 < " + to_coq(d) if link.sign > 0 else to_coq(d) + " < 0"
            link.method, link.bits = f"interval (i_prec {p})" + (_INT_NOTE if pre else ""), p
            link.tactics = pre + [
                f"assert (H : {goal}) by ({unfold_tac}{iv0.format(p=p)}).",
                "first [lra | intro E; lra | intros E; apply E; lra].",
            ]
            return link
        bits *= 2
    link.agree_digits = _agree_digits(ra, rb, MAX_BITS)
    eq_lines: list[str] | None = None
    if exact.is_algebraic(ra) and exact.is_algebraic(rb):
        zero = exact.exactly_zero(to_sympy(d))
        if zero is False:
            link.reason = f"the sides differ but agree to {link.agree_digits} digits: not separated at {MAX_BITS} bits"
            return link
        if zero is None:
            link.reason = "SymPy could not decide the algebraic identity"
            return link
        try:
            lines, degree = exact.proof_script(ra, rb, unfold, 80)
        except ValueError as e:
            link.reason = f"no exact proof generated: {e}"
            return link
        link.method = f"exact (SymPy minimal polynomial; Coq: norm polynomial of degree {degree}, ring certificate)" + (
            _INT_NOTE if pre else ""
        )
        eq_lines = lines
    else:
        na, ca = _library_rewrites(ra)
        nb, cb = _library_rewrites(rb)
        if (ca or cb) and _pi_free_zero(na, nb):
            used = sorted({"atan_1" if "atan_1" in ln else "sin2_cos2" for ln in ca + cb})
            link.method = "exact (library lemmas: " + ", ".join(used) + ")"
            eq_lines = [f"unfold {', '.join(unfold)}." if unfold else ""] + ca + cb + ["first [field | lra | nra]."]
            eq_lines = [ln for ln in eq_lines if ln]
        else:
            link.reason = (
                f"the sides agree to all {link.agree_digits} digits computed ({MAX_BITS} bits), and"
                " agreement is not proof; no exact proof is known for this transcendental form"
            )
            return link
    link.sign = 0
    link.tactics = pre + [
        f"assert (E : {to_coq(ra)} = {to_coq(rb)}).",
        "{ " + " ".join(eq_lines) + " }",
        "first [lra | intro E'; lra | intros E'; apply E'; lra].",
    ]
    return link
