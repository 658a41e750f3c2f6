"""Citations of certified constants, and the project's citation data that every citation shares."""
from __future__ import annotations

import json
import re

from .registry import COQ_FILE_ENCLOSURES
from pynum.resources import CITATION, MissingData, citation_text

FORMATS = ("text", "bibtex", "cff")
# Fields of CITATION.cff every citation prints (the URL is optional).
REQUIRED_FIELDS = ("title", "version", "authors", "date")


def _cff_authors(text: str) -> list[str]:
    """Display names of the ``authors:`` entries (``name``, or ``given-names family-names``)."""
    block = re.search(r"^authors:\s*\n((?:[ \t]+.*\n?|\s*\n)*)", text, re.M)
    if not block:
        return []
    names = []
    for entry in re.split(r"^\s*-\s*", block.group(1), flags=re.M)[1:]:
        fields = dict(re.findall(r"^\s*([\w-]+):\s*\"?([^\"\n]*?)\"?\s*$", entry, re.M))
        name = fields.get("name") or " ".join(x for x in (fields.get("given-names"), fields.get("family-names")) if x)
        if name:
            names.append(name)
    return names


def project_citation() -> dict[str, str]:
    """Title, version, authors (joined by ' and '), release date and URL from CITATION.cff."""
    text = citation_text()
    out = {"title": "", "version": "", "authors": " and ".join(_cff_authors(text)), "url": "", "date": ""}
    for key, name in (("title", "title"), ("version", "version"), ("url", "repository-code"),
                      ("date", "date-released")):
        m = re.search(rf"^{name}:\s*\"?([^\"\n]+)\"?", text, re.M)
        if m:
            out[key] = m.group(1).strip()
    missing = [k for k in REQUIRED_FIELDS if not out[k]]
    if missing:
        raise MissingData(f"{CITATION} has no {', '.join(missing)}")
    return out


def cite_as(proj: dict[str, str]) -> str:
    parts = [proj["authors"], f"{proj['title']}, version {proj['version']}", proj["date"], proj["url"]]
    return ", ".join(x for x in parts if x) + f" (see {CITATION})"


def bibtex_entry(key: str, title: str, note: str, proj: dict[str, str]) -> str:
    """A @misc entry; the authors are braced so that a collective name is not split."""
    return "\n".join([
        f"@misc{{{key},",
        f"  title   = {{{title}}},",
        f"  author  = {{{{{proj['authors']}}}}},",
        f"  note    = {{{note}}},",
        f"  version = {{{proj['version']}}},",
        f"  year    = {{{proj['date'][:4]}}},",
        *([f"  url     = {{{proj['url']}}},"] if proj["url"] else []),
        "}",
    ])


def _q(text: str) -> str:
    """A YAML double-quoted string (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def cff_document(message: str, title: str, proj: dict[str, str], abstract: str = "") -> str:
    """A CITATION.cff document for one constant or claim, with the project's authors and release."""
    return "\n".join([
        "cff-version: 1.2.0",
        f"message: {_q(message)}",
        f"title: {_q(title)}",
        "authors:",
        *(f"  - name: {_q(a)}" for a in proj["authors"].split(" and ")),
        f"version: {_q(proj['version'])}",
        f"date-released: {_q(proj['date'])}",
        *([f"repository-code: {_q(proj['url'])}"] if proj["url"] else []),
        *([f"abstract: {_q(abstract)}"] if abstract else []),
    ])


def cite_constant(name: str, fmt: str = "text", digits: int = 30) -> str:
    """A citation of the registered constant ``name``: value, certified enclosure, Coq lemma."""
    from . import get

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}")
    c = get(name)
    e = c.enclosure
    proj = project_citation()
    value = c.digits(digits)
    if fmt == "bibtex":
        return bibtex_entry(f"phiclaims_{c.name.lower()}",
                       f"{c.symbol} = {c.definition} = {value}...: certified enclosure [{e.lo}, {e.hi}]",
                       f"Coq lemma {c.theorem} in {COQ_FILE_ENCLOSURES}; claims {', '.join(c.entry.claims)};"
                       f" {proj['title']}", proj)
    if fmt == "cff":
        return cff_document(f"{c.symbol} = {value}... is certified by {c.theorem}", f"{proj['title']}: {c.name} ({c.symbol})",
                    proj, f"{c.symbol} = {c.definition}; Coq proves {e.lo} <= {c.entry.coq_name} <= {e.hi}"
                          f" ({c.theorem}, {COQ_FILE_ENCLOSURES})")
    return "\n".join([
        f"{c.name} ({c.symbol}) = {c.definition}",
        f"  value      {value}...",
        f"  enclosure  {e.lo} <= {c.entry.coq_name} <= {e.hi}",
        f"  theorem    {c.theorem} ({COQ_FILE_ENCLOSURES})",
        f"  claims     {', '.join(c.entry.claims)}",
        f"  cite as    {cite_as(proj)}",
    ])
