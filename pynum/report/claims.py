"""What the report's first screen says about each claim, read from the ledger: the claim in a
few words (``summary``) and the finding in one sentence (``finding``)."""

from __future__ import annotations

from pynum.ledger import SOURCES, Source

# The claim in a few words and the one-sentence finding are ledger fields (``summary``, ``finding``).
SHORT: dict[str, str] = {c.id: c.summary for s in SOURCES for c in s.claims}
FINDING: dict[str, str] = {c.id: c.finding for s in SOURCES for c in s.claims}


def sources() -> tuple[Source, ...]:
    """The ledger's source documents (key, seed file, title, claims), in ledger order."""
    return SOURCES
