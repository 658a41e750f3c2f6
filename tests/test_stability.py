"""``torchcheck stability``: operators whose spectrum is known in closed form (block-diagonal
rotations, circulants and 2-D convolutions through the FFT, block-triangular sequence blocks), at
every size path (dense, block-triangular, Krylov), the exact eps_crit computed here with numpy
from the eigenvalues; the seed block; exit codes; bad input (one line, exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

torch = pytest.importorskip("torch", reason="torch not installed: pip install 'phi-claims[torch]'")

from torchcheck import stability as S  # noqa: E402
from torchcheck.engine.eps_crit import ROOT_RTOL, dominant_modes  # noqa: E402
from torchcheck.engine.fixed_point import find_fixed_point  # noqa: E402
from torchcheck.engine.krylov import linear_map, restarted_arnoldi  # noqa: E402
from torchcheck.models.equilibrium import BlockConfig, EqBlock  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
F64 = torch.float64
KRY = {"dense_max": 8, "krylov": 40, "restarts": 60}  # forces the Krylov path


def exact(lam: np.ndarray, eps: float) -> tuple[float, float]:
    """eps_crit and the largest |1 + eps mu| over the eigenvalues lam, independently of the tool."""
    lam = np.asarray(lam, dtype=complex)
    ec = 0.0 if (lam.real >= 0).any() else float(np.min(-2 * lam.real / np.abs(lam) ** 2))
    return ec, float(np.max(np.abs(1 + eps * lam)))


def linear(eigs: list[complex]) -> tuple:
    """F(z, x) = x + A z, A block-diagonal: real eigenvalues and rotation-scaling pairs a +- ib."""
    blocks = []
    for e in eigs:
        e = complex(e)
        blocks.append(
            torch.tensor([[e.real, -e.imag], [e.imag, e.real]], dtype=F64)
            if e.imag
            else torch.tensor([[e.real]], dtype=F64)
        )
    A = torch.block_diag(*blocks)
    lam = np.concatenate([[e, np.conj(e)] if complex(e).imag else [e] for e in map(complex, eigs)])
    return (lambda z, x: x + A @ z), torch.ones(A.shape[0], dtype=F64), lam


def circulant(n: int, taps: dict[int, float]) -> tuple:
    """F(z, x) = x + c * z (cyclic convolution by FFT); eigenvalues: the DFT of c (numpy)."""
    c = np.zeros(n)
    for k, v in taps.items():
        c[k % n] += v
    fc = torch.fft.fft(torch.tensor(c, dtype=F64))
    return (lambda z, x: x + torch.fft.ifft(fc * torch.fft.fft(z)).real), torch.ones(n, dtype=F64), np.fft.fft(c)


def conv2d(a: int, b: int, kernel: np.ndarray) -> tuple:
    """F(z, x) = x + K * z, a cyclic 2-D convolution of an (a, b) state; eigenvalues: the 2-D DFT."""
    k = np.zeros((a, b))
    for (i, j), v in np.ndenumerate(kernel):
        k[(i - kernel.shape[0] // 2) % a, (j - kernel.shape[1] // 2) % b] += v
    fk = torch.fft.fft2(torch.tensor(k, dtype=F64))
    return (
        (lambda z, x: x + torch.fft.ifft2(fk * torch.fft.fft2(z)).real),
        torch.ones(a, b, dtype=F64),
        np.fft.fft2(k).ravel(),
    )


def causal(seq: int, d: int, seed: int) -> tuple:
    """A (seq, d) state, token s coupled to tokens s' <= s: J block lower-triangular with diagonal
    blocks circulant (DFT eigenvalues) and random blocks below; eigenvalues: the union of the
    diagonal blocks' DFTs."""
    g = np.random.default_rng(seed)
    cs = [np.r_[-2.0 - g.random(), g.normal(0, 0.5, 3), np.zeros(d - 4)] for _ in range(seq)]
    J = np.zeros((seq * d, seq * d))
    for s in range(seq):
        J[s * d : (s + 1) * d, s * d : (s + 1) * d] = np.array([np.roll(cs[s], i) for i in range(d)]).T
        for t in range(s):
            J[s * d : (s + 1) * d, t * d : (t + 1) * d] = g.normal(0, 0.3, (d, d))
    A = torch.tensor(J, dtype=F64)
    lam = np.concatenate([np.fft.fft(c) for c in cs])
    return (lambda z, x: x + (A @ z.reshape(-1)).reshape(seq, d)), torch.ones(seq, d, dtype=F64), lam


