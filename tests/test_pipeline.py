"""The registry, the generated Coq sources, the engines, digit judging and the CLI agree."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pynum import constants as C
from pynum.constants import coqgen, expr
from pynum.constants.published import judge, significant_digits
from pynum.constants.registry import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
NAMES = [c.name for c in REGISTRY]


def coq_text(name: str) -> str:
    return (ROOT / "coq" / name).read_text()


def run_pynum(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pynum", *args], cwd=ROOT, capture_output=True, text=True)


def test_generated_coq_files_are_current():
    assert coqgen.stale(ROOT) == []


@pytest.mark.parametrize("c", REGISTRY, ids=NAMES)
def test_each_enclosure_lemma_states_the_registry_bounds(c):
    text = coq_text("Enclosures.v")
    for e in c.enclosures:
        m = re.search(rf"Lemma {e.lemma} : ([0-9.]+) <= {c.coq_name} <= ([0-9.]+)\.", text)
        assert m, f"{e.lemma} missing from coq/Enclosures.v"
        assert (m.group(1), m.group(2)) == (e.lo, e.hi)


@pytest.mark.parametrize("c", [c for c in REGISTRY if c.coq_name != "phi"], ids=NAMES[1:])
def test_each_coq_definition_is_the_registry_definition(c):
    assert f"Definition {c.coq_name} : R := {c.definition}." in coq_text("Constants.v")


def test_phi_definition_in_coq_matches_registry():
    assert "Definition phi : R := (1 + sqrt 5) / 2." in coq_text("PhiBasics.v")
    import sympy

    assert sympy.simplify(expr.sympy_expr("PHI") - (1 + sympy.sqrt(5)) / 2) == 0


@pytest.mark.parametrize("c", REGISTRY, ids=NAMES)
def test_value_and_float_lie_inside_enclosures(c):
    value = Decimal(expr.digits_mpmath(c.name, 60))
    for e in c.enclosures:
        assert Decimal(e.lo) <= value <= Decimal(e.hi)
    f = float(C.get(c.name))
    assert Decimal(c.enclosure.lo) <= Decimal(repr(f)) <= Decimal(c.enclosure.hi)
    assert C.get(c.name).contains(value)


@pytest.mark.parametrize("c", REGISTRY, ids=NAMES)
def test_enclosure_widths(c):
    value = Decimal(expr.digits_mpmath(c.name, 40))
    first, *more = c.enclosures
    assert (Decimal(first.hi) - Decimal(first.lo)) / value <= Decimal("1e-15")
    for e in more:
        assert (Decimal(e.hi) - Decimal(e.lo)) / value <= Decimal("1e-29")


def test_known_values():
    assert float(C.T_STAR) == 1.3778018314733997
    assert C.M_PHI.digits(10) == "4.210414240"
    assert C.TAU_GLOBAL.digits(6) == "0.237506"
    assert C.LAMBDA_M.digits(12) == "0.643423735003"
    assert C.PHI_LR_SCALE.digits(3) == "2.95"
    assert C.T_STAR.theorem == "Phi.Enclosures.Tstar_enclosure"


def test_lambda_m_is_the_stationary_point_of_g():
    import mpmath

    with mpmath.workdps(50):
        T = expr.eval_mpmath("T_STAR", 50)
        g = lambda l: (1 / l**2 + T * (1 / l + 1 / (1 - l))) / 2
        lm = expr.eval_mpmath("LAMBDA_M", 50)
        assert abs(mpmath.diff(g, lm)) < mpmath.mpf(10) ** -40
        assert abs(g(lm) - expr.eval_mpmath("M_PHI", 50)) < mpmath.mpf(10) ** -45
        assert g(lm - mpmath.mpf("1e-3")) > g(lm) < g(lm + mpmath.mpf("1e-3"))


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(NAMES), st.integers(min_value=1, max_value=400))
def test_engines_agree_and_digits_are_correctly_rounded(name, n):
    arb = expr.digits_arb(name, n)
    assert arb == expr.digits_mpmath(name, n) == expr.digits_sympy(name, n)
    longer = Decimal(expr.digits_arb(name, n + 20))
    assert significant_digits(arb) == n
    assert abs(Decimal(arb) - longer) <= Decimal(1).scaleb(longer.adjusted() - n + 1) / 2


def test_published_digit_judgements():
    t = C.T_STAR.digits(40)
    assert judge("1.3778018314733997", t).verdict == "truncated"
    assert judge("1.3778018314733998", t).verdict == "correctly rounded"
    assert judge("1.3778018314733999", t).verdict == "wrong"
    j = judge("1.3778118314733997", t)
    assert j.verdict == "wrong" and j.agreeing == 5
    assert judge("4.210414", C.M_PHI.digits(30)).verdict == "correctly rounded"
    assert judge("0.118034", C.ALPHA_PHI.digits(30)).verdict == "correctly rounded"


@settings(max_examples=60, deadline=None)
@given(
    st.decimals(
        min_value=Decimal("0.001"), max_value=Decimal("9.99"), places=25, allow_nan=False, allow_infinity=False
    ),
    st.integers(min_value=1, max_value=12),
)
def test_judging_a_rounded_value_says_rounded(x, sig):
    """A value rounded to ``sig`` digits is never judged wrong (values below 10, as published)."""
    true = format(x.normalize() + Decimal("1e-30"), "f")
    if significant_digits(true) < sig + 5:
        return
    from decimal import ROUND_HALF_EVEN

    q = Decimal(1).scaleb(Decimal(true).adjusted() - sig + 1)
    rd = Decimal(true).quantize(q, rounding=ROUND_HALF_EVEN)
    assume(rd.adjusted() == Decimal(true).adjusted())  # rounding up across a power of ten
    r = format(rd, "f")
    j = judge(r, true)
    assert j.verdict in ("correctly rounded", "truncated") and j.correctly_rounded == r


def test_check_command_passes_and_reports_findings():
    out = run_pynum("check", "--digits", "50", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["ok"] and {r["name"] for r in data["constants"]} == set(NAMES)
    t = next(r for r in data["constants"] if r["name"] == "T_STAR")
    assert set(t["engines"]) == {"mpmath", "sympy", "arb"}
    assert [p["verdict"] for p in t["published"]] == ["truncated", "correctly rounded"]
    assert any("1.3778018314733997" in f for f in data["published_findings"])


@pytest.mark.parametrize(
    "args",
    [
        ("value", "NOPE"),
        ("cite", "NOPE"),
        ("check", "--digits", "0"),
        ("check", "--digits", "1000001"),
        ("value", "PHI", "--digits", "x"),
        ("cite", "--claim", "Q7"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args):
    out = run_pynum(*args)
    assert out.returncode == 2
    assert out.stdout == "" and len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr


def test_unknown_name_lists_valid_names():
    err = run_pynum("value", "tstar").stderr
    assert all(n in err for n in NAMES)


def test_value_accepts_any_case_and_precision():
    out = run_pynum("value", "t_star", "--digits", "25")
    assert out.stdout.strip() == "1.377801831473399768616790"


def test_cite_formats():
    text = run_pynum("cite", "M_PHI").stdout
    assert "Phi.Enclosures.m_phi_enclosure" in text and "4.210414239849683 <= m_phi <= 4.210414239849684" in text
    bib = run_pynum("cite", "T_STAR", "--format", "bibtex").stdout
    assert bib.startswith("@misc{phiclaims_t_star,") and r"Tstar\_enclosure" in bib
    assert "cff-version" in run_pynum("cite", "ALPHA_PHI", "--format", "cff").stdout
    assert "proved" in run_pynum("cite", "--claim", "S1").stdout
