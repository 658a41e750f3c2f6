"""The reference Watkins simplex layer and steps: algebra, invariants, bad input, checks (W3-W10)."""

from __future__ import annotations

import math

import mpmath
import pytest
import sympy
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from pynum.constants import expr
from torchcheck.checks import simplex as C
from torchcheck.framework import InputError, RunContext, run_check
from torchcheck.models import simplex as S

T_STAR = float(expr.eval_mpmath("T_STAR", 30))
T_STAR3 = float(expr.eval_mpmath("T_STAR3", 30))
PHI = float(expr.eval_mpmath("PHI", 30))
TAU = float(1 / expr.eval_mpmath("M_PHI", 30))


def _t(x):
    """A float64 tensor."""
    return torch.tensor(x, dtype=torch.float64)


@pytest.fixture(autouse=True, scope="module")
def _one_thread():
    """Many small tensor ops: one intra-op thread is much faster on a shared 2-core machine."""
    old = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(old)


@st.composite
def simplex_points(draw, min_dim=2, max_dim=6, batch=8):
    """A batch of points of the open simplex, float64, bounded away from the faces by 1e-6."""
    dim = draw(st.integers(min_dim, max_dim))
    w = draw(st.lists(st.lists(st.floats(1e-6, 1.0), min_size=dim, max_size=dim), min_size=1, max_size=batch))
    p = _t(w)
    return p / p.sum(-1, keepdim=True)


temps = st.floats(0.05, 5.0)
steps = st.floats(1e-3, 1.0)
signs = st.sampled_from([+1, -1])


# --- invariants: every step keeps the sum at 1 and never leaves the open simplex ------------


@settings(max_examples=150, deadline=None)
@given(simplex_points(), temps, steps, signs, st.sampled_from(sorted(S.STEPS)))
def test_step_keeps_sum_and_stays_on_simplex(p, t, tau, sign, kind):
    r = S.STEPS[kind](p, tau, t, sign)
    assert (r.x.sum(-1) - 1).abs().max().item() <= 1e-12
    assert (r.x > 0).all()
    assert torch.equal(r.x[r.escaped], p[r.escaped])  # a rejected update keeps the point


@settings(max_examples=60, deadline=None)
@given(simplex_points(min_dim=3, max_dim=4, batch=4), temps, st.floats(1e-3, 0.3), signs)
def test_many_steps_stay_on_simplex(p, t, tau, sign):
    for _ in range(25):
        r = S.fisher_step(p, tau, t, sign)
        p = r.x
        assert (p.sum(-1) - 1).abs().max().item() <= 1e-12 and (p > 0).all()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.floats(1e-6, 1 - 1e-6), min_size=1, max_size=16),
    temps,
    steps,
    signs,
    st.sampled_from(sorted(S.REDUCED_STEPS)),
)
def test_reduced_steps_stay_in_open_interval(ls, t, tau, sign, kind):
    l = _t(ls)
    r = S.REDUCED_STEPS[kind](l, tau, t, sign)
    assert ((r.x > 0) & (r.x < 1)).all()
    assert torch.equal(r.x[r.escaped], l[r.escaped])


# --- the algebra -------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(simplex_points(), temps, signs)
def test_gradient_matches_autograd(p, t, sign):
    q = p.clone().requires_grad_(True)
    S.free_energy(q, t, sign).sum().backward()
    assert torch.allclose(S.free_energy_grad(p, t, sign), q.grad, rtol=1e-10, atol=1e-10)


@settings(max_examples=60, deadline=None)
@given(st.floats(0.01, 0.99), temps, signs)
def test_reduced_derivatives_match_autograd(l0, t, sign):
    l = _t(l0).requires_grad_(True)
    (g,) = torch.autograd.grad(S.reduced_energy(l, t, sign), l, create_graph=True)
    (h,) = torch.autograd.grad(g, l)
    assert math.isclose(float(g.detach()), float(S.reduced_grad(l.detach(), t, sign)), rel_tol=1e-9, abs_tol=1e-9)
    assert math.isclose(float(h), float(S.reduced_curvature(l.detach(), t, sign)), rel_tol=1e-9, abs_tol=1e-9)
    # f restricted from F along the symmetric line is the reduced energy.
    assert math.isclose(
        float(S.free_energy(S.symmetric_point(l0), t, sign)),
        float(S.reduced_energy(_t(l0), t, sign)),
        rel_tol=1e-12,
        abs_tol=1e-12,
    )


@pytest.mark.parametrize("dim", [3, 4, 5])
def test_fisher_metric_of_reduced_family(dim):
    for l0 in (0.1, 0.5, 1 / PHI, 0.9):
        l = _t(l0)
        dp = torch.autograd.functional.jacobian(lambda x: S.symmetric_point(x, dim), l)
        info = float((dp**2 / S.symmetric_point(l0, dim)).sum())
        assert math.isclose(info, 1 / (l0 * (1 - l0)), rel_tol=1e-12)
        assert math.isclose(float(S.reduced_fisher_metric(l, dim)), info, rel_tol=1e-12)


