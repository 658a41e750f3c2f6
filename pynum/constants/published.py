"""Judging a published decimal value against the true value, digit by digit."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal, localcontext


@dataclass(frozen=True)
class DigitJudgement:
    """How a published value compares with the true value.

    significant: significant digits printed; agreeing: leading significant digits that match
    the true decimal expansion; verdict: 'correctly rounded', 'truncated' (every printed digit
    is right but the last is not rounded) or 'wrong' (a printed digit is wrong).
    """

    published: str
    significant: int
    agreeing: int
    correctly_rounded: str
    verdict: str

    @property
    def correct(self) -> bool:
        return self.verdict != "wrong"


def significant_digits(text: str) -> int:
    """Number of significant digits in a plain decimal string such as '0.237506'."""
    digits = text.strip().lstrip("+-").replace(".", "").lstrip("0")
    if not digits.isdigit():
        raise ValueError(f"not a plain decimal: {text!r}")
    return len(digits)


def _round(value: Decimal, sig: int, mode: str) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = sig + 20
        q = Decimal(1).scaleb(value.adjusted() - sig + 1)
        return value.quantize(q, rounding=mode)


def judge(published: str, true_value: str) -> DigitJudgement:
    """Judge ``published`` against ``true_value`` (a decimal string with more digits)."""
    sig = significant_digits(published)
    pub, true = Decimal(published), Decimal(true_value)
    if significant_digits(true_value) < sig + 5:
        raise ValueError("the true value needs at least 5 more digits than the published one")
    rounded = _round(true, sig, ROUND_HALF_EVEN)
    truncated = _round(true, sig, ROUND_DOWN)
    pub_digits = format(pub, "f").replace(".", "").lstrip("0")
    true_digits = format(true, "f").replace(".", "").lstrip("0")
    same_exponent = pub.adjusted() == true.adjusted()
    agreeing = 0
    if same_exponent:
        for a, b in zip(pub_digits, true_digits):
            if a != b:
                break
            agreeing += 1
    if pub == rounded:
        verdict = "correctly rounded"
    elif pub == truncated:
        verdict = "truncated"
    else:
        verdict = "wrong"
    return DigitJudgement(published, sig, min(agreeing, sig), format(rounded, "f"), verdict)


def first_wrong_digit(published: str, true_value: str) -> int | None:
    """The first wrong significant digit of ``published`` (1-based), or None when it is right.

    The one definition the scan (pynum/scan) and the package audit (torchcheck/watkins_audit.py)
    share: a value that is neither correctly rounded nor a correct truncation is wrong from the
    digit after its leading digits that agree with the true expansion (from digit 1 when its
    decimal exponent differs).  ``true_value`` needs 5 more digits than ``published``.
    """
    j = judge(published.lstrip("+-"), true_value.lstrip("+-"))
    if j.correct:
        return None
    return j.agreeing + 1 if Decimal(j.published).adjusted() == Decimal(true_value.lstrip("+-")).adjusted() else 1
