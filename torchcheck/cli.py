"""``torchcheck run|audit|experiment`` (also ``python -m torchcheck``).

torch is imported only by the command that runs, so ``--help`` answers without it; without torch
a command says which extra to install.
"""

from __future__ import annotations

import argparse
import importlib
import json
import time
from dataclasses import asdict

from pynum import __version__
from pynum.cliutil import Parser, names_list, output_file, require, run_main

from .framework import SIZES, InputError, write_record
from .suites import AUDITS, EXPERIMENTS

TORCH_EXTRA = "torch"


def _device(name: str):
    import torch

    if name == "cuda" and not torch.cuda.is_available():
        raise InputError("--device cuda asked for, but torch sees no CUDA device")
    return torch.device(name)


def cmd_run(args: argparse.Namespace) -> int:
    torch = require("torch", TORCH_EXTRA, "torchcheck run")
    from .framework import RunContext, device_name, run_check
    from .suites import all_checks

    if args.size is None:
        args.size = "full" if args.device == "cuda" else "small"
    ctx = RunContext(device=_device(args.device), size=args.size, progress=not args.no_progress)
    checks = [c for c in all_checks() if not args.only or c.id.startswith(tuple(args.only))]
    if args.only and not checks:
        raise InputError(f"no check id starts with {names_list(args.only)}")
    t0 = time.perf_counter()
    results = []
    for check in ctx.bar(checks, "checks", total=len(checks)):
        res = run_check(check, ctx)
        results.append(res)
        if not args.json:
            mark = "PASS" if res.passed else "FAIL"
            print(f"{mark} {res.id} ({res.seconds:.2f} s) {res.error}")
    record = {
        "device": device_name(ctx.device),
        "device_type": ctx.device.type,
        "torch": torch.__version__,
        "size": ctx.size,
        "seed": ctx.seed,
        "seconds": round(time.perf_counter() - t0, 3),
        "passed": sum(r.passed for r in results),
        "failed": sum(not r.passed for r in results),
        "results": [asdict(r) for r in results],
    }
    if args.out:
        write_record(record, args.out)
    if args.json:
        print(json.dumps(record, indent=2, default=str))
    else:
        print(f"{record['passed']} passed, {record['failed']} failed on {record['device']}")
    return 0 if record["failed"] == 0 else 1


def cmd_dispatch(args: argparse.Namespace) -> int:
    """Run audit/experiment NAME with the remaining arguments (its own options)."""
    table = AUDITS if args.cmd == "audit" else EXPERIMENTS
    require("torch", TORCH_EXTRA, f"torchcheck {args.cmd} {args.name}")
    return int(importlib.import_module(table[args.name]).main(args.rest) or 0)


def build_parser() -> Parser:
    """The argument parser of ``torchcheck`` (the audits and experiments parse their own options)."""
    parser = Parser(
        prog="torchcheck",
        description="Reference torch layers and the checks that hold them "
        "to the proved bounds; the watkins-nn audit; the re-run experiments. "
        "Needs torch: pip install 'phi-claims[torch]'.",
        epilog="Also run as 'python -m torchcheck'. Bad input: one line on stderr, exit status 2.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"torchcheck {__version__}",
        help="print the version of the installed phi-claims package and exit",
    )
    sub = parser.add_subparsers(dest="cmd", required=True, parser_class=Parser, metavar="COMMAND")
    run = sub.add_parser(
        "run",
        help="run every torch check",
        description="Run the torch checks (small sizes on CPU, realistic sizes on CUDA) "
        "and report each as PASS or FAIL; exit 1 if any fails.",
    )
    run.set_defaults(fn=cmd_run)
    run.add_argument("--device", choices=("cpu", "cuda"), default="cpu", help="where the tensors live")
    run.add_argument("--size", choices=SIZES, default=None, help="small (CI, default on CPU) or full (default on CUDA)")
    run.add_argument("--json", action="store_true", help="print the JSON record instead of one line per check")
    run.add_argument(
        "--out", type=output_file, metavar="FILE", help="also write the JSON record to FILE (its folder must exist)"
    )
    run.add_argument(
        "--only",
        action="append",
        metavar="PREFIX",
        help="run only checks whose id starts with PREFIX (repeatable), e.g. simplex-, equilibrium-, layers-",
    )
    run.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    for kind, table in (("audit", AUDITS), ("experiment", EXPERIMENTS)):
        names = names_list(table)
        p = sub.add_parser(
            kind,
            help=f"run one {kind}: {names}",
            description=f"Run one {kind} ({names}); options after NAME are the {kind}'s "
            f"own: 'torchcheck {kind} NAME --help' lists them.",
        )
        p.add_argument("name", choices=tuple(table), metavar="NAME", help=f"one of: {names}")
        p.add_argument("rest", nargs=argparse.REMAINDER, metavar="...", help=f"options of the {kind}")
        p.set_defaults(fn=cmd_dispatch)
    stab = sub.add_parser(
        "stability",
        help="audit the Euler relaxation of your own block F(z, x)",
        description="Audit your block with the proved Euler and contraction bounds: "
        "'torchcheck stability --help' lists its options.",
        add_help=False,
    )
    stab.add_argument("rest", nargs=argparse.REMAINDER, metavar="...", help="MODULE:FACTORY and options")
    stab.set_defaults(fn=cmd_stability)
    return parser


def cmd_stability(args: argparse.Namespace) -> int:
    """``torchcheck stability MODULE:FACTORY ...`` (its own parser: see torchcheck.stability)."""
    require("torch", TORCH_EXTRA, "torchcheck stability")
    from .engine import stability_cli as stability

    return stability.main(args.rest)


def _main(argv: list[str] | None) -> int:
    import sys

    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["stability"]:  # its own parser, so that 'stability --help' lists its options
        return cmd_stability(argparse.Namespace(rest=argv[1:]))
    args = build_parser().parse_args(argv)
    return args.fn(args)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``torchcheck`` console script."""
    return run_main(_main, argv, user_errors=(InputError,))
