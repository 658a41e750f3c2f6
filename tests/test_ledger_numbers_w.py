"""The numbers the W verdicts rest on agree with the project's independent computations (the GPU
checks' measurements, the audit record, the registry), and a changed expression is caught."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from test_ledger_numbers import _ledger_with, measured, value

from pynum.constants.registry import BY_NAME
from pynum.ledger import BY_ID, Claim, render

FLOAT64 = 1e-12  # a float64 measurement against a closed form evaluated to 16+ digits


def disagreements(by_id: Mapping[str, Claim]) -> list[str]:
    """W numbers that disagree with an independent computation, or no longer settle the verdict."""
    bad = []
    w7 = by_id["W7"]
    golden_gpu = measured("simplex-global-minimum")["Fplus_golden"]
    if abs(value(w7, "fplus_golden_at_tstar") - golden_gpu) > FLOAT64:
        bad.append("W7.fplus_golden_at_tstar")
    if not value(w7, "fplus_witness_at_tstar") < value(w7, "fplus_golden_at_tstar"):
        bad.append("W7.fplus_witness_at_tstar (the witness must beat the golden point)")
    if not value(w7, "fplus_slope_at_golden") < 0:
        bad.append("W7.fplus_slope_at_golden (the golden point must not be stationary)")
    w5 = by_id["W5"]
    modulus = measured("simplex-modulus")
    if abs(value(w5, "m_phi") - modulus["grid_min_g"]) > FLOAT64:
        bad.append("W5.m_phi")
    if abs(value(w5, "lambda_m") - float(modulus["lambda_m"])) > FLOAT64:
        bad.append("W5.lambda_m")
    w11 = by_id["W11"]
    for key, const in (("m_phi_4_0_0", "M_PHI"), ("tau_4_0_0", "TAU_GLOBAL")):
        enc = BY_NAME[const].enclosure
        if float(enc.lo) <= float(render.number_text(w11.evidence.numbers[key])) <= float(enc.hi):
            bad.append(f"W11.{key} (a refuted release value must lie outside the certified enclosure)")
    return bad


def test_w_verdict_numbers_agree_with_the_project_computations():
    assert disagreements(BY_ID) == []


@pytest.mark.parametrize(
    "old, new, broken",
    [
        ('expr = "-2*phi"', 'expr = "2*phi"', "W7.fplus_slope_at_golden"),
        (
            'expr = "-ln(9/10) - Tstar*((9/10)*ln(9/10) + 2*(1/20)*ln(1/20))"',
            'expr = "-ln(9/10) - Tstar*((9/10)*ln(9/10) + 2*(1/20)*ln(1/20)) + 2"',
            "W7.fplus_witness_at_tstar",
        ),
        ('expr = "m_phi"', 'expr = "m_phi * (1 + 1/10^9)"', "W5.m_phi"),
        ('expr = "lambda_m"', 'expr = "lambda_star"', "W5.lambda_m"),
        (
            'record = "results/watkins-audit.json#/constants/newest/constants/M_PHI/shipped"',
            'record = "results/watkins-audit.json#/constants/0.1.1/constants/M_PHI/shipped"',
            "W11.m_phi_4_0_0",
        ),
    ],
)
def test_a_changed_w_number_is_caught(monkeypatch, old, new, broken):
    def edit(text: str) -> str:
        assert old in text, f"fixture text {old!r} not in watkins.toml"
        return text.replace(old, new, 1)

    found = disagreements(_ledger_with(monkeypatch, "watkins.toml", edit))
    assert any(b.startswith(broken) for b in found), found