@settings(max_examples=50, deadline=None)
@given(st.floats(0.05, 0.95), temps, st.floats(1e-3, 0.5), signs)
def test_whole_simplex_steps_restrict_to_reduced_steps(l0, t, tau, sign):
    p = S.symmetric_point(l0)[None]
    rf, rr = S.fisher_step(p, tau, t, sign), S.reduced_fisher_step(_t([l0]), tau, t, sign)
    if not (rf.escaped.any() or rr.escaped.any()):
        assert abs(float(rf.x[0, 0] - rr.x[0])) < 1e-12
        assert abs(float(rf.x[0, 1] - rf.x[0, 2])) < 1e-12  # stays on the symmetric line
    # The Euclidean step is plain reduced descent with step 2 tau/3 (|dp/dl|^2 = 3/2).
    re, rp = S.euclid_step(p, tau, t, sign), S.reduced_plain_step(_t([l0]), 2 * tau / 3, t, sign)
    if not (re.escaped.any() or rp.escaped.any()):
        assert abs(float(re.x[0, 0] - rp.x[0])) < 1e-12


def _sf(x: mpmath.mpf) -> sympy.Float:
    return sympy.Float(mpmath.nstr(x, 35), 40)


def test_closed_forms_against_an_independent_sympy_derivation():
    l, T = sympy.symbols("l T", positive=True)
    f = -sympy.log(l) - T * (-l * sympy.log(l) - (1 - l) * sympy.log((1 - l) / 2))
    fpp = sympy.diff(f, l, 2)
    phi = (1 + sympy.sqrt(5)) / 2
    tstar = phi / sympy.log(2 * phi)
    m = expr.sympy_expr("M_PHI")
    at = {l: 1 / phi, T: tstar}
    cf = C.closed_forms()
    assert abs(sympy.N(sympy.diff(f, l).subs(at), 40)) < 1e-35  # l* is stationary for F-
    plain = sympy.N((1 - fpp / m).subs(at), 40)
    fisher = sympy.N((1 - l * (1 - l) * fpp / m).subs(at), 40)
    assert abs(plain - _sf(cf["mult_plain_minus"])) < 1e-25
    assert abs(fisher - _sf(cf["mult_fisher_minus"])) < 1e-25
    assert plain < -1 < 0 < fisher < 1  # plain: unstable (oscillating); Fisher: stable
    assert abs(fisher - (1 - (1 / phi + tstar) / m).evalf(40)) < 1e-25
    # tau = 1/m(phi) lies just above the plain-descent stability bound 2/f''(l*).
    assert 0.2365 < float(cf["plain_stability_bound"]) < TAU < 0.2376
    # F+: f'(l) < 0 on (0,1) (its maximum, at l = 1/(1+T*), is about -2.891).
    fp = sympy.diff(-sympy.log(l) + T * (-l * sympy.log(l) - (1 - l) * sympy.log((1 - l) / 2)), l)
    top = sympy.N(fp.subs({l: 1 / (1 + tstar), T: tstar}), 30)
    assert abs(top - _sf(cf["fplus_grad_max"])) < 1e-20 and top < -2.89
    assert abs(sympy.N(sympy.diff(fp, l).subs({l: 1 / (1 + tstar), T: tstar}), 30)) < 1e-25


def test_temperature_law_gives_the_published_temperatures():
    assert math.isclose(S.temperature_for(1 / PHI, 3), T_STAR, rel_tol=1e-15)
    assert math.isclose(S.temperature_for(1 / PHI, 4), T_STAR3, rel_tol=1e-15)
    assert math.isclose(S.minimiser_lambda(T_STAR, 3), 1 / PHI, rel_tol=1e-14)
    assert math.isclose(S.minimiser_lambda(T_STAR3, 4), 1 / PHI, rel_tol=1e-14)


@settings(max_examples=80, deadline=None)
@given(st.floats(0.34, 0.999), st.sampled_from([3, 4]))
def test_temperature_law_inverts_the_minimiser(l0, dim):
    if l0 <= 1 / dim + 1e-3:
        l0 = 1 / dim + 1e-3
    t = S.temperature_for(l0, dim)
    assert t > 0 and math.isclose(S.minimiser_lambda(t, dim), l0, rel_tol=1e-9)


