"""Speed of ``pynum certify``: 15 and 30 digits certified, coqc included, on this machine.

Targets (2 cores): 15 digits under 5 s, 30 digits under 15 s.  Prints the split (parse,
numeric, generate, coqc) and the ratio measured/target (below 1 meets it).  Needs coqc and the
compiled library (make coq).
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from pynum.certify.command import run_certify

CASES = (("phi / ln (3 * phi)", 15, 5.0), ("2 * pi / phi ^ 2 + exp (sin 1) * atan (1/3) - T_STAR ^ -2", 15, 5.0),
         ("phi / ln (3 * phi)", 30, 15.0), ("M_PHI ^ (1/3) + cos (tau_global) / sqrt 5", 30, 15.0))


def main() -> int:
    ok = True
    for source, digits, target in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            rec = run_certify(source, digits, name="bench", out_dir=Path(tmp))
            secs = time.perf_counter() - t0
        split = ", ".join(f"{k} {v:.3f}" for k, v in rec["seconds"].items())
        print(f"{source!r} at {digits} digits: {secs:.2f} s ({split}; i_prec {rec.get('i_prec')};"
              f" {rec['certificate']}); ratio to the {target:.0f} s target: {secs / target:.2f}")
        ok &= rec["certified"] and secs < target
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
