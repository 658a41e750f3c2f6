"""E3: the Lipschitz-certified block contracts with rho = |1 - eps(1+c)| + eps L, measured."""

from __future__ import annotations

from typing import Any

import torch

from ..framework import RunContext
from ..models.equilibrium import BlockConfig, LipschitzBlock
from ..models.relaxation import relax
from .equilibrium_state import F64

# --------------------------------------------------------------------------- E3


def check_contraction(ctx: RunContext) -> dict[str, Any]:
    """E3 at the seed's eps = 0.1 and at eps = 0.55 (where eps (1 + c) > 1)."""
    out: dict[str, Any] = {}
    ok = True
    for eps in (0.1, 0.55):
        sub = _contraction_at(ctx, eps)
        ok = ok and sub.pop("passed")
        out.update({f"eps_{eps:g}_{k}": v for k, v in sub.items()})
    # the exact condition: |1 - eps(1+c)| + eps L < 1  iff  L < 1 + c and eps (1 + c + L) < 2
    g = torch.Generator().manual_seed(ctx.seed + 12)
    c = torch.rand(20000, generator=g, dtype=F64) * 4 - 0.9
    L = torch.rand(20000, generator=g, dtype=F64) * 5
    e = torch.rand(20000, generator=g, dtype=F64) * 2
    rho = (1 - e * (1 + c)).abs() + e * L
    cond = (L < 1 + c) & (e * (1 + c + L) < 2)
    away = (rho - 1).abs() > 1e-9
    out["condition_grid_samples"] = int(away.sum())
    out["condition_grid_mismatches"] = int(((rho < 1) != cond)[away].sum())
    out["passed"] = bool(ok and out["condition_grid_mismatches"] == 0)
    return out


