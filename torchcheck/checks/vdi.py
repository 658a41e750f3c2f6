"""Checks for claims V1 and V2 (closed form) on the reference VDI layer: VDI in [0, 1] on random and
real attention maps with its equality cases, and the closed form of uniform causal attention."""

from __future__ import annotations

import math
from typing import Any

import torch

from ..framework import RunContext
from ..models import layers as L
from .layers_common import DTYPES, _tol


# ---------------------------------------------------------------- V1, V2
def _random_attention(shape, temp: float, causal: bool, device, dtype) -> torch.Tensor:
    scores = torch.randn(shape, device=device, dtype=dtype) / temp
    if causal:
        T = shape[-1]
        mask = torch.ones(T, T, dtype=torch.bool, device=device).tril()
        scores = scores.masked_fill(~mask, float("-inf"))
    return torch.softmax(scores, dim=-1)


def check_vdi_bounds(ctx: RunContext) -> dict:
    """VDI in [0,1] on random maps of every sharpness; = 1 uniform, = 0 one-hot."""
    out: dict[str, Any] = {}
    ok = True
    B = ctx.pick(16, 128)
    for dtype in DTYPES:
        tol = _tol(dtype, 64)
        key = str(dtype).replace("torch.", "")
        lo, hi, over_ceiling = 1.0, 0.0, -1.0
        for T in ctx.pick((2, 6, 32), (2, 6, 64, 256)):
            for temp in (1e-2, 0.3, 1.0, 10.0, 1e3):
                for causal in (False, True):
                    A = _random_attention((B, 4, T, T), temp, causal, ctx.device, dtype)
                    if causal:  # fixed H_max = ln T: no causal map scores above ln(T!)/(T ln T)
                        ceiling = L.uniform_causal_vdi(T)
                        over_ceiling = max(over_ceiling, (L.vdi(A, causal=True) - ceiling).max().item())
                    for mode in ("keys", "allowed"):
                        v = L.vdi_rows(A, causal=causal, h_max=mode)
                        v = v[~torch.isnan(v)]
                        lo, hi = min(lo, v.min().item()), max(hi, v.max().item())
        out[f"{key}_vdi_min_max"] = [lo, hi]
        out[f"{key}_causal_fixed_hmax_max_minus_ceiling"] = over_ceiling
        ok &= lo >= -tol and hi <= 1 + tol and over_ceiling <= tol
        T = 64
        uni = torch.full((B, 4, T, T), 1.0 / T, device=ctx.device, dtype=dtype)
        one = torch.nn.functional.one_hot(torch.randint(T, (B, 4, T), device=ctx.device), T).to(dtype)
        cu = torch.ones(T, T, device=ctx.device, dtype=dtype).tril()
        cu = (cu / cu.sum(-1, keepdim=True)).expand(B, 4, T, T)
        e_uni = (L.vdi(uni) - 1).abs().max().item()
        e_one = L.vdi(one).abs().max().item()
        e_cu = (L.vdi(cu, causal=True, h_max="allowed") - 1).abs().max().item()
        e_cf = (L.vdi(cu, causal=True, h_max="keys") - L.uniform_causal_vdi(T)).abs().max().item()
        out[f"{key}_uniform_one_hot_causal_errors"] = [e_uni, e_one, e_cu, e_cf]
        ok &= max(e_uni, e_cu, e_cf) <= tol and e_one == 0.0
    out["passed"] = ok
    return out


def check_vdi_real_attention(ctx: RunContext) -> dict:
    """VDI of real multi-head attention maps (torch.nn.MultiheadAttention), causal and not."""
    torch.manual_seed(ctx.seed)
    d, heads = 64, 4
    B, T = ctx.pick((8, 32), (256, 256))
    mha = torch.nn.MultiheadAttention(d, heads, batch_first=True).to(ctx.device)
    x = torch.randn(B, T, d, device=ctx.device) * 2
    causal = torch.ones(T, T, dtype=torch.bool, device=ctx.device).triu(1)
    out, ok = {"batch": B, "seq": T}, True
    with torch.no_grad():
        for name, mask in (("full", None), ("causal", causal)):
            _, A = mha(x, x, x, attn_mask=mask, need_weights=True, average_attn_weights=False)
            for mode in ("keys", "allowed"):
                v = L.vdi_rows(A, causal=mask is not None, h_max=mode)
                v = v[~torch.isnan(v)]
                out[f"{name}_{mode}_min_max_mean"] = [v.min().item(), v.max().item(), v.mean().item()]
                ok &= v.min().item() >= -1e-5 and v.max().item() <= 1 + 1e-5
    out["passed"] = ok
    return out


def check_vdi_closed_form(ctx: RunContext) -> dict:
    """Uniform causal attention on 6 positions, H_max = ln 6 per row: ln(720)/(6 ln 6) = 0.611992."""
    closed = L.uniform_causal_vdi(6)
    direct = sum(math.log(i) for i in range(1, 7)) / (6 * math.log(6))
    cu = torch.ones(6, 6, dtype=torch.float64, device=ctx.device).tril()
    cu = cu / cu.sum(-1, keepdim=True)
    measured = L.vdi(cu, causal=True, h_max="keys").item()
    allowed = L.vdi(cu, causal=True, h_max="allowed").item()
    table = {t: round(L.uniform_causal_vdi(t), 6) for t in range(2, 11)}
    out = {
        "closed_form": closed,
        "closed_form_6dp": f"{closed:.6f}",
        "sum_form": direct,
        "measured_torch": measured,
        "allowed_normalisation": allowed,
        "published": 0.611992,
        "by_sequence_length": table,
    }
    out["passed"] = (
        f"{closed:.6f}" == "0.611992"
        and abs(closed - direct) <= 1e-15
        and abs(measured - closed) <= 1e-12
        and abs(allowed - 1) <= 1e-12
    )
    return out
