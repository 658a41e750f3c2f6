"""The numbers the S, E, R and V verdicts rest on: each agrees with an independent computation of
the project (a torch check's measurement, the registry's published digits), and a changed
expression or record value makes that agreement, or the verdict, fail."""

from __future__ import annotations

import copy
import json
import tomllib
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path

import pytest

from pynum.constants.registry import BY_NAME
from pynum.ledger import BY_ID, Claim, loader, render

ROOT = Path(__file__).resolve().parent.parent
TORCHCHECK = "results/torchcheck-cuda.json"
EXACT = 1e-15  # float64 against a 16-digit evaluation of the same closed form


def value(claim: Claim, key: str) -> float:
    """A ledger number's value: its expression evaluated, or its record field."""
    n = claim.evidence.numbers[key]
    if n.expr:
        return float(render.evaluate(n.expr, n.digits))
    return render.record_value(n.record)


def measured(check_id: str) -> dict:
    rec = json.loads((ROOT / TORCHCHECK).read_text())
    return next(r["measured"] for r in rec["results"] if r["id"] == check_id)


def disagreements(by_id: Mapping[str, Claim]) -> list[str]:
    """Numbers that settle an S/R/V verdict and disagree with the project's own computations."""
    bad = []

    def close(cid: str, key: str, other: float) -> None:
        if abs(value(by_id[cid], key) - other) > EXACT:
            bad.append(f"{cid}.{key}")

    damping = measured("layers-resolvent-damping")
    close("R1", "min_damping", damping["r_at_nyquist_exact"])
    close("R1", "max_cut", damping["max_damped_part_1_minus_r"])
    close("R2", "max_weight", damping["max_penalty_weight_1d"])
    close("V2", "closed_form", measured("layers-vdi-closed-form")["closed_form"])
    # Printed digits: what the ledger shows must be what the source printed.
    if (
        render.number_text(by_id["V1"].evidence.numbers["closed_form_6"])
        != measured("layers-vdi-closed-form")["closed_form_6dp"]
    ):
        bad.append("V1.closed_form_6")
    if render.number_text(by_id["S2"].evidence.numbers["alpha_6"]) != BY_NAME["ALPHA_PHI"].published[0].value:
        bad.append("S2.alpha_6")
    close("S8", "ratio_exact", measured("layers-ut-phinta")["published_ratio_exact"])
    ratio = by_id["S8"].evidence.numbers["ratio_exact"]
    if (
        render.format_significant(render.evaluate(ratio.expr, ratio.digits), 3)
        != measured("layers-ut-phinta")["published_ratio_3dp"]
    ):
        bad.append("S8.ratio_exact (printed)")
    if value(by_id["S8"], "trainable_default_64") == measured("layers-ut-phinta")["published_trainable_frozen"][0]:
        bad.append("S8.trainable_default_64")
    return bad


def _ledger_with(monkeypatch, data: str, edit: Callable[[str], str]) -> dict[str, Claim]:
    real = loader._read_toml

    def patched(name: str):
        if name != data:
            return real(name)
        return tomllib.loads(edit(resources.files("pynum.ledger").joinpath(name).read_text()))

    monkeypatch.setattr(loader, "_read_toml", patched)
    loader.load.cache_clear()
    try:
        return {c.id: c for s in loader.load() for c in s.claims}
    finally:
        loader.load.cache_clear()


def test_verdict_numbers_agree_with_the_project_computations():
    assert disagreements(BY_ID) == []


@pytest.mark.parametrize(
    "data, old, new, broken",
    [
        ("resolvent.toml", 'expr = "4/(4+phi)"', 'expr = "4/(4+phi^2)"', "R1.min_damping"),
        ("resolvent.toml", 'expr = "phi/(4+phi)"\n', 'expr = "phi/(3+phi)"\n', "R1.max_cut"),
        ("resolvent.toml", 'expr = "(phi/(4+phi))^2"\n', 'expr = "(phi/(4+phi))^3"\n', "R2.max_weight"),
        (
            "vdi.toml",
            'expr = "ln(720)/(6*ln(6))"\ndigits = 6',
            'expr = "ln(720)/(6*ln(7))"\ndigits = 6',
            "V1.closed_form_6",
        ),
        ("sunflowers.toml", 'expr = "alpha_phi"', 'expr = "alpha_phi * 1.001"', "S2.alpha_6"),
        ("sunflowers.toml", 'expr = "1664/4096"', 'expr = "1665/4096"', "S8.ratio_exact"),
    ],
)
def test_a_changed_expression_is_caught(monkeypatch, data, old, new, broken):
    def edit(text: str) -> str:
        assert old in text, f"fixture text {old!r} not in {data}"
        return text.replace(old, new, 1)

    assert broken in disagreements(_ledger_with(monkeypatch, data, edit))


def test_a_changed_closed_form_is_caught(monkeypatch):
    def edit(text: str) -> str:
        old = 'label = "ln(6!)/(6 ln 6), the uniform causal VDI under H_max = ln 6"\nexpr = "ln(720)/(6*ln(6))"'
        assert old in text
        return text.replace(old, old.replace("ln(720)", "ln(719)"), 1)

    assert "V2.closed_form" in disagreements(_ledger_with(monkeypatch, "vdi.toml", edit))


def test_a_changed_record_value_changes_what_the_ledger_shows(monkeypatch):
    """R4's prose quotes the record: change the energy reduction there and the reading follows."""
    path = "results/experiment-resolvent-energy.json"
    mutated = copy.deepcopy(render.read_record(path))
    mutated["numbers"]["published_arm_energy_reduction"] = 0.2
    before = render.reading(BY_ID["R4"])
    real = render.read_record
    monkeypatch.setattr(render, "read_record", lambda p: mutated if p == path else real(p))
    after = render.reading(BY_ID["R4"])
    assert before != after and "20.0%" in after and "20.0%" not in before


def test_a_record_pointer_into_a_missing_check_fails_to_load(monkeypatch):
    from pynum.ledger import LedgerError

    def edit(text: str) -> str:
        return text.replace(
            "#/results/id=layers-ut-phinta/measured/default_rank_64",
            "#/results/id=layers-ut-phinta/measured/default_rank_65",
            1,
        )

    with pytest.raises(LedgerError, match="no field"):
        _ledger_with(monkeypatch, "sunflowers.toml", edit)
