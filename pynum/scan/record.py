"""A whole scan and its JSON record (``--json``; ``results/scan-seeds.json`` is one).

Schema ``pynum-scan/2``::

    {"schema": "pynum-scan/2",
     "command": the command line that produced it, "root": folder the paths are relative to (or null),
     "only": families or entries scanned for ([] = the whole table), "table_entries": int,
     "chance_digits": agreeing digits that make a wrong literal with no name a match,
     "chance_per_literal": the bound on chance agreement that sets chance_digits,
     "files_scanned": int, "bytes_scanned": int, "files_skipped_binary": int,
     "skipped": {reason: count} (pynum/scan/walk.py), "skipped_files": [{"path", "reason"}] (first 100),
     "files": [{"path": str, "data_file": bool, "matches": [MATCH, ...]}, ...]   (every file scanned, sorted),
     "constants": {NAME: {"symbol", "expression", "registered", "family"}}  (those matched),
     "summary": {"matches": int, "wrong": int (suppressed ones not counted), "suppressed": int,
                 "by_verdict": {verdict: int}, "by_constant": {NAME: int},
                 "not_judged": {reason: int} (literals agreeing in 5+ digits left unjudged, by reason)}}

    MATCH = {"line", "col" (1-based), "literal" (as printed; for 'computed' the float64 repr),
             "kind": "decimal" | "digit string" | "computed", "source" (the right-hand side, for
             'computed'; else null), "constant", "symbol", "value" (the true value, 5 digits past
             the literal), "hint" (the word that named it, or null), "evidence": "name" | "family" |
             "digits", "chance" (for 'digits': the chance of so many agreeing digits by accident,
             per literal; else null), "type" ("float64", "float32", "x87 long double", "quad" or
             "decimal"), "bound" ("upper", "lower" or null), "significant", "agreeing", "verdict",
             "correctly_rounded", "wrong_from", "right_digits", "note" (why a near value is not
             wrong, or null), "summary" (one phrase), "suppressed" (``pynum: ignore`` on the line)}
"""

from __future__ import annotations

import fnmatch
import io
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from . import judge, table
from .literals import language
from .scanner import Matcher, scan_text
from .walk import Source, is_data_file, iter_sources, skip_reason

SCHEMA = "pynum-scan/2"
IGNORE_FILE = ".pynum-scan-ignore"  # in a scanned folder: literals it quotes on purpose
SKIPPED_LISTED = 100


def _display(path: str, root: Path | None) -> str:
    if root is None:
        return path
    try:
        return str(Path(path).resolve().relative_to(root.resolve())) if ".whl/" not in path else path
    except ValueError:
        return path


def scan_source(src: Source, matcher: Matcher, stats: Counter) -> tuple[list[dict[str, Any]], bool] | None:
    """(matches, is a data file) of one file, or None when it is skipped (counted in ``stats``)."""
    reason = skip_reason(src.path, src.data)
    if reason:
        stats["skip:" + reason] += 1
        return None
    text = src.data.decode("utf-8", errors="replace")
    data = is_data_file(src.path, text)
    return scan_text(
        text, matcher, python=src.path.endswith((".py", ".pyi")), lang=language(src.path), data_file=data, stats=stats
    ), data


def read_ignore_file(folder: Path) -> list[tuple[str, str, str]]:
    """(path glob, literal, reason) lines of ``folder/IGNORE_FILE`` (none when it is absent).

    Each line: ``GLOB LITERAL  # why``, the glob relative to ``folder`` (LITERAL may be a glob too:
    ``*`` for every literal of the file); ``#`` starts a comment."""
    f = folder / IGNORE_FILE
    if not f.is_file():
        return []
    out = []
    for n, raw in enumerate(f.read_text().splitlines(), 1):
        text, _, why = raw.partition("#")
        if not text.strip():
            continue
        parts = text.split()
        if len(parts) != 2:
            raise ValueError(f"{f}:{n}: expected 'GLOB LITERAL  # reason', got {raw.strip()!r}")
        out.append((parts[0], parts[1], why.strip()))
    return out


@cache
def _ignore_file_above(folder: Path) -> tuple[Path, tuple[tuple[str, str, str], ...]] | None:
    """The nearest folder at or above ``folder`` holding IGNORE_FILE, with its rules."""
    for d in (folder, *folder.parents):
        if (d / IGNORE_FILE).is_file():
            return d, tuple(read_ignore_file(d))
    return None


def _apply_ignores(matches: list[dict[str, Any]], rel: str, ignores: tuple[tuple[str, str, str], ...]) -> None:
    for m in matches:
        for glob, literal, why in ignores:
            if fnmatch.fnmatchcase(m["literal"], literal) and fnmatch.fnmatch(rel, glob):
                m["suppressed"] = True
                m["note"] = f"{IGNORE_FILE}: {why}" if why else IGNORE_FILE


