"""Checks for claims R1-R3, S3, S5, S7, S8 on the reference layers (V1, V2 in ``checks.vdi``; the
suite runs them in this module's ``CHECKS`` order).

Each check measures on ``ctx.device`` (float32 and float64 where it matters) and asserts the
bounds the Coq files prove: the damping's range, the regularizer's bounds with Parseval's
constant, VDI in [0, 1] with its equality cases, the JEPA identity and loss range, and the
certified integer constants.
"""

from __future__ import annotations

import math
from typing import Any

import torch

from ..framework import Check, RunContext, expect_input_errors
from ..models import layers as L
from .layers_common import DTYPES, _tol
from .vdi import check_vdi_bounds, check_vdi_closed_form, check_vdi_real_attention


def _phi() -> float:
    return L.certified_phi()


# ---------------------------------------------------------------- R1
def check_damping(ctx: RunContext) -> dict:
    """r(k) = 1/(1 + phi k^2) over every torch.fft.fftfreq(n, d=1.0) grid, n = 1..n_max."""
    phi = _phi()
    n_max = ctx.pick(256, 4096)
    r_floor = 4 / (4 + phi)  # r at the Nyquist frequency k = -1/2 (even n)
    out: dict[str, Any] = {
        "n_max": n_max,
        "phi": phi,
        "r_at_nyquist_exact": r_floor,
        "max_damped_part_1_minus_r": phi / (4 + phi),
        "max_penalty_weight_1d": (phi / (4 + phi)) ** 2,
        "max_penalty_weight_2d": (phi / (2 + phi)) ** 2,
    }
    ok = True
    for dtype in DTYPES:
        tol = _tol(dtype)
        zero = torch.zeros((), dtype=torch.int64, device=ctx.device)
        worst_min = torch.ones((), dtype=dtype, device=ctx.device)
        bad_range, bad_order, bad_one = zero.clone(), zero.clone(), zero.clone()
        for n in ctx.bar(range(1, n_max + 1), f"damping {dtype}", total=n_max):
            k = torch.fft.fftfreq(n, d=1.0, device=ctx.device, dtype=dtype)
            r = 1.0 / (1.0 + phi * (k * k))  # the formula of L.resolvent_damping, without its input checks
            bad_range += ((r <= 0) | (r > 1)).sum()
            bad_one += ((r == 1) != (k == 0)).sum()
            ka, order = torch.sort(k.abs(), stable=True)
            ra = r[order]
            bad_order += ((ka[1:] > ka[:-1]) & (ra[1:] >= ra[:-1])).sum()
            worst_min = torch.minimum(worst_min, r.min())
        r_min, n_range, n_order, n_one = (float(worst_min), int(bad_range), int(bad_order), int(bad_one))
        grid = torch.linspace(0, 100, ctx.pick(10_001, 1_000_001), device=ctx.device, dtype=torch.float64)
        rg = L.resolvent_damping(grid * grid, phi)
        n_order += int((rg[1:] >= rg[:-1]).sum())
        key = str(dtype).replace("torch.", "")
        out[f"{key}_min_r"] = r_min
        out[f"{key}_violations_range_order_one"] = [n_range, n_order, n_one]
        ok &= n_range == 0 and n_order == 0 and n_one == 0 and abs(r_min - r_floor) <= tol
    out["passed"] = ok
    return out


# ---------------------------------------------------------------- R2
def _penalty_parts(x: torch.Tensor, phi: float, lam: float) -> dict:
    dims = L.transformed_dims(x)
    N = math.prod(x.shape[d] for d in dims)
    reg = L.phi_resolvent_penalty(x, phi, lam).item()
    X = torch.fft.fftn(x, dim=dims)
    spec = (X.real**2 + X.imag**2).mean().item()
    sig = (x * x).mean().item()
    return {"reg": reg, "spectral_energy": spec, "signal_energy": sig, "N": N}


