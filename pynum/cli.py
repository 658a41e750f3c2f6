"""``pynum check|value|cite|ledger|report|audit|coqgen|certify|scan`` (also ``python -m pynum``).

Numeric modules are imported inside the commands, so ``--help`` answers at once. ``audit`` and
``coqgen`` work on the repository's sources and need a source checkout; the other commands read
the data the installed package carries (``pynum.resources``).
"""

from __future__ import annotations

import argparse
import json
import sys

from . import __version__
from .cliutil import Parser, int_range, names_list, output_dir, positive_int, require, run_main
from .constants.registry import BY_NAME, MAX_DIGITS
from .resources import require_checkout

DIGITS = int_range(1, MAX_DIGITS)


def _claim_ids() -> str:
    """The claim IDs as ranges per source (W1..W13, S1..S9, ...), read from the ledger's data files
    without loading and validating the whole ledger, so that ``--help`` answers at once."""
    import tomllib
    from importlib.resources import files

    data = files("pynum") / "ledger"  # not files("pynum.ledger"): that would load the ledger
    index = tomllib.loads((data / "ledger.toml").read_text(encoding="utf-8"))
    ranges = []
    for source in index.get("source", []):
        ids = [c["id"] for c in tomllib.loads((data / source["data"]).read_text(encoding="utf-8")).get("claim", [])]
        if ids:
            ranges.append(f"{ids[0]}..{ids[-1]}" if len(ids) > 1 else ids[0])
    return ", ".join(ranges)


def cmd_check(args: argparse.Namespace) -> int:
    from .constants.check import format_text, run_check

    result = run_check(args.digits)
    print(json.dumps(result, indent=2) if args.json else format_text(result))
    return 0 if result["ok"] else 1


def cmd_value(args: argparse.Namespace) -> int:
    from .constants import get

    print(get(args.name).digits(args.digits))
    return 0


def cmd_cite(args: argparse.Namespace) -> int:
    from .constants.cite import cite_constant
    from .ledger.cite import cite_claim

    if bool(args.name) == bool(args.claim):
        raise ValueError("give a constant NAME or --claim ID (one of them)")
    if args.claim:
        print(cite_claim(args.claim, args.format))
    elif args.name.endswith((".json", ".v")):
        from .certify.coqgen import cite_certificate

        print(cite_certificate(args.name, args.format))
    else:
        print(cite_constant(args.name, args.format))
    return 0


def cmd_ledger(args: argparse.Namespace) -> int:
    from .ledger import LEDGER, lookup, render, text

    claims = (lookup(args.id),) if args.id else LEDGER
    if args.json:
        rows = [render.claim_json(c) for c in claims]
        print(json.dumps(rows[0] if args.id else {"claims": rows}, indent=2))
        return 0
    width = text.terminal_width()
    lines = text.claim_detail(claims[0], width) if args.id else text.ledger_lines(claims, width)
    print("\n".join(lines))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    root = require_checkout("pynum audit")
    from .audit.proofs import audit, write_report
    from .audit.summary import summary

    result = audit(jobs=args.jobs, update_lock=args.update_lock, all_assumptions=args.all_assumptions)
    path = write_report(result)
    for line in summary(result):
        print(line)
    for p in result["problems"]:
        print(f"PROBLEM: {p}", file=sys.stderr)
    print(f"audit {'passed' if result['ok'] else 'FAILED'} in {result['seconds']} s; wrote {path.relative_to(root)}")
    return 0 if result["ok"] else 1


