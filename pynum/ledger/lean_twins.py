"""Lean 4 twins of ledger theorems: claim ID -> ((Lean theorem, Coq twin ``File.name``), ...).

The Lean sources are in ``lean/`` (library ``PhiLean``, Lean 4 core only, built by ``lake build``
from the repository root); every Lean name below lives in the namespace ``PhiLean``. Each Lean
theorem's doc comment names its claim ID and its Coq twin. Lean results are reported as checked
only when ``make prove`` ran ``lake build`` successfully; without a toolchain they are unchecked.
"""
from __future__ import annotations

LEAN_NAMESPACE = "PhiLean"
LEAN_ROOT = "lean"

LEAN_TWINS: dict[str, tuple[tuple[str, str], ...]] = {
    "W1": (
        ("PhiLean.phi_sq_eq_phi_add_one", "PhiBasics.phi_sq_eq_phi_add_one"),
    ),
    "W4": (
        ("PhiLean.phi_mul_phiInv", "PhiBasics.inv_phi_eq_phi_sub_one"),
        ("PhiLean.phi_mul_phi_sub_one", "PhiBasics.inv_phi_eq_phi_sub_one"),
        ("PhiLean.inv_phi_eq_phi_sub_one", "PhiBasics.inv_phi_eq_phi_sub_one"),
    ),
    "S1": (
        ("PhiLean.phi_sq_add_inv_phi_sq_eq_3", "PhiBasics.phi_sq_add_inv_phi_sq_eq_3"),
    ),
    "S2": (
        ("PhiLean.inv_phi_cube_eq", "PhiBasics.inv_phi_cube_eq"),
        ("PhiLean.alpha_phi_eq", "AlphaPhi.alpha_phi_eq"),
        ("PhiLean.alpha_phi_mul_phi_cube", "AlphaPhi.alpha_phi_mul_phi_cube"),
        ("PhiLean.two_alpha_phi_mul_phi_cube", "AlphaPhi.alpha_phi_mul_phi_cube"),
    ),
    "S3": (
        ("PhiLean.phi_cube_eq", "PhiBasics.phi_cube_eq"),
        ("PhiLean.phi_cube_rounds_to_4", "PhiBasics.phi_cube_round_bounds"),
        ("PhiLean.phi_cube_round_eq_4", "PhiBasics.phi_cube_round_eq_4"),
    ),
    "S6": (
        ("PhiLean.fib_17_to_21", "Fibonacci.fib_17_to_21"),
        ("PhiLean.phi_pow_fib", "Fibonacci.phi_pow_fib"),
        ("PhiLean.lucas_eq_fib_add_fib", "Fibonacci.lucas_fib"),
        ("PhiLean.phi_pow_add_psi_pow_eq_lucas", "Fibonacci.lucas_identity"),
    ),
    "E1": (
        ("PhiLean.euler_multiplier_lt_one_iff", "EulerStability.euler_multiplier_lt_1_iff"),
        ("PhiLean.euler_multiplier_lt_one_iff_rat", "EulerStability.euler_multiplier_lt_1_iff"),
        ("PhiLean.euler_unstable_if_re_nonneg", "EulerStability.euler_unstable_if_re_nonneg"),
    ),
    "E2": (
        ("PhiLean.backward_euler_contracts_iff", "EulerStability.backward_euler_contracts_iff"),
        ("PhiLean.backward_euler_stable_re_neg", "EulerStability.backward_euler_stable_re_neg"),
    ),
    "E3": (
        ("PhiLean.rho_lt_one_iff_rat", "Contraction.rho_lt_1_iff"),
    ),
    "E5": (
        ("PhiLean.nudged_jacobian_eq_transpose",
         "RelaxationIdentities.nudged_jacobian_eq_transpose"),
        ("PhiLean.sub_antisymm_part_eq_transpose",
         "RelaxationIdentities.nudged_jacobian_eq_transpose"),
    ),
}


def lean_theorems() -> tuple[str, ...]:
    """Every Lean theorem named above, fully qualified, in ledger order."""
    return tuple(lean for twins in LEAN_TWINS.values() for lean, _ in twins)
