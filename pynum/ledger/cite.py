"""Citations of claim verdicts: the verdict, the published words and all the evidence behind it.

The evidence is the claim's ledger data (``Evidence``): its Coq theorems, its checks (the numeric
cross-check of a constant, ``pynum-check:NAME``, or a torch check, with the device and record of
its result) and its committed records (``results/*.json``), listed whole in every format.
"""

from __future__ import annotations

from dataclasses import dataclass

from pynum.constants.cite import FORMATS, bibtex_entry, cff_document, cite_as, project_citation

from . import lookup as claim_lookup
from . import render
from .model import Claim

PYNUM_CHECK = "pynum-check:"


@dataclass(frozen=True)
class EvidenceList:
    """A claim's evidence as printed.

    theorems: the Coq theorems by logical path (``Phi.File.name``);
    checks:   each check with what runs it and, for a torch check, the device and record that hold
              its result (or that none of the claim's records does);
    records:  the committed records, each with the device it names (if any).
    """

    theorems: tuple[str, ...]
    checks: tuple[str, ...]
    records: tuple[str, ...]

    def parts(self) -> list[tuple[str, tuple[str, ...]]]:
        """(label, items) for each kind of evidence the claim has."""
        return [
            (k, v) for k, v in (("theorems", self.theorems), ("checks", self.checks), ("records", self.records)) if v
        ]

    def sentence(self) -> str:
        """All of it on one line: ``theorems: a, b; checks: c; records: d``, or ``none yet``."""
        return "; ".join(f"{k}: {', '.join(v)}" for k, v in self.parts()) or "none yet"


def _device(record: str) -> str:
    """The device a committed record names at its top level, else ''."""
    doc = render.read_record(record)
    return doc["device"] if isinstance(doc, dict) and isinstance(doc.get("device"), str) else ""


def _check_result(check: str, records: tuple[str, ...]) -> str:
    """Where the torch check ``check``'s result is recorded among ``records``, and whether it passed."""
    for record in records:
        doc = render.read_record(record)
        results = doc.get("results") if isinstance(doc, dict) else None
        for r in results if isinstance(results, list) else []:
            if isinstance(r, dict) and r.get("id") == check:
                outcome = "passed" if r.get("passed") else "FAILED"
                on = f" on {_device(record)}" if _device(record) else ""
                return f"{outcome}{on}, {record}"
    return "no result in the claim's records"


def evidence(claim: Claim) -> EvidenceList:
    """Every theorem, check and record the ledger lists for ``claim``."""
    ev = claim.evidence
    checks = tuple(
        f"pynum check {c.removeprefix(PYNUM_CHECK)} (numeric cross-check)"
        if c.startswith(PYNUM_CHECK)
        else f"torchcheck {c} ({_check_result(c, ev.records)})"
        for c in ev.checks
    )
    records = tuple(f"{r} ({_device(r)})" if _device(r) else r for r in ev.records)
    return EvidenceList(tuple(f"Phi.{t}" for t in ev.coq), checks, records)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def cite_claim(claim_id: str, fmt: str = "text") -> str:
    """A citation of a claim's verdict and every theorem, check and record that backs it."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}")
    c = claim_lookup(claim_id)
    proj = project_citation()
    ev = evidence(c)
    what = c.summary or c.published
    finding = _sentence(c.finding or f"Claim {c.id} is {c.verdict}")
    if fmt == "bibtex":
        return bibtex_entry(
            f"phiclaims_{c.id.lower()}",
            f"Claim {c.id}, {what}: {c.verdict}",
            finding,
            proj,
            {"evidence": ev.sentence()},
        )
    if fmt == "cff":
        return cff_document(
            f"If you cite the verdict on claim {c.id} ({c.verdict}), cite this project and "
            "the evidence listed in the abstract.",
            f"{proj['title']}: claim {c.id}",
            proj,
            f"{finding} Evidence: {ev.sentence()}.",
        )
    lines = [f"{c.id}: {c.verdict}", f"  published  {c.published}"]
    if c.reading:
        lines.append(f"  reading    {render.reading(c)}")
    if c.correction:
        lines.append(f"  correction {render.correction(c)}")
    for label, items in ev.parts() or [("evidence", ("none yet",))]:
        lines += [f"  {label:<10} {items[0]}", *(f"  {'':<10} {x}" for x in items[1:])]
    lines.append(f"  cite as    {cite_as(proj)}")
    return "\n".join(lines)
