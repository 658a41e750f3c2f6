"""Where the project's data files are, in a source checkout and in an installed wheel.

Every command reads the committed records (``results/*.json``), ``CITATION.cff`` and the Coq
sources through this module. In a source checkout they are the repository's own files; an
installed wheel carries copies of them as package data under ``pynum/_data/`` (mapped from the
top of the repository by ``pyproject.toml``), so the same names resolve in both. A name that is
in neither place is an error that names it, never a default.

Data that belongs to a package module (the ledger's ``pynum/ledger/*.toml``) is package data of
that module and is read with ``importlib.resources.files("pynum.ledger")`` directly.
"""

from __future__ import annotations

import json
import os
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

# The parent of the pynum package: the repository root when running from a checkout.
_PARENT = Path(__file__).resolve().parent.parent
# Files that only a source checkout has; their presence marks one.
_CHECKOUT_MARKERS = ("pyproject.toml", "coq/_CoqProject")
RESULTS = "results"
COQ = "coq"
CITATION = "CITATION.cff"
SEEDS_ENV = "PHI_SEEDS"


class MissingData(FileNotFoundError):
    """A data file the project should carry is absent (in the checkout and in the package)."""

    def __str__(self) -> str:
        return str(self.args[0])


class NeedsCheckout(RuntimeError):
    """A command that works on the repository's sources was run outside a source checkout."""

    def __str__(self) -> str:
        return str(self.args[0])


def checkout_root() -> Path | None:
    """The repository root when pynum is imported from a source checkout, else None."""
    if all((_PARENT / m).is_file() for m in _CHECKOUT_MARKERS):
        return _PARENT
    return None


def require_checkout(command: str) -> Path:
    """The repository root, or NeedsCheckout naming ``command`` when not in a source checkout."""
    root = checkout_root()
    if root is None:
        raise NeedsCheckout(
            f"'{command}' works on the repository's Coq sources and build: run it in a "
            "source checkout of phi-claims (git clone, then make prove); the installed "
            "package carries only the data its other commands read"
        )
    return root


def data_root() -> Traversable:
    """The folder that holds ``results/``, ``coq/`` and ``CITATION.cff``: the checkout or the package data."""
    root = checkout_root()
    return root if root is not None else files("pynum") / "_data"


def data_file(relpath: str) -> Traversable:
    """The data file at ``relpath`` (relative to the repository root, e.g. ``coq/PhiBasics.v``)."""
    path = data_root()
    for part in relpath.strip("/").split("/"):
        path = path / part
    if not path.is_file():
        where = "this checkout" if checkout_root() else "the installed package"
        raise MissingData(f"{relpath} is missing from {where}")
    return path


def record_path(name: str) -> Traversable:
    """A committed record by file name (``watkins-audit.json``) or path (``results/watkins-audit.json``,
    ``results/certify/ledger-claims.json``: at most one folder below ``results/``)."""
    base = name.removeprefix(f"{RESULTS}/")
    parts = base.split("/")
    if not base or len(parts) > 2 or any(not p or p.startswith(".") for p in parts):
        raise MissingData(f"no record {name!r}: records are files under {RESULTS}/ or one folder below it")
    return data_file(f"{RESULTS}/{base}")


def read_record(name: str) -> Any:
    """The parsed JSON of a committed record (see ``record_path``)."""
    path = record_path(name)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise MissingData(f"{RESULTS}/{path.name} is not valid JSON: {exc}") from None


def record_names(suffix: str = ".json") -> list[str]:
    """File names of the committed records ending in ``suffix``, sorted."""
    folder = data_root() / RESULTS
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_file() and p.name.endswith(suffix))


def citation_text() -> str:
    """The text of the project's CITATION.cff."""
    return data_file(CITATION).read_text(encoding="utf-8")


def coq_source(name: str) -> Traversable:
    """A Coq source by module (``PhiBasics``) or path (``coq/PhiBasics.v``)."""
    base = name.removeprefix(f"{COQ}/").removesuffix(".v")
    return data_file(f"{COQ}/{base}.v")


def local_path(path: Traversable) -> Path | None:
    """``path`` as a file-system path when it is one (a checkout or an unzipped install), else None."""
    return path if isinstance(path, Path) else None


def seeds_dir() -> Path | None:
    """The folder of third-party source texts: ``$PHI_SEEDS``, else ``../shared/seeds`` beside the checkout.

    The texts are not part of the project; None when neither folder exists.
    """
    env = os.environ.get(SEEDS_ENV)
    candidates = [Path(env)] if env else []
    root = checkout_root()
    if root is not None:
        candidates.append(root.parent / "shared" / "seeds")
    return next((p for p in candidates if p.is_dir()), None)
