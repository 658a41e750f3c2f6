"""``python -m pynum certify EXPR``: digits, a Coq-proved enclosure and a certificate for any expression.

    python -m pynum certify "phi / ln (3 * phi)" [--digits N] [--published V ...] [--name NAME]
                            [--out DIR] [--json]
    python -m pynum certify --verify DIR/NAME.json

Steps, each timed: parse (pynum/language.py, domain errors before anything else), numeric
(N digits from Arb and mpmath, compared; pynum/numerics.py), generate and coqc (pynum/coqgen.py:
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
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..constants.expr import MAX_DIGITS
from ..constants.published import significant_digits
from ..constants.registry import REGISTRY
from . import coqgen, language, numerics

DEFAULT_DIGITS = 15
DEFAULT_OUT = Path("build") / "certify"
_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,62}")
_RESERVED = {c.coq_name for c in REGISTRY} | {
    "PI",
    "R",
    "Rpower",
    "sqrt",
    "ln",
    "exp",
    "sin",
    "cos",
    "atan",
    "Reals",
    "Interval",
    "Phi",
    "Constants",
    "PhiBasics",
    "Tactic",
}


# Coq's reserved words (the vernacular and term keywords a Definition name cannot be).
COQ_KEYWORDS = frozenset(
    """
    _ Axiom Axioms CoFixpoint CoInductive Conjecture Corollary Definition Example Fact Fixpoint
    Hypothesis Hypotheses Inductive Lemma Let Parameter Parameters Proposition Record Remark
    Structure Theorem Variable Variables Class Instance Module Section End Require Import Export
    Proof Qed Defined Admitted Abort Check Eval Compute Print Search Set Unset Open Close Scope
    Notation Infix Ltac Goal Type Prop SProp as at cofix else end exists exists2 fix for forall fun
    if IF in let match mod return then using where with struct Local Global From Include
    Context Canonical Coercion Opaque Transparent Hint Arguments Implicit Program Obligation
    """.split()
)


def check_name(name: str) -> str:
    """A certificate name: a Coq identifier (letter first), not a Coq keyword, shadowing nothing imported."""
    if not _IDENT.fullmatch(name) or name in _RESERVED or name in COQ_KEYWORDS:
        raise ValueError(
            f"--name must be a Coq identifier (letter, then letters, digits or _) not"
            f" already defined by the library, got {name!r}"
        )
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


def exact_rational(node: language.Node) -> tuple[Fraction | None, tuple[str, list[str]] | None]:
    """The value as an exact rational q with the tactics proving ``term = q`` (None, None if not one).

    Decided exactly: an algebraic value whose minimal polynomial has degree 1, or a value that
    the library lemmas (atan_1, sin2_cos2) turn into one; an exact value on an enclosure's bound
    then certifies (the bounds are closed).
    """
    import sympy

    from . import exact, relations

    node0, _ = relations._library_rewrites(node)
    if not exact.is_algebraic(node0):
        return None, None
    try:
        mp = sympy.Poly(sympy.minimal_polynomial(language.to_sympy(node0), exact.X), exact.X)
    except (NotImplementedError, ValueError):
        return None, None
    if mp.degree() != 1:
        return None, None
    c1, c0 = (sympy.Rational(c) for c in mp.all_coeffs())
    q = Fraction(int((-c0 / c1).p), int((-c0 / c1).q))
    qnode = language.Node("num", value=q)
    link = relations.decide_link(node, "=", qnode)
    if link.verdict != "proved":
        return None, None
    return q, (language.to_coq(qnode), link.tactics)


def run_certify(
    source: str,
    digits: int = DEFAULT_DIGITS,
    published: list[str] | None = None,
    name: str | None = None,
    out_dir: Path | None = None,
) -> dict[str, Any]:
    """Parse, evaluate, generate and compile; return the record (also written beside the .v file)."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    if not isinstance(digits, int) or not 1 <= digits <= MAX_DIGITS:
        raise ValueError(f"--digits must be an integer from 1 to {MAX_DIGITS:,}, got {digits!r}")
    if digits > numerics.MAX_CERTIFY_DIGITS:
        raise ValueError(
            f"--digits {digits:,} needs more than Arb's working-precision cap of"
            f" {numerics.MAX_ARB_BITS:,} bits: certify gives at most {numerics.MAX_CERTIFY_DIGITS:,} digits"
        )
    published = _published(list(published or []))
    name = check_name(name) if name else default_name(source)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    node = language.parse(source)
    numerics.check_domain(node)
    timings["parse"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    numeric = numerics.value_digits(node, digits)
    coq_digits = min(digits, coqgen.COQ_MAX_DIGITS)
    lo, hi = numerics.enclosure(numerics.reference(node, coq_digits + 12), coq_digits)
    verdicts = numerics.judge_all(node, published)
    exact_q, exact_proof = exact_rational(node)
    timings["numeric"] = time.perf_counter() - t0
    rec: dict[str, Any] = {
        "schema": coqgen.SCHEMA,
        "expression": source,
        "canonical": language.to_text(node),
        "name": name,
        "digits": digits,
        "value": numeric["value"],
        "engines": numeric["engines"],
        "engines_agree": numeric["engines_agree"],
        "certified_by_arb": numeric["certified_by"].startswith("arb"),
        "constants": language.constants_used(node),
        "published": verdicts,
        "certified": False,
    }
    if exact_q is not None:
        rec["exact"] = str(exact_q)
    if digits > coqgen.COQ_MAX_DIGITS:
        rec["certificate"] = f"not certified: the Coq step takes 1..{coqgen.COQ_MAX_DIGITS} digits, got {digits}"
    elif not numeric["engines_agree"]:
        rec["certificate"] = "not certified: the engines disagree"
    elif exact_q is not None and not Fraction(Decimal(lo)) <= exact_q <= Fraction(Decimal(hi)):
        rec["certificate"] = f"not certified: the exact value {exact_q} lies outside [{lo}, {hi}]"
    elif exact_q is None and not numerics.inside(node, lo, hi):
        rec["certificate"] = f"not certified: the enclosure [{lo}, {hi}] does not contain the Arb ball"
    elif coqgen.coqc_path() is None:
        rec["certificate"] = "skipped: coqc not found (install Coq 8.16 with Interval: make setup-apt)"
    else:
        out = out_dir if out_dir is not None else DEFAULT_OUT
        out.mkdir(parents=True, exist_ok=True)
        rec["enclosure"] = {"lo": lo, "hi": hi, "relative_width_at_most": f"1e-{digits}"}
        res = coqgen.prove(out, name, source, language.to_coq(node), rec["constants"], lo, hi, digits, exact_proof)
        timings["generate"], timings["coqc"] = res["generate_seconds"], res["coqc_seconds"]
        rec.update(
            theorem=f"{name}_enclosure",
            theorem_text=coqgen.theorem_text(name, lo, hi),
            definition_text=f"Definition {name} : R := {language.to_coq(node)}.",
            file=res["file"].name,
            i_prec=res["i_prec"],
            attempts=res["attempts"],
            coqc=coqgen.coqc_version(),
            coqc_command=f"coqc -R {coqgen.COQ_LIB} Phi {res['file'].name}",
        )
        if res["ok"]:
            rec.update(certified=True, sha256=coqgen.sha256(res["file"]), certificate="certified")
            rec["record"] = str(coqgen.write_record(out, name, rec))
        else:
            rec["certificate"] = (
                f"not certified: interval failed up to i_prec {coqgen.I_PREC_LIMIT} ({res['attempts'][-1]['message']})"
            )
    rec["seconds"] = {k: round(v, 3) for k, v in timings.items()}
    return rec


def _engines(rec: dict[str, Any]) -> str:
    if len(rec["engines"]) == 1:
        return "mpmath only: python-flint (Arb) is not installed"
    return ", ".join(f"{k} {'agree' if rec['engines_agree'] else v}" for k, v in rec["engines"].items())


def format_text(rec: dict[str, Any]) -> str:
    lines = [
        f"{rec['name']} = {rec['expression']}",
        f"  value        {rec['value']}  ({rec['digits']} digits; " + _engines(rec) + ")",
    ]
    if rec.get("enclosure"):
        e = rec["enclosure"]
        lines.append(
            f"  enclosure    {e['lo']} <= {rec['name']} <= {e['hi']}  (relative width <= {e['relative_width_at_most']})"
        )
    if rec.get("certified"):
        lines += [
            f"  theorem      {rec['theorem_text']}",
            f"  file         {rec['record'][:-5]}.v  (sha256 {rec['sha256'][:16]}...; i_prec {rec['i_prec']})",
            f"  coqc         {rec['coqc']}",
            f"  certificate  {rec['record']}",
        ]
    else:
        lines.append(f"  certificate  {rec['certificate']}")
    for p in rec["published"]:
        lines.append(f"  published    {p['published']}: {p['summary']}")
    lines.append("  seconds      " + ", ".join(f"{k} {v}" for k, v in rec["seconds"].items()))
    return "\n".join(lines)


def format_verify(res: dict[str, Any]) -> str:
    c, rec = res["checks"], res["record"]
    what = rec.get("relation") or f"{rec['name']} = {rec['expression']}"
    lines = [f"{what}: {'verified' if c['ok'] else 'FAILED'}"]
    for k, v in c.items():
        if k not in ("ok", "file", "coqc_message"):
            lines.append(f"  {k:<22} {v}")
    if c.get("coqc_message"):
        lines.append(f"  coqc says              {c['coqc_message']}")
    return "\n".join(lines)


def _out(arg: str | None) -> Path | None:
    """--out DIR, created when missing (a path that exists and is not a folder is refused)."""
    if not arg:
        return None
    out = Path(arg)
    if out.exists() and not out.is_dir():
        raise ValueError(f"--out is not a folder: {out}")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ValueError(f"--out folder cannot be created: {out} ({e.strerror})") from None
    return out


def cmd_certify(args: argparse.Namespace) -> int:
    """Exit 0 proved/certified, 1 refuted/not certified/a published value wrong, 2 bad input, 3 undecided."""
    from . import batch, relations, settle

    if args.name:
        check_name(args.name)
    if args.verify:
        if args.expr or args.claims:
            raise ValueError("give EXPR, --claims FILE or --verify CERT, one of them")
        rec, _ = coqgen.load_any(args.verify)
        if rec.get("schema") == settle.SCHEMA:
            res = settle.verify(rec, Path(args.verify).parent)
        elif rec.get("schema") == batch.SCHEMA:
            res = batch.verify(rec, Path(args.verify).parent)
        else:
            res = coqgen.verify(args.verify)
        print(json.dumps(res, indent=2) if args.json else format_verify(res))
        return 0 if res["checks"]["ok"] else 1
    if args.claims:
        if args.expr:
            raise ValueError("give EXPR or --claims FILE, not both")
        out = _out(args.out) or Path("build") / "certify" / Path(args.claims).stem
        record = batch.settle_all(Path(args.claims), out)
        path = batch.write(record, out / f"{Path(args.claims).stem}.json")
        print(json.dumps(record, indent=2) if args.json else batch.format_text(record) + f"\nrecord: {path}")
        return batch.exit_code(record)
    if not args.expr:
        raise ValueError(
            'give an expression, e.g. certify "phi / ln (3 * phi)", or a relation, e.g. certify "phi^2 + phi^-2 = 3"'
        )
    out_dir = _out(args.out)
    rel = relations.split_relation(args.expr)
    if rel is not None:
        if args.published:
            raise ValueError("--published judges an expression's digits; give the expression alone")
        rec = settle.settle(args.expr, args.name, out_dir, rel)
        print(json.dumps(rec, indent=2) if args.json else settle.format_text(rec))
        return settle.EXIT[rec["verdict"]]
    rec = run_certify(args.expr, args.digits, args.published, args.name, out_dir)
    print(json.dumps(rec, indent=2) if args.json else format_text(rec))
    if rec["digits"] > coqgen.COQ_MAX_DIGITS:
        print(f"error: {rec['certificate']}; the value above is not certified", file=sys.stderr)
        return 2
    if any(p["verdict"] == "wrong" for p in rec["published"]):
        return 1
    return 0 if rec["certified"] or rec["certificate"].startswith("skipped") else 1
