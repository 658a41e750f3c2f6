"""Experiment for claim R4: does the phi-resolvent regularizer cut the energy to train?

Setup: a teacher-student regression (inputs x ~ N(0, I), targets from a fixed random tanh
teacher, normalised to unit variance), a GELU MLP student trained with Adam (lr 1e-3) on
minibatches taken in a fixed per-seed order.  Three arms share every seed, initialisation and
batch order:
- ``baseline``: the task loss (mean squared error) alone;
- ``reg_1e-4``: plus the published regularizer with its published default lambda_reg = 1e-4,
  applied to the first hidden layer's activations (a 2-D tensor, so as in the published sketch
  the DFT runs over its last axis);
- ``reg_1e-2``: the same with lambda_reg = 1e-2 (sensitivity arm).
The target is fixed once, before the timed runs: the task loss (mean squared error on a fixed
subset of the training set) that a reference baseline run of seed 0 reaches after ``ref_steps``
steps.  Each timed run stops when that loss falls to the target or at ``max_steps`` (3 x
``ref_steps``).  Per run: steps, wall time
and GPU energy in joules from NVML's total-energy counter (nvmlDeviceGetTotalEnergyConsumption
through ctypes on libnvidia-ml.so.1), read after a device synchronisation at start and stop.
Arms are run in a rotating order per seed so drift in clocks or temperature hits all arms.
"""

from __future__ import annotations

import ctypes
import os
import platform
import time
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from pynum.cliutil import positive_int, run_main

from ..framework import InputError, device_name, on_terminal, write_record
from ..models.layers import PhiResolventRegularizer, certified_phi
from . import experiment_parser

ARMS = (("baseline", None), ("reg_1e-4", 1e-4), ("reg_1e-2", 1e-2))
PUBLISHED_ARM = "reg_1e-4"
CLAIMED_CUT = (0.15, 0.30)

SIZES: dict[str, dict[str, Any]] = {
    "small": dict(
        d_in=32,
        width=64,
        teacher_width=32,
        d_out=4,
        n_data=4096,
        batch=256,
        eval_n=1024,
        ref_steps=100,
        max_steps=300,
        eval_every=10,
        seeds=(0, 1),
    ),
    "full": dict(
        d_in=512,
        width=1536,
        teacher_width=256,
        d_out=16,
        n_data=131072,
        batch=8192,
        eval_n=8192,
        ref_steps=1000,
        max_steps=3000,
        eval_every=10,
        seeds=(0, 1, 2, 3, 4),
    ),
}


# ---------------------------------------------------------------- NVML energy counter
class EnergyCounter:
    """NVML total energy (mJ since driver load) of the GPU torch uses; None where unavailable."""

    def __init__(self, device: torch.device):
        self.handle, self.error, self.how = None, "", ""
        if device.type != "cuda":
            self.error = "not a CUDA device"
            return
        try:
            lib = ctypes.CDLL("libnvidia-ml.so.1")
            if lib.nvmlInit_v2() != 0:
                raise OSError("nvmlInit_v2 failed")
            self.lib = lib
            self.handle = self._find_handle(device)
            if self.read_mj() is None:
                raise OSError("nvmlDeviceGetTotalEnergyConsumption not supported")
        except (OSError, AttributeError) as exc:  # no library, no symbol, or unsupported GPU
            self.handle, self.error = None, f"{type(exc).__name__}: {exc}"[:200]

    def _find_handle(self, device: torch.device):
        lib, handle = self.lib, ctypes.c_void_p()
        props = torch.cuda.get_device_properties(device)
        uuid = str(getattr(props, "uuid", "") or "")
        if uuid:
            for text in (uuid if uuid.startswith("GPU-") else "GPU-" + uuid, uuid):
                if lib.nvmlDeviceGetHandleByUUID(text.encode(), ctypes.byref(handle)) == 0:
                    self.how = f"uuid {text}"
                    return handle
        index = device.index if device.index is not None else torch.cuda.current_device()
        visible = os.environ.get("CUDA_VISIBLE_DEVICES", "")
        parts = [p.strip() for p in visible.split(",") if p.strip()]
        if parts and all(p.isdigit() for p in parts) and index < len(parts):
            index = int(parts[index])
        if lib.nvmlDeviceGetHandleByIndex_v2(ctypes.c_uint(index), ctypes.byref(handle)) != 0:
            raise OSError(f"no NVML handle for device index {index}")
        self.how = f"index {index}"
        return handle

    @property
    def available(self) -> bool:
        return self.handle is not None

    def read_mj(self) -> int | None:
        value = ctypes.c_ulonglong()
        if self.lib.nvmlDeviceGetTotalEnergyConsumption(self.handle, ctypes.byref(value)) != 0:
            return None
        return int(value.value)


