"""The stability audit's spectrum at Krylov scale: the Arnoldi root-find, then the norm bracket.

``krylov_spectrum`` measures eps_crit of J = F'(z*) from products only: first the root-find of
``engine.eps_crit`` (restarted Arnoldi on I + eps J, verdicts from converged modes); when its
deciding mode does not converge (a spectrum with no gap there) and J passes the commutator test,
the certified norm bracket of ``engine.normal`` (Lanczos on (I + eps J)^T (I + eps J)). Either
way it returns the deciding modes, the record's ``krylov`` entry and the probe the suggested
step is checked with.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import torch
from torch import Tensor

from .contraction import ROUNDOFF_FACTOR
from .eps_crit import EpsCrit, dominant_modes, krylov_eps_crit
from .krylov import KRYLOV_TOL, linear_map
from .modes import Mode, mode_of
from .normal import DEFAULT_STEPS, NormResult, norm_run, normal_eps_crit, ritz_pair, transpose_map

Probe = Callable[[float], tuple[float, bool, str]]  # eps -> (spectral radius bound, settled, why not)


@dataclass
class KrylovSpectrum:
    """eps_crit (``ec``), the mode deciding it and the mode of the largest multiplier at the
    user's eps (None when not settled), the modes to show, the record's ``krylov`` entry
    (``info``) and the probe of the suggested step."""

    ec: EpsCrit
    crit_mode: Mode | None
    mult_mode: Mode | None
    shown: list[Mode]
    info: dict[str, Any]
    probe: Probe


def krylov_spectrum(
    f: Callable[[Tensor], Tensor],
    zf: Tensor,
    eps: float,
    want: int,
    krylov: int,
    restarts: int,
    seed: int,
    lanczos: int = DEFAULT_STEPS,
) -> KrylovSpectrum:
    """eps_crit of f'(zf) at Krylov scale (see the module docstring)."""
    tangent, product = linear_map(f, zf)
    tol = max(KRYLOV_TOL, ROUNDOFF_FACTOR * torch.finfo(zf.dtype).eps)
    v0 = torch.randn(zf.numel(), generator=torch.Generator().manual_seed(seed), dtype=torch.float64)
    v0 = v0.to(zf.device, zf.dtype)
    ec = krylov_eps_crit(tangent, v0, eps, want, krylov, restarts, tol)
    step0 = ec.steps[0]
    at_eps = [mode_of(m, r, eps) for m, r in step0.modes] if step0.converged else []
    mult_mode = at_eps[0] if at_eps else None
    crit_mode = mode_of(ec.mu, ec.residual, eps) if ec.mu is not None else None
    info: dict[str, Any] = {
        "dim": krylov,
        "restarts_allowed": restarts,
        "tolerance": tol,
        "product": product,
        "seed": seed,
        "matvecs": ec.matvecs,
        "determined": ec.determined,
        "reason": ec.reason,
        "root_steps": [{k: v for k, v in asdict(s).items() if k != "modes"} for s in ec.steps],
        "eps_crit_method": ec.method,
    }

    def probe(e: float) -> tuple[float, bool, str]:
        found, run = dominant_modes(tangent, v0, e, want, krylov, restarts, tol, init=ec.vector)
        info["matvecs"] += run["matvecs"]
        mu0, r0 = found[0]
        why = "" if run["converged"] else f"the dominant mode at {e:.6g} did not converge; raise --krylov or --restarts"
        return abs(1 + e * mu0) + e * r0, run["converged"], why

    if ec.determined or ec.value == 0.0:
        return KrylovSpectrum(ec, crit_mode, mult_mode, at_eps + ([crit_mode] if crit_mode else []), info, probe)
    transpose = transpose_map(f, zf)
    if transpose is None:
        ec.reason += "; no J^T products (f has no backward), so the norm bracket is not available"
        info["reason"] = ec.reason
        return KrylovSpectrum(ec, crit_mode, mult_mode, at_eps + ([crit_mode] if crit_mode else []), info, probe)
    nr = normal_eps_crit(tangent, transpose, zf, eps, lanczos, seed)
    info["norm"] = norm_record(nr, lanczos)
    info["matvecs"] += nr.products
    if not nr.ec.determined:
        ec.reason = f"{ec.reason}; the norm bracket: {nr.ec.reason}"
        info["reason"] = ec.reason
        ec.lower = nr.ec.lower
        if nr.first is not None and ec.lower >= eps:
            ec.witness = (
                f"Lanczos on (I + eps J)^T (I + eps J) at eps = {eps:g}: ||I + eps J|| <= "
                f"{nr.first.norm_upper:.6g} < 1 (probability of error <= {nr.first.delta:.0e})"
            )
        return KrylovSpectrum(ec, crit_mode, mult_mode, at_eps + ([crit_mode] if crit_mode else []), info, probe)
    nec = nr.ec
    nec.witness = (
        f"the norm bracket: ||I + eps J|| < 1 certified at eps = {nec.lower:.6g} (probability of error <= "
        f"{info['norm']['failure_probability']:.0e}), a vector with ||(I + eps J) y|| > ||y|| for every eps > "
        f"{nec.upper:.6g}, J normal (commutator {nr.commutator:.1e})"
    )
    nec.steps = ec.steps
    info.update(determined=True, reason="", eps_crit_method=nec.method)
    crit = mode_of(nec.mu, nec.residual, eps) if nec.mu is not None else None
    if mult_mode is None and nr.first_vector is not None:
        mu, res = ritz_pair(tangent, nr.first_vector, zf.dtype, key=lambda m: -abs(1 + eps * m))
        mult_mode = mode_of(mu, res, eps)
        info["matvecs"] += 3

    def norm_probe(e: float) -> tuple[float, bool, str]:
        run, _ = norm_run(tangent, transpose, zf, e, lanczos, seed + 1000)
        info["matvecs"] += run.products
        info["norm"]["probe"] = asdict(run)
        ok = run.outcome == "below"
        return (
            run.norm_upper if ok else math.sqrt(run.ritz),
            ok,
            "" if ok else f"||I + eps J|| < 1 at {e:.6g} not certified",
        )

    return KrylovSpectrum(nec, crit, mult_mode, [m for m in (crit, mult_mode) if m is not None], info, norm_probe)


def norm_record(nr: NormResult, lanczos: int) -> dict[str, Any]:
    """The record of the norm bracket: the commutator test, every Lanczos run, the bracket and the
    summed probability that a certificate is wrong."""
    certified = [r for r in nr.runs if r.outcome == "below"]
    return {
        "method": "Lanczos on (I + eps J)^T (I + eps J), random start (Kuczynski-Wozniakowski certificate)",
        "commutator": nr.commutator,
        "commutator_tolerance": nr.commutator_tol,
        "lanczos_max": lanczos,
        "runs": [asdict(r) for r in nr.runs],
        "lower": nr.ec.lower if math.isfinite(nr.ec.lower) else None,  # None: not reached (strict JSON)
        "upper": nr.ec.upper if math.isfinite(nr.ec.upper) else None,
        "failure_probability": sum(r.delta for r in certified),
    }
