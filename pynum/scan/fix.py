"""``pynum scan --fix`` / ``--diff``: rewrite each literal judged wrong to the correctly rounded value.

The replacement keeps the literal's layout (leading zeros, point, digit separators, exponent,
suffix) and its number of significant digits; only the significant digits change.  A literal
judged right, a suppressed one, a bound, a computed value and a member of an archive are never
touched.  ``--diff`` prints a unified diff and writes nothing.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from ..constants.verdict import sig_string


def replacement(literal: str, correctly_rounded: str) -> str | None:
    """``literal`` with its significant digits replaced by those of ``correctly_rounded`` (same count)."""
    new = sig_string(correctly_rounded)
    mant_end = len(literal)
    for i, c in enumerate(literal):
        if c in "eEdDqQfF" and i > 0:
            mant_end = i
            break
    mant = literal[:mant_end]
    old = [i for i, c in enumerate(mant) if c.isdigit()]
    first = next((k for k, i in enumerate(old) if mant[i] != "0"), None)
    if first is None:
        return None
    positions = old[first:]
    if len(positions) != len(new):
        return None
    chars = list(literal)
    for i, d in zip(positions, new):
        chars[i] = d
    return "".join(chars)


def fixable(m: dict[str, Any]) -> bool:
    return (
        m["verdict"] == "wrong"
        and not m["suppressed"]
        and m["bound"] is None
        and m["kind"] in ("decimal", "digit string")
    )


def fix_text(text: str, matches: list[dict[str, Any]]) -> tuple[str, int]:
    """The text with every fixable wrong literal replaced; the number replaced."""
    lines = text.split("\n")
    done = 0
    for m in sorted((m for m in matches if fixable(m)), key=lambda m: (m["line"], -m["col"])):
        new = replacement(m["literal"], m["correctly_rounded"])
        i, c = m["line"] - 1, m["col"] - 1
        if new is None or i >= len(lines) or lines[i][c : c + len(m["literal"])] != m["literal"]:
            continue
        lines[i] = lines[i][:c] + new + lines[i][c + len(m["literal"]) :]
        done += 1
    return "\n".join(lines), done


def apply(res: dict[str, Any], write: bool) -> tuple[str, int, list[str]]:
    """(unified diff, literals fixed, paths not fixable) for a scan record; files rewritten when ``write``."""
    root = Path(res["root"]) if res.get("root") else None
    diffs: list[str] = []
    total, refused = 0, []
    for f in res["files"]:
        if not any(fixable(m) for m in f["matches"]):
            continue
        path = (root / f["path"]) if root is not None and not Path(f["path"]).is_absolute() else Path(f["path"])
        if not path.is_file():
            refused.append(f"{f['path']} (inside an archive or not a file)")
            continue
        old = path.read_bytes().decode("utf-8", errors="surrogateescape")
        new, n = fix_text(old, f["matches"])
        if n == 0:
            continue
        total += n
        diffs.extend(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=f"a/{f['path']}",
                tofile=f"b/{f['path']}",
            )
        )
        if write:
            path.write_bytes(new.encode("utf-8", errors="surrogateescape"))
    return "".join(diffs), total, refused
