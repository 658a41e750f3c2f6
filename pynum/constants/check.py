"""The numeric cross-check: engines agree, values lie in the Coq enclosures, digits judged."""

from __future__ import annotations

import time
from dataclasses import asdict
from decimal import Decimal
from fractions import Fraction
from typing import Any

from . import expr
from .published import judge
from .registry import REGISTRY, Constant


def _in(value: str, lo: str, hi: str) -> bool:
    return Decimal(lo) <= Decimal(value) <= Decimal(hi)


def _arb_inside(name: str, lo: str, hi: str) -> bool:
    """Rigorous: the whole Arb ball lies inside [lo, hi]."""
    ball_lo, ball_hi = expr.arb_bounds(name, 256)
    return Fraction(Decimal(lo)) <= ball_lo and ball_hi <= Fraction(Decimal(hi))


def check_constant(c: Constant, digits: int, use_arb: bool) -> dict[str, Any]:
    """Cross-check one constant at ``digits`` significant digits."""
    t0 = time.perf_counter()
    values = {"mpmath": expr.digits_mpmath(c.name, digits), "sympy": expr.digits_sympy(c.name, digits)}
    if use_arb:
        values["arb"] = expr.digits_arb(c.name, digits)
    agree = len(set(values.values())) == 1
    reference = expr.digits_mpmath(c.name, max(digits, 40) + 10)
    as_float = repr(float(Decimal(reference)))
    enclosures = []
    for e in c.enclosures:
        row = {"lemma": f"Enclosures.{e.lemma}", "lo": e.lo, "hi": e.hi, "contains_mpmath": _in(reference, e.lo, e.hi)}
        if use_arb:
            row["contains_arb_ball"] = _arb_inside(c.name, e.lo, e.hi)
        if e is c.enclosure:
            row["contains_float64"] = _in(as_float, e.lo, e.hi)
        row["ok"] = all(v for k, v in row.items() if k.startswith("contains"))
        enclosures.append(row)
    published = []
    for p in c.published:
        j = judge(p.value, reference)
        published.append({**asdict(j), "seed": p.seed, "source": p.source, "where": p.where})
    return {
        "name": c.name,
        "symbol": c.symbol,
        "definition": c.definition,
        "claims": list(c.claims),
        "value": values["arb" if use_arb else "mpmath"],
        "float64": as_float,
        "engines": values,
        "engines_agree": agree,
        "enclosures": enclosures,
        "enclosures_ok": all(e["ok"] for e in enclosures),
        "published": published,
        "seconds": round(time.perf_counter() - t0, 4),
    }


def run_check(digits: int = 50) -> dict[str, Any]:
    """Cross-check every registered constant; ``ok`` is False on any disagreement or violation."""
    expr.check_digits(digits)
    use_arb = expr.flint_available()
    t0 = time.perf_counter()
    rows = [check_constant(c, digits, use_arb) for c in REGISTRY]
    return {
        "digits": digits,
        "engines": ["mpmath", "sympy"] + (["arb (python-flint)"] if use_arb else []),
        "arb_missing": not use_arb,
        "constants": rows,
        "ok": all(r["engines_agree"] and r["enclosures_ok"] for r in rows),
        "published_findings": [
            f"{r['name']} = {p['published']} ({p['where']}): {p['verdict']}, {p['agreeing']}"
            f"/{p['significant']} significant digits agree"
            for r in rows
            for p in r["published"]
            if p["verdict"] != "correctly rounded"
        ],
        "seconds": round(time.perf_counter() - t0, 3),
    }


def format_text(result: dict[str, Any]) -> str:
    """A human-readable table of a check result."""
    lines = [f"numeric cross-check at {result['digits']} digits; engines: {', '.join(result['engines'])}"]
    if result["arb_missing"]:
        lines.append("note: python-flint is not installed, so the Arb engine was skipped")
    for r in result["constants"]:
        mark = "ok " if r["engines_agree"] and r["enclosures_ok"] else "BAD"
        lines.append(f"{mark} {r['name']:<13} {r['value']}")
        if not r["engines_agree"]:
            lines += [f"      {k}: {v}" for k, v in r["engines"].items()]
        for e in r["enclosures"]:
            lines.append(f"      {'in ' if e['ok'] else 'OUT'} [{e['lo']}, {e['hi']}]  {e['lemma']}")
        for p in r["published"]:
            lines.append(
                f"      published {p['published']}: {p['verdict']} "
                f"({p['agreeing']}/{p['significant']} digits; {p['where']})"
            )
    lines.append(f"{'OK' if result['ok'] else 'FAILED'} in {result['seconds']} s")
    return "\n".join(lines)
