"""The equilibrium transformer block of the backprop-free equilibrium transformer note (claims E1-E11) and the tools to study its relaxation.

The block (EP_DIAGNOSIS_DOSSIER, "Setup"):

    F(z) = x - (1 + c) z + Attn(LN1 z) + FFN(LN2 z)

with causal softmax attention with independent W_Q, W_K, W_V, W_O (optional RMS
normalisation of queries and keys, "qknorm"), a 4x GELU (tanh form) FFN, c = 1, relaxed by
explicit Euler ``z <- z + eps F(z)`` with eps = 0.1.  Here also: the backward (implicit)
Euler step, the Euler map's Jacobian-vector products, and a variant with a certified Lipschitz
bound. Fixed points, Jacobians, spectra and eps_crit come from ``torchcheck.engine``.

Shapes: a state ``z`` and an input ``x`` are ``(batch, seq, d_model)`` (or ``(seq, d_model)``
for one sequence); the map acts on each sequence separately.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch.func import jvp, vjp

from ..framework import InputError

Tensor = torch.Tensor

# sup over R of the derivative of the tanh-form GELU is 1.12899... (near x = 1.5);
# tests/test_equilibrium.py checks this bound on a fine grid together with the derivative's
# Lipschitz constant, so the margin covers the grid spacing.
GELU_TANH_DERIV_BOUND = 1.1291
ATTN_CHUNK_BYTES = 2 * 2**30  # attention scores of at most this many bytes at a time (heads in groups)


# --------------------------------------------------------------------------- validation


def check_eps(eps: float, name: str = "eps") -> float:
    """A step size must be a finite positive number."""
    try:
        val = float(eps)
    except (TypeError, ValueError):
        raise InputError(f"{name} must be a number, got {eps!r}") from None
    if not math.isfinite(val) or val <= 0:
        raise InputError(f"{name} must be a finite positive number, got {eps!r}")
    return val


def check_state(t: Tensor, cfg: BlockConfig, name: str) -> Tensor:
    """A state or input must be a finite tensor of shape (..., seq, d_model)."""
    if not isinstance(t, Tensor):
        raise InputError(f"{name} must be a torch tensor, got {type(t).__name__}")
    if t.dim() not in (2, 3) or tuple(t.shape[-2:]) != (cfg.seq, cfg.d_model):
        raise InputError(
            f"{name} has shape {tuple(t.shape)}; expected (batch, {cfg.seq}, "
            f"{cfg.d_model}) or ({cfg.seq}, {cfg.d_model})"
        )
    if not torch.isfinite(t).all():
        raise InputError(f"{name} contains NaN or infinite entries")
    return t


def check_pair(z: Tensor, x: Tensor, cfg: BlockConfig) -> None:
    """z and x are valid states and x is z's shape (or one sequence shared by the batch)."""
    check_state(x, cfg, "x")
    check_state(z, cfg, "z")
    if tuple(x.shape) != tuple(z.shape) and tuple(x.shape) != tuple(z.shape[-2:]):
        raise InputError(f"state z {tuple(z.shape)} and input x {tuple(x.shape)} do not match")


# --------------------------------------------------------------------------- the block


@dataclass(frozen=True)
class BlockConfig:
    """Sizes and constants of one block (the seed's defaults: c = 1, eps = 0.1, qknorm on)."""

    seq: int
    d_model: int
    n_heads: int
    ffn_mult: int = 4
    c: float = 1.0
    eps: float = 0.1
    qknorm: bool = True
    attn_gain: float = 1.0
    ffn_gain: float = 1.0

    def __post_init__(self) -> None:
        for name in ("seq", "d_model", "n_heads", "ffn_mult"):
            v = getattr(self, name)
            if not isinstance(v, int) or v <= 0:
                raise InputError(f"{name} must be a positive integer, got {v!r}")
        if self.d_model % self.n_heads:
            raise InputError(f"d_model={self.d_model} is not a multiple of n_heads={self.n_heads}")
        check_eps(self.eps)
        if not math.isfinite(self.c) or self.c <= -1:
            raise InputError(f"damping c must be finite and > -1, got {self.c!r}")

    @property
    def state_dim(self) -> int:
        return self.seq * self.d_model


def _layer_norm(z: Tensor, g: Tensor, b: Tensor) -> Tensor:
    mu = z.mean(-1, keepdim=True)
    var = ((z - mu) ** 2).mean(-1, keepdim=True)
    return (z - mu) / torch.sqrt(var + 1e-5) * g + b


def _rms(q: Tensor) -> Tensor:
    return q / torch.sqrt((q * q).mean(-1, keepdim=True) + 1e-6)


def gelu_tanh(u: Tensor) -> Tensor:
    return 0.5 * u * (1 + torch.tanh(math.sqrt(2 / math.pi) * (u + 0.044715 * u**3)))


