"""Where the checks, audits and experiments live (modules imported on demand)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .framework import Check

# Modules exposing ``CHECKS: list[Check]``, run by ``python -m torchcheck run``.
CHECK_MODULES: tuple[str, ...] = (
    "torchcheck.checks.simplex",
    "torchcheck.checks.equilibrium",
    "torchcheck.checks.layers",
)

# ``python -m torchcheck audit NAME``: modules exposing ``main(argv) -> int``.
AUDITS: dict[str, str] = {"watkins-nn": "torchcheck.audits.watkins_nn"}

# ``python -m torchcheck experiment NAME``: modules exposing ``main(argv) -> int``.
EXPERIMENTS: dict[str, str] = {
    "vdi": "torchcheck.experiments.vdi_cli",
    "resolvent-energy": "torchcheck.experiments.resolvent_energy",
}


def all_checks() -> list[Check]:
    """Every registered check, in suite order (a missing check module is an error that names it)."""
    out: list[Check] = []
    for name in CHECK_MODULES:
        out.extend(importlib.import_module(name).CHECKS)
    return out
