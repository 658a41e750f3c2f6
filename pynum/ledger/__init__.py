"""The claims ledger: every claim of CLAIMS.md with its verdict, reading and evidence.

One module per source document holds its claims; Lean twins live in ``lean_twins``.
"""
from __future__ import annotations

from .claims_equilibrium import CLAIMS as _E
from .claims_resolvent import CLAIMS as _R
from .claims_sunflowers import CLAIMS as _S
from .claims_vdi import CLAIMS as _V
from .claims_watkins import CLAIMS as _W
from .lean_twins import LEAN_TWINS
from .model import VERDICTS, Claim, Evidence

LEDGER: tuple[Claim, ...] = _W + _S + _E + _R + _V
BY_ID: dict[str, Claim] = {c.id: c for c in LEDGER}

__all__ = ["LEDGER", "BY_ID", "LEAN_TWINS", "VERDICTS", "Claim", "Evidence", "lookup"]


class UnknownClaim(KeyError):
    """Raised for a claim ID that is not in the ledger."""

    def __str__(self) -> str:
        return f"unknown claim {self.args[0]!r}; valid IDs: {', '.join(BY_ID)}"


def lookup(claim_id: str) -> Claim:
    """The ledger entry for ``claim_id`` (case-insensitive)."""
    try:
        return BY_ID[claim_id.upper()]
    except KeyError:
        raise UnknownClaim(claim_id) from None
