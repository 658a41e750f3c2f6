"""Citations of certified constants, and the project's citation data that every citation shares.

Every citation comes in three formats: plain text, a BibTeX ``@misc`` entry whose text fields are
escaped for LaTeX (``latex_escape``), and a CITATION.cff 1.2.0 document. Each carries the
project's authors, title, version and release date from ``CITATION.cff`` and, when that file names
one, the repository's address (its ``repository-code``).
"""

from __future__ import annotations

import json
import re

from pynum.resources import CITATION, MissingData, citation_text

from .registry import COQ_FILE_ENCLOSURES

FORMATS = ("text", "bibtex", "cff")
# Fields of CITATION.cff every citation prints (the URL is optional).
REQUIRED_FIELDS = ("title", "version", "authors", "date")

# LaTeX text-mode spellings of the characters TeX or BibTeX would read as markup. Braces become
# \textbrace... rather than \{ and \}: BibTeX counts every brace, escaped or not.
_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "_": r"\_",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "$": r"\$",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
}
# Characters LaTeX's UTF-8 input does not set up in text: as math, super- and subscripts, punctuation.
_MATH = dict(
    zip(
        "αβγδεζηθικλμνξπρστυφχψωΓΔΘΛΞΠΣΦΨΩ≤≥≠≈−×·‖∞→∈∑√±∂∇∀∃⟨⟩",
        (
            r"\alpha \beta \gamma \delta \epsilon \zeta \eta \theta \iota \kappa \lambda \mu \nu \xi \pi \rho \sigma "
            r"\tau \upsilon \varphi \chi \psi \omega \Gamma \Delta \Theta \Lambda \Xi \Pi \Sigma \Phi \Psi \Omega "
            r"\le \ge \ne \approx - \times \cdot \| \infty \to \in \sum \surd \pm \partial \nabla \forall \exists "
            r"\langle \rangle"
        ).split(),
        strict=True,
    )
)
_LATEX |= {u: rf"\ensuremath{{{m}}}" for u, m in _MATH.items()}
_LATEX |= {u: rf"\textsuperscript{{{c}}}" for u, c in zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻ᵀ", "0123456789-T", strict=True)}
_LATEX |= {u: rf"\textsubscript{{{c}}}" for u, c in zip("₀₁₂₃₄₅₆₇₈₉", "0123456789", strict=True)}
_LATEX |= dict(
    zip(
        "–—…‘’“”",
        (
            r"\textendash{} \textemdash{} \dots{} \textquoteleft{} \textquoteright{} "
            r"\textquotedblleft{} \textquotedblright{}"
        ).split(),
        strict=True,
    )
)
# Character pairs TeX's fonts join into another glyph (dashes, quotes, inverted marks).
_LIGATURES = ("--", "``", "''", "!`", "?`", ",,")
# CITATION.cff author fields a citation uses: an entity's name, or a person's names.
_AUTHOR_FIELDS = ("name", "given-names", "family-names")


def latex_escape(text: str) -> str:
    """``text`` as LaTeX text-mode source that typesets as ``text``: every character TeX or BibTeX
    reads as markup is spelled as a command, ligatures are broken with ``{}``, and whitespace runs
    become one space (a blank line would end a paragraph, and BibTeX a field)."""
    flat = " ".join(text.split())
    out = []
    for i, ch in enumerate(flat):
        out.append(_LATEX.get(ch, ch))
        if flat[i : i + 2] in _LIGATURES:
            out.append("{}")
    return "".join(out)


def project_authors() -> list[dict[str, str]]:
    """The ``authors:`` entries of CITATION.cff, each with its ``name`` (an entity) or its
    ``given-names`` and ``family-names`` (a person)."""
    text = citation_text()
    block = re.search(r"^authors:\s*\n((?:[ \t]+.*\n?|\s*\n)*)", text, re.M)
    authors = []
    for entry in re.split(r"^\s*-\s*", block.group(1), flags=re.M)[1:] if block else []:
        fields = dict(re.findall(r"^\s*([\w-]+):\s*\"?([^\"\n]*?)\"?\s*$", entry, re.M))
        author = {k: fields[k] for k in _AUTHOR_FIELDS if fields.get(k)}
        if author:
            authors.append(author)
    return authors


def _display_name(author: dict[str, str]) -> str:
    return author.get("name") or " ".join(author[k] for k in ("given-names", "family-names") if k in author)


def project_citation() -> dict[str, str]:
    """Title, version, authors (joined by ' and '), release date and URL from CITATION.cff."""
    text = citation_text()
    out = {
        "title": "",
        "version": "",
        "authors": " and ".join(map(_display_name, project_authors())),
        "url": "",
        "date": "",
    }
    for key, name in (
        ("title", "title"),
        ("version", "version"),
        ("url", "repository-code"),
        ("date", "date-released"),
    ):
        m = re.search(rf"^{name}:\s*\"?([^\"\n]+)\"?", text, re.M)
        if m:
            out[key] = m.group(1).strip()
    missing = [k for k in REQUIRED_FIELDS if not out[k]]
    if missing:
        raise MissingData(f"{CITATION} has no {', '.join(missing)}")
    return out


def cite_as(proj: dict[str, str]) -> str:
    """The project as one line: authors, title, version, release date and URL."""
    parts = [proj["authors"], f"{proj['title']}, version {proj['version']}", proj["date"], proj["url"]]
    return ", ".join(x for x in parts if x) + f" (see {CITATION})"


def _bibtex_author(author: dict[str, str]) -> str:
    """One BibTeX name: an entity braced whole (else BibTeX splits it into first and last names),
    a person as ``Family, Given``."""
    if "name" in author:
        return "{" + latex_escape(author["name"]) + "}"
    return ", ".join(latex_escape(author[k]) for k in ("family-names", "given-names") if k in author)


def bibtex_entry(key: str, title: str, note: str, proj: dict[str, str], extra: dict[str, str] | None = None) -> str:
    """A ``@misc`` entry. ``title``, ``note`` and the ``extra`` fields are plain text, escaped here
    for LaTeX; the title is braced whole so that styles keep its case (symbols such as T*)."""
    fields = [
        ("title", "{" + latex_escape(title) + "}"),
        ("author", " and ".join(map(_bibtex_author, project_authors()))),
        ("howpublished", latex_escape(proj["title"])),
        ("note", latex_escape(note)),
        *((k, latex_escape(v)) for k, v in (extra or {}).items()),
        ("version", latex_escape(proj["version"])),
        ("year", proj["date"][:4]),
        *([("url", proj["url"])] if proj["url"] else []),
    ]
    width = max(len(k) for k, _ in fields)
    return "\n".join([f"@misc{{{key},", *(f"  {k:<{width}} = {{{v}}}," for k, v in fields), "}"])


def _q(text: str) -> str:
    """A YAML double-quoted string (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def cff_document(message: str, title: str, proj: dict[str, str], abstract: str = "") -> str:
    """A CITATION.cff 1.2.0 document for one constant, claim or certificate, with the project's
    authors, version, release date and repository."""
    authors = []
    for author in project_authors():
        items = [f"{k}: {_q(v)}" for k, v in author.items()]
        authors += [f"  - {items[0]}", *(f"    {x}" for x in items[1:])]
    return "\n".join(
        [
            "cff-version: 1.2.0",
            f"message: {_q(message)}",
            f"title: {_q(title)}",
            "authors:",
            *authors,
            f"version: {_q(proj['version'])}",
            f"date-released: {_q(proj['date'])}",
            *([f"repository-code: {_q(proj['url'])}"] if proj["url"] else []),
            *([f"abstract: {_q(abstract)}"] if abstract else []),
        ]
    )


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
        return bibtex_entry(
            f"phiclaims_{c.name.lower()}",
            f"{c.symbol} = {c.definition} = {value}...: certified enclosure [{e.lo}, {e.hi}]",
            f"Coq proves {e.lo} <= {c.entry.coq_name} <= {e.hi} ({c.theorem} in {COQ_FILE_ENCLOSURES}"
            + "".join(f"; claims {', '.join(c.entry.claims)}" for _ in c.entry.claims[:1])
            + ").",
            proj,
        )
    if fmt == "cff":
        return cff_document(
            f"{c.symbol} = {value}... is certified by {c.theorem}",
            f"{proj['title']}: {c.name} ({c.symbol})",
            proj,
            f"{c.symbol} = {c.definition}; Coq proves {e.lo} <= {c.entry.coq_name} <= {e.hi}"
            f" ({c.theorem}, {COQ_FILE_ENCLOSURES})",
        )
    return "\n".join(
        [
            f"{c.name} ({c.symbol}) = {c.definition}",
            f"  value      {value}...",
            f"  enclosure  {e.lo} <= {c.entry.coq_name} <= {e.hi}",
            f"  theorem    {c.theorem} ({COQ_FILE_ENCLOSURES})",
            f"  claims     {', '.join(c.entry.claims)}",
            f"  cite as    {cite_as(proj)}",
        ]
    )
