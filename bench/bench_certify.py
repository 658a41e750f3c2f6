"""Speed of ``pynum certify``: enclosures at 15 and 30 digits, and relations settled, on this machine.

Targets (2 cores): 15 digits under 5 s, 30 digits under 15 s; a relation whose sides differ in
the 15th digit settled under 5 s; an algebraic identity with three nested radicals proved under
10 s.  Prints the split (parse or decide, numeric, generate, coqc: coqc's time shown apart) and
the ratio measured/target (below 1 meets it).  Needs coqc and the compiled library (make coq).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from pynum.certify.command import run_certify
from pynum.certify.settle import settle

CASES = (
    ("phi / ln (3 * phi)", 15, 5.0),
    ("2 * pi / phi ^ 2 + exp (sin 1) * atan (1/3) - T_STAR ^ -2", 15, 5.0),
    ("phi / ln (3 * phi)", 30, 15.0),
    ("M_PHI ^ (1/3) + cos (tau_global) / sqrt 5", 30, 15.0),
)
# pi = 3.14159265358979|32...: the sides differ in the 15th significant digit.
RELATIONS = (
    ("pi < 3.14159265358980", "proved", 5.0),
    ("sqrt (1 + sqrt (3 + sqrt 8)) = sqrt (2 + sqrt 2)", "proved", 10.0),
    ("sqrt 2 + sqrt 3 = sqrt (5 + 2 * sqrt 6)", "proved", 10.0),
)


def _split(seconds: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.3f}" for k, v in seconds.items())


def main() -> int:
    ok = True
    for source, digits, target in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            rec = run_certify(source, digits, name="bench", out_dir=Path(tmp))
            secs = time.perf_counter() - t0
        print(
            f"{source!r} at {digits} digits: {secs:.2f} s ({_split(rec['seconds'])}; i_prec {rec.get('i_prec')};"
            f" {rec['certificate']}); ratio to the {target:.0f} s target: {secs / target:.2f}"
        )
        ok &= rec["certified"] and secs < target
    for text, want, target in RELATIONS:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            rec = settle(text, "bench", Path(tmp))
            secs = time.perf_counter() - t0
        coqc = rec["seconds"].get("coqc", 0.0)
        print(
            f"{text!r}: {rec['verdict']} in {secs:.2f} s ({_split(rec['seconds'])}; without coqc"
            f" {secs - coqc:.2f} s); ratio to the {target:.0f} s target: {secs / target:.2f}"
        )
        ok &= rec["verdict"] == want and secs < target
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
