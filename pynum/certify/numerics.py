"""Numeric values of parsed expressions: Arb balls (certified) and mpmath (guard digits).

Both engines evaluate the same :class:`pynum.certify.language.Node` tree and check every domain
condition (``ln`` of a positive value, no division by zero, ...) on the way; a condition the
ball cannot decide (an argument that may be 0) is decided exactly by SymPy.
"""

from __future__ import annotations

from dataclasses import asdict
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction
from typing import Any

import mpmath

from ..constants import expr as registry_expr
from ..constants.published import significant_digits
from ..constants.verdict import describe, judge_literal
from .language import ExprError, Node, evaluate, exact_sign, to_sympy

MAX_ARB_BITS = 1 << 20  # the working-precision cap: no ball is refined past it
# The most digits certify asks of Arb: their first ball (3.32 bits a digit + 64 guard bits) fits the cap.
MAX_CERTIFY_DIGITS = int((MAX_ARB_BITS - 64) / 3.3219280948873626)
MPMATH_GUARD_DIGITS = 15


def _arb_engine(bits: int) -> dict[str, Any]:
    import flint

    cache: dict[str, Any] = {}

    def const(name: str) -> Any:
        if name not in cache:
            cache[name] = flint.arb.pi() if name == "PI" else registry_expr.eval_arb(name, bits)
        return cache[name]

    def sign(x: Any) -> int | None:
        if x > 0:
            return 1
        if x < 0:
            return -1
        if x.is_exact() and x.is_zero():
            return 0
        return None

    return {
        "num": lambda q: flint.arb(q.numerator) / q.denominator if q.denominator != 1 else flint.arb(q.numerator),
        "const": const,
        "ipow": lambda x, n: x**n,
        "sqrt": lambda x: x.sqrt(),
        "ln": lambda x: x.log(),
        "exp": lambda x: x.exp(),
        "sin": lambda x: x.sin(),
        "cos": lambda x: x.cos(),
        "atan": lambda x: x.atan(),
        "floor": lambda x: x.floor(),
        "ceil": lambda x: x.ceil(),
        "round": lambda x: (x + flint.arb(1) / 2).floor(),
        "sign": sign,
    }