class EqBlock:
    """One equilibrium block with fixed random weights (a plain function of the state)."""

    def __init__(
        self, cfg: BlockConfig, device: torch.device | str = "cpu", dtype: torch.dtype = torch.float64, seed: int = 0
    ) -> None:
        self.cfg = cfg
        self.device = torch.device(device)
        self.dtype = dtype
        g = torch.Generator(device="cpu").manual_seed(seed)
        d, h = cfg.d_model, cfg.ffn_mult * cfg.d_model

        def w(n_in: int, n_out: int, gain: float = 1.0) -> Tensor:
            return (torch.randn(n_in, n_out, generator=g, dtype=torch.float64) * (gain / math.sqrt(n_in))).to(
                self.device, dtype
            )

        self.WQ, self.WK, self.WV = w(d, d), w(d, d), w(d, d)
        self.WO = w(d, d, cfg.attn_gain)
        self.W1, self.W2 = w(d, h), w(h, d, cfg.ffn_gain)
        self.b1 = torch.zeros(h, device=self.device, dtype=dtype)
        self.b2 = torch.zeros(d, device=self.device, dtype=dtype)
        one = torch.ones(d, device=self.device, dtype=dtype)
        zero = torch.zeros(d, device=self.device, dtype=dtype)
        self.ln1 = (one.clone(), zero.clone())
        self.ln2 = (one.clone(), zero.clone())
        mask = torch.ones(cfg.seq, cfg.seq, dtype=torch.bool, device=self.device).tril()
        self.causal = mask

    # -- the learned part G and the force F
    def attn(self, h: Tensor) -> Tensor:
        cfg = self.cfg
        nh, dh = cfg.n_heads, cfg.d_model // cfg.n_heads
        lead = h.shape[:-2]
        S = h.shape[-2]

        def heads(t: Tensor) -> Tensor:
            return t.reshape(*lead, S, nh, dh).transpose(-3, -2)

        q, k, v = heads(h @ self.WQ), heads(h @ self.WK), heads(h @ self.WV)
        if cfg.qknorm:
            q, k = _rms(q), _rms(k)
        # the heads in groups whose scores fit ATTN_CHUNK_BYTES: the same values, a smaller peak
        batch = math.prod(lead) if lead else 1
        group = max(1, ATTN_CHUNK_BYTES // max(1, batch * S * S * h.element_size()))
        outs = []
        for i in range(0, nh, group):
            qi, ki, vi = q[..., i : i + group, :, :], k[..., i : i + group, :, :], v[..., i : i + group, :, :]
            logits = (qi @ ki.transpose(-1, -2)) / math.sqrt(dh)
            logits = logits.masked_fill(~self.causal[:S, :S], float("-inf"))
            outs.append(torch.softmax(logits, dim=-1) @ vi)
        o = (outs[0] if len(outs) == 1 else torch.cat(outs, dim=-3)).transpose(-3, -2).reshape(*lead, S, cfg.d_model)
        return o @ self.WO

    def ffn(self, h: Tensor) -> Tensor:
        return gelu_tanh(h @ self.W1 + self.b1) @ self.W2 + self.b2

    def learned(self, z: Tensor) -> Tensor:
        """G(z) = Attn(LN1 z) + FFN(LN2 z)."""
        return self.attn(_layer_norm(z, *self.ln1)) + self.ffn(_layer_norm(z, *self.ln2))

    def force(self, z: Tensor, x: Tensor) -> Tensor:
        """F(z) = x - (1 + c) z + G(z)."""
        return x - (1 + self.cfg.c) * z + self.learned(z)

    def random_input(self, batch: int | None = None, seed: int = 1, scale: float = 1.0) -> Tensor:
        g = torch.Generator(device="cpu").manual_seed(seed)
        shape = (self.cfg.seq, self.cfg.d_model) if batch is None else (batch, self.cfg.seq, self.cfg.d_model)
        return (scale * torch.randn(*shape, generator=g, dtype=torch.float64)).to(self.device, self.dtype)


class LipschitzBlock(EqBlock):
    """A variant with a certified Lipschitz bound on its learned part (claim E3).

    Changes from the seed's block, each needed for a global bound:
    - LayerNorm is replaced by centring ``h = gamma * (z - mean z)`` (LayerNorm's division by
      the token's spread is not Lipschitz near constant tokens);
    - the attention pattern is computed from the input x (keys and queries of LN(x)), so the
      attention mixes the values of z linearly: ``Attn_x(z) = sum_h P_h(x) C(z) W_V^h W_O^h``;
    - the FFN keeps its tanh-GELU, whose slope is at most ``GELU_TANH_DERIV_BOUND``.
    Then ``Lip(G) <= sum_h ||P_h||_2 ||W_V^h||_2 ||W_O^h||_2 + 1.1291 ||W_1||_2 ||W_2||_2``
    (``lipschitz_bound``), in the Frobenius norm of a (seq, d_model) state.
    """

    def __init__(
        self,
        cfg: BlockConfig,
        x: Tensor,
        device: torch.device | str = "cpu",
        dtype: torch.dtype = torch.float64,
        seed: int = 0,
        target_lipschitz: float | None = None,
    ) -> None:
        super().__init__(cfg, device, dtype, seed)
        check_state(x, cfg, "x")
        self.x = x
        self.patterns = self._patterns(x)
        if target_lipschitz is not None:
            if not (target_lipschitz > 0 and math.isfinite(target_lipschitz)):
                raise InputError(f"target_lipschitz must be positive, got {target_lipschitz!r}")
            # scale the output projections so that the certified bound equals the target
            attn_b, ffn_b = self._bound_parts()
            s = target_lipschitz / (attn_b + ffn_b)
            self.WO = self.WO * s
            self.W2 = self.W2 * s

    def _patterns(self, x: Tensor) -> Tensor:
        cfg = self.cfg
        nh, dh = cfg.n_heads, cfg.d_model // cfg.n_heads
        h = _layer_norm(x, *self.ln1)
        lead, S = h.shape[:-2], h.shape[-2]
        q = (h @ self.WQ).reshape(*lead, S, nh, dh).transpose(-3, -2)
        k = (h @ self.WK).reshape(*lead, S, nh, dh).transpose(-3, -2)
        if cfg.qknorm:
            q, k = _rms(q), _rms(k)
        logits = (q @ k.transpose(-1, -2)) / math.sqrt(dh)
        logits = logits.masked_fill(~self.causal[:S, :S], float("-inf"))
        return torch.softmax(logits, dim=-1)  # (..., heads, S, S)

    def _bound_parts(self) -> tuple[float, float]:
        cfg = self.cfg
        nh, dh = cfg.n_heads, cfg.d_model // cfg.n_heads
        p = self.patterns.to(torch.float64)
        pn = torch.linalg.matrix_norm(p, ord=2)  # (..., heads)
        pn = pn.reshape(-1, nh).amax(0)  # worst sequence of the batch, per head
        wv = torch.linalg.matrix_norm(self.WV.to(torch.float64).reshape(cfg.d_model, nh, dh).permute(1, 0, 2), ord=2)
        wo = torch.linalg.matrix_norm(self.WO.to(torch.float64).reshape(nh, dh, cfg.d_model), ord=2)
        gmax = max(self.ln1[0].abs().max().item(), 1e-300)
        attn_b = gmax * float((pn * wv * wo).sum())
        g2 = self.ln2[0].abs().max().item()
        ffn_b = (
            g2
            * GELU_TANH_DERIV_BOUND
            * float(
                torch.linalg.matrix_norm(self.W1.to(torch.float64), ord=2)
                * torch.linalg.matrix_norm(self.W2.to(torch.float64), ord=2)
            )
        )
        return attn_b, ffn_b

    def lipschitz_bound(self) -> float:
        a, f = self._bound_parts()
        return a + f

    def learned(self, z: Tensor) -> Tensor:
        cfg = self.cfg
        nh, dh = cfg.n_heads, cfg.d_model // cfg.n_heads
        h1 = (z - z.mean(-1, keepdim=True)) * self.ln1[0]
        lead, S = h1.shape[:-2], h1.shape[-2]
        v = (h1 @ self.WV).reshape(*lead, S, nh, dh).transpose(-3, -2)
        o = (self.patterns @ v).transpose(-3, -2).reshape(*lead, S, cfg.d_model) @ self.WO
        h2 = (z - z.mean(-1, keepdim=True)) * self.ln2[0]
        return o + self.ffn(h2)


def flat_force(block: EqBlock, x: Tensor) -> Callable[[Tensor], Tensor]:
    """F as a map R^n -> R^n for one sequence (n = seq * d_model)."""
    S, D = block.cfg.seq, block.cfg.d_model
    xs = x.reshape(S, D)

    def f(zf: Tensor) -> Tensor:
        return block.force(zf.reshape(S, D), xs).reshape(-1)

    return f


def euler_map_operator(block: EqBlock, z_star: Tensor, x: Tensor, eps: float) -> Callable[[Tensor], Tensor]:
    """v -> (I + eps J) v at z_star for one sequence, by jvp."""
    eps = check_eps(eps)
    f = flat_force(block, x)
    zf = z_star.reshape(-1)

    def apply(v: Tensor) -> Tensor:
        return v + eps * jvp(f, (zf,), (v,))[1]

    return apply


# --------------------------------------------------------------------------- E5/E6/E8 helpers


def jvp_vjp(f: Callable[[Tensor], Tensor], z: Tensor, v: Tensor) -> tuple[Tensor, Tensor]:
    """(J v, J^T v) at z."""
    Jv = jvp(f, (z,), (v,))[1]
    pull = vjp(f, z)[1]
    return Jv, pull(v)[0]


def nudged_force(f: Callable[[Tensor], Tensor], z_star: Tensor) -> Callable[[Tensor], Tensor]:
    """The asymmetric-EP nudged force F(z) - 2 A (z - z*), A = (J* - J*^T)/2 frozen at z*."""
    pull = vjp(f, z_star)[1]

    def g(z: Tensor) -> Tensor:
        d = z - z_star
        Jd = jvp(f, (z_star,), (d,))[1]
        JTd = pull(d)[0]
        return f(z) - (Jd - JTd)

    return g
