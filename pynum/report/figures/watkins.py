"""Figures of the watkins-nn claims: W9 (the published quickstart on the simplex), W6/W8 (local
multipliers against the step size), W7 (the functional along the symmetric line)."""

from __future__ import annotations

import numpy as np

from pynum.constants import expr, step_rates
from pynum.report.records import Record, RecordError

from .common import BAD, GOLD, GOOD, NEUTRAL, SEED_COLOURS, Figure, canvas, fmt, png

AUDIT = "results/watkins-audit.json"
TORCH = "results/torchcheck-cuda.json"
# Corners of the triangle: lambda on top, kappa bottom left, eta bottom right.
CORNERS = np.array([[0.5, np.sqrt(3) / 2], [0.0, 0.0], [1.0, 0.0]])


def _num(name: str) -> float:
    return float(expr.eval_mpmath(name, 20))


def to_triangle(p: np.ndarray) -> np.ndarray:
    """Barycentric (lambda, kappa, eta) -> plane coordinates of the drawn triangle."""
    return np.asarray(p, dtype=float) @ CORNERS


def simplex_figure(rec: Record) -> Figure:
    """W9: the published quickstart's trajectory from each init, the golden point and where
    the trajectories end."""
    inits = rec.get("quickstart", "inits")
    if not isinstance(inits, dict) or not inits:
        raise RecordError(f"{rec.name}: quickstart/inits holds no runs")
    steps = rec.get("quickstart", "steps")
    ls = _num("LAM_STAR")
    golden = np.array([ls, (1 - ls) / 2, (1 - ls) / 2])
    fig, axes = canvas(2, 1, height=5.0)
    ax, dist_ax = axes[0][0], axes[0][1]
    edge = to_triangle(np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]], dtype=float))
    ax.plot(edge[:, 0], edge[:, 1], color="black", lw=1)
    markers = ("o", "s", "^", "D", "v")
    for k, name in enumerate(inits):
        traj = np.array(rec.get("quickstart", "inits", name, "trajectory"), dtype=float)
        if traj.ndim != 2 or traj.shape[1] != 3:
            raise RecordError(f"{rec.name}: quickstart/inits/{name}/trajectory is not a list of 3-vectors")
        xy = to_triangle(traj)
        colour = SEED_COLOURS[k % len(SEED_COLOURS)]
        ax.plot(
            xy[:, 0],
            xy[:, 1],
            color=colour,
            lw=1.4,
            marker=markers[k % 5],
            ms=3.5,
            label=f"init '{name}' ({len(traj) - 1} steps)",
        )
        ax.plot(*xy[0], marker=markers[k % 5], ms=10, mfc="white", mec=colour, mew=2, zorder=5)
        dist_ax.plot(
            np.arange(len(traj)),
            np.linalg.norm(traj - golden, axis=1),
            color=colour,
            marker=markers[k % 5],
            ms=4,
            lw=1.4,
            label=f"init '{name}'",
        )
    g = to_triangle(golden)
    ax.plot(
        *g,
        marker="*",
        ms=18,
        color=GOLD,
        mec="black",
        ls="none",
        zorder=6,
        label="golden point (1/phi, 1/(2 phi^2), 1/(2 phi^2))",
    )
    finals = np.array([rec.get("quickstart", "inits", n, "final") for n in inits], dtype=float)
    end = to_triangle(finals.mean(axis=0))
    ax.plot(
        *end,
        marker="X",
        ms=14,
        color=BAD,
        mec="black",
        ls="none",
        zorder=6,
        label="where every run ends (vertex lambda = 1)",
    )
    for label, xy, off in (
        ("lambda = 1", CORNERS[0], (0, 10)),
        ("kappa = 1", CORNERS[1], (-8, -16)),
        ("eta = 1", CORNERS[2], (8, -16)),
    ):
        ax.annotate(label, xy, textcoords="offset points", xytext=off, ha="center", fontsize=11)
    ax.set_xlim(-0.12, 1.12)
    ax.set_ylim(-0.12, 1.0)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.02), frameon=False, ncol=1)
    ax.set_title("trajectories on the simplex")
    dist = float(rec.get("quickstart", "distance_vertex_to_golden"))
    dist_ax.axhline(dist, color=BAD, ls="--", lw=1.2, label="distance of the vertex lambda = 1")
    dist_ax.axhline(0, color=GOLD, lw=1.2, label="the golden point")
    dist_ax.set_xlabel("quickstart step")
    dist_ax.set_ylabel("Euclidean distance to the golden point")
    dist_ax.set_title("distance to the golden point")
    dist_ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), frameon=False, ncol=2)
    fig.suptitle(f"W9: the published quickstart, {steps} watkins_step calls from each init")
    frac = float(rec.get("quickstart", "random_starts", "fraction_at_vertex_lambda_gt_1_minus_1e-6"))
    alt = (
        f"The probability triangle with corners lambda, kappa, eta. From each init ({', '.join(inits)}), "
        f"the golden one included, watkins-nn's quickstart moves away from the golden point and ends at "
        f"the vertex lambda = 1, at distance {fmt(dist)} from it; {frac:.0%} of "
        f"{rec.get('quickstart', 'random_starts', 'starts')} random starts end there too."
    )
    return Figure(
        "fig-w9-simplex", "W9: quickstart trajectories on the simplex", alt, ("W9", "W7"), (rec.name,), png(fig)
    )