def mu_of(m: S.Mode) -> complex:
    return complex(m.mu_re, m.mu_im)


def assert_matches(report: S.StabilityReport, lam: np.ndarray, rel: float = 1e-3) -> None:
    ec, _ = exact(lam, report.eps)
    assert report.status != "undetermined", report.verdicts
    assert report.eps_crit == pytest.approx(ec, rel=rel, abs=1e-12)
    assert abs(report.eps_crit - ec) <= report.eps_crit_bound + 1e-12 * max(ec, 1)
    # the deciding mode is within its residual of an eigenvalue (Bauer-Fike: these J are normal)
    d = report.eps_crit_mode
    assert d is not None, report.verdicts
    assert np.min(np.abs(lam - mu_of(d))) <= d.residual + 1e-9 * max(1.0, abs(mu_of(d)))
    assert d.eps_crit == report.eps_crit and "eps_crit" in report.modes[0].decides


# an interior deciding mode: -1 +- 2i decides (eps_crit 0.4); it has neither the largest modulus
# (-4), nor the largest |1 + eps mu| at eps = 0.1 (-0.05), nor an extreme real part
INTERIOR = [-0.05, -0.08, complex(-1, 2), -4.0, complex(-3.5, 0.5)]


def test_interior_deciding_mode_dense():
    force, x, lam = linear(INTERIOR)
    r = S.audit(force, x, eps=0.1)
    assert r.method == "dense"
    assert_matches(r, lam, rel=1e-12)
    assert mu_of(r.eps_crit_mode) == pytest.approx(complex(-1, 2)) or mu_of(r.eps_crit_mode) == pytest.approx(
        complex(-1, -2)
    )
    assert r.multiplier_mode.mu_re == pytest.approx(-0.05) and r.worst_multiplier == pytest.approx(exact(lam, 0.1)[1])
    assert r.modes[1].decides == "multiplier"
    assert r.verdicts[0]["status"] == "holds" and r.suggested_eps == pytest.approx(S.EPS_MARGIN * 0.4)
    assert r.suggestion["relaxation"]["converged"] and r.suggestion["spectral_radius"] < 1


def test_interior_deciding_mode_krylov():
    # the five modes among 150 others inside the disc at eps_crit, so the deciding mode is interior
    g = np.random.default_rng(1)
    rest = [complex(-1.5 - g.random(), g.normal(0, 0.4)) for _ in range(150)]
    force, x, lam = linear(INTERIOR + rest)
    r = S.audit(force, x, eps=0.1, **KRY)
    assert r.method == "krylov" and r.krylov["matvecs"] > 0 and r.krylov["determined"]
    assert_matches(r, lam)
    assert r.verdicts[0]["status"] == "holds"
    assert r.worst_multiplier == pytest.approx(exact(lam, 0.1)[1], rel=1e-6)


def test_unstable_at_eps_names_the_mode_and_the_multiplier():
    force, x, lam = linear([complex(-1, 3), -25.0, -0.5])
    for kw in ({}, KRY):
        r = S.audit(force, x, eps=0.1, **kw)
        assert_matches(r, lam, rel=1e-9)
        v = r.verdicts[0]
        assert v["status"] == "fails" and v["statement"].startswith("unstable at eps = 0.1: |1 + eps mu| = 1.5 > 1")
        assert S.exit_code(r) == 1


