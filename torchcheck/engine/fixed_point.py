"""The one fixed-point finder: a zero z* of a force F(z, x), by relaxation with Anderson mixing.

Fixed points of z <- z + h F(z, x) do not depend on the step h or on how they are found
(``RelaxationIdentities.euler_fixed_points_independent_of_step``), so the finder may mix steps
(Anderson) and change h. Tolerances follow the state's dtype: a relative force residual of
``residual_tol(dtype)`` (1e-10 in float64; float32 cannot reach that, and gets 1e3 times its
unit roundoff).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import torch
from torch import Tensor

from ..framework import InputError

RESIDUAL_TOL = 1e-10  # relative force residual at which relaxation has found z* (float64)
ROUNDOFF_FACTOR = 1e3  # ... and at least this many unit roundoffs of the state's dtype
MAX_HALVINGS = 8  # plain-relaxation retries with eps / 2^k
NEWTON_MAX = 4096  # largest state for Newton's method with the dense Jacobian
NEWTON_STEPS = 40
ANDERSON_MEMORY = 8  # relaxation steps Anderson mixing combines
THEOREM = "RelaxationIdentities.euler_fixed_points_independent_of_step"

Force = Callable[[Tensor, Tensor], Tensor]


def residual_tol(dtype: torch.dtype) -> float:
    """The relative force residual a fixed point must reach in ``dtype``."""
    return max(RESIDUAL_TOL, ROUNDOFF_FACTOR * torch.finfo(dtype).eps)


def apply_force(force: Force, z: Tensor, x: Tensor) -> Tensor:
    """F(z, x), checked to be a tensor of z's shape."""
    out = force(z, x)
    if not isinstance(out, Tensor) or out.shape != z.shape:
        raise InputError(
            f"the force must return a tensor of the state's shape {tuple(z.shape)}, "
            f"got {getattr(out, 'shape', type(out).__name__)}"
        )
    return out


def relative_residual(f: Tensor, z: Tensor) -> float:
    """||F|| / max(||z||, 1)."""
    return float(torch.linalg.vector_norm(f) / torch.linalg.vector_norm(z).clamp_min(1.0))


def _anderson_step(dX: list[Tensor], dF: list[Tensor], z: Tensor, g: Tensor) -> Tensor:
    """The Anderson-mixed iterate from the histories (plain step when the least-squares problem
    is degenerate, e.g. a force that does not change)."""
    DF = torch.stack(dF).to(torch.float64)
    gram = DF @ DF.T
    scale = float(gram.diagonal().max())
    if not (math.isfinite(scale) and scale > 0):
        return z + g
    ridge = 1e-12 * scale
    try:
        gamma = torch.linalg.solve(
            gram + ridge * torch.eye(len(dF), dtype=gram.dtype, device=gram.device), DF @ g.to(torch.float64)
        )
    except RuntimeError:  # singular even with the ridge: take the plain step
        return z + g
    return z + g - ((torch.stack(dX) + torch.stack(dF)).to(torch.float64).T @ gamma).to(z.dtype)


def anderson_fixed_point(
    force: Force, x: Tensor, z0: Tensor, eps: float, steps: int, tol: float, memory: int = ANDERSON_MEMORY
) -> tuple[Tensor | None, dict[str, Any]]:
    """A zero of F by g(z) = z + eps F(z, x) with Anderson mixing (Walker and Ni's form: the new
    iterate combines the last ``memory`` steps to minimise the linearised residual). A step whose
    residual is not finite or 1e3 times the best restarts from the best iterate without history.
    Returns (z, info), z None when ``steps`` force evaluations did not reach ``tol``."""
    z = z0.reshape(-1).clone()
    dX: list[Tensor] = []
    dF: list[Tensor] = []
    best, best_res, prev = z, math.inf, None
    for t in range(steps):
        f = apply_force(force, z.reshape(z0.shape), x).reshape(-1)
        res = relative_residual(f, z) if bool(torch.isfinite(f).all()) else math.inf
        if t == 0 and not math.isfinite(res):
            raise InputError("the force returned NaN or inf at the starting state")
        if res < tol:
            return z.reshape(z0.shape), {
                "method": f"relaxation with Anderson mixing (memory {memory})",
                "steps": t,
                "eps_used": eps,
                "residual": res,
                "tolerance": tol,
            }
        if not math.isfinite(res) or res > 1e3 * best_res:
            z, dX, dF, prev = best.clone(), [], [], None
            continue
        if res < best_res:
            best, best_res = z, res
        g = eps * f  # g(z) - z
        if prev is not None:
            dX.append(z - prev[0])
            dF.append(g - prev[1])
            if len(dX) > memory:
                dX.pop(0)
                dF.pop(0)
        prev = (z, g)
        z = _anderson_step(dX, dF, z, g) if dF else z + g
    return None, {"steps": steps, "residual": best_res, "best": best.reshape(z0.shape)}


