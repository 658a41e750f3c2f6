"""The shape of a claims-ledger entry."""
from __future__ import annotations

from dataclasses import dataclass, field

VERDICTS = ("proved", "refuted", "reproduced", "not-reproduced", "not-checkable", "open")


@dataclass(frozen=True)
class Evidence:
    """What backs a verdict.

    coq:     Coq theorems as ``File.name`` (logical path ``Phi.File.name``), all audited by
             ``make prove``.
    checks:  numeric or torch check IDs (``pynum check`` constants, ``torchcheck`` checks).
    records: committed JSON result files (paths relative to the repository root).
    numbers: measured or computed numbers worth quoting, as strings.
    """

    coq: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()
    records: tuple[str, ...] = ()
    numbers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Claim:
    """One claim of CLAIMS.md with its verdict.

    ``reading`` is the precise statement that was proved or refuted; ``correction`` names the
    nearest true statement (and its theorem) when the claim is refuted as published.
    """

    id: str
    published: str
    verdict: str
    reading: str = ""
    evidence: Evidence = field(default_factory=Evidence)
    correction: str = ""

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"{self.id}: verdict {self.verdict!r} not in {VERDICTS}")
        if self.verdict in ("proved", "refuted") and not self.evidence.coq:
            raise ValueError(f"{self.id}: a {self.verdict} claim needs a Coq theorem")
        if self.verdict in ("reproduced", "not-reproduced") and not self.evidence.records:
            raise ValueError(f"{self.id}: an empirical verdict needs a committed result record")
        if self.verdict == "refuted" and not self.correction:
            raise ValueError(f"{self.id}: a refuted claim names the nearest true statement")
