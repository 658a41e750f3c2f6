"""Dense Jacobians and their spectra: the dense and block-triangular size paths of the engine.

``dense_jacobian`` builds J = f'(z) column chunk by column chunk with vmapped ``torch.func.jvp``;
``spectrum_dense`` gives every eigenvalue of J with its residual ||J v - mu v|| / ||v||, from the
diagonal token blocks when J is measured to be block lower-triangular (a causal sequence block:
the spectrum of a block-triangular matrix is the union of its diagonal blocks' spectra), else from
the whole matrix. The eigenproblems are solved in float64 on the CPU whatever J's dtype.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import Tensor
from torch.func import jvp, vmap


def dense_jacobian(f: Callable[[Tensor], Tensor], z: Tensor, chunk: int = 512) -> Tensor:
    """The dense Jacobian of f at the flat point z, column chunks by vmapped jvp."""
    n = z.numel()
    cols = []
    eye = torch.eye(n, dtype=z.dtype, device=z.device)
    push = vmap(lambda v: jvp(f, (z,), (v,))[1])
    for i in range(0, n, chunk):
        cols.append(push(eye[i : i + chunk]))
    return torch.cat(cols, 0).T.contiguous()


def causal_block_report(J: Tensor, seq: int, d: int) -> dict[str, float]:
    """Largest |entry| above the token-block diagonal (zero for a causal block) and overall."""
    B = J.reshape(seq, d, seq, d).abs().amax(dim=(1, 3))  # (seq, seq) block maxima
    upper = torch.triu(B, diagonal=1)
    return {"upper_block_max": float(upper.max()), "entry_max": float(B.max())}


def block_diagonal_eigvals(J: Tensor, seq: int, d: int) -> Tensor:
    """Eigenvalues of a block lower-triangular J: the union of its diagonal blocks' spectra."""
    blocks = J.reshape(seq, d, seq, d).diagonal(dim1=0, dim2=2).permute(2, 0, 1)
    return torch.linalg.eigvals(blocks.cpu()).reshape(-1)


def match_sets(a: Tensor, b: Tensor) -> float:
    """Hausdorff distance between two finite sets of complex numbers."""
    d = (a.reshape(-1, 1) - b.reshape(1, -1)).abs()
    return float(max(d.min(1).values.max(), d.min(0).values.max()))


def _eig_with_residuals(A: Tensor) -> tuple[Tensor, Tensor]:
    """Eigenvalues of the square matrices A (batched) and the residuals of their eigenvectors."""
    mu, vec = torch.linalg.eig(A)
    res = torch.linalg.vector_norm(A.to(vec.dtype) @ vec - vec * mu.unsqueeze(-2), dim=-2)
    return mu, res / torch.linalg.vector_norm(vec, dim=-2)


@torch.no_grad()
def spectrum_dense(f: Callable[[Tensor], Tensor], zf: Tensor, shape: torch.Size) -> tuple[Tensor, Tensor, str]:
    """Every eigenvalue of J = f'(zf) and its residual, and the path taken: "block-triangular"
    when the state is (seq, d) with seq > 1 and J has no entry above the token-block diagonal,
    else "dense"."""
    J = dense_jacobian(f, zf).to(torch.float64)
    if len(shape) == 2 and shape[0] > 1 and causal_block_report(J, shape[0], shape[1])["upper_block_max"] == 0:
        S, D = shape
        blocks = J.reshape(S, D, S, D).diagonal(dim1=0, dim2=2).permute(2, 0, 1).cpu()
        mu, res = _eig_with_residuals(blocks)
        return mu.reshape(-1), res.reshape(-1), "block-triangular"
    mu, res = _eig_with_residuals(J.cpu())
    return mu, res, "dense"