def _mp_engine(digits: int) -> dict[str, Any]:
    tiny = mpmath.mpf(10) ** (-(digits // 2))

    def sign(x: Any) -> int | None:
        return None if abs(x) <= tiny else (1 if x > 0 else -1)

    def const(name: str) -> Any:
        return +mpmath.pi if name == "PI" else +registry_expr.eval_mpmath(name, digits)

    return {
        "num": lambda q: mpmath.mpf(q.numerator) / q.denominator,
        "const": const,
        "ipow": lambda x, n: x**n,
        "sqrt": mpmath.sqrt,
        "ln": mpmath.log,
        "exp": mpmath.exp,
        "sin": mpmath.sin,
        "cos": mpmath.cos,
        "atan": mpmath.atan,
        "floor": mpmath.floor,
        "ceil": mpmath.ceil,
        "round": lambda x: mpmath.floor(x + mpmath.mpf(1) / 2),
        "sign": sign,
    }


def arb_ball(node: Node, bits: int) -> Any:
    """An Arb ball containing the value, computed at ``bits`` of working precision."""
    import flint

    old = flint.ctx.prec
    flint.ctx.prec = bits
    try:
        return evaluate(node, _arb_engine(bits))
    finally:
        flint.ctx.prec = old


def _exact_point(point: Any) -> Fraction:
    man, exp = point.mid().man_exp()
    return Fraction(int(man)) * Fraction(2) ** int(exp)


def _round_exact(q: Fraction, n: int) -> str:
    """``n`` correctly rounded (half-even) significant digits of an exact rational."""
    with localcontext() as ctx:
        ctx.prec = n + 60
        d = Decimal(q.numerator) / Decimal(q.denominator)
        q_exp = Decimal(1).scaleb(d.adjusted() - n + 1)
        return format(d.quantize(q_exp, rounding=ROUND_HALF_EVEN), "f")


def _exact_rational(node: Node) -> Fraction | None:
    """The value as an exact rational when SymPy can show it is one (values on a rounding boundary)."""
    import sympy

    e = sympy.nsimplify(to_sympy(node))
    if e.is_Rational and to_sympy(node).equals(e):
        return Fraction(int(e.p), int(e.q))
    return None


def _nonzero(node: Node) -> None:
    if exact_sign(node) == 0:
        raise ExprError("the value is exactly 0: a relative enclosure needs a nonzero value")


def digits_arb(node: Node, n: int) -> str:
    """``n`` correctly rounded significant digits, certified by Arb (precision raised as needed)."""
    import flint

    bits = start = registry_expr._bits_for(n)
    while bits <= MAX_ARB_BITS:
        if bits > 8 * start:
            exact = _exact_rational(node)
            if exact is not None:
                return _round_exact(exact, n)
        ball = arb_ball(node, bits)
        old = flint.ctx.prec
        flint.ctx.prec = bits
        try:
            if ball.rad() == 0 and ball.mid() != 0:
                return _round_exact(_exact_point(ball), n)
            if 0 in ball:
                _nonzero(node)
                bits *= 2
                continue
            text = ball.mid().str(n + 5, radius=False)
            rad_ok = (
                registry_expr._log2_upper(ball.rad())
                < registry_expr._log2_lower(ball.mid()) - (n + 6) * 3.3219280948873626
            )
        finally:
            flint.ctx.prec = old
        mant = text.replace("-", "").split("e")[0].replace(".", "").lstrip("0")
        tail = int(mant[n : n + 5].ljust(5, "0"))
        if rad_ok and abs(tail - 50000) > 3:
            return registry_expr._normalise(text, n)
        bits += bits // 4 + 64
    raise ExprError(
        f"Arb reached its working-precision cap of {MAX_ARB_BITS:,} bits before {n} digits were"
        " separated from a rounding boundary (ask for fewer digits)"
    )


def digits_mpmath(node: Node, n: int) -> str:
    """``n`` significant digits from mpmath with 15 guard digits (not certified)."""
    dps = n + MPMATH_GUARD_DIGITS
    with mpmath.workdps(dps):
        v = evaluate(node, _mp_engine(dps))
        if abs(v) <= mpmath.mpf(10) ** (-(dps // 2)):
            _nonzero(node)
        text = mpmath.nstr(v, n, strip_zeros=False, min_fixed=-mpmath.inf, max_fixed=mpmath.inf)
    return registry_expr._normalise(text, n)


def check_domain(node: Node) -> None:
    """Every domain condition and a nonzero value, decided before any digits are asked for."""
    if registry_expr.flint_available():
        ball = arb_ball(node, 128)
        if 0 in ball:
            _nonzero(node)
    else:
        digits_mpmath(node, 20)


def value_digits(node: Node, n: int) -> dict[str, Any]:
    """Digits from every available engine: {'value', 'engines', 'engines_agree', 'certified_by'}."""
    registry_expr.allow_str_digits(n + 100)
    engines = {"mpmath": digits_mpmath(node, n)}
    if registry_expr.flint_available():
        engines["arb"] = digits_arb(node, n)
    return {
        "value": engines.get("arb", engines["mpmath"]),
        "engines": engines,
        "engines_agree": len(set(engines.values())) == 1,
        "certified_by": "arb (python-flint)" if "arb" in engines else "none (mpmath only)",
    }


def reference(node: Node, n: int) -> str:
    """``n`` digits for judging: Arb when installed, else mpmath."""
    return digits_arb(node, n) if registry_expr.flint_available() else digits_mpmath(node, n)


def enclosure(value_n1: str, n: int) -> tuple[str, str]:
    """``lo <= v <= hi`` one unit apart in the (n+1)-th significant digit: relative width <= 10^-n.

    ``value_n1`` must carry at least n+6 correct significant digits.
    """
    from decimal import ROUND_FLOOR

    with localcontext() as ctx:
        ctx.prec = n + 60
        d = Decimal(value_n1)
        unit = Decimal(1).scaleb(d.adjusted() - n)
        lo = d.quantize(unit, rounding=ROUND_FLOOR)
        hi = lo + unit
        return format(lo, "f"), format(hi, "f")


def inside(node: Node, lo: str, hi: str) -> bool:
    """Whether the value lies in [lo, hi]: the whole Arb ball where installed, else mpmath (lo+40 digits)."""
    lo_q, hi_q = Fraction(Decimal(lo)), Fraction(Decimal(hi))
    if registry_expr.flint_available():
        import flint

        bits = registry_expr._bits_for(max(len(lo), len(hi)) + 10)
        ball = arb_ball(node, bits)
        old = flint.ctx.prec
        flint.ctx.prec = bits
        try:
            return lo_q <= _exact_point(ball.lower()) and _exact_point(ball.upper()) <= hi_q
        finally:
            flint.ctx.prec = old
    v = Fraction(Decimal(digits_mpmath(node, max(len(lo), len(hi)) + 40)))
    return lo_q <= v <= hi_q


def judge_all(node: Node, published: list[str]) -> list[dict[str, Any]]:
    """Verdicts on every published value (reference digits: 10 more than the longest)."""
    if not published:
        return []
    ref = reference(node, max(significant_digits(v) for v in published) + 10)
    out = []
    for v in published:
        j = judge_literal(v, ref)
        sign_ok = v.strip().startswith("-") == ref.startswith("-")
        row = {**asdict(j), "published": v, "summary": describe(j) if sign_ok else "wrong sign"}
        if not sign_ok:
            row.update(verdict="wrong", wrong_from=1)
        out.append(row)
    return out
