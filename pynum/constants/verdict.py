"""Verdicts on a printed decimal against a certified value: ``published.judge`` plus float64.

``judge`` (pynum/constants/published.py) says whether a printed value is correctly rounded, a correct
truncation, or wrong.  A printed float64 (a shortest ``repr`` of 15-17 significant digits) can
be neither and still be exactly the double nearest to the true value, or the double on the
other side of it; these are the float64 verdicts below.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from .published import first_wrong_digit, judge, significant_digits

VERDICTS = (
    "correctly rounded",
    "truncated",
    "float64 round-trip",
    "float64 faithful",
    "upper bound",
    "lower bound",
    "wrong",
)  # the bounds: set by pynum/scan/judge.py for literals in inequalities
FLOAT64_MIN_DIGITS = 15  # a literal of 15..17 significant digits may be a printed float64
FLOAT64_MAX_DIGITS = 17  # (17 digits identify every double; longer literals are decimals)


@dataclass(frozen=True)
class Verdict:
    """How a printed decimal compares with the true value.

    literal: the digits as printed (sign dropped); significant: its significant digits;
    agreeing: leading significant digits equal to the true expansion; verdict: one of VERDICTS
    ('float64 round-trip': the literal parses to the double nearest to the true value;
    'float64 faithful': to the other double adjacent to the true value, one ulp away);
    correctly_rounded: the true value rounded to as many significant digits; wrong_from: the
    first wrong significant digit (1-based) when the verdict is 'wrong' (else None); right_digits:
    the true significant digits from wrong_from up to the literal's length (else None).
    """

    literal: str
    significant: int
    agreeing: int
    verdict: str
    correctly_rounded: str
    wrong_from: int | None
    right_digits: str | None

    @property
    def wrong(self) -> bool:
        return self.verdict == "wrong"


def _float64_status(literal: str, true_value: str) -> str | None:
    """'float64 round-trip', 'float64 faithful' or None for a literal of 15..17 digits."""
    if not FLOAT64_MIN_DIGITS <= significant_digits(literal) <= FLOAT64_MAX_DIGITS:
        return None
    lit, true = float(literal), Decimal(true_value)
    nearest = float(true_value)
    if lit == nearest:
        return "float64 round-trip"
    if Decimal(nearest) == true:  # the value is a double: only that double is faithful
        return None
    other = math.nextafter(nearest, math.inf if Decimal(nearest) < true else -math.inf)
    return "float64 faithful" if lit == other else None


def sig_string(text: str) -> str:
    """The significant digits of a plain decimal (no sign, point, exponent, leading zeros)."""
    return text.lower().split("e")[0].lstrip("+-").replace(".", "").lstrip("0")


def judge_literal(literal: str, true_value: str) -> Verdict:
    """Judge ``literal`` (a plain decimal, sign ignored) against ``true_value`` (5+ more digits)."""
    lit = literal.lstrip("+-")
    tv = true_value.lstrip("+-")
    j = judge(lit, tv)
    verdict = j.verdict
    if verdict == "wrong":
        verdict = _float64_status(lit, tv) or "wrong"
    wrong_from = right = None
    if verdict == "wrong":
        wrong_from = first_wrong_digit(lit, tv)
        right = sig_string(tv)[wrong_from - 1 : j.significant] if wrong_from else None
    return Verdict(lit, j.significant, j.agreeing, verdict, j.correctly_rounded, wrong_from, right)


def describe(v: Verdict) -> str:
    """One phrase: 'correctly rounded', 'wrong from digit 8 (right: 2398)', ..."""
    if v.verdict == "wrong" and v.wrong_from is None:
        return f"wrong bound (the value is {v.correctly_rounded}...)"
    if v.verdict.endswith(" bound"):
        return f"{v.verdict} that holds"
    if v.verdict == "wrong":
        return f"wrong from digit {v.wrong_from} (right: {v.right_digits}; correctly rounded {v.correctly_rounded})"
    if v.verdict == "truncated":
        return f"correct truncation ({v.significant} digits)"
    if v.verdict == "correctly rounded":
        return f"correctly rounded ({v.significant} digits)"
    return v.verdict
