"""E5, E6, E8, E9: the transposed Jacobian by jvp and vjp, the adjoint recursion, Hutchinson's
estimator, the flip witness."""

from __future__ import annotations

import math
from typing import Any

import torch
from torch.func import jvp, vmap

from ..framework import RunContext
from ..models.equilibrium import jvp_vjp, nudged_force
from .equilibrium_state import F64, dense_state

# --------------------------------------------------------------------------- E5, E6


def check_asym_transpose(ctx: RunContext) -> dict[str, Any]:
    st = dense_state(ctx)
    f, z, J = st["f"], st["z"].reshape(-1), st["J"]
    g = torch.Generator(device="cpu").manual_seed(ctx.seed + 5)
    V = torch.randn(4, z.numel(), generator=g, dtype=F64).to(z.device)
    errs_id, errs_dense, errs_nudged = [], [], []
    gn = nudged_force(f, z)
    for v in V:
        Jv, JTv = jvp_vjp(f, z, v)
        A_v = (Jv - JTv) / 2
        lhs = Jv - 2 * A_v  # (J - 2A) v
        nrm = float(torch.linalg.vector_norm(JTv))
        errs_id.append(float(torch.linalg.vector_norm(lhs - JTv)) / nrm)
        errs_dense.append(float(torch.linalg.vector_norm(JTv - J.T @ v)) / nrm)
        Nv = jvp(gn, (z,), (v,))[1]  # the nudged dynamics' Jacobian at z*, applied to v
        errs_nudged.append(float(torch.linalg.vector_norm(Nv - JTv)) / nrm)
    Jd = J - 2 * ((J - J.T) / 2)
    out = {
        "state_dim": z.numel(),
        "rel_err_J_minus_2A_vs_JT": max(errs_id),
        "rel_err_vjp_vs_dense_JT": max(errs_dense),
        "rel_err_nudged_jacobian_vs_JT": max(errs_nudged),
        "dense_max_abs_J_minus_2A_minus_JT": float((Jd - J.T).abs().max()),
        "antisymmetric_part_fro_over_J_fro": float(
            torch.linalg.matrix_norm((J - J.T) / 2) / torch.linalg.matrix_norm(J)
        ),
    }
    out["passed"] = bool(
        max(errs_id) < 1e-13
        and max(errs_dense) < 1e-12
        and max(errs_nudged) < 1e-12
        and out["dense_max_abs_J_minus_2A_minus_JT"] < 1e-13
    )
    return out


def check_adjoint_power(ctx: RunContext) -> dict[str, Any]:
    st = dense_state(ctx)
    f, z, J, eps = st["f"], st["z"].reshape(-1), st["J"], st["cfg"].eps
    n = z.numel()
    g = torch.Generator(device="cpu").manual_seed(ctx.seed + 6)
    ell = torch.randn(n, generator=g, dtype=F64).to(z.device)
    ell = ell / torch.linalg.vector_norm(ell)
    from torch.func import vjp as _vjp

    pull = _vjp(f, z)[1]

    def MT(a: torch.Tensor) -> torch.Tensor:  # (I + eps J^T) a
        return a + eps * pull(a)[0]

    a_star = torch.linalg.solve(J.T, -ell)
    T2 = 20
    a = torch.zeros_like(z)
    for _ in range(T2):
        a = MT(a) + eps * ell
    pred = -a_star
    for _ in range(T2):
        pred = MT(pred)
    err = a - a_star
    out: dict[str, Any] = {
        "state_dim": n,
        "T2": T2,
        "rel_err_aT_minus_astar_vs_M_power": float(
            torch.linalg.vector_norm(err - pred) / torch.linalg.vector_norm(err)
        ),
        "adjoint_error_rel": float(torch.linalg.vector_norm(err) / torch.linalg.vector_norm(a_star)),
    }
    # the EP two-phase contrast with the asymmetric correction, for several nudge radii
    gn = nudged_force(f, z)
    errs = {}
    dev_from_linear = {}
    betas = (1e-5, 1e-4, 1e-3)
    signs = torch.tensor([b * sg for b in betas for sg in (1.0, -1.0)], dtype=F64, device=z.device)
    gv = vmap(gn)
    with torch.no_grad():
        Z = z.expand(len(signs), n).clone()
        for _ in range(T2):
            Z = Z + eps * (gv(Z) - signs[:, None] * ell[None, :])
    for i, beta in enumerate(betas):
        a_beta = (Z[2 * i + 1] - Z[2 * i]) / (2 * beta)
        errs[f"{beta:g}"] = float(torch.linalg.vector_norm(a_beta - a_star) / torch.linalg.vector_norm(a_star))
        dev_from_linear[f"{beta:g}"] = float(torch.linalg.vector_norm(a_beta - a) / torch.linalg.vector_norm(a))
    out["contrast_error_rel_by_beta"] = errs
    out["contrast_dev_from_linear_recursion_by_beta"] = dev_from_linear
    spread = max(errs.values()) - min(errs.values())
    out["contrast_error_spread_over_beta"] = spread
    out["passed"] = bool(
        out["rel_err_aT_minus_astar_vs_M_power"] < 1e-9
        and max(dev_from_linear.values()) < 1e-4
        and spread < 1e-4 * max(errs.values())
    )
    return out


