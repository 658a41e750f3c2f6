"""The claims ledger: every claim with its verdict, precise reading and evidence.

The content is data (``pynum/ledger/*.toml``, one file per source document, indexed by
``ledger.toml``); ``model`` is its schema, ``loader`` reads and validates it, ``render``
resolves its numbers. Lean twins are part of each claim's evidence.
"""

from __future__ import annotations

from . import render
from .loader import load, verdict_rules
from .model import VERDICTS, Claim, Evidence, LedgerError, Number, Objection, Source


def __getattr__(name: str):
    """``SOURCES``, ``LEDGER``, ``BY_ID``, ``LEAN_TWINS``: loaded and validated on first use (so
    ``pynum.ledger.loader`` can read the raw data, e.g. to pin a newly cited theorem)."""
    if name == "SOURCES":
        return load()
    if name == "LEDGER":
        return tuple(c for s in load() for c in s.claims)
    if name == "BY_ID":
        return {c.id: c for s in load() for c in s.claims}
    if name == "LEAN_TWINS":
        return {c.id: c.evidence.lean for s in load() for c in s.claims if c.evidence.lean}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "LEDGER",
    "BY_ID",
    "SOURCES",
    "LEAN_TWINS",
    "VERDICTS",
    "Claim",
    "Evidence",
    "Number",
    "Objection",
    "Source",
    "LedgerError",
    "lookup",
    "claims_citing_check",
    "render",
    "verdict_rules",
]


class UnknownClaim(KeyError):
    """Raised for a claim ID that is not in the ledger."""

    def __str__(self) -> str:
        return f"unknown claim {self.args[0]!r}; valid IDs: {', '.join(__getattr__('BY_ID'))}"


def lookup(claim_id: str) -> Claim:
    """The ledger entry for ``claim_id`` (case-insensitive)."""
    try:
        return __getattr__("BY_ID")[claim_id.upper()]
    except KeyError:
        raise UnknownClaim(claim_id) from None


def claims_citing_check(check_id: str) -> tuple[str, ...]:
    """The IDs of the claims whose evidence names the check, in ledger order."""
    return tuple(c.id for s in load() for c in s.claims if check_id in c.evidence.checks)
