"""Checks for claims E1-E11 (the backprop-free equilibrium transformer note): the registry.

The checks live in ``equilibrium_spectrum`` (E1, E2), ``equilibrium_contraction`` (E3),
``equilibrium_adjoint`` (E5, E6, E8, E9) and ``equilibrium_steps`` (E4, E7, E10, E11, bad input).
"""

from __future__ import annotations

from ..framework import Check
from .equilibrium_adjoint import check_adjoint_power, check_asym_transpose, check_flip_witness, check_hutchinson
from .equilibrium_contraction import check_contraction
from .equilibrium_spectrum import check_backward_region, check_spectrum_dense, check_spectrum_krylov
from .equilibrium_state import _one_thread_on_small_cpu
from .equilibrium_steps import (
    check_bad_input,
    check_eps_crit_family,
    check_fixed_point_eps,
    check_residual_identity,
    check_scalar_closed_form,
)

_CHECKS: list[Check] = [
    Check(
        "equilibrium-spectrum-dense",
        "dense Jacobian at z* (torch.func, float64, state dim >= 4096 on GPU): causal block "
        "structure, eig(I + eps J) = 1 + eps eig(J), eps_crit; Euler converges at 0.9 eps_crit, "
        "not at 1.1 eps_crit; backward Euler converges at 1.1 eps_crit",
        check_spectrum_dense,
    ),
    Check(
        "equilibrium-backward-region",
        "backward Euler factor 1/|1 - h mu| measured on 2x2 systems; contraction iff "
        "h |mu|^2 > 2 Re mu, including spurious contraction of growing modes (Re mu >= 0)",
        check_backward_region,
    ),
    Check(
        "equilibrium-spectrum-krylov",
        "Arnoldi on jvp products for the leading eigenvalues of I + eps J, cross-validated "
        "with the dense spectrum, then at the seed's size seq 256 x d 512",
        check_spectrum_krylov,
    ),
    Check(
        "equilibrium-contraction",
        "Lipschitz-certified block: ||z_t - z*|| <= rho^t ||z_0 - z*|| on a batch from five "
        "starts, rho = |1 - eps(1+c)| + eps L, all starts reach the same z*",
        check_contraction,
    ),
    Check(
        "equilibrium-asym-transpose",
        "(J - 2A) v = J^T v at z* by jvp and vjp, and the nudged force's Jacobian is J^T",
        check_asym_transpose,
    ),
    Check(
        "equilibrium-adjoint-power",
        "adjoint recursion error a_T2 - a* = M^T2 (a_0 - a*); the EP contrast error does not "
        "depend on the nudge radius",
        check_adjoint_power,
    ),
    Check(
        "equilibrium-hutchinson",
        "E||J v||^2 = ||J||_F^2 (Rademacher, Gaussian); the normalised penalty estimates ||J||_F^2 / n",
        check_hutchinson,
    ),
    Check(
        "equilibrium-flip-witness",
        "symmetric J: a real multiplier below -1 makes Euler alternate; a gradient field with a stable 2-cycle",
        check_flip_witness,
    ),
    Check(
        "equilibrium-fixed-point-eps",
        "the eps = 0.01 fixed point is a fixed point of the eps = 0.1 map, where it is unstable",
        check_fixed_point_eps,
    ),
    Check(
        "equilibrium-eps-crit-family",
        "eps_crit -> 0 with imaginary parts fixed at 1; the LayerNorm block's Jacobian gain "
        "grows as the state shrinks, weights unchanged",
        check_eps_crit_family,
    ),
    Check(
        "equilibrium-scalar-closed-form",
        "scalar closed form and k-gradients by autograd; d L(z_T)/dk = 0 at eps k = 1, T >= 2",
        check_scalar_closed_form,
    ),
    Check(
        "equilibrium-residual-identity",
        "step residual = eps * force residual along relaxations",
        check_residual_identity,
    ),
    Check(
        "equilibrium-bad-input",
        "non-positive eps, NaN input, mismatched shapes give one InputError; a diverging "
        "relaxation is an outcome with its trace",
        check_bad_input,
    ),
]

CHECKS: list[Check] = [Check(c.id, c.description, _one_thread_on_small_cpu(c.fn)) for c in _CHECKS]
