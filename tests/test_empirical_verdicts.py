"""Empirical verdicts follow mechanically from the committed GPU records."""
from __future__ import annotations

import json
from pathlib import Path

from pynum.ledger import BY_ID

ROOT = Path(__file__).resolve().parent.parent


def record(name: str) -> dict:
    return json.loads((ROOT / "results" / name).read_text())


def test_records_name_their_device():
    for name in ("experiment-vdi.json", "experiment-resolvent-energy.json"):
        rec = record(name)
        assert rec["device"] and rec["device_type"] == "cuda", name


def test_v2_verdict_follows_the_vdi_record():
    n = record("experiment-vdi.json")["numbers"]
    reproduced = n["all_seeds_grokked"] and n["final_vdi_keys_max_abs_diff_from_published"] < 5e-7
    assert BY_ID["V2"].verdict == ("reproduced" if reproduced else "not-reproduced")
    # The explanation: near-uniform attention at initialisation scores the closed form.
    assert abs(n["uniform_causal_vdi_closed_form"] - 0.6119916693621684) < 1e-15
    assert n["init_vdi_keys_max_abs_diff_from_closed_form"] < 1e-3


def test_v3_verdict_follows_the_vdi_record():
    n = record("experiment-vdi.json")["numbers"]
    m, s = n["compensation_trained_mean"], n["compensation_trained_std"]
    reproduced = 0.10 <= m <= 0.16 and m - n["compensation_init_mean"] > s + n["compensation_init_std"]
    assert BY_ID["V3"].verdict == ("reproduced" if reproduced else "not-reproduced")


def test_r4_verdict_follows_the_energy_record():
    rec = record("experiment-resolvent-energy.json")
    n = rec["numbers"]
    assert rec["energy_counter"]["available"]
    meets = n["both_arms_reached_target_all_seeds"] and n["published_arm_energy_reduction"] >= 0.15
    assert meets == n["published_arm_meets_claim"]
    assert BY_ID["R4"].verdict == ("reproduced" if meets else "not-reproduced")
