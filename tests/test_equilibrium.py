"""Tests for the equilibrium block (claims E1-E11): layers, relaxation, spectra, checks."""

from __future__ import annotations

import cmath
import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from torchcheck.engine.eps_crit import eps_crit
from torchcheck.engine.krylov import restarted_arnoldi
from torchcheck.engine.spectrum import block_diagonal_eigvals, causal_block_report, dense_jacobian, match_sets
from torchcheck.framework import InputError, RunContext, run_check
from torchcheck.models.equilibrium import (
    GELU_TANH_DERIV_BOUND,
    BlockConfig,
    EqBlock,
    LipschitzBlock,
    flat_force,
    gelu_tanh,
)
from torchcheck.models.relaxation import relax

F64 = torch.float64
SMALL = BlockConfig(seq=4, d_model=8, n_heads=2)


@pytest.fixture(autouse=True)
def _one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def test_gelu_tanh_slope_bound_holds():
    # grid maximum of the derivative plus spacing * (bound on the second derivative, < 1)
    u = torch.arange(-20.0, 20.0, 1e-4, dtype=F64).requires_grad_()
    (d,) = torch.autograd.grad(gelu_tanh(u).sum(), u, create_graph=True)
    (d2,) = torch.autograd.grad(d.sum(), u)
    top = float(d.detach().max())
    assert float(d2.abs().max()) < 1.0
    assert top + 1e-4 * 1.0 <= GELU_TANH_DERIV_BOUND
    assert top > GELU_TANH_DERIV_BOUND - 1e-3  # the bound is tight
    # outside [-20, 20] the slope is within 1e-40 of 0 or 1
    tail = torch.tensor([-20.0, 20.0], dtype=F64, requires_grad=True)
    (dt,) = torch.autograd.grad(gelu_tanh(tail).sum(), tail)
    assert abs(float(dt[0])) < 1e-40 and abs(float(dt[1]) - 1) < 1e-40


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), j=st.integers(0, SMALL.seq - 1))
def test_force_is_causal_and_affine_in_x(seed, j):
    b = EqBlock(SMALL, seed=seed)
    x1, x2 = b.random_input(seed=seed + 1), b.random_input(seed=seed + 2)
    z = b.random_input(seed=seed + 3)
    # F(z; x1) - F(z; x2) = x1 - x2 exactly up to rounding
    assert torch.allclose(b.force(z, x1) - b.force(z, x2), x1 - x2, atol=1e-12)
    # changing token j changes no earlier token's force
    z2 = z.clone()
    z2[j] += 1.0
    diff = (b.force(z2, x1) - b.force(z, x1)).abs().amax(-1)
    assert j == 0 or float(diff[:j].max()) == 0.0
    assert float(diff[j]) > 0


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), scale=st.floats(0.01, 100.0), target=st.floats(0.1, 3.0))
def test_lipschitz_block_bound_is_certified(seed, scale, target):
    cfg = BlockConfig(seq=6, d_model=8, n_heads=2)
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(3, 6, 8, generator=g, dtype=F64)
    b = LipschitzBlock(cfg, x, seed=seed, target_lipschitz=target)
    L = b.lipschitz_bound()
    assert L == pytest.approx(target, rel=1e-12)
    z1 = scale * torch.randn(3, 6, 8, generator=g, dtype=F64)
    z2 = z1 + torch.randn(3, 6, 8, generator=g, dtype=F64) * scale * 0.1
    num = torch.linalg.vector_norm(b.learned(z1) - b.learned(z2), dim=(-2, -1))
    den = torch.linalg.vector_norm(z1 - z2, dim=(-2, -1))
    assert float((num / den).max()) <= L * (1 + 1e-12)


@settings(max_examples=40, deadline=None)
@given(a=st.floats(-10, 10), b=st.floats(-10, 10), eps=st.floats(1e-3, 10))
def test_euler_multiplier_condition(a, b, eps):
    # E1: |1 + eps mu| < 1 iff eps (a^2 + b^2) < -2 a
    lhs = abs(1 + eps * complex(a, b)) < 1
    rhs = eps * (a * a + b * b) < -2 * a
    margin = abs(abs(1 + eps * complex(a, b)) - 1)
    if margin > 1e-9:
        assert lhs == rhs
    # E2: the backward multiplier is inside the disc whenever Re mu < 0
    if a < -1e-9:
        assert abs(1 / (1 - eps * complex(a, b))) < 1


