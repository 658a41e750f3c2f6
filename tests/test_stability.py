"""``torchcheck stability``: audits of blocks whose spectrum is known, the seed block, the Krylov
path against the dense one, the contraction bound, and bad input (one line, exit 2)."""
from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest

torch = pytest.importorskip("torch", reason="torch not installed: pip install 'phi-claims[torch]'")

from torchcheck import stability as S  # noqa: E402
from torchcheck.equilibrium import BlockConfig, EqBlock, eps_crit  # noqa: E402
from torchcheck.framework import InputError  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
F64 = torch.float64


def linear(eigs: list[complex | float]) -> tuple:
    """F(z, x) = x + A z with A block-diagonal: real eigenvalues and rotation-scaling pairs."""
    blocks = []
    for e in eigs:
        if isinstance(e, complex):
            blocks.append(torch.tensor([[e.real, -e.imag], [e.imag, e.real]], dtype=F64))
        else:
            blocks.append(torch.tensor([[e]], dtype=F64))
    A = torch.block_diag(*blocks)
    return (lambda z, x: x + A @ z), torch.ones(A.shape[0], dtype=F64), A


def test_eps_crit_and_the_deciding_mode_of_a_known_spectrum():
    force, x, _ = linear([complex(-1, 3), -25.0, -0.5])
    report = S.audit(force, x, eps=0.1)
    # modes: -1 +- 3i gives 2/10; -25 gives 2/25; -0.5 gives 4: the real mode below -2/eps decides
    assert report.method == "dense"
    assert report.eps_crit == pytest.approx(2 / 25, rel=1e-12)
    assert (report.modes[0].mu_re, report.modes[0].mu_im) == pytest.approx((-25.0, 0.0))
    assert report.worst_multiplier == pytest.approx(1.5, rel=1e-12)
    assert report.verdicts[0]["theorem"] == "EulerStability.euler_stable_iff_lt_eps_crit"
    assert report.verdicts[0]["holds"] is False
    assert report.suggested_eps == pytest.approx(S.EPS_MARGIN * 2 / 25)
    assert max(m.residual for m in report.modes) < 1e-12


def test_a_complex_pair_decides_when_it_is_closest_to_the_axis():
    force, x, A = linear([complex(-0.1, 2), -1.0])
    report = S.audit(force, x, z0=-torch.linalg.solve(A, x), eps=0.04)
    assert report.eps_crit == pytest.approx(0.2 / 4.01, rel=1e-12)
    assert abs(report.modes[0].mu_im) == pytest.approx(2.0)
    assert report.verdicts[0]["holds"] is True  # 0.04 < 0.0499


def test_a_growing_mode_means_no_explicit_step_and_checks_backward_euler():
    force, x, A = linear([0.5, -1.0])
    z_star = -torch.linalg.solve(A, x)
    # plain relaxation runs away from z* along the growing mode; Anderson mixing still finds it
    found = S.audit(force, x, eps=0.1)
    assert found.fixed_point["method"].startswith("relaxation with Anderson mixing")
    assert torch.allclose(S.find_fixed_point(force, x, torch.zeros(2, dtype=F64), 0.1)[0], z_star, atol=1e-9)
    report = S.audit(force, x, z0=z_star, eps=0.1)
    assert [v["holds"] for v in found.verdicts] == [v["holds"] for v in report.verdicts]
    assert report.verdicts[0]["theorem"] == "EulerStability.euler_unstable_if_re_nonneg"
    backward = report.verdicts[1]
    assert backward["theorem"] == "EulerStability.backward_euler_contracts_iff"
    assert backward["holds"] is False   # 2 * 0.5 < h * 0.25 needs h > 4
    assert S.audit(force, x, z0=z_star, eps=5.0).verdicts[1]["holds"] is True
    assert report.suggested_eps is None and report.eps_crit == 0.0


def test_krylov_agrees_with_dense_on_the_leading_modes():
    gen = torch.Generator().manual_seed(3)
    n = 120
    A = -2 * torch.eye(n, dtype=F64) + torch.randn(n, n, dtype=F64, generator=gen) / math.sqrt(n)
    force = lambda z, x: x + A @ z  # noqa: E731
    x = torch.ones(n, dtype=F64)
    dense = S.audit(force, x, eps=0.2)
    kry = S.audit(force, x, eps=0.2, dense_max=10, krylov=60, want=4, restarts=40)
    assert kry.method == "krylov" and kry.krylov["matvecs"] > 0
    assert kry.worst_multiplier == pytest.approx(dense.worst_multiplier, rel=1e-8)
    assert max(m.residual for m in kry.modes[:1]) < 1e-6
    assert kry.eps_crit >= dense.eps_crit - 1e-12  # Ritz values give an upper bound