@settings(max_examples=150, deadline=None)
@given(simplex_points(min_dim=3, max_dim=3, batch=16))
def test_golden_point_minimises_F_minus_not_F_plus(p):
    gold = S.symmetric_point(1 / PHI)
    assert (S.free_energy(p, T_STAR, -1) - S.free_energy(gold, T_STAR, -1) >= -1e-12).all()
    witness = _t([0.99, 0.005, 0.005])
    assert float(S.free_energy(witness, T_STAR, +1)) < float(S.free_energy(gold, T_STAR, +1))


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad, match",
    [
        (torch.full((2, 4), 0.25, dtype=torch.float64), "last dimension must be 3"),
        (_t([[1.2, -0.1, -0.1]]), "positive"),
        (_t([[0.0, 0.5, 0.5]]), "positive"),
        (_t([[float("nan"), 0.5, 0.5]]), "NaN"),
        (_t([[float("inf"), 0.5, 0.5]]), "infinite"),
        (_t([[0.5, 0.5, 0.5]]), "sum to 1"),
        (torch.tensor([1, 0, 0]), "floating point"),
    ],
)
def test_layer_rejects_bad_probabilities(bad, match):
    layer = S.GoldenSimplex(3, T_STAR)
    for call in (layer, layer.grad, layer.step):
        with pytest.raises(InputError, match=match) as exc:
            call(bad)
        assert "\n" not in str(exc.value)


@pytest.mark.parametrize("t", [0.0, -1.0, float("nan"), float("inf"), "hot"])
def test_layer_rejects_bad_temperature(t):
    with pytest.raises(InputError, match="temperature"):
        S.GoldenSimplex(3, t)


def test_layer_rejects_bad_sign_step_and_dim():
    with pytest.raises(InputError, match="sign"):
        S.GoldenSimplex(3, 1.0, sign=0)
    with pytest.raises(InputError, match="step size"):
        S.GoldenSimplex(3, 1.0, tau=-0.1)
    with pytest.raises(InputError, match="dim"):
        S.GoldenSimplex(1, 1.0)
    with pytest.raises(InputError, match="unknown step"):
        S.GoldenSimplex(3, 1.0).step(_t([[0.5, 0.3, 0.2]]), "adam")
    with pytest.raises(InputError, match="no minimiser"):
        S.GoldenSimplex(3, 1.0, sign=+1).equilibrium()
    with pytest.raises(InputError, match="lambda0"):
        S.temperature_for(0.3, 3)


def test_layer_equilibrium_is_golden_at_T_star():
    eq = S.GoldenSimplex(3, T_STAR).equilibrium()
    assert torch.allclose(eq, _t([1 / PHI, (1 - 1 / PHI) / 2, (1 - 1 / PHI) / 2]), atol=1e-14)


# --- the checks at small size ------------------------------------------------------------------


@pytest.fixture(scope="module")
def results():
    ctx = RunContext(device=torch.device("cpu"), size="small", progress=False)
    return {c.id: run_check(c, ctx) for c in C.CHECKS}


def test_every_simplex_check_passes(results):
    assert all(c.id.startswith("simplex-") for c in C.CHECKS)
    failed = {k: r.error for k, r in results.items() if not r.passed}
    assert not failed, failed


def test_measured_multipliers_match_the_proofs(results):
    plain = results["simplex-reduced-plain-minus"].measured
    fisher = results["simplex-reduced-fisher-minus"].measured
    assert plain["measured_multiplier_max_deviation"] <= 1e-6
    assert fisher["measured_multiplier_max_deviation"] <= 1e-6
    assert abs(plain["measured_multiplier_median"] - (-1.0079962979359393)) < 1e-6
    assert abs(fisher["measured_multiplier_median"] - 0.5259763751191977) < 1e-6
    assert plain["fraction_reached"] == 0.0 and plain["fraction_left_interval"] == 1.0
    assert fisher["fraction_reached"] == 1.0


def test_F_plus_runs_never_reach_the_golden_point(results):
    m = results["simplex-full-plus"].measured
    assert m["fisher"]["fraction_reached"] == 0.0 and m["euclid"]["fraction_reached"] == 0.0
    r = results["simplex-reduced-plus"].measured
    assert r["plain"]["near_fraction_left_neighbourhood"] == 1.0
    assert r["fisher"]["near_fraction_left_neighbourhood"] == 1.0


def test_full_simplex_fisher_descent_converges_everywhere(results):
    m = results["simplex-full-fisher-minus"].measured
    assert m["fraction_reached"] == 1.0 and m["max_abs_sum_minus_1"] <= 1e-12
    assert results["simplex-four-component"].measured["fraction_reached"] == 1.0


def test_check_sizes():
    assert C._n(RunContext(device=torch.device("cpu"), size="full")) >= 1_000_000


def test_modulus_is_the_minimum_of_half_the_curvature(results):
    m = results["simplex-modulus"].measured
    assert -1e-12 <= m["grid_min_minus_m_phi"] <= 1e-9
    assert abs(m["grid_argmin_minus_lambda_m"]) <= 1e-6
    assert float(m["g_at_lambda_star"]) > float(m["m_phi"]) + 0.01  # g(l*) = 4.2272... > m(phi)
