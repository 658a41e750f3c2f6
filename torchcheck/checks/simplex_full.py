"""Whole-simplex runs: the Fisher and Euclidean steps on the 2- and 3-simplex, the global minimum
and the modulus (W6, W7, W8)."""

from __future__ import annotations

from typing import Any

import torch

from ..framework import RunContext
from ..models import simplex as S
from .simplex_common import (  # noqa: F401
    CONVERGED,
    MULT_TOL,
    _cf,
    _digits,
    _n,
    closed_forms,
    golden_point,
    near_offsets,
    random_simplex,
)

# --- whole-simplex runs -------------------------------------------------------------------------


def _mode_multipliers(ctx: RunContext, kind: str, sign: int, salt: int) -> dict:
    """One step from p* + d u along the symmetric mode u1 = (2,-1,-1) and asymmetric u2 = (0,1,-1)."""
    T, tau = _cf("T_star"), _cf("tau")
    n = _n(ctx)
    p_star = golden_point(3, ctx)
    out: dict[str, torch.Tensor] = {}
    for name, direction in (("sym", (2.0, -1.0, -1.0)), ("asym", (0.0, 1.0, -1.0))):
        u = torch.tensor(direction, dtype=torch.float64, device=ctx.device)
        u = u / u.norm()
        d = near_offsets(n, ctx, salt + len(out))
        p0 = p_star + d[:, None] * u
        d = ((p0 - p_star) * u).sum(-1)
        p1 = S.STEPS[kind](p0, tau, T, sign).x
        out[name] = ((p1 - p_star) * u).sum(-1) / d
    return out


def run_full(
    ctx: RunContext, kind: str, sign: int, steps: int, salt: int, dim: int = 3, temperature: float | None = None
) -> dict:
    """``kind`` descent on the whole simplex from n uniform random starts (one batch)."""
    T = _cf("T_star") if temperature is None else temperature
    tau = _cf("tau")
    n = _n(ctx)
    p = random_simplex(n, dim, ctx, salt)
    p_star = golden_point(dim, ctx)
    esc = torch.zeros(n, dtype=torch.bool, device=ctx.device)
    sum_err = torch.zeros((), dtype=torch.float64, device=ctx.device)
    pmin = torch.ones((), dtype=torch.float64, device=ctx.device)
    for _ in ctx.bar(range(steps), f"{kind} F{'+' if sign > 0 else '-'} d={dim}", total=steps):
        r = S.STEPS[kind](p, tau, T, sign)
        p, esc = r.x, esc | r.escaped
        sum_err = torch.maximum(sum_err, (p.sum(-1) - 1).abs().max())
        pmin = torch.minimum(pmin, p.min())
    dist = (p - p_star).abs().amax(-1)
    reached = (dist < CONVERGED) & ~esc
    max_sum_err, min_p = float(sum_err), float(pmin)
    return {
        "starts": n,
        "steps": steps,
        "dim": dim,
        "fraction_reached": float(reached.double().mean()),
        "fraction_left_simplex": float(esc.double().mean()),
        "fraction_near_vertex_lambda_gt_0_99": float((p[:, 0] > 0.99).double().mean()),
        "median_final_distance": float(dist.median()),
        "max_abs_sum_minus_1": max_sum_err,
        "min_coordinate": min_p,
    }


def check_full_fisher_minus(ctx: RunContext) -> dict:
    """F- on the 2-simplex, Fisher step with tau: modes 1 - tau(1/phi + T*) and 1 - tau T*; all starts converge."""
    cf = closed_forms()
    run = run_full(ctx, "fisher", -1, 200, 51)
    modes = _mode_multipliers(ctx, "fisher", -1, 61)
    dev_sym = float((modes["sym"] - _cf("mult_fisher_minus")).abs().max())
    dev_asym = float((modes["asym"] - _cf("mult_fisher_asym")).abs().max())
    slowest = max(abs(cf["mult_fisher_minus"]), abs(cf["mult_fisher_asym"]))
    out = dict(run)
    out.update(
        {
            "proved_sym_multiplier": _digits(cf["mult_fisher_minus"]),
            "proved_asym_multiplier": _digits(cf["mult_fisher_asym"]),
            "measured_sym_max_deviation": dev_sym,
            "measured_asym_max_deviation": dev_asym,
            "local_rates_sym_asym": [_digits(cf["rate_fisher_minus"]), _digits(cf["T_star"])],
            "slowest_mode_rate_vs_m_phi": [_digits((1 - slowest) / cf["tau"]), _digits(cf["m_phi"])],
        }
    )
    out["passed"] = (
        dev_sym <= MULT_TOL
        and dev_asym <= MULT_TOL
        and slowest < 1
        and run["fraction_reached"] == 1.0
        and run["max_abs_sum_minus_1"] <= 1e-12
        and run["min_coordinate"] > 0
    )
    return out


def check_full_euclid_minus(ctx: RunContext) -> dict:
    """F- on the 2-simplex, Euclidean projected step with tau: modes 1 - tau(2/3)f'' and 1 - 2 tau T* phi^2."""
    cf = closed_forms()
    run = run_full(ctx, "euclid", -1, 300, 71)
    modes = _mode_multipliers(ctx, "euclid", -1, 81)
    dev_sym = float((modes["sym"] - _cf("mult_euclid_sym")).abs().max())
    dev_asym = float((modes["asym"] - _cf("mult_euclid_asym")).abs().max())
    out = dict(run)
    out.update(
        {
            "proved_sym_multiplier": _digits(cf["mult_euclid_sym"]),
            "proved_asym_multiplier": _digits(cf["mult_euclid_asym"]),
            "measured_sym_max_deviation": dev_sym,
            "measured_asym_max_deviation": dev_asym,
        }
    )
    out["passed"] = (
        dev_sym <= MULT_TOL
        and dev_asym <= MULT_TOL
        and run["max_abs_sum_minus_1"] <= 1e-12
        and run["min_coordinate"] > 0
    )
    return out


