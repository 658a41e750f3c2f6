"""``python -m pynum scan PATH ...``: find golden-ratio constants typed into text or code, judge them.

Walks files (a folder recursively: text, Markdown, reStructuredText, LaTeX, Python, C/C++/CUDA,
JavaScript/TypeScript, TOML/JSON/YAML/INI, HTML; wheels and zips member by member; binaries and
``.git``/``__pycache__``/``node_modules``/virtual-environment folders skipped) and finds decimal
literals (``1.6180339887``, ``.618034``, ``4.21e0``, ``1.618f``) and long digit strings in quotes
(``"16180339887498948482..."``).  A literal is matched to a quantity of pynum/phi_table.py when
at least MIN_DIGITS leading significant digits agree (a correctly rounded literal agrees in all
its digits), or when a word nearby on the same line names it (``M_PHI``, ``tau``, ...) and at
least MIN_DIGITS_WITH_HINT agree; a generic word (``phi``, ``golden``) also needs all but at most
the last digit to agree (a 15-digit literal agreeing in 3 digits is another number).  A literal
after ``name <`` (``<=``, ``≤``) is an upper bound, one before ``< name`` a lower bound: it is judged by
whether the bound holds (verdicts 'upper bound', 'lower bound', else 'wrong').  In Python files, single-name assignments
computed from literals (``TAU_GLOBAL = 1 / M_PHI``) are folded in float64 (pynum/pyfold.py) and
their values matched the same way (kind 'computed').  Each match is judged by pynum/constants/verdict.py:
correctly rounded, correct truncation, float64 round-trip, float64 faithful, or wrong from digit k.
Every match is reported; only 'wrong' ones fail the scan.

Exit status: 1 when any match is wrong, 0 otherwise, 2 on bad input (a path that does not exist).

JSON record (``--json``; ``results/scan-seeds.json`` is one), schema ``pynum-scan/1``::

    {"schema": "pynum-scan/1",
     "command": the command line that produced it,
     "root": folder the paths are relative to (or null: as given),
     "files_scanned": int, "bytes_scanned": int, "files_skipped_binary": int,
     "files": [{"path": str, "matches": [MATCH, ...]}, ...]   (every file scanned, sorted),
     "constants": {NAME: {"symbol", "expression", "registered"}}  (those matched),
     "summary": {"matches": int, "wrong": int, "by_verdict": {verdict: int}, "by_constant": {NAME: int}}}

    MATCH = {"line", "col" (1-based), "literal" (as printed; for 'computed' the float64 repr),
             "kind": "decimal" | "digit string" | "computed", "source" (the right-hand side, for
             'computed'; else null), "constant", "symbol", "value" (the true value, 5 digits past
             the literal), "hint" (the word that named it, or null), "bound" ("upper", "lower" or
             null), "significant", "agreeing",
             "verdict", "correctly_rounded", "wrong_from", "right_digits", "summary" (one phrase)}
"""
from __future__ import annotations

import argparse
import io
import json
import re
import time
import zipfile
from bisect import bisect_right
from collections import Counter
from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

from . import fold as pyfold, table as phi_table
from ..constants.verdict import describe, judge_literal, sig_string

MIN_DIGITS = 5
MIN_DIGITS_WITH_HINT = 3
GENERIC_HINT_SLACK = 1            # with only a generic word (phi, golden): at most the last digit off
_UPPER = re.compile(r"[A-Za-z_)\]}][\w')\]}]*\s*(?:<=|=<|<|≤|\\leq?)\s*$")   # name <= literal
_LOWER = re.compile(r"^[fFlL]?\s*(?:<=|<|≤|\\leq?)\s*[A-Za-z_(\\]")          # literal <= name
HINT_WINDOW_BEFORE = 100          # characters of the same line searched for a naming word
HINT_WINDOW_AFTER = 60
TEXT_SUFFIXES = frozenset(
    ".txt .md .markdown .rst .tex .bib .py .pyi .pyx .c .h .cc .cpp .cxx .hpp .hh .cu .cuh .js .mjs .cjs"
    " .ts .tsx .jsx .toml .json .yaml .yml .cfg .ini .html .htm .ipynb .r .jl .m .rs .go .java .lean .v".split())
