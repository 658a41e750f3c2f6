"""Stability audit of any relaxation block: the proved Euler and contraction bounds applied to it.

``audit(force, x, ...)`` takes a user's force F(z, x) (an ``nn.Module`` or a function) and:

1. finds a fixed point z* (``engine.fixed_point``: relaxation with Anderson mixing, then plain
   relaxation with halved steps), or takes ``z0``;
2. measures the spectrum of J = F'(z*) (``torch.func``): every eigenvalue from the dense
   Jacobian up to ``dense_max`` state dimensions (from the diagonal token blocks when J is
   block lower-triangular); beyond that eps_crit exactly from Jacobian-vector products by the
   root-find of ``engine.eps_crit`` (restarted Arnoldi on I + eps J) or, when its deciding mode
   does not converge and J is normal, by the certified norm bracket of ``engine.normal``
   (``engine.scale`` runs the two);
3. judges with the project's theorems: explicit Euler is stable at eps exactly when every mode
   has |1 + eps mu| < 1, i.e. eps < eps_crit = min over modes of -2 Re mu / |mu|^2
   (``EulerStability.euler_stable_iff_lt_eps_crit``); no eps > 0 is stable when some Re mu >= 0
   (``EulerStability.euler_unstable_if_re_nonneg``); backward Euler contracts a mode exactly when
   2 Re mu < h |mu|^2 (``EulerStability.backward_euler_contracts_iff``); with a Lipschitz bound L
   of the learned part and the damping c of F = x - (1+c) z + G(z), the relaxation contracts with
   rho = |1 - eps(1+c)| + eps L < 1 exactly when L < 1 + c and eps (1+c+L) < 2
   (``Contraction.rho_lt_1_iff``), and then ||z_t - z*|| <= rho^t ||z_0 - z*||
   (``Contraction.relax_error_geometric``), checked against a measured relaxation.

Each verdict states what was found and has a ``status``: "holds", "fails", "not shown" (a
sufficient condition that does not hold: nothing follows either way) or "undetermined" (a
deciding mode did not converge, or eps lies within eps_crit's error bound). Verdicts come only
from converged modes or a certified norm (``engine.normal``). A suggested step (EPS_MARGIN eps_crit) is given only once checked: the
spectral radius of I + eps_s J below 1 with a converged dominant mode, and a relaxation run at
eps_s that converges.

The JSON record (``record(report)``): ``kind`` "stability-audit", ``device``, ``torch``,
``dtype``, ``state_shape``, ``state_dim``, ``method`` ("dense", "block-triangular", "krylov"),
``eps``, ``fixed_point``, ``modes`` (the eps_crit-deciding mode first, then the mode of the
largest multiplier at eps, then the rest by multiplier: mu_re, mu_im, multiplier |1 + eps mu|,
eps_crit, residual, decides), ``eps_crit``, ``eps_crit_bound``, ``eps_crit_mode``,
``worst_multiplier``, ``multiplier_mode``, ``suggested_eps``, ``suggestion``, ``verdicts``
[{statement, theorem, measured, status}], ``status``, ``contraction``, ``krylov``, ``seconds``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import torch
from torch import Tensor

from ..framework import InputError, device_name

# ROUNDOFF_FACTOR: the dtype floor, residuals below this many unit roundoffs x max |mu| are not resolved
from .contraction import ROUNDOFF_FACTOR, THEOREM_ERROR, THEOREM_RHO, contraction, contraction_verdict
from .eps_crit import EpsCrit, eps_crit_bound
from .fixed_point import find_fixed_point, relaxation_converges, residual_tol
from .modes import Mode, mode_of
from .normal import DEFAULT_STEPS
from .scale import Probe, krylov_spectrum
from .spectrum import spectrum_dense

EPS_MARGIN = 0.9  # suggested eps = EPS_MARGIN * eps_crit
SHOWN_MODES = 8

THEOREMS = {
    "stable": "EulerStability.euler_stable_iff_lt_eps_crit",
    "unstable": "EulerStability.euler_unstable_if_re_nonneg",
    "backward": "EulerStability.backward_euler_contracts_iff",
    "rho": THEOREM_RHO,
    "error": THEOREM_ERROR,
}
STATUS_EXIT = {"holds": 0, "not shown": 0, "fails": 1, "undetermined": 3}


@dataclass
class StabilityReport:
    """Measurements and verdicts of one audit (see the module docstring for the fields)."""

    device: str
    dtype: str
    state_shape: list[int]
    state_dim: int
    method: str
    eps: float
    fixed_point: dict[str, Any]
    modes: list[Mode]
    eps_crit: float
    eps_crit_bound: float
    eps_crit_mode: Mode | None
    worst_multiplier: float | None
    multiplier_mode: Mode | None
    suggested_eps: float | None
    suggestion: dict[str, Any]
    verdicts: list[dict[str, Any]]
    status: str = "holds"
    contraction: dict[str, Any] | None = None
    krylov: dict[str, Any] | None = None
    seconds: dict[str, float] = field(default_factory=dict)


def _tag(m: Mode | None, what: str) -> None:
    if m is not None:
        m.decides = f"{m.decides}+{what}" if m.decides else what


def _order(modes: list[Mode], crit_mode: Mode | None, mult_mode: Mode | None) -> list[Mode]:
    """The deciding modes first, then the rest by multiplier."""

    def same(a: Mode, b: Mode) -> bool:
        return a is b or (a.mu_re, a.mu_im) == (b.mu_re, b.mu_im)

    first = [m for m in (crit_mode, mult_mode) if m is not None]
    first = [m for i, m in enumerate(first) if not any(same(m, o) for o in first[:i])]
    rest = sorted((m for m in modes if not any(same(m, o) for o in first)), key=lambda m: -m.multiplier)
    return first + rest


def dense_result(mu: Tensor, res: Tensor, eps: float, floor: float) -> tuple[list[Mode], EpsCrit]:
    """Modes and eps_crit from every eigenvalue: eps_crit is the smallest mode value, its bound the
    widest gap between min(crit_i +- bound_i) and it (bound_i from each residual, at least the
    dtype floor)."""
    modes = [mode_of(complex(z), float(r), eps) for z, r in zip(mu.tolist(), res.tolist())]
    crits = [m.eps_crit for m in modes]
    bounds = [eps_crit_bound(complex(m.mu_re, m.mu_im), max(m.residual, floor)) for m in modes]
    i = min(range(len(modes)), key=lambda k: crits[k])
    lo = min(c - b for c, b in zip(crits, bounds))
    hi = min(c + b for c, b in zip(crits, bounds))
    value = crits[i]
    bound = max(value - max(lo, 0.0), hi - value) if value > 0 else 0.0
    m = modes[i]
    return modes, EpsCrit(value, bound, complex(m.mu_re, m.mu_im), m.residual, True)


def judge(
    eps: float, ec: EpsCrit, crit_mode: Mode | None, mult_mode: Mode | None, all_modes: list[Mode] | None
) -> list[dict[str, Any]]:
    """The verdicts on explicit Euler at eps (and backward Euler at h = eps), each naming its
    theorem; ``all_modes`` None at Krylov scale (only the modes found are known)."""
    out: list[dict[str, Any]] = []
    found = "every mode" if all_modes is not None else "every mode (Krylov: the dominant modes of each run)"
    if not ec.determined and ec.lower >= eps:  # settled at eps by the certified norm, eps_crit not
        out.append(
            {
                "statement": f"stable at eps = {eps:g}: ||I + eps J|| < 1 certified, so every mode has "
                f"|1 + eps mu| < 1; eps_crit itself undetermined: {ec.reason}",
                "theorem": THEOREMS["stable"],
                "measured": ec.witness,
                "status": "holds",
            }
        )
        return out
    if crit_mode is None or not ec.determined and not (math.isfinite(ec.value) and ec.value < eps):
        out.append(
            {
                "statement": f"stability at eps = {eps:g} undetermined: {ec.reason}",
                "theorem": THEOREMS["stable"],
                "measured": "",
                "status": "undetermined",
            }
        )
        return out
    mu = complex(crit_mode.mu_re, crit_mode.mu_im)
    witness = ec.witness or f"mu = {mu.real:.6g} {mu.imag:+.6g}i (residual {crit_mode.residual:.1e})"
    if ec.witness:  # the norm bracket: evidence about norms, not one converged mode
        found = "every mode (the certified norm bound)"
    zero = (ec.determined and ec.value == 0.0) if ec.witness else crit_mode.eps_crit == 0.0
    if zero:
        out.append(
            {
                "statement": f"unstable at every eps > 0: Re mu >= 0 for {witness}",
                "theorem": THEOREMS["unstable"],
                "measured": f"|1 + eps mu| = {abs(1 + eps * mu):.6g} at eps = {eps:g}",
                "status": "fails",
            }
        )
    elif ec.determined and eps < ec.value - ec.bound:
        worst = "" if mult_mode is None else f"; largest |1 + eps mu| = {mult_mode.multiplier:.6g}"
        out.append(
            {
                "statement": f"stable at eps = {eps:g}: {found} has |1 + eps mu| < 1, since eps < "
                f"eps_crit = {ec.value:.6g} +- {ec.bound:.1e}",
                "theorem": THEOREMS["stable"],
                "measured": f"eps_crit decided by {witness}{worst}",
                "status": "holds",
            }
        )
    elif eps > ec.value + (ec.bound if ec.determined else eps_crit_bound(mu, crit_mode.residual)):
        out.append(
            {
                "statement": f"unstable at eps = {eps:g}: eps > eps_crit = {ec.value:.6g} +- {ec.bound:.1e}"
                if ec.witness
                else f"unstable at eps = {eps:g}: |1 + eps mu| = {abs(1 + eps * mu):.6g} > 1 for {witness}",
                "theorem": THEOREMS["stable"],
                "measured": witness if ec.witness else f"eps_crit {'=' if ec.determined else '<='} {ec.value:.6g}",
                "status": "fails",
            }
        )
    else:
        out.append(
            {
                "statement": f"stability at eps = {eps:g} undetermined: eps is within the error bound "
                f"{ec.bound:.1e} of eps_crit = {ec.value:.6g}",
                "theorem": THEOREMS["stable"],
                "measured": witness,
                "status": "undetermined",
            }
        )
    if zero:
        h = eps
        bad = [m for m in (all_modes or [crit_mode]) if 2 * m.mu_re >= h * (m.mu_re**2 + m.mu_im**2)]
        if bad:
            b = bad[0]
            out.append(
                {
                    "statement": f"backward Euler with h = {h:g} does not contract mu = {b.mu_re:.6g} "
                    f"{b.mu_im:+.6g}i: 2 Re mu >= h |mu|^2",
                    "theorem": THEOREMS["backward"],
                    "measured": "",
                    "status": "fails",
                }
            )
        elif all_modes is not None:
            out.append(
                {
                    "statement": f"backward Euler with h = {h:g} contracts every mode: 2 Re mu < h |mu|^2",
                    "theorem": THEOREMS["backward"],
                    "measured": "",
                    "status": "holds",
                }
            )
    return out


def _suggest(
    force,
    x: Tensor,
    z_star: Tensor,
    ec: EpsCrit,
    modes: list[Mode] | None,
    probe: Callable[[float], tuple[float, bool, str]],
    relax_steps: int,
) -> dict[str, Any]:
    """EPS_MARGIN eps_crit, checked: spectral radius of I + eps_s J below 1 (converged) and a
    relaxation run at eps_s that converges."""
    if not ec.determined or ec.value <= 0 or not math.isfinite(ec.value):
        why = "no explicit step is stable" if ec.determined and ec.value == 0 else "eps_crit undetermined"
        return {"eps": None, "reason": why}
    eps_s = EPS_MARGIN * ec.value
    rho, ok, why = probe(eps_s)
    out: dict[str, Any] = {"eps": None, "candidate": eps_s, "spectral_radius": rho, "spectral_radius_converged": ok}
    if not ok or not rho < 1:
        out["reason"] = why or f"spectral radius {rho:.6g} of I + eps J at {eps_s:.6g} is not below 1"
        return out
    run = relaxation_converges(force, x, z_star, eps_s, relax_steps)
    out["relaxation"] = run
    if not run["converged"]:
        out["reason"] = f"relaxation at {eps_s:.6g} did not converge within {relax_steps} steps"
        return out
    out["eps"] = eps_s
    return out


def audit(
    force,
    x: Tensor,
    z0: Tensor | None = None,
    eps: float = 0.1,
    state_shape: tuple[int, ...] | None = None,
    lipschitz: float | None = None,
    damping: float | None = None,
    dense_max: int = 4096,
    krylov: int = 40,
    want: int = 6,
    restarts: int = 30,
    relax_steps: int = 2000,
    seed: int = 0,
    lanczos: int = DEFAULT_STEPS,
) -> StabilityReport:
    """Audit the relaxation z <- z + eps F(z, x) of a user's block at its fixed point."""
    if not (isinstance(eps, (int, float)) and math.isfinite(eps) and eps > 0):
        raise InputError(f"eps must be a positive finite number, got {eps!r}")
    if (lipschitz is None) != (damping is None):
        raise InputError("give both --lipschitz and --damping, or neither")
    if lipschitz is not None and damping is not None and not (lipschitz >= 0 and damping > -1):
        raise InputError("the Lipschitz bound must be >= 0 and the damping > -1")
    if not isinstance(x, Tensor):
        raise InputError(f"x must be a tensor, got {type(x).__name__}")
    if not x.dtype.is_floating_point:
        raise InputError(f"x must be a floating-point tensor, got {x.dtype}")
    shape = torch.Size(state_shape) if state_shape else x.shape
    start = torch.zeros(shape, dtype=x.dtype, device=x.device) if z0 is None else z0
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    z_star, fp = find_fixed_point(force, x, start, eps, relax_steps)
    times["fixed_point"] = time.perf_counter() - t0
    zf = z_star.reshape(-1)
    f = lambda v: force(v.reshape(shape), x).reshape(-1)  # noqa: E731
    unit = torch.finfo(zf.dtype).eps
    t0 = time.perf_counter()
    kry: dict[str, Any] | None = None
    all_modes: list[Mode] | None
    if zf.numel() <= dense_max:
        mu, res, method = spectrum_dense(f, zf, shape)
        floor = ROUNDOFF_FACTOR * unit * float(mu.abs().max()) if zf.dtype != torch.float64 else 0.0
        all_modes, ec = dense_result(mu, res, eps, floor)
        crit_mode: Mode | None = min(all_modes, key=lambda m: m.eps_crit)
        mult_mode: Mode | None = max(all_modes, key=lambda m: m.multiplier)
        shown = all_modes

        def dense_probe(e: float) -> tuple[float, bool, str]:
            return float((1 + e * mu).abs().max()), True, ""

        probe: Probe = dense_probe
    else:
        ks = krylov_spectrum(f, zf, eps, want, krylov, restarts, seed, lanczos)
        method, all_modes = "krylov", None
        ec, crit_mode, mult_mode, shown, kry, probe = ks.ec, ks.crit_mode, ks.mult_mode, ks.shown, ks.info, ks.probe
    times["spectrum"] = time.perf_counter() - t0
    _tag(crit_mode, "eps_crit")
    _tag(mult_mode, "multiplier")
    verdicts = judge(eps, ec, crit_mode, mult_mode, all_modes)
    t0 = time.perf_counter()
    suggestion = _suggest(force, x, z_star, ec, all_modes, probe, relax_steps)
    times["suggestion"] = time.perf_counter() - t0
    con = None
    if lipschitz is not None and damping is not None:
        con = contraction(force, x, start, z_star, eps, lipschitz, damping)
        verdicts.append(contraction_verdict(con))
    status = max((v["status"] for v in verdicts), key=lambda s: (STATUS_EXIT[s], s == "holds"))
    return StabilityReport(
        device=device_name(x.device),
        dtype=str(zf.dtype).replace("torch.", ""),
        state_shape=list(shape),
        state_dim=zf.numel(),
        method=method,
        eps=float(eps),
        fixed_point={**fp, "tolerance": fp.get("tolerance", residual_tol(zf.dtype))},
        modes=_order(shown, crit_mode, mult_mode),
        eps_crit=ec.value,
        eps_crit_bound=ec.bound,
        eps_crit_mode=crit_mode,
        worst_multiplier=mult_mode.multiplier if mult_mode else None,
        multiplier_mode=mult_mode,
        suggested_eps=suggestion["eps"],
        suggestion=suggestion,
        verdicts=verdicts,
        status=status,
        contraction=con,
        krylov=kry,
        seconds={k: round(v, 3) for k, v in times.items()},
    )


def exit_code(report: StabilityReport) -> int:
    """0 holds (or only "not shown"), 1 a verdict fails, 3 undetermined."""
    return STATUS_EXIT[report.status]


def record(report: StabilityReport) -> dict[str, Any]:
    """The JSON record of an audit (deciding modes first, at most SHOWN_MODES of them); strict JSON:
    a value that is not finite (eps_crit undetermined, a run with no converged mode) is its string
    "nan" or "inf"."""
    out = asdict(report)
    out["modes"] = out["modes"][:SHOWN_MODES]
    return _strict({"kind": "stability-audit", "torch": torch.__version__, **out})


def _strict(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {k: _strict(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_strict(v) for v in value]
    return value
