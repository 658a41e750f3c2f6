"""``python -m pynum scan PATH ...``: the command line over pynum/scan/record.py.

Exit status: 1 when a literal is judged wrong (suppressed ones aside; with ``--fix``, when one is
left unfixed), 0 otherwise, 2 on bad input (an empty or missing path, an unwritable ``--out``,
an unknown ``--only`` name): one line, no traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from . import fix, formats
from .record import format_text, run_scan


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("phi-claims")
    except PackageNotFoundError:
        return "source"


def _command(args: argparse.Namespace) -> str:
    parts = ["python -m pynum scan", *args.paths]
    for flag in ("root", "only", "out"):
        if getattr(args, flag):
            parts += [f"--{flag}", str(getattr(args, flag))]
    if args.format != "text":
        parts += ["--format", args.format]
    return " ".join(parts)


def cmd_scan(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    if args.json:
        args.format = "json"
    only = tuple(o.strip() for o in (args.only or "").split(",") if o.strip())
    res = run_scan(args.paths, args.root, _command(args), only)
    if args.fix or args.diff:
        diff, n, refused = fix.apply(res, write=args.fix)
        for r in refused:
            print(f"not fixed: {r}", file=sys.stderr)
        if args.diff:
            sys.stdout.write(diff)
        if args.fix:
            print(f"fixed {n} literal{'s' * (n != 1)}")
            return 1 if res["summary"]["wrong"] > n else 0
        return 1 if res["summary"]["wrong"] else 0
    text = {
        "json": lambda: json.dumps(res, indent=2, ensure_ascii=False),
        "sarif": lambda: formats.format_sarif(res, _version()),
        "github": lambda: formats.format_github(res),
    }.get(args.format, lambda: format_text(res))()
    if args.out:
        Path(args.out).write_text(text + "\n")
        print(
            f"wrote {args.out}: {res['summary']['matches']} matches, {res['summary']['wrong']} wrong"
            f" ({time.perf_counter() - t0:.2f} s)"
        )
    else:
        print(text)
    return 1 if res["summary"]["wrong"] else 0
