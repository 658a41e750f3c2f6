"""``torchcheck experiment vdi``: the command line of the VDI re-run (``experiments.vdi``)."""

from __future__ import annotations

import torch

from pynum.cliutil import float_range, positive_float, positive_int, run_main

from ..framework import InputError, write_record
from . import experiment_parser
from . import vdi as V
from .vdi import PUBLISHED_VDI, SIZES, run


def main(argv: list[str] | None = None) -> int:
    """Entry point (``torchcheck experiment vdi``): bad input is one line on stderr and status 2."""
    return run_main(_main, argv, user_errors=(InputError,))


def _main(argv: list[str] | None) -> int:
    ap = experiment_parser("vdi", V.__doc__.split("\n")[0], tuple(SIZES))
    ap.add_argument("--max-steps", type=positive_int, metavar="N", help="training steps at most (default: the size's)")
    ap.add_argument(
        "--time-budget",
        type=positive_float,
        metavar="SECONDS",
        help="seconds of training before stopping (default: the size's)",
    )
    ap.add_argument(
        "--train-frac",
        type=float_range(0.0, 1.0, lo_open=True, hi_open=True),
        metavar="F",
        help="fraction of the (a, b) pairs used for training, in (0, 1) (default: the size's)",
    )
    ap.add_argument("--no-cuda-graph", action="store_true", help="run the training step eagerly on CUDA")
    ap.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    args = ap.parse_args(argv)
    if args.device == "cuda" and not torch.cuda.is_available():
        raise InputError("--device cuda asked for, but torch sees no CUDA device")
    size = args.size or ("full" if args.device == "cuda" else "small")
    over = {
        k: v
        for k, v in (("max_steps", args.max_steps), ("time_budget", args.time_budget), ("train_frac", args.train_frac))
        if v is not None
    }
    if "train_frac" in over and not 0 < over["train_frac"] < 1:
        raise InputError(f"--train-frac must lie in (0, 1), got {over['train_frac']}")
    if "max_steps" in over and over["max_steps"] < 1:
        raise InputError("--max-steps must be positive")
    torch.manual_seed(0)
    rec = run(
        size, torch.device(args.device), progress=not args.no_progress, overrides=over, use_graph=not args.no_cuda_graph
    )
    n = rec["numbers"]
    print(
        f"vdi: {rec['times']['steps']} steps in {rec['times']['train_s']} s on {rec['device']} "
        f"({rec['times']['stop_reason']}); grok steps {n['grok_steps']}"
    )
    print(
        f"final VDI (H_max = ln 6) per seed: {[f'{v:.6f}' for v in n['final_vdi_keys_means']]}; "
        f"published {PUBLISHED_VDI}; uniform causal closed form {n['uniform_causal_vdi_closed_form']:.7f}"
    )
    print(
        f"compensation trained {n['compensation_trained_mean']:.4f} +- {n['compensation_trained_std']:.4f}, "
        f"at init {n['compensation_init_mean']:.4f}; published 0.13 +- 0.03"
    )
    if args.out:
        write_record(rec, args.out, indent=1)
    return 0
