"""eps_crit of a normal Jacobian from norms: Lanczos on (I + eps J)^T (I + eps J) from a random start.

The Arnoldi root-find of ``engine.eps_crit`` needs the deciding mode to converge. A spectrum that
fills a curve or a region densely (a convolution's: its eigenvalues are the kernel's DFT) has no
gap there: thousands of modes share eps_crit to 1e-3 and no single one converges. When J is
normal, eps_crit is decided by norms instead of modes. The singular values of a normal matrix are
the moduli of its eigenvalues, so ||I + eps J||_2 = rho(I + eps J) and

    eps < eps_crit  iff  ||I + eps J|| < 1  iff  lambda_max(A(eps)) < 1,  A(eps) = (I + eps J)^T (I + eps J).

Two one-sided facts decide it.

* **Upper.** For every y with J y != 0, ||(I + eps J) y||^2 - ||y||^2 = eps (2 <y, J y> + eps ||J y||^2),
  positive for every eps above q(y) = -2 <y, J y> / ||J y||^2. For normal J a norm above 1 is a
  spectral radius above 1, so eps_crit <= q(y) for any y: no convergence is needed (a Rayleigh
  quotient of a normal operator lies in the convex hull of its spectrum). q(y) <= 0 shows a mode
  with Re mu >= 0 (eps_crit = 0). Each run's top Ritz vector gives one q(y).
* **Lower.** lambda_max(A(eps)) < 1 gives ||I + eps J|| < 1, hence rho(I + eps J) < 1 and
  eps < eps_crit, for any J, normal or not. Lanczos from a start drawn uniformly on the unit sphere
  of R^n finds after k products a largest Ritz value xi with P(xi <= (1 - e) lambda_max) <=
  1.648 sqrt(n) exp(-sqrt(e) (2k - 1)) for every positive semidefinite A, whatever its gaps
  (Kuczynski and Wozniakowski, "Estimating the largest eigenvalue by the power and Lanczos
  algorithms with a random start", SIAM J. Matrix Anal. Appl. 13(4), 1992). So
  xi < (1 - e_k) (1 - margin), e_k = (ln(1.648 sqrt(n) / delta) / (2k - 1))^2, certifies
  lambda_max < 1 except with probability delta (FAILURE_PROBABILITY, a fresh random start for each
  run; the record sums it over the runs). A Krylov basis of dimension m counts as k = m - 1
  products, whichever way the theorem counts; the basis is kept orthogonal (Gram-Schmidt twice, the
  one Arnoldi of ``engine.krylov``) so floating-point Lanczos follows the exact-arithmetic bound,
  and ``margin`` (ROUNDING_FACTOR unit roundoffs of the operator's dtype) covers the rounding.

The root-find keeps a bracket lo < eps_crit <= hi. Starting at the user's eps, each run either
certifies lo = eps or finds xi > 1 + margin (hi = eps); either way its top Ritz vector y lowers
hi to q(y). The next eps is hi (1 - TRY_BELOW rtol): a certified run there closes the bracket to
TRY_BELOW rtol hi. The reported eps_crit is the midpoint, its bound the half-width; a run that
reaches ``steps`` vectors without deciding leaves it undetermined (raise --lanczos).

Normality is tested, not assumed: J^T (J v) = J (J^T v) for NORMAL_PROBES random v, to NORMAL_RTOL
relative (J^T products are vector-Jacobian products). Without it only the lower side holds: one
run at the user's eps may still certify ||I + eps J|| < 1 (a contraction in the 2-norm, so every
mode has |1 + eps mu| < 1), which settles stability at that eps but not eps_crit.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from torch import Tensor
from torch.func import vjp

from .eps_crit import EPS_CRIT_RTOL, EpsCrit, mode_eps_crit
from .krylov import LINEARIZE_KEEPS, LINEARIZE_SHARE, _arnoldi_steps, forward_bytes

KW_CONSTANT = 1.648  # Kuczynski-Wozniakowski: P(fail) <= KW_CONSTANT sqrt(n) exp(-sqrt(e)(2k - 1))
FAILURE_PROBABILITY = 1e-6  # delta of each certified run
ROUNDING_FACTOR = 1e3  # the margin a Ritz value must clear, in unit roundoffs of the operator dtype
NORMAL_PROBES = 2  # random vectors of the commutator test
NORMAL_RTOL_FACTOR = 1e4  # ... its relative tolerance in unit roundoffs (at least NORMAL_RTOL_MIN)
NORMAL_RTOL_MIN = 1e-10
TRY_BELOW = 1.8  # the next eps is hi (1 - TRY_BELOW rtol)
NORM_RUNS = 16  # most Lanczos runs of the root-find
OPEN_RUNS = 2  # ... of which at most this many may end undecided
DEFAULT_STEPS = 300  # most Lanczos vectors of one run (--lanczos)


def kw_epsilon(n: int, dim: int, delta: float = FAILURE_PROBABILITY) -> float:
    """The relative error e with P(xi <= (1 - e) lambda_max) <= delta after a Krylov basis of
    ``dim`` vectors (k = dim - 1 products) from a uniform random start in R^n; 1.0 when none."""
    k = dim - 1
    if k < 1:
        return 1.0
    return min(1.0, (math.log(KW_CONSTANT * math.sqrt(n) / delta) / (2 * k - 1)) ** 2)


def transpose_map(f: Callable[[Tensor], Tensor], zf: Tensor) -> Callable[[Tensor], Tensor] | None:
    """w -> J^T w at zf by ``torch.func.vjp``: traced once when the kept intermediates fit (as for
    ``krylov.linear_map``), otherwise recomputed per product; None when f cannot be differentiated
    backwards."""
    keep = True
    if zf.is_cuda:
        total = torch.cuda.get_device_properties(zf.device).total_memory
        keep = LINEARIZE_KEEPS * forward_bytes(f, zf) <= LINEARIZE_SHARE * total
    try:
        if keep:
            pull = vjp(f, zf)[1]
            return lambda w: pull(w)[0]
        vjp(f, zf)[1](torch.zeros_like(zf))
        return lambda w: vjp(f, zf)[1](w)[0]
    except Exception:  # a function with no backward: no J^T products, the norm path is not available
        return None


def commutator(
    tangent: Callable[[Tensor], Tensor], transpose: Callable[[Tensor], Tensor], like: Tensor, seed: int
) -> float:
    """max over NORMAL_PROBES random v of ||J^T J v - J J^T v|| / (||J^T J v|| + ||J J^T v||)."""
    g = torch.Generator().manual_seed(seed + 104729)
    worst = 0.0
    for _ in range(NORMAL_PROBES):
        v = torch.randn(like.numel(), generator=g, dtype=torch.float64).to(like.device, like.dtype)
        a, b = transpose(tangent(v)), tangent(transpose(v))
        den = float(torch.linalg.vector_norm(a) + torch.linalg.vector_norm(b))
        worst = max(worst, float(torch.linalg.vector_norm(a - b)) / den if den > 0 else 0.0)
    return worst


def normal_rtol(dtype: torch.dtype) -> float:
    """The commutator test's tolerance for an operator of this dtype."""
    return max(NORMAL_RTOL_MIN, NORMAL_RTOL_FACTOR * torch.finfo(dtype).eps)