def test_eps_crit_formula_and_nan_for_unstable():
    mu = torch.tensor([complex(-2, 1), complex(-1, 3)], dtype=torch.complex128)
    assert eps_crit(mu) == pytest.approx(min(4 / 5, 2 / 10))
    assert math.isnan(eps_crit(torch.tensor([complex(0.1, 1)], dtype=torch.complex128)))
    # at eps_crit the multiplier is on the unit circle
    m = complex(-1, 3)
    assert abs(1 + 0.2 * m) == pytest.approx(1.0, abs=1e-15)
    assert cmath.isclose(1 + 0.2 * m, complex(0.8, 0.6))


def test_dense_jacobian_matches_autograd_and_block_eigs_match_full():
    b = EqBlock(SMALL, seed=3)
    x = b.random_input(seed=4)
    z = relax(b, x, eps=0.25, steps=2000, tol=1e-12).z
    f = flat_force(b, x)
    J = dense_jacobian(f, z.reshape(-1), chunk=7)
    Ja = torch.autograd.functional.jacobian(f, z.reshape(-1))
    assert torch.allclose(J, Ja, atol=1e-13)
    rep = causal_block_report(J, SMALL.seq, SMALL.d_model)
    assert rep["upper_block_max"] == 0.0 and rep["entry_max"] > 0.1
    mu = block_diagonal_eigvals(J, SMALL.seq, SMALL.d_model)
    assert match_sets(mu, torch.linalg.eigvals(J)) < 1e-9
    assert bool((mu.real < 0).all())


def test_arnoldi_finds_leading_eigenvalues():
    g = torch.Generator().manual_seed(0)
    n = 300
    d = torch.linspace(0.1, 0.9, n, dtype=F64)
    d[-1], d[-2] = 0.99, 0.97
    A = torch.diag(d) + torch.triu(torch.randn(n, n, generator=g, dtype=F64), 1) * 0.02
    theta, res, info = restarted_arnoldi(lambda v: A @ v, torch.randn(n, generator=g, dtype=F64), 6, 60, 10)
    assert float(theta[0].real) == pytest.approx(0.99, abs=1e-8) and info["converged"]
    assert float(res[0]) < 1e-6


def test_relax_converges_and_reports_divergence_with_trace():
    b = EqBlock(SMALL, seed=5)
    x = b.random_input(seed=6, batch=3)
    r = relax(b, x, steps=2000, tol=1e-10)
    assert r.converged and r.residuals[-1] < 1e-10
    assert float(torch.linalg.vector_norm(b.force(r.z, x))) < 1e-8
    d = relax(b, x, eps=4.0, steps=10_000)
    assert d.outcome == "diverged" and d.steps < 10_000 and len(d.residuals) == d.steps + 1
    short = relax(b, x, eps=0.001, steps=5)
    assert short.outcome == "not-converged" and len(short.residuals) == 6
    imp = relax(b, x, eps=1.5, steps=500, tol=1e-10, method="implicit")
    assert imp.converged


@pytest.mark.parametrize(
    "call",
    [
        lambda b, x: relax(b, x, eps=0.0),
        lambda b, x: relax(b, x, eps=-1e-3),
        lambda b, x: relax(b, x, eps=float("inf")),
        lambda b, x: relax(b, x * float("nan")),
        lambda b, x: relax(b, x, z0=torch.zeros(4, 7, dtype=F64)),
        lambda b, x: relax(b, torch.zeros(2, 4, 8, dtype=F64), z0=torch.zeros(5, 4, 8, dtype=F64)),
        lambda b, x: relax(b, x, method="rk4"),
        lambda b, x: relax(b, x, steps=0),
        lambda b, x: BlockConfig(seq=4, d_model=9, n_heads=2),
        lambda b, x: BlockConfig(seq=0, d_model=8, n_heads=2),
        lambda b, x: BlockConfig(seq=4, d_model=8, n_heads=2, c=-2.0),
    ],
)
def test_bad_input_is_one_clear_error(call):
    b = EqBlock(SMALL)
    x = b.random_input()
    with pytest.raises(InputError) as exc:
        call(b, x)
    assert "\n" not in str(exc.value) and str(exc.value)


@pytest.fixture(scope="module")
def small_results():
    from torchcheck.checks.equilibrium import CHECKS

    ctx = RunContext(device=torch.device("cpu"), size="small", progress=False)
    return {c.id: run_check(c, ctx) for c in CHECKS}


EXPECTED_IDS = [
    "equilibrium-spectrum-dense",
    "equilibrium-backward-region",
    "equilibrium-spectrum-krylov",
    "equilibrium-contraction",
    "equilibrium-asym-transpose",
    "equilibrium-adjoint-power",
    "equilibrium-hutchinson",
    "equilibrium-flip-witness",
    "equilibrium-fixed-point-eps",
    "equilibrium-eps-crit-family",
    "equilibrium-scalar-closed-form",
    "equilibrium-residual-identity",
    "equilibrium-bad-input",
]


