"""The files a scan reads: folders walked, wheels and zips member by member, what is skipped and why.

Every file of a folder is read, whatever its name (``.csv``, ``.tsv``, extensionless files
included), except: files under version-control, cache and virtual-environment folders
(SKIP_DIRS and ``*.egg-info``, not counted); files whose name says they are binary (BINARY_SUFFIXES: images,
compiled objects, arrays, archives other than wheels and zips); files with a NUL byte in their
first 8 KiB ('binary'); and ``pynum scan`` records (a JSON file of schema ``pynum-scan/N``:
its literals are the findings of an earlier scan) and ``.pynum-scan-ignore`` files.  Every skip is counted by reason.

A *data file* (a CSV/TSV/ARFF/DAT table, or a text file whose head is numbers and separators
only) is matched only by name (pynum/scan/judge.py).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath

ARCHIVE_SUFFIXES = frozenset((".whl", ".zip"))
SKIP_DIRS = frozenset(
    (
        ".git",
        ".hg",
        ".svn",
        "__pycache__",
        "node_modules",
        ".venv",
        "venv",
        ".tox",
        ".mypy_cache",
        ".hypothesis",
        ".pytest_cache",
        ".lake",
    )
)
BINARY_SUFFIXES = frozenset(
    ".png .jpg .jpeg .gif .bmp .ico .tif .tiff .webp .pdf .ps .eps .so .o .a .dll .dylib .exe .pyc .pyo .pyd .npy "
    ".npz .mat .h5 .hdf5 .nc .gz .bz2 .xz .zst .tar .7z .rar .jar .class .wasm .woff .woff2 .ttf .otf .mo .db "
    ".sqlite .pkl .pickle .pt .pth .onnx .bin .vo .vos .vok .glob .dat.gz .fits .wav .mp3 .mp4 .avi".split()
)
DATA_SUFFIXES = frozenset(".csv .tsv .arff .dat .data .tab .mtx".split())
DATA_HEAD = 4096  # bytes of a text file looked at to call it a data file
DATA_NUMERIC_SHARE = 0.9  # share of number and separator characters in that head
_NUMERIC_CHARS = frozenset("0123456789.eE+-,;: \t\r\n[]")
RECORD_MARK = b'"schema": "pynum-scan/'


@dataclass(frozen=True)
class Source:
    """One file to scan: display path, its bytes, whether it is inside an archive."""

    path: str
    data: bytes
    archived: bool = False


def skip_reason(name: str, data: bytes) -> str | None:
    """Why a file is not scanned ('binary', 'pynum scan record'), or None."""
    low = name.lower()
    if PurePath(low).suffix in BINARY_SUFFIXES:
        return "binary (by name)"
    if b"\0" in data[:8192]:
        return "binary (NUL bytes)"
    if low.endswith(".json") and RECORD_MARK in data[:4096]:
        return "pynum scan record"
    if PurePath(name).name == ".pynum-scan-ignore":
        return "pynum scan ignore file"
    return None


def is_data_file(name: str, text: str) -> bool:
    """A table of numbers: by suffix, or a head of numbers and separators only."""
    suffix = PurePath(name.lower()).suffix
    if suffix in DATA_SUFFIXES:
        return True
    if suffix not in ("", ".txt", ".json", ".out", ".res"):
        return False
    head = text[:DATA_HEAD]
    return bool(head) and sum(c in _NUMERIC_CHARS for c in head) >= DATA_NUMERIC_SHARE * len(head)


def _archive(p: Path) -> Iterator[Source]:
    try:
        with zipfile.ZipFile(p) as z:
            for name in sorted(z.namelist()):
                if not name.endswith("/"):
                    yield Source(f"{p}/{name}", z.read(name), True)
    except zipfile.BadZipFile:
        raise ValueError(f"not a readable zip archive: {p}") from None


def iter_sources(paths: list[Path]) -> Iterator[Source]:
    """Every file under ``paths`` (archives opened), in a stable order; skipping is the caller's."""
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                parts = f.relative_to(p).parts[:-1]
                if any(part in SKIP_DIRS or part.endswith(".egg-info") for part in parts) or not f.is_file():
                    continue
                if f.suffix.lower() in ARCHIVE_SUFFIXES:
                    yield from _archive(f)
                else:
                    yield Source(str(f), f.read_bytes())
        elif p.suffix.lower() in ARCHIVE_SUFFIXES:
            yield from _archive(p)
        else:
            yield Source(str(p), p.read_bytes())
