"""GPU speed of ``torchcheck stability`` on the seed's block (float64 throughout).

Targets on one H200: seq 1024 x d 1024 (state 1,048,576) audited in under 10 s, and seq 4096 x
d 4096 (state 16.8M) in under 60 s, after one small warm-up audit (CUDA kernels load on first
use). The Krylov basis has 160 vectors (thick restarts keep 12, at most 6 cycles), so at 16.8M
states it takes 161 x 16.8M x 8 B = 22 GB of the GPU's memory; the linearized Jacobian keeps the
block's intermediates besides. Prints each run's time as a ratio to its target, the Krylov
counts, the deciding Ritz value and the residuals, and writes one record per size to --out.
Without CUDA it says so and exits 0 (nothing to measure here).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import torch

from torchcheck import stability as S
from torchcheck.models.equilibrium import BlockConfig, EqBlock

SIZES = ((1024, 1024, 16, 10.0), (4096, 4096, 32, 60.0))  # seq, d_model, heads, target seconds


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--out", default="results", help="folder for the records (must exist)")
    p.add_argument("--krylov", type=int, default=160)
    p.add_argument("--restarts", type=int, default=6)
    p.add_argument("--only-small", action="store_true")
    args = p.parse_args()
    if not torch.cuda.is_available():
        print("bench_stability: no CUDA device here; the GPU targets are measured on the GPU machine")
        return 0
    ok = True
    # one small audit first, so that the timed runs do not include loading CUDA kernels
    warm = EqBlock(BlockConfig(seq=64, d_model=64, n_heads=4), device="cuda", seed=0)
    S.audit(warm.force, warm.random_input(seed=1), eps=0.1, dense_max=16, krylov=20, want=2, restarts=1)
    del warm
    for seq, d, heads, target in SIZES[:1] if args.only_small else SIZES:
        block = EqBlock(BlockConfig(seq=seq, d_model=d, n_heads=heads), device="cuda", seed=0)
        x = block.random_input(seed=1)
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        report = S.audit(block.force, x, eps=0.1, dense_max=4096, krylov=args.krylov, want=4,
                         restarts=args.restarts)
        torch.cuda.synchronize()
        wall = time.perf_counter() - t0
        rec = S.record(report)
        rec.update({"bench": {"seq": seq, "d_model": d, "heads": heads, "seconds_total": round(wall, 3),
                              "target_seconds": target, "peak_memory_gb": round(torch.cuda.max_memory_allocated() / 2**30, 2)}})
        Path(args.out, f"stability-seed-{seq}x{d}-cuda.json").write_text(json.dumps(rec, indent=2) + "\n")
        ratio = wall / target
        ok &= ratio <= 1
        lead = report.modes[0]
        print(f"seq {seq} x d {d} (state {report.state_dim:,}) on {report.device}: {wall:.1f} s, "
              f"ratio to the {target:.0f} s target {ratio:.2f} {'ok' if ratio <= 1 else 'SLOW'}; "
              f"phases {report.seconds}; Krylov {report.krylov}; deciding mu = {lead.mu_re:.6g} {lead.mu_im:+.6g}i, "
              f"|1 + eps mu| = {lead.multiplier:.6g}, residual {lead.residual:.2e}; "
              f"max residual of the {len(report.modes)} Ritz values {max(m.residual for m in report.modes):.2e}; "
              f"eps_crit over them {report.eps_crit:.6g}", flush=True)
        del block, x, report
        torch.cuda.empty_cache()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
