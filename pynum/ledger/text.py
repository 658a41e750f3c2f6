"""The ledger as terminal text: every claim in a few wrapped lines, or one claim in full.

Lines are wrapped to ``width`` columns (the terminal's width on a terminal, ``DEFAULT_WIDTH``
otherwise), continuation lines indented under the text they continue; words longer than a line
(paths, theorem names) are kept whole.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections import Counter
from typing import TextIO

from . import render
from .model import Claim

DEFAULT_WIDTH = 100
MIN_WIDTH = 40
INDENT = " " * 5


def terminal_width(stream: TextIO = sys.stdout) -> int:
    """The width to wrap to: the terminal's columns when ``stream`` is a terminal, else 100."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    width = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns if tty else DEFAULT_WIDTH
    return max(MIN_WIDTH, width)


def wrap(text: str, width: int, first: str = "", rest: str = INDENT) -> list[str]:
    """``text`` wrapped to ``width``, the first line prefixed by ``first``, the others by ``rest``."""
    return textwrap.wrap(
        text, width, initial_indent=first, subsequent_indent=rest, break_long_words=False, break_on_hyphens=False
    ) or [first.rstrip()]


def _field(label: str, text: str, width: int) -> list[str]:
    return wrap(f"{label}: {text}", width, first=INDENT, rest=INDENT + "  ")


def claim_lines(c: Claim, width: int) -> list[str]:
    """One claim as the ledger list shows it: ID, verdict and reading, evidence, correction."""
    out = wrap(render.reading(c) or c.published, width, first=f"{c.id:<4} {c.verdict:<15} ", rest=" " * 21)
    ev = ", ".join(list(c.evidence.coq) + list(c.evidence.checks) + list(c.evidence.records))
    if ev:
        out += _field("evidence", ev, width)
    if c.correction:
        out += _field("correction", render.correction(c), width)
    return out


def ledger_lines(claims: tuple[Claim, ...], width: int) -> list[str]:
    """Every claim, then the tally of verdicts."""
    out = [line for c in claims for line in claim_lines(c, width)]
    tally = Counter(c.verdict for c in claims)
    return out + [", ".join(f"{n} {v}" for v, n in tally.most_common())]


def claim_detail(c: Claim, width: int) -> list[str]:
    """One claim in full: the claim as published, verdict and finding, the reading (and how it
    relates to the published words), correction, the objection considered and its answer, the
    evidence and every number with where it comes from."""
    out = wrap(f"{c.id} {c.verdict}: {c.summary}", width, rest=INDENT)
    out += _field("as published", c.published, width)
    out += _field("finding", c.finding, width)
    scope = (
        ""
        if c.scope == "as-published"
        else f" ({c.scope} than the published words)"
        if c.scope in ("narrower", "wider")
        else " (a precise choice among the published words' senses)"
    )
    out += _field("reading" + scope, render.reading(c), width)
    if c.correction:
        out += _field("correction", render.correction(c), width)
    o = render.objection(c)
    if o:
        out += _field("objection considered", o["raised"], width)
        out += _field("answer", o["answer"], width)
        out += _field("decided by", "; ".join(o["decided_by"]), width)
    ev = c.evidence
    for label, items in (("Coq", ev.coq), ("checks", ev.checks), ("records", ev.records)):
        if items:
            out += _field(label, ", ".join(items), width)
    for n in render.numbers(c).values():
        out += _field(f"number {n['label']}", f"{n['value']}  [{n['kind']}: {n['source']}]", width)
    return out
