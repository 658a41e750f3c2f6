"""Timings of the equilibrium-block spectrum checks (claims E1-E11).

    python bench/bench_equilibrium.py [--device cpu|cuda] [--full-eig-budget SECONDS]

Prints the device name, then
1. the dense spectrum check's time against state dimension (CUDA: 1k, 2k, 4k, 8k; CPU: tiny
   sizes): fixed point, dense Jacobian by vmapped jvp, eigenvalues by the causal block
   reduction, and an unstructured dense eigensolver (torch.linalg.eigvals on the full matrix)
   while its predicted n^3 time fits the budget;
2. the matrix-free check at the seed's size (seq 256 x d 512 per sequence on CUDA): fixed point
   and Arnoldi on jvp products;
3. every equilibrium check at the device's default size and the suite's total.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from torchcheck.engine.eps_crit import eps_crit  # noqa: E402
from torchcheck.engine.krylov import restarted_arnoldi  # noqa: E402
from torchcheck.engine.spectrum import block_diagonal_eigvals, dense_jacobian  # noqa: E402
from torchcheck.framework import RunContext, device_name, run_check  # noqa: E402
from torchcheck.models.equilibrium import BlockConfig, EqBlock, euler_map_operator, flat_force
from torchcheck.models.relaxation import relax

F64 = torch.float64


def _sync(dev: torch.device) -> None:
    if dev.type == "cuda":
        torch.cuda.synchronize(dev)


def _timed(dev: torch.device, fn):
    _sync(dev)
    t0 = time.perf_counter()
    out = fn()
    _sync(dev)
    return out, time.perf_counter() - t0


def bench_dense(dev: torch.device, sizes, budget: float) -> None:
    print(
        "dense spectrum: state_dim seq d_model | fixed_point_s jacobian_s block_eig_s "
        "check_total_s | full_eig_s | eps_crit"
    )
    last_full = None
    for seq, d in sizes:
        cfg = BlockConfig(seq=seq, d_model=d, n_heads=min(max(1, d // 16), 8))
        block = EqBlock(cfg, dev, F64, seed=1597)
        x = block.random_input(seed=1598)
        r, t_fp = _timed(dev, lambda: relax(block, x, eps=0.25, steps=4000, tol=1e-12))
        f = flat_force(block, x)
        J, t_jac = _timed(dev, lambda: dense_jacobian(f, r.z.reshape(-1)))
        mu, t_eig = _timed(dev, lambda: block_diagonal_eigvals(J, seq, d))
        n = cfg.state_dim
        full_txt = "skipped"
        predicted = None if last_full is None else last_full[1] * (n / last_full[0]) ** 3
        if predicted is None or predicted <= budget:
            _, t_full = _timed(dev, lambda: torch.linalg.eigvals(J))
            budget -= t_full
            last_full = (n, t_full)
            full_txt = f"{t_full:.2f}"
        else:
            full_txt = f"skipped (n^3 prediction {predicted:.0f} s > budget left {budget:.0f} s)"
        print(
            f"  {n:6d} {seq:4d} {d:4d} | {t_fp:8.3f} {t_jac:8.3f} {t_eig:8.3f} "
            f"{t_fp + t_jac + t_eig:8.3f} | {full_txt} | {eps_crit(mu):.6f}",
            flush=True,
        )


def bench_krylov(dev: torch.device, cfg: BlockConfig, m: int) -> None:
    block = EqBlock(cfg, dev, F64, seed=1597)
    x = block.random_input(seed=1598)
    r, t_fp = _timed(dev, lambda: relax(block, x, eps=cfg.eps, steps=3000, tol=1e-11))
    g = torch.Generator().manual_seed(3)
    v0 = torch.randn(cfg.state_dim, generator=g, dtype=F64).to(dev)
    (theta, res, info), t_arn = _timed(
        dev, lambda: restarted_arnoldi(euler_map_operator(block, r.z, x, cfg.eps), v0, 6, m, 1)
    )
    print(
        f"matrix-free: seq {cfg.seq} x d {cfg.d_model} (state {cfg.state_dim}), Krylov dim "
        f"{info['dim']}: fixed point {t_fp:.3f} s ({r.steps} steps, {r.outcome}), Arnoldi "
        f"{t_arn:.3f} s ({info['matvecs']} jvp), leading |theta| {float(theta[0].abs()):.10f}, "
        f"true residual {float(res[0]):.2e}",
        flush=True,
    )


def bench_suite(dev: torch.device) -> None:
    from torchcheck.checks.equilibrium import CHECKS

    ctx = RunContext(device=dev, size="full" if dev.type == "cuda" else "small", progress=False)
    total = 0.0
    print(f"equilibrium checks at size {ctx.size}:")
    for c in CHECKS:
        res = run_check(c, ctx)
        total += res.seconds
        print(f"  {'PASS' if res.passed else 'FAIL'} {c.id:34s} {res.seconds:8.2f} s {res.error}", flush=True)
    print(f"  suite total {total:.2f} s")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--device", choices=("cpu", "cuda"), default="cpu")
    p.add_argument(
        "--full-eig-budget",
        type=float,
        default=None,
        help="seconds allowed for the unstructured dense eigensolver (all sizes)",
    )
    p.add_argument("--skip-suite", action="store_true")
    a = p.parse_args(argv)
    if a.device == "cuda" and not torch.cuda.is_available():
        print("error: --device cuda asked for, but torch sees no CUDA device", file=sys.stderr)
        return 2
    dev = torch.device(a.device)
    print(f"device: {device_name(dev)}; torch {torch.__version__}; cpu threads {torch.get_num_threads()}")
    if dev.type == "cuda":
        sizes = [(32, 32), (32, 64), (64, 64), (64, 128)]
        budget = 240.0 if a.full_eig_budget is None else a.full_eig_budget
        seed_cfg, m = BlockConfig(seq=256, d_model=512, n_heads=8), 300
    else:
        sizes = [(8, 16), (8, 32), (16, 32), (16, 64)]
        budget = 60.0 if a.full_eig_budget is None else a.full_eig_budget
        seed_cfg, m = BlockConfig(seq=16, d_model=32, n_heads=2), 100
    bench_dense(dev, sizes, budget)
    bench_krylov(dev, seed_cfg, m)
    if not a.skip_suite:
        bench_suite(dev)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