def check_full_plus(ctx: RunContext) -> dict:
    """F+ (as published) on the 2-simplex: no start reaches the golden point under either step."""
    fisher = run_full(ctx, "fisher", +1, 200, 91)
    euclid = run_full(ctx, "euclid", +1, 200, 101)
    out: dict[str, Any] = {"fisher": fisher, "euclid": euclid}
    out["passed"] = all(r["fraction_reached"] == 0.0 for r in (fisher, euclid))
    return out


def check_four_component(ctx: RunContext) -> dict:
    """F- on the 3-simplex at T*_3: Fisher descent from random starts reaches (1/phi, rho, rho, rho)."""
    run = run_full(ctx, "fisher", -1, 300, 111, dim=4, temperature=_cf("T_star3"))
    run["passed"] = run["fraction_reached"] == 1.0 and run["max_abs_sum_minus_1"] <= 1e-12
    return run


def check_global_minimum(ctx: RunContext) -> dict:
    """W7: at T*, F- >= F-(golden) on random points (d = 3, and d = 4 at T*_3); F+ is not minimised there."""
    cf = closed_forms()
    n = _n(ctx)
    T, T3 = _cf("T_star"), _cf("T_star3")
    out: dict = {"points": n}
    for dim, temp, salt in ((3, T, 121), (4, T3, 131)):
        p = random_simplex(n, dim, ctx, salt)
        gstar = golden_point(dim, ctx)
        fm = S.free_energy(p, temp, -1) - S.free_energy(gstar, temp, -1)
        fp = S.free_energy(p, temp, +1) - S.free_energy(gstar, temp, +1)
        out[f"d{dim}_min_Fminus_minus_golden"] = float(fm.min())
        out[f"d{dim}_fraction_Fplus_below_golden"] = float((fp < 0).double().mean())
    witness = torch.tensor([0.99, 0.005, 0.005], dtype=torch.float64, device=ctx.device)
    g3 = golden_point(3, ctx)
    out["Fplus_witness_0.99_0.005_0.005"] = float(S.free_energy(witness, T, +1))
    out["Fplus_golden"] = float(S.free_energy(g3, T, +1))
    # Uniqueness in T: away from T* the F- minimiser moves off 1/phi and beats the golden point.
    gaps = {}
    for factor in (0.99, 1.01):
        t = T * factor
        lam = S.minimiser_lambda(t, 3)
        q = S.symmetric_point(lam, 3, device=ctx.device)
        gaps[str(factor)] = float(S.free_energy(q, t, -1) - S.free_energy(g3, t, -1))
    out["Fminus_min_minus_golden_at_T_times"] = gaps
    out["temperature_law_at_inv_phi_d3_minus_T_star"] = S.temperature_for(1 / float(cf["phi"]), 3) - T
    out["temperature_law_at_inv_phi_d4_minus_T_star3"] = S.temperature_for(1 / float(cf["phi"]), 4) - T3
    out["passed"] = (
        out["d3_min_Fminus_minus_golden"] >= -1e-12
        and out["d4_min_Fminus_minus_golden"] >= -1e-12
        and out["d3_fraction_Fplus_below_golden"] > 0
        and out["Fplus_witness_0.99_0.005_0.005"] < out["Fplus_golden"]
        and all(v < 0 for v in gaps.values())
        and abs(out["temperature_law_at_inv_phi_d3_minus_T_star"]) < 1e-14
        and abs(out["temperature_law_at_inv_phi_d4_minus_T_star3"]) < 1e-14
    )
    return out


def check_modulus(ctx: RunContext) -> dict:
    """W5: g(l) = (1/2)(1/l^2 + T*(1/l + 1/(1-l))) = f''(l)/2 on a grid of n points: min = m(phi) at lambda_m."""
    cf = closed_forms()
    n = _n(ctx)
    T, lm, m = _cf("T_star"), _cf("lambda_m"), _cf("m_phi")
    # A grid of (0,1) refined around lambda_m (half the points within 1e-3 of it).
    u = (torch.arange(n, dtype=torch.float64, device=ctx.device) + 0.5) / n
    grid = torch.cat([u, lm + (2 * u - 1) * 1e-3])
    g = S.reduced_curvature(grid, T, -1) / 2
    i = int(torch.argmin(g))
    lsv = torch.tensor([_cf("lambda_star")], dtype=torch.float64, device=ctx.device)
    out: dict[str, Any] = {
        "grid_points": int(grid.numel()),
        "grid_argmin_minus_lambda_m": float(grid[i]) - lm,
        "grid_min_g": float(g[i]),
        "grid_argmin": float(grid[i]),
        "m_phi": _digits(cf["m_phi"]),
        "lambda_m": _digits(cf["lambda_m"]),
        "grid_min_minus_m_phi": float(g[i]) - m,
        "g_at_lambda_star": _digits(cf["g_at_lambda_star"]),
        "fpp_at_lambda_star": float(S.reduced_curvature(lsv, T, -1)[0]),
    }
    out["passed"] = (
        -1e-12 <= out["grid_min_minus_m_phi"] <= 1e-9
        and abs(out["grid_argmin"] - lm) <= 1e-6
        and bool((g >= m - 1e-12).all())
    )
    return out
