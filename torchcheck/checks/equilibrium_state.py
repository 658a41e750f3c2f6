"""Shared state of the E1-E11 checks: sizes, the fixed point and the dense spectrum of one run.

Sizes: "small" runs on CPU in CI; "full" is the GPU size (dense spectrum at state dimension
seq 64 x d 64 = 4096, matrix-free spectrum at the seed's seq 256 x d 512 per sequence,
contraction on batches of 32 sequences x 5 starts). Everything spectral is float64. Fixed points come from the
engine's one finder (``engine.fixed_point``), spectra from ``engine.spectrum``.
"""

from __future__ import annotations

import time
from typing import Any

import torch

from ..engine.fixed_point import find_fixed_point
from ..engine.spectrum import block_diagonal_eigvals, dense_jacobian
from ..framework import RunContext
from ..models.equilibrium import BlockConfig, EqBlock, flat_force

F64 = torch.float64


def _one_thread_on_small_cpu(fn):
    """Tiny CPU runs (CI) are faster on one intra-op thread; the setting is restored after."""

    def run(ctx: RunContext) -> dict[str, Any]:
        if ctx.device.type != "cpu" or ctx.full:
            return fn(ctx)
        before = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return fn(ctx)
        finally:
            torch.set_num_threads(before)

    run.__name__ = fn.__name__
    run.__doc__ = fn.__doc__
    return run


def _cfg_dense(ctx: RunContext) -> BlockConfig:
    return ctx.pick(BlockConfig(seq=8, d_model=32, n_heads=2), BlockConfig(seq=64, d_model=64, n_heads=4))


def _cfg_cross(ctx: RunContext) -> BlockConfig:
    """Where the unstructured dense eigensolver cross-checks the block reduction."""
    return ctx.pick(BlockConfig(seq=8, d_model=32, n_heads=2), BlockConfig(seq=16, d_model=64, n_heads=4))


def _cfg_seed(ctx: RunContext) -> BlockConfig:
    """The seed's size for the matrix-free check: seq 256 x d 512 (8 heads of 64)."""
    return ctx.pick(BlockConfig(seq=16, d_model=32, n_heads=2), BlockConfig(seq=256, d_model=512, n_heads=8))


def _fixed_point(block: EqBlock, x: torch.Tensor, tol: float = 1e-12) -> tuple[torch.Tensor, dict]:
    """z* by the engine's finder (relaxation with Anderson mixing at eps 0.25)."""
    z, fp = find_fixed_point(block.force, x, x.clone(), 0.25, steps=4000, tol=tol)
    return z, {
        "fixed_point_eps": fp["eps_used"],
        "fixed_point_steps": fp["steps"],
        "fixed_point_residual": fp["residual"],
        "fixed_point_outcome": "converged",
        "fixed_point_method": fp["method"],
    }


_CACHE: dict[tuple, dict] = {}


def dense_state(ctx: RunContext) -> dict:
    """z*, the dense Jacobian J at z* and its spectrum, shared by the checks of one run."""
    cfg = _cfg_dense(ctx)
    key = (str(ctx.device), ctx.size, cfg)
    if key in _CACHE:
        return _CACHE[key]
    block = EqBlock(cfg, ctx.device, F64, seed=ctx.seed)
    x = block.random_input(seed=ctx.seed + 1)
    t0 = time.perf_counter()
    z, info = _fixed_point(block, x)
    f = flat_force(block, x)
    zf = z.reshape(-1)
    t1 = time.perf_counter()
    J = dense_jacobian(f, zf)
    ctx.sync()
    t2 = time.perf_counter()
    mu = block_diagonal_eigvals(J, cfg.seq, cfg.d_model)
    t3 = time.perf_counter()
    st = {
        "cfg": cfg,
        "block": block,
        "x": x,
        "z": z,
        "f": f,
        "J": J,
        "mu": mu,
        "info": info,
        "timings": {
            "fixed_point_s": round(t1 - t0, 3),
            "jacobian_s": round(t2 - t1, 3),
            "block_eig_s": round(t3 - t2, 3),
        },
    }
    _CACHE[key] = st
    return st


def _perturbed(z: torch.Tensor, rel: float, seed: int) -> torch.Tensor:
    g = torch.Generator(device="cpu").manual_seed(seed)
    d = torch.randn(z.shape, generator=g, dtype=F64).to(z.device, z.dtype)
    return z + rel * float(torch.linalg.vector_norm(z)) * d / torch.linalg.vector_norm(d)
