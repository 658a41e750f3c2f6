"""Decimal literals in text and code, with the precision of the type each one is read as.

Syntaxes: ``1.618``, ``.618``, ``1.618e0``; digit separators ``3.141_592`` (Python, Julia, JS);
suffixes ``f``/``F`` (float32 in C, C++, GLSL), ``lf`` (GLSL double), ``l``/``L`` (C long
double); Julia's Float32 exponent ``1.618f0``; Fortran's ``d0`` (double), ``q0`` (quad), ``e0``
(default real) and kind suffixes ``_8``, ``_dp``, ``_16``, ``_qp``, ``_real128`` ...; and long
digit strings in quotes (``"16180339887498948482..."``).

``bits`` is the binary precision of the literal's type, None for a decimal read as written
(text, LaTeX, a number in quotes such as ``mpf('3.14159...')``, a digit string): a literal with
more digits than its type holds is judged by the value the type keeps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import NamedTuple

MIN_SIGNIFICANT = 3  # shorter literals are never matched
FLOAT32, FLOAT64, X87, QUAD = 24, 53, 64, 113
TYPE_NAMES = {FLOAT32: "float32", FLOAT64: "float64", X87: "x87 long double", QUAD: "quad"}

FORTRAN = frozenset(".f .for .f77 .f90 .f95 .f03 .f08 .ftn .fpp .pf".split())
SHADER = frozenset(".glsl .vert .frag .comp .geom .tesc .tese .vs .fs .hlsl .fx .cg .metal .wgsl .shader".split())
DECIMAL_TEXT = frozenset(
    ".txt .md .markdown .rst .tex .bib .html .htm .xml .svg .csv .tsv .dat .data .arff "
    ".ipynb .m .mac .mpl .gp .sage .nb .wl".split()
)
_PIECE = r"\d+(?:_\d+)*"
_GENERAL = re.compile(
    rf"(?<![\w.])(?P<num>{_PIECE}\.{_PIECE}|\.{_PIECE})(?P<exp>[eE][-+]?{_PIECE}|[fF][-+]?\d+)?"
    r"(?P<suf>[lL][fF]|[fFlL])?(?!\w|\.\d)"
)
_FORTRAN = re.compile(r"(?<![\w.])(?P<num>\d+\.\d+|\.\d+)(?P<exp>[eEdDqQ][-+]?\d+)?(?P<suf>_\w+)?(?!\w|\.\d)")
_DOT = re.compile(r"\.\d")  # every decimal literal has one; a literal prefix keeps the search fast
_QUOTED = tuple(re.compile(rf"{q}(\d{{10,}}){q}") for q in "\"'`")
_INT_CHARS = frozenset("0123456789_")
_KIND_BITS = {
    "4": FLOAT32,
    "sp": FLOAT32,
    "real32": FLOAT32,
    "r4": FLOAT32,
    "8": FLOAT64,
    "dp": FLOAT64,
    "real64": FLOAT64,
    "r8": FLOAT64,
    "double": FLOAT64,
    "10": X87,
    "16": QUAD,
    "qp": QUAD,
    "real128": QUAD,
    "r16": QUAD,
    "quad": QUAD,
}


class Literal(NamedTuple):
    """A number found in a text.

    offset: where its digits start; text: the number as printed (no sign, suffix or exponent
    letter other than ``e``: ``1.5d0`` is kept as ``1.5d0``); kind: 'decimal' or 'digit string';
    sig: its significant digits; exp: decimal exponent of the leading digit (None for a digit
    string); bits: the binary precision of its type (None: decimal as written); suffix: the type
    suffix as printed ('' when none)."""

    offset: int
    text: str
    kind: str
    sig: str
    exp: int | None
    bits: int | None = None
    suffix: str = ""


def language(path: str) -> str:
    """'fortran', 'shader', 'text' or 'code' for a file name."""
    suffix = PurePath(path).suffix.lower()
    if suffix in FORTRAN:
        return "fortran"
    if suffix in SHADER:
        return "shader"
    if suffix in DECIMAL_TEXT or suffix == "" or not suffix[1:].isalnum():
        return "text"
    return "code"


def parse_decimal(text: str) -> tuple[str, int]:
    """(significant digits, decimal exponent of the first) of a literal (``_`` and d/q/f exponents allowed)."""
    t = text.replace("_", "").lower()
    for letter in "dqf":
        t = t.replace(letter, "e")
    mant, _, e = t.partition("e")
    ip, _, fp = mant.partition(".")
    digits = ip + fp
    lead = len(digits) - len(digits.lstrip("0"))
    return digits[lead:], len(ip) - lead - 1 + (int(e) if e else 0)


def plain_text(text: str) -> str:
    """The literal in Python's decimal syntax: separators dropped, d/q/f exponent written as e."""
    t = text.replace("_", "")
    return re.sub(r"[dDqQfF]", "e", t)


def _bits(lang: str, exp_letter: str, suffix: str, quoted: bool) -> int | None:
    if quoted or lang == "text":
        return None
    s = suffix.lower()
    if lang == "fortran":
        if s:
            return _KIND_BITS.get(s[1:], QUAD)  # an unknown kind (_wp): judged at quad precision
        return {"d": FLOAT64, "q": QUAD}.get(exp_letter.lower(), FLOAT32)
    if exp_letter in "fF" and exp_letter:
        return FLOAT32  # Julia's 1.5f0
    if s == "lf":
        return FLOAT64
    if s == "f":
        return FLOAT32
    if s == "l":
        return X87
    return FLOAT32 if lang == "shader" else FLOAT64