# --------------------------------------------------------------------------- E8


def check_hutchinson(ctx: RunContext) -> dict[str, Any]:
    st = dense_state(ctx)
    block, z, J, cfg = st["block"], st["z"], st["J"], st["cfg"]
    n = cfg.state_dim
    S, D = cfg.seq, cfg.d_model
    Jg = J + (1 + cfg.c) * torch.eye(n, dtype=F64, device=J.device)  # the learned part's Jacobian
    fro2 = float((Jg**2).sum())

    def G(zf: torch.Tensor) -> torch.Tensor:
        return block.learned(zf.reshape(S, D)).reshape(-1)

    zf = z.reshape(-1)
    N = ctx.pick(1024, 4096)
    g = torch.Generator(device="cpu").manual_seed(ctx.seed + 8)
    push = vmap(lambda v: jvp(G, (zf,), (v,))[1])
    out: dict[str, Any] = {"state_dim": n, "samples": N, "jnc_fro2_exact": fro2, "jnc_fro2_over_n": fro2 / n}
    ok = True
    for kind in ("rademacher", "gaussian"):
        vals, normed = [], []
        for i in range(0, N, 512):
            k = min(512, N - i)
            if kind == "rademacher":
                V = (torch.randint(0, 2, (k, n), generator=g) * 2 - 1).to(F64)
            else:
                V = torch.randn(k, n, generator=g, dtype=F64)
            V = V.to(ctx.device)
            JV = push(V)
            q = (JV**2).sum(1)
            vals.append(q)
            normed.append(q / (V**2).sum(1))
        q = torch.cat(vals)
        qn = torch.cat(normed)
        m, se = float(q.mean()), float(q.std() / math.sqrt(N))
        mn, sen = float(qn.mean()), float(qn.std() / math.sqrt(N))
        out[f"{kind}_mean_Jv2"] = m
        out[f"{kind}_z_score"] = (m - fro2) / se
        out[f"{kind}_normalised_mean"] = mn
        out[f"{kind}_normalised_z_score_vs_fro2_over_n"] = (mn - fro2 / n) / sen
        out[f"{kind}_normalised_over_fro2"] = mn / fro2
        ok = ok and abs(out[f"{kind}_z_score"]) < 5 and abs(out[f"{kind}_normalised_z_score_vs_fro2_over_n"]) < 5
    # exact for Rademacher: Var ||Jv||^2 = 2 sum_{i != j} (J^T J)_{ij}^2
    JtJ = Jg.T @ Jg
    var_exact = 2 * float((JtJ**2).sum() - (torch.diagonal(JtJ) ** 2).sum())
    out["rademacher_var_exact"] = var_exact
    # the identity on all 2^k sign vectors of a small matrix (k = 12): an exact average
    k = 12
    A = torch.randn(k + 3, k, generator=g, dtype=F64)
    signs = ((torch.arange(2**k)[:, None] >> torch.arange(k)) & 1).to(F64) * 2 - 1
    avg = float(((signs @ A.T) ** 2).sum(1).mean())
    out["enumerated_k"] = k
    out["enumerated_rel_err"] = abs(avg - float((A**2).sum())) / float((A**2).sum())
    out["passed"] = bool(ok and out["enumerated_rel_err"] < 1e-12)
    return out


