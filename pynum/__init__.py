"""Certified golden-ratio constants, the claims ledger, the numeric cross-check and citations.

``from pynum import constants`` gives the registered constants as objects with
``float(c)``, ``c.digits(n)``, ``c.enclosure``, ``c.theorem`` and ``c.cite()``.
This package never imports torch.
"""

# The package version (pyproject.toml reads it from here; CITATION.cff states the same).
__version__ = "0.1.0"