@dataclass(frozen=True)
class Prefilter:
    """What finds only literals whose leading digits may match a table entry.

    after_dot: ``.`` followed by the digits a literal of exponent <= 0 (or a mantissa ``d.dd``
    with an exponent) shows after its point; integer: the integer parts (with their point) of
    literals of exponent >= 1, searched as plain strings; leads: the first three significant
    digits of every entry."""

    after_dot: re.Pattern[str]
    integer: tuple[str, ...]
    leads: frozenset[str]


def _trie(words: set[str]) -> str:
    """A regular expression matching any of ``words`` (digit strings), nested by first character."""
    if "" in words:
        rest = _trie(words - {""})
        return f"(?:{rest})?" if rest else ""
    groups: dict[str, set[str]] = {}
    for w in words:
        groups.setdefault(w[0], set()).add(w[1:])
    alts = [c + _trie(tails) for c, tails in sorted(groups.items())]
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def prefilter(keys: set[tuple[int, str]]) -> Prefilter:
    """The Prefilter of a table indexed by (decimal exponent, first three significant digits).

    At each point the digit before it selects the two digits that must follow (``3.14``; also
    the mantissa of ``1.745e-2``); after ``0.`` or a bare point, the zeros and three digits of a
    literal below 1 (``0.0174``, ``.618``)."""
    mantissa: dict[str, set[str]] = {}
    fraction, integer = set(), set()
    for exp, lead in keys:
        mantissa.setdefault(lead[0], set()).add(lead[1:])
        if exp < 0:
            fraction.add("0" * (-exp - 1) + lead)
        elif exp >= 1:
            integer.add(lead[: exp + 1] + "." if exp < 3 else lead)
    alts = [rf"(?<={d}\.){_trie(tails)}" for d, tails in sorted(mantissa.items())]
    if fraction:
        alts.append(rf"(?<![1-9]\.){_trie(fraction)}")
    return Prefilter(
        re.compile(r"\.(?:" + "|".join(alts) + ")"), tuple(sorted(integer)), frozenset(lead for _, lead in keys)
    )


def _dots(text: str, pre: Prefilter | None) -> list[int]:
    if pre is None:
        return [m.start() for m in _DOT.finditer(text)]
    dots = {m.start() for m in pre.after_dot.finditer(text)}
    for head in pre.integer:
        i = text.find(head)
        while i >= 0:
            dot = text.find(".", i)
            if dot >= 0:
                dots.add(dot)
            i = text.find(head, i + 1)
    return sorted(dots)


def find_literals(text: str, lang: str = "code", pre: Prefilter | None = None) -> Iterator[Literal]:
    """Decimal literals and quoted digit strings with at least MIN_SIGNIFICANT significant digits.

    ``pre``: when given, only literals whose first three significant digits are a table entry's
    (the others cannot match; skipping them early is what makes a scan fast).
    """
    leads = pre.leads if pre is not None else None
    pattern = _FORTRAN if lang == "fortran" else _GENERAL
    for dot in _dots(text, pre):
        start = dot
        while start and text[start - 1] in _INT_CHARS:
            start -= 1
        if leads is not None and text[start : dot + 12].replace("_", "").replace(".", "").lstrip("0")[:3] not in leads:
            continue
        m = pattern.match(text, start)
        if m is None:
            continue
        exp_part = m.group("exp") or ""
        lit_text = m.group("num") + exp_part
        sig, exp = parse_decimal(lit_text)
        if len(sig) < MIN_SIGNIFICANT:
            continue
        quoted = start > 0 and text[start - 1] in "\"'"
        suffix = m.group("suf") or ""
        yield Literal(start, lit_text, "decimal", sig, exp, _bits(lang, exp_part[:1], suffix, quoted), suffix)
    for quoted_digits in _QUOTED:
        for m in quoted_digits.finditer(text):
            s = m.group(1)
            if leads is None or s.lstrip("0")[:3] in leads:
                yield Literal(m.start(1), s, "digit string", s.lstrip("0"), None)


_INTERVAL = re.compile(
    r"[\[(]\s*[\"']?(-?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?)[\"']?\s*,\s*"
    r"[\"']?(-?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?)[\"']?\s*[\]),]"
)
INTERVAL_WIDTH = 1e-3  # [lo, hi] is an enclosure when hi - lo <= 1e-3 max(|lo|, |hi|)


def interval_bounds(text: str, offset: int) -> str | None:
    """'lower' or 'upper' when the number at ``offset`` is an end of a narrow interval, else None.

    ``[lo, hi]``, ``[lo, hi)``, ``(lo, hi]``, ``("lo", "hi")`` (an enclosure written as a pair) with
    lo < hi and hi - lo <= INTERVAL_WIDTH max(|lo|, |hi|): an interval, not two values."""
    lo_at = max(0, offset - 80)
    for m in _INTERVAL.finditer(text, lo_at, offset + 80):
        lo, hi = float(m.group(1)), float(m.group(2))
        if lo < hi and hi - lo <= INTERVAL_WIDTH * max(abs(lo), abs(hi)):
            if offset == m.start(1) + (m.group(1)[0] == "-"):
                return "lower"
            if offset == m.start(2) + (m.group(2)[0] == "-"):
                return "upper"
    return None
