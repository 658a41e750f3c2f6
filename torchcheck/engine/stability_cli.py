"""``torchcheck stability FACTORY [options]``: the command line of the stability audit.

FACTORY is ``MODULE:NAME`` (an importable module) or ``PATH.py:NAME`` (a file), NAME a function
returning ``(force, x)``. Exit 0 when the verdicts hold (or are only "not shown"), 1 when one
fails, 2 on bad input (one line), 3 when undetermined (the reason and the option that raises the
budget are printed).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import torch
from torch import Tensor

from ..framework import InputError
from . import stability as S
from .normal import DEFAULT_STEPS


def load_factory(spec: str) -> tuple[Any, ...]:
    """``MODULE:FACTORY`` or ``PATH.py:FACTORY`` -> FACTORY() = (force, x), or (deq, f, z_init) for a
    TorchDEQ layer; every failure one InputError."""
    import importlib
    import importlib.util
    import sys

    module, sep, name = spec.rpartition(":")
    if not sep or not module or not name:
        raise InputError(f"expected MODULE:FACTORY or PATH.py:FACTORY, got {spec!r}")
    if module.endswith(".py") or "/" in module or "\\" in module:
        path = Path(module)
        if not path.is_file():
            raise InputError(f"no such file: {module}")
        mod_name = f"_stability_factory_{abs(hash(str(path.resolve())))}"
        loader_spec = importlib.util.spec_from_file_location(mod_name, path)
        if loader_spec is None or loader_spec.loader is None:
            raise InputError(f"cannot load {module} as a Python file")
        mod = importlib.util.module_from_spec(loader_spec)
        try:
            loader_spec.loader.exec_module(mod)
        except Exception as exc:  # the user's file: report, do not trace
            raise InputError(f"loading {module} raised {type(exc).__name__}: {_line(exc)}") from None
    else:
        if "" not in sys.path:
            sys.path.insert(0, "")
        try:
            mod = importlib.import_module(module)
        except ImportError as exc:
            raise InputError(f"cannot import module {module!r}: {_line(exc)}") from None
        except Exception as exc:
            raise InputError(f"importing {module} raised {type(exc).__name__}: {_line(exc)}") from None
    factory = getattr(mod, name, None)
    if not callable(factory):
        raise InputError(f"{module} has no callable {name!r}")
    try:
        made = factory()
    except Exception as exc:
        raise InputError(f"{spec}() raised {type(exc).__name__}: {_line(exc)}") from None
    from ..audits.torchdeq import is_deq

    if (
        isinstance(made, tuple)
        and len(made) == 3
        and is_deq(made[0])
        and callable(made[1])
        and isinstance(made[2], Tensor)
    ):
        return made
    if not (isinstance(made, tuple) and len(made) == 2 and callable(made[0]) and isinstance(made[1], Tensor)):
        raise InputError(
            f"{spec} must return (force, x) with force callable and x a tensor, or a TorchDEQ layer's (deq, f, z_init)"
        )
    return made


def _line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else ""


def checked_force(force):
    """The user's force with every exception it raises turned into one InputError line."""

    def call(z: Tensor, x: Tensor) -> Tensor:
        try:
            return force(z, x)
        except InputError:
            raise
        except Exception as exc:
            raise InputError(
                f"the force raised {type(exc).__name__} on a state of shape {tuple(z.shape)}: {_line(exc)}"
            ) from None

    return call


def parse_shape(text: str) -> tuple[int, ...]:
    try:
        dims = tuple(int(p) for p in text.split(","))
    except ValueError:
        raise InputError(f"--state-shape must be comma-separated positive integers, got {text!r}") from None
    if not dims or min(dims) < 1:
        raise InputError(f"--state-shape must be comma-separated positive integers, got {text!r}")
    return dims


