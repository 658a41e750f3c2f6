"""Claims E1-E11: seeds/002_900c96a72f902e3e.txt (the backprop-free equilibrium transformer)."""
from __future__ import annotations

from .model import Claim, Evidence

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="E1",
        published='Explicit Euler z <- z + eps F(z) has linear map M = I + eps J; an eigenvalue mu = a + ib of J gives the multiplier 1 + eps mu, stable iff abs(1 + eps mu) < 1, i.e. eps < eps_crit = -2a/(a^2 + b^2) when a < 0',
        verdict="proved",
        reading=("If J v = mu v then (I + eps J) v = (1 + eps mu) v. For eps > 0 and mu = a + ib: "
                 "(1 + eps a)^2 + (eps b)^2 < 1 iff eps (a^2 + b^2) < -2a, equivalently "
                 "Cmod(1 + eps mu) < 1 with Coquelicot's complex modulus; for a < 0 this is "
                 "eps < eps_crit = -2a/(a^2 + b^2), and for a >= 0 no eps > 0 gives |1 + eps mu| < 1"),
        evidence=Evidence(
            records=("results/torchcheck-cuda.json",),
            
            coq=("EulerStability.euler_multiplier_lt_1_iff",
                 "EulerStability.euler_multiplier_Cmod_lt_1_iff",
                 "EulerStability.euler_map_eigenvalue",
                 "EulerStability.euler_stable_iff_lt_eps_crit",
                 "EulerStability.euler_unstable_if_re_nonneg"),
            checks=("equilibrium-spectrum-dense", "equilibrium-spectrum-krylov"),
            numbers={"eps_crit": "-2 Re mu / |mu|^2 (a < 0); none for a >= 0"},
        ),
    ),
    Claim(
        id="E2",
        published='Backward Euler has multiplier 1/(1 - h mu) and is stable for every step h > 0 when Re mu < 0',
        verdict="proved",
        reading=("The linear backward step y = z + h mu y has y = z/(1 - h mu) when 1 - h mu <> 0. For "
                 "h > 0: 1 - h mu <> 0 and |1/(1 - h mu)| < 1 iff 2 Re mu < h |mu|^2. Hence Re mu < 0 "
                 "contracts at every h > 0 (the claim); and for Re mu >= 0 exactly: mu = 0 never "
                 "contracts, Re mu = 0 with mu <> 0 contracts at every h > 0, and Re mu > 0 contracts "
                 "iff h > 2 Re mu/|mu|^2 (a growing mode of the ODE that the implicit step damps)"),
        evidence=Evidence(
            records=("results/torchcheck-cuda.json",),
            
            coq=("EulerStability.backward_euler_multiplier",
                 "EulerStability.backward_euler_contracts_iff",
                 "EulerStability.backward_euler_stable_re_neg",
                 "EulerStability.backward_euler_imaginary_axis",
                 "EulerStability.backward_euler_re_pos_iff",
                 "EulerStability.backward_euler_zero_never"),
            checks=("equilibrium-backward-region", "equilibrium-spectrum-dense"),
        ),
    ),
    Claim(
        id="E3",
        published="The damped relaxation F(z) = x - (1+c) z + G(z) (G the learned attention+FFN part) contracts when G's gain fits inside the damping margin; then the fixed point is unique and the error after T steps shrinks geometrically",
        verdict="proved",
        reading=("In any normed module over R, with G L-Lipschitz (L >= 0), eps >= 0 and "
                 "Phi(z) = z + eps F(z): ||Phi z - Phi w|| <= rho ||z - w||, "
                 "rho = |1 - eps(1+c)| + eps L. For eps > 0, rho < 1 iff L < 1 + c and "
                 "eps (1 + c + L) < 2, and this condition is exact: on R the L-Lipschitz "
                 "G(z) = +-L z makes Phi expand distances by exactly rho, so Phi contracts for every "
                 "L-Lipschitz G iff the condition holds. At the seed's eps = 0.1, c = 1 the condition "
                 "is exactly L < 2 = 1 + c, i.e. the gain inside the damping margin; for larger steps "
                 "the margin alone is not enough (c = 1, G = 0, eps = 1 gives an isometry). Under the "
                 "condition: the fixed point (the zero of F, the same for every eps <> 0) is unique, "
                 "||z_T - z*|| <= rho^T ||z_0 - z*||, and in every complete normed module over R the "
                 "fixed point exists as the limit of the iterates (Banach); R^n (every n >= 1) is such "
                 "a module, built as iterated products of R"),
        evidence=Evidence(
            records=("results/torchcheck-cuda.json",),
            
            coq=("Contraction.relax_step_lipschitz",
                 "Contraction.rho_lt_1_iff",
                 "Contraction.rho_lt_1_seed",
                 "Contraction.relax_step_worst_case",
                 "Contraction.relax_contracts_for_all_iff",
                 "Contraction.gain_margin_alone_not_enough",
                 "Contraction.relax_fixed_iff_force_zero",
                 "Contraction.relax_error_geometric",
                 "Contraction.relax_fixed_point_unique",
                 "Contraction.banach_fixed_point",
                 "Contraction.relax_fixed_point_exists_unique",
                 "Contraction.relax_fixed_point_exists_unique_Rn"),
            checks=("equilibrium-contraction",),
            numbers={"rho": "|1 - eps(1+c)| + eps L", "exact condition": "L < 1 + c and eps (1 + c + L) < 2",
                     "seed (eps = 0.1, c = 1)": "L < 2"},
        ),
    ),
    Claim(
        id="E4",
        published='For F_k(z) = -k (z - z*): z_T - z* = (1 - eps k)^T (z_0 - z*), the fixed point does not depend on k, so d L(z*)/dk = 0 while d L(z_T)/dk does not vanish',
        verdict="proved",
        reading=("For the scalar step z <- z + eps (-k (z - z*)): z_T - z* = (1 - eps k)^T (z_0 - z*) for "
                 "all eps, k, T; for k <> 0 the only zero of F_k is z*, so L(z*) is constant in k and "
                 "d L(z*)/dk = 0; for differentiable L, d L(z_T)/dk = "
                 "L'(z_T) (-eps T (1 - eps k)^(T-1) (z_0 - z*)), which for eps > 0 is non-zero exactly "
                 "when L'(z_T) <> 0, T >= 1, z_0 <> z*, and (T = 1 or eps k <> 1). 'Does not vanish' "
                 "is read as this generic statement: it does vanish at the exceptions (e.g. the deadbeat "
                 "step eps k = 1 with T >= 2)"),
        evidence=Evidence(
            records=("results/torchcheck-cuda.json",),
            
            coq=("RelaxationIdentities.scalar_closed_form",
                 "RelaxationIdentities.scalar_fixed_point_independent_of_k",
                 "RelaxationIdentities.scalar_equilibrium_loss_derivative_zero",
                 "RelaxationIdentities.scalar_finite_loss_derivative",
                 "RelaxationIdentities.scalar_finite_loss_derivative_nonzero_iff"),
            checks=("equilibrium-scalar-closed-form",),
        ),
    ),
    Claim(
        id="E5",
        published="With A = (J - J^T)/2 the nudged dynamics' Jacobian J - 2A equals J^T",
        verdict="proved",
        reading=("For every square matrix J (entries J i j, any size) and A = (J - J^T)/2, every entry of "
                 "J - 2A equals the entry of J^T, so (J - 2A) v = J^T v for every vector v"),
        evidence=Evidence(
            records=("results/torchcheck-cuda.json",),
            
            coq=("RelaxationIdentities.nudged_jacobian_eq_transpose",
                 "RelaxationIdentities.nudged_jacobian_action"),
            checks=("equilibrium-asym-transpose",),
        ),
    ),
    Claim(
        id="E6",
        published='The adjoint recursion a_{t+1} = M a_t + eps l, run for T2 nudged steps, has error a_{T2} - a* = M^{T2} (a_0 - a*) (a matrix power), independent of the nudge radius',
        verdict="proved",
        reading=("For a linear map M of a real vector space (e.g. M = I + eps J^T) and a* = M a* + eps l: "
                 "a_T - a* = M^T (a_0 - a*) for every T and a_0. In the linearised regime the two nudged "
                 "phases d <- M d -+ eps beta l started at the free equilibrium have contrast "
                 "(d^- - d^+)/(2 beta) equal to the adjoint iterate a_T from a_0 = 0 for every "
                 "beta <> 0, so the error -M^T a* does not depend on the nudge radius (finite-beta "
                 "nonlinear corrections are outside this statement)"),
        evidence=Evidence(
            records=("results/torchcheck-cuda.json",),
            
            coq=("RelaxationIdentities.adjoint_error_matrix_power",
                 "RelaxationIdentities.contrast_step",
                 "RelaxationIdentities.contrast_independent_of_radius"),
            checks=("equilibrium-adjoint-power",),
        ),
    ),
    Claim(
        id="E7",
        published='The step residual abs(z_{t+1} - z_t)/abs(z_t) equals eps times the force residual abs(F(z_t))/abs(z_t)',
        verdict="proved",
        reading=("In any normed module over R, for z_{t+1} = z_t + eps F(z_t) and eps > 0: "
                 "||z_{t+1} - z_t|| / ||z_t|| = eps ||F(z_t)|| / ||z_t|| exactly (the two residuals "
                 "differ by the factor eps, which is why the seed's eps sweep and force floor disagree)"),
        evidence=Evidence(
            records=("results/torchcheck-cuda.json",),
            
            coq=("RelaxationIdentities.norm_scal_pos",
                 "RelaxationIdentities.step_residual_eq_eps_force_residual"),
            checks=("equilibrium-residual-identity",),
        ),
    ),
    Claim(
        id="E8",
        published="The Hutchinson estimate of abs(J v)^2 with E[v v^T] = I is unbiased for the squared Frobenius norm of J; the dossier's penalty jacreg * abs(J v)^2 / abs(v)^2 is what it estimates",
        verdict="refuted",
        reading=("First half true: for v uniform on {-1, +1}^n (any n, any m x n J) the average of "
                 "||J v||^2 over the 2^n sign vectors is sum_ij J_ij^2 = ||J||_F^2. Second half false: "
                 "every sign vector has ||v||^2 = n, so the normalised penalty ||J v||^2/||v||^2 averages "
                 "to ||J||_F^2 / n (the mean squared singular value), not ||J||_F^2; witness J = I_2: "
                 "the penalty averages to 1 while ||J||_F^2 = 2. For Gaussian v the same ratio also has "
                 "mean ||J||_F^2 / n (by rotation invariance; checked numerically, not proved here)"),
        evidence=Evidence(
            records=("results/torchcheck-cuda.json",),
            
            coq=("RelaxationIdentities.hutchinson_signs_unbiased",
                 "RelaxationIdentities.avg_row_square",
                 "RelaxationIdentities.normalised_penalty_average",
                 "RelaxationIdentities.normalised_penalty_not_frobenius"),
            checks=("equilibrium-hutchinson",),
            numbers={"E[||Jv||^2/||v||^2]": "||J||_F^2 / n", "witness J = I_2": "1 vs 2"},
        ),
        correction=("E||J v||^2 = ||J||_F^2 (RelaxationIdentities.hutchinson_signs_unbiased); the "
                    "normalised penalty jacreg ||J v||^2/||v||^2 estimates jacreg ||J||_F^2 / n "
                    "(RelaxationIdentities.normalised_penalty_average)"),
    ),
    Claim(
        id="E9",
        published='Euler relaxation can only oscillate if the map M has a complex eigenvalue pair crossing the unit circle; with a symmetric J it never cycles',
        verdict="refuted",
        reading=("Both halves are false. With the symmetric (1 x 1) J = -20 and the seed's eps = 0.1 the "
                 "only multiplier is the real 1 + 0.1 (-20) = -1 and z_t = (-1)^t z_0, a 2-cycle for every "
                 "z_0 <> 0. Nonlinearly, the gradient force F(z) = -25 z + z^3 at eps = 0.1 has the "
                 "super-attracting 2-cycle {sqrt 5, -sqrt 5} (g'(+-sqrt 5) = 0) while its fixed point 0 "
                 "has the real multiplier -3/2: oscillation through a real multiplier crossing -1 "
                 "(a flip), with no complex eigenvalue anywhere"),
        evidence=Evidence(
            records=("results/torchcheck-cuda.json",),
            
            coq=("EulerStability.flip_step_iterate",
                 "EulerStability.symmetric_jacobian_cycles",
                 "EulerStability.cubic_step_two_cycle",
                 "EulerStability.cubic_two_cycle_super_attracting",
                 "EulerStability.symmetric_jacobian_real_eigenvalues",
                 "EulerStability.real_multiplier_periodic_only_flip"),
            checks=("equilibrium-flip-witness",),
            numbers={"linear witness multiplier": "-1 (J = -20, eps = 0.1)",
                     "cubic witness": "2-cycle {sqrt 5, -sqrt 5}, fixed-point multiplier -3/2"},
        ),
        correction=("A real symmetric J has only real eigenvalues, so its Euler multipliers 1 + eps mu "
                    "are real (EulerStability.symmetric_jacobian_real_eigenvalues) and a complex pair "
                    "needs a non-symmetric J; a linear mode with real multiplier m returns to its "
                    "nonzero start only if m = 1 or m = -1 "
                    "(EulerStability.real_multiplier_periodic_only_flip), so a symmetric linear "
                    "relaxation cycles only through the flip eps mu = -2, never through a complex pair"),
    ),
    Claim(
        id="E10",
        published='The relaxation that diverges at eps = 0.1 has no fixed point, while the same operator at eps = 0.01 converges',
        verdict="refuted",
        reading=("The fixed points of z + eps F(z) are the zeros of F for every eps <> 0, so they do not "
                 "depend on the step; if the eps = 0.01 relaxation converges to l and F is continuous "
                 "at l, then F(l) = 0 and l is a fixed point of the eps = 0.1 map as well. Explicit "
                 "witness: F(z) = -30 z diverges at eps = 0.1 (z_T = (-2)^T z_0, unbounded) and "
                 "converges at eps = 0.01 (z_T = 0.7^T z_0 -> 0), and z = 0 is a fixed point at both "
                 "steps. The published pair of statements contradict each other"),
        evidence=Evidence(
            records=("results/torchcheck-cuda.json",),
            
            coq=("EulerStability.euler_multiplier_lt_1_iff",
                 "RelaxationIdentities.euler_fixed_points_independent_of_step",
                 "RelaxationIdentities.relaxation_limit_is_zero",
                 "RelaxationIdentities.diverging_relaxation_has_fixed_point"),
            checks=("equilibrium-fixed-point-eps",),
            numbers={"witness": "F(z) = -30 z: multiplier -2 at eps = 0.1, 0.7 at eps = 0.01"},
        ),
        correction=("At eps = 0.1 the fixed point exists but is not attracting: some eigenvalue mu of "
                    "J at it has |1 + 0.1 mu| >= 1 (EulerStability.euler_multiplier_lt_1_iff), while "
                    "the eps = 0.01 limit is the same fixed point "
                    "(RelaxationIdentities.relaxation_limit_is_zero, "
                    "RelaxationIdentities.euler_fixed_points_independent_of_step)"),
    ),
    Claim(
        id="E11",
        published='QK-normalisation, weight caps and LayerNorm bound the imaginary parts of the eigenvalues and therefore keep eps_crit bounded below',
        verdict="refuted",
        reading=("The inference 'bounded imaginary parts => eps_crit bounded below' is false: real "
                 "eigenvalues (Im mu = 0) have eps_crit(-R) = 2/R, below any e0 > 0 for large R, and "
                 "with Im mu held at 1, eps_crit(-d + i) = 2d/(d^2 + 1) <= 2d -> 0 as Re mu -> 0-. At "
                 "the seed's step, mu = -30 (real) has eps_crit = 1/15 < 0.1. What does bound eps_crit "
                 "is a bound on the whole spectrum: if every eigenvalue lies in the disc "
                 "|mu + (1+c)| <= L with L < 1 + c (e.g. a Lipschitz/gain bound L on the learned "
                 "part), then Re mu < 0 and eps_crit >= 2/(1 + c + L). Whether the listed mechanisms "
                 "give such an L is a property of the trained weights and states, not of the "
                 "mechanisms alone: LayerNorm's slope at zero spread is 1/sqrt(e_LN), unbounded as its "
                 "constant e_LN shrinks (proved on a centred pair; the growing gain on the block is "
                 "measured by the torch suite)"),
        evidence=Evidence(
            records=("results/torchcheck-cuda.json",),
            
            coq=("RelaxationIdentities.eps_crit_unbounded_below_real",
                 "RelaxationIdentities.eps_crit_small_with_bounded_imag",
                 "RelaxationIdentities.seed_step_unstable_real_eigenvalue",
                 "RelaxationIdentities.eps_crit_lower_bound_disk",
                 "RelaxationIdentities.seed_eps_stable_under_gain_bound",
                 "RelaxationIdentities.layernorm_gain_at_zero_spread"),
            checks=("equilibrium-eps-crit-family",),
            numbers={"eps_crit(-30)": "1/15", "disc bound": "eps_crit >= 2/(1 + c + L)"},
        ),
        correction=("A gain bound on the whole spectrum keeps eps_crit away from 0: eigenvalues in "
                    "|mu + (1+c)| <= L < 1 + c have eps_crit >= 2/(1 + c + L) "
                    "(RelaxationIdentities.eps_crit_lower_bound_disk); at c = 1 and L < 2 the seed's "
                    "eps = 0.1 is stable (RelaxationIdentities.seed_eps_stable_under_gain_bound)"),
    ),
)
