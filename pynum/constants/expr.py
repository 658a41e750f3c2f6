"""Definitions as SymPy expressions, and their evaluation by independent engines.

A registry definition is parsed once into a SymPy expression over the integers, ``sqrt``
and ``ln``; the engines below evaluate that tree with mpmath (floating point with guard
digits), SymPy's own ``evalf`` (adaptive precision), and python-flint's Arb (rigorous
ball arithmetic).  python-flint is optional and imported only when asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from functools import cache
from typing import Any

import mpmath
import sympy
from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations

from .registry import BY_NAME, MAX_DIGITS, REGISTRY

_TRANSFORMS = standard_transformations + (convert_xor,)
_FUNCTIONS = {"sqrt": sympy.sqrt, "ln": sympy.log}
_BY_COQ_NAME = {c.coq_name: c for c in REGISTRY}


class PrecisionError(ValueError):
    """Raised for a number of digits outside the supported range."""


def check_digits(n: int) -> int:
    """Validate a requested number of significant digits (1 .. 1,000,000)."""
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= MAX_DIGITS:
        raise PrecisionError(f"digits must be an integer from 1 to {MAX_DIGITS:,}, got {n!r}")
    return n


@cache
def sympy_expr(name: str) -> sympy.Expr:
    """The exact SymPy expression of a registered constant, with dependencies expanded."""
    const = BY_NAME[name]
    parsed = parse_expr(const.definition, local_dict=dict(_FUNCTIONS), transformations=_TRANSFORMS)
    subs = {s: sympy_expr(_BY_COQ_NAME[str(s)].name) for s in parsed.free_symbols}
    unknown = [str(s) for s in parsed.free_symbols if str(s) not in _BY_COQ_NAME]
    if unknown:
        raise ValueError(f"{name}: definition names unknown symbols {unknown}")
    return parsed.xreplace(subs)


def dependencies(name: str) -> list[str]:
    """Coq names a definition refers to, directly or through other constants (in order)."""
    const = BY_NAME[name]
    parsed = parse_expr(const.definition, local_dict=dict(_FUNCTIONS), transformations=_TRANSFORMS)
    out: list[str] = []
    for s in sorted(parsed.free_symbols, key=str):
        dep = _BY_COQ_NAME[str(s)]
        for d in dependencies(dep.name) + [dep.coq_name]:
            if d not in out:
                out.append(d)
    return out


def _walk(e: sympy.Expr, ops: dict[str, Callable[..., Any]], memo: dict | None = None) -> Any:
    """Evaluate ``e`` bottom-up with the engine's own arithmetic (shared subtrees once)."""
    if memo is None:
        memo = {}
    if e in memo:
        return memo[e]
    memo[e] = value = _walk_node(e, ops, memo)
    return value


def _walk_node(e: sympy.Expr, ops: dict[str, Callable[..., Any]], memo: dict) -> Any:
    if e.is_Integer:
        return ops["int"](int(e))
    if e.is_Rational:
        return ops["int"](int(e.p)) / ops["int"](int(e.q))
    if e.is_Add:
        args = [_walk(a, ops, memo) for a in e.args]
        acc = args[0]
        for a in args[1:]:
            acc = acc + a
        return acc
    if e.is_Mul:
        args = [_walk(a, ops, memo) for a in e.args]
        acc = args[0]
        for a in args[1:]:
            acc = acc * a
        return acc
    if e.is_Pow:
        base, ex = e.args
        b = _walk(base, ops, memo)
        if ex == sympy.Rational(1, 2):
            return ops["sqrt"](b)
        if ex == sympy.Rational(-1, 2):
            return ops["int"](1) / ops["sqrt"](b)
        if ex.is_Integer:
            k = int(ex)
            return b**k if k >= 0 else ops["int"](1) / b ** (-k)
        raise ValueError(f"unsupported power {e}")
    if isinstance(e, sympy.log):
        return ops["log"](_walk(e.args[0], ops, memo))
    raise ValueError(f"unsupported node {type(e).__name__} in {e}")


def eval_mpmath(name: str, digits: int) -> mpmath.mpf:
    """mpmath value of a constant, computed with 15 guard digits."""
    with mpmath.workdps(digits + 15):
        ops = {"int": mpmath.mpf, "sqrt": mpmath.sqrt, "log": mpmath.log}
        return +_walk(sympy_expr(name), ops)


def eval_sympy(name: str, digits: int) -> sympy.Float:
    """SymPy's ``evalf`` of the exact expression (adaptive precision)."""
    return sympy_expr(name).evalf(digits + 5)