def plot(report: S.StabilityReport, path: str) -> None:
    """The multipliers 1 + eps mu in the complex plane with the unit disc (explicit Euler is stable
    exactly when all lie inside), the deciding modes marked."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 5.5))
    t = torch.linspace(0, 2 * math.pi, 400)
    ax.plot(torch.cos(t), torch.sin(t), color="tab:green", label="|1 + eps mu| = 1 (stability boundary)")
    pts = [complex(1 + report.eps * m.mu_re, report.eps * m.mu_im) for m in report.modes]
    ax.scatter([p.real for p in pts], [p.imag for p in pts], s=14, color="tab:blue", label="1 + eps mu, computed modes")
    for m, color, what in (
        (report.eps_crit_mode, "tab:red", "decides eps_crit"),
        (report.multiplier_mode, "tab:orange", "largest |1 + eps mu|"),
    ):
        if m is not None:
            ax.scatter(
                [1 + report.eps * m.mu_re],
                [report.eps * m.mu_im],
                s=90,
                facecolors="none",
                edgecolors=color,
                linewidths=2,
                label=f"{what}: |1 + eps mu| = {m.multiplier:.4g}",
            )
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


def summary(report: S.StabilityReport) -> list[str]:
    """The printed lines: spectrum, deciding modes, eps_crit, suggestion, verdicts."""
    lines = [
        f"{report.method} spectrum of J at z* (n = {report.state_dim}, {report.dtype}, fixed point residual "
        f"{report.fixed_point['residual']:.1e}) on {report.device}"
    ]
    for m in report.modes[:4]:
        role = f"  <- decides {m.decides.replace('+', ' and ')}" if m.decides else ""
        lines.append(
            f"  mu = {m.mu_re:.6g} {m.mu_im:+.6g}i  |1 + eps mu| = {m.multiplier:.6g}  "
            f"eps_crit(mu) = {m.eps_crit:.6g}  residual {m.residual:.1e}{role}"
        )
    if math.isfinite(report.eps_crit) and report.verdicts[0]["status"] != "undetermined" or report.eps_crit == 0:
        lines.append(f"eps_crit = {report.eps_crit:.6g} +- {report.eps_crit_bound:.1e}")
    sug = report.suggestion
    if sug["eps"] is not None:
        rel = sug["relaxation"]
        lines.append(
            f"suggested eps = {sug['eps']:.6g} ({S.EPS_MARGIN} eps_crit): spectral radius of I + eps J there "
            f"{sug['spectral_radius']:.6g}, relaxation converged in {rel['steps']} steps"
        )
    else:
        lines.append(f"no suggested eps: {sug['reason']}")
    for v in report.verdicts:
        lines.append(f"{v['statement']} [{v['theorem']}]" + (f" {v['measured']}" if v["measured"] else ""))
    return lines


def deq_lines(section: dict[str, Any]) -> list[str]:
    """The TorchDEQ lines: its solver's residual and its power method against the spectral radius."""
    out = [f"TorchDEQ: solver residual {section['solver']['relative_residual']:.1e}"]
    pm = section.get("power_method")
    if pm:
        word = "agrees with" if pm["agrees"] else "differs from"
        out.append(
            f"TorchDEQ power_method ({pm['iterations']} iterations): {pm['power_method']:.6g}, {word} the "
            f"spectral radius of J_f {pm['spectral_radius']:.6g} (relative error {pm['relative_error']:.1e}; "
            f"its residual {pm['power_method_residual']:.1e})"
        )
    dm = section.get("dominant_mode")
    if dm and dm["complex"]:
        out.append(
            f"the dominant eigenvalues of J_f are a complex pair {dm['mu_of_f_re']:.6g} +- "
            f"{abs(dm['mu_of_f_im']):.6g}i: a real power iteration cannot converge to them"
        )
    return out


def main(argv: list[str] | None = None) -> int:
    """``torchcheck stability FACTORY [options]``."""
    import argparse
    import json
    import sys

    p = argparse.ArgumentParser(
        prog="torchcheck stability",
        description="Audit the Euler relaxation of your block F(z, x) at its fixed point "
        "with the proved bounds (E1, E2, E3). Exit 0 when the verdicts hold, "
        "1 when one fails (e.g. eps >= eps_crit), 2 on bad input, 3 when "
        "undetermined (raise --krylov, --restarts or --lanczos).",
    )
    p.add_argument(
        "factory", help="MODULE:FACTORY or PATH.py:FACTORY, a function returning (force, x); force(z, x) -> F(z, x)"
    )
    p.add_argument("--eps", type=float, default=0.1, help="the explicit Euler step to judge (default 0.1)")
    p.add_argument("--state-shape", help="shape of z, comma-separated (default: x's shape)")
    p.add_argument("--device", choices=("cpu", "cuda"), default="cpu", help="where force and x are moved to")
    p.add_argument("--dense-max", type=int, default=4096, help="largest state dimension for a dense Jacobian")
    p.add_argument("--krylov", type=int, default=40, help="Krylov basis size of the restarted Arnoldi")
    p.add_argument("--restarts", type=int, default=30, help="most Arnoldi cycles (thick restarts) per run")
    p.add_argument(
        "--lanczos",
        type=int,
        default=DEFAULT_STEPS,
        help="most Lanczos vectors per run of the norm bracket (a normal J whose modes do not converge)",
    )
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
    if args.dense_max < 1 or args.krylov < 2 or args.relax_steps < 1 or args.restarts < 1 or args.lanczos < 2:
        raise InputError("--dense-max, --relax-steps and --restarts must be >= 1, --krylov and --lanczos >= 2")
    if args.device == "cuda" and not torch.cuda.is_available():
        raise InputError("--device cuda asked for, but torch sees no CUDA device")
    shape = parse_shape(args.state_shape) if args.state_shape else None
    made = load_factory(args.factory)
    options = {
        "dense_max": args.dense_max,
        "krylov": args.krylov,
        "restarts": args.restarts,
        "relax_steps": args.relax_steps,
        "lanczos": args.lanczos,
    }
    deq_section = None
    if len(made) == 3:
        from ..audits.torchdeq import audit_deq

        deq, func, z_init = made
        safe = checked_force(lambda z, _x: func(z))
        report, deq_section = audit_deq(
            deq.to(args.device), lambda z: safe(z, z), z_init.to(args.device), eps=args.eps, **options
        )
    else:
        force, x = made
        if isinstance(force, torch.nn.Module):
            force = force.to(args.device)
        x = x.to(args.device)
        report = S.audit(
            checked_force(force),
            x,
            eps=args.eps,
            state_shape=shape,
            lipschitz=args.lipschitz,
            damping=args.damping,
            **options,
        )
    rec = S.record(report)
    if deq_section is not None:
        rec["torchdeq"] = deq_section
    if args.out:
        Path(args.out).write_text(json.dumps(rec, indent=2) + "\n")
    if args.plot:
        plot(report, args.plot)
    lines = summary(report) + (deq_lines(deq_section) if deq_section else [])
    print(json.dumps(rec, indent=2, default=str) if args.json else "\n".join(lines))
    sys.stdout.flush()
    return S.exit_code(report)
