"""The norm bracket of ``torchcheck stability`` (``engine.normal``): operators whose spectrum is known
in closed form and fills a region densely (2-D convolutions: eigenvalues from the 2-D DFT, computed
here with numpy), where the Arnoldi root-find cannot converge; a hidden outlying mode the
certificate must not miss; a non-normal operator the bracket must refuse; a starved run."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

torch = pytest.importorskip("torch", reason="torch not installed: pip install 'phi-claims[torch]'")

from test_stability import conv2d, exact  # noqa: E402

from torchcheck import stability as S  # noqa: E402
from torchcheck.engine.krylov import linear_map  # noqa: E402
from torchcheck.engine.normal import kw_epsilon, norm_run, normal_eps_crit, transpose_map  # noqa: E402

F64 = torch.float64
KERNEL = np.array([[0.0, 0.3, 0.0], [0.8, -2.5, -0.4], [0.1, 0.5, 0.2]])


def norm_parts(force, x):
    f = lambda v: force(v.reshape(x.shape), x).reshape(-1)  # noqa: E731
    zf = torch.zeros(x.numel(), dtype=x.dtype)
    tangent, _ = linear_map(f, zf)
    transpose = transpose_map(f, zf)
    assert transpose is not None
    return tangent, transpose, zf


def test_dense_two_dimensional_spectrum_is_decided_by_the_norm_bracket():
    force, x, lam = conv2d(64, 64, KERNEL)
    ec, rho = exact(lam, 0.1)
    c = -2 * lam.real / np.abs(lam) ** 2
    assert (c < ec * 1.001).sum() >= 5  # a cluster: several modes share eps_crit to 1e-3
    r = S.audit(force, x, eps=0.1, dense_max=8)
    assert r.method == "krylov" and r.krylov["eps_crit_method"] == "lanczos norm", r.krylov["reason"]
    # the Arnoldi root-find alone did not decide: its first run did not converge
    assert not r.krylov["root_steps"][0]["converged"]
    norm = r.krylov["norm"]
    assert norm["lower"] < ec <= norm["upper"] * (1 + 1e-12)
    assert abs(r.eps_crit - ec) <= r.eps_crit_bound and r.eps_crit == pytest.approx(ec, rel=1e-3)
    assert r.status == "holds" and S.exit_code(r) == 0 and "norm" in r.verdicts[0]["measured"]
    # the certificate's largest Ritz value is ||I + eps J||^2 from below; the exact norm is rho here (J normal)
    first = norm["runs"][0]
    assert np.sqrt(first["ritz"]) <= rho * (1 + 1e-12) and first["outcome"] == "below"
    # the deciding mode is within its residual of an eigenvalue (Bauer-Fike, J normal)
    d = r.eps_crit_mode
    assert d is not None and np.min(np.abs(lam - complex(d.mu_re, d.mu_im))) <= d.residual + 1e-9
    assert r.suggested_eps is not None and r.suggested_eps < ec and r.suggestion["spectral_radius"] < 1
    unstable = S.audit(force, x, eps=1.01 * ec, dense_max=8)
    assert unstable.status == "fails" and unstable.verdicts[0]["statement"].startswith("unstable at eps")


def test_a_starved_lanczos_run_is_undetermined_and_names_the_option():
    force, x, _ = conv2d(64, 64, KERNEL)
    r = S.audit(force, x, eps=0.1, dense_max=8, lanczos=12)
    assert r.status == "undetermined" and S.exit_code(r) == 3
    assert "--lanczos" in r.verdicts[0]["statement"] and "--krylov or --restarts" in r.verdicts[0]["statement"]


def shifted_conv(side: int) -> tuple:
    """A 2-D convolution plus a non-cyclic shift down the rows (nilpotent): J is not normal. Returns
    the force, x and the dense J (numpy) for independent checks."""
    k = np.zeros((side, side))
    for (i, j), v in np.ndenumerate(KERNEL):
        k[(i - 1) % side, (j - 1) % side] += v
    fk = torch.fft.fft2(torch.tensor(k, dtype=F64))

    def force(z, x):
        shifted = torch.zeros_like(z)
        shifted[1:] = 0.7 * z[:-1]
        return x + torch.fft.ifft2(fk * torch.fft.fft2(z)).real + shifted

    x = torch.ones(side, side, dtype=F64)
    J = torch.func.jacrev(lambda z: force(z.reshape(side, side), x).reshape(-1))(torch.zeros(side * side, dtype=F64))
    return force, x, J.numpy()


@pytest.mark.parametrize("eps", [0.1, 0.3, 0.45])
def test_a_non_normal_operator_gets_no_bracket_only_a_certified_contraction(eps):
    """The Arnoldi run is starved, J fails the commutator test: eps_crit stays undetermined, and
    stability at eps is settled only where ||I + eps J|| < 1 is certified (checked here against the
    dense SVD and eigenvalues)."""
    force, x, J = shifted_conv(24)
    M = np.eye(J.shape[0]) + eps * J
    norm, rho = np.linalg.norm(M, 2), np.max(np.abs(np.linalg.eigvals(M)))
    r = S.audit(force, x, eps=eps, dense_max=8, krylov=20, restarts=3)
    assert r.krylov["norm"]["commutator"] > r.krylov["norm"]["commutator_tolerance"]
    json.dumps(S.record(r), allow_nan=False)  # strict JSON: a bound not reached is null
    assert r.suggested_eps is None and "not normal" in r.verdicts[0]["statement"]
    if r.status == "holds":
        assert norm < 1 and rho < 1 and "||I + eps J|| < 1 certified" in r.verdicts[0]["statement"]
        assert r.krylov["norm"]["runs"][0]["ritz"] <= norm**2 * (1 + 1e-12)
    else:
        assert r.status == "undetermined" and S.exit_code(r) == 3
    assert (r.status == "holds") == (norm < 0.99)  # clear cases on both sides are decided as the SVD says


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(500, 3000), excess=st.floats(1e-4, 1e-2), seed=st.integers(0, 10_000))
def test_a_hidden_outlying_mode_is_never_certified_away(n, excess, seed):
    """J diagonal (normal): n - 1 modes with multiplier at most 0.998 and one with |1 + eps mu| = 1 + excess.
    A random start gives the outlier weight about 1/n: a run that stopped on an early Ritz value would
    certify ||I + eps J|| < 1. The certificate must wait until the bound allows it, so it never does."""
    g = np.random.default_rng(seed)
    eps = 0.5
    mult = g.uniform(0.0, 0.998, n)
    mult[g.integers(n)] = 1 + excess
    mu = (mult - 1) / eps  # real modes: 1 + eps mu = mult
    d = torch.tensor(mu, dtype=F64)
    run, _ = norm_run(lambda v: d * v, lambda v: d * v, torch.zeros(n, dtype=F64), eps, 200, seed)
    assert run.outcome != "below"
    assert run.ritz <= (1 + excess) ** 2 * (1 + 1e-12)


def test_certificate_bound_tightens_with_the_basis_and_loosens_with_the_dimension():
    assert kw_epsilon(10**6, 1) == 1.0
    assert kw_epsilon(10**6, 400) < kw_epsilon(10**6, 100) < kw_epsilon(10**6, 20)
    assert kw_epsilon(10**8, 100) > kw_epsilon(10**4, 100)
    assert kw_epsilon(10**6, 100, delta=1e-9) > kw_epsilon(10**6, 100, delta=1e-3)


def test_the_bracket_on_a_clustered_convolution_agrees_with_the_dft_at_two_sizes():
    for side in (48, 96):
        force, x, lam = conv2d(side, side, KERNEL)
        ec, _ = exact(lam, 0.1)
        tangent, transpose, zf = norm_parts(force, x)
        nr = normal_eps_crit(tangent, transpose, zf, 0.1, steps=300, seed=3)
        assert nr.ec.determined, nr.ec.reason
        assert nr.ec.lower < ec <= nr.ec.upper * (1 + 1e-12)
        assert nr.ec.value == pytest.approx(ec, rel=1e-3)


def test_a_float32_convolution_is_bracketed_in_float32():
    """The norm bracket in the operator's dtype: the commutator tolerance and the rounding margin
    come from float32's roundoff, and the bracket still holds the DFT value."""
    k = np.zeros((64, 64))
    for (i, j), v in np.ndenumerate(KERNEL):
        k[(i - 1) % 64, (j - 1) % 64] += v
    fk = torch.fft.fft2(torch.tensor(k, dtype=torch.float32))
    r = S.audit(
        lambda z, x: x + torch.fft.ifft2(fk * torch.fft.fft2(z)).real,
        torch.ones(64, 64, dtype=torch.float32),
        eps=0.1,
        dense_max=8,
    )
    ec, _ = exact(np.fft.fft2(k).ravel(), 0.1)
    assert r.dtype == "float32" and r.krylov["eps_crit_method"] == "lanczos norm"
    assert r.krylov["norm"]["commutator_tolerance"] > 1e-6  # float32's, not float64's
    assert r.krylov["norm"]["lower"] < ec <= r.krylov["norm"]["upper"] * (1 + 1e-6)
    assert r.eps_crit == pytest.approx(ec, rel=1e-3) and r.status == "holds"


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    side=st.integers(20, 40), kernel=st.lists(st.floats(-0.8, 0.8), min_size=9, max_size=9), centre=st.floats(1.0, 3.0)
)
def test_random_convolutions_on_the_norm_path_match_their_dft(side, kernel, centre):
    """Random 3 x 3 kernels (some with a growing mode), the Arnoldi budget starved so the norm
    bracket decides: the bracket holds the DFT value and the verdict at eps agrees with it."""
    k = np.array(kernel).reshape(3, 3)
    k[1, 1] = -centre
    force, x, lam = conv2d(side, side, k)
    ec, _ = exact(lam, 0.05)
    r = S.audit(force, x, eps=0.05, dense_max=8, krylov=8, restarts=1)
    if r.status == "undetermined":  # allowed only with the budget named
        assert "--lanczos" in r.verdicts[0]["statement"] or "within the error bound" in r.verdicts[0]["statement"]
        return
    assert (r.verdicts[0]["status"] == "holds") == (0.05 < ec)
    norm = r.krylov.get("norm")
    if norm:  # whatever the bracket reached holds the DFT value
        assert norm["lower"] <= ec and (norm["upper"] is None or ec <= norm["upper"] * (1 + 1e-12) + 1e-12)
    if r.krylov["determined"]:
        assert r.eps_crit == pytest.approx(ec, rel=1e-3, abs=1e-12)
    else:  # stability at eps settled by the certified norm alone; eps_crit itself named undetermined
        assert "eps_crit itself undetermined" in r.verdicts[0]["statement"] and norm["lower"] >= 0.05
