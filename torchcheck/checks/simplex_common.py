"""Closed forms, random starts and shared helpers of the simplex checks (W3, W6, W7, W8, W10)."""

from __future__ import annotations

from functools import cache

import mpmath
import torch

from pynum.constants import expr

from ..framework import RunContext

DIGITS = 30
CONVERGED = 1e-9  # max-norm distance that counts as "reached the equilibrium"
MULT_TOL = 1e-6  # measured multiplier vs closed form (the bound)
NEIGHBOURHOOD = 0.05  # an unstable run must get at least this far from l*


@cache
def closed_forms() -> dict[str, mpmath.mpf]:
    """Every number the checks compare with, in mpmath (30 digits), from the registry."""
    with mpmath.workdps(DIGITS + 10):
        phi = expr.eval_mpmath("PHI", DIGITS)
        T = expr.eval_mpmath("T_STAR", DIGITS)
        T3 = expr.eval_mpmath("T_STAR3", DIGITS)
        m = expr.eval_mpmath("M_PHI", DIGITS)
        tau = 1 / m
        ls = 1 / phi
        ks = (1 - ls) / 2

        def f(l, sign):
            return -mpmath.log(l) + sign * T * (-l * mpmath.log(l) - (1 - l) * mpmath.log((1 - l) / 2))

        fpp = 1 / ls**2 + T * (1 / ls + 1 / (1 - ls))
        # Derivatives by mpmath's numerical differentiation confirm the hand-derived forms.
        assert abs(mpmath.diff(lambda l: f(l, -1), ls, 2) - fpp) < mpmath.mpf(10) ** -20
        assert abs(mpmath.diff(lambda l: f(l, -1), ls)) < mpmath.mpf(10) ** -20
        assert abs(fpp - (phi**2 + T * phi**3)) < mpmath.mpf(10) ** -25
        fisher = 1 / ls + 2 * (mpmath.mpf(1) / 2) ** 2 / ks  # sum (dp_i/dl)^2/p_i
        assert abs(fisher - 1 / (ls * (1 - ls))) < mpmath.mpf(10) ** -25
        lp = 1 / (1 + T)  # argmax of f+'
        fplus_max = -1 / lp + T * mpmath.log((1 - lp) / (2 * lp))
        grid_max = max(mpmath.diff(lambda l: f(l, +1), mpmath.mpf(i) / 40) for i in range(1, 40))
        assert grid_max <= fplus_max + mpmath.mpf(10) ** -15
        return {
            "phi": phi,
            "T_star": T,
            "T_star3": T3,
            "m_phi": m,
            "tau": tau,
            "lambda_star": ls,
            "fpp_minus": fpp,
            "fisher_metric": fisher,
            "mult_plain_minus": 1 - tau * fpp,
            "mult_fisher_minus": 1 - tau * fpp / fisher,
            "rate_fisher_minus": fpp / fisher,  # 1/phi + T*
            "mult_fisher_asym": 1 - tau * T,
            "mult_euclid_sym": 1 - tau * 2 * fpp / 3,
            "mult_euclid_asym": 1 - tau * T * (1 / ks + 1 / ks) / 2,
            "plain_stability_bound": 2 / fpp,  # plain descent stable iff tau < this
            "plain_optimal_step": 1 / fpp,
            "fisher_optimal_step": fisher / fpp,
            "fplus_grad_max": fplus_max,
            "fplus_minus_golden_gap": f(ls, +1),
            "lambda_m": expr.eval_mpmath("LAMBDA_M", DIGITS),
            "g_at_lambda_star": fpp / 2,  # g = f''/2 along the symmetric line
        }


def _cf(name: str) -> float:
    return float(closed_forms()[name])


def _digits(x: mpmath.mpf, n: int = 16) -> str:
    return mpmath.nstr(x, n)


def _gen(ctx: RunContext, salt: int) -> torch.Generator:
    g = torch.Generator(device=ctx.device)
    g.manual_seed(ctx.seed * 1000 + salt)
    return g


def random_simplex(n: int, dim: int, ctx: RunContext, salt: int) -> torch.Tensor:
    """``n`` uniform (Dirichlet(1,...,1)) points of the open simplex, float64, one batch."""
    e = torch.empty(n, dim, dtype=torch.float64, device=ctx.device)
    e.exponential_(generator=_gen(ctx, salt)).clamp_(min=1e-30)
    return e / e.sum(-1, keepdim=True)


def random_interval(n: int, ctx: RunContext, salt: int) -> torch.Tensor:
    """``n`` uniform points of (0, 1), float64."""
    u = torch.rand(n, dtype=torch.float64, device=ctx.device, generator=_gen(ctx, salt))
    return u.clamp_(1e-12, 1 - 1e-12)


def near_offsets(n: int, ctx: RunContext, salt: int, lo: float = 1e-9, hi: float = 1e-8) -> torch.Tensor:
    """``n`` offsets of random sign with magnitude in [lo, hi]."""
    g = _gen(ctx, salt)
    mag = lo + (hi - lo) * torch.rand(n, dtype=torch.float64, device=ctx.device, generator=g)
    sgn = torch.where(torch.rand(n, dtype=torch.float64, device=ctx.device, generator=g) < 0.5, -1.0, 1.0)
    return mag * sgn


def golden_point(dim: int, ctx: RunContext) -> torch.Tensor:
    ls = closed_forms()["lambda_star"]
    with mpmath.workdps(DIGITS):
        vals = [float(ls)] + [float((1 - ls) / (dim - 1))] * (dim - 1)
    return torch.tensor(vals, dtype=torch.float64, device=ctx.device)


def _n(ctx: RunContext) -> int:
    return ctx.pick(4_000, 1_000_000)