@dataclass
class NormRun:
    """One Lanczos run on A(eps) = (I + eps J)^T (I + eps J): ``ritz`` the largest Ritz value xi
    (xi <= ||I + eps J||^2), ``kw`` the certificate's e for the basis reached, ``outcome`` "below"
    (certified: lambda_max < 1 except with probability ``delta``), "above" (xi > 1 + margin) or
    "open" (neither within the budget), ``q`` the top Ritz vector's q(y) (an upper bound on eps_crit
    for normal J), ``dim`` the basis size, ``products`` the J and J^T products."""

    eps: float
    ritz: float
    kw: float
    outcome: str
    q: float
    dim: int
    products: int
    delta: float = FAILURE_PROBABILITY

    @property
    def norm_upper(self) -> float:
        """||I + eps J|| is below this (with probability 1 - delta) when the run certified it."""
        return math.sqrt(self.ritz / (1 - self.kw)) if self.kw < 1 else math.inf


@torch.no_grad()
def norm_run(
    tangent: Callable[[Tensor], Tensor],
    transpose: Callable[[Tensor], Tensor],
    like: Tensor,
    eps: float,
    steps: int,
    seed: int,
    target: float = 1.0,
) -> tuple[NormRun, Tensor]:
    """Lanczos on A(eps) from a seeded uniform random start, stopped once xi > target (1 + margin)
    or certified below target; returns the run and the top Ritz vector y (unit, float64)."""
    n = like.numel()
    margin = ROUNDING_FACTOR * torch.finfo(like.dtype).eps
    dt = like.dtype

    def apply(v: Tensor) -> Tensor:
        w = v + eps * tangent(v.to(dt)).to(torch.float64)
        return w + eps * transpose(w.to(dt)).to(torch.float64)

    m = max(2, min(steps, n))
    V = torch.zeros(m + 1, n, dtype=torch.float64, device=like.device)
    H = torch.zeros(m + 1, m, dtype=torch.float64)
    g = torch.Generator().manual_seed(seed)
    v0 = torch.randn(n, generator=g, dtype=torch.float64).to(like.device)
    V[0] = v0 / torch.linalg.vector_norm(v0)
    state: dict[str, Any] = {"outcome": "open"}

    def sym(k: int) -> np.ndarray:  # the Rayleigh quotient V^T A V (symmetric up to rounding)
        T = H[:k, :k].numpy()
        return (T + T.T) / 2

    def top(k: int) -> float:
        return float(np.linalg.eigvalsh(sym(k))[-1])

    def decided(k: int) -> bool:
        xi = top(k)
        if xi > target * (1 + margin):
            state["outcome"] = "above"
        elif xi < target * (1 - kw_epsilon(n, k)) * (1 - margin):
            state["outcome"] = "below"
        return state["outcome"] != "open"

    k, products = _arnoldi_steps(apply, V, H, 0, m, done=decided)
    exact = float(H[k, k - 1]) < 1e-14  # an invariant subspace holding the random start: xi is lambda_max
    if state["outcome"] == "open":
        if exact:
            xi = top(k)
            state["outcome"] = (
                "below" if xi < target * (1 - margin) else "above" if xi > target * (1 + margin) else "open"
            )
        else:
            decided(k)
    vals, vecs = np.linalg.eigh(sym(k))
    y = torch.from_numpy(vecs[:, -1].copy()).to(V.device) @ V[:k]
    y = y / torch.linalg.vector_norm(y)
    Jy = tangent(y.to(dt)).to(torch.float64)
    num, den = float(-2 * (y @ Jy)), float(Jy @ Jy)
    q = num / den if den > 0 else math.inf
    run = NormRun(eps, float(vals[-1]), 0.0 if exact else kw_epsilon(n, k), state["outcome"], q, k, 2 * products + 1)
    return run, y


