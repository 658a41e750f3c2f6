"""Stability audit of any relaxation block: the proved Euler and contraction bounds applied to it.

``audit(force, x, ...)`` takes a user's force F(z, x) (an ``nn.Module`` or a function) and:

1. finds a fixed point z* by explicit Euler relaxation with Anderson mixing and a bounded step
   count, then plain relaxation halving the step if that fails (fixed points do not depend on the
   step, ``RelaxationIdentities.euler_fixed_points_independent_of_step``), or takes ``z0``;
2. linearises F at z* with ``torch.func``: the dense Jacobian J up to ``dense_max`` state
   dimensions (its spectrum from the diagonal token blocks when J is measured to be block
   lower-triangular), else an Arnoldi with thick restarts on ``linearize``d Jacobian-vector
   products for the leading eigenvalues of I + eps J;
3. judges with the project's theorems: explicit Euler is stable at eps exactly when every mode
   has |1 + eps mu| < 1, i.e. eps < eps_crit = min over Re mu < 0 of -2 Re mu / |mu|^2
   (``EulerStability.euler_stable_iff_lt_eps_crit``), no eps > 0 is stable when some Re mu >= 0
   (``EulerStability.euler_unstable_if_re_nonneg``), backward Euler contracts a mode exactly when
   2 Re mu < h |mu|^2 (``EulerStability.backward_euler_contracts_iff``); with a Lipschitz bound L
   of the learned part and the damping c of F = x - (1+c) z + G(z), the relaxation contracts with
   rho = |1 - eps(1+c)| + eps L < 1 exactly when L < 1 + c and eps (1+c+L) < 2
   (``Contraction.rho_lt_1_iff``), and then ||z_t - z*|| <= rho^t ||z_0 - z*||
   (``Contraction.relax_error_geometric``), checked against a measured relaxation.

What is proved are the implications; the eigenvalues are measured in floating point, with their
residuals ||J v - mu v|| / ||v|| reported. A Krylov eps_crit is taken over the computed Ritz values
only, so it is an upper bound on the true eps_crit (unseen modes can only lower it).

The JSON record (``record(report)``): ``kind`` "stability-audit", ``device``, ``torch``,
``state_shape``, ``state_dim``, ``method`` ("dense", "block-triangular" or "krylov"), ``eps``,
``fixed_point`` {method, steps, eps_used, residual}, ``modes`` (deciding first: mu_re, mu_im, multiplier
|1 + eps mu|, eps_crit, residual), ``eps_crit``, ``worst_multiplier``, ``suggested_eps``,
``verdicts`` [{statement, theorem, measured, holds}], ``contraction`` (when L and c are given),
``krylov`` {dim, kept, restarts, matvecs, residual_estimates, product}, ``seconds`` per phase.
"""
from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Callable

import torch
from torch import Tensor

from .equilibrium import causal_block_report, dense_jacobian
from .framework import InputError, device_name
from .krylov import KRYLOV_TOL, KRYLOV_TOL_OTHERS, linear_map, restarted_arnoldi  # noqa: F401

RESIDUAL_TOL = 1e-10          # relative force residual at which relaxation has found z*
RE_ZERO_TOL = 1e-12           # Re mu >= -RE_ZERO_TOL |mu| counts as "not strictly negative"
EPS_MARGIN = 0.9              # suggested eps = EPS_MARGIN * eps_crit
MAX_HALVINGS = 8              # relaxation retries with eps / 2^k
ANDERSON_MEMORY = 8           # relaxation steps Anderson mixing combines when finding z*
SHOWN_MODES = 8

THEOREMS = {
    "stable": "EulerStability.euler_stable_iff_lt_eps_crit",
    "unstable": "EulerStability.euler_unstable_if_re_nonneg",
    "backward": "EulerStability.backward_euler_contracts_iff",
    "fixed_point": "RelaxationIdentities.euler_fixed_points_independent_of_step",
    "rho": "Contraction.rho_lt_1_iff",
    "error": "Contraction.relax_error_geometric",
}


