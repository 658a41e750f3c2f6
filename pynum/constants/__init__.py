"""The registered constants: registry, expression engines, enclosures, Coq generation, citations.

``from pynum import constants`` gives the registered constants as objects with ``float(c)``,
``c.digits(n)``, ``c.enclosure``, ``c.theorem`` and ``c.cite()`` (``constants.T_STAR``,
``constants.get("T_STAR")``, ``constants.ALL``). The objects are built on first use, so that
importing ``pynum.constants.registry`` loads no numeric library.

This subpackage is the bottom of pynum: it imports nothing from the rest of pynum except
``pynum.resources``.
"""

from __future__ import annotations

import importlib
from typing import Any

SUBMODULES = ("registry", "expr", "objects", "coqgen", "check", "published", "verdict", "step_rates", "cite")


def __getattr__(name: str) -> Any:
    """A submodule, or a constant object of :mod:`pynum.constants.objects`, loaded when first asked for."""
    if name in SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    if name.startswith("_"):
        raise AttributeError(name)
    objects = importlib.import_module(f"{__name__}.objects")
    try:
        return getattr(objects, name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


def __dir__() -> list[str]:
    objects = importlib.import_module(f"{__name__}.objects")
    return sorted(set(globals()) | set(SUBMODULES) | set(objects.__all__))
