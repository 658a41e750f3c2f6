"""Leading eigenvalues of a Jacobian known only through its products: Arnoldi with thick restarts.

``linear_map(f, z)`` gives v -> J v at z (``torch.func.linearize``, or ``jvp`` where f cannot be
traced); ``restarted_arnoldi(apply, v0, want, m, restarts)`` gives the ``want`` eigenvalues of
largest modulus of the operator ``apply`` with their true residuals, and the final Krylov
decomposition (``KrylovState``) that a later run, on the same operator or on a I + b times it,
continues from. The basis is kept on the operator's device in its dtype; the small
Rayleigh-quotient problems are solved in float64 on the CPU.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import torch
from torch import Tensor
from torch.func import jvp, linearize

KRYLOV_TOL = 1e-8  # relative residual estimate the deciding Ritz value (and its conjugate) must reach
KRYLOV_TOL_OTHERS = 1e-5  # ... for the other wanted modes (the deciding one needs KRYLOV_TOL)
KRYLOV_CHECK_EVERY = 10  # Arnoldi steps between convergence checks within a cycle
LINEARIZE_KEEPS = 13.0  # linearize keeps about this many times one evaluation's transient memory
# (the seed block at state 16.8M on the H200: 7.2 GB transient, 91 GB peak once linearized)
LINEARIZE_SHARE = 0.4  # ... and is used only when that is below this share of the GPU's memory


def forward_bytes(f: Callable[[Tensor], Tensor], zf: Tensor) -> int:
    """Device memory one evaluation of f at zf takes beyond what is allocated before it (0 off CUDA)."""
    if not zf.is_cuda:
        return 0
    torch.cuda.synchronize(zf.device)
    base = torch.cuda.memory_allocated(zf.device)
    torch.cuda.reset_peak_memory_stats(zf.device)
    with torch.no_grad():
        f(zf)
    torch.cuda.synchronize(zf.device)
    return torch.cuda.max_memory_allocated(zf.device) - base


def linear_map(
    f: Callable[[Tensor], Tensor], zf: Tensor, share: float = LINEARIZE_SHARE
) -> tuple[Callable[[Tensor], Tensor], str]:
    """v -> J v at zf, and how it is computed, chosen from the memory it needs:
    ``torch.func.linearize`` traces f once and replays only the tangent computation (about 19x
    faster than a jvp per product on the seed block, on the CPU) but keeps f's intermediates, about
    LINEARIZE_KEEPS times one evaluation's memory; on a GPU where that is over ``share`` of the
    device's memory, or for a function it cannot trace, each product is a ``torch.func.jvp``
    (recomputing f, keeping nothing). The returned text says which and why."""
    import warnings

    jvp_map = lambda v: jvp(f, (zf,), (v,))[1]  # noqa: E731
    why = ""
    if zf.is_cuda:
        need = LINEARIZE_KEEPS * forward_bytes(f, zf)
        total = torch.cuda.get_device_properties(zf.device).total_memory
        if need > share * total:
            return jvp_map, (
                f"torch.func.jvp (linearize would keep about {need / 2**30:.1f} GiB, over {share:g} of "
                f"the device's {total / 2**30:.0f} GiB)"
            )
        why = f" (would keep about {need / 2**30:.1f} GiB, under {share:g} of the device's {total / 2**30:.0f} GiB)"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _, tangent = linearize(f, zf)
        return tangent, "torch.func.linearize" + why
    except Exception as exc:  # any tracing failure: the jvp computes the same products, and the record says so
        return jvp_map, f"torch.func.jvp (linearize failed: {type(exc).__name__})"


def _arnoldi_steps(
    apply, V: Tensor, H: Tensor, start: int, m: int, done: Callable[[int], bool] | None = None
) -> tuple[int, int]:
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


def _restart(V: Tensor, H: Tensor, k: int, keep: int) -> int:
    """Thick restart of the decomposition V[:k+1], H[:k+1, :k] onto the span of its ``keep``
    leading Ritz vectors (real and imaginary parts) and the last basis vector; returns the new
    start (the number of vectors kept before the last)."""
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
    return r


@dataclass
class KrylovState:
    """A Krylov decomposition A V[:k]^T = V[:k+1]^T H[:k+1, :k] of an operator A (orthonormal rows
    of V, on A's device; H float64 on the CPU): what a restarted Arnoldi leaves, to continue from."""

    V: Tensor
    H: Tensor
    k: int

    def shifted(self, a: float, b: float) -> KrylovState:
        """The same basis as a decomposition of a I + b A (H' = a I + b H on the square part, the
        last row times b): a Krylov space of A is one of every a I + b A, so nothing is recomputed."""
        H = b * self.H
        H[torch.arange(self.k), torch.arange(self.k)] += a
        return KrylovState(self.V, H, self.k)


@torch.no_grad()
def restarted_arnoldi(
    apply: Callable[[Tensor], Tensor],
    v0: Tensor,
    want: int,
    m: int,
    restarts: int,
    tol: float = KRYLOV_TOL,
    others_tol: float = KRYLOV_TOL_OTHERS,
    accept: Callable[[complex, float], bool] | None = None,
    init: KrylovState | None = None,
) -> tuple[Tensor, Tensor, dict[str, Any]]:
    """Leading eigenvalues (by modulus) of a matrix-free operator A: Arnoldi with thick restarts
    (Krylov-Schur in real arithmetic). Each cycle extends the basis to ``m`` vectors; the restart
    keeps the span of the ``keep`` leading Ritz vectors (real and imaginary parts; an invariant
    subspace of the Rayleigh quotient, so the Krylov relation A V = V S + v b^T carries over) and
    the last basis vector, and continues from there, until the residual estimates relative to
    |theta| are below ``tol`` for the deciding (leading) value and its conjugate and below
    KRYLOV_TOL_OTHERS for the other wanted ones (checked every KRYLOV_CHECK_EVERY steps), or
    ``restarts`` cycles are spent. Returns the ``want`` Ritz values, their true residuals
    ||A u - theta u|| / ||u|| (two more products for a complex value and its conjugate, one for a
    real one), and counts, with ``converged`` saying
    whether the leading value (and its conjugate) reached ``tol`` and the others ``others_tol``.
    ``accept(theta, estimate)``, when given, replaces the test on the leading values (a caller
    that needs a derived quantity to a tolerance, not the eigenvector). ``info["vector"]`` is the
    real part of the leading Ritz vector, ``info["state"]`` the final decomposition. Given ``init``, a
    decomposition of this operator with ``m`` + 1 rows (``KrylovState.shifted`` makes one of A's
    from one of a I + b A), the run starts from its thick restart instead of v0 (and takes over its
    storage): what earlier runs learned of the spectrum is kept. An invariant subspace (a
    decomposition that broke down) is not continued: the run starts from v0."""
    n = v0.numel()
    m = max(2, min(m, n))
    keep = min(max(2 * want + 4, want + 8), m // 2)

    def converged(theta: Tensor, _Y: Tensor, est: Tensor) -> bool:
        rel = est / theta.abs().clamp_min(1e-300)
        deciding = theta.abs() >= theta.abs()[0] * (1 - 1e-12)  # the leading value and its conjugate
        if accept is not None:
            lead = all(accept(complex(t), float(e)) for t, e in zip(theta[deciding].tolist(), est[deciding].tolist()))
        else:
            lead = float(rel[deciding].max()) < tol
        return lead and float(rel.max()) < others_tol

    if init is not None and init.V.shape == (m + 1, n) and float(init.H[init.k, : init.k].abs().max()) > 1e-14:
        V, H = init.V, init.H
        start = _restart(V, H, init.k, keep)
    else:
        V = torch.zeros(m + 1, n, dtype=v0.dtype, device=v0.device)
        H = torch.zeros(m + 1, m, dtype=torch.float64)
        V[0] = v0.reshape(-1) / torch.linalg.vector_norm(v0)
        start = 0
    matvecs, cycle, ok = 0, 0, False
    for cycle in range(1, restarts + 1):
        k, used = _arnoldi_steps(apply, V, H, start, m, done=lambda k: converged(*_wanted(H, k, want)))
        matvecs += used
        theta, Y, est = _wanted(H, k, want)
        ok = k < m or converged(theta, Y, est)
        if ok or cycle == restarts:
            break
        start = _restart(V, H, k, keep)
    res: list[float] = []
    lead = None
    for i in range(len(theta)):  # Ritz vectors one at a time: no complex copy of the basis
        t = complex(theta[i])
        if i and t == complex(theta[i - 1]).conjugate() and torch.equal(Y[:, i], Y[:, i - 1].conj()):
            res.append(res[-1])  # the conjugate of the last pair: A is real, so the same residual
            continue
        y = Y[:, i].to(V.device)
        ur, ui = y.real.to(V.dtype) @ V[:k], y.imag.to(V.dtype) @ V[:k]
        real = not bool(y.imag.any())  # a real Ritz vector: A ui = 0 needs no product
        Ar, Ai = apply(ur), (torch.zeros_like(ui) if real else apply(ui))
        matvecs += 1 if real else 2
        # A u - theta u with u = ur + i ui, in real arithmetic
        rr = Ar - t.real * ur + t.imag * ui
        ri = Ai - t.real * ui - t.imag * ur
        num = torch.sqrt(torch.linalg.vector_norm(rr) ** 2 + torch.linalg.vector_norm(ri) ** 2)
        den = torch.sqrt(torch.linalg.vector_norm(ur) ** 2 + torch.linalg.vector_norm(ui) ** 2)
        res.append(float(num / den))
        if lead is None:
            lead = ur + ui
    return (
        theta,
        torch.tensor(res, dtype=torch.float64),
        {
            "dim": m,
            "kept": keep,
            "restarts": cycle - 1,
            "cycles": cycle,
            "matvecs": matvecs,
            "converged": bool(ok),
            "vector": lead,
            "residual_estimates": [float(e) for e in est],
            "state": KrylovState(V, H, k),
        },
    )
