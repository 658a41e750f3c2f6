"""Claims V1-V3: seeds/004_ace1ebcb7ed96237.txt (homeostatic crystallization)."""
from __future__ import annotations

from .model import Claim, Evidence

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="V1",
        published='VDI = H/H_max lies in [0, 1], 1 for a uniform (suppressor) head and 0 for a one-hot (amplifier) head',
        verdict="open",
    ),
    Claim(
        id="V2",
        published='On modular arithmetic (p=113) all 5 seeds converge to the same VDI equilibrium, 0.611992, exact to 6 decimals',
        verdict="open",
    ),
    Claim(
        id="V3",
        published='The Le Chatelier compensation score 0.13 +- 0.03 measures homeostatic regulation',
        verdict="open",
    ),
)
