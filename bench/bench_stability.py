"""GPU speed and memory of ``torchcheck stability`` (exact eps_crit at Krylov scale), float64.

Targets on one H200 (issue: exact eps_crit at Krylov scale): the seed's block at state 1,048,576
(seq 1024 x d 1024) in <= 15 s and at 16,777,216 (seq 4096 x d 4096) in <= 120 s under 60 GB
peak; a 2-D convolution operator (4096 x 4096 grid, 3 x 3 kernel, eigenvalues from its 2-D DFT)
at 16,777,216 in <= 60 s; the seed's block at 33,554,432 (seq 8192 x d 4096) audited (peak
recorded). Each run follows one small warm-up audit (CUDA kernels load on first use). Prints each
run's time as a ratio to its target and its peak memory, and writes one record per run to --out
(device, seeds, sizes, peak memory, the audit's record; for the convolution also the exact
eps_crit from the DFT). Without CUDA it says so and exits 0 (nothing to measure here).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from typing import TypedDict

import torch

from torchcheck import stability as S
from torchcheck.engine.normal import DEFAULT_STEPS
from torchcheck.models.equilibrium import BlockConfig, EqBlock

SEED_RUNS = {
    "1m": (1024, 1024, 16, 15.0),
    "16m": (4096, 4096, 32, 120.0),
    "33m": (8192, 4096, 32, None),
    "33m32": (8192, 4096, 32, None),
}  # the last in float32 (audited in its dtype)
CONV_RUNS = {"conv1m": (1024, 60.0 / 16), "conv16m": (4096, 60.0)}  # grid side, target seconds
KERNEL = ((0.0, 0.3, 0.0), (0.8, -2.5, -0.4), (0.1, 0.5, 0.2))  # 3 x 3, centre at (1, 1)


class Options(TypedDict):
    """The audit's size options, passed by keyword and recorded."""

    dense_max: int
    krylov: int
    want: int
    restarts: int
    lanczos: int


OPTIONS: Options = {"dense_max": 4096, "krylov": 40, "want": 6, "restarts": 30, "lanczos": DEFAULT_STEPS}


def conv_operator(side: int, device: str) -> tuple:
    """F(z, x) = x + K * z (cyclic 2-D convolution by FFT) and its exact eps_crit from the DFT."""
    k = torch.zeros(side, side, dtype=torch.float64)
    for i, row in enumerate(KERNEL):
        for j, v in enumerate(row):
            k[(i - 1) % side, (j - 1) % side] += v
    fk = torch.fft.fft2(k).to(device)
    lam = fk.reshape(-1)
    exact = 0.0 if bool((lam.real >= 0).any()) else float((-2 * lam.real / lam.abs() ** 2).min())
    return (
        (lambda z, x: x + torch.fft.ifft2(fk * torch.fft.fft2(z)).real),
        torch.ones(side, side, dtype=torch.float64, device=device),
        exact,
    )


def timed_audit(force, x, target: float | None, extra: dict) -> tuple[dict, bool]:
    torch.cuda.synchronize()
    torch.cuda.reset_peak_memory_stats()
    t0 = time.perf_counter()
    report = S.audit(force, x, eps=0.1, seed=0, **OPTIONS)
    torch.cuda.synchronize()
    wall = time.perf_counter() - t0
    peak = torch.cuda.max_memory_allocated() / 1e9
    rec = S.record(report)
    ratio = None if target is None else wall / target
    rec["bench"] = {
        **extra,
        "seconds_total": round(wall, 3),
        "target_seconds": target,
        "ratio_to_target": None if ratio is None else round(ratio, 3),
        "peak_memory_gb": round(peak, 2),
        "options": OPTIONS,
        "krylov_seed": 0,
        "input_seed": 1,
        "weights_seed": 0,
    }
    ok = ratio is None or ratio <= 1
    print(
        f"{extra['what']} (state {report.state_dim:,}) on {report.device}: {wall:.1f} s"
        + ("" if ratio is None else f", ratio to the {target:.0f} s target {ratio:.2f} {'ok' if ok else 'SLOW'}")
        + f"; peak {peak:.1f} GB; status {report.status}; eps_crit {report.eps_crit:.6g} +- "
        f"{report.eps_crit_bound:.1e}; phases {report.seconds}; products {report.krylov and report.krylov['matvecs']} "
        f"({report.krylov and report.krylov['product']})",
        flush=True,
    )
    return rec, ok


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--out", default="results", help="folder for the records (must exist)")
    p.add_argument(
        "--runs", default="1m,16m,conv1m,conv16m,33m", help="comma-separated: " + ",".join([*SEED_RUNS, *CONV_RUNS])
    )
    args = p.parse_args()
    if not torch.cuda.is_available():
        print("bench_stability: no CUDA device here; the GPU targets are measured on the GPU machine")
        return 0
    ok = True
    warm = EqBlock(BlockConfig(seq=64, d_model=64, n_heads=4), device="cuda", seed=0)
    S.audit(warm.force, warm.random_input(seed=1), eps=0.1, dense_max=16, krylov=20, want=2, restarts=2)
    del warm
    for name in args.runs.split(","):
        try:
            if name in SEED_RUNS:
                seq, d, heads, target = SEED_RUNS[name]
                dtype = torch.float32 if name.endswith("32") else torch.float64
                block = EqBlock(BlockConfig(seq=seq, d_model=d, n_heads=heads), device="cuda", seed=0, dtype=dtype)
                x = block.random_input(seed=1)
                rec, good = timed_audit(
                    block.force,
                    x,
                    target,
                    {"what": f"seed block seq {seq} x d {d} ({dtype})", "seq": seq, "d_model": d, "heads": heads},
                )
                tag = "-float32" if dtype == torch.float32 else ""
                path = Path(args.out, f"stability-seed-{seq}x{d}{tag}-cuda.json")
                del block, x
            else:
                side, target = CONV_RUNS[name]
                force, x, exact = conv_operator(side, "cuda")
                rec, good = timed_audit(
                    force, x, target, {"what": f"2-D convolution {side} x {side}", "grid": side, "kernel": KERNEL}
                )
                rec["bench"]["exact_eps_crit"] = exact
                if isinstance(rec["eps_crit"], float) and math.isfinite(rec["eps_crit"]):
                    rec["bench"]["relative_error"] = abs(rec["eps_crit"] - exact) / exact
                    norm = rec["krylov"].get("norm") if rec["krylov"] else None
                    if norm:
                        rec["bench"]["exact_inside_bracket"] = norm["lower"] < exact <= norm["upper"]
                print(
                    f"  exact eps_crit from the 2-D DFT {exact:.6g}; relative error "
                    f"{rec['bench'].get('relative_error')}; inside the bracket {rec['bench'].get('exact_inside_bracket')}",
                    flush=True,
                )
                path = Path(args.out, f"stability-conv-{side}x{side}-cuda.json")
                del force, x
            path.write_text(json.dumps(rec, indent=2, default=str) + "\n")
            ok &= good
        except torch.cuda.OutOfMemoryError as exc:
            print(f"{name}: out of GPU memory ({str(exc).splitlines()[0]})", flush=True)
            Path(args.out, f"stability-{name}-oom-cuda.json").write_text(
                json.dumps(
                    {
                        "kind": "stability-audit-oom",
                        "run": name,
                        "device": torch.cuda.get_device_name(),
                        "peak_memory_gb": round(torch.cuda.max_memory_allocated() / 1e9, 2),
                        "error": str(exc).splitlines()[0],
                    },
                    indent=2,
                )
                + "\n"
            )
            ok = False
        torch.cuda.empty_cache()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