TEXT_NAMES = frozenset(("METADATA", "PKG-INFO", "README", "LICENSE", "Makefile"))
ARCHIVE_SUFFIXES = frozenset((".whl", ".zip"))
SKIP_DIRS = frozenset((".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "venv", ".tox", ".mypy_cache"))
_NUM = re.compile(r"(?<![\w.])(?P<dec>(?:\d+\.\d+|\.\d+)(?:[eE][-+]?\d+)?)[fFlL]?(?!\w|\.\d)"
                  r"|(?<=[\"'`])(?P<str>\d{10,})(?=[\"'`])")
_WORD = re.compile(r"\w+")
_FOLD_WORTH = re.compile(r"(?i)phi|golden|φ|tau|star|m_phi")


@dataclass(frozen=True)
class Literal:
    """A number found in a text: offset, the text as printed, kind, significant digits, exponent."""

    offset: int
    text: str
    kind: str
    sig: str
    exp: int | None        # decimal exponent of the leading digit; None for digit strings


def _parse_decimal(text: str) -> tuple[str, int]:
    mant, _, e = text.lower().partition("e")
    ip, _, fp = mant.partition(".")
    digits = ip + fp
    lead = len(digits) - len(digits.lstrip("0"))
    return digits[lead:], len(ip) - lead - 1 + (int(e) if e else 0)


def find_literals(text: str) -> Iterator[Literal]:
    """Decimal literals and quoted digit strings with at least MIN_DIGITS_WITH_HINT significant digits."""
    for m in _NUM.finditer(text):
        if m.group("dec"):
            sig, exp = _parse_decimal(m.group("dec"))
            if len(sig) >= MIN_DIGITS_WITH_HINT:
                yield Literal(m.start(), m.group("dec"), "decimal", sig, exp)
        else:
            s = m.group("str")
            yield Literal(m.start(), s, "digit string", s.lstrip("0"), None)


class Matcher:
    """The table indexed by (exponent, first 3 digits) and by first 3 digits alone."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[int, str], list[phi_table.Quantity]] = {}
        self.by_lead: dict[str, list[phi_table.Quantity]] = {}
        self.exp: dict[str, int] = {}
        for q in phi_table.TABLE:
            sig, exp = _parse_decimal(phi_table.digits(q.name, 30).lstrip("-"))
            self.exp[q.name] = exp
            up = str(int(sig[:3]) + 1)                # a literal rounded up may carry into digit 3
            up_exp = exp + (len(up) > 3)
            for key in {(exp, sig[:3]), (up_exp, up[:3])}:
                self.by_key.setdefault(key, []).append(q)
                self.by_lead.setdefault(key[1], []).append(q)

    def ref_sig(self, name: str, n: int) -> str:
        return sig_string(phi_table.digits(name, n + 8))

    def agreement(self, q: phi_table.Quantity, sig: str) -> int:
        """Leading digits equal to the true expansion; all of them when only the last, rounded up, differs.

        (A carry through several digits, 2.4000 for 2.39996..., does not count: such a literal
        is more likely a plain 2.4.)
        """
        ref = self.ref_sig(q.name, len(sig))
        k = 0
        for a, b in zip(sig, ref):
            if a != b:
                break
            k += 1
        if k == len(sig) - 1 and str((int(ref[:len(sig) + 1]) + 5) // 10) == sig:   # last digit rounded up
            k = len(sig)
        return k

    def candidates(self, lit: Literal) -> list[phi_table.Quantity]:
        if lit.exp is None:
            return self.by_lead.get(lit.sig[:3], [])
        return self.by_key.get((lit.exp, lit.sig[:3]), [])

    def match(self, lit: Literal, window: str) -> tuple[phi_table.Quantity, int, str | None] | None:
        best = None
        for i, q in enumerate(self.candidates(lit)):
            agree = self.agreement(q, lit.sig)
            hint = _hint(q, window) if agree < MIN_DIGITS else None
            specific = hint is not None and hint not in phi_table.GENERIC_HINTS
            named = hint is not None and agree >= MIN_DIGITS_WITH_HINT and (
                specific or agree >= len(lit.sig) - GENERIC_HINT_SLACK)
            if agree >= MIN_DIGITS or named:
                score = (agree, specific, hint is not None, -i)
                if best is None or score > best[0]:
                    best = (score, q, agree, hint)
        return None if best is None else best[1:]


def _hint(q: phi_table.Quantity, window: str) -> str | None:
    """The word in ``window`` that names ``q`` (a specific hint first), or None."""
    low = window.lower()
    words = _WORD.findall(low)
    for pool in (q.hints, phi_table.GENERIC_HINTS):
        for h in pool:
            if not h.replace("_", "").isalnum():
                if h in low:
                    return h
            elif any(w == h or h in w.split("_") for w in words):
                return h
    return None


def _plain(lit: Literal, exp: int) -> str:
    """The literal as a plain positional decimal (a digit string placed at the quantity's exponent)."""
    if lit.kind == "digit string":
        sig = lit.sig.ljust(exp + 2, "0")
        return sig[:exp + 1] + "." + sig[exp + 1:] if exp >= 0 else "0." + "0" * (-exp - 1) + sig
    return format(Decimal(lit.text), "f") if "e" in lit.text.lower() else lit.text


def _bound(text: str, lit: Literal) -> str | None:
    """'upper' for ``name <= literal``, 'lower' for ``literal <= name`` (not ``1.443 < 1.618``)."""
    if _UPPER.search(text[max(0, lit.offset - 40):lit.offset]):
        return "upper"
    if _LOWER.search(text[lit.offset + len(lit.text):lit.offset + len(lit.text) + 8]):
        return "lower"
    return None


def _row(m: Matcher, q: phi_table.Quantity, lit: Literal, line: int, col: int, hint: str | None,
         source: str | None, bound: str | None = None) -> dict[str, Any]:
    plain = _plain(lit, m.exp[q.name])
    ref = phi_table.digits(q.name, len(lit.sig) + 10)
    v = judge_literal(plain, ref)
    if bound is not None:
        true = Decimal(ref.lstrip("-"))               # (abs() would round to the context's 28 digits)
        holds = Decimal(plain) >= true if bound == "upper" else Decimal(plain) <= true
        v = replace(v, verdict=f"{bound} bound" if holds else "wrong", wrong_from=None if holds else v.wrong_from,
                    right_digits=None if holds else v.right_digits)
    value = ref.lstrip("-")
    true_sig = sig_string(value)
    keep = len(lit.sig) + 5
    value = value[:len(value) - len(true_sig) + keep] if len(true_sig) > keep else value
    return {"line": line, "col": col, "literal": lit.text, "kind": lit.kind, "source": source,
            "constant": q.name, "symbol": q.symbol, "value": value, "hint": hint, "bound": bound, **{
                k: val for k, val in asdict(v).items() if k != "literal"}, "summary": describe(v)}


def scan_text(text: str, matcher: Matcher, python: bool = False) -> list[dict[str, Any]]:
    """Every match in one text, in order of position."""
    starts: list[int] = []
    rows = []
    for lit in find_literals(text):
        if not matcher.candidates(lit):
            continue
        line_start = text.rfind("\n", 0, lit.offset) + 1
        line_end = text.find("\n", lit.offset)
        line_end = len(text) if line_end < 0 else line_end
        window = text[max(line_start, lit.offset - HINT_WINDOW_BEFORE):
                      min(line_end, lit.offset + len(lit.text) + HINT_WINDOW_AFTER)]
        found = matcher.match(lit, window)
        if found:
            if not starts:
                starts = [0] + [m.end() for m in re.finditer("\n", text)]
            q, _, hint = found
            line = bisect_right(starts, lit.offset)
            rows.append(_row(matcher, q, lit, line, lit.offset - line_start + 1, hint, None, _bound(text, lit)))
    if python and _FOLD_WORTH.search(text):
        for f in pyfold.fold(text):
            if f.trivial or f.value == 0:
                continue
            r = repr(abs(f.value))
            sig, exp = _parse_decimal(r)
            lit = Literal(0, r, "computed", sig, exp)
            found = matcher.match(lit, f"{f.name} = {f.source}")
            if found:
                q, _, hint = found
                rows.append(_row(matcher, q, lit, f.line, f.col, hint, f.source))
    return sorted(rows, key=lambda r: (r["line"], r["col"]))


def _is_text_name(name: str) -> bool:
    p = Path(name)
    return p.suffix.lower() in TEXT_SUFFIXES or p.name in TEXT_NAMES


def _decode(data: bytes) -> str | None:
    if b"\0" in data[:8192]:
        return None
    return data.decode("utf-8", errors="replace")


def iter_files(paths: list[Path]) -> Iterator[tuple[str, bytes | None]]:
    """(display path, bytes) for every file to scan; bytes None for an unreadable member."""
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if any(part in SKIP_DIRS for part in f.relative_to(p).parts[:-1]) or not f.is_file():
                    continue
                if f.suffix.lower() in ARCHIVE_SUFFIXES:
                    yield from _archive(f)
                elif _is_text_name(f.name):
                    yield str(f), f.read_bytes()
        elif p.suffix.lower() in ARCHIVE_SUFFIXES:
            yield from _archive(p)
        else:
            yield str(p), p.read_bytes()


def _archive(p: Path) -> Iterator[tuple[str, bytes]]:
    try:
        with zipfile.ZipFile(p) as z:
            for name in sorted(z.namelist()):
                if _is_text_name(name) and not name.endswith("/"):
                    yield f"{p}/{name}", z.read(name)
    except zipfile.BadZipFile:
        raise ValueError(f"not a readable zip archive: {p}") from None


def _display(path: str, root: Path | None) -> str:
    if root is None:
        return path
    try:
        return str(Path(path).resolve().relative_to(root.resolve())) if ".whl/" not in path else path
    except ValueError:
        return path


def run_scan(paths: list[str], root: str | None = None, command: str | None = None) -> dict[str, Any]:
    """Scan every path; the record described in the module docstring."""
    ps = [Path(p) for p in paths]
    missing = [str(p) for p in ps if not p.exists()]
    if missing:
        raise ValueError(f"no such file or folder: {', '.join(missing)}")
    root_p = Path(root) if root else None
    if root_p is not None and not root_p.is_dir():
        raise ValueError(f"--root folder does not exist: {root}")
    matcher = Matcher()
    files, nbytes, skipped = [], 0, 0
    for path, data in iter_files(ps):
        text = _decode(data or b"")
        if text is None:
            skipped += 1
            continue
        nbytes += len(data or b"")
        files.append({"path": _display(path, root_p),
                      "matches": scan_text(text, matcher, python=path.endswith((".py", ".pyi")))})
    files.sort(key=lambda f: f["path"])
    rows = [m for f in files for m in f["matches"]]
    names = sorted({m["constant"] for m in rows}, key=lambda n: [q.name for q in phi_table.TABLE].index(n))
    return {
        "schema": "pynum-scan/1", "command": command, "root": root, "files_scanned": len(files),
        "bytes_scanned": nbytes, "files_skipped_binary": skipped, "files": files,
        "constants": {n: {"symbol": phi_table.BY_NAME[n].symbol, "expression": phi_table.BY_NAME[n].expression,
                          "registered": phi_table.BY_NAME[n].registered} for n in names},
        "summary": {"matches": len(rows), "wrong": sum(m["verdict"] == "wrong" for m in rows),
                    "by_verdict": dict(Counter(m["verdict"] for m in rows).most_common()),
                    "by_constant": dict(Counter(m["constant"] for m in rows).most_common())},
    }


def format_text(res: dict[str, Any]) -> str:
    out = io.StringIO()
    for f in res["files"]:
        for m in f["matches"]:
            shown = m["literal"] if m["kind"] != "computed" else f"{m['source']} = {m['literal']}"
            if len(shown) > 40:
                shown = shown[:37] + "..."
            flag = "WRONG" if m["verdict"] == "wrong" else "ok"
            out.write(f"{f['path']}:{m['line']}:{m['col']}: {shown}  {m['constant']} ({m['symbol']})"
                      f"  {flag}: {m['summary']}\n")
    s = res["summary"]
    out.write(f"{res['files_scanned']} files ({res['bytes_scanned']:,} bytes), {s['matches']} matches,"
              f" {s['wrong']} wrong\n")
    return out.getvalue().rstrip("\n")


def cmd_scan(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    command = " ".join(["python -m pynum scan", *args.paths] + (["--root", args.root] if args.root else [])
                       + (["--json"] if args.json else []) + (["--out", args.out] if args.out else []))
    res = run_scan(args.paths, args.root, command)
    text = json.dumps(res, indent=2, ensure_ascii=False) if args.json else format_text(res)
    if args.out:
        Path(args.out).write_text(text + "\n")
        print(f"wrote {args.out}: {res['summary']['matches']} matches, {res['summary']['wrong']} wrong"
              f" ({time.perf_counter() - t0:.2f} s)")
    else:
        print(text)
    return 1 if res["summary"]["wrong"] else 0