def _measured_at_tau(records: dict[str, Record]) -> list[tuple[str, float]]:
    """Measured multipliers at tau from the reduced-line checks of the newest record, if any."""
    from pynum.report.records import measured

    out = []
    for cid, label in (("simplex-reduced-plain-minus", "plain"), ("simplex-reduced-fisher-minus", "Fisher")):
        rec, m = measured(records, cid)
        if "measured_multiplier_median" not in m:
            raise RecordError(f"{rec.name}: {cid} lacks measured_multiplier_median")
        out.append((label, float(m["measured_multiplier_median"])))
    return out


def multipliers_figure(records: dict[str, Record]) -> Figure:
    """W6/W8: each analysed step's local multipliers 1 - h c against h, with tau, the optimal
    steps and the multipliers measured on the GPU at tau."""
    tau = _num("TAU_GLOBAL")
    h = np.linspace(0.0, 0.62, 600)
    fig, axes = canvas(2, 1, height=4.4)
    groups = (
        (axes[0][0], "reduced line l -> (l, (1-l)/2, (1-l)/2)", step_rates.steps()[:2]),
        (axes[0][1], "whole simplex, both tangent modes", step_rates.steps()[2:]),
    )
    colours = iter(SEED_COLOURS)
    for ax, title, steps in groups:
        ax.axhspan(-1, 1, color=GOOD, alpha=0.08)
        for y in (-1, 1):
            ax.axhline(y, color=GOOD, lw=0.8)
        ax.axhline(0, color="black", lw=0.5)
        for step in steps:
            colour = next(colours)
            for k, (mode, rate) in enumerate(step.rates.items()):
                c = float(rate.evalf(20))
                ls = "-" if k == 0 else "--"
                label = step.name.split(",")[0] + ("" if len(step.rates) == 1 else f", {mode}")
                ax.plot(h, 1 - h * c, color=colour, ls=ls, lw=1.6, label=label)
            opt = float(step.optimal_step().evalf(20))
            worst = max(abs(1 - opt * float(r.evalf(20))) for r in step.rates.values())
            ys = [1 - opt * float(r.evalf(20)) for r in step.rates.values()]
            ax.plot(
                [opt] * len(ys),
                ys,
                marker="D",
                ms=7,
                color=colour,
                ls="none",
                label=f"its optimal step {opt:.4f} (largest |m| there {worst:.3f})",
            )
        ax.axvline(tau, color=BAD, lw=1.4, label=f"tau = 1/m(phi) = {tau:.6f}")
        ax.set_ylim(-2.2, 1.2)
        ax.set_xlim(0, h[-1])
        ax.set_title(title)
        ax.set_xlabel("step size h (dimensionless)")
        ax.set_ylabel("local multiplier 1 - h c at the golden point")
    for label, m in _measured_at_tau(records):
        axes[0][0].plot(
            [tau],
            [m],
            marker="o",
            ms=9,
            mfc="none",
            mec="black",
            mew=1.5,
            ls="none",
            label=f"measured on GPU at tau ({label}): {m:.6f}",
        )
    for ax in (axes[0][0], axes[0][1]):
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), fontsize=8.5, frameon=False, ncol=1)
    fig.suptitle("W6/W8: local multipliers of the descent steps on F- (|m| < 1 shaded: stable)")
    fig.subplots_adjust(wspace=0.28)
    plain = step_rates.steps()[0]
    limit = float(plain.stability_limit().evalf(20))
    alt = (
        f"Local multiplier against step size for plain gradient and Fisher natural-gradient descent on the "
        f"reduced line (left) and for the Euclidean projected and Fisher steps in both tangent modes of the "
        f"whole simplex (right). Plain descent is stable only for h < {limit:.5f}; at tau = {tau:.6f} "
        f"its multiplier is {1 - tau * float(list(plain.rates.values())[0].evalf(20)):.6f} (unstable), and "
        f"the optimal steps (diamonds) lie away from tau."
    )
    return Figure(
        "fig-w6-multipliers", "W6/W8: local multipliers against the step size", alt, ("W6", "W8"), (TORCH,), png(fig)
    )


def free_energy_figure() -> Figure:
    """W7: F+ and F- along p = (lambda, (1-lambda)/2, (1-lambda)/2) at T = T*."""
    T, ls = _num("T_STAR"), _num("LAM_STAR")
    lam = np.linspace(0.02, 0.995, 600)
    rest = (1 - lam) / 2
    H = -(lam * np.log(lam) + 2 * rest * np.log(rest))
    fig, axes = canvas(1, 1, height=4.0, width=7.5)
    ax = axes[0][0]
    ax.plot(lam, -np.log(lam) + T * H, color=BAD, lw=1.8, label="F+ = -ln(lambda) + T* H  (as published)")
    ax.plot(lam, -np.log(lam) - T * H, color="#1f77b4", lw=1.8, label="F- = -ln(lambda) - T* H")
    ax.axvline(ls, color=GOLD, ls="--", label="lambda* = 1/phi")
    ax.set_xlabel("lambda (probability of the first component)")
    ax.set_ylabel("F (nats)")
    ax.set_title("W7: the functional along the symmetric line at T = T*")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), frameon=False, ncol=2)
    alt = (
        "F+ (as published) and F- along the symmetric line at T = T*: F+ keeps falling toward lambda = 1 and "
        "has no minimum at lambda* = 1/phi; F- has its minimum exactly at lambda*."
    )
    return Figure("fig-w7-functional", "W7: F+ and F- along the symmetric line", alt, ("W7",), (), png(fig))


__all__ = ["simplex_figure", "multipliers_figure", "free_energy_figure", "AUDIT", "TORCH", "NEUTRAL"]
