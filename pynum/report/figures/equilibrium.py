"""Figures of the equilibrium-transformer claims from the torch record: E1 (the eigenvalue that
decides each explicit-Euler run), E11 (the eps_crit family) and E3 (contraction)."""

from __future__ import annotations

import math

import numpy as np

from pynum.report.records import Record, RecordError, euler_runs, measured

from .common import BAD, GOLD, GOOD, NEUTRAL, Figure, canvas, fmt, png


def euler_figure(records: dict[str, Record]) -> Figure:
    """E1: the stability disc |1 + z| < 1, the eigenvalues eps*mu nearest its edge at each step,
    and per run the deciding eigenvalue (largest |1 + eps mu|) coloured by the run's outcome."""
    rec, m = measured(records, "equilibrium-spectrum-dense")
    runs = euler_runs(rec, m)
    fig, axes = canvas(1, 1, height=5.6, width=8.0)
    ax = axes[0][0]
    t = np.linspace(0, 2 * np.pi, 400)
    ax.fill(-1 + np.cos(t), np.sin(t), color=GOOD, alpha=0.10, label="stable region |1 + eps mu| < 1")
    ax.plot(-1 + np.cos(t), np.sin(t), color=GOOD, lw=1)
    ax.axhline(0, color="grey", lw=0.5)
    ax.axvline(0, color="grey", lw=0.5)
    samples = m.get("stability_samples", [])
    for k, r in enumerate(runs):
        pts = np.array([s["z"] for s in samples if s["run"] == r.run], dtype=float).reshape(-1, 2)
        if len(pts):
            ax.scatter(
                pts[:, 0],
                pts[:, 1],
                s=14,
                marker="ox"[k % 2],
                color=NEUTRAL,
                alpha=0.45,
                lw=0.8,
                label=f"eps mu, 150 eigenvalues (those nearest the circle at eps_crit), eps = {r.factor} eps_crit",
            )
    far = max(runs, key=lambda r: r.factor)
    ray = np.array(far.deciding_z) / far.factor * 1.25  # eps_crit mu, extended past the circle
    ax.plot([0, ray[0]], [0, ray[1]], color="black", lw=0.8, ls=":", label="eps mu as eps grows (deciding mu)")
    for r in runs:
        outcome = "converged" if r.converged else "did not converge"
        ax.plot(
            *r.deciding_z,
            marker="*",
            ms=20,
            color=GOOD if r.converged else BAD,
            mec="black",
            ls="none",
            zorder=5,
            label=(
                f"deciding eigenvalue at eps = {r.factor} eps_crit: |1 + eps mu| = "
                f"{r.abs_multiplier:.3f}; the run {outcome}"
            ),
        )
    ax.set_xlim(-2.3, 0.15)
    ax.set_ylim(-1.15, 1.15)
    ax.set_aspect("equal")
    ax.set_xlabel("eps Re mu (dimensionless)")
    ax.set_ylabel("eps Im mu (dimensionless)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False)
    n = m.get("state_dim", "?")
    fig.suptitle(
        f"E1: explicit Euler on the trained block's Jacobian ({n} states), eps_crit = {fmt(float(m['eps_crit']), 6)}"
    )
    words = "; ".join(
        f"at {r.factor} eps_crit the deciding |1 + eps mu| is {r.abs_multiplier:.3f} and the run "
        f"{'converged' if r.converged else 'did not converge'}"
        for r in runs
    )
    agree = all((r.abs_multiplier < 1) == r.converged for r in runs)
    alt = (
        f"The explicit-Euler stability disc with eps mu for the Jacobian's eigenvalues nearest its edge at two "
        f"steps. Each run is decided by its eigenvalue with the largest |1 + eps mu|: {words}. "
        f"{'Picture and theorem agree' if agree else 'A run disagrees with the theorem'}: a run converges "
        f"exactly when that eigenvalue lies inside the disc."
    )
    return Figure(
        "fig-e1-euler", "E1: the eigenvalue that decides each Euler run", alt, ("E1", "E2"), (rec.name,), png(fig)
    )


def eps_crit_figure(records: dict[str, Record]) -> Figure:
    """E11: eps_crit(-d + i) = 2d/(d^2 + 1) with the recorded family, and the recorded FFN-gain
    sweep of the trained block (eps_crit falls while max |Im mu| stays bounded)."""
    rec, m = measured(records, "equilibrium-eps-crit-family")
    fam = m.get("linear_family")
    sweep = m.get("ffn_gain_sweep")
    if not fam or not sweep:
        raise RecordError(f"{rec.name}: equilibrium-eps-crit-family lacks linear_family or ffn_gain_sweep")
    fig, axes = canvas(2, 1, height=4.4)
    ax = axes[0][0]
    d = np.logspace(-3, 1, 300)
    ax.loglog(d, 2 * d / (d**2 + 1), color="#1f77b4", lw=1.6, label="eps_crit(-d + i) = 2d/(d^2 + 1)")
    ax.loglog(
        [-f["a"] for f in fam],
        [f["eps_crit"] for f in fam],
        "o",
        ms=8,
        mfc="none",
        mec="black",
        mew=1.5,
        label="recorded family (Im mu = 1)",
    )
    ax.set_xlabel("d = -Re mu (1/unit time)")
    ax.set_ylabel("eps_crit (step, unit time)")
    ax.set_title("Im mu held at 1: eps_crit -> 0 as Re mu -> 0-")
    ax.legend(loc="lower right")
    ax = axes[0][1]
    gains = [float(s["ffn_gain"]) for s in sweep]
    ecs = [float(s["eps_crit"]) for s in sweep]
    finite = [(g, e) for g, e in zip(gains, ecs) if math.isfinite(e)]
    ax.semilogy(*zip(*finite), "o-", color=BAD, lw=1.6, label="eps_crit of the trained block")
    lost = [g for g, e in zip(gains, ecs) if not math.isfinite(e)]
    floor = min(e for _, e in finite) / 3
    if lost:
        ax.plot(
            lost,
            [floor] * len(lost),
            marker="v",
            ms=10,
            color=BAD,
            ls="none",
            label="no stable step (an eigenvalue with Re mu >= 0)",
        )
    ax.set_ylim(floor / 2, 2 * max(e for _, e in finite))
    ax.set_xlim(min(gains) - 0.2, max(gains) + 0.2)
    ax.set_xlabel("FFN gain (multiplier on W2, dimensionless)")
    ax.set_ylabel("eps_crit (log scale)")
    ax2 = ax.twinx()
    ax2.spines["right"].set_visible(True)
    ax2.plot(gains, [float(s["im_mu_absmax"]) for s in sweep], "s--", color=GOLD, label="max |Im mu|")
    ax2.set_ylabel("max |Im mu|")
    ax2.set_ylim(0, 1.3 * max(float(s["im_mu_absmax"]) for s in sweep))
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = ax2.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, loc="lower left")
    ax.set_title("trained block: bounded Im mu, eps_crit still falls")
    fig.suptitle("E11: bounded imaginary parts do not keep eps_crit away from 0")
    fig.tight_layout()
    alt = (
        f"Left: eps_crit = 2d/(d^2 + 1) of eigenvalues -d + i, with the recorded family down to "
        f"{fmt(min(f['eps_crit'] for f in fam))}. Right: scaling the trained block's FFN by gains "
        f"{', '.join(f'{g:g}' for g in gains)} keeps max |Im mu| below {fmt(max(float(s['im_mu_absmax']) for s in sweep), 3)}"
        f" while eps_crit falls from {fmt(ecs[0])} to {fmt(min(e for _, e in finite))}"
        + (" and then no step is stable." if lost else ".")
    )
    return Figure("fig-e11-eps-crit", "E11: the eps_crit family", alt, ("E11",), (rec.name,), png(fig))