def test_clustered_leading_multipliers_and_a_deciding_complex_pair():
    # 40 modes within 1e-3 of each other dominate |1 + eps mu|; the complex pair -0.3 +- 2i decides
    force, x, lam = linear([-0.05 - 2.5e-5 * k for k in range(40)] + [complex(-0.3, 2.0), -3.0, -2.5])
    for kw in ({}, KRY):
        r = S.audit(force, x, eps=0.1, **kw)
        assert_matches(r, lam)
        assert abs(r.eps_crit_mode.mu_im) == pytest.approx(2.0, rel=1e-6)


def test_a_growing_mode_means_no_explicit_step_and_checks_backward_euler():
    force, x, lam = linear([0.5, -1.0, complex(-2, 1)])
    for kw in ({}, KRY):
        r = S.audit(force, x, eps=0.1, **kw)
        assert r.eps_crit == 0.0 and r.suggested_eps is None and r.eps_crit_mode.mu_re == pytest.approx(0.5)
        assert r.verdicts[0]["theorem"] == "EulerStability.euler_unstable_if_re_nonneg"
        assert r.verdicts[0]["statement"].startswith("unstable at every eps > 0")
        assert r.verdicts[1]["theorem"] == "EulerStability.backward_euler_contracts_iff"
        assert r.verdicts[1]["status"] == "fails"  # 2 * 0.5 < h * 0.25 needs h > 4
        assert S.exit_code(r) == 1
    assert S.audit(force, x, eps=5.0).verdicts[1]["status"] == "holds"


@pytest.mark.parametrize("path", ["dense", "krylov"])
def test_circulant_with_the_deciding_mode_inside_the_spectrum(path):
    force, x, lam = circulant(256, {0: -2.9, 1: -0.57, 2: 0.5, 3: -1.8, -1: 0.31})
    ec, _ = exact(lam, 0.1)
    j = int(np.argmin(-2 * lam.real / np.abs(lam) ** 2))
    # interior: neither the largest |1 + eps mu| at eps nor the largest |mu| nor an extreme Re mu
    assert abs(1 + 0.1 * lam[j]) < np.max(np.abs(1 + 0.1 * lam)) - 1e-2 and abs(lam[j]) < np.max(np.abs(lam)) - 0.1
    assert lam.real.min() + 0.3 < lam[j].real < lam.real.max() - 0.3 and abs(lam[j].imag) > 0.3
    r = S.audit(force, x, eps=0.1, **({} if path == "dense" else {**KRY, "krylov": 60}))
    assert r.method == path
    assert_matches(r, lam)
    unstable = S.audit(force, x, eps=1.05 * ec, **({} if path == "dense" else {**KRY, "krylov": 60}))
    assert unstable.verdicts[0]["status"] == "fails"


@pytest.mark.parametrize("path", ["dense", "krylov"])
def test_two_dimensional_convolution(path):
    kernel = np.array([[0.0, 0.3, 0.0], [0.8, -2.5, -0.4], [0.1, 0.5, 0.2]])
    force, x, lam = conv2d(12, 10, kernel)
    r = S.audit(force, x, eps=0.1, **({} if path == "dense" else {**KRY, "krylov": 60}))
    assert r.method == path
    assert_matches(r, lam)


