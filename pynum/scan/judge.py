"""When a literal counts as a constant, and its verdict: evidence, types, bounds, approximations.

A literal near a table entry is *judged* only with evidence that it was meant to be that
entry, and judged *wrong* only when the digits its type keeps are wrong:

- evidence 'name': a word naming the entry (``M_PI``, ``EULER``, ``tau_global``) on its line;
  at least MIN_DIGITS_WITH_HINT leading digits must agree;
- evidence 'family': only a word naming the entry's family (``phi``, ``golden``, ``sqrt``): all
  but at most the last digit must agree;
- evidence 'digits': no name, but MIN_DIGITS leading digits agree when the literal is right in
  all its digits (a correct rounding or truncation), CHANCE_DIGITS when it is wrong.  A random
  significand agrees with one entry in its first k digits with probability 1/(9 10^(k-1)),
  rounding up the last doubles it; over the whole table the chance is
  ``chance(k) = 2 N / (9 10^(k-1))`` per literal (N entries), and CHANCE_DIGITS is the least k
  with chance(k) <= CHANCE_PER_LITERAL, stated with every such verdict;
- in a data file (CSV, TSV, numeric tables) only a name or family word is evidence.

Types (pynum/scan/literals.py): a literal with at least as many digits as its binary type holds
is right when its type's value is the nearest to the entry or the other adjacent one
('float64 round-trip', 'float32 faithful', ...).  Without a name, a value within COMPUTED_ULPS
units in the last place of its type is a float computation's honest output ('float64
computed'), and one right to k digits then zeros a deliberately shortened value ('zero-padded'),
not wrong constants.  A line that calls the number an approximation, estimate or
convergent ('documented approximation') is not a wrong constant.  Bounds (``x <= 1.6181``, an
enclosure ``[lo, hi]``) are judged by whether they hold.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from decimal import Decimal, localcontext
from fractions import Fraction

from ..constants.verdict import FLOAT64_MAX_DIGITS, FLOAT64_MIN_DIGITS, Verdict, judge_literal, sig_string
from .literals import FLOAT32, FLOAT64, QUAD, TYPE_NAMES, X87, Literal

MIN_DIGITS = 5
MIN_DIGITS_WITH_HINT = 3
GENERIC_HINT_SLACK = 1
CHANCE_PER_LITERAL = 1e-9
COMPUTED_ULPS = 16
APPROXIMATION = re.compile(
    r"(?i)\b(?:approximation|approximant|approximates|approximately|approx\b\.?|"
    r"convergents?|estimated?|estimates)"
)
SUPPRESS = "pynum: ignore"


def chance(k: int, entries: int) -> float:
    """Probability that a random literal agrees with some of ``entries`` table entries in k leading digits."""
    return 2 * entries / (9 * 10.0 ** (k - 1))


def chance_digits(entries: int) -> int:
    """The least k whose chance(k) is at most CHANCE_PER_LITERAL."""
    k = MIN_DIGITS
    while chance(k, entries) > CHANCE_PER_LITERAL:
        k += 1
    return k


def round_binary(x: Fraction, bits: int) -> Fraction:
    """``x`` rounded to ``bits`` significant bits, ties to even (no exponent range: a model of the type)."""
    if x == 0:
        return x
    sign = -1 if x < 0 else 1
    x = abs(x)
    e = x.numerator.bit_length() - x.denominator.bit_length()
    if Fraction(2) ** e > x:
        e -= 1
    scale = Fraction(2) ** (bits - 1 - e)
    return sign * Fraction(round(x * scale)) / scale


def _ulp(x: Fraction, bits: int) -> Fraction:
    e = x.numerator.bit_length() - x.denominator.bit_length()
    if Fraction(2) ** e > x:
        e -= 1
    return Fraction(2) ** (e - bits + 1)


def type_status(plain: str, true_value: str, bits: int) -> tuple[str | None, float]:
    """('<type> round-trip' | '<type> faithful' | None, distance in ulps of the type) for a typed literal."""
    name = TYPE_NAMES[bits]
    if bits == 53:
        lit_r, true_d = Fraction(float(plain)), Decimal(true_value)
        near = Fraction(float(true_value))
        true = Fraction(true_d)
    else:
        lit_r, true = round_binary(Fraction(Decimal(plain)), bits), Fraction(Decimal(true_value))
        near = round_binary(true, bits)
    ulps = float(abs(lit_r - near) / _ulp(near, bits)) if near else math.inf
    if lit_r == near:
        return f"{name} round-trip", 0.0
    if near != true and ulps == 1 and (lit_r - true) * (near - true) < 0:
        return f"{name} faithful", ulps
    return None, ulps


def typed_digits(bits: int) -> int:
    """Significant digits from which a literal of a ``bits``-bit type is judged by its type's value."""
    return math.floor(bits * math.log10(2))


