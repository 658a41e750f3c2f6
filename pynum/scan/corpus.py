"""``python -m pynum.scan.corpus WHEEL ... --out results/scan-corpus.json``: the scan's precision on
code no one here wrote (``make scan-corpus`` downloads the wheels of CORPUS and runs this).

The record is a ``pynum-scan/2`` record (pynum/scan/record.py) whose ``files`` keep only the files
with matches, each match cut to COMPACT_FIELDS, plus a ``corpus`` block::

    "corpus": {"packages": [{"wheel", "sha256", "files", "bytes"}],
               "megabytes": float, "seconds_cpu": float,
               "matches": int, "by_constant": {NAME: int}, "by_evidence": {"name"|"family"|"digits": int},
               "wrong": [{"path", "line", "col", "literal", "constant", "summary", "evidence", "chance",
                          "label": "true defect" | "false positive" | "unreviewed", "why"}],
               "false_positives": int, "false_positive_rate": false positives / matches,
               "wrong_per_50_mb": float, "target_wrong_per_50_mb": TARGET_WRONG_PER_50_MB,
               "rules": [{"rule", "addresses", "count"}]   (the literals each rule kept from a wrong verdict)}

Every literal judged wrong carries the label of REVIEW (keyed by wheel member path and line); one
without a review is 'unreviewed' and makes the command exit 1 until someone reviews it.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ..cliutil import Parser, output_file, run_main
from . import judge
from .record import run_scan

CORPUS = (("numpy", "2.4.6"), ("scipy", "1.17.1"), ("mpmath", "1.4.1"), ("sympy", "1.14.0"))
TARGET_WRONG_PER_50_MB = 1.0
COMPACT_FIELDS = (
    "line",
    "col",
    "literal",
    "kind",
    "constant",
    "verdict",
    "evidence",
    "hint",
    "chance",
    "type",
    "wrong_from",
    "summary",
    "suppressed",
)
# (wheel file name/member path, line) -> (label, why), for every literal the scan of CORPUS judges wrong.
REVIEW: dict[tuple[str, int], tuple[str, str]] = {}
# What each rule keeps from a wrong verdict, and the false positive of the earlier scan it answers.
RULES = (
    (
        "not_judged:no name, too few agreeing digits",
        "no name on the line and fewer agreeing digits than chance_digits: another number",
        "test expectations agreeing with a golden-ratio entry in 5 digits by chance (0.7257913526447274, 1.37789689539747)",
    ),
    (
        "not_judged:data file, no name",
        "a number in a data file is matched only by name",
        "data tables (2.399999999999999911e+00 in an iris data file, 4.2104897e+00)",
    ),
    (
        "verdict:float64 round-trip",
        "a printed float64 (15 digits or more) judged by the double it parses to",
        "a float computation's honest output printed long (fp.sinpi(-0.7) = -0.80901699437494750611)",
    ),
    (
        "verdict:float64 computed",
        "a value within COMPUTED_ULPS ulps of the constant with no name: computed",
        "results of float computations near a constant",
    ),
    ("verdict:doctest output", "the printed output of a >>> example", "integration results in docstrings"),
    ("verdict:zero-padded", "right to k digits, then zeros", "almosteq(3.141592653589793, 3.141592653589700)"),
    (
        "verdict:documented approximation",
        "the line calls the number an approximation",
        "fibonacci(101)/fibonacci(100) printed to 50 digits; '0.693146363174626  # approx. equal to log(2)'",
    ),
    (
        "verdict:float32 value printed",
        "the exact value of the nearest float32/float64 printed",
        "3.1415927410 'is closest float32 to np.pi'",
    ),
    (
        "verdict:float64 value printed",
        "the exact value of the nearest float64 printed",
        "3.14159265358979311599796346854418516159057617187500",
    ),
    ("verdict:stated unequal", "the text states the number differs from the constant (<>, !=)", ""),
)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(wheels: list[Path], command: str) -> dict[str, Any]:
    """Scan the wheels and build the corpus record (module docstring)."""
    c0 = time.process_time()
    rec = run_scan([str(w) for w in wheels], command=command)
    seconds = time.process_time() - c0
    packages = []
    for w in wheels:
        mine = [f for f in rec["files"] if f["path"].startswith(f"{w}/")]
        for f in mine:
            f["path"] = f"{w.name}/{f['path'][len(str(w)) + 1 :]}"  # wheel file name / member
        packages.append({"wheel": w.name, "sha256": _sha256(w), "files": len(mine)})
    rows = [(f["path"], m) for f in rec["files"] for m in f["matches"]]
    wrong = []
    for path, m in rows:
        if m["verdict"] != "wrong" or m["suppressed"]:
            continue
        label, why = REVIEW.get((path, m["line"]), ("unreviewed", ""))
        wrong.append(
            {
                "path": path,
                "line": m["line"],
                "col": m["col"],
                "literal": m["literal"],
                "constant": m["constant"],
                "summary": m["summary"],
                "evidence": m["evidence"],
                "chance": m["chance"],
                "label": label,
                "why": why,
            }
        )
    verdicts = Counter(m["verdict"] for _, m in rows)
    not_judged = rec["summary"]["not_judged"]
    rules = [
        {
            "rule": text,
            "addresses": addresses,
            "count": (not_judged.get(key[11:], 0) if key.startswith("not_judged:") else verdicts.get(key[8:], 0)),
        }
        for key, text, addresses in RULES
    ]
    megabytes = rec["bytes_scanned"] / 1e6
    fp = sum(w["label"] == "false positive" for w in wrong)
    rec["files"] = [
        {
            "path": f["path"],
            "data_file": f["data_file"],
            "matches": [{k: m[k] for k in COMPACT_FIELDS} for m in f["matches"]],
        }
        for f in rec["files"]
        if f["matches"]
    ]
    rec["corpus"] = {
        "packages": packages,
        "megabytes": round(megabytes, 3),
        "seconds_cpu": round(seconds, 2),
        "matches": len(rows),
        "by_constant": rec["summary"]["by_constant"],
        "by_evidence": dict(Counter(m["evidence"] for _, m in rows).most_common()),
        "wrong": wrong,
        "false_positives": fp,
        "false_positive_rate": fp / len(rows) if rows else 0.0,
        "wrong_per_50_mb": len(wrong) / megabytes * 50 if megabytes else 0.0,
        "target_wrong_per_50_mb": TARGET_WRONG_PER_50_MB,
        "chance_digits": rec["chance_digits"],
        "chance_per_literal": judge.CHANCE_PER_LITERAL,
        "rules": rules,
    }
    return rec


def main(argv: list[str] | None = None) -> int:
    p = Parser(
        prog="python -m pynum.scan.corpus",
        description="Scan wheels of large scientific packages and "
        "write the corpus record (precision of pynum scan on code no one here wrote).",
    )
    p.add_argument("wheels", nargs="+", type=Path, help="the wheels of CORPUS (make scan-corpus downloads them)")
    p.add_argument("--out", type=output_file, required=True, help="the record to write")
    args = p.parse_args(argv)
    missing = [str(w) for w in args.wheels if not w.is_file()]
    if missing:
        raise ValueError(f"no such wheel: {', '.join(missing)} (make scan-corpus downloads them)")
    rec = build(sorted(args.wheels), "python -m pynum.scan.corpus " + " ".join(w.name for w in sorted(args.wheels)))
    Path(args.out).write_text(json.dumps(rec, indent=1, ensure_ascii=False) + "\n")
    c = rec["corpus"]
    unreviewed = sum(w["label"] == "unreviewed" for w in c["wrong"])
    print(
        f"wrote {args.out}: {rec['files_scanned']} files, {c['megabytes']:.1f} MB, {c['matches']} matches,"
        f" {len(c['wrong'])} judged wrong ({c['false_positives']} false positives, {unreviewed} unreviewed),"
        f" {c['seconds_cpu']:.1f} s CPU"
    )
    return 1 if unreviewed else 0


if __name__ == "__main__":
    sys.exit(run_main(main, sys.argv[1:], user_errors=(ValueError,)))