def test_block_triangular_path_against_the_diagonal_blocks():
    force, x, lam = causal(6, 16, seed=2)
    r = S.audit(force, x, eps=0.1)
    assert r.method == "block-triangular"
    assert_matches(r, lam, rel=1e-9)
    k = S.audit(force, x, eps=0.1, **{**KRY, "krylov": 60})
    assert k.method == "krylov"
    assert_matches(k, lam)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(24, 96),
    taps=st.lists(st.floats(-0.7, 0.7), min_size=2, max_size=4),
    shift=st.floats(1.5, 3.0),
    krylov=st.booleans(),
)
def test_random_circulants_match_their_dft(n, taps, shift, krylov):
    force, x, lam = circulant(n, {0: -shift, **{k + 1: v for k, v in enumerate(taps)}})
    r = S.audit(force, x, eps=0.05, **({**KRY, "krylov": 30} if krylov else {}))
    if r.status == "undetermined":  # allowed only on the Krylov path, with the reason and the budget named
        assert krylov and "raise --krylov or --restarts" in r.verdicts[0]["statement"]
        return
    assert_matches(r, lam)
    ec, rho = exact(lam, 0.05)
    assert (r.verdicts[0]["status"] == "holds") == (0.05 < ec)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    a=st.integers(4, 10),
    b=st.integers(4, 10),
    kernel=st.lists(st.floats(-0.6, 0.6), min_size=9, max_size=9),
    centre=st.floats(1.8, 3.0),
    krylov=st.booleans(),
)
def test_random_two_dimensional_convolutions_match_their_dft(a, b, kernel, centre, krylov):
    k = np.array(kernel).reshape(3, 3)
    k[1, 1] = -centre
    force, x, lam = conv2d(a, b, k)
    r = S.audit(force, x, eps=0.05, **({**KRY, "krylov": 30} if krylov else {}))
    if r.status == "undetermined":
        assert krylov and "raise --krylov or --restarts" in r.verdicts[0]["statement"]
        return
    assert_matches(r, lam)


def test_a_starved_run_is_undetermined_and_says_how_to_raise_the_budget():
    force, x, lam = circulant(512, {0: -2.0, 1: 0.9, -1: 0.3, 2: -0.6, 3: 0.25})
    r = S.audit(force, x, eps=0.1, dense_max=8, krylov=6, restarts=1, lanczos=4)
    assert r.status == "undetermined" and S.exit_code(r) == 3 and r.suggested_eps is None
    statement = r.verdicts[0]["statement"]
    assert "did not converge" in statement and "--krylov or --restarts" in statement and "--lanczos" in statement
    # the Arnoldi budget alone starved: this J is normal, so the norm bracket decides it
    rescued = S.audit(force, x, eps=0.1, dense_max=8, krylov=6, restarts=1)
    assert rescued.status == "holds" and rescued.krylov["eps_crit_method"] == "lanczos norm"
    assert rescued.eps_crit == pytest.approx(exact(lam, 0.1)[0], rel=1e-3)


def both_paths(seq: int, d: int, heads: int, seed: int) -> tuple[S.StabilityReport, S.StabilityReport]:
    """The seed block audited on its block-triangular path (every eigenvalue) and on the Krylov path."""
    block = EqBlock(BlockConfig(seq=seq, d_model=d, n_heads=heads), seed=seed)
    x = block.random_input(seed=1)
    dense = S.audit(block.force, x, eps=0.1)
    kry = S.audit(block.force, x, eps=0.1, dense_max=10, krylov=40, restarts=30)
    assert dense.method == "block-triangular" and kry.method == "krylov"
    return dense, kry


def test_the_seed_block_krylov_path_agrees_with_its_block_triangular_spectrum():
    dense, kry = both_paths(8, 32, 2, seed=0)
    assert kry.eps_crit == pytest.approx(dense.eps_crit, rel=1e-4)
    # the largest multiplier at eps, near its residual (a residual of I + eps J is eps times J's; this J is
    # not normal, so the eigenvector condition number multiplies the Bauer-Fike bound)
    assert abs(kry.worst_multiplier - dense.worst_multiplier) <= 3 * 0.1 * kry.multiplier_mode.residual + 1e-12
    assert kry.suggested_eps is not None and kry.suggestion["relaxation"]["converged"]
    assert kry.fixed_point["residual"] < S.RESIDUAL_TOL


