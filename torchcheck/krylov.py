"""Leading eigenvalues of a Jacobian known only through its products: Arnoldi with thick restarts.

``linear_map(f, z)`` gives v -> J v at z (``torch.func.linearize``, or ``jvp`` where f cannot be
traced); ``restarted_arnoldi(apply, v0, want, m, restarts)`` gives the ``want`` eigenvalues of
largest modulus of the operator ``apply`` with their true residuals. The basis is kept on the
operator's device in its dtype; the small Rayleigh-quotient problems are solved in float64 on the
CPU.
"""
from __future__ import annotations

from typing import Any, Callable

import torch
from torch import Tensor
from torch.func import jvp, linearize

KRYLOV_TOL = 1e-8             # relative residual estimate the deciding Ritz value (and its conjugate) must reach
KRYLOV_TOL_OTHERS = 1e-5      # ... for the other wanted modes (the deciding one needs KRYLOV_TOL)
KRYLOV_CHECK_EVERY = 10       # Arnoldi steps between convergence checks within a cycle


def linear_map(f: Callable[[Tensor], Tensor], zf: Tensor) -> tuple[Callable[[Tensor], Tensor], str]:
    """v -> J v at zf, and how it is computed: ``torch.func.linearize`` traces f once and replays
    only the tangent computation (about 19x faster than a jvp per product on the seed block, on
    the CPU); a function it cannot trace gets ``torch.func.jvp``, and the record says why."""
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _, tangent = linearize(f, zf)
        return tangent, "torch.func.linearize"
    except Exception as exc:  # any tracing failure: the jvp computes the same products
        return (lambda v: jvp(f, (zf,), (v,))[1]), f"torch.func.jvp (linearize failed: {type(exc).__name__})"


def _arnoldi_steps(apply, V: Tensor, H: Tensor, start: int, m: int,
                   done: Callable[[int], bool] | None = None) -> tuple[int, int]:
    """Extend the orthonormal rows V[:start+1] to V[:m+1] (classical Gram-Schmidt, twice), filling
    columns start..m-1 of H so that A V[:k]^T = V[:k+1]^T H[:k+1, :k]. Returns (k, products);
    k < m when an invariant subspace was found (a subdiagonal entry below 1e-14) or ``done(k)``
    said the wanted Ritz pairs have converged. The coefficients stay on V's device between the
    checks, made every KRYLOV_CHECK_EVERY steps, so the steps do not wait for the host."""
    Hd = H.to(V.device)

    def breakdown(upto: int) -> int | None:
        H[:, start:upto] = Hd[:, start:upto].cpu()
        sub = H[torch.arange(start + 1, upto + 1), torch.arange(start, upto)]
        small = (sub < 1e-14).nonzero()
        return start + int(small[0]) + 1 if len(small) else None

    for j in range(start, m):
        if j > start and (j - start) % KRYLOV_CHECK_EVERY == 0:
            k = breakdown(j)
            if k is not None:
                return k, j - start
            if done is not None and done(j):
                return j, j - start
        w = apply(V[j]).reshape(-1)
        for _ in range(2):
            h = V[: j + 1] @ w
            w = w - V[: j + 1].T @ h
            Hd[: j + 1, j] += h.to(torch.float64)
        beta = torch.linalg.vector_norm(w).to(torch.float64)
        Hd[j + 1, j] = beta
        V[j + 1] = w / beta.clamp_min(1e-300).to(w.dtype)
    k = breakdown(m)
    return (k, m - start) if k is not None else (m, m - start)


def _wanted(H: Tensor, k: int, want: int) -> tuple[Tensor, Tensor, Tensor]:
    """The ``want`` Ritz values of largest modulus, their unit eigenvectors and residual estimates
    |H[k, :k] y| (the Krylov relation's last row)."""
    theta, Y = torch.linalg.eig(H[:k, :k])
    order = torch.argsort(theta.abs(), descending=True)[:want]
    theta, Y = theta[order], Y[:, order]
    Y = Y / torch.linalg.vector_norm(Y, dim=0)
    est = (H[k, :k].to(Y.dtype) @ Y).abs()
    return theta, Y, est


def restarted_arnoldi(apply: Callable[[Tensor], Tensor], v0: Tensor, want: int, m: int, restarts: int,
                      tol: float = KRYLOV_TOL) -> tuple[Tensor, Tensor, dict[str, Any]]:
    """Leading eigenvalues (by modulus) of a matrix-free operator A: Arnoldi with thick restarts
    (Krylov-Schur in real arithmetic). Each cycle extends the basis to ``m`` vectors; the restart
    keeps the span of the ``keep`` leading Ritz vectors (real and imaginary parts; an invariant
    subspace of the Rayleigh quotient, so the Krylov relation A V = V S + v b^T carries over) and
    the last basis vector, and continues from there, until the residual estimates relative to
    |theta| are below ``tol`` for the deciding (leading) value and its conjugate and below
    KRYLOV_TOL_OTHERS for the other wanted ones (checked every KRYLOV_CHECK_EVERY steps), or
    ``restarts`` cycles are spent. Returns the ``want`` Ritz
    values, their true residuals ||A u - theta u|| / ||u|| (two more products each), and counts."""
    n = v0.numel()
    m = max(2, min(m, n))
    keep = min(max(2 * want + 4, want + 8), m // 2)

    def converged(theta: Tensor, _Y: Tensor, est: Tensor) -> bool:
        rel = est / theta.abs().clamp_min(1e-300)
        deciding = theta.abs() >= theta.abs()[0] * (1 - 1e-12)  # the leading value and its conjugate
        return float(rel[deciding].max()) < tol and float(rel.max()) < KRYLOV_TOL_OTHERS

    V = torch.zeros(m + 1, n, dtype=v0.dtype, device=v0.device)
    H = torch.zeros(m + 1, m, dtype=torch.float64)
    V[0] = v0.reshape(-1) / torch.linalg.vector_norm(v0)
    start, matvecs, cycle = 0, 0, 0
    for cycle in range(1, restarts + 1):
        k, used = _arnoldi_steps(apply, V, H, start, m, done=lambda k: converged(*_wanted(H, k, want)))
        matvecs += used
        theta, Y, est = _wanted(H, k, want)
        if k < m or converged(theta, Y, est) or cycle == restarts:
            break
        _, Yk, _ = _wanted(H, k, keep)
        # a real orthonormal basis W of span(Re Yk, Im Yk): invariant under H[:k, :k]
        U, sv, _ = torch.linalg.svd(torch.cat([Yk.real, Yk.imag], dim=1), full_matrices=False)
        W = U[:, : int((sv > 1e-10 * sv[0]).sum())]
        r = W.shape[1]
        S = W.T @ H[:k, :k] @ W
        b = H[k, :k] @ W
        V[:r] = W.T.to(V.dtype).to(V.device) @ V[:k]
        V[r] = V[k]
        H.zero_()
        H[:r, :r], H[r, :r] = S, b
        start = r
    U = Y.T.to(V.device) @ V[:k].to(torch.complex128)
    res = []
    for i in range(len(theta)):
        u = U[i]
        Au = apply(u.real.to(v0.dtype)).to(torch.complex128) + 1j * apply(u.imag.to(v0.dtype))
        matvecs += 2
        res.append(float(torch.linalg.vector_norm(Au - theta[i].to(u.device) * u) / torch.linalg.vector_norm(u)))
    return theta, torch.tensor(res, dtype=torch.float64), {"dim": m, "kept": keep, "restarts": cycle - 1,
                                                           "matvecs": matvecs,
                                                           "residual_estimates": [float(e) for e in est]}