def verdict(
    plain: str, true_value: str, lit: Literal, evidence: str, bound: str | None, line: str, doctest_output: bool = False
) -> tuple[Verdict, str | None]:
    """The verdict on a literal read as ``plain`` (a decimal), and a note ('documented approximation', ...)."""
    v = judge_literal(plain, true_value)
    if bound == "unequal":
        if v.wrong:
            return replace(
                v, verdict="stated unequal", wrong_from=None, right_digits=None
            ), "the text states it differs from the constant"
        bound = None
    if bound is not None:
        true = Decimal(true_value.lstrip("-"))
        with localcontext() as ctx:
            ctx.prec = len(true_value) + 10
            holds = Decimal(plain) >= true if bound == "upper" else Decimal(plain) <= true
        return replace(
            v,
            verdict=f"{bound} bound" if holds else "wrong",
            wrong_from=None if holds else v.wrong_from,
            right_digits=None if holds else v.right_digits,
        ), None
    if not v.wrong:
        return v, None
    bits = lit.bits
    if bits is None and FLOAT64_MIN_DIGITS <= len(lit.sig) <= FLOAT64_MAX_DIGITS:
        bits = FLOAT64  # in text too, 15 to 17 digits may be a printed double
    if bits is not None and len(lit.sig) >= typed_digits(bits):
        status, ulps = type_status(plain, true_value, bits)
        if status is not None:
            return replace(v, verdict=status, wrong_from=None, right_digits=None), None
        if evidence == "digits" and ulps <= COMPUTED_ULPS:
            note = f"{ulps:.0f} ulps from the nearest {TYPE_NAMES[bits]}: a float computation's output"
            return replace(v, verdict=f"{TYPE_NAMES[bits]} computed", wrong_from=None, right_digits=None), note
    padded = _zero_padded(plain, true_value) if evidence == "digits" else 0
    if padded:
        return replace(
            v, verdict="zero-padded", wrong_from=None, right_digits=None
        ), f"right to {padded} digits, then zeros"
    printed = _printed_float(plain, true_value)
    if printed:
        return replace(
            v, verdict=f"{printed} value printed", wrong_from=None, right_digits=None
        ), f"the exact value of the {printed} nearest to the constant"
    if evidence == "digits" and len(lit.sig) > FLOAT64_MAX_DIGITS:
        double_ulps = _printed_double_ulps(plain, true_value)
        if double_ulps is not None and double_ulps <= COMPUTED_ULPS:
            note = f"the exact value of a float64 {double_ulps:.0f} ulps from the nearest: a float computation's output"
            return replace(v, verdict="float64 computed", wrong_from=None, right_digits=None), note
    if doctest_output:
        return replace(
            v, verdict="doctest output", wrong_from=None, right_digits=None
        ), "a computation's printed output in a doctest"
    approx = APPROXIMATION.search(line)
    if approx:
        return replace(
            v, verdict="documented approximation", wrong_from=None, right_digits=None
        ), f"the line calls it an {approx.group(0).lower()}"
    return v, None


def _zero_padded(plain: str, true_value: str) -> int:
    """k when the literal is a correct rounding or truncation to k digits followed by zeros (else 0)."""
    mant = plain.lstrip("+-")
    if "." not in mant or not mant.endswith("00"):
        return 0
    short = mant.rstrip("0")
    short = short + "0" if short.endswith(".") else short
    k = len(sig_string(short))
    if k < MIN_DIGITS or Decimal(short).adjusted() != Decimal(mant).adjusted():
        return 0
    return 0 if judge_literal(short, true_value).wrong else k


def _printed_float(plain: str, true_value: str) -> str | None:
    """The type whose value nearest to the constant the literal prints exactly (rounded or truncated)."""
    sig = len(sig_string(plain))
    true = Fraction(Decimal(true_value))
    for bits in (FLOAT32, FLOAT64, X87, QUAD):
        if sig < typed_digits(bits) + 2:
            continue
        near = round_binary(true, bits)
        with localcontext() as ctx:
            ctx.prec = 400
            exact = Decimal(near.numerator) / Decimal(near.denominator)
        text = format(exact, "f")
        text = (text if "." in text else text + ".") + "0" * (sig + 6)
        if not judge_literal(plain, text).wrong:
            return TYPE_NAMES[bits]
    return None


def _printed_double_ulps(plain: str, true_value: str) -> float | None:
    """Ulps between the nearest double and the double whose exact value the literal prints, or None."""
    d = float(plain)
    with localcontext() as ctx:
        ctx.prec = 800
        text = format(Decimal(d), "f")
    text = (text if "." in text else text + ".") + "0" * (len(sig_string(plain)) + 6)
    if judge_literal(plain, text).wrong:
        return None
    near = float(true_value)
    return abs(d - near) / math.ulp(near) if near else None


def doctest_output(text: str, line_start: int) -> bool:
    """Whether the line starting at ``line_start`` is the output of a ``>>>`` example (follows a
    prompt within the same block of non-blank lines, and is not a prompt itself)."""
    end = text.find("\n", line_start)
    if text[line_start : end if end >= 0 else len(text)].lstrip().startswith((">>>", "...")):
        return False
    stop = line_start - 1
    for _ in range(30):
        if stop <= 0:
            return False
        begin = text.rfind("\n", 0, stop) + 1
        s = text[begin:stop].strip()
        if not s:
            return False
        if s.startswith((">>>", "...")):
            return True
        stop = begin - 1
    return False


def needs_evidence(agree: int, sig: int, right: bool, evidence: str | None, chance_k: int, data_file: bool) -> bool:
    """Whether the evidence suffices to judge a literal agreeing in ``agree`` of its ``sig`` digits.

    ``right``: every printed digit agrees (or the last is rounded up); ``evidence``: 'name',
    'family' or None.
    """
    if evidence == "name":
        return agree >= MIN_DIGITS_WITH_HINT
    if evidence == "family":
        return agree >= MIN_DIGITS_WITH_HINT and agree >= sig - GENERIC_HINT_SLACK
    if data_file:
        return False
    return agree >= (MIN_DIGITS if right else chance_k)
