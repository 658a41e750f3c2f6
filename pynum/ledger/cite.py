"""Citations of claim verdicts: the verdict, the published words and the evidence behind it."""
from __future__ import annotations

from pynum.constants.cite import FORMATS, bibtex_entry, cff_document, cite_as, project_citation

from . import lookup as claim_lookup
from . import render


def cite_claim(claim_id: str, fmt: str = "text") -> str:
    """A citation of a claim's verdict and the theorems or records that back it."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}")
    c = claim_lookup(claim_id)
    proj = project_citation()
    ev = c.evidence
    backing = ", ".join(f"Phi.{t}" for t in ev.coq) or ", ".join(ev.records) or "none yet"
    if fmt == "bibtex":
        return bibtex_entry(f"phiclaims_{c.id.lower()}", f"Claim {c.id}: {c.verdict}",
                       f"{render.reading(c) or c.published}. Evidence: {backing}", proj)
    if fmt == "cff":
        return cff_document(f"Claim {c.id} is {c.verdict}; evidence: {backing}", f"{proj['title']}: claim {c.id}", proj)
    lines = [f"{c.id}: {c.verdict}", f"  published  {c.published}"]
    if c.reading:
        lines.append(f"  reading    {render.reading(c)}")
    if c.correction:
        lines.append(f"  correction {render.correction(c)}")
    lines.append(f"  evidence   {backing}")
    lines.append(f"  cite as    {cite_as(proj)}")
    return "\n".join(lines)
