"""Reference torch layers for claims R1-R4, V1-V3 and S3-S8, written from the mathematics.

- ``PhiResolventRegularizer``: lambda_reg * mean |X - r X|^2 with X the DFT of the input over
  its last axis (inputs of dimension <= 2) or its last two axes (dimension > 2), and the
  damping r(k) = 1/(1 + phi |k|^2), |k|^2 summed over *every* transformed axis, with the
  frequencies (torch.fft.fftfreq, spacing d) made on the input's device and dtype.
- ``attention_entropy`` / ``vdi``: the VDI H/H_max of attention rows, with H_max = ln(#keys)
  (the published definition) or ln(#allowed keys) (the right one for causal attention).
- ``jepa_vectors`` / ``jepa_loss``: the linear-span JEPA loss 1 - cos(context, patch).
- ``ut_loop_count`` and ``phinta_rank``: round(phi^3) and round(d/phi) from the certified phi.
- ``PhiNTA``: a frozen (1/phi)-scaled orthogonal map plus a trainable low-rank adapter.

Every function rejects bad input (empty, non-finite, wrong shape, non-positive parameters,
rows that are not probability vectors, zero vectors for a cosine) with one ``InputError``.
"""

from __future__ import annotations

import math
from functools import cache

import torch
from torch import nn

from ..framework import InputError

__all__ = [
    "certified_phi",
    "ut_loop_count",
    "phinta_rank",
    "resolvent_damping",
    "frequency_k2",
    "PhiResolventRegularizer",
    "phi_resolvent_penalty",
    "attention_entropy",
    "vdi_rows",
    "vdi",
    "uniform_causal_vdi",
    "jepa_vectors",
    "jepa_loss",
    "PhiNTA",
    "UniversalLoop",
]


# ---------------------------------------------------------------- certified constants
@cache
def _phi_mp(digits: int = 40):
    """phi as an mpmath number, from pynum's certified constants (checked against the
    enclosure that coq/Enclosures.v proves)."""
    import mpmath

    try:
        from pynum import constants

        const = constants.get("PHI")
        value = mpmath.mpf(const.digits(digits))
        lo, hi = mpmath.mpf(const.enclosure.lo), mpmath.mpf(const.enclosure.hi)
    except ImportError:  # older layout: evaluate the registry definition directly
        from pynum.constants.expr import eval_mpmath

        value, lo, hi = eval_mpmath("PHI", digits), None, None
    if lo is not None and not lo <= value <= hi:
        raise RuntimeError(f"phi = {value} lies outside its certified enclosure [{lo}, {hi}]")
    return value


def certified_phi() -> float:
    """phi = (1 + sqrt 5)/2 as the nearest float64, from pynum's registry."""
    return float(_phi_mp())


def _round_exact(x) -> int:
    """Nearest integer to an irrational mpmath value (ties cannot occur; asserted)."""
    import mpmath

    n = int(mpmath.nint(x))
    if abs(x - n) >= mpmath.mpf("0.5") - mpmath.mpf(10) ** -30:
        raise InputError(f"value {x} is too close to a half-integer to round safely")
    return n


def ut_loop_count() -> int:
    """The Universal-Transformer loop count round(phi^3) = round(2 phi + 1) = 4 (claim S3)."""
    return _round_exact(_phi_mp() ** 3)


def phinta_rank(model_dim: int) -> int:
    """The PhiNTA default rank round(model_dim / phi), nearest integer (claim S5).

    d/phi is irrational for every integer d >= 1, so the rounding never meets a tie and
    round-half-even, round-half-up and Python's ``round`` all agree.
    """
    if isinstance(model_dim, bool) or not isinstance(model_dim, int) or model_dim <= 0:
        raise InputError(f"model_dim must be a positive integer, got {model_dim!r}")
    return _round_exact(model_dim / _phi_mp())


