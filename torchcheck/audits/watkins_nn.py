"""``python -m torchcheck audit watkins-nn``: audit of the published watkins-nn package (W9-W13).

Runs the documented 0.1.1 API as a user would (nothing of the package is copied here) and
records what it does:

* W9  the quickstart (WatkinsSimplex(dim=3, init=...), watkins_free_energy, watkins_step, 30
      steps) from every ``init`` and from random starts: where it ends, its distance to the
      golden equilibrium (1/phi, (1-1/phi)/2, (1-1/phi)/2);
* W10 conservation: row sums of every output, whether the step keeps points on the simplex,
      whether the golden point survives a zero-gradient step, what verify_conservation accepts;
* W11 the shipped constants of 0.1.1 (installed) and of the newest release (``--newest`` names
      its wheel or its constants.py) digit by digit against the certified values;
* W12 GoldenAdam: which parameters get which rate, whether a simplex parameter stays on it;
* W13 VirelaiXLayer: output shapes for input_dim 1..12, 255..257, 2-D, 1-D and 3-D inputs.

Prints the JSON record (or writes it with ``--out FILE`` and prints a summary); exit 0 when the
audit ran, 2 when watkins_nn (0.1.1) is not importable.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import mpmath

from pynum.cliutil import Parser, UsageError, existing_file, output_file, positive_int, require, run_main

from ..framework import device_name, write_record
from .watkins_constants import CONSTANTS, certified, compare_constant, newest_constants

AUDITED_VERSION = "0.1.1"
INITS = ("uniform", "golden", "random")
QUICKSTART_STEPS = 30
NEAR = 1e-3


# --- W9, W10: quickstart and conservation ---------------------------------------------------------


def _golden(torch, dim: int = 3, dtype=None):
    with mpmath.workdps(30):
        ls = 1 / certified("PHI", 30)
        vals = [float(ls)] + [float((1 - ls) / (dim - 1))] * (dim - 1)
    return torch.tensor(vals, dtype=dtype or torch.float32)


def quickstart(torch, wn, init: str, seed: int, steps: int = QUICKSTART_STEPS) -> dict:
    """The documented quickstart, verbatim in substance, from one ``init`` and seed."""
    torch.manual_seed(seed)
    layer = wn.WatkinsSimplex(dim=3, init=init)
    gold = _golden(torch)
    sums, mins, dists = [], [], []
    p0 = layer().detach()
    trajectory = [[float(x) for x in p0]]
    for _ in range(steps):
        p = layer()
        loss = wn.watkins_free_energy(p)
        loss.backward()
        layer.watkins_step()
        q = layer().detach()
        sums.append(abs(float(q.double().sum()) - 1))
        mins.append(float(q.min()))
        dists.append(float((q - gold).norm()))
        trajectory.append([float(x) for x in q])
    final = layer().detach()
    return {
        "start": [float(x) for x in p0],
        "final": [float(x) for x in final],
        "start_distance": float((p0 - gold).norm()),
        "final_distance": dists[-1],
        "package_distance_to_equilibrium": float(layer.distance_to_equilibrium().detach()),
        "distance_decreased": dists[-1] < float((p0 - gold).norm()),
        "max_abs_sum_minus_1": max(sums),
        "min_probability": min(mins),
        "final_free_energy": float(wn.watkins_free_energy(final)),
        "trajectory": trajectory,
    }


def audit_quickstart(torch, wn, random_starts: int) -> dict:
    out: dict = {"steps": QUICKSTART_STEPS, "inits": {}}
    for init in INITS:
        out["inits"][init] = quickstart(torch, wn, init, seed=0)
    finals, dists, sums, mins = [], [], [], []
    for seed in range(random_starts):
        r = quickstart(torch, wn, "random", seed)
        finals.append(r["final"])
        dists.append(r["final_distance"])
        sums.append(r["max_abs_sum_minus_1"])
        mins.append(r["min_probability"])
    dists_sorted = sorted(dists)
    out["random_starts"] = {
        "starts": random_starts,
        "fraction_within_1e-3_of_golden": sum(d < NEAR for d in dists) / random_starts,
        "fraction_at_vertex_lambda_gt_1_minus_1e-6": sum(f[0] > 1 - 1e-6 for f in finals) / random_starts,
        "min_final_distance": dists_sorted[0],
        "median_final_distance": dists_sorted[len(dists) // 2],
        "max_final_distance": dists_sorted[-1],
        "max_abs_sum_minus_1": max(sums),
        "min_probability": min(mins),
    }
    vertex = torch.tensor([1.0, 0.0, 0.0])
    out["distance_vertex_to_golden"] = float((vertex - _golden(torch)).norm())
    return out


def audit_conservation(torch, wn, n: int = 1000) -> dict:
    """What the package's step and checks do to the simplex (float64 inputs)."""
    gold = _golden(torch, dtype=torch.float64)
    moved = wn.watkins_simplex_step(gold[None], torch.zeros(1, 3, dtype=torch.float64))[0]
    g = torch.Generator().manual_seed(0)
    e = torch.empty(n, 3, dtype=torch.float64).exponential_(generator=g)
    p = (e / e.sum(-1, keepdim=True)).requires_grad_(True)
    wn.watkins_free_energy(p).sum().backward()
    raw = wn.watkins_simplex_step(p.detach(), p.grad, project=False)
    proj = wn.watkins_simplex_step(p.detach(), p.grad, project=True)
    negative = torch.tensor([1.5, -0.25, -0.25])
    return {
        "zero_gradient_step_from_golden": [float(x) for x in moved],
        "zero_gradient_step_moves_golden_by": float((moved - gold).norm()),
        "unprojected_step_fraction_leaving_simplex": float((raw.min(-1).values < 0).double().mean()),
        "unprojected_step_max_abs_sum_minus_1": float((raw.sum(-1) - 1).abs().max()),
        "projected_step_max_abs_sum_minus_1": float((proj.sum(-1) - 1).abs().max()),
        "verify_conservation_accepts_(1.5,-0.25,-0.25)": bool(wn.verify_conservation(negative)),
        "random_points": n,
    }


