"""Exact algebraic identities: decided by SymPy, proved by a generated Coq script.

An expression is *algebraic* here when, with the registered constants replaced by their
definitions, it uses only rationals, ``+ - * /``, integer powers and square roots (``sqrt x``,
``x ^ (1/2)``).  ``d = L - R = 0`` is decided exactly: ``d`` is 0 iff its minimal polynomial
over Q (SymPy's ``minimal_polynomial``) is ``x``.

The Coq proof of ``L = R`` (:func:`proof_script`) never trusts that decision:

1. every square root ``sqrt a`` gets ``sqrt a * sqrt a = a`` (``sqrt_sqrt``, with ``0 <= a``
   by ``interval``) and every inverse ``/ y`` gets ``y * / y = 1`` (``Rinv_r``, with ``y <> 0``
   from ``interval``);
2. ``P(d) = 0`` by ``nsatz`` for an integer polynomial ``P`` that vanishes at every choice of
   signs of the radicals: ``P`` is the iterated resultant of ``x - d`` with the radicals' and
   inverses' defining polynomials, so ``P(d)`` lies in the ideal of the relations of step 1;
3. ``P(x) = x^m Q(x)`` with ``Q(0) <> 0``; ``Q(d)`` is shown nonzero by ``interval`` (the sign
   conditions: which root of ``P`` ``d`` is), so ``d^m = 0`` and ``d = 0``.

A script that coqc rejects leaves the relation undecided; nothing here is taken on faith.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import sympy

from ..constants.registry import BY_NAME
from .language import Node, parse

TRANSCENDENTAL = ("ln", "exp", "sin", "cos", "atan", "floor", "round", "ceil")
MAX_NORM_DEGREE = 64             # P's degree above which no proof is generated (nsatz's reach)
X = sympy.Symbol("x")


def inline(node: Node) -> Node:
    """The tree with every registered constant (not pi) replaced by its definition, recursively."""
    if node.kind == "const" and node.value != "PI":
        return inline(parse(BY_NAME[node.value].definition))
    if not node.args:
        return node
    return Node(node.kind, tuple(inline(a) for a in node.args), node.value, node.col)


def is_algebraic(node: Node) -> bool:
    """Rationals, + - * /, integer powers and square roots only (constants inlined)."""
    n = inline(node)
    stack = [n]
    while stack:
        k = stack.pop()
        if k.kind in TRANSCENDENTAL or (k.kind == "const"):
            return False
        if k.kind == "pow" and k.value.denominator not in (1, 2):
            return False
        stack.extend(k.args)
    return True


def exactly_zero(d: sympy.Expr) -> bool | None:
    """Whether the algebraic number ``d`` is 0 (its minimal polynomial is x); None if SymPy fails."""
    try:
        return sympy.minimal_polynomial(d, X) == X
    except (NotImplementedError, ValueError, sympy.polys.polyerrors.PolynomialError):
        return None


def _coq_num(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else f"({q.numerator} * / {q.denominator})"


def proof_term(node: Node) -> str:
    """The inlined tree as Coq text with ``Rdiv`` unfolded (``a * / b``): the goal after unfolding."""
    k, a = node.kind, [proof_term(x) for x in node.args]
    if k == "num":
        if node.text:
            num, den = node.text.split("/")
            return f"({num} * / {den})"
        return _coq_num(node.value)
    if k == "const":
        return "PI"
    if k in ("add", "sub", "mul"):
        return f"({a[0]} {dict(add='+', sub='-', mul='*')[k]} {a[1]})"
    if k == "div":
        return f"({a[0]} * / {a[1]})"
    if k == "neg":
        return f"(- {a[0]})"
    if k == "pow":
        e: Fraction = node.value
        if e.denominator == 2:
            base = f"(sqrt {a[0]})"
            return base if e.numerator == 1 else (f"({base} ^ {e.numerator})" if e > 0 else f"(/ ({base} ^ {-e.numerator}))")
        return f"({a[0]} ^ {e.numerator})" if e >= 0 else f"(/ ({a[0]} ^ {-e.numerator}))"
    if k == "sqrt":
        return f"(sqrt {a[0]})"
    raise ValueError(f"{k} is not algebraic")


@dataclass
class _Atoms:
    """Radicals and inverses met while turning the tree into a polynomial (innermost first).

    Each atom is a symbol ``s`` with a defining polynomial ``g``: ``s^2 - a`` for ``sqrt a``,
    ``s * y - 1`` for ``/ y`` (also for a literal's denominator); ``coq`` holds the atom's Coq
    text and the hypothesis ``g = 0`` as Coq text with the tactic proving it.
    """

    symbols: list[sympy.Symbol] = field(default_factory=list)
    relations: list[sympy.Expr] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    coq: dict[sympy.Symbol, str] = field(default_factory=dict)
    args: list[str] = field(default_factory=list)
    by_text: dict[str, sympy.Symbol] = field(default_factory=dict)

    def atom(self, kind: str, text: str, arg_poly: sympy.Expr) -> sympy.Symbol:
        key = kind + text
        if key not in self.by_text:
            s = sympy.Symbol(f"a{len(self.symbols)}")
            self.symbols.append(s)
            self.relations.append(s ** 2 - arg_poly if kind == "sqrt" else s * arg_poly - 1)
            self.kinds.append(kind)
            self.args.append(text)
            self.coq[s] = f"(sqrt {text})" if kind == "sqrt" else f"(/ {text})"
            self.by_text[key] = s
        return self.by_text[key]


def _poly(node: Node, at: _Atoms) -> sympy.Expr:
    """The tree as an integer polynomial in the atoms (mirrors :func:`proof_term`)."""
    k = node.kind
    if k == "num":
        num, den = (int(x) for x in node.text.split("/")) if node.text else (node.value.numerator, node.value.denominator)
        if den == 1:
            return sympy.Integer(num)
        return num * at.atom("inv", str(den), sympy.Integer(den))
    a = [_poly(x, at) for x in node.args]
    if k in ("add", "sub", "mul", "neg"):
        return sympy.expand({"add": lambda: a[0] + a[1], "sub": lambda: a[0] - a[1],
                             "mul": lambda: a[0] * a[1], "neg": lambda: -a[0]}[k]())
    if k == "div":
        return sympy.expand(a[0] * at.atom("inv", proof_term(node.args[1]), a[1]))
    if k == "sqrt":
        return at.atom("sqrt", proof_term(node.args[0]), a[0])
    if k == "pow":
        e: Fraction = node.value
        if e.denominator == 2:
            base: sympy.Expr = at.atom("sqrt", proof_term(node.args[0]), a[0])
            base_text = f"(sqrt {proof_term(node.args[0])})"
        else:
            base, base_text = a[0], proof_term(node.args[0])
        if e.numerator >= 0:
            return sympy.expand(base ** e.numerator)
        return at.atom("inv", f"({base_text} ^ {-e.numerator})", sympy.expand(base ** -e.numerator))
    raise ValueError(f"{k} is not algebraic")


def _eliminate(t: sympy.Expr, s: sympy.Symbol, g: sympy.Expr, kind: str) -> tuple[sympy.Expr, sympy.Expr, sympy.Expr]:
    """(R, c_t, c_g) with R = c_t * t + c_g * g free of s (R: the resultant up to sign)."""
    if kind == "sqrt":                       # g = s^2 - a
        quo, rem = sympy.div(sympy.Poly(t, s), sympy.Poly(g, s))
        f1 = rem.coeff_monomial(s)
        f0 = rem.coeff_monomial(1)
        a = -sympy.Poly(g, s).coeff_monomial(1)
        c = sympy.expand(f0 - f1 * s)
        return sympy.expand(f0 ** 2 - a * f1 ** 2), c, sympy.expand(f1 ** 2 - c * quo.as_expr())
    pt = sympy.Poly(t, s)                    # g = s * y - 1
    n = pt.degree()
    y = sympy.expand((g + 1) / s)
    r, w = sympy.Integer(0), sympy.Integer(0)
    for (j,), cj in pt.terms():
        r += cj * y ** (n - j)
        w += cj * y ** (n - j) * sum((s * y) ** i for i in range(j))
    return sympy.expand(r), y ** n, sympy.expand(-w)


@dataclass
class Certificate:
    """P(x) = alpha * (x - d) + sum beta_i * g_i, an identity of integer polynomials."""

    p: sympy.Poly
    alpha: sympy.Expr
    betas: list[sympy.Expr]
    d: sympy.Expr
    atoms: _Atoms


def certificate(lhs: Node, rhs: Node) -> Certificate:
    """The norm polynomial P of d = L - R with its cofactors (see the module's docstring)."""
    at = _Atoms()
    d = sympy.expand(_poly(inline(lhs), at) - _poly(inline(rhs), at))
    t, alpha = X - d, sympy.Integer(1)
    betas = [sympy.Integer(0)] * len(at.symbols)
    for i in reversed(range(len(at.symbols))):
        t, ct, cg = _eliminate(t, at.symbols[i], at.relations[i], at.kinds[i])
        alpha = sympy.expand(ct * alpha)
        betas = [sympy.expand(ct * b) for b in betas]
        betas[i] = sympy.expand(betas[i] + cg)
        if sympy.Poly(t, X).degree() > MAX_NORM_DEGREE:
            raise ValueError(f"the norm polynomial's degree passes {MAX_NORM_DEGREE}")
    return Certificate(sympy.Poly(t, X), alpha, betas, d, at)


def _coq_poly(e: sympy.Expr, names: dict[sympy.Symbol, str]) -> str:
    """An integer polynomial as Coq text, each symbol printed as its Coq term."""
    terms = []
    for monom, c in sympy.Poly(e, *names.keys()).terms():
        factors = [names[s] if k == 1 else f"{names[s]} ^ {k}" for s, k in zip(names, monom) if k]
        body = " * ".join([str(abs(c))] + factors) if abs(c) != 1 or not factors else " * ".join(factors)
        terms.append(("- " if c < 0 else "+ ") + body)
    text = " ".join(terms) if terms else "0"
    return "(" + (text[2:] if text.startswith("+ ") else text) + ")"


def proof_script(lhs: Node, rhs: Node, unfold: list[str], i_prec: int) -> tuple[list[str], int]:
    """Tactic lines proving ``L = R`` (goal as stated, constants folded); and P's degree."""
    cert = certificate(lhs, rhs)
    coeffs = [int(c) for c in cert.p.all_coeffs()]
    m = 0
    while m < len(coeffs) and coeffs[len(coeffs) - 1 - m] == 0:
        m += 1
    if m == 0 or m == len(coeffs):
        raise ValueError("the norm polynomial does not vanish at 0: the sides are not equal")
    at = cert.atoms
    dtext = f"({proof_term(inline(lhs))} - {proof_term(inline(rhs))})"
    names = {**{s: at.coq[s] for s in at.symbols}, X: dtext}
    q = sympy.Poly(cert.p.as_expr() / X ** m, X).as_expr()
    q_text = _coq_poly(q, {X: dtext})
    q_goal = f"0 < {q_text}" if q.subs(X, 0) > 0 else f"{q_text} < 0"
    iv = f"interval with (i_prec {i_prec})"
    lines = [f"unfold {', '.join(unfold)}." if unfold else "", "unfold Rdiv.",
             f"assert (Hq : {q_goal}) by ({iv})."]
    gs = []
    for i, s in enumerate(at.symbols):
        g = _coq_poly(at.relations[i], names)
        gs.append(g)
        atom, arg = at.coq[s], at.args[i]
        if at.kinds[i] == "sqrt":
            lines.append(f"assert (E{i} : {atom} * {atom} = {arg}) by (apply sqrt_sqrt; {iv}).")
            lines.append(f"assert (G{i} : {g} = 0) by (transitivity ({atom} * {atom} - {arg});"
                         f" [ring | rewrite E{i}; ring]).")
        else:
            lines.append(f"assert (E{i} : {arg} * {atom} = 1) by (apply Rinv_r; first"
                         f" [apply Rgt_not_eq; {iv} | apply Rlt_not_eq; {iv}]).")
            lines.append(f"assert (G{i} : {g} = 0) by (transitivity ({arg} * {atom} - 1);"
                         f" [ring | rewrite E{i}; ring]).")
    rhs_text = " + ".join(f"{_coq_poly(b, names)} * {g}" for b, g in zip(cert.betas, gs) if b != 0) or "0"
    lines += [f"assert (Hp : {_coq_poly(cert.p.as_expr(), {X: dtext})} = {rhs_text}) by ring.",
              "rewrite " + ", ".join(f"G{i}" for i, b in enumerate(cert.betas) if b != 0) + " in Hp."
              if any(b != 0 for b in cert.betas) else "",
              "assert (Hp0 : " + _coq_poly(cert.p.as_expr(), {X: dtext}) + " = 0) by (rewrite Hp; ring).",
              f"assert (Hm : {dtext} ^ {m} * {q_text} = 0) by (rewrite <- Hp0; ring).",
              "apply Rmult_integral in Hm. destruct Hm as [Hm | Hm].",
              f"- destruct (Req_dec {dtext} 0) as [E | E]; [lra | destruct (pow_nonzero _ {m} E Hm)].", "- lra."]
    return [ln for ln in lines if ln], cert.p.degree()
