"""Speed of the pipeline: make prove against a plain compile, pynum check at 50 digits, and 100,000 digits.

Targets: make prove (it always builds afresh and re-checks everything) within 1.6x of a plain
compile of the same files (coq_makefile, -j2, in a scratch copy) on 2 cores, best of ROUNDS each,
interleaved; the cost of each part of make prove from build/proofs.json; check --digits 50 < 2 s;
c.digits(100000) within 1.2x of a direct python-flint evaluation, and mpmath within 2x of python-flint.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import flint
import mpmath

from pynum import constants as C
from pynum.constants import expr

ROOT = Path(__file__).resolve().parent.parent
N = 100_000
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))


def _phi():
    return (1 + flint.arb(5).sqrt()) / 2


def _tstar():
    p = _phi()
    return p / (2 * p).log()


def _lambda_m():
    t = _tstar()
    return (t - 4 + (t * t + 8 * t).sqrt()) / (4 * (t - 1))


def _m_phi():
    t, lm = _tstar(), _lambda_m()
    return (1 / (lm * lm) + t * (1 / lm + 1 / (1 - lm))) / 2


DIRECT = {
    "PHI": _phi,
    "LAM_STAR": lambda: 1 / _phi(),
    "T_STAR": _tstar,
    "T_STAR3": lambda: _phi() / (3 * _phi()).log(),
    "ALPHA_PHI": lambda: 1 / _phi() ** 3 / 2,
    "PHI_LR_SCALE": lambda: 1 / _phi() ** 3 / 2 / (flint.arb(4) / 100),
    "LAMBDA_M": _lambda_m,
    "M_PHI": _m_phi,
    "TAU_GLOBAL": lambda: 1 / _m_phi(),
}


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def direct_flint(name: str, n: int) -> str:
    old = flint.ctx.prec
    flint.ctx.prec = int(n * 3.3219280948873626) + 32
    try:
        return DIRECT[name]().str(n, radius=False)
    finally:
        flint.ctx.prec = old


def main() -> int:
    ok = True
    from pynum.audit.project import COQ, coq_files

    def plain() -> tuple[float, int]:
        """coq_makefile and make -j2 over a scratch copy of the listed files, from clean."""
        with tempfile.TemporaryDirectory() as d:
            for f in coq_files() + [COQ / "_CoqProject"]:
                (Path(d) / f.relative_to(COQ)).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(f, Path(d) / f.relative_to(COQ))
            t0 = time.perf_counter()
            subprocess.run(["coq_makefile", "-f", "_CoqProject", "-o", "CoqMakefile"], cwd=d, capture_output=True)
            proc = subprocess.run(["make", "-s", "-f", "CoqMakefile", "-j2"], cwd=d, capture_output=True)
            return time.perf_counter() - t0, proc.returncode

    def prove() -> tuple[float, int]:
        t0 = time.perf_counter()
        proc = subprocess.run(["make", "-s", "prove"], cwd=ROOT, capture_output=True, text=True)
        return time.perf_counter() - t0, proc.returncode

    # Interleaved, best of ROUNDS each: the two builds see the same machine load.
    coqs: list[float] = []
    proves: list[float] = []
    rcs: list[int] = []
    parts: list[tuple] = []
    for _ in range(ROUNDS):
        for fn, times in ((plain, coqs), (prove, proves)):
            seconds, rc_ = fn()
            times.append(seconds)
            rcs.append(rc_)
        record = json.loads((ROOT / "build" / "proofs.json").read_text())
        parts.append(
            (
                record["build"]["seconds"],
                record["coqchk"]["seconds"],
                record["statements"]["seconds"],
                record["print_assumptions"]["seconds"],
                record["seconds"],
            )
        )
    coq, best, rc = min(coqs), min(proves), max(rcs)
    ratio = best / coq
    print(
        f"plain compile (coq_makefile, -j2): {coq:.1f} s; make prove (hermetic build, coqchk over the closure, "
        f"Print Assumptions, statements, definitions, non-vacuity, locks): {best:.1f} s (best of {ROUNDS}, "
        f"interleaved; all: plain {', '.join(f'{t:.1f}' for t in coqs)}, prove {', '.join(f'{t:.1f}' for t in proves)}); "
        f"ratio {ratio:.2f} (target <= 1.6) {'ok' if ratio <= 1.6 else 'SLOW'}{'' if rc == 0 else ' (FAILED)'}"
    )
    b, chk, st, pa, total = parts[proves.index(best)]
    print(
        f"make prove, its best run by part: hermetic build {b:.1f} s; then, side by side: coqchk {chk:.1f} s "
        f"(longest process), statement batch {st:.1f} s (Print Assumptions riding in it: {pa:.1f} s); "
        f"audit in all {total:.1f} s (build included); make, venv and coqgen check: {best - total:.1f} s"
    )
    ok &= ratio <= 1.6 and rc == 0
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pynum", "check", "--digits", "50"], cwd=ROOT, capture_output=True)
    check = time.perf_counter() - t0
    print(
        f"python -m pynum check --digits 50: {check:.2f} s wall, interpreter start included (target < 2 s)"
        f" {'ok' if check < 2 else 'SLOW'}"
    )
    ok &= check < 2
    print(f"{N:,} digits: constant, pynum digits(), direct python-flint, mpmath, ratios")
    for c in C.ALL:
        ours = timed(lambda: c.digits(N))
        direct = timed(lambda: direct_flint(c.name, N))
        mp = timed(lambda: expr.digits_mpmath(c.name, N), repeat=2)  # warm caches, as for Arb
        r1, r2 = ours / direct, mp / direct
        good = r1 <= 1.2 and r2 <= 2.0
        ok &= r1 <= 1.2
        print(
            f"  {c.name:<13} {ours:7.3f} s {direct:7.3f} s {mp:7.3f} s   pynum/flint {r1:4.2f}"
            f" (<= 1.2)  mpmath/flint {r2:4.2f} (<= 2.0) {'ok' if good else 'OVER'}"
        )
    print(f"mpmath backend: {mpmath.libmp.BACKEND}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
