"""Claims S1-S9: seeds/001_88fd0dca4c8e1ec9.txt (the GOLDEN SUNFLOWERS proposal)."""
from __future__ import annotations

from .model import Claim, Evidence

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="S1",
        published='phi^2 + phi^-2 = 3',
        verdict="open",
    ),
    Claim(
        id="S2",
        published='alpha_phi = phi^-3 / 2 = 0.118034..., and alpha_phi * phi^3 = 1/2',
        verdict="open",
    ),
    Claim(
        id="S3",
        published='round(phi^3) = 4 (the Universal-Transformer loop count)',
        verdict="open",
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
        verdict="open",
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