def test_thick_restarts_converge_on_the_seed_blocks_deciding_modes():
    """Matrix-free on the seed block (a small basis, so it must restart) against the dense
    block-triangular spectrum: the same deciding multiplier, residuals near rounding."""
    block = EqBlock(BlockConfig(seq=16, d_model=32, n_heads=2), seed=0)
    x = block.random_input(seed=1)
    dense = S.audit(block.force, x, eps=0.1)
    kry = S.audit(block.force, x, eps=0.1, dense_max=10, krylov=30, want=4, restarts=40)
    assert dense.method == "block-triangular" and kry.method == "krylov"
    assert kry.krylov["restarts"] >= 1 and kry.krylov["kept"] < 30
    assert kry.worst_multiplier == pytest.approx(dense.worst_multiplier, rel=1e-10)
    # the deciding mode to KRYLOV_TOL, the others to KRYLOV_TOL_OTHERS (relative to |1 + eps mu|,
    # and a residual of I + eps J is eps times that of J)
    assert kry.modes[0].residual < 2 * S.KRYLOV_TOL / 0.1
    assert max(m.residual for m in kry.modes) < 2 * S.KRYLOV_TOL_OTHERS / 0.1
    assert kry.fixed_point["residual"] < S.RESIDUAL_TOL


def test_the_seed_block_uses_the_block_triangular_shortcut():
    block = EqBlock(BlockConfig(seq=4, d_model=8, n_heads=2), seed=0)
    x = block.random_input(seed=1)
    report = S.audit(block.force, x, eps=0.1)
    assert report.method == "block-triangular" and report.state_dim == 32
    mu = torch.tensor([complex(m.mu_re, m.mu_im) for m in report.modes], dtype=torch.complex128)
    assert report.eps_crit == pytest.approx(eps_crit(mu), rel=1e-12)
    assert report.fixed_point["residual"] < S.RESIDUAL_TOL


def test_contraction_bound_holds_on_a_lipschitz_block():
    c, L = 1.0, 0.8
    force = lambda z, x: x - (1 + c) * z + L * torch.tanh(z)  # noqa: E731
    x = torch.linspace(-1, 1, 16, dtype=F64)
    report = S.audit(force, x, eps=0.3, lipschitz=L, damping=c)
    con = report.contraction
    assert con["rho"] == pytest.approx(abs(1 - 0.3 * 2) + 0.3 * 0.8)
    assert con["contracts"] and con["within_bound"]
    assert report.verdicts[-1]["theorem"] == "Contraction.relax_error_geometric"


def test_a_record_is_json_and_names_its_kind():
    import json

    force, x, _ = linear([-1.0, -3.0])
    rec = S.record(S.audit(force, x, eps=0.1))
    assert json.loads(json.dumps(rec))["kind"] == "stability-audit"
    assert rec["modes"][0]["multiplier"] == pytest.approx(0.9)


BLOCKS = '''
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
def not_a_pair():
    return 3
'''


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    (tmp_path / "userblocks.py").write_text(BLOCKS)
    return subprocess.run([sys.executable, "-m", "torchcheck", "stability", *args], cwd=tmp_path,
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_cli_judges_a_user_block(tmp_path):
    ok = _cli(tmp_path, "userblocks:good", "--eps", "0.05", "--out", str(tmp_path / "r.json"),
              "--plot", str(tmp_path / "s.png"))
    assert ok.returncode == 0, ok.stderr
    assert "HOLDS" in ok.stdout and (tmp_path / "r.json").exists() and (tmp_path / "s.png").stat().st_size > 0
    unstable = _cli(tmp_path, "userblocks:good", "--eps", "0.1")
    assert unstable.returncode == 1 and "FAILS" in unstable.stdout


@pytest.mark.parametrize("args, message", [
    (("userblocks:missing",), "no callable"),
    (("nosuchmodule:f",), "cannot import"),
    (("userblocks:wrong_shape",), "state's shape"),
    (("userblocks:nan",), "NaN"),
    (("userblocks:diverges",), "did not reach a fixed point"),
    (("userblocks:not_a_pair",), "must return (force, x)"),
    (("userblocks:good", "--eps", "-1"), "eps must be"),
    (("userblocks:good", "--state-shape", "a,b"), "--state-shape"),
    (("userblocks:good", "--out", "/nonexistent/dir/r.json"), "does not exist"),
    (("userblocks:good", "--lipschitz", "1"), "both"),
])
def test_cli_bad_input_is_one_line_and_exit_2(tmp_path, args, message):
    proc = _cli(tmp_path, *args)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert len(proc.stderr.strip().splitlines()) == 1 and message in proc.stderr
