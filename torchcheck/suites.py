"""Where the checks, audits and experiments live (modules imported on demand)."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .framework import Check

# Modules exposing ``CHECKS: list[Check]``, run by ``python -m torchcheck run``.
CHECK_MODULES: tuple[str, ...] = (
    "torchcheck.simplex_checks",
    "torchcheck.equilibrium_checks",
    "torchcheck.layer_checks",
)

# ``python -m torchcheck audit NAME``: modules exposing ``main(argv) -> int``.
AUDITS: dict[str, str] = {"watkins-nn": "torchcheck.watkins_audit"}

# ``python -m torchcheck experiment NAME``: modules exposing ``main(argv) -> int``.
EXPERIMENTS: dict[str, str] = {
    "vdi": "torchcheck.experiment_vdi",
    "resolvent-energy": "torchcheck.experiment_resolvent_energy",
}


def all_checks() -> list[Check]:
    """Every registered check, in suite order (modules not yet written are skipped)."""
    out: list[Check] = []
    for name in CHECK_MODULES:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        out.extend(mod.CHECKS)
    return out