def ritz_pair(
    tangent: Callable[[Tensor], Tensor], y: Tensor, dt: torch.dtype, key: Callable[[complex], float] = mode_eps_crit
) -> tuple[complex, float]:
    """The eigenvalue of J's Rayleigh quotient on span{y, J y} with the smallest ``key`` (by default
    eps_crit), and its residual ||J u - mu u|| / ||u||: the mode a vector points at (three products)."""
    Jy = tangent(y.to(dt)).to(torch.float64)
    Q, _ = torch.linalg.qr(torch.stack([y, Jy], dim=1))
    JQ = torch.stack([tangent(Q[:, i].to(dt)).to(torch.float64) for i in range(2)], dim=1)
    Hm = (Q.T @ JQ).cpu()
    mus, S = torch.linalg.eig(Hm)
    i = min(range(2), key=lambda j: key(complex(mus[j])))
    s = S[:, i].to(Q.device)
    mu = complex(mus[i])
    u = Q.to(s.dtype) @ s
    r = JQ.to(s.dtype) @ s - mu * u
    return mu, float(torch.linalg.vector_norm(r) / torch.linalg.vector_norm(u))


@dataclass
class NormResult:
    """The norm path's outcome: ``ec`` (method "lanczos norm"), the ``runs``, the commutator and its
    tolerance, the first run (at the user's eps) and its top Ritz vector."""

    ec: EpsCrit
    runs: list[NormRun] = field(default_factory=list)
    commutator: float = math.nan
    commutator_tol: float = math.nan
    first: NormRun | None = None
    first_vector: Tensor | None = None
    products: int = 0  # J and J^T products, the commutator test and the deciding mode's included


