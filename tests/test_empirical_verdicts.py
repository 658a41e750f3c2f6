"""Empirical verdicts follow mechanically from the committed GPU records.

Each ``*_verdict`` function derives a verdict from a record as the claim's reading states its
rule; the tests check the ledger's verdict against it, and that a changed record value (the
number the verdict rests on) changes the derived verdict, so the ledger would then disagree.
"""

from __future__ import annotations

import copy
import json
import re
import statistics
from pathlib import Path

import pytest

from pynum.ledger import BY_ID, render

ROOT = Path(__file__).resolve().parent.parent
TORCHCHECK = "torchcheck-cuda.json"
ROUND_6DP = 6  # the published equilibrium is printed to 6 decimals
FLOAT64_SUM_TOL = 1e-9  # W10's float64 tolerance on |sum - 1|, as its reading states
SEEDS = ROOT.parent / "shared" / "seeds"
VDI_SEED = SEEDS / "004_ace1ebcb7ed96237.txt"


def record(name: str) -> dict:
    return json.loads((ROOT / "results" / name).read_text())


def check_result(rec: dict, check_id: str) -> dict:
    """The measured fields of one torch check in a torchcheck record."""
    hits = [r for r in rec["results"] if r["id"] == check_id]
    assert len(hits) == 1, f"{check_id} appears {len(hits)} times in the record"
    return hits[0]["measured"]


def closed_form_vdi() -> float:
    """The ledger's closed form ln(6!)/(6 ln 6), evaluated by the ledger's engine."""
    n = BY_ID["V2"].evidence.numbers["closed_form"]
    return float(render.evaluate(n.expr, n.digits))


def v2_verdict(rec: dict) -> str:
    """Reproduced iff every seed grokked and every seed's final mean VDI (H_max = ln 6) rounds to
    the published value to 6 decimals."""
    published = round(rec["numbers"]["published_vdi"], ROUND_6DP)
    seeds = rec["per_seed"]
    ok = all(s["grokked"] for s in seeds) and all(
        round(s["final_vdi_keys_mean"], ROUND_6DP) == published for s in seeds
    )
    return "reproduced" if ok else "not-reproduced"


def w10_verdict(rec: dict) -> str:
    """Reproduced iff the layer's outputs sum to 1 within float32 tolerance and both the projected
    and the unprojected step keep the sum within float64 tolerance (the law as published is the
    sum; positivity is a finding beside the verdict)."""
    c = rec["conservation"]
    ok = (
        rec["findings"]["W10_outputs_sum_to_1_within_1e-6"]
        and c["projected_step_max_abs_sum_minus_1"] < FLOAT64_SUM_TOL
        and c["unprojected_step_max_abs_sum_minus_1"] < FLOAT64_SUM_TOL
    )
    return "reproduced" if ok else "not-reproduced"


def r4_verdict(rec: dict) -> str:
    """Reproduced iff both arms reached the target on every seed and the published arm's energy
    reduction, summed over the seeds, reaches the low end of the claimed cut; open without a
    counter."""
    if not rec["energy_counter"]["available"]:
        return "open"
    n = rec["numbers"]
    ok = n["both_arms_reached_target_all_seeds"] and n["published_arm_energy_reduction"] >= n["claimed_energy_cut"][0]
    return "reproduced" if ok else "not-reproduced"


def r3_verdict(rec: dict) -> str:
    """Not reproduced when the published sketch does not run as written; reproduced only if it
    runs and the repaired sketch also runs on a CUDA input."""
    m = check_result(rec, "layers-published-sketch")
    ok = m["runs_as_written"] is True and m["repaired_sketch_on_cuda"] == "runs"
    return "reproduced" if ok else "not-reproduced"


def test_records_name_their_device():
    for name in ("experiment-vdi.json", "experiment-resolvent-energy.json", TORCHCHECK):
        rec = record(name)
        assert rec["device"] and rec["device_type"] == "cuda", name


def test_v2_verdict_follows_the_vdi_record():
    rec = record("experiment-vdi.json")
    assert BY_ID["V2"].verdict == v2_verdict(rec)
    n = rec["numbers"]
    # The record's summary fields agree with its per-seed fields.
    assert n["all_seeds_round_to_published_6dp"] == all(
        round(s["final_vdi_keys_mean"], ROUND_6DP) == n["published_vdi"] for s in rec["per_seed"]
    )
    assert n["all_seeds_grokked"] == all(s["grokked"] for s in rec["per_seed"])
    assert n["final_vdi_keys_means"] == [s["final_vdi_keys_mean"] for s in rec["per_seed"]]
    # The explanation: the closed form rounds to the published digits, the run and the torch check
    # computed the same value, and near-uniform attention at initialisation scores it.
    assert round(closed_form_vdi(), ROUND_6DP) == n["published_vdi"]
    assert abs(n["uniform_causal_vdi_closed_form"] - closed_form_vdi()) < 1e-15
    assert abs(check_result(record(TORCHCHECK), "layers-vdi-closed-form")["closed_form"] - closed_form_vdi()) < 1e-15
    assert n["init_vdi_keys_max_abs_diff_from_closed_form"] < 1e-3


