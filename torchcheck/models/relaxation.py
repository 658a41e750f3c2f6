"""Explicit and backward Euler relaxation of an equilibrium block: bounded runs that report their
outcome ("converged", "diverged", "not-converged") with the residual trace, never an exception."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import torch

from ..framework import InputError
from .equilibrium import EqBlock, Tensor, check_eps, check_pair, check_state


@dataclass
class RelaxResult:
    """Outcome of a bounded relaxation: never an exception for a diverging run.

    ``outcome`` is "converged", "diverged" (non-finite or beyond the blow-up bound) or
    "not-converged" (the step budget ran out: a slow run, a floor or a cycle; see the trace).
    ``residuals[t]`` is the force residual max_b ||F(z_t)|| / ||z_t|| (before step t).
    """

    z: Tensor
    outcome: str
    steps: int
    residuals: list[float] = field(default_factory=list)
    inner_iterations: int = 0
    inner_capped: int = 0  # implicit steps whose inner solve hit its iteration cap

    @property
    def converged(self) -> bool:
        return self.outcome == "converged"

    def tail(self, n: int = 50) -> dict[str, float]:
        r = [v for v in self.residuals[-n:] if math.isfinite(v)]
        if not r:
            return {"tail_min": float("nan"), "tail_max": float("nan")}
        return {"tail_min": min(r), "tail_max": max(r)}


def _rel_norm(v: Tensor, z: Tensor) -> Tensor:
    """Per-sequence ||v|| / ||z|| (max over the batch)."""
    dims = (-2, -1)
    nz = torch.linalg.vector_norm(z, dim=dims).clamp_min(1e-300)
    return (torch.linalg.vector_norm(v, dim=dims) / nz).max()


def relax(
    block: EqBlock,
    x: Tensor,
    z0: Tensor | None = None,
    eps: float | None = None,
    steps: int = 1000,
    tol: float = 1e-10,
    method: str = "euler",
    blowup: float = 1e6,
    inner_steps: int = 200,
    inner_tol: float = 1e-13,
    check_every: int = 25,
    force: Callable[[Tensor, Tensor], Tensor] | None = None,
) -> RelaxResult:
    """Relax ``z`` toward a zero of F for at most ``steps`` steps.

    method "euler": z <- z + eps F(z).  method "implicit": backward Euler,
    z_{n+1} = z_n + eps F(z_{n+1}), each step solved by the fixed-point iteration
    y <- (z_n + eps (x + G(y))) / (1 + eps (1 + c)) (a contraction when eps Lip(G) < 1 + eps(1+c)).
    Stops when the force residual is below ``tol``; reports divergence (non-finite state or
    ||z|| above ``blowup`` times the initial scale) as an outcome with its residual trace.
    """
    cfg = block.cfg
    eps = check_eps(cfg.eps if eps is None else eps)
    if method not in ("euler", "implicit"):
        raise InputError(f"method must be 'euler' or 'implicit', got {method!r}")
    if not isinstance(steps, int) or steps <= 0:
        raise InputError(f"steps must be a positive integer, got {steps!r}")
    check_state(x, cfg, "x")
    z = x.clone() if z0 is None else z0
    check_pair(z, x, cfg)
    z = z.clone()
    F = force or block.force
    scale = float(torch.linalg.vector_norm(z)) + float(torch.linalg.vector_norm(x)) + 1.0
    limit = blowup * scale
    res_buf = torch.empty(steps + 1, dtype=torch.float64, device=z.device)
    inner_total = 0
    inner_capped = 0
    outcome = "not-converged"
    t = 0
    with torch.no_grad():
        while True:
            f = F(z, x)
            res_buf[t] = _rel_norm(f, z)
            if t % check_every == 0 or t == steps:
                r = float(res_buf[t])
                zn = float(torch.linalg.vector_norm(z))
                if not math.isfinite(r) or not math.isfinite(zn) or zn > limit:
                    outcome = "diverged"
                    break
                if r < tol:
                    outcome = "converged"
                    break
                if t == steps:
                    break
            if t == steps:
                break
            if method == "euler":
                z = z + eps * f
            else:
                rhs = z + eps * x
                denom = 1 + eps * (1 + cfg.c)
                y = z + eps * f  # explicit predictor
                for _ in range(inner_steps):
                    y_new = (rhs + eps * block.learned(y)) / denom
                    inner_total += 1
                    d = _rel_norm(y_new - y, y_new)
                    y = y_new
                    if float(d) < inner_tol:
                        break
                else:
                    inner_capped += 1
                z = y
            t += 1
    res = [float(v) for v in res_buf[: t + 1].cpu()]
    return RelaxResult(
        z=z, outcome=outcome, steps=t, residuals=res, inner_iterations=inner_total, inner_capped=inner_capped
    )
