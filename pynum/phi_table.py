"""The quantities ``pynum scan`` looks for: the registry's constants and derived phi quantities.

Every entry is an expression in the certify language (pynum/certify/language.py) that the engines
evaluate (Arb where installed, else mpmath); no digits are typed here.  ``hints`` are
identifiers or words that name the quantity near a literal (lower case; a word in the text
counts when it equals a hint or, split at ``_``, contains one).  Words in GENERIC_HINTS name
every entry (the whole table is about phi).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .certify import language, numerics
from .constants.registry import REGISTRY

GENERIC_HINTS = ("phi", "φ", "golden", "goldenratio", "golden_ratio")


@dataclass(frozen=True)
class Quantity:
    """name: table key; symbol: how it is written; expression: certify-language definition;
    hints: words that name it; registered: whether it is a registry constant."""

    name: str
    symbol: str
    expression: str
    hints: tuple[str, ...]
    registered: bool = False


_REGISTRY_HINTS = {
    "PHI": (),
    "LAM_STAR": ("lam_star", "lambda_star", "lambda*", "inv_phi", "phi_inv", "invphi", "phi_inverse", "1/phi",
                 "psi"),
    "T_STAR": ("t_star", "tstar", "t*"),
    "T_STAR3": ("t_star3", "tstar3", "t*_3", "t_3*"),
    "ALPHA_PHI": ("alpha_phi", "α_φ"),
    "PHI_LR_SCALE": ("phi_lr_scale",),
    "LAMBDA_M": ("lambda_m", "lam_m", "_lambda_m"),
    "M_PHI": ("m_phi", "m(phi)"),
    "TAU_GLOBAL": ("tau_global", "tau", "τ"),
}

DERIVED = (
    Quantity("PHI_SQUARED", "phi^2", "phi ^ 2", ("phi_squared", "phi_sq", "phi2", "phi^2", "φ²")),
    Quantity("PHI_INV_SQUARED", "phi^-2", "phi ^ -2", ("phi_inv_squared", "phi_bar_squared", "inv_phi2", "phi^-2", "φ⁻²")),
    Quantity("PHI_CUBED", "phi^3", "phi ^ 3", ("phi_cubed", "phi3", "phi^3", "φ³")),
    Quantity("PHI_INV_CUBED", "phi^-3", "phi ^ -3", ("phi_inv_cubed", "phi^-3", "φ⁻³")),
    Quantity("PHI_FOURTH", "phi^4", "phi ^ 4", ("phi4", "phi^4")),
    Quantity("SQRT5", "sqrt 5", "sqrt 5", ("sqrt5", "sqrt_5", "root5", "√5")),
    Quantity("SQRT_PHI", "sqrt phi", "sqrt phi", ("sqrt_phi", "phi_sqrt", "phi^0.5")),
    Quantity("PHI_HALF", "phi/2", "phi / 2", ("cos36", "cos_36", "half_phi", "phi_half")),
    Quantity("KAPPA_STAR", "(1 - 1/phi)/2", "(1 - 1 / phi) / 2", ("kap_star", "kappa_star", "eta_star", "kap*", "eta*")),
    Quantity("LN_PHI", "ln phi", "ln phi", ("ln_phi", "log_phi", "lnphi", "logphi")),
    Quantity("INV_LN_PHI", "1/ln phi", "1 / ln phi", ("inv_ln_phi", "inv_log_phi", "1/ln")),
    Quantity("LOG2_PHI", "ln phi / ln 2", "ln phi / ln 2", ("log2_phi", "w_squared", "w²")),
    Quantity("GOLDEN_ANGLE_RAD", "2 pi/phi^2", "2 * pi / phi ^ 2", ("golden_angle",)),
    Quantity("GOLDEN_ANGLE_DEG", "360/phi^2", "360 / phi ^ 2", ("golden_angle",)),
    Quantity("PHI_INV_THREE_HALVES", "phi^(-3/2)", "phi ^ (-3/2)", ("phi^-1.5", "phi^(-3/2)")),
    Quantity("INV_T_STAR", "1/T*", "1 / Tstar", ("inv_t_star", "1/t*")),
)


def table() -> tuple[Quantity, ...]:
    """Registry constants first (by their Coq names), then the derived quantities."""
    reg = tuple(Quantity(c.name, c.symbol, c.coq_name, (c.name.lower(), c.coq_name.lower()) + _REGISTRY_HINTS.get(c.name, ()),
                         True) for c in REGISTRY)
    return reg + DERIVED


TABLE = table()
BY_NAME = {q.name: q for q in TABLE}


@lru_cache(maxsize=None)
def _node(name: str) -> language.Node:
    return language.parse(BY_NAME[name].expression)


@lru_cache(maxsize=None)
def _digits(name: str, n: int) -> str:
    return numerics.reference(_node(name), n)


def digits(name: str, n: int) -> str:
    """At least ``n`` correctly rounded significant digits of a table entry (computed in steps of 64)."""
    return _digits(name, max(64, -(-n // 64) * 64))
