"""``python -m pynum check|cite|ledger|audit|coqgen|value|report|certify|scan``."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .expr import MAX_DIGITS, PrecisionError, check_digits
from .registry import UnknownConstant

ROOT = Path(__file__).resolve().parent.parent


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors as one line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _digits(text: str) -> int:
    try:
        return check_digits(int(text))
    except (ValueError, PrecisionError):
        raise argparse.ArgumentTypeError(f"must be an integer from 1 to {MAX_DIGITS:,}, got {text!r}")


def cmd_check(args: argparse.Namespace) -> int:
    from .check import format_text, run_check

    result = run_check(args.digits)
    print(json.dumps(result, indent=2) if args.json else format_text(result))
    return 0 if result["ok"] else 1


def cmd_value(args: argparse.Namespace) -> int:
    from .constants import get

    print(get(args.name).digits(args.digits))
    return 0


def cmd_cite(args: argparse.Namespace) -> int:
    from .cite import cite_claim, cite_constant

    if bool(args.name) == bool(args.claim):
        raise ValueError("give a constant NAME or --claim ID (one of them)")
    print(cite_claim(args.claim, args.format) if args.claim else cite_constant(args.name, args.format))
    return 0


def cmd_ledger(args: argparse.Namespace) -> int:
    from .ledger import LEDGER, render

    rows = [render.claim_json(c) for c in LEDGER]
    if args.json:
        print(json.dumps({"claims": rows}, indent=2))
        return 0
    from collections import Counter

    for c in LEDGER:
        ev = ", ".join(list(c.evidence.coq) + list(c.evidence.checks) + list(c.evidence.records))
        print(f"{c.id:<4} {c.verdict:<15} {render.reading(c) or c.published}")
        if ev:
            print(f"     evidence: {ev}")
        if c.correction:
            print(f"     correction: {render.correction(c)}")
    tally = Counter(c.verdict for c in LEDGER)
    print(", ".join(f"{n} {v}" for v, n in tally.most_common()))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from .proofs import audit, write_report

    result = audit(jobs=args.jobs, update_lock=args.update_lock)
    path = write_report(result)
    coq = [t for t in result["theorems"] if t["prover"] == "coq"]
    chk, st = result["coqchk"], result["statements"]
    print(f"coqchk ({chk['version']}): {len(chk['modules'])} modules re-checked in {chk['seconds']} s; "
          f"{len(chk['axioms'])} axioms listed, outside the allow-list: {len(chk['disallowed'])}; "
          f"unsafe features: {len(chk['unsafe'])}")
    print(f"Coq: {sum(t['checked'] for t in coq)}/{len(coq)} cited theorems checked by Print Assumptions over"
          f" {result['bundle']['bundles']} bundle(s) ({result['bundle']['seconds']} s);"
          f" Admitted in coq/: {result['admitted_count']}")
    print(f"statements: {'lock rewritten' if st['updated'] else 'compared with ' + st['lock']}; "
          f"{st['non_vacuous']}/{st['with_premises']} theorems with premises shown non-vacuous")
    print(f"Lean: {result['lean']['reason']}")
    for p in result["problems"]:
        print(f"PROBLEM: {p}", file=sys.stderr)
    print(f"audit {'passed' if result['ok'] else 'FAILED'} in {result['seconds']} s; wrote {path.relative_to(ROOT)}")
    return 0 if result["ok"] else 1


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value}")
    return value


def cmd_coqgen(args: argparse.Namespace) -> int:
    from . import coqgen

    if args.check:
        bad = coqgen.stale(ROOT)
        if bad:
            print("error: generated Coq files are out of date with pynum/registry.py: "
                  + ", ".join(str(p.relative_to(ROOT)) for p in bad) + "; run 'make coqgen'", file=sys.stderr)
            return 1
        return 0
    for p in coqgen.write(ROOT):
        print(f"wrote {p.relative_to(ROOT)}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .report import RecordError, write_report

    try:
        paths = write_report()
    except RecordError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for kind, path in paths.items():
        print(f"wrote {path.relative_to(ROOT)} ({kind})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m pynum")
    sub = parser.add_subparsers(dest="cmd", required=True, parser_class=_Parser)
    p = sub.add_parser("check", help="cross-check every constant across engines and enclosures")
    p.add_argument("--digits", type=_digits, default=50)
    p.add_argument("--json", action="store_true")
    p.set_defaults(fn=cmd_check)
    p = sub.add_parser("value", help="print N significant digits of a constant")
    p.add_argument("name")
    p.add_argument("--digits", type=_digits, default=30)
    p.set_defaults(fn=cmd_value)
    p = sub.add_parser("cite", help="cite a constant (NAME) or a claim verdict (--claim ID)")
    p.add_argument("name", nargs="?")
    p.add_argument("--claim")
    p.add_argument("--format", choices=("text", "bibtex", "cff"), default="text")
    p.set_defaults(fn=cmd_cite)
    p = sub.add_parser("ledger", help="list every claim with its verdict and evidence")
    p.add_argument("--json", action="store_true")
    p.set_defaults(fn=cmd_ledger)
    p = sub.add_parser("audit", help="audit the compiled Coq library (run by make prove)")
    p.add_argument("--jobs", type=_positive_int, default=1,
                   help="Print Assumptions bundles run in parallel (default 1: one bundle; each re-reads Interval)")
    p.add_argument("--update-lock", action="store_true",
                   help="rewrite pynum/ledger/statements.lock.json with the cited theorems' statements as compiled "
                        "(after reviewing the ledger entries whose theorems changed)")
    p.set_defaults(fn=cmd_audit)
    p = sub.add_parser("coqgen", help="regenerate coq/Constants.v and coq/Enclosures.v")
    p.add_argument("--check", action="store_true", help="only check they are up to date")
    p.set_defaults(fn=cmd_coqgen)
    p = sub.add_parser("report", help="write build/report/index.html and report.md")
    p.set_defaults(fn=cmd_report)
    from . import certify, scan

    certify.add_parser(sub)
    scan.add_parser(sub)
    args = parser.parse_args(argv)
    try:
        return args.fn(args)
    except UnknownConstant as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyError as exc:  # unknown claim ID
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (ValueError, PrecisionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
