"""Throughput of the reference simplex steps (float64): steps per second over a batch of starts.

Prints, per step kind, the batch size, the time per step and the point-steps per second;
uses CUDA when available (the full-size checks run 1,000,000 starts in one batch).
"""

from __future__ import annotations

import time

import torch

from pynum.constants import expr
from torchcheck.models import simplex as S


def bench(fn, x, steps: int, device: torch.device) -> float:
    for _ in range(3):
        fn(x)
    if device.type == "cuda":
        torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(steps):
        x = fn(x).x
    if device.type == "cuda":
        torch.cuda.synchronize()
    return (time.perf_counter() - t0) / steps


def main() -> None:
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    n = 1_000_000 if device.type == "cuda" else 100_000
    steps = 200 if device.type == "cuda" else 20
    T = float(expr.eval_mpmath("T_STAR", 20))
    tau = float(1 / expr.eval_mpmath("M_PHI", 20))
    g = torch.Generator(device=device).manual_seed(0)
    p = torch.empty(n, 3, dtype=torch.float64, device=device).exponential_(generator=g)
    p = p / p.sum(-1, keepdim=True)
    l = torch.rand(n, dtype=torch.float64, device=device, generator=g).clamp(1e-12, 1 - 1e-12)
    print(f"device {device}, batch {n:,}, float64")
    cases = {
        "reduced plain": (lambda x: S.reduced_plain_step(x, tau, T, -1), l),
        "reduced fisher": (lambda x: S.reduced_fisher_step(x, tau, T, -1), l),
        "simplex euclid": (lambda x: S.euclid_step(x, tau, T, -1), p),
        "simplex fisher": (lambda x: S.fisher_step(x, tau, T, -1), p),
    }
    for name, (fn, x) in cases.items():
        sec = bench(fn, x.clone(), steps, device)
        print(f"{name:15s} {sec * 1e3:9.3f} ms/step  {n / sec:14,.0f} point-steps/s")


if __name__ == "__main__":
    main()