BOUND_SLACK = 1e-9  # relative rounding allowance when comparing the measured error with rho^t


def contraction_figure(records: dict[str, Record]) -> Figure:
    """E3: the recorded relaxation error against the proved bound rho^t."""
    rec, m = measured(records, "equilibrium-contraction")
    keys = [k for k in m if k.endswith("contraction_trace")]
    if not keys:
        raise RecordError(f"{rec.name}: equilibrium-contraction has no *_contraction_trace")
    tr = m[keys[0]]
    errs, rho, stride = np.array(tr["errors"], dtype=float), float(tr["rho"]), int(tr.get("stride", 1))
    t = np.arange(len(errs)) * stride
    fig, axes = canvas(1, 1, height=3.8, width=7.5)
    ax = axes[0][0]
    ax.semilogy(t, errs, color="#1f77b4", lw=1.8, label="measured ||z_t - z*|| / ||z_0 - z*|| (max over the batch)")
    ax.semilogy(t, errs[0] * rho**t, color=BAD, ls="--", lw=1.6, label=f"proved bound rho^t, rho = {rho:.4g}")
    ax.set_xlabel("relaxation step t")
    ax.set_ylabel("relative error (log scale)")
    below = bool(np.all(errs <= errs[0] * rho**t * (1 + BOUND_SLACK)))
    verb = "stays below" if below else "EXCEEDS"
    ax.set_title(f"E3: the measured error {verb} the proved bound")
    ax.legend(loc="upper right", frameon=False)
    alt = (
        f"Measured relative error of the relaxation over {int(t[-1])} steps {verb} the proved bound rho^t "
        f"with rho = {rho:.4g}; it ends at {fmt(float(errs[-1]), 3)}."
    )
    return Figure("fig-e3-contraction", "E3: contraction against the proved bound", alt, ("E3",), (rec.name,), png(fig))


__all__ = ["euler_figure", "eps_crit_figure", "contraction_figure", "GOLD"]