def cmd_coqgen(args: argparse.Namespace) -> int:
    root = require_checkout("pynum coqgen")
    from .constants import coqgen

    if args.check:
        bad = coqgen.stale(root)
        if bad:
            print(
                "error: generated Coq files are out of date with pynum/constants/registry.py: "
                + ", ".join(str(p.relative_to(root)) for p in bad)
                + "; run 'make coqgen'",
                file=sys.stderr,
            )
            return 1
        return 0
    for p in coqgen.write(root):
        print(f"wrote {p.relative_to(root)}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    require("matplotlib", "report", "pynum report")
    from .report.build import write_report

    for kind, path in write_report(args.out).items():
        print(f"wrote {path} ({kind})")
    return 0


def build_parser() -> Parser:
    """The argument parser of every ``pynum`` command."""
    names = names_list(BY_NAME)
    parser = Parser(
        prog="pynum",
        description="Certified golden-ratio constants, the claims ledger, "
        "citations, the verification report and the proof audit.",
        epilog="Also run as 'python -m pynum'. Bad input: one line on stderr, exit status 2.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"pynum {__version__}",
        help="print the version of the installed phi-claims package and exit",
    )
    sub = parser.add_subparsers(dest="cmd", required=True, parser_class=Parser, metavar="COMMAND")
    p = sub.add_parser(
        "check",
        help="cross-check every constant across engines and enclosures",
        description="For each constant: mpmath, SymPy and Arb (python-flint) agree to N "
        "digits, the value lies in its Coq enclosures, and each published value is judged "
        "digit by digit. Exit 1 if engines disagree or an enclosure is violated.",
    )
    p.add_argument(
        "--digits", type=DIGITS, default=50, metavar="N", help=f"significant digits to compare (1 to {MAX_DIGITS:,})"
    )
    p.add_argument("--json", action="store_true", help="print the whole result as JSON")
    p.set_defaults(fn=cmd_check)
    p = sub.add_parser(
        "value",
        help="print N significant digits of a constant",
        description=f"N correctly rounded significant digits of a constant. Constants: {names}.",
    )
    p.add_argument("name", metavar="NAME", help=f"a constant: {names} (case-insensitive)")
    p.add_argument("--digits", type=DIGITS, default=30, metavar="N", help=f"significant digits (1 to {MAX_DIGITS:,})")
    p.set_defaults(fn=cmd_value)
    p = sub.add_parser(
        "cite",
        help="cite a constant (NAME), a certificate (NAME.json) or a claim verdict (--claim ID)",
        description="How to cite a constant (value, certified enclosure, Coq theorem), a "
        "certificate of 'pynum certify' (its record NAME.json), or a claim's verdict (its reading "
        "and all its evidence: Coq theorems, checks, records), with the project's CITATION.cff. "
        "BibTeX entries are escaped for LaTeX; CFF documents follow CFF 1.2.0.",
    )
    p.add_argument("name", nargs="?", metavar="NAME", help=f"a constant: {names}; or a certificate record NAME.json")
    p.add_argument("--claim", metavar="ID", help=f"a claim ID instead of a constant: {_claim_ids()}")
    p.add_argument(
        "--format",
        choices=("text", "bibtex", "cff"),
        default="text",
        help="plain text, a BibTeX @misc entry, or a CITATION.cff document",
    )
    p.set_defaults(fn=cmd_cite)
    p = sub.add_parser(
        "ledger",
        help="list every claim with its verdict and evidence, or show one claim",
        description=f"Every claim ({_claim_ids()}) with its verdict, precise reading, "
        "evidence and correction, then the tally of verdicts; with an ID, that claim in full "
        "(finding, reading, the objection considered and what decides it, numbers). Lines are "
        "wrapped to the terminal (100 columns when not a terminal).",
    )
    p.add_argument("id", nargs="?", metavar="ID", help="one claim to show in full (case-insensitive)")
    p.add_argument(
        "--json",
        action="store_true",
        help='print the ledger as JSON ({"claims": [...]}), or the one claim\'s object with an ID',
    )
    p.set_defaults(fn=cmd_ledger)
    p = sub.add_parser(
        "report",
        help="write the verification report (index.html, report.md, plots)",
        description="The claims ledger, the constants, the proof audit (in a checkout, "
        "after make prove) and the committed records, as self-contained HTML and Markdown. "
        "Needs matplotlib (pip install 'phi-claims[report]').",
    )
    p.add_argument(
        "--out",
        type=output_dir,
        default=None,
        metavar="DIR",
        help="folder to write into; created if its parent exists (default: ./build/report)",
    )
    p.set_defaults(fn=cmd_report)
    p = sub.add_parser(
        "audit",
        help="audit the compiled Coq library (source checkout; run by make prove)",
        description="Vets coq/ (only _CoqProject and the listed, tracked .v files), compiles "
        "them afresh in build/prove/coq, then: the source scan, coqchk over the project's closure, "
        "Print Assumptions over the cited theorems (those in modules that load Interval with "
        "--all-assumptions), the statements, definitions and ledger locks, the non-vacuity lemmas; "
        "Lean when lake exists; writes build/proofs.json. Reuses nothing from an earlier run. "
        "Needs a source checkout.",
    )
    p.add_argument(
        "--jobs",
        type=positive_int,
        default=1,
        metavar="N",
        help="Print Assumptions bundles run in parallel (default 1: one bundle)",
    )
    p.add_argument(
        "--all-assumptions",
        action="store_true",
        help="also walk the cited theorems of modules that load Interval with Print Assumptions "
        "(about 17 s more; coqchk's listing covers them otherwise)",
    )
    p.add_argument(
        "--update-lock",
        action="store_true",
        help="rewrite pynum/ledger/statements.lock.json (statements, premises, definitions) and "
        "pynum/ledger/ledger.lock.json (verdicts, citations) as they are now, printing what changed "
        "(after reviewing it)",
    )
    p.set_defaults(fn=cmd_audit)
    p = sub.add_parser(
        "coqgen",
        help="regenerate coq/Constants.v and coq/Enclosures.v (source checkout)",
        description="Writes coq/Constants.v and coq/Enclosures.v from pynum/constants/registry.py. "
        "Needs a source checkout.",
    )
    p.add_argument("--check", action="store_true", help="only check they are up to date (exit 1 if not)")
    p.set_defaults(fn=cmd_coqgen)
    from .cli_tools import add_certify, add_scan

    add_certify(sub)
    add_scan(sub)
    return parser


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    return args.fn(args)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``pynum`` console script."""
    from .constants.registry import UnknownConstant

    # UnknownConstant / UnknownClaim (KeyError) and PrecisionError (ValueError) are user errors.
    return run_main(_main, argv, user_errors=(UnknownConstant, KeyError, ValueError))