# --- W12: GoldenAdam ----------------------------------------------------------------------------


def audit_golden_adam(torch, wn) -> dict:
    """One GoldenAdam step with gradient 1 everywhere: the per-parameter step is the rate used."""
    nn = torch.nn
    params = {
        "simplex_1d_(0.2,0.3,0.5)": nn.Parameter(torch.tensor([0.2, 0.3, 0.5])),
        "simplex_rows_2d_(2,3)": nn.Parameter(torch.tensor([[0.2, 0.3, 0.5], [0.6, 0.2, 0.2]])),
        "linear_bias_zeros_(8,)": nn.Parameter(torch.zeros(8)),
        "layernorm_weight_ones_(8,)": nn.Parameter(torch.ones(8)),
        "vector_(5,-5)_sum_0": nn.Parameter(torch.tensor([5.0, -5.0])),
        "linear_weight_2d_(3,4)": nn.Parameter(torch.full((3, 4), 0.1)),
        "watkins_simplex_logits_zeros_(3,)": nn.Parameter(torch.zeros(3)),
    }
    before = {k: v.detach().clone() for k, v in params.items()}
    opt = wn.GoldenAdam(list(params.values()), lr=1e-3)
    for v in params.values():
        v.grad = torch.ones_like(v)
    opt.step()
    rates = {}
    for k, v in params.items():
        step = float((v.detach() - before[k]).abs().max())
        rates[k] = {
            "step": step,
            "rate": "golden"
            if abs(step - float(wn.TAU_GLOBAL)) < 1e-4
            else "adam"
            if abs(step - 1e-3) < 1e-5
            else "other",
        }
    # A simplex parameter under GoldenAdam minimising the package's own F: does it stay on it?
    q = nn.Parameter(torch.tensor([0.2, 0.3, 0.5]))
    opt = wn.GoldenAdam([q], lr=1e-3)
    traj = []
    for _ in range(10):
        opt.zero_grad()
        wn.watkins_free_energy(q).backward()
        opt.step()
        traj.append({"sum": float(q.detach().sum()), "min": float(q.detach().min())})
    return {
        "rates": rates,
        "tau_global": float(wn.TAU_GLOBAL),
        "adam_lr": 1e-3,
        "simplex_param_10_steps": traj,
        "simplex_param_max_abs_sum_minus_1": max(abs(t["sum"] - 1) for t in traj),
        "simplex_param_min_entry": min(t["min"] for t in traj),
    }


