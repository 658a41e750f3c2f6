"""TorchDEQ models audited directly: the implicit layer's f at the fixed point TorchDEQ's solver returns.

A TorchDEQ layer solves z = f(z) (``torchdeq.get_deq``; ``deq(f, z_init)`` returns the fixed point
in a list). Its plain fixed-point iteration z <- f(z) is explicit Euler at eps = 1 on the force
F(z) = f(z) - z, whose Jacobian is J_f - I, so the spectral radius of J_f is the largest multiplier
|1 + eps mu| at eps = 1, and eps_crit of F is the largest damping eps of z <- z + eps (f(z) - z)
that is locally stable. ``audit_deq`` takes TorchDEQ's z* as the start (the engine refines it to
its tolerance and records TorchDEQ's own residual) and runs ``engine.stability.audit`` on F.

``power_method_check`` compares with TorchDEQ's ``torchdeq.loss.jacobian.power_method`` (100
iterations of v <- v^T J / ||v^T J||, reporting |v^T J v| / ||v||^2): that estimate is a Rayleigh
quotient of a real vector, so it cannot converge when the dominant eigenvalues of J_f are a
complex pair (the iterate rotates in their plane and the quotient oscillates below |mu|), and it
reports no residual, so an unconverged run looks the same as a converged one. The check records
both numbers, our mode's residual, the power method's own residual ||v^T J - lambda v^T|| and the
spread of its last iterations.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import torch
from torch import Tensor

from ..engine.stability import StabilityReport, audit
from ..framework import InputError

POWER_ITERS = 100  # TorchDEQ's default
POWER_TAIL = 5  # last iterations whose spread is recorded
AGREE_RTOL = 1e-3  # the power method "agrees" when within this of the spectral radius


def is_deq(obj: Any) -> bool:
    """Whether obj is a TorchDEQ layer (False when torchdeq is not installed)."""
    try:
        from torchdeq.core import DEQBase
    except ImportError:
        return False
    return isinstance(obj, DEQBase)


def solve(deq: Any, func: Callable[[Tensor], Tensor], z_init: Tensor) -> tuple[Tensor, dict[str, Any]]:
    """z* from TorchDEQ's own solver (evaluation mode), with its relative residual ||f(z*) - z*|| / ||z*||."""
    was = deq.training
    deq.eval()
    try:
        with torch.no_grad():
            out, info = deq(func, z_init)
    finally:
        deq.train(was)
    z = out[-1].detach()
    with torch.no_grad():
        res = float(torch.linalg.vector_norm(func(z) - z) / torch.linalg.vector_norm(z).clamp_min(1e-300))
    return z, {
        "solver": type(deq).__name__,
        "relative_residual": res,
        "nstep": float(info["nstep"].float().mean()) if "nstep" in info else None,
    }


def deq_force(func: Callable[[Tensor], Tensor]) -> Callable[[Tensor, Tensor], Tensor]:
    """F(z, x) = f(z) - z (the DEQ's input is inside f; x is unused)."""
    return lambda z, x: func(z) - z


def power_method_check(
    func: Callable[[Tensor], Tensor], z_star: Tensor, rho: float, seed: int = 0, n_iters: int = POWER_ITERS
) -> dict[str, Any]:
    """TorchDEQ's power_method on f at z* against the spectral radius ``rho`` measured by the engine."""
    from torchdeq.loss.jacobian import power_method

    torch.manual_seed(seed)
    tail: list[float] = []

    def run(k: int) -> tuple[Tensor, Tensor, Tensor, Tensor]:
        z = z_star.detach().clone().requires_grad_()
        with torch.enable_grad():
            f0 = func(z)
            torch.manual_seed(seed)
            v, ev = power_method(f0, z, n_iters=k)  # frees f0's graph after its last iteration
        return z, v, ev, f0

    for k in range(n_iters - POWER_TAIL + 1, n_iters):
        tail.append(float(run(k)[2].reshape(-1)[0]))
    z, v, ev, _ = run(n_iters)
    tail.append(float(ev.reshape(-1)[0]))
    with torch.enable_grad():
        vTJ = torch.autograd.grad(func(z), z, v)[0]
    lam = float(ev.reshape(-1)[0])
    resid = (
        float(torch.linalg.vector_norm(vTJ - lam * v) / torch.linalg.vector_norm(v)) if math.isfinite(lam) else math.inf
    )
    agrees = abs(lam - rho) <= AGREE_RTOL * rho
    return {
        "power_method": lam,
        "iterations": n_iters,
        "spectral_radius": rho,
        "relative_error": abs(lam - rho) / rho,
        "agrees": bool(agrees),
        "power_method_residual": resid,
        "last_iterations": tail,
        "last_iterations_spread": max(tail) - min(tail) if tail else math.nan,
    }


def audit_deq(
    deq: Any, func: Callable[[Tensor], Tensor], z_init: Tensor, eps: float = 1.0, compare: bool = True, **options: Any
) -> tuple[StabilityReport, dict[str, Any]]:
    """Audit a TorchDEQ layer: (the stability report of F = f - I at TorchDEQ's z*, the TorchDEQ
    section of the record: its solver's residual and, with ``compare``, its power method)."""
    if not is_deq(deq):
        raise InputError(f"expected a TorchDEQ layer (torchdeq.get_deq(...)), got {type(deq).__name__}")
    z_star, solver = solve(deq, func, z_init)
    report = audit(deq_force(func), z_star, z0=z_star, eps=eps, **options)
    section: dict[str, Any] = {"solver": solver}
    if compare:
        if report.eps == 1.0 and report.worst_multiplier is not None:
            rho: float | None = report.worst_multiplier
        else:  # the spectral radius of J_f is the largest multiplier at eps = 1
            rho = audit(deq_force(func), z_star, z0=z_star, eps=1.0, **options).worst_multiplier
        mode = report.multiplier_mode
        section["power_method"] = power_method_check(func, z_star, rho) if rho else None
        if mode is not None and report.eps == 1.0:
            section["dominant_mode"] = {
                "mu_of_f_re": mode.mu_re + 1,
                "mu_of_f_im": mode.mu_im,
                "complex": abs(mode.mu_im) > 1e-9 * max(1.0, abs(mode.mu_re)),
                "residual": mode.residual,
            }
    return report, section
