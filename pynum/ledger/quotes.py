"""Seed quotes in the ledger's prose, and their verbatim check against a seed text.

A quote of the claim's source is written in double quotes, ``"..."``, in a reading, correction,
finding or objection (single quotes are paraphrase); a seed quote may also stand alone in an
objection's ``decided_by``. The seed texts are third-party documents outside the repository, so the
check takes the text as an argument: the tests pass ``../shared/seeds/<seed>`` when it is present.
Comparison is verbatim up to whitespace (runs of spaces, newlines and no-break spaces are one).
"""

from __future__ import annotations

import re

from .model import SEED_QUOTE, Claim

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """``text`` with every run of whitespace (no-break spaces included) made one space."""
    return _SPACE.sub(" ", text).strip()


def seed_quotes(claim: Claim) -> list[tuple[str, str]]:
    """Every seed quote of the claim as (field, quote), in field order."""
    fields = [("reading", claim.reading), ("correction", claim.correction), ("finding", claim.finding)]
    if claim.objection is not None:
        fields += [("objection.raised", claim.objection.raised), ("objection.answer", claim.objection.answer)]
        fields += [("objection.decided_by", d) for d in claim.objection.decided_by if d.startswith('"')]
    return [(name, q) for name, text in fields for q in SEED_QUOTE.findall(text)]


def missing_quotes(claim: Claim, seed_text: str) -> list[tuple[str, str]]:
    """The claim's seed quotes that do not occur verbatim (up to whitespace) in ``seed_text``."""
    haystack = normalise(seed_text)
    return [(name, q) for name, q in seed_quotes(claim) if normalise(q) not in haystack]
