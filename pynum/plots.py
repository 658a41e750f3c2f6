"""The report's plots (matplotlib, PNG bytes); numpy and records only, never torch."""
from __future__ import annotations

import io
from typing import Any

import numpy as np

from . import expr


def _png(fig: Any) -> bytes:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def _figure(w: float = 6.0, h: float = 4.2) -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(w, h))


def euler_stability_region(samples: list[dict[str, Any]]) -> bytes:
    """The explicit-Euler stability region |1 + z| < 1 in the (eps a, eps b) plane.

    ``samples``: dicts with ``z`` = [eps*a, eps*b] and ``stable`` (measured outcome).
    """
    fig, ax = _figure(5.2, 5.0)
    t = np.linspace(0, 2 * np.pi, 400)
    ax.fill(-1 + np.cos(t), np.sin(t), color="#cfe8cf", label="|1 + eps mu| < 1 (stable)")
    ax.plot(-1 + np.cos(t), np.sin(t), color="#2e7d32")
    for stable, colour, label in ((True, "#1565c0", "measured: converged"), (False, "#c62828", "measured: did not converge")):
        pts = np.array([s["z"] for s in samples if bool(s["stable"]) == stable]).reshape(-1, 2)
        if len(pts):
            ax.scatter(pts[:, 0], pts[:, 1], s=10, color=colour, label=label, zorder=3)
    ax.axhline(0, color="grey", lw=0.5)
    ax.axvline(0, color="grey", lw=0.5)
    ax.set_xlabel("eps a  (eps Re mu)")
    ax.set_ylabel("eps b  (eps Im mu)")
    ax.set_aspect("equal")
    ax.set_title("Explicit Euler: multiplier 1 + eps mu (E1)")
    ax.legend(loc="upper left", fontsize=7)
    return _png(fig)


def _free_energy(lam: np.ndarray, T: float, sign: int) -> np.ndarray:
    rest = (1 - lam) / 2
    H = -(lam * np.log(lam) + 2 * rest * np.log(rest))
    return -np.log(lam) + sign * T * H


def free_energy_along_lambda() -> bytes:
    """F(p) = -ln(lambda) +/- T* H(p) along p = (lambda, (1-lambda)/2, (1-lambda)/2)."""
    T = float(expr.eval_mpmath("T_STAR", 20))
    lam_star = float(expr.eval_mpmath("LAM_STAR", 20))
    lam = np.linspace(0.02, 0.995, 600)
    fig, ax = _figure()
    for sign, label, colour in ((1, "F+ = -ln(lambda) + T* H (as published)", "#c62828"),
                                (-1, "F- = -ln(lambda) - T* H", "#1565c0")):
        ax.plot(lam, _free_energy(lam, T, sign), label=label, color=colour)
    ax.axvline(lam_star, color="#b8860b", ls="--", label="lambda* = 1/phi")
    ax.set_xlabel("lambda")
    ax.set_ylabel("F")
    ax.set_title("Generating functional along the symmetric line (W7)")
    ax.legend(fontsize=7)
    return _png(fig)


def _steps(p0: np.ndarray, tau: float, T: float, sign: int, natural: bool, n: int) -> np.ndarray:
    """Gradient (tangent-projected) or natural-gradient (replicator) steps on F_sign."""
    out = [p0]
    p = p0.copy()
    for _ in range(n):
        g = -sign * T * (np.log(p) + 1)
        g[0] += -1 / p[0]
        if natural:
            p = p - tau * p * (g - np.dot(p, g))
        else:
            p = p - tau * (g - g.mean())
        if np.any(p <= 0) or not np.all(np.isfinite(p)):
            break
        out.append(p.copy())
    return np.array(out)


def _to_triangle(p: np.ndarray) -> np.ndarray:
    corners = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])
    return p @ corners


def simplex_trajectories(published: dict[str, list[list[float]]] | None = None) -> bytes:
    """Trajectories on the triangle: plain gradient and natural-gradient steps with tau on F-,
    and the published package's step (from the audit record) when available."""
    T = float(expr.eval_mpmath("T_STAR", 20))
    tau = float(expr.eval_mpmath("TAU_GLOBAL", 20))
    lam_star = float(expr.eval_mpmath("LAM_STAR", 20))
    fig, ax = _figure(5.6, 5.0)
    tri = _to_triangle(np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]], dtype=float))
    ax.plot(tri[:, 0], tri[:, 1], color="black", lw=0.8)
    starts = [np.array(s) for s in ([0.2, 0.5, 0.3], [0.45, 0.1, 0.45], [0.85, 0.1, 0.05], [0.3, 0.3, 0.4])]
    styles = ((False, "#1565c0", "gradient step, tau, on F-"), (True, "#2e7d32", "natural-gradient step, tau, on F-"))
    for natural, colour, label in styles:
        for i, s in enumerate(starts):
            xy = _to_triangle(_steps(s, tau, T, -1, natural, 60))
            ax.plot(xy[:, 0], xy[:, 1], color=colour, lw=1, marker=".", ms=2, label=label if i == 0 else None)
    for i, (name, traj) in enumerate((published or {}).items()):
        xy = _to_triangle(np.array(traj, dtype=float))
        ax.plot(xy[:, 0], xy[:, 1], color="#c62828", lw=1, marker="x", ms=3,
                label="published watkins-nn step (quickstart)" if i == 0 else None)
    g = _to_triangle(np.array([lam_star, (1 - lam_star) / 2, (1 - lam_star) / 2]))
    ax.scatter([g[0]], [g[1]], marker="*", s=160, color="#b8860b", zorder=5, label="golden equilibrium")
    for label, xy in zip(("lambda", "kappa", "eta"), tri[:3]):
        ax.annotate(label, xy, textcoords="offset points", xytext=(-8, -12 if xy[1] == 0 else 6))
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("Simplex trajectories (W8, W9)")
    ax.legend(fontsize=7, loc="upper right")
    return _png(fig)


def relaxation_residuals(trace: list[float], rho: float, start: float) -> bytes:
    """Measured ||z_t - z*|| against the proved bound rho^t ||z_0 - z*|| (E3)."""
    fig, ax = _figure()
    t = np.arange(len(trace))
    ax.semilogy(t, trace, color="#1565c0", label="measured ||z_t - z*|| / ||z_0 - z*|| (max over batch)")
    ax.semilogy(t, start * rho ** t, color="#c62828", ls="--", label=f"proved bound rho^t, rho = {rho:.4g} per record")
    ax.set_xlabel("record index (evenly spaced steps)")
    ax.set_ylabel("error")
    ax.set_title("Contraction of the damped relaxation (E3)")
    ax.legend(fontsize=7)
    return _png(fig)
