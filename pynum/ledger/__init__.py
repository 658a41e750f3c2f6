"""The claims ledger: every claim with its verdict, precise reading and evidence.

The content is data (``pynum/ledger/*.toml``, one file per source document, indexed by
``ledger.toml``); ``model`` is its schema, ``loader`` reads and validates it, ``render``
resolves its numbers. Lean twins are part of each claim's evidence.
"""
from __future__ import annotations

from . import render
from .loader import load, verdict_rules
from .model import VERDICTS, Claim, Evidence, LedgerError, Number, Source

SOURCES: tuple[Source, ...] = load()
LEDGER: tuple[Claim, ...] = tuple(c for s in SOURCES for c in s.claims)
BY_ID: dict[str, Claim] = {c.id: c for c in LEDGER}
LEAN_TWINS: dict[str, tuple[tuple[str, str], ...]] = {c.id: c.evidence.lean for c in LEDGER if c.evidence.lean}

__all__ = ["LEDGER", "BY_ID", "SOURCES", "LEAN_TWINS", "VERDICTS", "Claim", "Evidence", "Number", "Source",
           "LedgerError", "lookup", "claims_citing_check", "render", "verdict_rules"]


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


def claims_citing_check(check_id: str) -> tuple[str, ...]:
    """The IDs of the claims whose evidence names the check, in ledger order."""
    return tuple(c.id for c in LEDGER if check_id in c.evidence.checks)
