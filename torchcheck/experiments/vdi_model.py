"""The model of the VDI re-run (seed 004): modular-addition data, a 2-layer, 2-head attention-only
transformer with parameters stacked over seeds, its forward pass, and per-head VDI of the
attention rows. Training and scoring are in ``experiments.vdi``."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from ..models.layers import vdi_rows

SEQ = 6  # tokens per example: a, b, and the positions the seed's setup uses


def make_data(p: int, seed: int, train_frac: float):
    """All p^2 sequences [a, a, b, b, =, (a+b) mod p] and a per-seed random train/test split."""
    a = torch.arange(p).repeat_interleave(p)
    b = torch.arange(p).repeat(p)
    eq = torch.full_like(a, p)
    seqs = torch.stack([a, a, b, b, eq, (a + b) % p], dim=1)
    perm = torch.randperm(p * p, generator=torch.Generator().manual_seed(10_000 + seed))
    n_train = int(round(train_frac * p * p))
    return seqs[perm[:n_train]], seqs[perm[n_train:]]


def init_params(seed: int, p: int, d: int = 64, heads: int = 2, layers: int = 2, mlp: int = 256):
    """One seed's parameters (CPU, float32), drawn from its own generator."""
    g = torch.Generator().manual_seed(seed)
    dh = d // heads
    vocab = p + 1

    def n(*shape, fan_in):
        return torch.randn(*shape, generator=g) / math.sqrt(fan_in)

    P = {"W_E": n(vocab, d, fan_in=d), "W_pos": n(SEQ, d, fan_in=d), "W_U": n(d, vocab, fan_in=d)}
    for l in range(layers):
        P[f"{l}.W_Q"] = n(heads, d, dh, fan_in=d)
        P[f"{l}.W_K"] = n(heads, d, dh, fan_in=d)
        P[f"{l}.W_V"] = n(heads, d, dh, fan_in=d)
        P[f"{l}.W_O"] = n(heads, dh, d, fan_in=d)
        P[f"{l}.W_in"] = n(d, mlp, fan_in=d)
        P[f"{l}.b_in"] = torch.zeros(mlp)
        P[f"{l}.W_out"] = n(mlp, d, fan_in=mlp)
        P[f"{l}.b_out"] = torch.zeros(d)
    return P


def stack_params(seeds, p: int, device) -> dict[str, torch.Tensor]:
    per = [init_params(s, p) for s in seeds]
    return {k: torch.stack([q[k] for q in per]).to(device).requires_grad_(True) for k in per[0]}


def one_hot(tok: torch.Tensor, p: int) -> torch.Tensor:
    """(S, N, 6) token ids -> (S, N, 6, p+1) float one-hot (embedding by a batched matmul,
    which keeps the training step free of host synchronisation)."""
    return F.one_hot(tok, p + 1).to(torch.float32)


def forward(P: dict[str, torch.Tensor], onehot: torch.Tensor, layers: int = 2, omega=None, want_attn: bool = False):
    """onehot: (S, N, 6, vocab). Returns logits at position 4, (S, N, vocab), and the attention
    maps [(S, N, heads, 6, 6)] per layer.  omega: optional (S,) scale on head (0,0)'s W_O."""
    S = onehot.shape[0]
    x = torch.einsum("sntv,svd->sntd", onehot, P["W_E"]) + P["W_pos"].unsqueeze(1)
    mask = _causal_mask(onehot.device)
    attns = []
    for l in range(layers):
        q = torch.einsum("sntd,shde->snhte", x, P[f"{l}.W_Q"])
        k = torch.einsum("sntd,shde->snhte", x, P[f"{l}.W_K"])
        v = torch.einsum("sntd,shde->snhte", x, P[f"{l}.W_V"])
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(q.shape[-1])
        attn = torch.softmax(scores.masked_fill(~mask, float("-inf")), dim=-1)
        if want_attn:
            attns.append(attn)
        W_O = P[f"{l}.W_O"]
        if omega is not None and l == 0:
            scale = torch.ones(S, W_O.shape[1], 1, 1, device=W_O.device, dtype=W_O.dtype)
            scale[:, 0] = omega.view(S, 1, 1)
            W_O = W_O * scale
        x = x + torch.einsum("snhte,shed->sntd", attn @ v, W_O)
        hidden = torch.relu(torch.einsum("sntd,sdm->sntm", x, P[f"{l}.W_in"]) + P[f"{l}.b_in"][:, None, None])
        x = x + torch.einsum("sntm,smd->sntd", hidden, P[f"{l}.W_out"]) + P[f"{l}.b_out"][:, None, None]
    logits = torch.einsum("snd,sdv->snv", x[:, :, SEQ - 2], P["W_U"])
    return logits, attns


_MASKS: dict = {}


def _causal_mask(device) -> torch.Tensor:
    key = str(device)
    if key not in _MASKS:
        _MASKS[key] = torch.ones(SEQ, SEQ, dtype=torch.bool, device=device).tril()
    return _MASKS[key]


def per_seed_loss(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    S, N, V = logits.shape
    return F.cross_entropy(logits.reshape(S * N, V), target.reshape(S * N), reduction="none").view(S, N).mean(1)


@torch.no_grad()
def head_vdi(P, tok) -> dict[str, torch.Tensor]:
    """Per seed and head (S, layers*heads): mean VDI over examples, three normalisations."""
    _, attns = forward(P, tok, want_attn=True)
    A = torch.stack(attns, dim=2).double()  # (S, N, L, H, 6, 6)
    keys = vdi_rows(A, causal=True, h_max="keys")  # (S, N, L, H, 6)
    allowed = vdi_rows(A, causal=True, h_max="allowed")
    S, N, L, H = A.shape[:4]
    return {
        "keys": keys.mean(-1).mean(1).reshape(S, L * H),
        "allowed": torch.nanmean(allowed, -1).mean(1).reshape(S, L * H),
        "row4": keys[..., SEQ - 2].mean(1).reshape(S, L * H),
    }
