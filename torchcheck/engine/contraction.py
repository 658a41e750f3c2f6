"""E3 applied to a block: the contraction factor rho of explicit Euler relaxation for
F = x - (1+c) z + G(z) with Lip(G) <= L, and the measured error against the proved bound
rho^t ||z_0 - z*|| (Coq: ``Contraction.rho_lt_1_iff``, ``Contraction.relax_error_geometric``)."""

from __future__ import annotations

from typing import Any

import torch
from torch import Tensor

from .fixed_point import apply_force

THEOREM_RHO = "Contraction.rho_lt_1_iff"
THEOREM_ERROR = "Contraction.relax_error_geometric"
ROUNDOFF_FACTOR = 100.0  # a bound or residual is resolved only above this many unit roundoffs of the dtype


def contraction(
    force, x: Tensor, z0: Tensor, z_star: Tensor, eps: float, lipschitz: float, damping: float, steps: int = 50
) -> dict[str, Any]:
    """E3 for a block F = x - (1+c) z + G(z) with Lip(G) <= L: rho, and the measured error against
    the proved bound rho^t ||z_0 - z*||."""
    rho = abs(1 - eps * (1 + damping)) + eps * lipschitz
    contracts = lipschitz < 1 + damping and eps * (1 + damping + lipschitz) < 2
    z, e0, worst = z0.clone(), float(torch.linalg.vector_norm(z0 - z_star)), 0.0
    with torch.no_grad():
        for t in range(1, steps + 1):
            z = z + eps * apply_force(force, z, x)
            err = float(torch.linalg.vector_norm(z - z_star))
            worst = max(worst, err - rho**t * e0)
    tol = max(1e-9, ROUNDOFF_FACTOR * torch.finfo(z0.dtype).eps) * max(e0, 1.0)
    return {
        "lipschitz": lipschitz,
        "damping": damping,
        "rho": rho,
        "contracts": contracts,
        "theorems": [THEOREM_RHO, THEOREM_ERROR],
        "steps": steps,
        "largest_excess_over_bound": worst,
        "within_bound": (not contracts) or worst <= tol,
    }


def contraction_verdict(con: dict[str, Any]) -> dict[str, Any]:
    """E3's verdict: holds, fails, or not shown (rho >= 1: a sufficient condition that does not hold)."""
    rho = con["rho"]
    if not con["contracts"]:
        return {
            "statement": f"contraction not shown: rho = {rho:.6g} >= 1, so E3's sufficient condition does not "
            "hold (nothing follows either way)",
            "theorem": THEOREM_RHO,
            "measured": "",
            "status": "not shown",
        }
    if con["within_bound"]:
        return {
            "statement": f"contracts: rho = {rho:.6g} < 1 and the measured ||z_t - z*|| stays below rho^t ||z_0 - z*||",
            "theorem": THEOREM_ERROR,
            "measured": f"largest excess over the bound {con['largest_excess_over_bound']:.2e}",
            "status": "holds",
        }
    return {
        "statement": f"the measured error exceeds rho^t ||z_0 - z*|| (rho = {rho:.6g}): the given L is not a "
        "Lipschitz bound of G",
        "theorem": THEOREM_ERROR,
        "measured": f"largest excess {con['largest_excess_over_bound']:.2e}",
        "status": "fails",
    }