# ---------------------------------------------------------------- task and model
def make_task(cfg: dict, seed: int, device: torch.device):
    """Fixed dataset (independent of the run seed) and the seed's batch order."""
    g = torch.Generator().manual_seed(20_26)
    x = torch.randn(cfg["n_data"], cfg["d_in"], generator=g)
    W1 = torch.randn(cfg["d_in"], cfg["teacher_width"], generator=g) * (2.0 / cfg["d_in"] ** 0.5)
    W2 = torch.randn(cfg["teacher_width"], cfg["d_out"], generator=g) / cfg["teacher_width"] ** 0.5
    y = torch.tanh(x @ W1) @ W2
    y = (y - y.mean(0)) / y.std(0)
    order = torch.randperm(cfg["n_data"], generator=torch.Generator().manual_seed(seed))
    return x.to(device), y.to(device), order.to(device)


class Student(nn.Module):
    def __init__(self, cfg: dict):
        super().__init__()
        self.l1 = nn.Linear(cfg["d_in"], cfg["width"])
        self.l2 = nn.Linear(cfg["width"], cfg["width"])
        self.l3 = nn.Linear(cfg["width"], cfg["d_out"])

    def forward(self, x):
        h1 = F.gelu(self.l1(x))
        return self.l3(F.gelu(self.l2(h1))), h1


def train_once(
    cfg: dict, seed: int, lam: float | None, data, device, energy: EnergyCounter, target: float | None
) -> dict:
    """One run from the seed's initialisation until the task loss <= target (or max_steps)."""
    x, y, order = data
    torch.manual_seed(seed)
    model = Student(cfg).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    reg = PhiResolventRegularizer(lambda_reg=lam) if lam is not None else None
    ex, ey = x[: cfg["eval_n"]], y[: cfg["eval_n"]]
    B, n = cfg["batch"], cfg["n_data"]

    def eval_loss() -> float:
        with torch.no_grad():
            return F.mse_loss(model(ex)[0], ey).item()

    init_loss = eval_loss()
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    e0 = energy.read_mj() if energy.available else None
    t0 = time.perf_counter()
    step, reached, loss_now, reg_last = 0, False, init_loss, 0.0
    while step < cfg["max_steps"]:
        start = (step * B) % n
        idx = order[start : start + B] if start + B <= n else torch.cat([order[start:], order[: start + B - n]])
        out, h1 = model(x[idx])
        loss = F.mse_loss(out, y[idx])
        if reg is not None:
            r = reg(h1)
            total = loss + r
        else:
            r, total = None, loss
        opt.zero_grad(set_to_none=True)
        total.backward()
        opt.step()
        step += 1
        if step % cfg["eval_every"] == 0:
            loss_now = eval_loss()
            if r is not None:
                reg_last = r.item()
            if target is not None and loss_now <= target:
                reached = True
                break
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    wall = time.perf_counter() - t0
    e1 = energy.read_mj() if energy.available else None
    joules = (e1 - e0) / 1000.0 if e0 is not None and e1 is not None else None
    return {
        "seed": seed,
        "lambda_reg": lam,
        "initial_loss": init_loss,
        "target": target,
        "reached": reached,
        "steps": step,
        "final_task_loss": loss_now,
        "last_reg_value": reg_last,
        "wall_s": wall,
        "energy_j": joules,
        "mean_power_w": joules / wall if joules else None,
    }


def _sum(runs, key):
    vals = [r[key] for r in runs]
    return None if any(v is None for v in vals) else float(sum(vals))


