"""The Watkins Coq statements, cross-checked numerically, and their ledger entries (W5-W13).

The Coq files prove the statements; these tests recompute the quantities they name with mpmath,
independently of the proofs, so that a statement and its numbers cannot drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path

import mpmath as mp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pynum.ledger import BY_ID

ROOT = Path(__file__).resolve().parent.parent
COQ = ROOT / "coq"
MPMATH_DPS = 40
mp.mp.dps = MPMATH_DPS
PHI = (1 + mp.sqrt(5)) / 2
T_STAR = PHI / mp.log(2 * PHI)
T_STAR3 = PHI / mp.log(3 * PHI)
LAM = 1 / PHI


def entropy(*p):
    return -mp.fsum(x * mp.log(x) for x in p)


def f_plus(t, *p):
    return -mp.log(p[0]) + t * entropy(*p)


def f_minus(t, *p):
    return -mp.log(p[0]) - t * entropy(*p)


def law(l0, k=2):
    """Temperature that puts the F- minimiser at lambda_0 with k equal other coordinates."""
    return 1 / (l0 * mp.log(k * l0 / (1 - l0)))


def g(t, x):
    return (1 / x**2 + t * (1 / x + 1 / (1 - x))) / 2


LAMBDA_M = (T_STAR - 4 + mp.sqrt(T_STAR**2 + 8 * T_STAR)) / (4 * (T_STAR - 1))
M_PHI = g(T_STAR, LAMBDA_M)
TAU = 1 / M_PHI


def slope(t, x):
    return t * mp.log(2 * x / (1 - x)) - 1 / x


def gd(h, x):
    return x - h * slope(T_STAR, x)


def ng(h, x):
    return x - h * x * (1 - x) * slope(T_STAR, x)


# --- the Coq sources state what the ledger cites -------------------------------------------------


def test_ledger_cites_only_theorems_stated_in_the_watkins_files():
    sources = {p.stem: p.read_text() for p in COQ.glob("Watkins*.v")}
    sources.update({p.stem: p.read_text() for p in COQ.glob("Enclosures.v")})
    cited = 0
    for cid in ("W5", "W6", "W7", "W8", "W9", "W10", "W11"):
        for q in BY_ID[cid].evidence.coq:
            f, name = q.split(".")
            assert f in sources, q
            assert re.search(rf"\b(Theorem|Lemma)\s+{re.escape(name)}\b", sources[f]), q
            cited += 1
    assert cited >= 40


def test_verdicts_of_the_coq_side():
    assert BY_ID["W5"].verdict == "proved"
    for cid in ("W6", "W7", "W8"):
        c = BY_ID[cid]
        assert c.verdict == "refuted", cid
        # the correction names a proved theorem that is in the evidence
        named = re.findall(r"(Watkins\w+\.\w+|Enclosures\.\w+)", c.correction)
        assert named and set(named) <= set(c.evidence.coq), cid
    for cid in ("W9", "W10", "W11", "W12", "W13"):
        assert BY_ID[cid].verdict in ("open", "reproduced", "not-reproduced", "refuted"), cid
        assert "results/watkins-audit.json" in BY_ID[cid].evidence.records


def test_claim_ids_tag_the_settling_theorems():
    text = (COQ / "WatkinsFreeEnergy.v").read_text()
    assert re.search(
        r"W7 as published is false.*?\n.*?\nTheorem Fplus_golden_unique_global_min_iff_Tstar_false", text, re.S
    )
    steps = (COQ / "WatkinsSteps.v").read_text()
    assert re.search(r"\(\*\* W6/W8: plain gradient descent with step tau is locally unstable", steps)


# --- F+ and F- (WatkinsFreeEnergy) ----------------------------------------------------------------


def test_fplus_witness_beats_golden_at_tstar():
    golden = (LAM, (1 - LAM) / 2, (1 - LAM) / 2)
    assert f_plus(T_STAR, mp.mpf(9) / 10, mp.mpf(1) / 20, mp.mpf(1) / 20) < f_plus(T_STAR, *golden)
    assert mp.almosteq(f_plus(T_STAR, *golden), mp.mpf("1.76226034770327717643754997241"), 1e-25)


def test_fplus_slope_at_golden_is_minus_two_phi():
    d = mp.diff(lambda x: f_plus(T_STAR, x, (1 - x) / 2, (1 - x) / 2), LAM)
    assert mp.almosteq(d, -2 * PHI, 1e-25)


def test_temperature_laws_give_tstar_and_tstar3():
    assert mp.almosteq(law(LAM), T_STAR, 1e-35)
    assert mp.almosteq(law(LAM, 3), T_STAR3, 1e-35)


@settings(max_examples=60, deadline=None)
@given(l0=st.floats(0.34, 0.99), a=st.floats(1e-6, 1.0), b=st.floats(1e-6, 1.0), c=st.floats(1e-6, 1.0))
def test_law_makes_symmetric_point_the_fminus_minimum(l0, a, b, c):
    s = a + b + c
    p = (mp.mpf(a) / s, mp.mpf(b) / s, mp.mpf(c) / s)
    l0 = mp.mpf(l0)
    t = law(l0)
    assert f_minus(t, l0, (1 - l0) / 2, (1 - l0) / 2) <= f_minus(t, *p) + mp.mpf(10) ** -30


@settings(max_examples=40, deadline=None)
@given(l0=st.floats(0.26, 0.99), w=st.lists(st.floats(1e-6, 1.0), min_size=4, max_size=4))
def test_four_component_law_makes_symmetric_point_the_minimum(l0, w):
    s = sum(w)
    p = tuple(mp.mpf(x) / s for x in w)
    l0 = mp.mpf(l0)
    r = (1 - l0) / 3
    assert f_minus(law(l0, 3), l0, r, r, r) <= f_minus(law(l0, 3), *p) + mp.mpf(10) ** -30


def test_off_law_temperature_moves_the_minimiser():
    # at T != T*, the slope along the symmetric line at 1/phi is nonzero (Fermat's rule fails)
    for t in (T_STAR * 0.9, T_STAR * 1.1):
        d = mp.diff(lambda x, t=t: f_minus(t, x, (1 - x) / 2, (1 - x) / 2), LAM)
        assert abs(d) > 0.1


# --- m(phi) (WatkinsModulus) ----------------------------------------------------------------------


def test_lambda_m_is_the_root_and_the_minimiser():
    q = (2 * T_STAR - 2) * LAMBDA_M**2 + (4 - T_STAR) * LAMBDA_M - 2
    assert abs(q) < mp.mpf(10) ** -35
    assert abs(mp.diff(lambda x: g(T_STAR, x), LAMBDA_M)) < mp.mpf(10) ** -30
    found = mp.findroot(lambda x: mp.diff(lambda y: g(T_STAR, y), x), 0.6)
    assert mp.almosteq(found, LAMBDA_M, 1e-30)
    assert mp.nstr(M_PHI, 30) == "4.21041423984968301515817495599"
    for x in (0.01, 0.3, 0.6, 0.65, 0.7, 0.99):
        assert g(T_STAR, x) > M_PHI


# --- multipliers (WatkinsSteps) -------------------------------------------------------------------


def test_multipliers_match_finite_differences_and_closed_forms():
    q_gd = mp.diff(lambda x: gd(TAU, x), LAM)
    q_ng = mp.diff(lambda x: ng(TAU, x), LAM)
    assert mp.almosteq(q_gd, 1 - TAU * (PHI**2 + T_STAR * PHI**3), 1e-25)
    assert mp.almosteq(q_ng, 1 - TAU * (1 / PHI + T_STAR), 1e-25)
    assert -1.00799629793594 <= q_gd <= -1.00799629793593
    assert 0.525976375119197 <= q_ng <= 0.525976375119198
    assert 2 / (PHI**2 + T_STAR * PHI**3) < TAU  # tau is past the plain-descent stability limit


def test_plain_descent_with_tau_leaves_and_fisher_converges():
    mp.mp.dps = 20
    try:
        x, y = LAM + mp.mpf(10) ** -8, LAM + mp.mpf(10) ** -8
        signs, left_at = [], None
        for n in range(3000):
            x = gd(TAU, x)
            signs.append(x > LAM)
            if abs(x - LAM) > 1e-2:
                left_at = n
                break
        # |q| = 1.008 per step with alternating sign: the 1e-8 perturbation leaves the 1e-2
        # neighbourhood (after about ln(1e6)/ln(1.008) = 1730 steps)
        assert left_at is not None and 1500 < left_at < 2500
        assert all(signs[i] != signs[i + 1] for i in range(100))
        for _ in range(100):
            y = ng(TAU, y)
        assert abs(y - LAM) < 1e-18
    finally:
        mp.mp.dps = 40


def test_fisher_rate_is_not_m_phi():
    rate = LAM * (1 - LAM) * (1 / LAM**2 + T_STAR * (1 / LAM + 1 / (1 - LAM)))
    assert mp.almosteq(rate, 1 / PHI + T_STAR, 1e-30)
    assert 2 * rate < M_PHI
    assert mp.exp(-M_PHI * TAU) < 0.5 < 1 - TAU * rate


@pytest.mark.parametrize("fname", ["WatkinsFreeEnergy.v", "WatkinsModulus.v", "WatkinsSteps.v"])
def test_watkins_files_are_real_proofs(fname):
    from pynum.audit import source

    code = source.strip_coq_comments((COQ / fname).read_text())
    for word in ("Admitted", "admit", "Axiom", "Parameter", "Conjecture", "Hypothesis", "Variable"):
        assert not re.search(rf"\b{word}\b", code), (fname, word)
    assert len(re.findall(r"\bQed\.", code)) >= 8
