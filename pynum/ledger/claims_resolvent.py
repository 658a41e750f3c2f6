"""Claims R1-R4: seeds/003_8262c55e15140847.txt (the phi-resolvent regularizer)."""
from __future__ import annotations

from .model import Claim, Evidence

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="R1",
        published='The damping 1/(1 + phi k^2) keeps low frequencies and damps high ones (between 0 and 1, decreasing in abs(k))',
        verdict="open",
    ),
    Claim(
        id="R2",
        published="The regularizer lambda_reg * mean(abs(x_hat - filtered)^2) penalises only high-frequency energy and is bounded by the signal's energy",
        verdict="open",
    ),
    Claim(
        id="R3",
        published='The published PyTorch sketch is "ready to use"',
        verdict="open",
    ),
    Claim(
        id="R4",
        published='The regularizer cuts training energy by 15-30%',
        verdict="open",
    ),
)
