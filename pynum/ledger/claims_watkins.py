"""Claims W1-W13: seeds/000_ef4d9baed297fce1.txt (the watkins-nn package, 0.1.1, on PyPI)."""
from __future__ import annotations

from .model import Claim, Evidence

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="W1",
        published='PHI = (1+sqrt 5)/2 = 1.618033988..., and phi^2 = phi + 1',
        verdict="proved",
        reading=("phi = (1 + sqrt 5)/2 satisfies phi^2 = phi + 1, and 1.618033988749894 <= phi <= "
                 "1.618033988749895; the printed 1.618033988... is a correct truncation"),
        evidence=Evidence(
            coq=("PhiBasics.phi_sq_eq_phi_add_one", "Enclosures.phi_enclosure"),
            checks=("pynum-check:PHI",),
        ),
    ),
    Claim(
        id="W2",
        published='T* = phi/ln(2 phi) = 1.3778018314733997...',
        verdict="proved",
        reading=("T* = phi/ln(2 phi) lies in [1.37780183147339976861679026081, "
                 "1.37780183147339976861679026082]; all 17 printed significant digits 1.3778018314733997 "
                 "are correct, but as a truncation: rounded to 17 digits the value is 1.3778018314733998 "
                 "(the printed string is the float64 repr of T*, whose next digits are ...99768)"),
        evidence=Evidence(
            coq=("Enclosures.Tstar_enclosure", "Enclosures.Tstar_enclosure_30_digits",
                 "WatkinsFreeEnergy.temperature_law_at_lambda_star"),
            checks=("pynum-check:T_STAR",),
            numbers={"T*": "1.377801831473399768616790260815946966651"},
        ),
    ),
    Claim(
        id="W3",
        published='T*_3 = phi/ln(3 phi) = 1.024186157... (3-simplex temperature)',
        verdict="proved",
        reading=("T*_3 = phi/ln(3 phi) lies in [1.024186157617269, 1.024186157617270]; the printed "
                 "1.024186157... is a correct truncation (value 1.02418615761726959...). Whether it is "
                 "the 3-simplex temperature is claim W7's law, settled in WatkinsFreeEnergy"),
        evidence=Evidence(
            coq=("Enclosures.Tstar3_enclosure", "WatkinsFreeEnergy.temperature_law4_at_lambda_star",
                 "WatkinsFreeEnergy.Fminus4_golden_unique_global_min_iff_Tstar3"),
            checks=("pynum-check:T_STAR3",),
            numbers={"T*_3": "1.024186157617269590715608027964026470142"},
        ),
    ),
    Claim(
        id="W4",
        published='lambda* = 1/phi = 0.618033988...',
        verdict="proved",
        reading="1/phi = phi - 1 and 0.6180339887498948 <= 1/phi <= 0.6180339887498949; 0.618033988... is a correct truncation",
        evidence=Evidence(
            coq=("PhiBasics.inv_phi_eq_phi_sub_one", "Enclosures.lambda_star_enclosure"),
            checks=("pynum-check:LAM_STAR",),
        ),
    ),
    Claim(
        id="W5",
        published="m(phi) = 4.210414... (global convergence modulus; the package's constants module defines it as the minimum over lambda in (0,1) of g(lambda) = (1/2)[1/lambda^2 + T*(1/lambda + 1/(1-lambda))])",
        verdict="proved",
        reading=("with T = T*, g(l) = (1/2)(1/l^2 + T*(1/l + 1/(1-l))) has on (0,1) exactly one minimiser, "
                 "lambda_m = (T* - 4 + sqrt(T*^2 + 8 T*))/(4 (T* - 1)) = 0.6434237350032286..., the only root in "
                 "(0,1) of (2T* - 2) l^2 + (4 - T*) l - 2 = 0, to which g'(l) = 0 reduces; the minimum "
                 "m(phi) = g(lambda_m) lies in [4.21041423984968301515817495599, 4.21041423984968301515817495600], "
                 "so the printed 4.210414... is a correct truncation. What the number is: g = f''/2 for the "
                 "reduced functional f(l) = F-(l, (1-l)/2, (1-l)/2) of the sign-corrected F- (W7), so 2 m(phi) is "
                 "the least curvature of f on (0,1); calling it the rate of the natural-gradient flow is W8's "
                 "claim, which is refuted"),
        evidence=Evidence(
            records=("results/torchcheck-cuda.json",),
            
            coq=("WatkinsModulus.lambda_m_quadratic_root", "WatkinsModulus.lambda_m_unique_minimiser",
                 "WatkinsModulus.lambda_m_only_root_in_unit_interval", "WatkinsModulus.m_phi_is_min_of_watkins_g",
                 "WatkinsModulus.min_watkins_g_value", "Enclosures.lambda_m_enclosure",
                 "Enclosures.m_phi_enclosure", "Enclosures.m_phi_enclosure_30_digits",
                 "WatkinsSteps.reduced_curvature_eq_twice_g", "WatkinsSteps.reduced_curvature_ge_twice_m_phi"),
            checks=("pynum-check:LAMBDA_M", "pynum-check:M_PHI", "simplex-modulus"),
            numbers={"lambda_m": "0.643423735003228632784498323121",
                     "m(phi)": "4.21041423984968301515817495599"},
        ),
    ),
    Claim(
        id="W6",
        published='tau = 1/m(phi) = 0.237506... is the optimal step size',
        verdict="refuted",
        reading=("tau = 1/m(phi) lies in [0.2375063219517567, 0.2375063219517568] (the printed digits are right), "
                 "but it is not the optimal step, read as: the step that makes the descent converge locally "
                 "fastest at lambda* (smallest |multiplier|). On the reduced problem "
                 "f(l) = F-(l, (1-l)/2, (1-l)/2) (F- is the sign for which lambda* is a minimiser at all; with the "
                 "published F+ it is not even a fixed point, W8), plain gradient descent with step h has multiplier "
                 "1 - h (phi^2 + T* phi^3) at lambda*, stable exactly for 0 < h < 2/(phi^2 + T* phi^3) = 0.23656...; "
                 "tau lies above that limit, its multiplier is -1.0079962979359..., and an orbit converges to "
                 "lambda* only by landing on it exactly. Fisher natural-gradient descent has multiplier "
                 "1 - h (1/phi + T*), which is 0.5259763751191976... at h = tau but 0 at h = 1/(1/phi + T*)"),
        evidence=Evidence(
            records=("results/torchcheck-cuda.json",),
            
            coq=("WatkinsSteps.tau_not_locally_optimal", "Enclosures.tau_global_enclosure",
                 "WatkinsSteps.gd_step_multiplier",
                 "WatkinsSteps.ng_step_multiplier", "WatkinsSteps.gd_multiplier_tau_enclosure",
                 "WatkinsSteps.ng_multiplier_tau_enclosure", "WatkinsSteps.gd_step_tau_multiplier_exceeds_one",
                 "WatkinsSteps.gd_step_tau_unstable", "WatkinsSteps.gd_multiplier_stable_iff",
                 "WatkinsSteps.tau_above_gd_stability_limit", "WatkinsSteps.gd_locally_optimal_step",
                 "WatkinsSteps.ng_locally_optimal_step", "WatkinsSteps.ng_step_tau_locally_stable"),
            checks=("pynum-check:TAU_GLOBAL", "simplex-reduced-plain-minus", "simplex-reduced-fisher-minus",
                    "simplex-full-euclid-minus"),
            numbers={"tau": "0.2375063219517567549830108",
                     "plain multiplier at tau": "-1.00799629793593930166",
                     "Fisher multiplier at tau": "0.52597637511919767333",
                     "plain stability limit 2/f''(lambda*)": "0.236560517761805",
                     "optimal plain step 1/f''(lambda*)": "0.118280258880902514",
                     "optimal Fisher step 1/(1/phi + T*)": "0.501043217015776251"},
        ),
        correction=("tau's value is right (Enclosures.tau_global_enclosure). The locally optimal steps at lambda* "
                    "are 1/(phi^2 + T* phi^3) = 0.1182802588809025... for plain gradient descent "
                    "(WatkinsSteps.gd_locally_optimal_step) and 1/(1/phi + T*) = 0.5010432170157762... for Fisher "
                    "natural-gradient descent (WatkinsSteps.ng_locally_optimal_step); with tau the natural-gradient "
                    "step is locally stable with multiplier 0.52597... (WatkinsSteps.ng_step_tau_locally_stable) "
                    "and plain gradient descent is unstable (WatkinsSteps.gd_step_tau_unstable)"),
    ),
    Claim(
        id="W7",
        published='T* is the unique temperature at which F(p) = -ln(lambda) + T*H(p) has its global minimum on the probability simplex at the golden equilibrium lambda* = 1/phi (p = (lambda, kappa, eta), H the Shannon entropy)',
        verdict="refuted",
        reading=("on the open simplex p = (lambda, kappa, eta), with F+(p) = -ln(lambda) + T H(p) as published and as "
                 "watkins-nn computes it: 'the golden point (1/phi, (1-1/phi)/2, (1-1/phi)/2) is the unique global "
                 "minimiser exactly when T = T*' is false. At T = T* (indeed at every T >= 0) the witness "
                 "(9/10, 1/20, 1/20) has a smaller F+ than the golden point; the golden point is not even stationary "
                 "(the derivative along (l, (1-l)/2, (1-l)/2) is -2 phi); and for every T > 0, F+ has no global "
                 "minimiser at all on the open simplex (it is strictly concave along kappa - eta moves): it is "
                 "positive there, and its infimum 0 is approached at the vertex (1, 0, 0)"),
        evidence=Evidence(
            records=("results/torchcheck-cuda.json",),
            
            coq=("WatkinsFreeEnergy.Fplus_golden_unique_global_min_iff_Tstar_false",
                 "WatkinsFreeEnergy.Fplus_golden_not_global_min_at_Tstar",
                 "WatkinsFreeEnergy.Fplus_witness_below_golden", "WatkinsFreeEnergy.Fplus_has_no_global_min",
                 "WatkinsFreeEnergy.Fplus_pos", "WatkinsFreeEnergy.Fplus_infimum_zero_at_vertex",
                 "WatkinsFreeEnergy.Fplus_line_derivative_at_golden",
                 "WatkinsFreeEnergy.Fminus_golden_unique_global_min_iff_Tstar",
                 "WatkinsFreeEnergy.Fminus_temperature_law_unique_global_min",
                 "WatkinsFreeEnergy.Fminus_global_min_forces_temperature_law",
                 "WatkinsFreeEnergy.Fminus_no_positive_temperature_below_one_third",
                 "WatkinsFreeEnergy.temperature_law_at_lambda_star",
                 "WatkinsFreeEnergy.Fminus4_temperature_law_unique_global_min",
                 "WatkinsFreeEnergy.Fminus4_global_min_forces_temperature_law4",
                 "WatkinsFreeEnergy.temperature_law4_at_lambda_star",
                 "WatkinsFreeEnergy.Fminus4_golden_unique_global_min_iff_Tstar3"),
            checks=("simplex-global-minimum", "simplex-reduced-plus", "simplex-full-plus",
                    "simplex-four-component"),
            numbers={"F+(golden) at T*": "1.76226034770...", "F+(9/10, 1/20, 1/20) at T*": "0.64876237726...",
                     "F+ slope at golden along the symmetric line": "-2 phi = -3.2360679..."},
        ),
        correction=("with the opposite sign F-(p) = -ln(lambda) - T H(p) the statement is true and general: for "
                    "1/3 < l0 < 1 the point (l0, (1-l0)/2, (1-l0)/2) is the unique global minimiser of F- on the "
                    "open simplex exactly when T = 1/(l0 ln(2 l0/(1-l0))) (no T > 0 works for l0 <= 1/3), and at "
                    "l0 = 1/phi this is phi/ln(2 phi) = T* (WatkinsFreeEnergy.Fminus_golden_unique_global_min_iff_Tstar); "
                    "with lambda plus three equal coordinates the law is T = 1/(l0 ln(3 l0/(1-l0))), which at 1/phi "
                    "is phi/ln(3 phi) = T*_3 (WatkinsFreeEnergy.Fminus4_golden_unique_global_min_iff_Tstar3)"),
    ),
    Claim(
        id="W8",
        published='For any starting point on the open simplex, the natural gradient flow converges globally and exponentially to lambda* with rate m(phi); tau = 1/m(phi) is the optimal step',
        verdict="refuted",
        reading=("read for the published F+ and the Fisher natural gradient (the package's watkins_step with "
                 "gamma = tau is a discrete step): every start on the open simplex converges to lambda* "
                 "exponentially with rate m(phi), and tau is optimal. False: with F+, lambda* is not a critical "
                 "point (slope -2 phi along (l, (1-l)/2, (1-l)/2)), so for every step h > 0 it is not a fixed point "
                 "of the natural-gradient or of the plain gradient step on that line, and no orbit of either "
                 "converges to it; the full Fisher step on the 2-simplex keeps that line and equals the reduced "
                 "step there, so no start on it whose orbit stays in the open simplex converges to lambda*. "
                 "(The continuous flow is not formalised; its vector field at lambda* is nonzero, and its "
                 "linearisation is treated below.) The rate is wrong even for the sign-corrected F-: the natural-gradient flow's "
                 "linearised rate at lambda* is lambda*(1-lambda*) f''(lambda*) = 1/phi + T* = 1.9958358202..., "
                 "less than half of m(phi); with step tau the multiplier is 0.5259763751... > 1/2 > exp(-1) = "
                 "exp(-m(phi) tau), and near lambda* the distance shrinks per step by a factor between 1/2 and "
                 "53/100. tau's optimality is W6 (refuted)"),
        evidence=Evidence(
            records=("results/torchcheck-cuda.json",),
            
            coq=("WatkinsSteps.no_Fplus_orbit_converges_to_golden", "WatkinsSteps.golden_not_fixed_by_Fplus_steps",
                 "WatkinsSteps.ng_step3_plus_on_line", "WatkinsSteps.no_full_Fplus_orbit_from_line_converges",
                 "WatkinsSteps.reduced_slope_plus_at_golden", "WatkinsFreeEnergy.Fplus_line_derivative_at_golden",
                 "WatkinsSteps.ng_flow_rate_at_golden", "WatkinsSteps.ng_step_multiplier",
                 "WatkinsSteps.ng_step_tau_locally_stable", "WatkinsSteps.ng_step_tau_rate_bounds",
                 "WatkinsSteps.ng_step_tau_slower_than_rate_m_phi", "WatkinsSteps.gd_step_tau_unstable",
                 "WatkinsSteps.reduced_curvature_ge_twice_m_phi"),
            checks=("simplex-reduced-plus", "simplex-full-plus", "simplex-reduced-fisher-minus",
                    "simplex-full-fisher-minus"),
            numbers={"natural-gradient flow rate at lambda* (F-)": "1.99583582022329461682",
                     "m(phi)": "4.21041423984968301516",
                     "Fisher multiplier at tau (F-)": "0.52597637511919767333",
                     "exp(-m(phi) tau)": "0.36787944117144232160"},
        ),
        correction=("for F- (WatkinsFreeEnergy) the Fisher natural-gradient step with tau is locally stable at "
                    "lambda* with multiplier 1 - tau (1/phi + T*) = 0.52597... (WatkinsSteps.ng_step_multiplier, "
                    "WatkinsSteps.ng_step_tau_locally_stable), and the flow's local rate is 1/phi + T*, not m(phi) "
                    "(WatkinsSteps.ng_flow_rate_at_golden); m(phi) is half the least curvature of the reduced F- "
                    "(WatkinsSteps.reduced_curvature_ge_twice_m_phi)"),
    ),
    Claim(
        id="W9",
        published='The quickstart (WatkinsSimplex(dim=3) with watkins_free_energy and watkins_step, 30 steps) drives the distribution toward the golden equilibrium',
        verdict="not-reproduced",
        reading=("the documented quickstart of watkins-nn 0.1.1 (WatkinsSimplex(dim=3, init=...), loss = "
                 "watkins_free_energy(p), loss.backward(), layer.watkins_step(), 30 steps) ends closer to the golden "
                 "point (1/phi, 1/(2 phi^2), 1/(2 phi^2)) than it started, from every init and from random starts. "
                 "Decided by the quickstart section and findings W9_* of results/watkins-audit.json (final points "
                 "and distances, fraction of random starts within 1e-3 of the golden point). The record shows every "
                 "init, the golden one included, and all 200 random starts ending at the vertex (1, 0, 0), distance "
                 "0.4678, which is what the proofs predict: the functional it descends is F+, which has no minimiser "
                 "on the open simplex, approaches its infimum 0 at that vertex, and has slope -2 phi at the "
                 "golden point "
                 "(WatkinsFreeEnergy.Fplus_has_no_global_min, WatkinsFreeEnergy.Fplus_infimum_zero_at_vertex, "
                 "WatkinsSteps.no_Fplus_orbit_converges_to_golden). Re-run on CPU (the package's tensors live there), seeds 0-199 for the random starts: not reproduced; the quickstart drives every start away from the golden equilibrium, to the vertex"),
        evidence=Evidence(
            coq=("WatkinsFreeEnergy.Fplus_has_no_global_min", "WatkinsFreeEnergy.Fplus_infimum_zero_at_vertex",
                 "WatkinsSteps.no_Fplus_orbit_converges_to_golden"),
            records=("results/watkins-audit.json",),
            numbers={"fraction of random starts within 1e-3 of golden": "0.0",
                     "final distance to golden (every init)": "0.46781089901924133"},
        ),
    ),
    Claim(
        id="W10",
        published='The conservation law lambda + kappa + eta = 1 is enforced at every step',
        verdict="not-reproduced",
        reading=("every step of watkins-nn 0.1.1 (WatkinsSimplex.watkins_step and watkins_simplex_step) leaves p on "
                 "the probability simplex (sum 1 and no negative entry, to float tolerance), and "
                 "verify_conservation rejects points off it. Decided by the conservation section and findings W10_* "
                 "of results/watkins-audit.json: the record shows the layer's outputs summing to 1 within 1e-6, but "
                 "the unprojected step leaving the simplex (negative entries) at 94.8% of 1000 random points, a "
                 "zero-gradient step moving the golden point by 0.0959, and verify_conservation accepting "
                 "(1.5, -0.25, -0.25). For comparison, the exact Fisher step conserves the sum identically "
                 "(WatkinsSteps.fisher_step3_conserves_sum). Not reproduced as read: the sum itself is conserved (layer outputs within 1.3e-7 in float32, unprojected steps within 4.5e-13), but positivity is not, and the check that should enforce the law accepts points off the simplex"),
        evidence=Evidence(coq=("WatkinsSteps.fisher_step3_conserves_sum",),
                          records=("results/watkins-audit.json",)),
    ),
    Claim(
        id="W11",
        published="The constants as shipped in the package's releases (0.1.1 and the newest on PyPI) carry the values above",
        verdict="refuted",
        reading=("each constant shipped by watkins-nn 0.1.1 and by the newest release (PHI, T_STAR, T_STAR3, "
                 "LAM_STAR, M_PHI, TAU_GLOBAL) lies inside the certified enclosure of the quantity it names "
                 "(Enclosures.*_enclosure, relative width 1e-15); digit-by-digit agreement and float64 rounding are "
                 "reported beside it. Decided by the constants section and findings W11_* of "
                 "results/watkins-audit.json: the record shows every 0.1.1 constant inside its enclosure (T_STAR3 and "
                 "LAM_STAR one ulp from the correctly rounded float64), while the newest release, 4.0.0, ships "
                 "M_PHI = 4.2104143547 (wrong from the 8th significant digit) and TAU_GLOBAL = 0.23750631547313633 "
                 "(wrong from the 9th), both outside their enclosures. Refuted: the newest release's M_PHI and TAU_GLOBAL are not m(phi) and 1/m(phi) (WatkinsReleases.m_phi_ne_release_4_0_0_value, WatkinsReleases.tau_global_ne_release_4_0_0_value)"),
        evidence=Evidence(
            coq=("WatkinsReleases.m_phi_ne_release_4_0_0_value",
                 "WatkinsReleases.tau_global_ne_release_4_0_0_value",
                 "WatkinsReleases.release_4_0_0_m_phi_error",
                 "WatkinsReleases.release_0_1_1_m_phi_and_tau_in_enclosures",
                 "Enclosures.phi_enclosure", "Enclosures.Tstar_enclosure", "Enclosures.Tstar3_enclosure",
                 "Enclosures.lambda_star_enclosure", "Enclosures.m_phi_enclosure", "Enclosures.tau_global_enclosure"),
            records=("results/watkins-audit.json",),
        ),
        correction='watkins-nn 0.1.1 ships all six constants inside the certified enclosures, each within one ulp of the correctly rounded float64 (WatkinsReleases.release_0_1_1_m_phi_and_tau_in_enclosures, Enclosures.*_enclosure); 4.0.0 is right for PHI, T_STAR, T_STAR3 and LAM_STAR only',
    ),
    Claim(
        id="W12",
        published='GoldenAdam "automatically uses the golden learning rate tau = 1/m(phi) for simplex-like parameters" (and leaves other parameters on Adam\'s rate)',
        verdict="not-reproduced",
        reading=("GoldenAdam(params, lr=1e-3) applies the step size tau exactly to the parameters that are "
                 "probability vectors (non-negative, summing to 1, any shape whose last axis is a distribution) "
                 "and Adam's lr to every other parameter, and a parameter that starts on the simplex stays on it. "
                 "Decided by the golden_adam section and findings W12_* of results/watkins-audit.json: the record "
                 "shows the golden rate given to a zero bias vector and to (5, -5) (not simplex-like) and Adam's "
                 "rate to 2-D simplex rows, and a simplex parameter's sum drifting to 1.2465 in 10 steps. Re-run on CPU with the package's GoldenAdam: not reproduced; the rule it applies is 'one-dimensional with |sum| < 1.1', not 'simplex-like', and it does not keep a simplex parameter on the simplex"),
        evidence=Evidence(records=("results/watkins-audit.json",)),
    ),
    Claim(
        id="W13",
        published='VirelaiXLayer(input_dim, simplex_dim=3) "decomposes input into simplex-weighted chunks" and returns (weights, gated_output) for any input_dim',
        verdict="not-reproduced",
        reading=("for every input_dim >= 1 and inputs of shape (input_dim,), (batch, input_dim) and "
                 "(batch, seq, input_dim), VirelaiXLayer(input_dim, 3) returns (weights, gated_output) with weights "
                 "a distribution over 3 chunks and gated_output built from all input features. Decided by the "
                 "virelaix section and findings W13_* of results/watkins-audit.json: the record shows 3-D inputs "
                 "failing for every input_dim, 1-D inputs failing for input_dim >= 3, an empty gated output for "
                 "input_dim < 3, and trailing features dropped whenever input_dim is not a multiple of 3. Re-run on CPU for input_dim 1..11, 256, 257 and 1-D, 2-D, 3-D inputs: not reproduced"),
        evidence=Evidence(records=("results/watkins-audit.json",)),
    ),
)