def _contraction_at(ctx: RunContext, eps_run: float) -> dict[str, Any]:
    cfg = ctx.pick(
        BlockConfig(seq=8, d_model=16, n_heads=2, eps=eps_run), BlockConfig(seq=64, d_model=128, n_heads=4, eps=eps_run)
    )
    batch = ctx.pick(16, 32)
    L_target = 1.5
    g = torch.Generator(device="cpu").manual_seed(ctx.seed + 11)
    x = (torch.randn(batch, cfg.seq, cfg.d_model, generator=g, dtype=F64)).to(ctx.device)
    # five starts per sequence, stacked along the batch (the map acts per sequence)
    n_starts = 5
    xs = x.repeat(n_starts, 1, 1)
    block = LipschitzBlock(cfg, xs, ctx.device, F64, seed=ctx.seed, target_lipschitz=L_target)
    L = block.lipschitz_bound()
    eps, c = cfg.eps, cfg.c
    rho = abs(1 - eps * (1 + c)) + eps * L
    # the exact condition (E3): rho < 1 iff eps L < 1 - |1 - eps (1 + c)|
    cond = eps * L < 1 - abs(1 - eps * (1 + c))
    out: dict[str, Any] = {
        "batch": batch,
        "starts_per_sequence": n_starts,
        "seq": cfg.seq,
        "d_model": cfg.d_model,
        "lipschitz_bound": L,
        "eps": eps,
        "c": c,
        "rho": rho,
        "condition_eps_L_lt_1_minus_abs_1_minus_eps_1pc": bool(cond),
    }
    dims = (-2, -1)
    # the certified bound against measured difference quotients of G and of the step map
    worst_G, worst_phi = 0.0, 0.0
    with torch.no_grad():
        for k in range(4):
            z1 = torch.randn(xs.shape, generator=g, dtype=F64).to(ctx.device) * (3.0**k)
            z2 = z1 + torch.randn(xs.shape, generator=g, dtype=F64).to(ctx.device) * (10.0**-k)
            dz = torch.linalg.vector_norm(z1 - z2, dim=dims)
            dG = torch.linalg.vector_norm(block.learned(z1) - block.learned(z2), dim=dims)
            dP = torch.linalg.vector_norm(z1 + eps * block.force(z1, xs) - z2 - eps * block.force(z2, xs), dim=dims)
            worst_G = max(worst_G, float((dG / dz).max()))
            worst_phi = max(worst_phi, float((dP / dz).max()))
    out["measured_lipschitz_G_max"] = worst_G
    out["measured_step_ratio_max"] = worst_phi
    # starts: zero, the input, and random states of scale 1, 10, 100
    z0 = torch.cat(
        [torch.zeros_like(x), x.clone()]
        + [s * torch.randn(x.shape, generator=g, dtype=F64).to(ctx.device) for s in (1.0, 10.0, 100.0)]
    )
    T = ctx.pick(120, 300)
    # the fixed point first (from the input), with ||z_hat - z*|| <= ||Phi(z_hat) - z_hat||/(1-rho)
    r = relax(block, xs, eps=eps, steps=3000, tol=1e-13, check_every=50)
    z_hat = r.z
    with torch.no_grad():
        delta = torch.linalg.vector_norm(eps * block.force(z_hat, xs), dim=dims) / (1 - rho)
        errs = torch.empty(T + 1, n_starts * batch, dtype=F64, device=ctx.device)
        z = z0
        for t in ctx.bar(range(T + 1), "contraction steps", total=T + 1):
            errs[t] = torch.linalg.vector_norm(z - z_hat, dim=dims)
            if t < T:
                z = z + eps * block.force(z, xs)
    # every start ends at the same z*
    r_end = relax(block, xs, z0=z, eps=eps, steps=3000, tol=1e-13, check_every=50)
    z_end = r_end.z.reshape(n_starts, batch, cfg.seq, cfg.d_model)
    spread = float(torch.linalg.vector_norm(z_end - z_end[:1], dim=dims).max())
    rho_t = torch.tensor([rho**t for t in range(T + 1)], dtype=F64, device=ctx.device)
    bound = rho_t[:, None] * (errs[0] + delta)[None, :] + delta[None, :]
    worst_excess = float((errs - bound).max())
    usable = rho_t[:, None] * errs[0][None, :] > 1e3 * delta[None, :]
    usable[0] = False  # t = 0 is the identity e_0 = e_0
    ratio = torch.where(usable, errs / (rho_t[:, None] * errs[0][None, :]), torch.zeros_like(errs))
    worst_ratio = float(ratio.max())
    # the measured per-step contraction factor (geometric mean over the checked steps)
    fin = usable[-1]
    measured_rate = float(((errs[-1][fin] / errs[0][fin]) ** (1 / T)).max()) if bool(fin.any()) else float("nan")
    # for the report's plot: worst relative error over the batch against rho^t
    rel = (errs / errs[0][None, :].clamp_min(1e-300)).max(1).values
    out["contraction_trace"] = {
        "rho": rho,
        "errors": [float(v) for v in rel[:: max(1, T // 100)]],
        "stride": max(1, T // 100),
    }
    out.update(
        {
            "fixed_point_steps": r.steps,
            "fixed_point_outcome": r.outcome,
            "end_relax_outcome": r_end.outcome,
            "fixed_point_error_bound_max": float(delta.max()),
            "steps_checked": T,
            "max_err_over_rho_t_err0": worst_ratio,
            "max_excess_over_bound": worst_excess,
            "measured_mean_rate_max": measured_rate,
            "final_spread_between_starts": spread,
            "z_star_norm_max": float(torch.linalg.vector_norm(z_hat, dim=dims).max()),
        }
    )
    out["passed"] = bool(
        cond
        and rho < 1
        and worst_G <= L * (1 + 1e-12)
        and worst_phi <= rho * (1 + 1e-12)
        and r.converged
        and r_end.converged
        and worst_excess <= 1e-12 * max(1.0, out["z_star_norm_max"])
        and worst_ratio <= 1 + 1e-9
        and spread < 1e-9 * max(1.0, out["z_star_norm_max"])
    )
    return out