@dataclass
class Mode:
    """One eigenvalue mu of J at z*: multiplier |1 + eps mu|, its eps_crit (inf when Re mu >= 0 is
    not the case... nan when Re mu >= 0), and the residual ||J v - mu v|| / ||v||."""

    mu_re: float
    mu_im: float
    multiplier: float
    eps_crit: float
    residual: float


@dataclass
class StabilityReport:
    """Measurements and verdicts of one audit (see the module docstring for the fields)."""

    device: str
    state_shape: list[int]
    state_dim: int
    method: str
    eps: float
    fixed_point: dict[str, Any]
    modes: list[Mode]
    eps_crit: float
    worst_multiplier: float
    suggested_eps: float | None
    verdicts: list[dict[str, Any]]
    contraction: dict[str, Any] | None = None
    krylov: dict[str, Any] | None = None
    seconds: dict[str, float] = field(default_factory=dict)


def _apply(force: Callable[[Tensor, Tensor], Tensor], z: Tensor, x: Tensor) -> Tensor:
    out = force(z, x)
    if not isinstance(out, Tensor) or out.shape != z.shape:
        raise InputError(f"the force must return a tensor of the state's shape {tuple(z.shape)}, "
                         f"got {getattr(out, 'shape', type(out).__name__)}")
    return out


def _relative_residual(f: Tensor, z: Tensor) -> float:
    return float(torch.linalg.vector_norm(f) / torch.linalg.vector_norm(z).clamp_min(1.0))


def anderson_fixed_point(force, x: Tensor, z0: Tensor, eps: float, steps: int, tol: float = RESIDUAL_TOL,
                         memory: int = ANDERSON_MEMORY) -> tuple[Tensor | None, dict[str, Any]]:
    """A zero of F by the relaxation map g(z) = z + eps F(z, x) with Anderson mixing (Walker and
    Ni's form: the new iterate combines the last ``memory`` relaxation steps so as to minimise the
    linearised residual). A step whose residual is not finite or more than 1e3 times the best
    clears the history and restarts from the best iterate. Returns (z, info), z None when
    ``steps`` force evaluations did not reach ``tol``."""
    z = z0.reshape(-1).clone()
    dX: list[Tensor] = []
    dF: list[Tensor] = []
    best, best_res, prev = z, math.inf, None
    for t in range(steps):
        f = _apply(force, z.reshape(z0.shape), x).reshape(-1)
        res = _relative_residual(f, z) if bool(torch.isfinite(f).all()) else math.inf
        if t == 0 and not math.isfinite(res):
            raise InputError("the force returned NaN or inf at the starting state")
        if res < tol:
            return z.reshape(z0.shape), {"method": f"relaxation with Anderson mixing (memory {memory})",
                                         "steps": t, "eps_used": eps, "residual": res}
        if not math.isfinite(res) or res > 1e3 * best_res:
            z, dX, dF, prev = best.clone(), [], [], None
            continue
        if res < best_res:
            best, best_res = z, res
        g = eps * f  # g(z) - z
        if prev is not None:
            dX.append(z - prev[0])
            dF.append(g - prev[1])
            if len(dX) > memory:
                dX.pop(0)
                dF.pop(0)
        prev = (z, g)
        if dF:
            DF = torch.stack(dF)
            gram = DF @ DF.T
            ridge = 1e-14 * float(gram.diagonal().max())
            gamma = torch.linalg.solve(gram + ridge * torch.eye(len(dF), dtype=gram.dtype, device=gram.device),
                                       DF @ g)
            z = z + g - (torch.stack(dX) + DF).T @ gamma
        else:
            z = z + g
    return None, {"steps": steps, "residual": best_res}


