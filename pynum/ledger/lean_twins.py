"""Lean 4 twins of ledger theorems, read from the ledger data (each claim's ``lean`` pairs).

The Lean sources are in ``lean/`` (library ``PhiLean``, Lean 4 core only, built by ``lake build``
from the repository root); every Lean name lives in the namespace ``PhiLean``. Each Lean
theorem's doc comment names its claim ID and its Coq twin. Lean results are reported as checked
only when ``make prove`` ran ``lake build`` successfully; without a toolchain they are unchecked.
"""

from __future__ import annotations

from . import LEAN_TWINS

LEAN_NAMESPACE = "PhiLean"
LEAN_ROOT = "lean"


def lean_theorems() -> tuple[str, ...]:
    """Every Lean theorem the ledger names, fully qualified, in ledger order."""
    return tuple(lean for twins in LEAN_TWINS.values() for lean, _ in twins)
