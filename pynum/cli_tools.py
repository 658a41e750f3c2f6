"""The ``certify`` and ``scan`` subcommands' options, kept apart from their engines so that
``pynum --help`` imports no numeric library (the commands import them when they run)."""
from __future__ import annotations

import argparse
import importlib
from typing import Any, Callable

from .cliutil import integer


def _lazy(module: str, function: str) -> Callable[[argparse.Namespace], int]:
    return lambda args: getattr(importlib.import_module(module), function)(args)


def add_certify(sub: Any) -> None:
    """Register ``certify`` on the CLI's subparsers."""
    p = sub.add_parser("certify", help="prove, refute or leave undecided a relation; digits and a Coq-proved"
                       " enclosure for an expression",
                       description="N correct digits of EXPR (Arb and mpmath compared), a Coq file proving "
                       "lo <= EXPR <= hi at relative width 10^-N with interval, compiled with coqc against the "
                       "project's library, verdicts on published values, and a certificate. A relation (=, !=, <, <=, "
                       ">, >=, chains) is proved, refuted or undecided with a compiled Coq lemma. Exit 0 proved or "
                       "certified, 1 refuted, not certified or a published value wrong, 2 bad input (one line), "
                       "3 undecided.")
    p.add_argument("expr", nargs="?", help="an expression, e.g. \"phi / ln (3 * phi)\", or a relation, e.g. \"phi^2 + phi^-2 = 3\"")
    p.add_argument("--digits", type=integer, default=15,
                   help="significant digits (Coq step: 1..40; at most 315,627: Arb's working precision is capped"
                   " at 2^20 bits)")
    p.add_argument("--published", nargs="+", action="extend", default=[], metavar="V",
                   help="printed values to judge digit by digit")
    p.add_argument("--name", help="Coq name of the certified definition (default expr_<hash>)")
    p.add_argument("--out", help="folder for the certificate (created if missing; default ./build/certify)")
    p.add_argument("--claims", metavar="FILE.toml", help="settle every [[claim]] of FILE.toml (id, relation,"
                   " optional published, value, cites) and write one JSON record beside the .v files")
    p.add_argument("--json", action="store_true", help="print the certificate record as JSON")
    p.add_argument("--verify", metavar="CERT", help="re-check a certificate record (NAME.json)")
    p.set_defaults(fn=_lazy("pynum.certify.command", "cmd_certify"))


def add_scan(sub: Any) -> None:
    """Register ``scan`` on the CLI's subparsers."""
    p = sub.add_parser("scan", help="find golden-ratio constants in text or code and judge their digits",
                       description="Walk files and folders (text, Markdown, LaTeX, Python, C/C++, JS, TOML/JSON, "
                       "wheels and zips; binaries skipped), match decimal literals to the registry's constants "
                       "and derived phi quantities, and judge each digit by digit. Exit 1 when a literal is "
                       "wrong, 0 otherwise, 2 on bad input.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, wheels or zips")
    p.add_argument("--json", action="store_true", help="the pynum-scan/1 record (see pynum/scan.py)")
    p.add_argument("--root", help="report paths relative to this folder")
    p.add_argument("--out", help="write the output to FILE instead of stdout")
    p.set_defaults(fn=_lazy("pynum.scan", "cmd_scan"))
