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
        verdict="proved",
        reading=("PHI_LR_SCALE := alpha_phi/(4/100) = 25 (sqrt 5 - 2)/2 exactly, with "
                 "2.950849718747371 <= PHI_LR_SCALE <= 2.950849718747372, so it lies in [2.95, 2.96) and the "
                 "printed '2.95...' is right (the claim is the arithmetic; whether this scale suits Muon's "
                 "MATRIX_LR is not a mathematical statement and is not part of it)"),
        evidence=Evidence(
            coq=("Enclosures.phi_lr_scale_enclosure", "Sunflowers.phi_lr_scale_eq",
                 "Sunflowers.phi_lr_scale_published_digits"),
            checks=("pynum-check:PHI_LR_SCALE",),
        ),
    ),
    Claim(
        id="S5",
        published='The PhiNTA default rank is round(model_dim / phi)',
        verdict="proved",
        reading=("the rank rule r(d) = round(d/phi) is a well-defined integer for every width: d/phi is never a "
                 "half-integer for d != 0 (phi is irrational), so round half up, Int_part(d/phi + 1/2), Python's "
                 "round (half to even) and half away from zero all give the same rank; for the widths that matter "
                 "r(64, 128, 256, 512, 768, 1024) = 40, 79, 158, 316, 475, 633. The proposal's code is not in the "
                 "seed, so what is proved is the stated rule; its own smoke counts (S8) do not fit it at width 64"),
        evidence=Evidence(
            records=("results/torchcheck-cuda.json",),
            
            coq=("Sunflowers.phinta_rank_no_tie", "Sunflowers.phinta_rank_64", "Sunflowers.phinta_rank_128",
                 "Sunflowers.phinta_rank_256", "Sunflowers.phinta_rank_512", "Sunflowers.phinta_rank_768",
                 "Sunflowers.phinta_rank_1024"),
            checks=("layers-ut-phinta",),
            numbers={"64/phi": "39.554175", "128/phi": "79.108351", "256/phi": "158.216701",
                     "512/phi": "316.433402", "768/phi": "474.650103", "1024/phi": "632.866804"},
        ),
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
        verdict="proved",
        reading=("for hidden states h[t] in R^m and any T, a, b: context + patch = h[T-1] - h[0] coordinatewise; "
                 "for non-zero vectors u, v, (u.v)^2 <= |u|^2 |v|^2 (Cauchy-Schwarz), so cos_sim(u, v) lies in "
                 "[-1, 1] and 1 - cos_sim lies in [0, 2], with 0 attained at v = u and 2 at v = -u. The bound "
                 "needs non-zero vectors: the context is exactly the zero vector when the patch spans the whole "
                 "sequence (a = 1, b = T-1), where the cosine is undefined (torch's cosine_similarity returns 0 "
                 "there, loss 1; the project's layer raises an error instead)"),
        evidence=Evidence(
            records=("results/torchcheck-cuda.json",),
            
            coq=("Sunflowers.jepa_context_add_patch", "Sunflowers.cauchy_schwarz_sq", "Sunflowers.cos_sim_range",
                 "Sunflowers.jepa_loss_range", "Sunflowers.jepa_loss_same_eq_0",
                 "Sunflowers.jepa_loss_opposite_eq_2", "Sunflowers.jepa_context_zero_full_patch"),
            checks=("layers-jepa",),
        ),
    ),
    Claim(
        id="S8",
        published='trainable=1664, frozen=4096 gives ratio 0.406',
        verdict="proved",
        reading=("1664/4096 = 13/32 = 0.40625, in [0.4055, 0.4065), so the printed ratio 0.406 is right. The "
                 "counts do not fit the default rank: frozen = 4096 = 64 x 64 is a width-64 basis, and a rank-r "
                 "LoRA pair on width 64 has 2*64*r trainable parameters, which is 1664 exactly at r = 13, while "
                 "the default rank round(64/phi) = 40 would give 5120; the smoke test that printed these counts "
                 "did not run the default rank (if its adapter is that A, B pair)"),
        evidence=Evidence(
            records=("results/torchcheck-cuda.json",),
            
            coq=("Sunflowers.phinta_ratio_eq", "Sunflowers.phinta_ratio_published_digits",
                 "Sunflowers.phinta_counts_rank_13", "Sunflowers.phinta_counts_not_default_rank"),
            checks=("layers-ut-phinta",),
        ),
    ),
    Claim(
        id="S9",
        published="The proposal's Coq file has 2 Qed and 2 Admitted (the project's own Coq development has none admitted)",
        verdict="not-checkable",
        reading=("the proposal's theorems/GoldenSunflowers.v is not part of the published text (the page only "
                 "reports its counts, once as '2 Qed' in smoke.log and once as '2 Qed + 2 Admitted'), so its "
                 "count cannot be recounted. What can be checked is done: the identities the page names as its "
                 "Qed results, alpha_phi * phi^3 = 1/2 and phi^2 + phi^-2 = 3, are proved here with no admitted "
                 "step, and the parenthetical holds: the make prove audit (pynum audit, build/proofs.json) counts "
                 "0 admitted proofs, no Axiom/Parameter/Conjecture in coq/, and only whitelisted axioms behind "
                 "every named theorem"),
        evidence=Evidence(
            coq=("AlphaPhi.alpha_phi_mul_phi_cube", "PhiBasics.phi_sq_add_inv_phi_sq_eq_3"),
            numbers={"admitted_count (make prove audit)": "0"},
        ),
    ),
)
