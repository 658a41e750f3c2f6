"""Claims S1-S9: seeds/001_88fd0dca4c8e1ec9.txt (the GOLDEN SUNFLOWERS proposal)."""
from __future__ import annotations

from .model import Claim, Evidence

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="S1",
        published='phi^2 + phi^-2 = 3',
        verdict="proved",
        reading="for phi = (1 + sqrt 5)/2 in R: phi^2 + 1/phi^2 = 3 exactly",
        evidence=Evidence(coq=("PhiBasics.phi_sq_add_inv_phi_sq_eq_3",)),
    ),
    Claim(
        id="S2",
        published='alpha_phi = phi^-3 / 2 = 0.118034..., and alpha_phi * phi^3 = 1/2',
        verdict="proved",
        reading=("alpha_phi := phi^-3/2 equals (sqrt 5 - 2)/2, alpha_phi * phi^3 = 1/2 exactly, and "
                 "0.1180339887498948 <= alpha_phi <= 0.1180339887498949 (30-digit enclosure too); "
                 "the printed 0.118034 is correctly rounded to 6 significant digits"),
        evidence=Evidence(
            coq=("AlphaPhi.alpha_phi_eq", "AlphaPhi.alpha_phi_mul_phi_cube", "PhiBasics.inv_phi_cube_eq",
                 "Enclosures.alpha_phi_enclosure", "Enclosures.alpha_phi_enclosure_30_digits"),
            checks=("pynum-check:ALPHA_PHI",),
        ),
    ),
    Claim(
        id="S3",
        published='round(phi^3) = 4 (the Universal-Transformer loop count)',
        verdict="proved",
        reading=("phi^3 = 2 + sqrt 5 and 3.5 <= phi^3 < 4.5, so round-half-up of phi^3, "
                 "Int_part(phi^3 + 1/2), is 4"),
        evidence=Evidence(coq=("PhiBasics.phi_cube_eq", "PhiBasics.phi_cube_round_bounds",
                               "PhiBasics.phi_cube_round_eq_4")),
    ),
    Claim(
        id="S4",
        published='PHI_LR_SCALE = alpha_phi / 0.04 = 2.95...',
        verdict="open",
    ),
    Claim(
        id="S5",
        published='The PhiNTA default rank is round(model_dim / phi)',
        verdict="open",
    ),
    Claim(
        id="S6",
        published='The Fibonacci seeds F_17..F_21 are 1597, 2584, 4181, 6765, 10946',
        verdict="proved",
        reading=("with F 0 = 0, F 1 = 1, F (n+2) = F (n+1) + F n: F 17..F 21 = 1597, 2584, 4181, 6765, "
                 "10946 (and phi^n = F(n) phi + F(n-1) for n >= 1)"),
        evidence=Evidence(coq=("Fibonacci.fib_17_to_21", "Fibonacci.phi_pow_fib", "Fibonacci.lucas_identity")),
    ),
    Claim(
        id="S7",
        published='context + patch = h[T-1] - h[0] for context = (h[a-1]-h[0]) + (h[T-1]-h[b]) and patch = h[b]-h[a-1]; the loss 1 - cos_sim(context, patch) lies in [0, 2]',
        verdict="open",
    ),
    Claim(
        id="S8",
        published='trainable=1664, frozen=4096 gives ratio 0.406',
        verdict="open",
    ),
    Claim(
        id="S9",
        published="The proposal's Coq file has 2 Qed and 2 Admitted (the project's own Coq development has none admitted)",
        verdict="open",
    ),
)