# --- W13: VirelaiXLayer -------------------------------------------------------------------------


def audit_virelaix(torch, wn) -> dict:
    """Output shapes (or the error) of VirelaiXLayer for 2-D, 1-D and 3-D inputs."""
    out = {}
    torch.manual_seed(0)
    for d in list(range(1, 13)) + [255, 256, 257]:
        layer = wn.VirelaiXLayer(d, simplex_dim=3)
        row: dict[str, Any] = {"input_features_used": 3 * (d // 3)}
        for label, shape in (("2d", (4, d)), ("1d", (d,)), ("3d", (2, 5, d))):
            x = torch.randn(*shape)
            try:
                w, gated = layer(x)
                row[label] = {"weights": list(w.shape), "gated": list(gated.shape)}
            except Exception as exc:  # the audit records whatever the package raises
                row[label] = {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"}
        if d % 3 and d >= 3:
            row["gated_ignores_trailing_features"] = _gated_ignores_tail(torch, layer, d)
        out[str(d)] = row
    return out


def _gated_ignores_tail(torch, layer, d: int) -> bool:
    """With the projection blind to the features beyond 3*(d//3), changing them leaves gated as is."""
    import copy

    blind = copy.deepcopy(layer)
    with torch.no_grad():
        blind.proj.weight[:, 3 * (d // 3) :] = 0
    x = torch.randn(4, d)
    y = x.clone()
    y[:, 3 * (d // 3) :] += 10.0
    return bool(torch.equal(blind(x)[1], blind(y)[1]))


# --- the record --------------------------------------------------------------------------------


def findings(rec: dict) -> dict:
    """The yes/no answers the ledger and the test rely on."""
    qs = rec["quickstart"]
    cons = rec["conservation"]
    ga = rec["golden_adam"]
    vx = rec["virelaix"]
    c011 = rec["constants"]["0.1.1"]["constants"]
    out = {
        "W9_every_init_ends_at_vertex": all(r["final"][0] > 1 - 1e-6 for r in qs["inits"].values()),
        "W9_fraction_random_within_1e-3": qs["random_starts"]["fraction_within_1e-3_of_golden"],
        "W9_fraction_random_at_vertex": qs["random_starts"]["fraction_at_vertex_lambda_gt_1_minus_1e-6"],
        "W9_golden_init_moves_away": not qs["inits"]["golden"]["distance_decreased"],
        "W10_outputs_sum_to_1_within_1e-6": max(
            [r["max_abs_sum_minus_1"] for r in qs["inits"].values()] + [qs["random_starts"]["max_abs_sum_minus_1"]]
        )
        <= 1e-6,
        "W10_unprojected_step_leaves_simplex": cons["unprojected_step_fraction_leaving_simplex"] > 0,
        "W10_zero_gradient_step_moves_golden": cons["zero_gradient_step_moves_golden_by"] > 1e-3,
        "W10_verify_conservation_accepts_negative": cons["verify_conservation_accepts_(1.5,-0.25,-0.25)"],
        "W11_011_all_correctly_rounded": all(c["correctly_rounded_float64"] for c in c011.values()),
        "W11_011_all_in_certified_enclosure": all(c["in_certified_enclosure"] for c in c011.values()),
        "W11_011_max_ulps": max(abs(c["ulps_from_correctly_rounded"]) for c in c011.values()),
        "W12_golden_rate_params": sorted(k for k, v in ga["rates"].items() if v["rate"] == "golden"),
        "W12_adam_rate_params": sorted(k for k, v in ga["rates"].items() if v["rate"] == "adam"),
        "W12_simplex_param_leaves_simplex": ga["simplex_param_min_entry"] < 0
        or ga["simplex_param_max_abs_sum_minus_1"] > 1e-6,
        "W13_3d_input_fails_for_every_input_dim": all("error" in r["3d"] for r in vx.values()),
        "W13_1d_input_fails_for_input_dim_ge_3": all("error" in r["1d"] for d, r in vx.items() if int(d) >= 3),
        "W13_empty_gated_for_input_dim_lt_3": all(
            r["2d"].get("gated", [0, 1])[-1] == 0 for d, r in vx.items() if int(d) < 3
        ),
        "W13_input_dims_dropping_features": sorted(int(d) for d, r in vx.items() if r["input_features_used"] < int(d)),
    }
    newest = rec["constants"].get("newest")
    if newest:
        out["W11_newest_version"] = newest["version"]
        out["W11_newest_outside_enclosure_first_wrong_digit"] = {
            k: c["first_wrong_digit"] for k, c in newest["constants"].items() if not c["in_certified_enclosure"]
        }
        out["W11_newest_max_ulps_of_the_others"] = max(
            abs(c["ulps_from_correctly_rounded"]) for c in newest["constants"].values() if c["in_certified_enclosure"]
        )
    return out


def run_audit(random_starts: int = 200, newest: str | None = None) -> dict:
    import torch
    import watkins_nn as wn

    torch.set_num_threads(1)
    rec: dict = {
        "package": "watkins-nn",
        "version": wn.__version__,
        "torch": torch.__version__,
        "device": device_name(torch.device("cpu")),
        "device_note": "the package computes on CPU tensors; its quickstart creates them there",
        "constants": {
            "0.1.1": {
                "version": wn.__version__,
                "source": "installed watkins_nn.constants",
                "constants": {n: compare_constant(n, getattr(wn, n)) for n in CONSTANTS},
            }
        },
    }
    if newest:
        rec["constants"]["newest"] = newest_constants(newest)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rec["quickstart"] = audit_quickstart(torch, wn, random_starts)
        rec["conservation"] = audit_conservation(torch, wn)
        rec["golden_adam"] = audit_golden_adam(torch, wn)
        rec["virelaix"] = audit_virelaix(torch, wn)
    rec["findings"] = findings(rec)
    return rec


def summary(rec: dict) -> str:
    """A few lines on the audit: versions, device and each finding."""
    lines = [f"watkins-nn {rec['version']} audited on {rec['device']} (torch {rec['torch']})"]
    lines += [f"  {k}: {v}" for k, v in rec["findings"].items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Entry point (``torchcheck audit watkins-nn``): bad input is one line on stderr and status 2."""
    return run_main(_main, argv)


def _main(argv: list[str] | None) -> int:
    parser = Parser(
        prog="torchcheck audit watkins-nn",
        description="Audit the published watkins-nn "
        f"{AUDITED_VERSION} (pip install 'phi-claims[watkins]'): quickstart, conservation, "
        "constants, GoldenAdam and VirelaiXLayer. Prints a summary; --json prints the JSON "
        "record, --out writes it.",
    )
    parser.add_argument(
        "--out", type=output_file, metavar="FILE", help="write the JSON record to FILE (its folder must exist)"
    )
    parser.add_argument("--json", action="store_true", help="print the JSON record instead of the summary")
    parser.add_argument(
        "--newest", type=existing_file, metavar="WHEEL", help="wheel (or constants.py) of the newest release to compare"
    )
    parser.add_argument(
        "--random-starts", type=positive_int, default=200, metavar="N", help="random starts of the quickstart"
    )
    args = parser.parse_args(argv)
    watkins_nn = require("watkins_nn", "watkins", "the watkins-nn audit")
    if getattr(watkins_nn, "__version__", None) != AUDITED_VERSION:
        raise UsageError(
            f"watkins_nn {getattr(watkins_nn, '__version__', '?')} is installed; this audit runs"
            f" the documented {AUDITED_VERSION} API: pip install 'phi-claims[watkins]'"
        )
    rec = run_audit(args.random_starts, args.newest)
    if args.out:
        write_record(rec, args.out)
    print(json.dumps(rec, indent=2) if args.json else summary(rec))
    return 0