def find_fixed_point(force, x: Tensor, z0: Tensor, eps: float, steps: int = 2000,
                     tol: float = RESIDUAL_TOL) -> tuple[Tensor, dict[str, Any]]:
    """A zero of F: relaxation with Anderson mixing, then, should that not converge in ``steps``,
    plain relaxation z <- z + h F(z, x) with h = eps, eps/2, ... (fixed points do not depend on
    the step or on how they are found)."""
    with torch.no_grad():
        z, info = anderson_fixed_point(force, x, z0, eps, steps, tol)
        if z is not None:
            return z, {**info, "theorem": THEOREMS["fixed_point"]}
        h, last = eps, info["residual"]
        for _ in range(MAX_HALVINGS + 1):
            z = z0.clone()
            for t in range(steps):
                f = _apply(force, z, x)
                if not bool(torch.isfinite(f).all()):
                    break
                last = _relative_residual(f, z)
                if last < tol:
                    return z, {"method": "relaxation", "steps": t, "eps_used": h, "residual": last,
                               "theorem": THEOREMS["fixed_point"]}
                z = z + h * f
            h /= 2
    raise InputError(f"relaxation did not reach a fixed point (relative residual {last:.3e} after Anderson "
                     f"mixing and {MAX_HALVINGS + 1} step sizes down to {2 * h:.3g}); pass z0")


def _flat(force, x: Tensor, shape: torch.Size) -> Callable[[Tensor], Tensor]:
    return lambda zf: force(zf.reshape(shape), x).reshape(-1)


def spectrum_dense(f: Callable[[Tensor], Tensor], zf: Tensor, shape: torch.Size) -> tuple[Tensor, Tensor, str]:
    """Eigenvalues of J and residuals, from the dense Jacobian (block shortcut when detected)."""
    J = dense_jacobian(f, zf)
    if len(shape) == 2 and shape[0] > 1 and causal_block_report(J, shape[0], shape[1])["upper_block_max"] == 0:
        S, D = shape
        blocks = J.reshape(S, D, S, D).diagonal(dim1=0, dim2=2).permute(2, 0, 1).cpu()
        mu, vec = torch.linalg.eig(blocks)
        res = torch.linalg.vector_norm(blocks.to(vec.dtype) @ vec - vec * mu.unsqueeze(1), dim=1)
        return mu.reshape(-1), (res / torch.linalg.vector_norm(vec, dim=1)).reshape(-1), "block-triangular"
    Jc = J.cpu()
    mu, vec = torch.linalg.eig(Jc)
    res = torch.linalg.vector_norm(Jc.to(vec.dtype) @ vec - vec * mu.unsqueeze(0), dim=0)
    return mu, res / torch.linalg.vector_norm(vec, dim=0), "dense"


def modes_of(mu: Tensor, residual: Tensor, eps: float) -> list[Mode]:
    """Each eigenvalue as a Mode, the one with the largest |1 + eps mu| first."""
    out = []
    for z, r in zip(mu.tolist(), residual.tolist()):
        z = complex(z)
        neg = z.real < -RE_ZERO_TOL * abs(z)
        crit = -2 * z.real / abs(z) ** 2 if neg else math.nan
        out.append(Mode(z.real, z.imag, abs(1 + eps * z), crit, float(r)))
    return sorted(out, key=lambda m: -m.multiplier)


def judge(modes: list[Mode], eps: float, method: str) -> tuple[float, float | None, list[dict[str, Any]]]:
    """eps_crit, the suggested eps and the verdicts, each naming the theorem it applies."""
    growing = [m for m in modes if math.isnan(m.eps_crit)]
    crits = [m.eps_crit for m in modes if not math.isnan(m.eps_crit)]
    eps_crit = 0.0 if growing else min(crits, default=math.inf)
    bound = " (over the computed Ritz values: an upper bound)" if method == "krylov" else ""
    verdicts = []
    if growing:
        worst = max(growing, key=lambda m: m.mu_re)
        verdicts.append({"statement": "no explicit Euler step eps > 0 is stable: a mode has Re mu >= 0",
                         "theorem": THEOREMS["unstable"], "measured": f"mu = {worst.mu_re:.6g} + {worst.mu_im:.6g}i "
                         f"(residual {worst.residual:.2e})", "holds": True})
        for h in (eps,):
            ok = all(2 * m.mu_re < h * (m.mu_re ** 2 + m.mu_im ** 2) for m in modes)
            verdicts.append({"statement": f"backward Euler with h = {h:g} contracts every computed mode "
                             "(2 Re mu < h |mu|^2)", "theorem": THEOREMS["backward"], "measured": "", "holds": ok})
        return eps_crit, None, verdicts
    stable = eps < eps_crit
    verdicts.append({"statement": f"explicit Euler at eps = {eps:g} is locally stable: eps < eps_crit = "
                     f"{eps_crit:.6g}{bound}", "theorem": THEOREMS["stable"],
                     "measured": f"largest |1 + eps mu| = {modes[0].multiplier:.6g}", "holds": stable})
    return eps_crit, EPS_MARGIN * eps_crit, verdicts


