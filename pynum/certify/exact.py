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
MAX_NORM_DEGREE = 64  # P's degree above which no proof is generated (nsatz's reach)
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


def _split(n: int) -> tuple[int, list[int]]:
    """n = k^2 * p1 * p2 * ... with distinct primes p_i."""
    k, primes = 1, []
    for p, e in sympy.factorint(n).items():
        k *= p ** (e // 2)
        if e % 2:
            primes.append(p)
    return k, sorted(primes)


def split_radicals(nodes: list[Node]) -> tuple[list[Node], list[tuple[int, Node, int, list[int]]]]:
    """sqrt n (n an integer literal, not a prime) -> k * sqrt p1 * sqrt p2 ..., so that the
    radicals are independent (sqrt 6 = sqrt 2 * sqrt 3 lowers the norm's degree); the facts
    (n, replacement, k, primes) become ``sqrt_lem_1`` lemmas rewritten in the goal."""
    facts: list[tuple[int, Node, int, list[int]]] = []

    def walk(node: Node) -> Node:
        if not node.args:
            return node
        node = Node(node.kind, tuple(walk(a) for a in node.args), node.value, node.col, node.text)
        arg = node.args[0]
        if node.kind == "sqrt" and arg.kind == "num" and arg.value.denominator == 1 and not arg.text and arg.value > 1:
            n = arg.value.numerator
            k, primes = _split(n)
            if primes == [n]:
                return node
            parts = [Node("sqrt", (Node("num", value=Fraction(p)),)) for p in primes]
            new = Node("num", value=Fraction(k)) if not parts else parts[0]
            if parts:
                if k != 1:
                    new = Node("mul", (Node("num", value=Fraction(k)), parts[0]))
                for q in parts[1:]:
                    new = Node("mul", (new, q))
            if all(f[0] != n for f in facts):
                facts.append((n, new, k, primes))
            return new
        return node

    return [walk(n) for n in nodes], facts


def _from_sympy(e: sympy.Expr) -> Node | None:
    """A SymPy sum/product of rationals and square roots as a tree (None for anything else)."""
    if e.is_Rational:
        return Node("num", value=Fraction(int(e.p), int(e.q)))
    if e.is_Pow and e.exp == sympy.Rational(1, 2):
        inner = _from_sympy(e.base)
        return None if inner is None else Node("sqrt", (inner,))
    if e.is_Add or e.is_Mul:
        parts = [_from_sympy(a) for a in e.args]
        nodes = [x for x in parts if x is not None]
        if len(nodes) < len(parts):
            return None
        out = nodes[0]
        for x in nodes[1:]:
            out = Node("add" if e.is_Add else "mul", (out, x))
        return out
    return None


def _nested(node: Node) -> bool:
    return any(n.kind == "sqrt" or (n.kind == "pow" and n.value.denominator == 2) or _nested(n) for n in node.args)


def denest(nodes: list[Node], iv: str) -> tuple[list[Node], list[str]]:
    """Replace each nested sqrt that SymPy's sqrtdenest unnests by its denested form; the Coq
    lines prove each replacement (sqrt_lem_1: the form is >= 0 by interval and squares to the
    radicand by this module's certificate) and rewrite it in the goal."""
    lines: list[str] = []

    def walk(node: Node) -> Node:
        if not node.args:
            return node
        node = Node(node.kind, tuple(walk(a) for a in node.args), node.value, node.col, node.text)
        if node.kind != "sqrt" or not _nested(node):
            return node
        from .language import to_sympy

        new = _from_sympy(sympy.sqrtdenest(sympy.sqrt(to_sympy(node.args[0]))))
        if new is None or any(_nested(n) for n in [new] if n.kind == "sqrt") or _depth(new) >= _depth(node):
            return node
        sub, _ = proof_script(Node("mul", (new, new)), node.args[0], [], int(iv.split()[-1].rstrip(")")))
        j = len(lines)
        lines.extend(
            [
                f"assert (D{j} : {proof_term(node)} = {proof_term(new)}).",
                f"{{ apply sqrt_lem_1; [{iv} | {iv} | ]. {' '.join(sub)} }}",
                f"rewrite D{j}.",
            ]
        )
        return new

    return [walk(n) for n in nodes], lines


def _depth(node: Node) -> int:
    own = 1 if node.kind == "sqrt" or (node.kind == "pow" and node.value.denominator == 2) else 0
    return own + max((_depth(a) for a in node.args), default=0)


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
            return (
                base
                if e.numerator == 1
                else (f"({base} ^ {e.numerator})" if e > 0 else f"(/ ({base} ^ {-e.numerator}))")
            )
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
            self.relations.append(s**2 - arg_poly if kind == "sqrt" else s * arg_poly - 1)
            self.kinds.append(kind)
            self.args.append(text)
            self.coq[s] = f"(sqrt {text})" if kind == "sqrt" else f"(/ {text})"
            self.by_text[key] = s
        return self.by_text[key]


def _poly(node: Node, at: _Atoms) -> sympy.Expr:
    """The tree as an integer polynomial in the atoms (mirrors :func:`proof_term`)."""
    k = node.kind
    if k == "num":
        num, den = (
            (int(x) for x in node.text.split("/")) if node.text else (node.value.numerator, node.value.denominator)
        )
        if den == 1:
            return sympy.Integer(num)
        return num * at.atom("inv", str(den), sympy.Integer(den))
    a = [_poly(x, at) for x in node.args]
    if k in ("add", "sub", "mul", "neg"):
        return sympy.expand(
            {"add": lambda: a[0] + a[1], "sub": lambda: a[0] - a[1], "mul": lambda: a[0] * a[1], "neg": lambda: -a[0]}[
                k
            ]()
        )
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
            return sympy.expand(base**e.numerator)
        return at.atom("inv", f"({base_text} ^ {-e.numerator})", sympy.expand(base**-e.numerator))
    raise ValueError(f"{k} is not algebraic")


def _eliminate(t: sympy.Expr, s: sympy.Symbol, g: sympy.Expr, kind: str) -> tuple[sympy.Expr, sympy.Expr, sympy.Expr]:
    """(R, c_t, c_g) with R = c_t * t + c_g * g free of s (R: the resultant up to sign)."""
    if kind == "sqrt":  # g = s^2 - a
        quo, rem = sympy.div(sympy.Poly(t, s), sympy.Poly(g, s))
        f1 = rem.coeff_monomial(s)
        f0 = rem.coeff_monomial(1)
        a = -sympy.Poly(g, s).coeff_monomial(1)
        c = sympy.expand(f0 - f1 * s)
        return sympy.expand(f0**2 - a * f1**2), c, sympy.expand(f1**2 - c * quo.as_expr())
    pt = sympy.Poly(t, s)  # g = s * y - 1
    n = pt.degree()
    y = sympy.expand((g + 1) / s)
    r, w = sympy.Integer(0), sympy.Integer(0)
    for (j,), cj in pt.terms():
        r += cj * y ** (n - j)
        w += cj * y ** (n - j) * sum((s * y) ** i for i in range(j))
    return sympy.expand(r), y**n, sympy.expand(-w)


@dataclass
class Certificate:
    """P(x) = alpha * (x - d) + sum beta_i * g_i, an identity of integer polynomials."""

    p: sympy.Poly
    alpha: sympy.Expr
    betas: list[sympy.Expr]
    d: sympy.Expr
    atoms: _Atoms


def certificate(lhs: Node, rhs: Node) -> Certificate:
    """The norm polynomial P of d = L - R with its cofactors (see the module's docstring); the
    sides already inlined and with canonical radicals."""
    at = _Atoms()
    d = sympy.expand(_poly(lhs, at) - _poly(rhs, at))
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
    iv = f"interval with (i_prec {i_prec})"
    (lhs, rhs), facts = split_radicals([inline(lhs), inline(rhs)])
    (lhs, rhs), denested = denest([lhs, rhs], iv)
    cert = certificate(lhs, rhs)
    coeffs = [int(c) for c in cert.p.all_coeffs()]
    m = 0
    while m < len(coeffs) and coeffs[len(coeffs) - 1 - m] == 0:
        m += 1
    if m == 0 or m == len(coeffs):
        raise ValueError("the norm polynomial does not vanish at 0: the sides are not equal")
    at = cert.atoms
    dtext = f"({proof_term(lhs)} - {proof_term(rhs)})"
    names = {**{s: at.coq[s] for s in at.symbols}, X: dtext}
    q = sympy.Poly(cert.p.as_expr() / X**m, X).as_expr()
    q_text = _coq_poly(q, {X: dtext})
    q_goal = f"0 < {q_text}" if q.subs(X, 0) > 0 else f"{q_text} < 0"
    lines = [f"unfold {', '.join(unfold)}." if unfold else "", "unfold Rdiv."]
    for j, (n, new, k, primes) in enumerate(facts):
        squares = " * ".join([f"({k} * {k})"] + [f"(sqrt {p} * sqrt {p})" for p in primes])
        rw = f"rewrite {', '.join(f'(sqrt_sqrt {p})' for p in primes)} by lra; " if primes else ""
        lines += [
            f"assert (R{j} : sqrt {n} = {proof_term(new)}).",
            f"{{ apply sqrt_lem_1; [lra | {iv} | ]. transitivity ({squares}); [ring | {rw}ring]. }}",
            f"rewrite R{j}.",
        ]
    lines += denested
    lines.append(f"assert (Hq : {q_goal}) by ({iv}).")
    gs = []
    for i, s in enumerate(at.symbols):
        g = _coq_poly(at.relations[i], names)
        gs.append(g)
        atom, arg = at.coq[s], at.args[i]
        if at.kinds[i] == "sqrt":
            lines.append(f"assert (E{i} : {atom} * {atom} = {arg}) by (apply sqrt_sqrt; {iv}).")
            lines.append(
                f"assert (G{i} : {g} = 0) by (transitivity ({atom} * {atom} - {arg}); [ring | rewrite E{i}; ring])."
            )
        else:
            lines.append(
                f"assert (E{i} : {arg} * {atom} = 1) by (apply Rinv_r; first"
                f" [apply Rgt_not_eq; {iv} | apply Rlt_not_eq; {iv}])."
            )
            lines.append(
                f"assert (G{i} : {g} = 0) by (transitivity ({arg} * {atom} - 1); [ring | rewrite E{i}; ring])."
            )
    var = {s: str(s) for s in at.symbols}
    xnames = {**var, X: "x"}
    d_var = _coq_poly(cert.d, var or {X: "x"})
    g_var = [_coq_poly(at.relations[i], var) for i in range(len(at.symbols))]
    used = [i for i, b in enumerate(cert.betas) if b != 0]
    terms = [f"{_coq_poly(cert.alpha, xnames)} * (x - {d_var})"]
    terms += [f"{_coq_poly(cert.betas[i], xnames)} * {g_var[i]}" for i in used]
    p_x, q_x = _coq_poly(cert.p.as_expr(), {X: "x"}), _coq_poly(q, {X: "x"})
    binders = " ".join(["x"] + list(var.values()))
    hyps = " -> ".join([f"x - {d_var} = 0"] + [f"{g} = 0" for g in g_var])
    intro = " ".join(["x"] + list(var.values()) + ["Z0"] + [f"K{i}" for i in range(len(g_var))])
    lines += [
        f"assert (C : forall {binders} : R, {hyps} -> {p_x} = 0).",
        f"{{ intros {intro}. transitivity ({' + '.join(terms)});"
        f" [ring | rewrite {', '.join(['Z0'] + [f'K{i}' for i in used])}, ?Rmult_0_r, ?Rplus_0_r; reflexivity]. }}",
        f"assert (Z : {dtext} - {_coq_poly(cert.d, {s: at.coq[s] for s in at.symbols} or {X: 'x'})} = 0) by ring.",
        f"pose proof (C {dtext} {' '.join(at.coq[s] for s in at.symbols)} Z"
        f" {' '.join(f'G{i}' for i in range(len(g_var)))}) as Hp0.",
        f"assert (F : forall x : R, x ^ {m} * {q_x} = {p_x}) by (intro x; ring).",
        f"assert (Hm : {dtext} ^ {m} * {q_text} = 0) by (rewrite F; exact Hp0).",
        "apply Rmult_integral in Hm. destruct Hm as [Hm | Hm].",
        f"- destruct (Req_dec {dtext} 0) as [E | E];"
        f" [apply Rminus_diag_uniq; exact E | destruct (pow_nonzero _ {m} E Hm)].",
        "- exfalso. rewrite Hm in Hq. exact (Rlt_irrefl _ Hq).",
    ]
    return [ln for ln in lines if ln], cert.p.degree()
