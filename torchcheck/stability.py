"""``torchcheck.stability``: the documented entry points of the stability audit.

The implementation lives in ``torchcheck.engine`` (``engine.stability`` for ``audit`` and
``record``, ``engine.stability_cli`` for the command line); this module names them.
"""

from __future__ import annotations

from .engine.eps_crit import eps_crit, krylov_eps_crit, mode_eps_crit
from .engine.fixed_point import RESIDUAL_TOL, find_fixed_point, residual_tol
from .engine.krylov import KRYLOV_TOL, KRYLOV_TOL_OTHERS, linear_map, restarted_arnoldi
from .engine.stability import EPS_MARGIN, THEOREMS, Mode, StabilityReport, audit, exit_code, record
from .engine.stability_cli import load_factory, main, plot

__all__ = [
    "EPS_MARGIN",
    "KRYLOV_TOL",
    "KRYLOV_TOL_OTHERS",
    "RESIDUAL_TOL",
    "THEOREMS",
    "Mode",
    "StabilityReport",
    "audit",
    "eps_crit",
    "exit_code",
    "find_fixed_point",
    "krylov_eps_crit",
    "linear_map",
    "load_factory",
    "main",
    "mode_eps_crit",
    "plot",
    "record",
    "residual_tol",
    "restarted_arnoldi",
]
