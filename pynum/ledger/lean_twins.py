"""Lean 4 twins of ledger theorems: claim ID -> ((Lean theorem, Coq twin ``File.name``), ...).

Lean results are reported as checked only when ``make prove`` ran ``lake build``.
"""
from __future__ import annotations

LEAN_TWINS: dict[str, tuple[tuple[str, str], ...]] = {}
