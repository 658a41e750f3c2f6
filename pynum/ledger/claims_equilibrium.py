"""Claims E1-E11: seeds/002_900c96a72f902e3e.txt (the backprop-free equilibrium transformer)."""
from __future__ import annotations

from .model import Claim, Evidence

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="E1",
        published='Explicit Euler z <- z + eps F(z) has linear map M = I + eps J; an eigenvalue mu = a + ib of J gives the multiplier 1 + eps mu, stable iff abs(1 + eps mu) < 1, i.e. eps < eps_crit = -2a/(a^2 + b^2) when a < 0',
        verdict="open",
    ),
    Claim(
        id="E2",
        published='Backward Euler has multiplier 1/(1 - h mu) and is stable for every step h > 0 when Re mu < 0',
        verdict="open",
    ),
    Claim(
        id="E3",
        published="The damped relaxation F(z) = x - (1+c) z + G(z) (G the learned attention+FFN part) contracts when G's gain fits inside the damping margin; then the fixed point is unique and the error after T steps shrinks geometrically",
        verdict="open",
    ),
    Claim(
        id="E4",
        published='For F_k(z) = -k (z - z*): z_T - z* = (1 - eps k)^T (z_0 - z*), the fixed point does not depend on k, so d L(z*)/dk = 0 while d L(z_T)/dk does not vanish',
        verdict="open",
    ),
    Claim(
        id="E5",
        published="With A = (J - J^T)/2 the nudged dynamics' Jacobian J - 2A equals J^T",
        verdict="open",
    ),
    Claim(
        id="E6",
        published='The adjoint recursion a_{t+1} = M a_t + eps l, run for T2 nudged steps, has error a_{T2} - a* = M^{T2} (a_0 - a*) (a matrix power), independent of the nudge radius',
        verdict="open",
    ),
    Claim(
        id="E7",
        published='The step residual abs(z_{t+1} - z_t)/abs(z_t) equals eps times the force residual abs(F(z_t))/abs(z_t)',
        verdict="open",
    ),
    Claim(
        id="E8",
        published="The Hutchinson estimate of abs(J v)^2 with E[v v^T] = I is unbiased for the squared Frobenius norm of J; the dossier's penalty jacreg * abs(J v)^2 / abs(v)^2 is what it estimates",
        verdict="open",
    ),
    Claim(
        id="E9",
        published='Euler relaxation can only oscillate if the map M has a complex eigenvalue pair crossing the unit circle; with a symmetric J it never cycles',
        verdict="open",
    ),
    Claim(
        id="E10",
        published='The relaxation that diverges at eps = 0.1 has no fixed point, while the same operator at eps = 0.01 converges',
        verdict="open",
    ),
    Claim(
        id="E11",
        published='QK-normalisation, weight caps and LayerNorm bound the imaginary parts of the eigenvalues and therefore keep eps_crit bounded below',
        verdict="open",
    ),
)
