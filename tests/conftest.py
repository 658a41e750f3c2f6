"""Shared test set-up: each test module runs at its own mpmath precision.

Several modules need a global mpmath precision; a module states it as ``MPMATH_DPS`` and this
fixture sets it for each of its tests and restores the previous value afterwards, so that the
order in which modules run cannot change a result.
"""

from __future__ import annotations

import mpmath
import pytest


@pytest.fixture(autouse=True)
def _module_mpmath_precision(request):
    dps = getattr(request.module, "MPMATH_DPS", None)
    saved = mpmath.mp.dps
    if dps is not None:
        mpmath.mp.dps = dps
    yield
    mpmath.mp.dps = saved
