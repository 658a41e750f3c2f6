"""Local rates of the Watkins descent steps at the golden point, as exact expressions.

For the sign-corrected functional F- = -ln(lambda) - T* H(p) (the one for which the golden point
lambda* = 1/phi is a minimiser; with the published F+ it is not even a fixed point, W8), a step
p <- p - h (metric^-1 grad F-) has, along each eigen-direction of its linearisation at the golden
point, the multiplier 1 - h c with the mode's rate c:

* plain descent on the reduced line f(l) = F-(l, (1-l)/2, (1-l)/2): c = f''(lambda*) = phi^2 + T* phi^3;
* Fisher natural gradient on that line (= the whole simplex's symmetric mode): c = 1/phi + T*;
* Fisher natural gradient, the kappa - eta mode of the whole simplex: c = T*;
* Euclidean projected step on the whole simplex: symmetric mode c = (2/3) f''(lambda*),
  kappa - eta mode c = T*/kappa* = 2 phi^2 T* (kappa* = (1 - 1/phi)/2 = 1/(2 phi^2)).

(WatkinsSteps.gd_step_multiplier, ng_step_multiplier; torchcheck/checks/simplex.py measures them.)
A step of one mode is locally optimal at h = 1/c; a step of several modes at
h = 2/(c_min + c_max), where the largest |multiplier| over the modes is least.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from .expr import sympy_expr


@dataclass(frozen=True)
class Step:
    """A descent step at the golden point: ``rates`` maps each mode's name to its rate c."""

    name: str
    claims: tuple[str, ...]
    rates: dict[str, sympy.Expr]

    def optimal_step(self) -> sympy.Expr:
        """The step h minimising max over the modes of |1 - h c| (1/c for a single mode)."""
        cs = list(self.rates.values())
        if len(cs) == 1:
            return 1 / cs[0]
        return 2 / (sympy.Min(*cs) + sympy.Max(*cs))

    def stability_limit(self) -> sympy.Expr:
        """The largest step with every |1 - h c| < 1: h < 2 / max c."""
        return 2 / sympy.Max(*self.rates.values())


def steps() -> tuple[Step, ...]:
    """The steps the ledger analyses for W6 and W8 (reduced line, then the whole 2-simplex)."""
    phi, T = sympy_expr("PHI"), sympy_expr("T_STAR")
    curvature = phi**2 + T * phi**3
    return (
        Step("plain gradient, reduced line", ("W6",), {"line": curvature}),
        Step("Fisher natural gradient, reduced line", ("W6", "W8"), {"line": 1 / phi + T}),
        Step(
            "Euclidean projected, whole simplex",
            ("W6",),
            {"symmetric mode": sympy.Rational(2, 3) * curvature, "kappa-eta mode": 2 * phi**2 * T},
        ),
        Step("Fisher natural gradient, whole simplex", ("W8",), {"symmetric mode": 1 / phi + T, "kappa-eta mode": T}),
    )


def multiplier(rate: sympy.Expr, h: sympy.Expr) -> sympy.Expr:
    """The local multiplier 1 - h c of a mode with rate c at step h."""
    return 1 - h * rate
