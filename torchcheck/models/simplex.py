"""Reference simplex layer and descent steps for the Watkins generating functional.

Written from the mathematics (not from the watkins-nn package):

* the generating functional on the open probability simplex, p = (lambda, p_1, ..., p_{d-1}),
  with both sign conventions ``sign = +1`` (F+ = -ln(lambda) + T H(p), as published) and
  ``sign = -1`` (F- = -ln(lambda) - T H(p)), H(p) = -sum p_i ln p_i;
* the reduced one-dimensional problem along p(l) = (l, (1-l)/(d-1), ..., (1-l)/(d-1)):
  f(l) = F(p(l)), f'(l) = -1/l - sign T ln((d-1) l/(1-l)), and the Fisher metric of that family,
  I(l) = sum (dp_i/dl)^2 / p_i = 1/(l (1-l));
* two steps with step size tau: plain gradient descent l <- l - tau f'(l), and Fisher natural
  gradient descent l <- l - tau l (1-l) f'(l); on the whole simplex the Euclidean step
  p <- p - tau (g - mean g) and the Fisher (replicator) step p_i <- p_i - tau p_i (g_i - <p, g>),
  g = grad F.  The latter restricts on the symmetric line to the reduced Fisher step; the
  Euclidean step restricts to plain descent with step 2 tau / 3 (|dp/dl|^2 = 3/2 for d = 3).

Steps never leave the open simplex: a row whose update would leave it keeps its old value and
is reported in the returned ``escaped`` mask, so a caller sees where a run left the simplex.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import torch
from torch import nn

from ..framework import InputError

SIGNS = (+1, -1)


def check_temperature(temperature: float) -> float:
    """A finite positive temperature, else one InputError."""
    try:
        t = float(temperature)
    except (TypeError, ValueError):
        raise InputError(f"temperature must be a real number, got {temperature!r}") from None
    if not math.isfinite(t) or t <= 0:
        raise InputError(f"temperature must be finite and positive, got {temperature!r}")
    return t


def check_sign(sign: int) -> int:
    """The sign convention of F: +1 (F+ = -ln(lambda) + T H) or -1 (F- = -ln(lambda) - T H)."""
    if sign not in SIGNS:
        raise InputError(f"sign must be +1 (F+) or -1 (F-), got {sign!r}")
    return int(sign)


def check_step(tau: float) -> float:
    """A finite positive step size, else one InputError."""
    try:
        t = float(tau)
    except (TypeError, ValueError):
        raise InputError(f"step size must be a real number, got {tau!r}") from None
    if not math.isfinite(t) or t <= 0:
        raise InputError(f"step size must be finite and positive, got {tau!r}")
    return t


def sum_tolerance(dtype: torch.dtype) -> float:
    """How far from 1 a row sum may be for a point to count as on the simplex."""
    return 1e-12 if dtype == torch.float64 else 1e-5


def check_simplex(p: torch.Tensor, dim: int | None = None) -> torch.Tensor:
    """``p`` as points of the open simplex (last axis), else one InputError naming the fault."""
    if not isinstance(p, torch.Tensor):
        raise InputError(f"expected a torch.Tensor of probabilities, got {type(p).__name__}")
    if not p.is_floating_point():
        raise InputError(f"probabilities must be floating point, got dtype {p.dtype}")
    if p.dim() == 0:
        raise InputError("probabilities must have a last dimension (got a scalar)")
    if dim is not None and p.shape[-1] != dim:
        raise InputError(f"last dimension must be {dim}, got shape {tuple(p.shape)}")
    if p.shape[-1] < 2:
        raise InputError(f"a simplex needs at least 2 coordinates, got shape {tuple(p.shape)}")
    if torch.isnan(p).any():
        raise InputError("probabilities contain NaN")
    if not torch.isfinite(p).all():
        raise InputError("probabilities contain an infinite value")
    if (p <= 0).any():
        raise InputError(f"probabilities must be positive (open simplex); smallest is {p.min().item():.3g}")
    err = (p.sum(-1) - 1).abs().max().item() if p.numel() else 0.0
    if err > sum_tolerance(p.dtype):
        raise InputError(f"probabilities must sum to 1; largest deviation is {err:.3g}")
    return p


def check_unit_interval(l: torch.Tensor) -> torch.Tensor:
    """``l`` as coordinates in the open interval (0, 1), else one InputError."""
    if not isinstance(l, torch.Tensor) or not l.is_floating_point():
        raise InputError("the reduced coordinate must be a floating-point torch.Tensor")
    if torch.isnan(l).any():
        raise InputError("the reduced coordinate contains NaN")
    if ((l <= 0) | (l >= 1)).any():
        raise InputError("the reduced coordinate must lie in the open interval (0, 1)")
    return l


# --- the functional -------------------------------------------------------------------------


def entropy(p: torch.Tensor) -> torch.Tensor:
    """Shannon entropy H(p) = -sum p_i ln p_i over the last axis."""
    return -(p * torch.log(p)).sum(-1)


def free_energy(p: torch.Tensor, temperature: float, sign: int = -1) -> torch.Tensor:
    """F(p) = -ln(p_0) + sign * T * H(p) (sign -1: F-, sign +1: F+ as published)."""
    return -torch.log(p[..., 0]) + sign * temperature * entropy(p)


def free_energy_grad(p: torch.Tensor, temperature: float, sign: int = -1) -> torch.Tensor:
    """The ambient gradient dF/dp_i = -[i = 0]/p_0 - sign * T * (ln p_i + 1)."""
    g = -sign * temperature * (torch.log(p) + 1)
    g[..., 0] = g[..., 0] - 1 / p[..., 0]
    return g


def temperature_for(lambda0: float, dim: int = 3) -> float:
    """The temperature whose F- minimiser has first coordinate ``lambda0``: 1/(l0 ln((d-1) l0/(1-l0))).

    Defined for 1/d < lambda0 < 1; lambda0 = 1/phi gives T* (d = 3) and T*_3 (d = 4).
    """
    if dim < 2:
        raise InputError(f"dim must be at least 2, got {dim}")
    if not (1 / dim < lambda0 < 1):
        raise InputError(f"lambda0 must lie in (1/{dim}, 1) for a positive temperature, got {lambda0!r}")
    return 1 / (lambda0 * math.log((dim - 1) * lambda0 / (1 - lambda0)))


def minimiser_lambda(temperature: float, dim: int = 3) -> float:
    """The first coordinate of the F- minimiser: the root in (1/d, 1) of 1/l = T ln((d-1) l/(1-l))."""
    t = check_temperature(temperature)
    lo, hi = 1 / dim, 1.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if 1 / mid - t * math.log((dim - 1) * mid / (1 - mid)) > 0:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def symmetric_point(lam: float | torch.Tensor, dim: int = 3, dtype=torch.float64, device=None) -> torch.Tensor:
    """The point (l, (1-l)/(d-1), ...) of the symmetric line (batched when ``lam`` is a tensor)."""
    lam_t = torch.as_tensor(lam, dtype=dtype, device=device)
    rest = ((1 - lam_t) / (dim - 1)).unsqueeze(-1).expand(*lam_t.shape, dim - 1)
    return torch.cat([lam_t.unsqueeze(-1), rest], dim=-1)


# --- the reduced one-dimensional problem ----------------------------------------------------


def reduced_energy(l: torch.Tensor, temperature: float, sign: int = -1, dim: int = 3) -> torch.Tensor:
    """f(l) = F(l, (1-l)/(d-1), ...)."""
    rest = (1 - l) / (dim - 1)
    h = -l * torch.log(l) - (1 - l) * torch.log(rest)
    return -torch.log(l) + sign * temperature * h


def reduced_grad(l: torch.Tensor, temperature: float, sign: int = -1, dim: int = 3) -> torch.Tensor:
    """f'(l) = -1/l - sign * T * ln((d-1) l/(1-l))."""
    return -1 / l - sign * temperature * torch.log((dim - 1) * l / (1 - l))


