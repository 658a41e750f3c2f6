"""Matching literals to the table and judging them: one text at a time, then a whole scan.

A literal (pynum/scan/literals.py) is a candidate for a table entry (pynum/scan/table.py) when
its decimal exponent and first three significant digits are the entry's (or those of the entry
rounded up in the third digit).  It is judged when the evidence rules of pynum/scan/judge.py
hold, and judged against the entry's true value by pynum/constants/verdict.py plus the type,
bound and approximation rules of judge.py.  A literal after ``name <`` (``<=``, ``≤``) is an
upper bound, one before ``< name`` a lower bound, the ends of a narrow ``[lo, hi]`` an
enclosure.  In Python files, single-name assignments computed from literals (``TAU_GLOBAL = 1 /
M_PHI``) are folded in float64 (pynum/scan/fold.py) and their values matched the same way (kind
'computed').  A match on a line carrying ``pynum: ignore`` is suppressed: kept in the record,
counted, never failing.  The record is described in pynum/scan/record.py.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from ..constants.verdict import describe, sig_string
from . import fold as pyfold
from . import judge, table
from .literals import TYPE_NAMES, Literal, find_literals, interval_bounds, parse_decimal, plain_text, prefilter

HINT_WINDOW_BEFORE = 100  # characters of the same line searched for a naming word
HINT_WINDOW_AFTER = 60
_UPPER = re.compile(r"(?P<name>[A-Za-z_)\]}][\w')\]}]*)\s*(?:<=|=<|<|≤|\\leq?)\s*$")  # name <= literal
_LOWER = re.compile(r"^[fFlL]?\s*(?:<=|<|≤|\\leq?)\s*(?P<name>[A-Za-z_(\\][\w(\\]*)")  # literal <= name
_UNEQUAL_BEFORE = re.compile(r"(?:<>|≠|!=|/=|\\neq?|~=)\s*$")  # name <> literal
_UNEQUAL_AFTER = re.compile(r"^[fFlL]?\s*(?:<>|≠|!=|/=|\\neq?|~=)")  # literal <> name
_WORD = re.compile(r"\w+")
# Folding parses the module: only where a name of the golden-ratio family is assigned.
_FOLD_WORTH = re.compile(r"(?im)^[ \t]*(?:\w*(?:phi|golden|_star|tstar|tau_global)\w*|tau)[ \t]*(?::[^=\n]*)?=[^=]")
# The statements folded: those naming the family or computing with math functions, and what they use.
_FOLD_LINE = (
    "phi",
    "PHI",
    "Phi",
    "golden",
    "Golden",
    "GOLDEN",
    "φ",
    "tau",
    "TAU",
    "Tau",
    "star",
    "STAR",
    "sqrt",
    "log",
    "exp",
    "pi",
    "PI",
    "math.",
)
_FOLD_WORDS = ("phi", "PHI", "Phi", "golden", "GOLDEN", "tau", "TAU", "star", "STAR")


class Matcher:
    """A table indexed by (exponent, first 3 digits) and by first 3 digits alone."""

    def __init__(self, quantities: tuple[table.Quantity, ...] = table.TABLE) -> None:
        self.quantities = quantities
        self.by_key: dict[tuple[int, str], list[table.Quantity]] = {}
        self.by_lead: dict[str, list[table.Quantity]] = {}
        self.exp: dict[str, int] = {}
        for q in quantities:
            sig, exp = parse_decimal(table.digits(q.name, 30).lstrip("-"))
            self.exp[q.name] = exp
            up = str(int(sig[:3]) + 1)  # a literal rounded up may carry into digit 3
            up_exp = exp + (len(up) > 3)
            for key in {(exp, sig[:3]), (up_exp, up[:3])}:
                self.by_key.setdefault(key, []).append(q)
                self.by_lead.setdefault(key[1], []).append(q)
        self.chance_k = judge.chance_digits(len(quantities))
        self.prefilter = prefilter(set(self.by_key))

    def agreement(self, q: table.Quantity, sig: str) -> int:
        """Leading digits equal to the true expansion; all of them when only the last, rounded up, differs.

        (A carry through several digits, 2.4000 for 2.39996..., does not count: such a literal
        is more likely a plain 2.4.)
        """
        ref = sig_string(table.digits(q.name, len(sig) + 8))
        k = 0
        for a, b in zip(sig, ref):
            if a != b:
                break
            k += 1
        if k == len(sig) - 1 and str((int(ref[: len(sig) + 1]) + 5) // 10) == sig:  # last digit rounded up
            k = len(sig)
        return k

    def candidates(self, lit: Literal) -> list[table.Quantity]:
        if lit.exp is None:
            return self.by_lead.get(lit.sig[:3], [])
        return self.by_key.get((lit.exp, lit.sig[:3]), [])

    def match(
        self, lit: Literal, window: str, data_file: bool = False, stats: Counter | None = None
    ) -> tuple[table.Quantity, int, str | None, str] | None:
        """(entry, agreeing digits, naming word, evidence) for the best-supported entry, or None."""
        best = None
        near_miss = False
        tokens = None
        for i, q in enumerate(self.candidates(lit)):
            agree = self.agreement(q, lit.sig)
            right = agree == len(lit.sig)
            hint, level = None, None
            if agree < self.chance_k or data_file or not right:
                tokens = tokens or _tokens(window)
                hint, level = _hint(q, window, tokens)
            if judge.needs_evidence(agree, len(lit.sig), right, level, self.chance_k, data_file):
                evidence = level or "digits"
                score = (agree, level == "name", level is not None, -i)
                if best is None or score > best[0]:
                    best = (score, q, agree, hint, evidence)
            elif agree >= judge.MIN_DIGITS:
                near_miss = True
        if best is None:
            if near_miss and stats is not None:
                stats["data file, no name" if data_file else "no name, too few agreeing digits"] += 1
            return None
        return best[1:]


def _tokens(window: str) -> tuple[str, frozenset[str]]:
    """(lower-cased window, its words and their ``_``-separated pieces)."""
    low = window.lower()
    words = _WORD.findall(low)
    return low, frozenset(words).union(*(w.split("_") for w in words if "_" in w))


def _hint(
    q: table.Quantity, window: str, tokens: tuple[str, frozenset[str]] | None = None
) -> tuple[str | None, str | None]:
    """(word, 'name' | 'family') naming ``q`` in ``window`` (a specific word first), or (None, None)."""
    low, words = tokens or _tokens(window)
    for pool, level in ((q.hints, "name"), (q.generic, "family")):
        for h in pool:
            if h in words or (not h.replace("_", "").isalnum() and h in low):
                return h, level
    return None, None


def _plain(lit: Literal, exp: int) -> str:
    """The literal as a plain positional decimal (a digit string placed at the quantity's exponent)."""
    if lit.kind == "digit string":
        sig = lit.sig.ljust(exp + 2, "0")
        return sig[: exp + 1] + "." + sig[exp + 1 :] if exp >= 0 else "0." + "0" * (-exp - 1) + sig
    t = plain_text(lit.text)
    return format(Decimal(t), "f") if "e" in t.lower() else t


def _bound(text: str, lit: Literal, q: table.Quantity, pool: tuple[table.Quantity, ...]) -> str | None:
    """'upper' for ``name <= literal``, 'lower' for ``literal <= name``, 'unequal' for ``name <> literal``.

    An inequality whose other side names another table entry and not ``q`` (``1/ln 2 ~ 1.443 <
    phi``) does not make the literal a bound of ``q``.
    """
    before = text[max(0, lit.offset - 40) : lit.offset]
    end = lit.offset + len(lit.text) + len(lit.suffix)
    after = text[end : end + 40]
    if _UNEQUAL_BEFORE.search(before) or _UNEQUAL_AFTER.search(after):
        return "unequal"
    for kind, m in (("upper", _UPPER.search(before)), ("lower", _LOWER.search(after))):
        if m and _other_side_fits(m.group("name"), q, pool):
            return kind
    return None


def _other_side_fits(name: str, q: table.Quantity, pool: tuple[table.Quantity, ...]) -> bool:
    """Whether the word across an inequality may stand for ``q``: it names ``q``, or no other entry."""
    if _hint(q, name)[0] is not None:
        return True
    for other in pool:
        word, level = _hint(other, name)
        if word is not None and (level == "name" or other.family != q.family):
            return False
    return True


def row(
    m: Matcher,
    q: table.Quantity,
    lit: Literal,
    line: int,
    col: int,
    hint: str | None,
    evidence: str,
    source: str | None,
    bound: str | None,
    line_text: str,
    doctest: bool = False,
) -> dict[str, Any]:
    """One match of the record (fields in pynum/scan/record.py)."""
    plain = _plain(lit, m.exp[q.name])
    ref = table.digits(q.name, len(lit.sig) + 10)
    v, note = judge.verdict(plain, ref, lit, evidence, bound, line_text, doctest)
    value = ref.lstrip("-")
    true_sig = sig_string(value)
    keep = len(lit.sig) + 5
    value = value[: len(value) - len(true_sig) + keep] if len(true_sig) > keep else value
    agree = m.agreement(q, lit.sig)
    return {
        "line": line,
        "col": col,
        "literal": lit.text,
        "kind": lit.kind,
        "source": source,
        "constant": q.name,
        "symbol": q.symbol,
        "value": value,
        "hint": hint,
        "evidence": evidence,
        "chance": judge.chance(agree, len(m.quantities)) if evidence == "digits" else None,
        "type": TYPE_NAMES.get(lit.bits, "decimal") if lit.bits else "decimal",
        "bound": bound,
        **{k: val for k, val in asdict(v).items() if k != "literal"},
        "note": note,
        "summary": describe(v) + (f" ({note})" if note else ""),
        "suppressed": judge.SUPPRESS in line_text,
    }


def scan_text(
    text: str,
    matcher: Matcher,
    python: bool = False,
    lang: str = "code",
    data_file: bool = False,
    stats: Counter | None = None,
) -> list[dict[str, Any]]:
    """Every match in one text, in order of position."""
    rows = []
    line, counted = 1, 0
    for lit in find_literals(text, lang, matcher.prefilter):
        if not matcher.candidates(lit):
            continue
        line_start = text.rfind("\n", 0, lit.offset) + 1
        line_end = text.find("\n", lit.offset)
        line_end = len(text) if line_end < 0 else line_end
        window = text[
            max(line_start, lit.offset - HINT_WINDOW_BEFORE) : min(
                line_end, lit.offset + len(lit.text) + HINT_WINDOW_AFTER
            )
        ]
        found = matcher.match(lit, window, data_file, stats)
        if found:
            if lit.offset < counted:
                line, counted = 1, 0
            line += text.count("\n", counted, lit.offset)
            counted = lit.offset
            q, _, hint, evidence = found
            bound = interval_bounds(text, lit.offset) or _bound(text, lit, q, matcher.quantities)
            rows.append(
                row(
                    matcher,
                    q,
                    lit,
                    line,
                    lit.offset - line_start + 1,
                    hint,
                    evidence,
                    None,
                    bound,
                    text[line_start:line_end],
                    judge.doctest_output(text, line_start),
                )
            )
    if python and any(w in text for w in _FOLD_WORDS) and _FOLD_WORTH.search(text):
        lines = None
        for f in pyfold.fold(text, _FOLD_LINE):
            if f.trivial or f.value == 0:
                continue
            r = repr(abs(f.value))
            sig, exp = parse_decimal(r)
            lit = Literal(0, r, "computed", sig, exp, 53)
            found = matcher.match(lit, f"{f.name} = {f.source}", False, stats)
            if found:
                lines = lines or text.splitlines()
                q, _, hint, evidence = found
                rows.append(
                    row(
                        matcher,
                        q,
                        lit,
                        f.line,
                        f.col,
                        hint,
                        evidence,
                        f.source,
                        None,
                        f"{f.name} = {f.source}" + (lines[f.line - 1] if f.line <= len(lines) else ""),
                    )
                )
    return sorted(rows, key=lambda r: (r["line"], r["col"]))
