"""``python -m torchcheck run|audit|experiment``."""
from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from dataclasses import asdict

from .framework import SIZES, InputError, RunContext, device_name, run_check, write_record
from .suites import AUDITS, EXPERIMENTS, all_checks


def _device(name: str):
    import torch

    if name == "cuda" and not torch.cuda.is_available():
        raise InputError("--device cuda asked for, but torch sees no CUDA device")
    return torch.device(name)


def cmd_run(args: argparse.Namespace) -> int:
    import torch

    ctx = RunContext(device=_device(args.device), size=args.size, progress=not args.no_progress)
    checks = [c for c in all_checks() if not args.only or c.id.startswith(tuple(args.only))]
    if args.only and not checks:
        raise InputError(f"no check id starts with {args.only}")
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


def _dispatch(table: dict[str, str], kind: str, name: str, rest: list[str]) -> int:
    if name not in table:
        raise InputError(f"unknown {kind} {name!r}; valid: {', '.join(table)}")
    return int(importlib.import_module(table[name]).main(rest) or 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m torchcheck")
    sub = parser.add_subparsers(dest="cmd", required=True)
    run = sub.add_parser("run", help="run every torch check")
    run.add_argument("--device", choices=("cpu", "cuda"), default="cpu")
    run.add_argument("--size", choices=SIZES, default=None,
                     help="small (CI, default on CPU) or full (default on CUDA)")
    run.add_argument("--json", action="store_true", help="print the JSON record")
    run.add_argument("--out", help="also write the JSON record to this file")
    run.add_argument("--only", action="append", help="run checks whose id starts with this")
    run.add_argument("--no-progress", action="store_true")
    for kind, table in (("audit", AUDITS), ("experiment", EXPERIMENTS)):
        p = sub.add_parser(kind, help=f"run one {kind}: {', '.join(table)}")
        p.add_argument("name")
        p.add_argument("rest", nargs=argparse.REMAINDER)
    stab = sub.add_parser("stability", help="audit the Euler relaxation of your own block F(z, x) "
                          "(python -m torchcheck stability MODULE:FACTORY --help)", add_help=False)
    stab.add_argument("rest", nargs=argparse.REMAINDER)
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["stability"]:  # its own parser, so that 'stability --help' lists its options
        try:
            from . import stability

            return stability.main(argv[1:])
        except InputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    args = parser.parse_args(argv)
    try:
        if args.cmd == "run":
            if args.size is None:
                args.size = "full" if args.device == "cuda" else "small"
            return cmd_run(args)
        if args.cmd == "stability":
            from . import stability

            return stability.main(args.rest)
        table = AUDITS if args.cmd == "audit" else EXPERIMENTS
        return _dispatch(table, args.cmd, args.name, args.rest)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
