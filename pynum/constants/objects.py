"""The registered constants as objects: value to any precision, enclosure, theorem, citation.

>>> from pynum import constants
>>> float(constants.T_STAR)
1.3778018314733997
>>> constants.T_STAR.digits(20)
'1.3778018314733997686'
>>> constants.T_STAR.theorem
'Phi.Enclosures.Tstar_enclosure'
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from . import expr
from .registry import COQ_FILE_ENCLOSURES, REGISTRY, Constant, Enclosure, lookup


class CertifiedConstant:
    """A registered constant: digits from Arb (or mpmath), bounds from a Coq lemma."""

    def __init__(self, entry: Constant) -> None:
        self.entry = entry

    def __repr__(self) -> str:
        return f"<{self.entry.name} = {self.digits(20)}... in [{self.enclosure.lo}, {self.enclosure.hi}]>"

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def symbol(self) -> str:
        return self.entry.symbol

    @property
    def definition(self) -> str:
        return self.entry.definition

    def digits(self, n: int) -> str:
        """``n`` significant digits, correctly rounded (Arb when installed, else mpmath)."""
        expr.check_digits(n)
        if expr.flint_available():
            return expr.digits_arb(self.entry.name, n)
        return expr.digits_mpmath(self.entry.name, n)

    def __float__(self) -> float:
        return _float(self.entry.name)

    @property
    def enclosure(self) -> Enclosure:
        """The certified float64-grade enclosure (``lo <= value <= hi``, proved in Coq)."""
        return self.entry.enclosure

    @property
    def enclosures(self) -> tuple[Enclosure, ...]:
        return self.entry.enclosures

    @property
    def theorem(self) -> str:
        """Fully qualified Coq name of the enclosure lemma."""
        return f"Phi.Enclosures.{self.enclosure.lemma}"

    @property
    def theorem_file(self) -> str:
        return COQ_FILE_ENCLOSURES

    def contains(self, value: str | Decimal) -> bool:
        """Whether ``value`` lies in every certified enclosure."""
        v = Decimal(str(value))
        return all(Decimal(e.lo) <= v <= Decimal(e.hi) for e in self.enclosures)

    def cite(self, fmt: str = "text") -> str:
        """A citation of the value, its enclosure and the theorem behind it."""
        from .cite import cite_constant

        return cite_constant(self.entry.name, fmt)


@cache
def _float(name: str) -> float:
    lookup(name)  # an unknown name raises UnknownConstant before any engine runs
    return float(Decimal(expr.digits_mpmath(name, 30)))


def get(name: str) -> CertifiedConstant:
    """The constant called ``name``; raises ``UnknownConstant`` with the valid names."""
    return CertifiedConstant(lookup(name))


ALL: tuple[CertifiedConstant, ...] = tuple(CertifiedConstant(c) for c in REGISTRY)
globals().update({c.name: c for c in ALL})
__all__ = ["ALL", "get", "CertifiedConstant"] + [c.name for c in ALL]