def check_bounds_parseval(ctx: RunContext) -> dict:
    """0 <= reg <= lam c_max mean|X|^2 = lam c_max N mean|x|^2 <= lam N mean|x|^2."""
    phi, lam = _phi(), 1e-4
    shapes = ctx.pick([(64, 256), (4, 3, 32, 32)], [(4096, 4096), (64, 16, 128, 128)])
    out: dict[str, Any] = {"lambda_reg": lam}
    ok = True
    for shape in shapes:
        c_max = (phi / (4 + phi)) ** 2 if len(shape) <= 2 else (phi / (2 + phi)) ** 2
        for dtype in DTYPES:
            x = torch.randn(shape, device=ctx.device, dtype=dtype) * 3.0 + 0.5
            p = _penalty_parts(x, phi, lam)
            tol = _tol(dtype, math.log2(p["N"]) + 1) * 16
            parseval_rel = abs(p["spectral_energy"] - p["N"] * p["signal_energy"]) / (p["N"] * p["signal_energy"])
            ratio = p["reg"] / (lam * p["spectral_energy"])
            key = f"{'x'.join(map(str, shape))}_{str(dtype).replace('torch.', '')}"
            out[key] = {
                "reg": p["reg"],
                "reg_over_lambda_spectral_energy": ratio,
                "c_max": c_max,
                "parseval_rel_error": parseval_rel,
                "reg_over_lambda_N_signal_energy": p["reg"] / (lam * p["N"] * p["signal_energy"]),
            }
            ok &= p["reg"] >= 0 and ratio <= c_max * (1 + tol) and parseval_rel <= tol
            del x
    # "only high frequencies": the lowest non-zero frequency of a length-n signal is penalised too.
    n = 256
    t = torch.arange(n, device=ctx.device, dtype=torch.float64)
    low = torch.cos(2 * math.pi * t / n).unsqueeze(0)
    p = _penalty_parts(low, phi, lam)
    k2 = (1 / n) ** 2
    weight = (phi * k2 / (1 + phi * k2)) ** 2
    out["lowest_frequency_mode"] = {
        "n": n,
        "reg": p["reg"],
        "exact": lam * weight * p["spectral_energy"],
        "penalty_weight": weight,
    }
    ok &= p["reg"] > 0 and abs(p["reg"] - lam * weight * p["spectral_energy"]) <= 1e-9 * p["reg"]
    out["passed"] = ok
    return out


def check_2d_axes_device(ctx: RunContext) -> dict:
    """2-D inputs are damped along both transformed axes; frequencies live on x's device."""
    phi, lam = _phi(), 1e-4
    H = W = ctx.pick(16, 256)
    h = torch.arange(H, device=ctx.device, dtype=torch.float64)
    along_h = torch.cos(math.pi * h).view(1, 1, H, 1).expand(2, 3, H, W).contiguous()
    along_w = along_h.transpose(-1, -2).contiguous()
    exact = lam * (1 - 1 / (1 + phi / 4)) ** 2 * (H * W)  # one coefficient of modulus H W per map
    reg_h = L.phi_resolvent_penalty(along_h, phi, lam)
    reg_w = L.phi_resolvent_penalty(along_w, phi, lam)
    k2 = L.frequency_k2(tuple(along_h.shape), (-2, -1), device=ctx.device, dtype=torch.float32)
    out = {
        "reg_nyquist_along_H": reg_h.item(),
        "reg_nyquist_along_W": reg_w.item(),
        "exact": exact,
        "output_device": str(reg_h.device),
        "k2_device": str(k2.device),
        "k2_max": k2.max().item(),
    }
    out["passed"] = (
        reg_h.device.type == ctx.device.type
        and k2.device.type == ctx.device.type
        and abs(reg_h.item() - exact) <= 1e-12 * exact
        and abs(reg_w.item() - exact) <= 1e-12 * exact
        and abs(k2.max().item() - 0.5) <= 1e-7
    )
    return out


# ---------------------------------------------------------------- R3
def check_published_sketch(ctx: RunContext) -> dict:
    """Run the published sketch as written and repaired (subprocesses); compare with ours."""
    from ..models.published_sketch import run_all

    rec = run_all()
    s, st = rec["summary"], rec["stages"]
    out = dict(s)
    out["source"] = rec["source"]
    out["as_written_error_line"] = st["as_written"].get("error_line")
    out["after_nbsp_error_source"] = st["nbsp_replaced"].get("error_source", "")
    ok = (
        not s["runs_as_written"]
        and "U+00A0" in s["as_written_error"]
        and s["after_nbsp_error"].startswith("SyntaxError")
        and "fftfreq" in st["nbsp_replaced"].get("error_source", "")
        and s["after_repair_error"].startswith("NameError")
        and s.get("repaired_1d_matches_project_rel_diff", 1.0) <= 1e-6
        and s.get("repaired_4d_H_nyquist_sketch_penalty", 1.0) == 0.0
        and s.get("project_4d_H_nyquist_rel_error", 1.0) <= 1e-12
    )
    # On a GPU: the repaired sketch's CPU frequencies meet a CUDA spectrum; ours run there.
    if torch.cuda.is_available():
        cuda_out = s.get("repaired_on_cuda_input", "")
        out["repaired_sketch_on_cuda"] = cuda_out
        x = torch.randn(8, 64, device="cuda")
        out["project_on_cuda"] = L.phi_resolvent_penalty(x).item()
        ok &= cuda_out != "runs"
    out["passed"] = ok
    return out