def test_w10_verdict_follows_the_watkins_audit_record():
    assert BY_ID["W10"].verdict == w10_verdict(record("watkins-audit.json"))
    # the project's additions are findings beside the verdict, not the verdict
    assert record("watkins-audit.json")["findings"]["W10_unprojected_step_leaves_simplex"]
    assert "beside the verdict" in BY_ID["W10"].finding


def test_v3_is_not_checkable_because_the_seed_gives_no_formula():
    c = BY_ID["V3"]
    assert c.verdict == "not-checkable"
    assert "no formula" in c.reading and "the project chose" in c.reading
    # the formula the project used is the record's, named as the project's, not the seed's
    assert "head (0,0)" in record("experiment-vdi.json")["compensation"]["definition"]


def test_v3_seed_table_mean_is_what_the_seed_prints():
    if not VDI_SEED.exists():
        pytest.skip(f"seed texts not found at {SEEDS}")
    rows = re.findall(r"^(\d) 0\.611992 \d+-\d+ steps (0\.\d+)$", VDI_SEED.read_text(), re.M)
    values = [float(v) for _, v in rows]
    assert len(values) == 5
    shown = render.number_text(BY_ID["V3"].evidence.numbers["seed_table_mean"])
    assert shown == f"{statistics.fmean(values):.3f}"
    shown_std = render.number_text(BY_ID["V3"].evidence.numbers["seed_table_std"])
    assert shown_std == f"{statistics.stdev(values):.2g}"
    # the seed's own column does not average to the 0.13 it prints under it
    assert abs(statistics.fmean(values) - 0.13) > 0.02


def test_r4_verdict_follows_the_energy_record():
    rec = record("experiment-resolvent-energy.json")
    n = rec["numbers"]
    assert rec["energy_counter"]["available"]
    assert (r4_verdict(rec) == "reproduced") == n["published_arm_meets_claim"]
    assert BY_ID["R4"].verdict == r4_verdict(rec)
    # The summed reduction is what the record's runs give.
    base = sum(r["energy_j"] for r in rec["runs"]["baseline"])
    arm = sum(r["energy_j"] for r in rec["runs"][n["published_arm"]])
    assert abs(n["published_arm_energy_reduction"] - (1 - arm / base)) < 1e-12


def test_r3_verdict_follows_the_torchcheck_record():
    assert BY_ID["R3"].verdict == r3_verdict(record(TORCHCHECK))


# --- a changed number changes the verdict --------------------------------------------------------


def test_v2_verdict_breaks_when_the_per_seed_vdi_changes():
    rec = copy.deepcopy(record("experiment-vdi.json"))
    for s in rec["per_seed"]:
        s["final_vdi_keys_mean"] = closed_form_vdi()
    assert v2_verdict(rec) != BY_ID["V2"].verdict


def test_w10_verdict_breaks_when_a_step_loses_the_sum():
    rec = copy.deepcopy(record("watkins-audit.json"))
    rec["conservation"]["unprojected_step_max_abs_sum_minus_1"] = 1e-3
    assert w10_verdict(rec) != BY_ID["W10"].verdict
    rec = copy.deepcopy(record("watkins-audit.json"))
    rec["findings"]["W10_outputs_sum_to_1_within_1e-6"] = False
    assert w10_verdict(rec) != BY_ID["W10"].verdict


def test_r4_verdict_breaks_when_the_energy_reduction_changes():
    rec = copy.deepcopy(record("experiment-resolvent-energy.json"))
    rec["numbers"]["published_arm_energy_reduction"] = rec["numbers"]["claimed_energy_cut"][1]
    assert r4_verdict(rec) != BY_ID["R4"].verdict


def test_r3_verdict_breaks_when_the_sketch_runs():
    rec = copy.deepcopy(record(TORCHCHECK))
    m = check_result(rec, "layers-published-sketch")
    m["runs_as_written"], m["repaired_sketch_on_cuda"] = True, "runs"
    assert r3_verdict(rec) != BY_ID["R3"].verdict
