"""E4, E7, E10, E11: fixed points and step sizes, the eps_crit family, the scalar closed form, the
residual identity, and bad input."""

from __future__ import annotations

import math
import time
from typing import Any

import torch
from torch.func import jvp

from ..engine.eps_crit import eps_crit
from ..engine.fixed_point import find_fixed_point
from ..engine.spectrum import block_diagonal_eigvals, dense_jacobian
from ..framework import RunContext, expect_input_errors
from ..models.equilibrium import BlockConfig, EqBlock, check_eps, flat_force
from ..models.relaxation import relax
from .equilibrium_state import F64, _perturbed, dense_state


def check_fixed_point_eps(ctx: RunContext) -> dict[str, Any]:
    """E10: the zeros of F are the fixed points for every eps; 0.1 loses stability, not z*."""
    st = dense_state(ctx)
    block, x, mu = st["block"], st["x"], st["mu"]
    ec = eps_crit(mu)
    if not math.isfinite(ec):
        raise AssertionError("the dense block has an eigenvalue with Re mu >= 0")
    s = ec / 0.05  # the time-scaled block s F has eps_crit = 0.05, between 0.01 and 0.1

    def Fs(z: torch.Tensor, xx: torch.Tensor) -> torch.Tensor:
        return s * block.force(z, xx)

    slow = relax(block, x, eps=0.01, steps=ctx.pick(4000, 4000), tol=1e-11, force=Fs)
    fast = relax(block, x, eps=0.1, steps=ctx.pick(1000, 1000), tol=1e-11, force=Fs)
    zs = slow.z
    nz = float(torch.linalg.vector_norm(zs))
    defect = float(torch.linalg.vector_norm(0.1 * Fs(zs, x))) / nz
    near = relax(block, x, z0=_perturbed(zs, 1e-8, ctx.seed + 4), eps=0.1, steps=400, tol=1e-11, force=Fs)
    out: dict[str, Any] = {
        "time_scale_s": s,
        "eps_crit_scaled": ec / s,
        "eps_0.01_outcome": slow.outcome,
        "eps_0.01_steps": slow.steps,
        "eps_0.01_residual_end": slow.residuals[-1],
        "eps_0.1_outcome": fast.outcome,
        "eps_0.1_steps": fast.steps,
        "eps_0.1_trace": fast.residuals[:: max(1, len(fast.residuals) // 20)],
        "fixed_point_defect_of_eps_0.1_map": defect,
        "rho_M_eps_0.1_at_z_star": float((1 + 0.1 * s * mu).abs().max()),
        "rho_M_eps_0.01_at_z_star": float((1 + 0.01 * s * mu).abs().max()),
        "eps_0.1_from_z_star_plus_1e-8_outcome": near.outcome,
        "eps_0.1_from_z_star_plus_1e-8_residual_growth": near.residuals[-1] / near.residuals[0],
    }
    out["passed"] = bool(
        slow.converged
        and not fast.converged
        and defect < 1e-11
        and out["rho_M_eps_0.1_at_z_star"] > 1 > out["rho_M_eps_0.01_at_z_star"]
        and not near.converged
    )
    return out


def check_eps_crit_family(ctx: RunContext) -> dict[str, Any]:
    """E11: bounded imaginary parts do not keep eps_crit away from 0; LN does not bound J."""
    out: dict[str, Any] = {}
    fam = []
    ok = True
    for a in (-0.5, -0.1, -0.02, -0.004):
        mu = complex(a, 1.0)
        ec = -2 * a / (a * a + 1)
        Jm = torch.tensor([[a, -1.0], [1.0, a]], dtype=F64)
        rows = {}
        for t in (0.9, 1.1):
            e = t * ec
            M = torch.eye(2, dtype=F64) + e * Jm
            z = torch.tensor([1.0, 0.0], dtype=F64)
            T = 200
            for _ in range(T):
                z = M @ z
            measured = float(torch.linalg.vector_norm(z)) ** (1 / T)
            rows[t] = (measured, abs(1 + e * mu))
        fam.append({"a": a, "im": 1.0, "eps_crit": ec, "growth_0.9": rows[0.9][0], "growth_1.1": rows[1.1][0]})
        ok = ok and rows[0.9][0] < 1 < rows[1.1][0] and all(abs(m - p) < 1e-12 for m, p in rows.values())
    out["linear_family"] = fam
    out["eps_crit_family_min"] = min(r["eps_crit"] for r in fam)
    # the block with qknorm and LayerNorm, weights fixed: gain of G at scaled states s z*
    st = dense_state(ctx)
    block, z, cfg = st["block"], st["z"], st["cfg"]
    S, D = cfg.seq, cfg.d_model

    def G(zf: torch.Tensor) -> torch.Tensor:
        return block.learned(zf.reshape(S, D)).reshape(-1)

    from torch.func import vjp as _vjp

    g = torch.Generator(device="cpu").manual_seed(ctx.seed + 10)
    gains = {}
    for sc in (1.0, 0.1, 0.01):
        zs = (sc * z).reshape(-1)
        pull = _vjp(G, zs)[1]
        v = torch.randn(zs.numel(), generator=g, dtype=F64).to(z.device)
        v = v / torch.linalg.vector_norm(v)
        sig = 0.0
        for _ in range(15):
            w = pull(jvp(G, (zs,), (v,))[1])[0]
            sig = math.sqrt(float(torch.linalg.vector_norm(w)))
            v = w / torch.linalg.vector_norm(w)
        gains[f"{sc:g}"] = sig
    out["learned_jacobian_norm_at_scaled_state"] = gains
    out["gain_ratio_0.01_vs_1"] = gains["0.01"] / gains["1"]
    out["weights_unchanged_spectral_norm_WO"] = float(torch.linalg.matrix_norm(block.WO, ord=2))
    # the seed's architecture (qknorm, LayerNorm, c = 1) with the FFN output weight at fixed
    # multiples of its initial scale: |Im mu| stays below 3 while eps_crit falls toward 0 and
    # then no eps is stable (an eigenvalue crosses Re mu = 0)
    gains = ctx.pick((1.0, 3.75, 4.0), (1.0, 2.0, 3.5, 3.75, 4.0))
    sweep = []
    for gain in gains:
        cfg_g = BlockConfig(seq=8, d_model=32, n_heads=2, ffn_gain=gain)
        bg = EqBlock(cfg_g, ctx.device, F64, seed=ctx.seed)
        xg = bg.random_input(seed=ctx.seed + 1)
        zg, info = _any_fixed_point(bg, xg)
        Jg = dense_jacobian(flat_force(bg, xg), zg.reshape(-1))
        mug = block_diagonal_eigvals(Jg, cfg_g.seq, cfg_g.d_model)
        sweep.append(
            {
                "ffn_gain": gain,
                "W2_spectral_norm": float(torch.linalg.matrix_norm(bg.W2, ord=2)),
                "re_mu_max": float(mug.real.max()),
                "im_mu_absmax": float(mug.imag.abs().max()),
                "eps_crit": eps_crit(mug),
                **info,
            }
        )
    out["ffn_gain_sweep"] = sweep
    ims = [r["im_mu_absmax"] for r in sweep]
    ecs = [r["eps_crit"] for r in sweep]
    out["sweep_im_mu_absmax"] = max(ims)
    out["sweep_eps_crit_first"] = ecs[0]
    out["sweep_eps_crit_min_finite"] = min(e for e in ecs if math.isfinite(e))
    out["sweep_some_re_mu_nonnegative"] = any(r["re_mu_max"] >= 0 for r in sweep)
    sweep_ok = (
        all(r["fixed_point_residual"] < 1e-10 for r in sweep)
        and max(ims) < 3
        and out["sweep_eps_crit_min_finite"] < 0.15 * ecs[0]
        and out["sweep_some_re_mu_nonnegative"]
    )
    out["passed"] = bool(ok and out["gain_ratio_0.01_vs_1"] > 10 and sweep_ok)
    return out


def _any_fixed_point(block: EqBlock, x: torch.Tensor) -> tuple[torch.Tensor, dict]:
    """A zero of F, stable or not: the engine's finder started from a short backward-Euler run
    (which contracts toward the nearby zero whatever its stability, E2)."""
    r = relax(block, x, eps=0.5, steps=60, tol=1e-5, method="implicit", inner_tol=1e-8)
    z, fp = find_fixed_point(block.force, x, r.z, 0.1, steps=100, tol=1e-13)
    return z, {
        "fixed_point_residual": fp["residual"],
        "fixed_point_method": fp["method"],
        "fixed_point_steps": fp["steps"],
    }


# --------------------------------------------------------------------------- E4, E7


def check_scalar_closed_form(ctx: RunContext) -> dict[str, Any]:
    """E4: z_T - z* = (1 - eps k)^T (z_0 - z*); d L(z*)/dk = 0; d L(z_T)/dk and its zeros."""
    eps, T, z0, zs, target = 0.1, 50, 3.0, 1.0, 2.0
    out: dict[str, Any] = {}
    worst_state, worst_grad = 0.0, 0.0
    for kv in (0.5, 2.0, 7.0, 10.0, 15.0):
        k = torch.tensor(kv, dtype=F64, requires_grad=True)
        z = torch.tensor(z0, dtype=F64)
        for _ in range(T):
            z = z + eps * (-k * (z - zs))
        loss = (z - target) ** 2 / 2
        (dk,) = torch.autograd.grad(loss, k)
        q = 1 - eps * kv
        closed_z = zs + q**T * (z0 - zs)
        closed_dk = (closed_z - target) * T * q ** (T - 1) * (-eps) * (z0 - zs)
        worst_state = max(worst_state, abs(float(z.detach()) - closed_z))
        # relative error, with an absolute floor for gradients that underflow toward 0
        worst_grad = max(worst_grad, abs(float(dk) - closed_dk) / (abs(closed_dk) + 1e-12))
        out[f"dLzT_dk_at_k={kv:g}"] = float(dk)
    out["max_abs_err_state_closed_form"] = worst_state
    out["max_rel_err_dk_closed_form"] = worst_grad
    # z* does not depend on k: the implicit gradient is -L'(z*) (dF/dz)^{-1} dF/dk = 0
    out["dLzstar_dk"] = 0.0 * (zs - zs)
    # eps k = 1 kills d L(z_T)/dk for T >= 2 but not for T = 1
    for TT in (1, 2):
        k = torch.tensor(1 / eps, dtype=F64, requires_grad=True)
        z = torch.tensor(z0, dtype=F64)
        for _ in range(TT):
            z = z + eps * (-k * (z - zs))
        (dk,) = torch.autograd.grad((z - target) ** 2 / 2, k)
        out[f"dLzT_dk_eps_k_1_T{TT}"] = float(dk)
    # the block version: F_k = k F has the same zero for every k > 0
    cfg = BlockConfig(seq=4, d_model=16, n_heads=2)
    block = EqBlock(cfg, ctx.device, F64, seed=ctx.seed)
    x = block.random_input(seed=ctx.seed + 1)
    zstar = relax(block, x, eps=0.25, steps=3000, tol=1e-13).z
    w = torch.randn(x.shape, generator=torch.Generator().manual_seed(3), dtype=F64).to(ctx.device)
    k = torch.tensor(1.0, dtype=F64, device=ctx.device, requires_grad=True)
    z = x.clone()
    for _ in range(30):
        z = z + 0.1 * k * block.force(z, x)
    (dk_block,) = torch.autograd.grad((w * z).sum(), k)
    out["block_dLzT_dk_T30"] = float(dk_block)

    # finite-difference cross-check of the unrolled k-gradient
    def unrolled(kv: float) -> float:
        zz = x.clone()
        for _ in range(30):
            zz = zz + 0.1 * kv * block.force(zz, x)
        return float((w * zz).sum())

    h = 1e-6
    out["block_dLzT_dk_T30_fd"] = (unrolled(1 + h) - unrolled(1 - h)) / (2 * h)
    out["block_force_residual_at_z_star"] = float(torch.linalg.vector_norm(block.force(zstar, x)))
    out["passed"] = bool(
        worst_state < 1e-12
        and worst_grad < 1e-9
        and out["dLzT_dk_eps_k_1_T2"] == 0.0
        and out["dLzT_dk_eps_k_1_T1"] != 0.0
        and abs(out["block_dLzT_dk_T30"]) > 1e-6
        and abs(out["block_dLzT_dk_T30"] - out["block_dLzT_dk_T30_fd"]) < 1e-5 * abs(out["block_dLzT_dk_T30"])
        and out["block_force_residual_at_z_star"] < 1e-11
    )
    return out


def check_residual_identity(ctx: RunContext) -> dict[str, Any]:
    """E7: ||z_{t+1} - z_t|| / ||z_t|| = eps ||F(z_t)|| / ||z_t|| along a relaxation."""
    st = dense_state(ctx)
    block, x = st["block"], st["x"]
    out: dict[str, Any] = {}
    worst = 0.0
    with torch.no_grad():
        for eps in (0.01, 0.1):
            z = x.clone()
            for _ in range(100):
                f = block.force(z, x)
                z1 = z + eps * f
                nz = torch.linalg.vector_norm(z)
                step = float(torch.linalg.vector_norm(z1 - z) / nz)
                force = float(torch.linalg.vector_norm(f) / nz)
                worst = max(worst, abs(step - eps * force) / (eps * force))
                z = z1
    out["max_rel_err_step_vs_eps_force"] = worst
    # the seed's eps sweep: a step residual 8.9e-4 at eps = 0.01 is a force residual of 0.089
    out["seed_step_residual_eps_0.01"] = 8.9e-4
    out["seed_implied_force_residual"] = 8.9e-4 / 0.01
    out["passed"] = bool(worst < 1e-12)
    return out


# --------------------------------------------------------------------------- bad input


def check_bad_input(ctx: RunContext) -> dict[str, Any]:
    cfg = BlockConfig(seq=4, d_model=8, n_heads=2)
    block = EqBlock(cfg, ctx.device, F64)
    x = block.random_input()
    cases = {
        "eps_zero": lambda: relax(block, x, eps=0.0),
        "eps_negative": lambda: relax(block, x, eps=-0.1),
        "eps_nan": lambda: relax(block, x, eps=float("nan")),
        "nan_input": lambda: relax(block, x * float("nan")),
        "shape_mismatch": lambda: relax(block, x, z0=torch.zeros(4, 9, dtype=F64, device=ctx.device)),
        "batch_mismatch": lambda: relax(
            block,
            torch.zeros(2, 4, 8, dtype=F64, device=ctx.device),
            z0=torch.zeros(3, 4, 8, dtype=F64, device=ctx.device),
        ),
        "bad_config": lambda: BlockConfig(seq=4, d_model=10, n_heads=3),
        "config_eps": lambda: BlockConfig(seq=4, d_model=8, n_heads=2, eps=0.0),
        "check_eps": lambda: check_eps(-1),
    }
    messages, ok = expect_input_errors(cases)
    out: dict[str, Any] = dict(messages)
    t0 = time.perf_counter()
    r = relax(block, x, eps=5.0, steps=100000)
    out["diverging_outcome"] = r.outcome
    out["diverging_steps"] = r.steps
    out["diverging_trace_head"] = r.residuals[:5]
    out["diverging_seconds"] = round(time.perf_counter() - t0, 3)
    r2 = relax(block, x, eps=5.0, steps=7)
    out["bounded_outcome"] = r2.outcome
    out["bounded_trace_len"] = len(r2.residuals)
    out["passed"] = bool(
        ok
        and r.outcome == "diverged"
        and r.steps < 100000
        and r2.outcome in ("diverged", "not-converged")
        and len(r2.residuals) <= 8
    )
    return out
