"""One eigenvalue of a Jacobian as the stability audit reports it."""

from __future__ import annotations

from dataclasses import dataclass

from .eps_crit import mode_eps_crit


@dataclass
class Mode:
    """One eigenvalue mu of J at z*: the multiplier |1 + eps mu|, its eps_crit (-2 Re mu / |mu|^2;
    0 when Re mu >= 0), the residual ||J v - mu v|| / ||v||, and what it decides ("eps_crit",
    "multiplier", both joined by "+", or "")."""

    mu_re: float
    mu_im: float
    multiplier: float
    eps_crit: float
    residual: float
    decides: str = ""


def mode_of(mu: complex, res: float, eps: float) -> Mode:
    """The Mode of eigenvalue mu (residual ``res``) at step eps."""
    return Mode(mu.real, mu.imag, abs(1 + eps * mu), mode_eps_crit(mu), float(res))
