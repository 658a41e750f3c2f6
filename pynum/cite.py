"""Citations of certified constants and of claim verdicts."""
from __future__ import annotations

import re
from pathlib import Path

from .registry import COQ_FILE_ENCLOSURES

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("text", "bibtex", "cff")


def project_citation() -> dict[str, str]:
    """Title, version, authors and URL of the project, read from CITATION.cff."""
    path = ROOT / "CITATION.cff"
    out = {"title": "phi-claims", "version": "", "authors": "", "url": "", "date": ""}
    if not path.exists():
        return out
    text = path.read_text()
    for key, field in (("title", "title"), ("version", "version"), ("url", "repository-code"),
                       ("date", "date-released")):
        m = re.search(rf"^{field}:\s*\"?([^\"\n]+)\"?", text, re.M)
        if m:
            out[key] = m.group(1).strip()
    names = re.findall(r"^\s*-?\s*name:\s*\"?([^\"\n]+)\"?", text, re.M)
    out["authors"] = " and ".join(n.strip() for n in names)
    return out


def _cite_as(proj: dict[str, str]) -> str:
    parts = [f"{proj['title']} {proj['version']}".strip(), proj["date"], proj["url"]]
    return ", ".join(x for x in parts if x) + " (see CITATION.cff)"


def cite_constant(name: str, fmt: str = "text", digits: int = 30) -> str:
    """A citation of constant ``name`` (or of a ``certify`` certificate: a path ending in .json)."""
    from .constants import get

    if name.endswith(".json"):
        from .certcoq import cite_certificate

        return cite_certificate(name, fmt)

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}")
    c = get(name)
    e = c.enclosure
    proj = project_citation()
    value = c.digits(digits)
    if fmt == "bibtex":
        key = f"phiclaims_{c.name.lower()}"
        return "\n".join([
            f"@misc{{{key},",
            f"  title  = {{{c.symbol} = {c.definition} = {value}...: certified enclosure"
            f" [{e.lo}, {e.hi}]}},",
            f"  author = {{{proj['authors'] or proj['title']}}},",
            f"  note   = {{Coq lemma {c.theorem} in {COQ_FILE_ENCLOSURES}; claims {', '.join(c.entry.claims)};"
            f" {proj['title']} {proj['version']}}},",
            f"  year   = {{{proj['date'][:4]}}},",
            "}",
        ])
    if fmt == "cff":
        return "\n".join([
            "cff-version: 1.2.0",
            f"message: \"{c.symbol} = {value}... is certified by {c.theorem}\"",
            f"title: \"{proj['title']}: {c.name} ({c.symbol})\"",
            f"version: \"{proj['version']}\"",
            f"abstract: \"{c.symbol} = {c.definition}; Coq proves {e.lo} <= {c.entry.coq_name} <= {e.hi}"
            f" ({c.theorem}, {COQ_FILE_ENCLOSURES})\"",
        ])
    return "\n".join([
        f"{c.name} ({c.symbol}) = {c.definition}",
        f"  value      {value}...",
        f"  enclosure  {e.lo} <= {c.entry.coq_name} <= {e.hi}",
        f"  theorem    {c.theorem} ({COQ_FILE_ENCLOSURES})",
        f"  claims     {', '.join(c.entry.claims)}",
        f"  cite as    {_cite_as(proj)}",
    ])


def cite_claim(claim_id: str, fmt: str = "text") -> str:
    """A citation of a claim's verdict and the theorems or records that back it."""
    from .ledger import lookup as claim_lookup
    from .ledger import render

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}")
    c = claim_lookup(claim_id)
    proj = project_citation()
    ev = c.evidence
    backing = ", ".join(f"Phi.{t}" for t in ev.coq) or ", ".join(ev.records) or "none yet"
    if fmt == "bibtex":
        return "\n".join([
            f"@misc{{phiclaims_{c.id.lower()},",
            f"  title  = {{Claim {c.id}: {c.verdict}}},",
            f"  author = {{{proj['authors'] or proj['title']}}},",
            f"  note   = {{{render.reading(c) or c.published}. Evidence: {backing}}},",
            f"  year   = {{{proj['date'][:4]}}},",
            "}",
        ])
    if fmt == "cff":
        return "\n".join([
            "cff-version: 1.2.0",
            f"message: \"Claim {c.id} is {c.verdict}; evidence: {backing}\"",
            f"title: \"{proj['title']}: claim {c.id}\"",
            f"version: \"{proj['version']}\"",
        ])
    lines = [f"{c.id}: {c.verdict}", f"  published  {c.published}"]
    if c.reading:
        lines.append(f"  reading    {render.reading(c)}")
    if c.correction:
        lines.append(f"  correction {render.correction(c)}")
    lines.append(f"  evidence   {backing}")
    lines.append(f"  cite as    {_cite_as(proj)}")
    return "\n".join(lines)
