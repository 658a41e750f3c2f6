"""The ``certify`` and ``scan`` subcommands' options, kept apart from their engines so that
``pynum --help`` imports no numeric library (the commands import them when they run)."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import Any

from .cliutil import integer, output_file


def _lazy(module: str, function: str) -> Callable[[argparse.Namespace], int]:
    return lambda args: getattr(importlib.import_module(module), function)(args)


def add_certify(sub: Any) -> None:
    """Register ``certify`` on the CLI's subparsers."""
    p = sub.add_parser(
        "certify",
        help="prove, refute or leave undecided a relation; digits and a Coq-proved enclosure for an expression",
        description="N correct digits of EXPR (Arb and mpmath compared), a Coq file proving "
        "lo <= EXPR <= hi at relative width 10^-N with interval, compiled with coqc against the "
        "project's library, verdicts on published values, and a certificate. A relation (=, !=, <, <=, "
        ">, >=, chains) is proved, refuted or undecided with a compiled Coq lemma. Exit 0 proved or "
        "certified, 1 refuted, not certified or a published value wrong, 2 bad input (one line), "
        "3 undecided.",
    )
    p.add_argument(
        "expr", nargs="?", help='an expression, e.g. "phi / ln (3 * phi)", or a relation, e.g. "phi^2 + phi^-2 = 3"'
    )
    p.add_argument(
        "--digits",
        type=integer,
        default=15,
        help="significant digits (Coq step: 1..40; at most 315,627: Arb's working precision is capped at 2^20 bits)",
    )
    p.add_argument(
        "--published",
        nargs="+",
        action="extend",
        default=[],
        metavar="V",
        help="printed values to judge digit by digit",
    )
    p.add_argument("--name", help="Coq name of the certified definition (default expr_<hash>)")
    p.add_argument("--out", help="folder for the certificate (created if missing; default ./build/certify)")
    p.add_argument(
        "--claims",
        metavar="FILE.toml",
        help="settle every [[claim]] of FILE.toml (id, relation,"
        " optional published, value, cites) and write one JSON record beside the .v files",
    )
    p.add_argument("--json", action="store_true", help="print the certificate record as JSON")
    p.add_argument("--verify", metavar="CERT", help="re-check a certificate record (NAME.json)")
    p.set_defaults(fn=_lazy("pynum.certify.command", "cmd_certify"))


def _path(text: str) -> str:
    """A file or folder to scan: never empty (an empty word would scan the current folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("empty path: name a file or folder to scan")
    return text


def add_scan(sub: Any) -> None:
    """Register ``scan`` on the CLI's subparsers."""
    p = sub.add_parser(
        "scan",
        help="find mathematical constants in text or code and judge their digits",
        description="Walk files and folders (every text file, wheels and zips member by member; "
        "binaries and scan records skipped and counted), match decimal literals to a table of "
        "constants (the golden-ratio family, pi, e, logarithms, roots, Euler's gamma, Catalan, "
        "zeta(3), ...) and judge each digit by digit. A literal is judged only with a name on its "
        "line or agreement in so many digits that chance is negligible. Exit 1 when a literal is "
        "wrong, 0 otherwise, 2 on bad input.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", type=_path, help="files, folders, wheels or zips")
    p.add_argument(
        "--format",
        choices=("text", "json", "sarif", "github"),
        default="text",
        help="json: the pynum-scan/2 record (pynum/scan/record.py); sarif: SARIF 2.1.0; github: workflow annotations",
    )
    p.add_argument("--json", action="store_true", help="same as --format json")
    p.add_argument(
        "--only",
        metavar="NAMES",
        help="comma-separated families (phi, standard) or table entries "
        "(PI, M_PHI, ...); --only phi is the golden-ratio table alone",
    )
    p.add_argument("--root", help="report paths relative to this folder")
    p.add_argument("--out", type=output_file, help="write the output to FILE instead of stdout (its folder must exist)")
    p.add_argument(
        "--fix",
        action="store_true",
        help="rewrite each wrong literal to the correctly rounded value with as many significant digits",
    )
    p.add_argument("--diff", action="store_true", help="show the --fix changes as a unified diff, write nothing")
    p.set_defaults(fn=_lazy("pynum.scan.command", "cmd_scan"))