def run(size: str, device: torch.device, progress: bool = True, overrides: dict | None = None) -> dict:
    cfg = dict(SIZES[size])
    cfg.update(overrides or {})
    seeds = tuple(cfg["seeds"])
    t_start = time.perf_counter()
    energy = EnergyCounter(device)
    threads = torch.get_num_threads()
    if device.type == "cpu" and size == "small":
        torch.set_num_threads(1)
    try:
        # Warm-up (cuBLAS/cuFFT plans, allocator) with both code paths; not recorded.
        warm = dict(cfg, max_steps=20)
        data0 = make_task(cfg, seeds[0], device)
        for _, lam in ARMS[:2]:
            train_once(warm, seeds[0], lam, data0, device, energy, None)
        # The target: what the baseline reaches in ref_steps steps (reference run, seed 0).
        ref = train_once(dict(cfg, max_steps=cfg["ref_steps"]), seeds[0], None, data0, device, energy, None)
        target = ref["final_task_loss"]
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in ARMS}
        jobs = []
        for i, s in enumerate(seeds):
            rot = ARMS[i % len(ARMS) :] + ARMS[: i % len(ARMS)]
            jobs += [(s, name, lam) for name, lam in rot]
        bar = None
        if progress and on_terminal():
            from tqdm import tqdm

            bar = tqdm(total=len(jobs), desc="resolvent-energy runs", leave=False)
        data = {}
        for s, name, lam in jobs:
            if s not in data:
                data[s] = make_task(cfg, s, device)
            res = train_once(cfg, s, lam, data[s], device, energy, target)
            res["arm"] = name
            runs[name].append(res)
            if bar is not None:
                bar.update(1)
                bar.set_postfix(arm=name, seed=s, steps=res["steps"])
        if bar is not None:
            bar.close()
    finally:
        torch.set_num_threads(threads)
    for name in runs:
        runs[name].sort(key=lambda r: r["seed"])
    summary = {}
    base = runs["baseline"]
    for name, _ in ARMS:
        rs = runs[name]
        entry = {
            "all_reached": all(r["reached"] for r in rs),
            "steps": [r["steps"] for r in rs],
            "total_steps": sum(r["steps"] for r in rs),
            "total_wall_s": _sum(rs, "wall_s"),
            "total_energy_j": _sum(rs, "energy_j"),
        }
        if name != "baseline":
            entry["step_reduction"] = 1 - entry["total_steps"] / sum(r["steps"] for r in base)
            entry["wall_reduction"] = 1 - entry["total_wall_s"] / _sum(base, "wall_s")
            eb, er = _sum(base, "energy_j"), entry["total_energy_j"]
            entry["energy_reduction"] = (1 - er / eb) if eb and er is not None else None
            entry["per_seed_energy_reduction"] = [
                (1 - r["energy_j"] / b["energy_j"]) if r["energy_j"] and b["energy_j"] else None
                for r, b in zip(rs, base)
            ]
        summary[name] = entry
    pub = summary[PUBLISHED_ARM]
    both_reached = summary["baseline"]["all_reached"] and pub["all_reached"]
    cut = pub.get("energy_reduction")
    return {
        "experiment": "resolvent-energy",
        "claims": ["R4"],
        "device": device_name(device),
        "device_type": device.type,
        "torch": torch.__version__,
        "python": platform.python_version(),
        "size": size,
        "seeds": list(seeds),
        "config": dict(
            cfg,
            seeds=list(seeds),
            optimizer="Adam",
            lr=1e-3,
            phi=certified_phi(),
            regularizer_on="first hidden activations (batch, width): DFT over the width axis",
            target="task MSE on the first eval_n training examples <= the loss the baseline "
            "(seed 0) reaches after ref_steps steps",
            arms={name: lam for name, lam in ARMS},
            published_arm=PUBLISHED_ARM,
        ),
        "energy_counter": {
            "available": energy.available,
            "how": energy.how,
            "error": energy.error,
            "source": "nvmlDeviceGetTotalEnergyConsumption (mJ), libnvidia-ml.so.1 via ctypes",
        },
        "times": {"total_s": round(time.perf_counter() - t_start, 3)},
        "target_loss": target,
        "reference_run": ref,
        "runs": runs,
        "summary": summary,
        "numbers": {
            "claimed_energy_cut": list(CLAIMED_CUT),
            "published_arm": PUBLISHED_ARM,
            "both_arms_reached_target_all_seeds": both_reached,
            "baseline_total_energy_j": summary["baseline"]["total_energy_j"],
            "published_arm_total_energy_j": pub["total_energy_j"],
            "published_arm_energy_reduction": cut,
            "published_arm_step_reduction": pub["step_reduction"],
            "published_arm_wall_reduction": pub["wall_reduction"],
            "published_arm_meets_claim": (both_reached and cut is not None and cut >= CLAIMED_CUT[0]),
        },
    }


def main(argv: list[str] | None = None) -> int:
    """Entry point (``torchcheck experiment resolvent-energy``): bad input is one line on stderr and status 2."""
    return run_main(_main, argv, user_errors=(InputError,))


def _main(argv: list[str] | None) -> int:
    ap = experiment_parser("resolvent-energy", __doc__.split("\n")[0], tuple(SIZES))
    ap.add_argument(
        "--ref-steps",
        type=positive_int,
        metavar="N",
        help="steps of the reference run that sets "
        "the target (a multiple of 10); the timed runs stop at 3x this (default: the size's)",
    )
    ap.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    args = ap.parse_args(argv)
    if args.device == "cuda" and not torch.cuda.is_available():
        raise InputError("--device cuda asked for, but torch sees no CUDA device")
    if args.ref_steps is not None and (args.ref_steps < 10 or args.ref_steps % 10):
        raise InputError("--ref-steps must be a positive multiple of 10")
    size = args.size or ("full" if args.device == "cuda" else "small")
    over = {"ref_steps": args.ref_steps, "max_steps": 3 * args.ref_steps} if args.ref_steps else {}
    rec = run(size, torch.device(args.device), progress=not args.no_progress, overrides=over)
    n, s = rec["numbers"], rec["summary"]
    for name, _ in ARMS:
        e = s[name]
        print(
            f"{name:9s} steps {e['steps']} wall {e['total_wall_s']:.2f} s energy "
            f"{e['total_energy_j'] if e['total_energy_j'] is not None else 'n/a'} J reached {e['all_reached']}"
        )
    print(
        f"published arm energy reduction: {n['published_arm_energy_reduction']} "
        f"(claimed 0.15-0.30); counter: {rec['energy_counter']['how'] or rec['energy_counter']['error']}"
    )
    if args.out:
        write_record(rec, args.out, indent=1)
    return 0