def test_check_ids_are_the_expected_ones(small_results):
    assert sorted(small_results) == sorted(EXPECTED_IDS)


@pytest.mark.parametrize("cid", EXPECTED_IDS)
def test_check_passes_at_small_size(small_results, cid):
    res = small_results[cid]
    assert res.passed, (res.error, res.measured)


def test_check_numbers_say_what_the_verdicts_need(small_results):
    dense = small_results["equilibrium-spectrum-dense"].measured
    assert dense["euler_0.9_outcome"] == "converged"
    assert dense["euler_1.1_outcome"] != "converged"
    assert dense["implicit_1.1_outcome"] == "converged"
    assert dense["rho_M_at_1.1_eps_crit"] > 1 > dense["implicit_multiplier_max_at_1.1_eps_crit"]
    hut = small_results["equilibrium-hutchinson"].measured
    # the normalised penalty estimates ||J||_F^2 / n, not ||J||_F^2
    assert hut["rademacher_normalised_over_fro2"] == pytest.approx(1 / hut["state_dim"], rel=0.05)
    e10 = small_results["equilibrium-fixed-point-eps"].measured
    assert e10["eps_0.01_outcome"] == "converged" and e10["eps_0.1_outcome"] != "converged"
    assert e10["fixed_point_defect_of_eps_0.1_map"] < 1e-11
    e9 = small_results["equilibrium-flip-witness"].measured
    assert e9["linear_J_symmetric"] and e9["linear_M_eig_min"] < -1 and e9["tanh_two_step_rel_change"] < 1e-12
    e2 = small_results["equilibrium-backward-region"].measured
    assert e2["rule_mismatches"] == 0 and e2["spurious_contraction_count"] > 0
    e3 = small_results["equilibrium-contraction"].measured
    assert e3["eps_0.1_rho"] == pytest.approx(0.95) and e3["condition_grid_mismatches"] == 0
    assert e3["eps_0.1_max_err_over_rho_t_err0"] <= 1 + 1e-9
    e11 = small_results["equilibrium-eps-crit-family"].measured
    assert e11["eps_crit_family_min"] < 0.01
    # in the seed's block: imaginary parts stay below 3 while eps_crit falls and Re mu crosses 0
    assert e11["sweep_im_mu_absmax"] < 3 and e11["sweep_some_re_mu_nonnegative"]
    assert e11["sweep_eps_crit_min_finite"] < 0.15 * e11["sweep_eps_crit_first"]


def test_progress_bars_only_on_a_terminal():
    import sys

    ctx = RunContext(device=torch.device("cpu"), size="small", progress=True)
    items = [1, 2, 3]
    assert not sys.stderr.isatty()  # pytest captures stderr: a redirected log
    assert ctx.bar(items, "x") is items


def test_torchcheck_modules_stay_under_400_lines_and_keep_one_engine():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "torchcheck"
    sizes = {p.relative_to(root).as_posix(): len(p.read_text().splitlines()) for p in root.rglob("*.py")}
    assert max(sizes.values()) <= 400, {k: v for k, v in sizes.items() if v > 400}
    # one Arnoldi, one fixed-point finder, one eps_crit: defined in the engine only
    for name in (
        "def restarted_arnoldi",
        "def arnoldi",
        "def find_fixed_point",
        "def eps_crit(",
        "def anderson_fixed_point",
        "def dense_jacobian",
    ):
        owners = [k for k, p in ((k, root / k) for k in sizes) if name in p.read_text()]
        assert all(o.startswith("engine/") for o in owners) and len(owners) <= 1, (name, owners)
    assert {p.name for p in root.iterdir() if p.is_dir() and p.name != "__pycache__"} == {
        "engine",
        "models",
        "checks",
        "experiments",
        "audits",
    }


def test_attention_in_head_groups_gives_the_same_force_and_products(monkeypatch):
    """ATTN_CHUNK_BYTES bounds the scores held at once (the 33.5M-state audit needs it); the force and
    its Jacobian-vector products must not change when the heads are taken a few at a time."""
    import torchcheck.models.equilibrium as E

    block = E.EqBlock(E.BlockConfig(seq=16, d_model=32, n_heads=4), seed=0)
    x, z, v = block.random_input(seed=1), block.random_input(seed=2), block.random_input(seed=3)
    whole = block.force(z, x)
    tangent = torch.func.jvp(lambda u: block.force(u, x), (z,), (v,))[1]
    monkeypatch.setattr(E, "ATTN_CHUNK_BYTES", 16 * 16 * 8)  # one head at a time
    assert torch.equal(block.force(z, x), whole)
    assert torch.allclose(torch.func.jvp(lambda u: block.force(u, x), (z,), (v,))[1], tangent, rtol=0, atol=1e-13)