def run_scan(
    paths: list[str], root: str | None = None, command: str | None = None, only: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Scan every path; the record described in the module docstring."""
    if any(not str(p).strip() for p in paths):
        raise ValueError("empty path: name a file or folder to scan")
    ps = [Path(p) for p in paths]
    missing = [str(p) for p in ps if not p.exists()]
    if missing:
        raise ValueError(f"no such file or folder: {', '.join(missing)}")
    root_p = Path(root) if root else None
    if root_p is not None and not root_p.is_dir():
        raise ValueError(f"--root folder does not exist: {root}")
    matcher = Matcher(table.select(only))
    files: list[dict[str, Any]] = []
    skipped: list[dict[str, str]] = []
    nbytes = 0
    stats: Counter = Counter()
    for src in iter_sources(ps):
        got = scan_source(src, matcher, stats)
        if got and got[0] and not src.archived:
            found = _ignore_file_above(Path(src.path).resolve().parent)
            if found is not None:
                _apply_ignores(got[0], str(Path(src.path).resolve().relative_to(found[0])), found[1])
        if got is None:
            if len(skipped) < SKIPPED_LISTED:
                skipped.append({"path": _display(src.path, root_p), "reason": str(skip_reason(src.path, src.data))})
            continue
        nbytes += len(src.data)
        files.append({"path": _display(src.path, root_p), "data_file": got[1], "matches": got[0]})
    files.sort(key=lambda f: f["path"])
    return make_record(files, nbytes, stats, skipped, matcher, command, root, only)


def make_record(
    files: list[dict[str, Any]],
    nbytes: int,
    stats: Counter,
    skipped: list[dict[str, str]],
    matcher: Matcher,
    command: str | None,
    root: str | None,
    only: tuple[str, ...],
) -> dict[str, Any]:
    rows = [m for f in files for m in f["matches"]]
    live = [m for m in rows if not m["suppressed"]]
    order = [q.name for q in table.TABLE]
    names = sorted({m["constant"] for m in rows}, key=order.index)
    skips = {k[5:]: v for k, v in sorted(stats.items()) if k.startswith("skip:")}
    return {
        "schema": SCHEMA,
        "command": command,
        "root": root,
        "only": list(only),
        "table_entries": len(matcher.quantities),
        "chance_digits": matcher.chance_k,
        "chance_per_literal": judge.CHANCE_PER_LITERAL,
        "files_scanned": len(files),
        "bytes_scanned": nbytes,
        "files_skipped_binary": sum(v for k, v in skips.items() if k.startswith("binary")),
        "skipped": skips,
        "skipped_files": skipped,
        "files": files,
        "constants": {
            n: {
                "symbol": table.BY_NAME[n].symbol,
                "expression": table.BY_NAME[n].expression,
                "registered": table.BY_NAME[n].registered,
                "family": table.BY_NAME[n].family,
            }
            for n in names
        },
        "summary": {
            "matches": len(rows),
            "wrong": sum(m["verdict"] == "wrong" for m in live),
            "suppressed": len(rows) - len(live),
            "by_verdict": dict(Counter(m["verdict"] for m in rows).most_common()),
            "by_constant": dict(Counter(m["constant"] for m in rows).most_common()),
            "not_judged": {k: v for k, v in sorted(stats.items()) if not k.startswith("skip:")},
        },
    }


def format_text(res: dict[str, Any]) -> str:
    """One line per match (suppressed ones left out), then the summary."""
    out = io.StringIO()
    for f in res["files"]:
        for m in f["matches"]:
            if m["suppressed"]:
                continue
            shown = m["literal"] if m["kind"] != "computed" else f"{m['source']} = {m['literal']}"
            if len(shown) > 40:
                shown = shown[:37] + "..."
            flag = "WRONG" if m["verdict"] == "wrong" else "ok"
            out.write(
                f"{f['path']}:{m['line']}:{m['col']}: {shown}  {m['constant']} ({m['symbol']})"
                f"  {flag}: {m['summary']}\n"
            )
    s = res["summary"]
    skipped = "; ".join(f"{n} {k}" for k, n in res["skipped"].items())
    out.write(
        f"{res['files_scanned']} files ({res['bytes_scanned']:,} bytes), {s['matches']} matches,"
        f" {s['wrong']} wrong, {s['suppressed']} suppressed (pynum: ignore, .pynum-scan-ignore)"
        + (f"; skipped: {skipped}" if skipped else "")
        + "\n"
    )
    return out.getvalue().rstrip("\n")