def test_a_continued_arnoldi_matches_a_fresh_one_on_a_shifted_operator_with_fewer_products():
    # a decomposition of A continued as one of 2 I + 3 A (KrylovState.shifted) finds what a fresh run
    # on 2 I + 3 A finds, from what the first run learned
    g = np.random.default_rng(3)
    force, x, lam = linear([complex(-1.0 - g.random(), g.normal(0, 2)) for _ in range(60)] + [-3.0, -0.2])
    A = torch.func.jacrev(lambda z: force(z, x))(torch.zeros_like(x))
    v0 = torch.randn(x.numel(), generator=torch.Generator().manual_seed(0), dtype=F64)
    _, _, first = restarted_arnoldi(lambda v: A @ v, v0, 6, 30, 30)
    shifted = lambda v: 2 * v + 3 * (A @ v)  # noqa: E731
    theta_f, res_f, fresh = restarted_arnoldi(shifted, v0, 6, 30, 30)
    theta_c, res_c, cont = restarted_arnoldi(shifted, v0, 6, 30, 30, init=first["state"].shifted(2.0, 3.0))
    assert first["converged"] and fresh["converged"] and cont["converged"]
    assert torch.allclose(theta_c[:2].abs(), theta_f[:2].abs(), rtol=1e-8)
    exact_lead = np.max(np.abs(2 + 3 * lam))
    assert float(theta_c[0].abs()) == pytest.approx(exact_lead, rel=1e-8) and float(res_c[0]) < 1e-6 * exact_lead
    assert cont["matvecs"] < fresh["matvecs"]


def test_the_root_find_and_the_probe_continue_the_last_decomposition():
    # at eps_crit and at the suggested step a run continued from the last decomposition needs at most
    # half the products of a fresh run from the same start (8 x 32 seed block, Krylov path)
    block = EqBlock(BlockConfig(seq=8, d_model=32, n_heads=2), seed=0)
    x = block.random_input(seed=1)
    kry = S.audit(block.force, x, eps=0.1, dense_max=10, krylov=40, restarts=30)
    z = find_fixed_point(block.force, x, torch.zeros_like(x), 0.1, 2000)[0].reshape(-1)
    tangent, _ = linear_map(lambda v: block.force(v.reshape(x.shape), x).reshape(-1), z)
    v0 = torch.randn(z.numel(), generator=torch.Generator().manual_seed(kry.krylov["seed"]), dtype=F64)
    steps = kry.krylov["root_steps"]
    assert kry.krylov["determined"] and len(steps) >= 2
    _, fresh = dominant_modes(tangent, v0, steps[-1]["eps"], 6, 40, 30)
    assert fresh["converged"] and steps[-1]["matvecs"] <= fresh["matvecs"] / 2
    probe = kry.krylov["matvecs"] - sum(s["matvecs"] for s in steps)
    _, fresh = dominant_modes(tangent, v0, kry.suggestion["candidate"], 6, 40, 30)
    assert kry.suggestion["spectral_radius_converged"] and fresh["converged"]
    assert 0 < probe <= fresh["matvecs"] / 2


def test_eps_crit_comes_from_the_run_at_eps_crit_and_is_within_its_bound():
    # on this block the estimate that proposes the last eps (from a run at a large eps) is low by more
    # than its Bauer-Fike bound (J is not normal); the value is the mode converged at eps = eps_crit
    exact, kry = both_paths(64, 64, 4, seed=4)
    last = kry.krylov["root_steps"][-1]
    assert kry.eps_crit == last["min_eps_crit"] and abs(last["eps"] - kry.eps_crit) <= ROOT_RTOL * last["eps"]
    assert abs(kry.eps_crit - exact.eps_crit) <= kry.eps_crit_bound


def test_contraction_bound_holds_and_a_failed_sufficient_condition_is_not_shown():
    c, L = 1.0, 0.8
    force = lambda z, x: x - (1 + c) * z + L * torch.tanh(z)  # noqa: E731
    x = torch.linspace(-1, 1, 16, dtype=F64)
    r = S.audit(force, x, eps=0.3, lipschitz=L, damping=c)
    assert r.contraction["rho"] == pytest.approx(abs(1 - 0.3 * 2) + 0.3 * 0.8)
    assert r.verdicts[-1]["status"] == "holds" and r.verdicts[-1]["theorem"] == "Contraction.relax_error_geometric"
    loose = S.audit(force, x, eps=0.3, lipschitz=3.0, damping=c)  # rho = 1.3: E3 says nothing
    assert loose.verdicts[-1]["status"] == "not shown" and "not shown" in loose.verdicts[-1]["statement"]
    assert S.exit_code(loose) == 0


