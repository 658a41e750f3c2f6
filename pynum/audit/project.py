"""The Coq project the audit reads: where it is, which files it lists, which theorems are cited.

``Named`` is the one record of a cited theorem that every part of the audit passes around.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
COQ = ROOT / "coq"
LEAN = ROOT / "lean"
BUILD = ROOT / "build"
LIBRARY = "Phi"
LEDGER = ROOT / "pynum" / "ledger"


@dataclass(frozen=True)
class Named:
    """A theorem the registry or the ledger names (``File.name`` in ``library``), with the
    claims it backs. ``file`` may be dotted (``Sub.File``) for a module in a subfolder."""

    file: str
    name: str
    claims: tuple[str, ...] = ()
    library: str = LIBRARY

    @property
    def qualified(self) -> str:
        """The full name, ``Phi.File.name``."""
        return f"{self.library}.{self.file}.{self.name}"


def coq_files(project: Path = COQ / "_CoqProject") -> list[Path]:
    """The ``.v`` files listed in a ``_CoqProject``, in the listed order."""
    names = [ln.strip() for ln in project.read_text().splitlines()]
    return [project.parent / n for n in names if n.endswith(".v")]


def module_name(path: Path, coq_dir: Path) -> str:
    """``Sub/File.v`` under ``coq_dir`` -> ``Sub.File`` (the logical name below the library)."""
    return ".".join(path.relative_to(coq_dir).with_suffix("").parts)


def named_theorems() -> list[Named]:
    """Every Coq theorem named by the registry (enclosures) or the ledger (evidence, Lean twins),
    read from the ledger's raw data (so a newly cited theorem can be pinned before the ledger,
    which checks every citation against the pins, loads)."""
    from ..constants.registry import REGISTRY
    from ..ledger.loader import cited_theorems_unvalidated

    claims: dict[tuple[str, str], list[str]] = {}

    def add(ref: str, claim_ids: tuple[str, ...]) -> None:
        file, _, name = ref.rpartition(".")
        if not file:
            raise ValueError(f"theorem reference {ref!r} is not of the form File.name")
        bucket = claims.setdefault((file, name), [])
        bucket.extend(c for c in claim_ids if c not in bucket)

    for c in REGISTRY:
        for e in c.enclosures:
            add(f"Enclosures.{e.lemma}", c.claims)
    for ref, claim_ids in cited_theorems_unvalidated().items():
        add(ref, claim_ids)
    return [Named(f, n, tuple(cs)) for (f, n), cs in claims.items()]


def source_hashes(coq_dir: Path = COQ) -> dict[str, str]:
    """sha256 of every file under ``coq_dir`` and of the ledger's data and locks: what a record of
    ``make prove`` was made from (a record of another tree is stale)."""
    files = sorted(p for p in coq_dir.rglob("*") if p.is_file())
    files += sorted(LEDGER.glob("*.toml")) + sorted(LEDGER.glob("*.lock.json"))
    return {
        str(f.relative_to(ROOT) if f.is_relative_to(ROOT) else f): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in files
    }