# --------------------------------------------------------------------------- E9, E10, E11


def check_flip_witness(ctx: RunContext) -> dict[str, Any]:
    """E9: symmetric Jacobians oscillate and cycle through a real multiplier below -1."""
    g = torch.Generator(device="cpu").manual_seed(ctx.seed + 9)
    n = ctx.pick(64, 1024)
    dev = ctx.device
    out: dict[str, Any] = {"n": n}
    # (a) linear gradient flow F(z) = -S z, S symmetric positive definite, eps lambda_max = 2.5
    Q, _ = torch.linalg.qr(torch.randn(n, n, generator=g, dtype=F64))
    lam = torch.linspace(0.5, 25.0, n, dtype=F64)
    S = (Q * lam) @ Q.T
    S = ((S + S.T) / 2).to(dev)
    eps = 0.1
    M = torch.eye(n, dtype=F64, device=dev) - eps * S
    ev = torch.linalg.eigvalsh(M.cpu())  # M is symmetric: its eigenvalues are real
    out["linear_J_symmetric"] = bool(torch.equal(S, S.T))
    out["linear_M_eig_min"] = float(ev.min())
    out["linear_M_eig_max"] = float(ev.max())
    q = Q[:, -1].to(dev)
    z = (torch.randn(n, generator=g, dtype=F64).to(dev)) * 1e-3
    proj = []
    for _ in range(40):
        z = z + eps * (-S @ z)
        proj.append(float(q @ z))
    alternating = all(proj[i] * proj[i + 1] < 0 for i in range(20, 39))
    out["linear_sign_alternates"] = alternating
    out["linear_growth_per_step"] = abs(proj[-1] / proj[-2])
    # (b) a bounded 2-cycle of a gradient field F = -grad E, E(z) = k sum log cosh z_i
    kk = 30.0  # eps k = 3
    z = (torch.randn(n, generator=g, dtype=F64) * 1e-2).to(dev)
    traj = [z]
    for _ in range(400):
        z = z + eps * (-kk * torch.tanh(z))
        traj.append(z)
    zT, zT1, zT2 = traj[-3], traj[-2], traj[-1]
    two_cycle = float(torch.linalg.vector_norm(zT2 - zT) / torch.linalg.vector_norm(zT))
    one_step = float(torch.linalg.vector_norm(zT1 - zT) / torch.linalg.vector_norm(zT))
    # amplitude r solves 2 r = eps k tanh(r)
    r = 2.0
    for _ in range(200):
        r = eps * kk * math.tanh(r) / 2
    out.update(
        {
            "tanh_eps_k": eps * kk,
            "tanh_two_step_rel_change": two_cycle,
            "tanh_one_step_rel_change": one_step,
            "tanh_cycle_amplitude_predicted": r,
            "tanh_cycle_amplitude_measured_max_dev": float((zT2.abs() - r).abs().max()),
            "tanh_cycle_multiplier": (1 - eps * kk / math.cosh(r) ** 2) ** 2,
            "tanh_fixed_point_multiplier": 1 - eps * kk,
        }
    )
    out["passed"] = bool(
        out["linear_J_symmetric"]
        and out["linear_M_eig_min"] < -1
        and alternating
        and two_cycle < 1e-12
        and one_step > 1.0
        and out["tanh_cycle_amplitude_measured_max_dev"] < 1e-10
        and out["tanh_cycle_multiplier"] < 1
    )
    return out