# ---------------------------------------------------------------- input validation
def _require_tensor(x, name: str) -> torch.Tensor:
    if not isinstance(x, torch.Tensor):
        raise InputError(f"{name} must be a torch.Tensor, got {type(x).__name__}")
    if x.numel() == 0:
        raise InputError(f"{name} is empty (shape {tuple(x.shape)})")
    if not (x.is_floating_point() or x.is_complex()):
        raise InputError(f"{name} must be floating point, got dtype {x.dtype}")
    if not bool(torch.isfinite(x).all()):
        raise InputError(f"{name} contains NaN or infinite values")
    return x


def _positive(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise InputError(f"{name} must be a positive finite number, got {value!r}")
    return float(value)


# ---------------------------------------------------------------- phi-resolvent (R1-R3)
def resolvent_damping(k2: torch.Tensor, phi: float | None = None) -> torch.Tensor:
    """r = 1/(1 + phi k^2) for squared frequencies k2 >= 0 (claim R1)."""
    phi = certified_phi() if phi is None else _positive(phi, "phi")
    k2 = _require_tensor(k2, "k2")
    if bool((k2 < 0).any()):
        raise InputError("k2 (squared frequencies) must be non-negative")
    return 1.0 / (1.0 + phi * k2)


def transformed_dims(x: torch.Tensor) -> tuple[int, ...]:
    """The axes the published sketch transforms: last two for x.dim() > 2, else the last."""
    return (-2, -1) if x.dim() > 2 else (-1,)


def frequency_k2(
    shape: tuple[int, ...], dims: tuple[int, ...], d: float = 1.0, device=None, dtype=torch.float32
) -> torch.Tensor:
    """|k|^2 = sum over the transformed axes of fftfreq(n, d)^2, broadcastable to ``shape``."""
    d = _positive(d, "d")
    ndim = len(shape)
    k2 = torch.zeros((1,) * ndim, device=device, dtype=dtype)
    for ax in dims:
        ax = ax % ndim
        f = torch.fft.fftfreq(shape[ax], d=d, device=device, dtype=dtype)
        view = [1] * ndim
        view[ax] = shape[ax]
        k2 = k2 + (f * f).reshape(view)
    return k2


def _real_dtype(x: torch.Tensor) -> torch.dtype:
    return x.real.dtype if x.is_complex() else x.dtype


def phi_resolvent_penalty(
    x: torch.Tensor,
    phi: float | None = None,
    lambda_reg: float = 1e-4,
    d: float = 1.0,
    dims: tuple[int, ...] | None = None,
) -> torch.Tensor:
    """lambda_reg * mean over all DFT coefficients of |X - r X|^2 = lambda_reg*mean((1-r)^2 |X|^2)."""
    phi = certified_phi() if phi is None else _positive(phi, "phi")
    lambda_reg = _positive(lambda_reg, "lambda_reg")
    x = _require_tensor(x, "x")
    dims = transformed_dims(x) if dims is None else tuple(dims)
    if x.dim() == 0 or any(not -x.dim() <= a < x.dim() for a in dims):
        raise InputError(f"cannot transform axes {dims} of a tensor of shape {tuple(x.shape)}")
    X = torch.fft.fftn(x, dim=dims)
    k2 = frequency_k2(tuple(x.shape), dims, d, device=x.device, dtype=_real_dtype(x))
    damped = X - X * (1.0 / (1.0 + phi * k2))
    return lambda_reg * torch.mean(damped.real**2 + damped.imag**2)


class PhiResolventRegularizer(nn.Module):
    """The phi-resolvent regularizer the published sketch describes, with its defects fixed.

    Same rule for which axes are transformed (last two for x.dim() > 2, else the last), same
    defaults (lambda_reg = 1e-4, fftfreq spacing d = 1.0); phi defaults to the certified
    value instead of 1.618034; |k|^2 includes every transformed axis; frequencies are built
    on the input's device and dtype.
    """

    def __init__(self, phi: float | None = None, lambda_reg: float = 1e-4, d: float = 1.0):
        super().__init__()
        self.phi = certified_phi() if phi is None else _positive(phi, "phi")
        self.lambda_reg = _positive(lambda_reg, "lambda_reg")
        self.d = _positive(d, "d")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return phi_resolvent_penalty(x, self.phi, self.lambda_reg, self.d)


# ---------------------------------------------------------------- VDI (V1, V2)
def _tolerance(dtype: torch.dtype, n: int) -> float:
    eps = torch.finfo(dtype).eps
    return max(64.0 * eps * n, 1e-6 if dtype == torch.float64 else 64.0 * eps)


def _allowed_mask(tq: int, tk: int, device) -> torch.Tensor:
    """Causal mask (True = allowed) for tq queries aligned to the last tq of tk keys."""
    q = torch.arange(tq, device=device).unsqueeze(1) + (tk - tq)
    k = torch.arange(tk, device=device).unsqueeze(0)
    return k <= q


def _check_attention(attn: torch.Tensor, causal: bool) -> torch.Tensor:
    attn = _require_tensor(attn, "attention map")
    if attn.is_complex():
        raise InputError("attention map must be real")
    if attn.dim() < 2:
        raise InputError(f"attention map needs shape (..., queries, keys), got {tuple(attn.shape)}")
    tq, tk = attn.shape[-2:]
    if causal and tq > tk:
        raise InputError(f"causal attention needs queries <= keys, got {tq} > {tk}")
    tol = _tolerance(attn.dtype, tk)
    if bool((attn < -tol).any()):
        raise InputError("attention rows must be probability vectors: negative entry found")
    err = (attn.sum(-1) - 1.0).abs().max().item()
    if err > tol:
        raise InputError(f"attention rows must be probability vectors: a row sums to 1 +- {err:.3g}")
    if causal:
        leak = attn.masked_fill(_allowed_mask(tq, tk, attn.device), 0.0).abs().max().item()
        if leak > tol:
            raise InputError(f"causal attention puts mass {leak:.3g} on a future key")
    return attn.clamp_min(0.0)


def attention_entropy(attn: torch.Tensor, causal: bool = False) -> torch.Tensor:
    """Shannon entropy (nats) of each attention row, with 0 ln 0 = 0; shape attn.shape[:-1]."""
    p = _check_attention(attn, causal)
    return -torch.special.xlogy(p, p).sum(-1)


def vdi_rows(attn: torch.Tensor, causal: bool = False, h_max: str = "keys") -> torch.Tensor:
    """VDI = H/H_max per attention row.

    h_max="keys": H_max = ln(number of keys) for every row (the published definition).
    h_max="allowed": H_max = ln(number of keys the row may attend to) (right for causal
    attention); a row with a single allowed key has H = H_max = 0 and gets NaN (undefined).
    """
    if h_max not in ("keys", "allowed"):
        raise InputError(f"h_max must be 'keys' or 'allowed', got {h_max!r}")
    H = attention_entropy(attn, causal)
    tq, tk = attn.shape[-2:]
    if h_max == "keys":
        if tk < 2:
            raise InputError("VDI needs at least 2 keys (H_max = ln 1 = 0)")
        return H / math.log(tk)
    if causal:
        n = _allowed_mask(tq, tk, attn.device).sum(-1).to(H.dtype)
    else:
        n = torch.full((tq,), float(tk), dtype=H.dtype, device=attn.device)
    hmax = torch.log(n)
    out = H / torch.where(n > 1, hmax, torch.ones_like(hmax))
    return torch.where(n > 1, out, torch.full_like(out, float("nan")))


def vdi(attn: torch.Tensor, causal: bool = False, h_max: str = "keys") -> torch.Tensor:
    """Mean VDI over the defined rows of each map; shape attn.shape[:-2] (claim V1)."""
    rows = vdi_rows(attn, causal, h_max)
    return torch.nanmean(rows, dim=-1)


def uniform_causal_vdi(t: int) -> float:
    """Mean VDI of uniform causal attention on t positions with H_max = ln t for every row:
    (1/t) sum_{i=1..t} ln i / ln t = ln(t!)/(t ln t); 0.611992... for t = 6 (claim V2)."""
    if isinstance(t, bool) or not isinstance(t, int) or t < 2:
        raise InputError(f"t must be an integer >= 2, got {t!r}")
    return math.lgamma(t + 1) / (t * math.log(t))


# ---------------------------------------------------------------- JEPA (S7)
def jepa_vectors(h: torch.Tensor, a: int, b: int) -> tuple[torch.Tensor, torch.Tensor]:
    """context = (h[a-1] - h[0]) + (h[T-1] - h[b]) and patch = h[b] - h[a-1] along axis -2.

    h has shape (..., T, D); needs 1 <= a <= b <= T-1 so that the patch is a real span.
    """
    h = _require_tensor(h, "hidden states")
    if h.dim() < 2:
        raise InputError(f"hidden states need shape (..., T, D), got {tuple(h.shape)}")
    T = h.shape[-2]
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (a, b)) or not 1 <= a <= b <= T - 1:
        raise InputError(f"span needs integers 1 <= a <= b <= T-1 = {T - 1}, got a={a!r}, b={b!r}")
    first, last = h[..., 0, :], h[..., T - 1, :]
    context = (h[..., a - 1, :] - first) + (last - h[..., b, :])
    patch = h[..., b, :] - h[..., a - 1, :]
    return context, patch