def newton_fixed_point(
    force: Force, x: Tensor, z0: Tensor, tol: float, steps: int = NEWTON_STEPS
) -> tuple[Tensor | None, dict[str, Any]]:
    """A zero of F by Newton's method with the dense Jacobian and backtracking on ||F|| (for states
    up to NEWTON_MAX: it finds zeros whatever their stability)."""
    from .spectrum import dense_jacobian

    shape = z0.shape
    f = lambda v: apply_force(force, v.reshape(shape), x).reshape(-1)  # noqa: E731
    z = z0.reshape(-1).clone()
    res = math.inf
    for k in range(steps):
        Fz = f(z)
        res = relative_residual(Fz, z)
        if not math.isfinite(res):
            break
        if res < tol:
            return z.reshape(shape), {
                "method": "Newton's method (dense Jacobian)",
                "steps": k,
                "residual": res,
                "tolerance": tol,
                "eps_used": None,
            }
        try:
            step = torch.linalg.solve(dense_jacobian(f, z).to(torch.float64), Fz.to(torch.float64)).to(z.dtype)
        except RuntimeError:  # singular Jacobian
            break
        fn, t = float(torch.linalg.vector_norm(Fz)), 1.0
        while t > 1e-4:  # backtracking: the first step that lowers ||F||
            cand = z - t * step
            if float(torch.linalg.vector_norm(f(cand))) < fn:
                break
            t /= 2
        z = cand
    return None, {"residual": res}


def find_fixed_point(
    force: Force, x: Tensor, z0: Tensor, eps: float, steps: int = 2000, tol: float | None = None
) -> tuple[Tensor, dict[str, Any]]:
    """A zero of F: Anderson mixing; then, for states up to NEWTON_MAX, Newton's method from z0
    and from Anderson's best iterate; then plain relaxation z <- z + h F(z, x) with h = eps, eps/2, ...; InputError
    (one line) when none reaches the tolerance (default: ``residual_tol`` of z0's dtype)."""
    tol = residual_tol(z0.dtype) if tol is None else tol
    with torch.no_grad():
        z, info = anderson_fixed_point(force, x, z0, eps, steps, tol)
        if z is not None:
            return z, {**info, "theorem": THEOREM}
        if z0.numel() <= NEWTON_MAX:
            for start in (z0, info["best"]):
                z, ninfo = newton_fixed_point(force, x, start, tol)
                if z is not None:
                    return z, {**ninfo, "theorem": THEOREM}
        h, last = eps, info["residual"]
        for _ in range(MAX_HALVINGS + 1):
            z = z0.clone()
            for t in range(steps):
                f = apply_force(force, z, x)
                if not bool(torch.isfinite(f).all()):
                    break
                last = relative_residual(f, z)
                if last < tol:
                    return z, {
                        "method": "relaxation",
                        "steps": t,
                        "eps_used": h,
                        "residual": last,
                        "tolerance": tol,
                        "theorem": THEOREM,
                    }
                z = z + h * f
            h /= 2
    raise InputError(
        f"no fixed point found: relative residual {last:.3e} (tolerance {tol:.1e}) after Anderson "
        f"mixing, Newton's method and {MAX_HALVINGS + 1} step sizes down to {2 * h:.3g} (a force with "
        "no zero, or pass z0)"
    )


def relaxation_converges(
    force: Force,
    x: Tensor,
    z_star: Tensor,
    eps: float,
    steps: int,
    drop: float = 1e-3,
    rel: float = 1e-4,
    seed: int = 0,
) -> dict[str, Any]:
    """Run z <- z + eps F(z, x) from z* plus a random perturbation of relative size ``rel``: it
    converges when the force residual falls by ``drop`` within ``steps`` steps (and stays finite)."""
    g = torch.Generator(device="cpu").manual_seed(seed)
    d = torch.randn(z_star.shape, generator=g, dtype=torch.float64).to(z_star.device, z_star.dtype)
    z = z_star + rel * torch.linalg.vector_norm(z_star).clamp_min(1.0) * d / torch.linalg.vector_norm(d)
    with torch.no_grad():
        f = apply_force(force, z, x)
        r0 = relative_residual(f, z)
        r = r0
        taken = 0
        for taken in range(1, steps + 1):  # noqa: B007 (the count is read after the loop)
            if not math.isfinite(r) or r <= drop * r0:
                break
            z = z + eps * f
            f = apply_force(force, z, x)
            r = relative_residual(f, z)
    ok = math.isfinite(r) and r <= drop * r0
    return {
        "eps": eps,
        "steps": taken,
        "start_residual": r0,
        "end_residual": r,
        "converged": bool(ok),
        "criterion": f"force residual falls by {drop:g} from z* + a {rel:g} relative perturbation",
    }
