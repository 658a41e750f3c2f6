"""CPU smoke runs of the experiments (claims V2, V3, R4) and their building blocks."""

from __future__ import annotations

import json
import math

import pytest
import torch

from torchcheck.cli import main as cli_main
from torchcheck.experiments import resolvent_energy as RE
from torchcheck.experiments import vdi as V

CPU = torch.device("cpu")


def test_vdi_data_layout_and_split():
    train, test = V.make_data(11, 0, 0.5)
    assert train.shape == (60, 6) and test.shape == (61, 6)
    allp = torch.cat([train, test])
    assert len({tuple(r) for r in allp.tolist()}) == 121
    assert bool((allp[:, 0] == allp[:, 1]).all() and (allp[:, 2] == allp[:, 3]).all())
    assert bool((allp[:, 4] == 11).all() and (allp[:, 5] == (allp[:, 0] + allp[:, 2]) % 11).all())
    again, _ = V.make_data(11, 0, 0.5)
    other, _ = V.make_data(11, 1, 0.5)
    assert torch.equal(train, again) and not torch.equal(train, other)


def test_stacked_seeds_train_exactly_like_separate_runs():
    p = 7
    seeds = (3, 4)
    data = [V.make_data(p, s, 0.5)[0] for s in seeds]
    x = V.one_hot(torch.stack(data)[..., :6], p)
    y = torch.stack(data)[..., 5]
    P = V.stack_params(seeds, p, CPU)
    tr = V.Trainer(P, x, y, use_graph=False)
    for _ in range(5):
        tr.step()
    for i, s in enumerate(seeds):
        Q = V.stack_params((s,), p, CPU)
        t1 = V.Trainer(Q, x[i : i + 1], y[i : i + 1], use_graph=False)
        for _ in range(5):
            t1.step()
        for k in P:
            assert torch.allclose(P[k][i], Q[k][0], atol=1e-5, rtol=1e-4), k


def test_kill_test_structure():
    p = 7
    P = V.stack_params((0,), p, CPU)
    tok = V.one_hot(V.make_data(p, 0, 0.5)[1][None, :, :6], p)
    base = V._kill_vdi(P, tok, None)
    same = V._kill_vdi(P, tok, torch.ones(1))
    assert torch.allclose(base, same, atol=1e-12)
    scaled = V._kill_vdi(P, tok, torch.full((1,), 0.5))
    # Scaling head (0,0)'s output cannot change layer 0's attention at all.
    assert torch.equal(scaled[:, :2], base[:, :2])


def test_vdi_experiment_small_record(tmp_path):
    out = tmp_path / "vdi.json"
    assert (
        cli_main(["experiment", "vdi", "--device", "cpu", "--size", "small", "--out", str(out), "--no-progress"]) == 0
    )
    rec = json.loads(out.read_text())
    assert rec["experiment"] == "vdi" and rec["size"] == "small" and rec["seeds"] == [0, 1]
    assert rec["device"].startswith("CPU")
    n = rec["numbers"]
    assert n["uniform_causal_vdi_closed_form_6dp"] == "0.611992"
    assert n["uniform_causal_vdi_closed_form"] == pytest.approx(math.log(720) / (6 * math.log(6)), rel=1e-15)
    # Near-uniform attention at initialisation sits close to the closed form.
    assert n["init_vdi_keys_max_abs_diff_from_closed_form"] < 0.01
    assert rec["times"]["steps"] == 60 and rec["times"]["train_s"] > 0
    for r in rec["per_seed"]:
        assert all(0 <= v <= 1 for v in r["final_vdi_keys_per_head"] + r["final_vdi_allowed_per_head"])
        assert len(r["final_vdi_keys_per_head"]) == 4
    assert len(rec["trajectory"]["step"]) >= 1
    assert set(rec["compensation"]["trained"]["per_omega"]) == {str(o) for o in V.OMEGAS}


def test_resolvent_energy_small_record(tmp_path):
    out = tmp_path / "re.json"
    assert (
        cli_main(
            ["experiment", "resolvent-energy", "--device", "cpu", "--size", "small", "--out", str(out), "--no-progress"]
        )
        == 0
    )
    rec = json.loads(out.read_text())
    assert rec["experiment"] == "resolvent-energy" and rec["seeds"] == [0, 1]
    assert rec["energy_counter"]["available"] is False  # CPU: no NVML counter, said so
    assert set(rec["runs"]) == {"baseline", "reg_1e-4", "reg_1e-2"}
    assert rec["target_loss"] == rec["reference_run"]["final_task_loss"] > 0
    base = rec["runs"]["baseline"]
    assert all(r["reached"] for r in base)
    assert all(r["steps"] <= RE.SIZES["small"]["max_steps"] for runs in rec["runs"].values() for r in runs)
    assert all(r["last_reg_value"] > 0 for r in rec["runs"]["reg_1e-2"])
    assert rec["numbers"]["published_arm_meets_claim"] is False  # no energy measured on CPU


def test_regularizer_arms_share_initialisation():
    cfg = dict(RE.SIZES["small"], max_steps=0)
    data = RE.make_task(cfg, 0, CPU)
    e = RE.EnergyCounter(CPU)
    a = RE.train_once(cfg, 0, None, data, CPU, e, None)
    b = RE.train_once(cfg, 0, 1e-2, data, CPU, e, None)
    assert a["initial_loss"] == b["initial_loss"] and a["steps"] == b["steps"] == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["experiment", "vdi", "--train-frac", "1.5"],
        ["experiment", "vdi", "--max-steps", "0"],
        ["experiment", "resolvent-energy", "--ref-steps", "15"],
        ["experiment", "nope"],
    ],
)
def test_experiment_bad_arguments_exit_2(argv, capsys):
    assert cli_main(argv) == 2
    assert capsys.readouterr().err.startswith("error: ")