def reduced_curvature(l: torch.Tensor, temperature: float, sign: int = -1) -> torch.Tensor:
    """f''(l) = 1/l^2 - sign * T * (1/l + 1/(1-l))."""
    return 1 / l**2 - sign * temperature * (1 / l + 1 / (1 - l))


def reduced_fisher_metric(l: torch.Tensor, dim: int = 3) -> torch.Tensor:
    """The Fisher information of the family p(l): sum (dp_i/dl)^2/p_i = 1/(l(1-l)) for every d."""
    rest = (1 - l) / (dim - 1)
    return 1 / l + (dim - 1) * (1 / (dim - 1)) ** 2 / rest


class Step(NamedTuple):
    """The result of one step: the new points and which rows would have left the simplex."""

    x: torch.Tensor
    escaped: torch.Tensor


def _guard_interval(old: torch.Tensor, new: torch.Tensor) -> Step:
    bad = ~((new > 0) & (new < 1)) | torch.isnan(new)
    return Step(torch.where(bad, old, new), bad)


def reduced_plain_step(l: torch.Tensor, tau: float, temperature: float, sign: int = -1, dim: int = 3) -> Step:
    """Plain gradient descent on the reduced problem: l <- l - tau f'(l)."""
    return _guard_interval(l, l - tau * reduced_grad(l, temperature, sign, dim))