def cosine(u: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """Cosine similarity along the last axis; a zero vector raises (the cosine is undefined)."""
    nu, nv = torch.linalg.vector_norm(u, dim=-1), torch.linalg.vector_norm(v, dim=-1)
    if bool((nu == 0).any()) or bool((nv == 0).any()):
        raise InputError("cosine similarity of a zero vector is undefined")
    return (u * v).sum(-1) / (nu * nv)


def jepa_loss(h: torch.Tensor, a: int, b: int, reduce: bool = True) -> torch.Tensor:
    """1 - cos(context, patch), in [0, 2] by Cauchy-Schwarz (rounding clamped away)."""
    context, patch = jepa_vectors(h, a, b)
    loss = 1.0 - cosine(context, patch).clamp(-1.0, 1.0)
    return loss.mean() if reduce else loss


# ---------------------------------------------------------------- PhiNTA and UT (S3, S5, S8)
class PhiNTA(nn.Module):
    """x + B A (W0 x): W0 a frozen orthogonal map scaled by 1/phi, A (r x d) and B (d x r)
    trainable, B zero at start (so the adapter starts as the identity map).

    rank 0 means the default round(model_dim/phi). Trainable parameters: 2 d r; frozen: d^2.
    """

    basis: torch.Tensor  # the frozen W0, a registered buffer

    def __init__(self, model_dim: int, rank: int = 0, seed: int = 1597):
        super().__init__()
        if isinstance(rank, bool) or not isinstance(rank, int) or rank < 0:
            raise InputError(f"rank must be an integer >= 0 (0 = default), got {rank!r}")
        self.model_dim = model_dim
        self.rank = phinta_rank(model_dim) if rank == 0 else rank
        g = torch.Generator().manual_seed(seed)
        q, r = torch.linalg.qr(torch.randn(model_dim, model_dim, generator=g, dtype=torch.float64))
        q = q * torch.sign(torch.diagonal(r)).unsqueeze(0)
        self.register_buffer("basis", (q / float(_phi_mp())).to(torch.float32))
        self.A = nn.Parameter(torch.randn(self.rank, model_dim, generator=g) / math.sqrt(model_dim))
        self.B = nn.Parameter(torch.zeros(model_dim, self.rank))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = _require_tensor(x, "x")
        if x.shape[-1] != self.model_dim:
            raise InputError(f"last axis must have size {self.model_dim}, got {x.shape[-1]}")
        return x + (x @ self.basis.T) @ self.A.T @ self.B.T

    def parameter_counts(self) -> tuple[int, int]:
        """(trainable, frozen) numbers of scalars."""
        trainable = sum(p.numel() for p in self.parameters() if p.requires_grad)
        return trainable, self.basis.numel()


class UniversalLoop(nn.Module):
    """Apply one weight-shared block ``loops`` times (default round(phi^3) = 4)."""

    def __init__(self, block: nn.Module, loops: int | None = None):
        super().__init__()
        loops = ut_loop_count() if loops is None else loops
        if isinstance(loops, bool) or not isinstance(loops, int) or loops < 1:
            raise InputError(f"loops must be a positive integer, got {loops!r}")
        self.block, self.loops = block, loops

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for _ in range(self.loops):
            x = self.block(x)
        return x