def normal_eps_crit(
    tangent: Callable[[Tensor], Tensor],
    transpose: Callable[[Tensor], Tensor],
    like: Tensor,
    eps0: float,
    steps: int = DEFAULT_STEPS,
    seed: int = 0,
    rtol: float = EPS_CRIT_RTOL,
) -> NormResult:
    """eps_crit of a normal J by the bracket of the module docstring, from the user's eps0; ``ec``
    is undetermined (with the reason) when J fails the commutator test or a run is open."""
    tol = normal_rtol(like.dtype)
    comm = commutator(tangent, transpose, like, seed)
    out = NormResult(EpsCrit(math.nan, math.inf, None, math.inf, False, method="lanczos norm"), [], comm, tol)
    out.products = 4 * NORMAL_PROBES
    if not comm <= tol:  # only the lower side holds: is the step a contraction in the 2-norm?
        run, y = norm_run(tangent, transpose, like, eps0, steps, seed + 1)
        out.runs.append(run)
        out.products += run.products
        out.first, out.first_vector = run, y
        out.ec.reason = f"J is not normal (commutator {comm:.1e} > {tol:.1e}): the norm bracket does not apply"
        if run.outcome == "below":
            out.ec.lower = eps0
        return out
    lo, hi, hi_vec, eps, opened = 0.0, math.inf, None, eps0, 0
    for i in range(NORM_RUNS):
        run, y = norm_run(tangent, transpose, like, eps, steps, seed + 1 + i)
        out.runs.append(run)
        out.products += run.products
        if out.first is None:
            out.first, out.first_vector = run, y
        if run.outcome == "below":
            lo = max(lo, eps)
        elif run.outcome == "above" and eps < hi:
            hi, hi_vec = eps, y
        if run.q < hi:  # every run's top Ritz vector: eps_crit <= q(y) for normal J
            hi, hi_vec = max(run.q, 0.0), y
        if hi < lo:
            out.ec.reason = (
                f"the bracket crossed (certified eps_crit > {lo:.6g}, a vector shows eps_crit <= {hi:.6g}): "
                "J is not normal to the precision the bracket needs"
            )
            break
        if hi == 0.0 or hi - lo <= TRY_BELOW * rtol * hi * (1 + 1e-9):
            break
        opened += run.outcome == "open"
        if opened >= OPEN_RUNS:
            out.ec.reason = (
                f"at eps = {eps:.6g} a Lanczos run of {run.dim} vectors neither certified ||I + eps J|| < 1 nor "
                f"found it above 1 (largest Ritz value {run.ritz:.9f}, the certificate needs it below "
                f"{1 - run.kw:.9f}); eps_crit in [{lo:.6g}, {hi:.6g}]; raise --lanczos"
            )
            break
        eps = hi * (1 - TRY_BELOW * rtol)
    else:
        out.ec.reason = f"the bracket [{lo:.6g}, {hi:.6g}] did not close in {NORM_RUNS} Lanczos runs"
    if hi_vec is not None:
        out.ec.mu, out.ec.residual = ritz_pair(tangent, hi_vec, like.dtype)
        out.products += 3
    done = not out.ec.reason and (hi == 0.0 or (math.isfinite(hi) and hi - lo <= TRY_BELOW * rtol * hi * (1 + 1e-9)))
    out.ec.value = (lo + hi) / 2 if done and hi > 0 else (0.0 if done else hi)
    out.ec.bound = (hi - lo) / 2 if done else math.inf
    out.ec.determined = bool(done)
    out.ec.lower, out.ec.upper = lo, hi
    return out