def contraction(force, x: Tensor, z0: Tensor, z_star: Tensor, eps: float, lipschitz: float, damping: float,
                steps: int = 50) -> dict[str, Any]:
    """E3 for a block F = x - (1+c) z + G(z) with Lip(G) <= L: rho, and the measured error against
    the proved bound rho^t ||z_0 - z*||."""
    rho = abs(1 - eps * (1 + damping)) + eps * lipschitz
    contracts = lipschitz < 1 + damping and eps * (1 + damping + lipschitz) < 2
    z, e0, worst = z0.clone(), float(torch.linalg.vector_norm(z0 - z_star)), 0.0
    with torch.no_grad():
        for t in range(1, steps + 1):
            z = z + eps * _apply(force, z, x)
            err = float(torch.linalg.vector_norm(z - z_star))
            worst = max(worst, err - rho ** t * e0)
    return {"lipschitz": lipschitz, "damping": damping, "rho": rho, "contracts": contracts,
            "theorems": [THEOREMS["rho"], THEOREMS["error"]], "steps": steps,
            "largest_excess_over_bound": worst, "within_bound": (not contracts) or worst <= 1e-9 * max(e0, 1.0)}


def audit(force, x: Tensor, z0: Tensor | None = None, eps: float = 0.1, state_shape: tuple[int, ...] | None = None,
          lipschitz: float | None = None, damping: float | None = None, dense_max: int = 4096,
          krylov: int = 40, want: int = 6, restarts: int = 30, relax_steps: int = 2000) -> StabilityReport:
    """Audit the relaxation z <- z + eps F(z, x) of a user's block at its fixed point."""
    if not (isinstance(eps, (int, float)) and math.isfinite(eps) and eps > 0):
        raise InputError(f"eps must be a positive finite number, got {eps!r}")
    if (lipschitz is None) != (damping is None):
        raise InputError("give both --lipschitz and --damping, or neither")
    if lipschitz is not None and not (lipschitz >= 0 and damping > -1):
        raise InputError("the Lipschitz bound must be >= 0 and the damping > -1")
    if not isinstance(x, Tensor):
        raise InputError(f"x must be a tensor, got {type(x).__name__}")
    shape = torch.Size(state_shape) if state_shape else x.shape
    start = torch.zeros(shape, dtype=x.dtype, device=x.device) if z0 is None else z0
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    z_star, fp = find_fixed_point(force, x, start, eps, relax_steps)
    times["fixed_point"] = time.perf_counter() - t0
    f, zf = _flat(force, x, shape), z_star.reshape(-1)
    t0 = time.perf_counter()
    kry = None
    if zf.numel() <= dense_max:
        mu, res, method = spectrum_dense(f, zf, shape)
    else:
        tangent, product = linear_map(f, zf)

        def apply(v: Tensor) -> Tensor:
            return v + eps * tangent(v)
        gen = torch.Generator(device=zf.device).manual_seed(0)
        theta, res, kry = restarted_arnoldi(apply, torch.randn(zf.numel(), dtype=zf.dtype, device=zf.device,
                                                                generator=gen), want, krylov, restarts)
        mu, method = (theta - 1) / eps, "krylov"
        kry["product"] = product
        res = res / eps  # a residual of I + eps J is eps times that of J
    times["spectrum"] = time.perf_counter() - t0
    modes = modes_of(mu, res, eps)
    crit, suggested, verdicts = judge(modes, eps, method)
    con = None
    if lipschitz is not None:
        con = contraction(force, x, start, z_star, eps, lipschitz, damping)
        verdicts.append({"statement": f"rho = {con['rho']:.6g} < 1 and ||z_t - z*|| <= rho^t ||z_0 - z*||",
                         "theorem": THEOREMS["error"], "measured": f"largest excess over the bound "
                         f"{con['largest_excess_over_bound']:.2e}", "holds": con["contracts"] and con["within_bound"]})
    return StabilityReport(device=device_name(x.device), state_shape=list(shape), state_dim=zf.numel(), method=method,
                           eps=float(eps), fixed_point=fp, modes=modes, eps_crit=crit,
                           worst_multiplier=modes[0].multiplier, suggested_eps=suggested, verdicts=verdicts,
                           contraction=con, krylov=kry, seconds={k: round(v, 3) for k, v in times.items()})