def test_a_record_is_json_and_lists_both_deciding_modes():
    force, x, lam = linear(INTERIOR)
    rec = json.loads(json.dumps(S.record(S.audit(force, x, eps=0.1))))
    assert rec["kind"] == "stability-audit" and rec["status"] == "holds"
    assert rec["modes"][0]["eps_crit"] == rec["eps_crit"] and rec["modes"][0]["decides"] == "eps_crit"
    assert rec["modes"][1]["multiplier"] == rec["worst_multiplier"]
    assert rec["eps_crit_mode"]["eps_crit"] == rec["eps_crit"]


def test_float32_block_is_audited_in_its_dtype():
    torch.manual_seed(0)
    lin = torch.nn.Linear(8, 8)
    force = lambda z, x: x - 2 * z + 0.5 * torch.tanh(lin(z))  # noqa: E731
    x = torch.randn(8)
    r = S.audit(force, x, eps=0.1)
    assert r.dtype == "float32" and r.fixed_point["tolerance"] > S.RESIDUAL_TOL
    assert r.status == "holds" and r.eps_crit > 0.1


BLOCKS = """
import torch
A = torch.diag(torch.tensor([-1.0, -2.0, -30.0], dtype=torch.float64))
def good():
    return (lambda z, x: x + A @ z), torch.ones(3, dtype=torch.float64)
def wrong_shape():
    return (lambda z, x: torch.cat([z, z])), torch.ones(3, dtype=torch.float64)
def nan():
    return (lambda z, x: z * float("nan")), torch.ones(3, dtype=torch.float64)
def diverges():
    return (lambda z, x: x + z * z), torch.ones(3, dtype=torch.float64)  # no zero: z runs off
def constant():
    return (lambda z, x: torch.ones_like(z)), torch.ones(3, dtype=torch.float64)  # F = 1: no zero
def raises():
    raise ValueError("weights file missing")
def not_a_pair():
    return 3
def float32():
    torch.manual_seed(0)
    lin = torch.nn.Linear(6, 6)
    return (lambda z, x: x - 2 * z + 0.5 * torch.tanh(lin(z))), torch.randn(6)
"""


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    (tmp_path / "userblocks.py").write_text(BLOCKS)
    return subprocess.run(
        [sys.executable, "-m", "torchcheck", "stability", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def test_cli_judges_a_user_block(tmp_path):
    ok = _cli(
        tmp_path,
        "userblocks:good",
        "--eps",
        "0.05",
        "--out",
        str(tmp_path / "r.json"),
        "--plot",
        str(tmp_path / "s.png"),
    )
    assert ok.returncode == 0, ok.stderr
    assert "stable at eps = 0.05" in ok.stdout and "suggested eps" in ok.stdout
    assert (tmp_path / "r.json").exists() and (tmp_path / "s.png").stat().st_size > 0
    unstable = _cli(tmp_path, "userblocks:good", "--eps", "0.1")
    assert unstable.returncode == 1
    assert "unstable at eps = 0.1: |1 + eps mu| = 2 > 1 for mu = -30" in unstable.stdout
    assert "FAILS" not in unstable.stdout and "decides eps_crit" in unstable.stdout


def test_cli_accepts_a_file_path_and_audits_float32(tmp_path):
    proc = _cli(tmp_path, "./userblocks.py:float32", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["dtype"] == "float32"


def test_cli_starved_krylov_run_exits_3(tmp_path):
    proc = _cli(tmp_path, "userblocks:good", "--dense-max", "1", "--krylov", "2", "--restarts", "1", "--lanczos", "2")
    assert proc.returncode == 3, (proc.stdout, proc.stderr)
    assert "--krylov or --restarts" in proc.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (("userblocks:missing",), "no callable"),
        (("nosuchmodule:f",), "cannot import"),
        (("./nosuchfile.py:f",), "no such file"),
        (("userblocks:wrong_shape",), "state's shape"),
        (("userblocks:nan",), "NaN"),
        (("userblocks:diverges",), "no fixed point"),
        (("userblocks:constant",), "no fixed point"),
        (("userblocks:raises",), "raised ValueError: weights file missing"),
        (("userblocks:good", "--state-shape", "7"), "the force raised RuntimeError on a state of shape (7,)"),
        (("userblocks:not_a_pair",), "must return (force, x)"),
        (("userblocks:good", "--eps", "-1"), "eps must be"),
        (("userblocks:good", "--lanczos", "1"), "--lanczos"),
        (("userblocks:good", "--state-shape", "a,b"), "--state-shape"),
        (("userblocks:good", "--out", "/nonexistent/dir/r.json"), "does not exist"),
        (("userblocks:good", "--lipschitz", "1"), "both"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(tmp_path, args, message):
    proc = _cli(tmp_path, *args)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert len(proc.stderr.strip().splitlines()) == 1 and message in proc.stderr


DEQ_BLOCK = '''
import math
import torch
from torchdeq import get_deq

def make():
    """A TorchDEQ layer z = tanh(W z + x) whose Jacobian's dominant eigenvalues are a complex pair."""
    torch.manual_seed(0)
    n = 40
    W = torch.randn(n, n, dtype=torch.float64) * 0.3 / math.sqrt(n)
    W[0, 0] += 0.1; W[1, 1] += 0.1; W[0, 1] -= 0.9; W[1, 0] += 0.9
    x = torch.randn(n, dtype=torch.float64) * 0.1
    f = lambda z: torch.tanh(z @ W.T + x)
    deq = get_deq(f_solver="anderson", f_max_iter=100, f_tol=1e-10)
    return deq, f, torch.zeros(1, n, dtype=torch.float64)
'''


def test_a_torchdeq_layer_is_audited_and_its_power_method_is_checked(tmp_path):
    pytest.importorskip("torchdeq", reason="torchdeq not installed: pip install 'phi-claims[torchdeq]'")
    from torchcheck.audits.torchdeq import audit_deq

    ns: dict = {}
    exec(DEQ_BLOCK, ns)
    deq, f, z0 = ns["make"]()
    report, section = audit_deq(deq, f, z0, eps=1.0)
    # independently: the dense Jacobian of f at z* (torch.autograd.functional) and its spectral radius
    from torch.autograd.functional import jacobian

    from torchcheck.audits.torchdeq import solve

    zs, _ = solve(deq, f, z0)
    Jf = jacobian(lambda v: f(v.reshape(zs.shape)).reshape(-1), zs.reshape(-1))
    lam = torch.linalg.eigvals(Jf)
    rho = float(lam.abs().max())
    assert report.worst_multiplier == pytest.approx(rho, rel=1e-6)
    lead = lam[int(lam.abs().argmax())]
    assert abs(float(lead.imag)) > 0.5  # a complex dominant pair
    assert section["dominant_mode"]["complex"] is True
    pm = section["power_method"]
    assert (
        pm["agrees"] is False and pm["relative_error"] > 0.5 and pm["spectral_radius"] == pytest.approx(rho, rel=1e-6)
    )
    # TorchDEQ's solver stopped at its iteration cap short of its own tolerance
    assert section["solver"]["relative_residual"] > 1e-10
    (tmp_path / "deqblock.py").write_text(DEQ_BLOCK)
    proc = subprocess.run(
        [sys.executable, "-m", "torchcheck", "stability", "deqblock:make", "--eps", "1"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    assert "TorchDEQ power_method" in proc.stdout and "differs from" in proc.stdout and "complex pair" in proc.stdout