def reduced_fisher_step(l: torch.Tensor, tau: float, temperature: float, sign: int = -1, dim: int = 3) -> Step:
    """Fisher natural-gradient descent on the reduced problem: l <- l - tau l (1-l) f'(l)."""
    return _guard_interval(l, l - tau * l * (1 - l) * reduced_grad(l, temperature, sign, dim))


# --- steps on the whole simplex -------------------------------------------------------------


def _guard_simplex(old: torch.Tensor, new: torch.Tensor) -> Step:
    # Renormalise (a no-op up to rounding: both updates are tangent) so sums stay at 1 to 1 ulp.
    new = new / new.sum(-1, keepdim=True)
    bad = (new <= 0).any(-1) | torch.isnan(new).any(-1)
    return Step(torch.where(bad.unsqueeze(-1), old, new), bad)


def euclid_step(p: torch.Tensor, tau: float, temperature: float, sign: int = -1) -> Step:
    """Euclidean projected gradient descent: p <- p - tau (g - mean(g)), g = grad F."""
    g = free_energy_grad(p, temperature, sign)
    return _guard_simplex(p, p - tau * (g - g.mean(-1, keepdim=True)))


def fisher_step(p: torch.Tensor, tau: float, temperature: float, sign: int = -1) -> Step:
    """Fisher natural-gradient descent: p_i <- p_i - tau p_i (g_i - <p, g>), g = grad F."""
    g = free_energy_grad(p, temperature, sign)
    return _guard_simplex(p, p - tau * p * (g - (p * g).sum(-1, keepdim=True)))


STEPS = {"euclid": euclid_step, "fisher": fisher_step}
REDUCED_STEPS = {"plain": reduced_plain_step, "fisher": reduced_fisher_step}


class GoldenSimplex(nn.Module):
    """The Watkins functional on the open (d-1)-simplex as a layer: ``forward(p)`` gives F(p).

    ``step(p, kind)`` applies one Euclidean (``"euclid"``) or Fisher (``"fisher"``) descent step
    of size ``tau``; bad input (wrong last dimension, NaN, non-positive entries, sums off 1,
    non-positive temperature or step) raises one InputError.
    """

    def __init__(self, dim: int = 3, temperature: float = 1.0, sign: int = -1, tau: float = 0.25):
        super().__init__()
        if not isinstance(dim, int) or isinstance(dim, bool) or dim < 2:
            raise InputError(f"dim must be an integer >= 2, got {dim!r}")
        self.dim = dim
        self.temperature = check_temperature(temperature)
        self.sign = check_sign(sign)
        self.tau = check_step(tau)

    def forward(self, p: torch.Tensor) -> torch.Tensor:
        check_simplex(p, self.dim)
        return free_energy(p, self.temperature, self.sign)

    def grad(self, p: torch.Tensor) -> torch.Tensor:
        check_simplex(p, self.dim)
        return free_energy_grad(p, self.temperature, self.sign)

    def step(self, p: torch.Tensor, kind: str = "fisher") -> Step:
        if kind not in STEPS:
            raise InputError(f"unknown step {kind!r}; valid: {', '.join(STEPS)}")
        check_simplex(p, self.dim)
        return STEPS[kind](p, self.tau, self.temperature, self.sign)

    def equilibrium(self, dtype=torch.float64, device=None) -> torch.Tensor:
        """The F- minimiser (l, (1-l)/(d-1), ...) at this temperature (sign -1 only)."""
        if self.sign != -1:
            raise InputError("F+ has no minimiser on the open simplex (its infimum 0 is at the vertex)")
        return symmetric_point(minimiser_lambda(self.temperature, self.dim), self.dim, dtype, device)

    def extra_repr(self) -> str:
        return f"dim={self.dim}, temperature={self.temperature}, sign={self.sign:+d}, tau={self.tau}"
