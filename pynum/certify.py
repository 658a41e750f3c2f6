"""``python -m pynum certify EXPR``: digits, a Coq-proved enclosure and a certificate for any expression.

    python -m pynum certify "phi / ln (3 * phi)" [--digits N] [--published V ...] [--name NAME]
                            [--out DIR] [--json]
    python -m pynum certify --verify DIR/NAME.json

Steps, each timed: parse (pynum/exprlang.py, domain errors before anything else), numeric
(N digits from Arb and mpmath, compared; pynum/certnum.py), generate and coqc (pynum/certcoq.py:
``lo <= NAME <= hi`` at relative width 10^-N, proved by ``interval`` with i_prec raised as
needed, compiled with ``coqc -R <repo>/build/prove/coq Phi``, the library make prove built).  Every ``--published`` value is judged digit
by digit (pynum/constants/verdict.py).  Exit 0 when certified (or when coqc is absent: the numeric part
ran and the certificate is reported as skipped), 1 when interval failed up to its limit, the
engines disagree or a verification fails, 2 on bad input (and for N > 40, after the value).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from . import certcoq, certnum, exprlang
from .constants.expr import MAX_DIGITS
from .constants.published import significant_digits
from .constants.registry import REGISTRY
from .constants.verdict import describe, judge_literal

DEFAULT_DIGITS = 15
DEFAULT_OUT = Path("build") / "certify"
_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,62}")
_RESERVED = {c.coq_name for c in REGISTRY} | {"PI", "R", "Rpower", "sqrt", "ln", "exp", "sin", "cos", "atan",
                                               "Reals", "Interval", "Phi", "Constants", "PhiBasics", "Tactic"}


def check_name(name: str) -> str:
    """A certificate name: a Coq identifier (letter first) that shadows nothing imported."""
    if not _IDENT.fullmatch(name) or name in _RESERVED:
        raise ValueError(f"--name must be a Coq identifier (letter, then letters, digits or _) not"
                         f" already defined by the library, got {name!r}")
    return name


def default_name(source: str) -> str:
    return "expr_" + hashlib.sha256(source.encode()).hexdigest()[:10]


def _published(values: list[str]) -> list[str]:
    for v in values:
        try:
            significant_digits(v)
        except ValueError:
            raise ValueError(f"--published must be a plain decimal such as 1.618034, got {v!r}") from None
    return values


def judge_all(node: exprlang.Node, published: list[str]) -> list[dict[str, Any]]:
    """Verdicts on every published value (reference digits: 10 more than the longest)."""
    if not published:
        return []
    ref = certnum.reference(node, max(significant_digits(v) for v in published) + 10)
    out = []
    for v in published:
        j = judge_literal(v, ref)
        sign_ok = v.strip().startswith("-") == ref.startswith("-")
        row = {**asdict(j), "published": v, "summary": describe(j) if sign_ok else "wrong sign"}
        if not sign_ok:
            row.update(verdict="wrong", wrong_from=1)
        out.append(row)
    return out


def run_certify(source: str, digits: int = DEFAULT_DIGITS, published: list[str] | None = None,
                name: str | None = None, out_dir: Path | None = None) -> dict[str, Any]:
    """Parse, evaluate, generate and compile; return the record (also written beside the .v file)."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    if not isinstance(digits, int) or not 1 <= digits <= MAX_DIGITS:
        raise ValueError(f"--digits must be an integer from 1 to {MAX_DIGITS:,}, got {digits!r}")
    published = _published(list(published or []))
    name = check_name(name) if name else default_name(source)
    if out_dir is not None and not out_dir.is_dir():
        raise ValueError(f"--out folder does not exist: {out_dir}")
    node = exprlang.parse(source)
    certnum.check_domain(node)
    timings["parse"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    numeric = certnum.value_digits(node, digits)
    coq_digits = min(digits, certcoq.COQ_MAX_DIGITS)
    lo, hi = certnum.enclosure(certnum.reference(node, coq_digits + 12), coq_digits)
    verdicts = judge_all(node, published)
    timings["numeric"] = time.perf_counter() - t0
    rec: dict[str, Any] = {
        "schema": certcoq.SCHEMA, "expression": source, "canonical": exprlang.to_text(node), "name": name,
        "digits": digits, "value": numeric["value"], "engines": numeric["engines"],
        "engines_agree": numeric["engines_agree"], "certified_by_arb": numeric["certified_by"].startswith("arb"),
        "constants": exprlang.constants_used(node), "published": verdicts, "certified": False,
    }
    if digits > certcoq.COQ_MAX_DIGITS:
        rec["certificate"] = f"not certified: the Coq step takes 1..{certcoq.COQ_MAX_DIGITS} digits, got {digits}"
    elif not numeric["engines_agree"]:
        rec["certificate"] = "not certified: the engines disagree"
    elif not certnum.inside(node, lo, hi):
        rec["certificate"] = f"not certified: the enclosure [{lo}, {hi}] does not contain the Arb ball"
    elif certcoq.coqc_path() is None:
        rec["certificate"] = "skipped: coqc not found (install Coq 8.16 with Interval: make setup-apt)"
    else:
        out = out_dir if out_dir is not None else DEFAULT_OUT
        out.mkdir(parents=True, exist_ok=True)
        rec["enclosure"] = {"lo": lo, "hi": hi, "relative_width_at_most": f"1e-{digits}"}
        res = certcoq.prove(out, name, source, exprlang.to_coq(node), rec["constants"], lo, hi, digits)
        timings["generate"], timings["coqc"] = res["generate_seconds"], res["coqc_seconds"]
        rec.update(theorem=f"{name}_enclosure", theorem_text=certcoq.theorem_text(name, lo, hi),
                   definition_text=f"Definition {name} : R := {exprlang.to_coq(node)}.",
                   file=res["file"].name, i_prec=res["i_prec"], attempts=res["attempts"],
                   coqc=certcoq.coqc_version(),
                   coqc_command=f"coqc -R {certcoq.COQ_LIB} Phi {res['file'].name}")
        if res["ok"]:
            rec.update(certified=True, sha256=certcoq.sha256(res["file"]), certificate="certified")
            rec["record"] = str(certcoq.write_record(out, name, rec))
        else:
            rec["certificate"] = (f"not certified: interval failed up to i_prec {certcoq.I_PREC_LIMIT}"
                                  f" ({res['attempts'][-1]['message']})")
    rec["seconds"] = {k: round(v, 3) for k, v in timings.items()}
    return rec


def _engines(rec: dict[str, Any]) -> str:
    if len(rec["engines"]) == 1:
        return "mpmath only: python-flint (Arb) is not installed"
    return ", ".join(f"{k} {'agree' if rec['engines_agree'] else v}" for k, v in rec["engines"].items())


def format_text(rec: dict[str, Any]) -> str:
    lines = [f"{rec['name']} = {rec['expression']}",
             f"  value        {rec['value']}  ({rec['digits']} digits; " + _engines(rec) + ")"]
    if rec.get("enclosure"):
        e = rec["enclosure"]
        lines.append(f"  enclosure    {e['lo']} <= {rec['name']} <= {e['hi']}  (relative width <= {e['relative_width_at_most']})")
    if rec.get("certified"):
        lines += [f"  theorem      {rec['theorem_text']}",
                  f"  file         {rec['record'][:-5]}.v  (sha256 {rec['sha256'][:16]}...; i_prec {rec['i_prec']})",
                  f"  coqc         {rec['coqc']}",
                  f"  certificate  {rec['record']}"]
    else:
        lines.append(f"  certificate  {rec['certificate']}")
    for p in rec["published"]:
        lines.append(f"  published    {p['published']}: {p['summary']}")
    lines.append("  seconds      " + ", ".join(f"{k} {v}" for k, v in rec["seconds"].items()))
    return "\n".join(lines)


def format_verify(res: dict[str, Any]) -> str:
    c, rec = res["checks"], res["record"]
    lines = [f"{rec['name']} = {rec['expression']}: {'verified' if c['ok'] else 'FAILED'}"]
    for k in ("sha256_matches", "theorem_in_file", "value_in_enclosure", "compiled"):
        lines.append(f"  {k:<18} {c[k]}")
    lines.append(f"  coqc               {c.get('coqc')}")
    if c.get("coqc_message"):
        lines.append(f"  coqc says          {c['coqc_message']}")
    return "\n".join(lines)


def cmd_certify(args: argparse.Namespace) -> int:
    if args.verify:
        if args.expr:
            raise ValueError("give EXPR or --verify CERT, not both")
        res = certcoq.verify(args.verify)
        print(json.dumps(res, indent=2) if args.json else format_verify(res))
        return 0 if res["checks"]["ok"] else 1
    if not args.expr:
        raise ValueError("give an expression, e.g. certify \"phi / ln (3 * phi)\"")
    out = Path(args.out) if args.out else None
    rec = run_certify(args.expr, args.digits, args.published, args.name, out)
    print(json.dumps(rec, indent=2) if args.json else format_text(rec))
    if rec["digits"] > certcoq.COQ_MAX_DIGITS:
        print(f"error: {rec['certificate']}; the value above is not certified", file=sys.stderr)
        return 2
    return 0 if rec["certified"] or rec["certificate"].startswith("skipped") else 1