def flint_available() -> bool:
    """Whether python-flint (Arb) is importable."""
    try:
        import flint  # noqa: F401
    except ImportError:
        return False
    return True


def eval_arb(name: str, bits: int) -> Any:
    """A rigorous Arb ball containing the constant, at working precision ``bits``."""
    import flint

    old = flint.ctx.prec
    flint.ctx.prec = bits
    try:
        ops = {"int": flint.arb, "sqrt": lambda x: x.sqrt(), "log": lambda x: x.log()}
        return _walk(sympy_expr(name), ops)
    finally:
        flint.ctx.prec = old


def arb_bounds(name: str, bits: int) -> tuple[Fraction, Fraction]:
    """Exact rational endpoints of the Arb ball computed at ``bits`` of precision."""
    import flint

    ball = eval_arb(name, bits)
    old = flint.ctx.prec
    flint.ctx.prec = bits
    try:
        ends = []
        for point in (ball.lower(), ball.upper()):
            man, exp = point.mid().man_exp()
            ends.append(Fraction(int(man)) * Fraction(2) ** int(exp))
    finally:
        flint.ctx.prec = old
    return ends[0], ends[1]


def _log2_upper(point: Any) -> float:
    """An upper bound on log2 |x| for an exact Arb point (minus infinity for 0)."""
    man, exp = point.mid().man_exp()
    man = abs(int(man))
    return float("-inf") if man == 0 else int(exp) + man.bit_length()


def _log2_lower(point: Any) -> float:
    """A lower bound on log2 |x| for an exact nonzero Arb point."""
    man, exp = point.mid().man_exp()
    return int(exp) + abs(int(man)).bit_length() - 1


def allow_str_digits(n: int) -> None:
    """Let int <-> str conversions carry ``n`` digits (Python caps them at 4300 by default)."""
    import sys

    limit = sys.get_int_max_str_digits()
    if limit and limit < n + 100:
        sys.set_int_max_str_digits(n + 100)


def _bits_for(digits: int) -> int:
    return int(digits * 3.3219280948873626) + 64


def digits_arb(name: str, n: int) -> str:
    """``n`` correctly rounded significant digits, certified by Arb.

    The ball is computed with about 9 guard digits and its midpoint printed once with
    5 extra digits; unless those extra digits lie within 3 units of a rounding boundary
    (then the precision is doubled), every point of the ball rounds to the same n digits.
    """
    allow_str_digits(n)
    import flint

    bits = _bits_for(n)
    while True:
        ball = eval_arb(name, bits)
        old = flint.ctx.prec
        flint.ctx.prec = bits
        try:
            text = ball.mid().str(n + 5, radius=False)
            rad_ok = _log2_upper(ball.rad()) < _log2_lower(ball.mid()) - (n + 6) * 3.3219280948873626
        finally:
            flint.ctx.prec = old
        mant = text.replace("-", "").split("e")[0].replace(".", "").lstrip("0")
        tail = int(mant[n : n + 5].ljust(5, "0"))
        if rad_ok and abs(tail - 50000) > 3:
            return _normalise(text, n)
        bits += bits // 8 + 64


def digits_mpmath(name: str, n: int) -> str:
    """``n`` significant digits from mpmath (15 guard digits, not certified)."""
    allow_str_digits(n)
    with mpmath.workdps(n + 15):
        v = eval_mpmath(name, n)
        return _normalise(mpmath.nstr(v, n, strip_zeros=False, min_fixed=-mpmath.inf, max_fixed=mpmath.inf), n)


def digits_sympy(name: str, n: int) -> str:
    """``n`` significant digits from SymPy's evalf."""
    allow_str_digits(n)
    v = sympy_expr(name).evalf(n + 5)
    with mpmath.workdps(n + 10):
        return _normalise(
            mpmath.nstr(mpmath.mpf(str(v)), n, strip_zeros=False, min_fixed=-mpmath.inf, max_fixed=mpmath.inf), n
        )


def _normalise(s: str, n: int) -> str:
    """Plain positional decimal with exactly ``n`` significant digits."""
    allow_str_digits(n)
    from decimal import Decimal, localcontext

    with localcontext() as ctx:
        ctx.prec = n + 5
        d = Decimal(s.replace(" ", ""))
        if d == 0:
            return "0"
        exp = d.adjusted() - n + 1
        q = Decimal(1).scaleb(exp)
        return format(d.quantize(q), "f")