def record(report: StabilityReport) -> dict[str, Any]:
    """The JSON record of an audit (deciding modes first, at most SHOWN_MODES of them)."""
    out = asdict(report)
    out["modes"] = out["modes"][:SHOWN_MODES]
    out = {"kind": "stability-audit", "torch": torch.__version__, **out}
    for key in ("eps_crit",):
        if not math.isfinite(out[key]):
            out[key] = str(out[key])
    return out


def plot(report: StabilityReport, path: str) -> None:
    """The multipliers 1 + eps mu in the complex plane with the unit disc (explicit Euler is stable
    exactly when all lie inside), the deciding mode marked."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 5.5))
    t = torch.linspace(0, 2 * math.pi, 400)
    ax.plot(torch.cos(t), torch.sin(t), color="tab:green", label="|1 + eps mu| = 1 (stability boundary)")
    pts = [complex(1 + report.eps * m.mu_re, report.eps * m.mu_im) for m in report.modes]
    ax.scatter([p.real for p in pts], [p.imag for p in pts], s=14, color="tab:blue", label="1 + eps mu, computed modes")
    d = pts[0]
    ax.scatter([d.real], [d.imag], s=90, facecolors="none", edgecolors="tab:red", linewidths=2,
               label=f"deciding mode, |1 + eps mu| = {report.worst_multiplier:.4g}")
    ax.axhline(0, color="0.8", lw=0.8)
    ax.axvline(0, color="0.8", lw=0.8)
    ax.set_xlabel("Re(1 + eps mu)")
    ax.set_ylabel("Im(1 + eps mu)")
    ax.set_title(f"Explicit Euler multipliers at eps = {report.eps:g} ({report.method}, n = {report.state_dim})")
    ax.set_aspect("equal", adjustable="datalim")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def load_factory(spec: str):
    """``MODULE:FACTORY`` -> FACTORY() = (force, x)."""
    import importlib
    import sys

    module, sep, name = spec.partition(":")
    if not sep or not module or not name:
        raise InputError(f"expected MODULE:FACTORY, got {spec!r}")
    if "" not in sys.path:
        sys.path.insert(0, "")
    try:
        mod = importlib.import_module(module)
    except ImportError as exc:
        raise InputError(f"cannot import module {module!r}: {exc}") from None
    factory = getattr(mod, name, None)
    if not callable(factory):
        raise InputError(f"module {module!r} has no callable {name!r}")
    made = factory()
    if not (isinstance(made, tuple) and len(made) == 2 and callable(made[0]) and isinstance(made[1], Tensor)):
        raise InputError(f"{spec} must return (force, x) with force callable and x a tensor")
    return made


def _shape(text: str) -> tuple[int, ...]:
    try:
        dims = tuple(int(p) for p in text.split(","))
    except ValueError:
        raise InputError(f"--state-shape must be comma-separated positive integers, got {text!r}") from None
    if not dims or min(dims) < 1:
        raise InputError(f"--state-shape must be comma-separated positive integers, got {text!r}")
    return dims


def main(argv: list[str] | None = None) -> int:
    """``python -m torchcheck stability MODULE:FACTORY [options]``."""
    import argparse
    import json
    import sys
    from pathlib import Path

    p = argparse.ArgumentParser(prog="python -m torchcheck stability",
                                description="Audit the Euler relaxation of your block F(z, x) at its fixed point "
                                            "with the proved bounds (E1, E2, E3). Exit 0 when every verdict "
                                            "holds, 1 when one fails (e.g. eps >= eps_crit), 2 on bad input.")
    p.add_argument("factory", help="MODULE:FACTORY, a function returning (force, x); force(z, x) -> F(z, x)")
    p.add_argument("--eps", type=float, default=0.1, help="the explicit Euler step to judge (default 0.1)")
    p.add_argument("--state-shape", help="shape of z, comma-separated (default: x's shape)")
    p.add_argument("--device", choices=("cpu", "cuda"), default="cpu", help="where force and x are moved to")
    p.add_argument("--dense-max", type=int, default=4096, help="largest state dimension for a dense Jacobian")
    p.add_argument("--krylov", type=int, default=40, help="Krylov basis size of the restarted Arnoldi")
    p.add_argument("--restarts", type=int, default=30, help="most Arnoldi cycles (thick restarts) to run")
    p.add_argument("--relax-steps", type=int, default=2000, help="Euler steps per step size when finding z*")
    p.add_argument("--lipschitz", type=float, help="a Lipschitz bound L of the learned part G (with --damping)")
    p.add_argument("--damping", type=float, help="the damping c of F = x - (1+c) z + G(z) (with --lipschitz)")
    p.add_argument("--json", action="store_true", help="print the JSON record")
    p.add_argument("--out", help="write the JSON record to this file (its folder must exist)")
    p.add_argument("--plot", help="write the spectrum figure (PNG) to this file (its folder must exist)")
    args = p.parse_args(argv)
    for opt in ("out", "plot"):
        path = getattr(args, opt)
        if path and not Path(path).resolve().parent.is_dir():
            raise InputError(f"--{opt}: folder {Path(path).parent} does not exist")
    if args.dense_max < 1 or args.krylov < 2 or args.relax_steps < 1 or args.restarts < 1:
        raise InputError("--dense-max, --relax-steps and --restarts must be >= 1 and --krylov >= 2")
    if args.device == "cuda" and not torch.cuda.is_available():
        raise InputError("--device cuda asked for, but torch sees no CUDA device")
    force, x = load_factory(args.factory)
    if isinstance(force, torch.nn.Module):
        force = force.to(args.device)
    x = x.to(args.device)
    report = audit(force, x, eps=args.eps, state_shape=_shape(args.state_shape) if args.state_shape else None,
                   lipschitz=args.lipschitz, damping=args.damping, dense_max=args.dense_max, krylov=args.krylov,
                   restarts=args.restarts, relax_steps=args.relax_steps)
    rec = record(report)
    if args.out:
        Path(args.out).write_text(json.dumps(rec, indent=2) + "\n")
    if args.plot:
        plot(report, args.plot)
    if args.json:
        print(json.dumps(rec, indent=2))
    else:
        print(f"{report.method} spectrum of J at z* (n = {report.state_dim}, fixed point residual "
              f"{report.fixed_point['residual']:.1e}) on {report.device}")
        for m in report.modes[:3]:
            print(f"  mu = {m.mu_re:.6g} {m.mu_im:+.6g}i  |1 + eps mu| = {m.multiplier:.6g}  residual {m.residual:.1e}")
        suggested = "none (no explicit step is stable)" if report.suggested_eps is None else f"{report.suggested_eps:.6g}"
        print(f"eps_crit = {report.eps_crit:.6g}; suggested eps = {suggested} ({EPS_MARGIN} eps_crit)")
        for v in report.verdicts:
            print(f"{'HOLDS' if v['holds'] else 'FAILS'}: {v['statement']} [{v['theorem']}] {v['measured']}")
    sys.stdout.flush()
    return 0 if all(v["holds"] for v in report.verdicts) else 1