# ---------------------------------------------------------------- S7
def check_jepa(ctx: RunContext) -> dict:
    """context + patch = h[T-1] - h[0] (to rounding), 1 - cos in [0, 2], both ends attained."""
    out: dict[str, Any] = {}
    ok = True
    B, T, D = ctx.pick((64, 16, 32), (4096, 64, 256))
    for dtype in DTYPES:
        key = str(dtype).replace("torch.", "")
        h = torch.randn(B, T, D, device=ctx.device, dtype=dtype)
        worst_id, cmin, cmax = 0.0, 1.0, -1.0
        for a, b in ((1, 1), (2, T - 1), (3, T // 2), (T // 2, T - 2), (T - 1, T - 1)):
            c, p = L.jepa_vectors(h, a, b)
            full = h[:, T - 1] - h[:, 0]
            scale = h.abs().amax(dim=(-2, -1), keepdim=False).unsqueeze(-1)
            worst_id = max(worst_id, ((c + p - full).abs() / scale).max().item())
            cos = L.cosine(c, p)
            cmin, cmax = min(cmin, cos.min().item()), max(cmax, cos.max().item())
        loss = L.jepa_loss(h, 3, T // 2, reduce=False)
        out[f"{key}_identity_max_rel_error"] = worst_id
        out[f"{key}_cos_min_max"] = [cmin, cmax]
        out[f"{key}_loss_min_max"] = [loss.min().item(), loss.max().item()]
        ok &= worst_id <= 8 * torch.finfo(dtype).eps and cmin >= -1 - _tol(dtype) and cmax <= 1 + _tol(dtype)
        ok &= loss.min().item() >= 0 and loss.max().item() <= 2
        # Equality cases: context parallel to patch (loss 0) and opposite (loss 2).
        g = torch.zeros(B, T, D, device=ctx.device, dtype=dtype)
        v = torch.randn(B, D, device=ctx.device, dtype=dtype)
        g[:, 2:] = v.unsqueeze(1)  # patch = h[2]-h[1] = v, context = h[T-1]-h[2] + h[1]-h[0] = 0
        g[:, T - 1] = 2 * v  # now context = v: parallel
        l0 = L.jepa_loss(g, 2, 2, reduce=False).abs().max().item()
        g[:, T - 1] = 0  # context = -v: opposite
        l2 = (L.jepa_loss(g, 2, 2, reduce=False) - 2).abs().max().item()
        out[f"{key}_equality_case_errors"] = [l0, l2]
        ok &= l0 <= _tol(dtype) and l2 <= _tol(dtype)
    out["passed"] = ok
    return out


# ---------------------------------------------------------------- S3, S5, S8
def check_ut_phinta(ctx: RunContext) -> dict:
    """round(phi^3) = 4 loops; round(d/phi) ranks; PhiNTA parameter counts vs 1664/4096."""
    phi = _phi()
    widths = (64, 128, 256, 512, 768, 1024)
    ranks = {d: L.phinta_rank(d) for d in widths}
    expected = {64: 40, 128: 79, 256: 158, 512: 316, 768: 475, 1024: 633}
    loops = L.ut_loop_count()
    nta = L.PhiNTA(64).to(ctx.device)
    trainable, frozen = nta.parameter_counts()
    x = torch.randn(ctx.pick(8, 4096), 64, device=ctx.device)
    identity_at_init = torch.equal(nta(x), x)
    calls = []

    class Count(torch.nn.Module):
        def forward(self, y):
            calls.append(1)
            return y * 1.5

    y = L.UniversalLoop(Count())(x)
    ratio_loops = (y.norm() / x.norm()).item()
    # 1664 trainable with d = 64 and trainable = 2 d r means r = 13, not round(64/phi) = 40.
    out = {
        "phi_cubed": phi**3,
        "ut_loops": loops,
        "phinta_ranks": ranks,
        "d_over_phi": {d: d / phi for d in widths},
        "phinta_64_trainable_frozen": [trainable, frozen],
        "default_rank_64": nta.rank,
        "published_trainable_frozen": [1664, 4096],
        "published_ratio_exact": 1664 / 4096,
        "published_ratio_3dp": f"{1664 / 4096:.3f}",
        "rank_implied_by_1664": 1664 / (2 * 64),
        "default_rank_ratio": trainable / frozen,
        "identity_at_init": identity_at_init,
        "ut_calls": len(calls),
        "ut_norm_ratio": ratio_loops,
    }
    out["passed"] = (
        loops == 4
        and ranks == expected
        and trainable == 2 * 64 * 40
        and frozen == 4096
        and identity_at_init
        and len(calls) == 4
        and abs(ratio_loops - 1.5**4) < 1e-4
        and f"{1664 / 4096:.3f}" == "0.406"
    )
    return out


# ---------------------------------------------------------------- bad input
def check_bad_input(ctx: RunContext) -> dict:
    """Each kind of bad input is rejected with one InputError (message recorded)."""
    dev = ctx.device
    nan = torch.tensor([[1.0, float("nan")]], device=dev)
    cases = {
        "resolvent_empty": lambda: L.phi_resolvent_penalty(torch.empty(0, 8, device=dev)),
        "resolvent_nan": lambda: L.phi_resolvent_penalty(nan),
        "resolvent_inf": lambda: L.phi_resolvent_penalty(torch.tensor([1.0, float("inf")], device=dev)),
        "resolvent_phi_nonpositive": lambda: L.PhiResolventRegularizer(phi=0.0),
        "resolvent_lambda_negative": lambda: L.PhiResolventRegularizer(lambda_reg=-1e-4),
        "resolvent_integer_input": lambda: L.phi_resolvent_penalty(torch.ones(4, dtype=torch.int64, device=dev)),
        "vdi_empty": lambda: L.vdi(torch.empty(2, 0, 4, device=dev)),
        "vdi_nan": lambda: L.vdi(nan),
        "vdi_rows_not_summing_to_1": lambda: L.vdi(torch.full((3, 3), 0.5, device=dev)),
        "vdi_negative_entry": lambda: L.vdi(torch.tensor([[1.5, -0.5]], device=dev)),
        "vdi_causal_leak": lambda: L.vdi(torch.full((3, 3), 1 / 3, device=dev), causal=True),
        "vdi_one_key": lambda: L.vdi(torch.ones(3, 1, device=dev)),
        "cosine_zero_vector": lambda: L.cosine(torch.zeros(2, 4, device=dev), torch.ones(2, 4, device=dev)),
        "jepa_zero_patch": lambda: L.jepa_loss(torch.ones(2, 6, 4, device=dev), 2, 3),
        "jepa_bad_span": lambda: L.jepa_loss(torch.randn(2, 6, 4, device=dev), 0, 3),
        # a = 1, b = T-1: the patch is the whole sequence and the context is exactly zero.
        "jepa_full_span_zero_context": lambda: L.jepa_loss(torch.randn(2, 6, 4, device=dev), 1, 5),
        "jepa_nan": lambda: L.jepa_loss(torch.full((2, 6, 4), float("nan"), device=dev), 1, 3),
        "phinta_rank_zero_width": lambda: L.phinta_rank(0),
        "ut_zero_loops": lambda: L.UniversalLoop(torch.nn.Identity(), loops=0),
    }
    messages, ok = expect_input_errors(cases)
    return {**messages, "passed": ok}


CHECKS: list[Check] = [
    Check(
        "layers-resolvent-damping",
        "1/(1+phi k^2) on every fftfreq(n, d=1) grid: in (0,1], =1 only at k=0, strictly decreasing "
        "in |k|, minimum 4/(4+phi) at Nyquist (float32, float64)",
        check_damping,
    ),
    Check(
        "layers-resolvent-bounds-parseval",
        "large random batches, 1-D and 2-D, float32/float64: 0 <= reg <= lambda c_max mean|X|^2, "
        "Parseval mean|X|^2 = N mean|x|^2, lowest non-zero frequency penalised too",
        check_bounds_parseval,
    ),
    Check(
        "layers-resolvent-2d-axes",
        "2-D inputs damped along both axes (exact Nyquist penalty), frequencies on the input's device",
        check_2d_axes_device,
    ),
    Check(
        "layers-published-sketch",
        "the published sketch run as written and minimally repaired in subprocesses: errors recorded; "
        "the project's layer equals the repaired sketch on 1-D input and fixes its 2-D and device defects",
        check_published_sketch,
    ),
    Check(
        "layers-vdi-bounds",
        "VDI in [0,1] on random attention maps of every sharpness (causal or not, both H_max); "
        "uniform = 1, one-hot = 0, uniform causal = 1 (allowed) and ln(T!)/(T ln T) (keys), which no causal "
        "map exceeds under the fixed H_max = ln T",
        check_vdi_bounds,
    ),
    Check(
        "layers-vdi-real-attention",
        "VDI in [0,1] on torch.nn.MultiheadAttention maps, with and without a causal mask",
        check_vdi_real_attention,
    ),
    Check(
        "layers-vdi-closed-form",
        "uniform causal attention on 6 positions with H_max = ln 6 scores ln(720)/(6 ln 6) = 0.611992",
        check_vdi_closed_form,
    ),
    Check(
        "layers-jepa", "context + patch = h[T-1]-h[0] to rounding, 1 - cos in [0,2], loss 0 and 2 attained", check_jepa
    ),
    Check(
        "layers-ut-phinta",
        "round(phi^3) = 4 loops, round(d/phi) ranks for d = 64..1024, PhiNTA(64) counts 5120/4096 "
        "vs the published 1664/4096 = 0.406 (rank 13)",
        check_ut_phinta,
    ),
    Check(
        "layers-bad-input",
        "empty, NaN/inf, non-probability rows, zero vectors and non-positive parameters each raise one InputError",
        check_bad_input,
    ),
]
