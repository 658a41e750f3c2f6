"""Properties of the reference layers (claims R1-R3, V1, V2, S3, S5, S7, S8), on CPU."""

from __future__ import annotations

import cmath
import hashlib
import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from torchcheck.framework import InputError, RunContext, run_check
from torchcheck.models import layers as L

PHI = (1 + math.sqrt(5)) / 2
finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False, width=64)
FAST = settings(max_examples=60, deadline=None)


def test_certified_phi_and_integer_constants():
    assert L.certified_phi() == PHI
    assert L.ut_loop_count() == 4
    assert {d: L.phinta_rank(d) for d in (64, 128, 256, 512, 768, 1024)} == {
        64: 40,
        128: 79,
        256: 158,
        512: 316,
        768: 475,
        1024: 633,
    }


@given(st.integers(min_value=1, max_value=100_000))
@FAST
def test_phinta_rank_is_nearest_integer(d):
    r = L.phinta_rank(d)
    assert abs(d / PHI - r) < 0.5
    assert r == round(d / PHI)


def test_phinta_counts_and_published_ratio():
    nta = L.PhiNTA(64)
    assert nta.rank == 40
    assert nta.parameter_counts() == (5120, 4096)
    assert f"{1664 / 4096:.3f}" == "0.406" and 1664 / (2 * 64) == 13  # published counts mean rank 13
    x = torch.randn(5, 64)
    assert torch.equal(nta(x), x)  # B = 0 at start: the adapter is the identity
    assert torch.allclose(
        nta.basis.double() @ nta.basis.double().T * PHI**2, torch.eye(64, dtype=torch.float64), atol=1e-5
    )


def test_universal_loop_applies_block_four_times():
    lin = torch.nn.Linear(3, 3, bias=False)
    torch.nn.init.eye_(lin.weight)
    with torch.no_grad():
        lin.weight.mul_(2.0)
    y = L.UniversalLoop(lin)(torch.ones(1, 3))
    assert torch.allclose(y, torch.full((1, 3), 16.0))


# ---------------------------------------------------------------- R1
@given(st.floats(min_value=0, max_value=1e6), st.floats(min_value=0, max_value=1e6))
@FAST
def test_damping_in_unit_interval_and_decreasing(a, b):
    k = torch.tensor([a, b], dtype=torch.float64)
    r = L.resolvent_damping(k * k, PHI)
    assert bool(((r > 0) & (r <= 1)).all())
    if a < b and a * a < b * b:
        assert r[0] >= r[1]
    if a == 0:
        assert r[0] == 1
    elif a >= 1e-7:  # phi a^2 above the float64 rounding of 1 + phi a^2
        assert r[0] < 1


def test_damping_range_on_fftfreq_grid():
    for n in (1, 2, 7, 8, 255, 256):
        k = torch.fft.fftfreq(n, d=1.0, dtype=torch.float64)
        r = L.resolvent_damping(k * k, PHI)
        lo = 4 / (4 + PHI)
        assert r.min().item() >= lo - 1e-15
        if n % 2 == 0:
            assert abs(r.min().item() - lo) < 1e-15  # Nyquist k = -1/2 present for even n
        else:
            assert r.min().item() > lo


# ---------------------------------------------------------------- R2
def _dft_penalty(x: list[list[float]], lam: float) -> float:
    """Independent reference: explicit O(n^2) DFT of each row, complex arithmetic in Python."""
    total, count = 0.0, 0
    for row in x:
        n = len(row)
        for j in range(n):
            X = sum(row[t] * cmath.exp(-2j * math.pi * j * t / n) for t in range(n))
            k = j / n if j < (n + 1) // 2 else (j - n) / n
            r = 1 / (1 + PHI * k * k)
            total += abs(X - r * X) ** 2
            count += 1
    return lam * total / count


@given(st.lists(st.lists(finite, min_size=5, max_size=5), min_size=1, max_size=4))
@FAST
def test_penalty_matches_explicit_dft(rows):
    x = torch.tensor(rows, dtype=torch.float64)
    got = L.phi_resolvent_penalty(x, PHI, 1e-4).item()
    want = _dft_penalty(rows, 1e-4)
    assert got == pytest.approx(want, rel=1e-9, abs=1e-18)


@given(st.lists(finite, min_size=2, max_size=64), st.floats(min_value=1e-6, max_value=10))
@FAST
def test_penalty_bounds_and_parseval_1d(vals, lam):
    x = torch.tensor([vals], dtype=torch.float64)
    n = len(vals)
    reg = L.phi_resolvent_penalty(x, PHI, lam).item()
    X = torch.fft.fft(x)
    spec = (X.abs() ** 2).mean().item()
    sig = (x**2).mean().item()
    assert spec == pytest.approx(n * sig, rel=1e-9, abs=1e-12)  # Parseval
    c_max = (PHI / (4 + PHI)) ** 2
    assert 0 <= reg <= lam * c_max * spec * (1 + 1e-12) + 1e-300
    assert reg <= lam * n * sig * (1 + 1e-12) + 1e-300


@given(st.floats(min_value=-100, max_value=100), st.integers(min_value=1, max_value=32))
@FAST
def test_constant_signal_is_not_penalised(c, n):
    x = torch.full((2, n), c, dtype=torch.float64)
    assert L.phi_resolvent_penalty(x, PHI, 1e-4).item() <= 1e-20 * max(1.0, c * c)


def test_lowest_frequency_is_penalised_too():
    n = 64
    t = torch.arange(n, dtype=torch.float64)
    x = torch.cos(2 * math.pi * t / n).unsqueeze(0)
    assert L.phi_resolvent_penalty(x, PHI, 1e-4).item() > 0


@given(
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=0, max_value=10_000),
)
@FAST
def test_2d_penalty_uses_both_axes(h, w, seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(2, 1, h, w, generator=g, dtype=torch.float64)
    X = torch.fft.fft2(x)
    ky = torch.fft.fftfreq(h, dtype=torch.float64).view(h, 1)
    kx = torch.fft.fftfreq(w, dtype=torch.float64).view(1, w)
    r = 1 / (1 + PHI * (ky**2 + kx**2))
    want = 1e-4 * ((1 - r) ** 2 * X.abs() ** 2).mean().item()
    assert L.phi_resolvent_penalty(x, PHI, 1e-4).item() == pytest.approx(want, rel=1e-12, abs=1e-300)
    c_max = (PHI / (2 + PHI)) ** 2
    assert c_max == pytest.approx(0.2, rel=1e-15)  # phi/(2+phi) = 1/sqrt 5


def test_regularizer_module_defaults_and_gradient():
    reg = L.PhiResolventRegularizer()
    assert reg.phi == PHI and reg.lambda_reg == 1e-4 and reg.d == 1.0
    x = torch.randn(4, 32, requires_grad=True)
    reg(x).backward()
    assert torch.isfinite(x.grad).all() and x.grad.abs().sum() > 0


# ---------------------------------------------------------------- V1, V2
prob_rows = st.lists(st.floats(min_value=0, max_value=1), min_size=2, max_size=12).filter(lambda v: sum(v) > 1e-3)


@given(st.lists(prob_rows, min_size=1, max_size=4).filter(lambda rows: len({len(r) for r in rows}) == 1))
@FAST
def test_vdi_in_unit_interval(rows):
    A = torch.tensor(rows, dtype=torch.float64)
    A = A / A.sum(-1, keepdim=True)
    v = L.vdi_rows(A)
    assert bool(((v >= 0) & (v <= 1 + 1e-12)).all())
    perm = torch.randperm(A.shape[-1])
    assert torch.allclose(L.vdi_rows(A[:, perm]), v, atol=1e-12)


@given(st.integers(min_value=2, max_value=40), st.integers(min_value=0, max_value=39))
@FAST
def test_vdi_equality_cases(n, j):
    uni = torch.full((1, n), 1.0 / n, dtype=torch.float64)
    assert L.vdi(uni).item() == pytest.approx(1.0, abs=1e-12)
    one = torch.zeros(1, n, dtype=torch.float64)
    one[0, j % n] = 1.0
    assert L.vdi(one).item() == 0.0


def test_uniform_causal_vdi_closed_form():
    v = L.uniform_causal_vdi(6)
    assert v == pytest.approx(math.log(720) / (6 * math.log(6)), rel=1e-15)
    assert f"{v:.6f}" == "0.611992"
    cu = torch.ones(6, 6, dtype=torch.float64).tril()
    cu = cu / cu.sum(-1, keepdim=True)
    assert L.vdi(cu, causal=True).item() == pytest.approx(v, rel=1e-14)
    assert L.vdi(cu, causal=True, h_max="allowed").item() == pytest.approx(1.0, rel=1e-14)
    rows = L.vdi_rows(cu, causal=True, h_max="allowed")
    assert math.isnan(rows[0].item())  # one allowed key: H_max = 0, undefined
    assert [round(L.uniform_causal_vdi(t), 6) for t in (5, 6, 7)] != [0.611992] * 3


@given(
    st.integers(min_value=2, max_value=12),
    st.floats(min_value=0.01, max_value=100),
    st.integers(min_value=0, max_value=10_000),
)
@FAST
def test_causal_vdi_with_fixed_hmax_never_exceeds_uniform(T, temp, seed):
    g = torch.Generator().manual_seed(seed)
    scores = torch.randn(3, T, T, generator=g, dtype=torch.float64) / temp
    mask = torch.ones(T, T, dtype=torch.bool).tril()
    A = torch.softmax(scores.masked_fill(~mask, float("-inf")), -1)
    assert bool((L.vdi(A, causal=True) <= L.uniform_causal_vdi(T) + 1e-12).all())


def test_vdi_causal_rectangular_alignment():
    # 2 queries over 4 keys: queries see keys 0..2 and 0..3.
    A = torch.tensor([[1 / 3, 1 / 3, 1 / 3, 0.0], [0.25, 0.25, 0.25, 0.25]], dtype=torch.float64)
    v = L.vdi_rows(A, causal=True, h_max="allowed")
    assert torch.allclose(v, torch.ones(2, dtype=torch.float64))


# ---------------------------------------------------------------- S7
@given(st.integers(min_value=3, max_value=12), st.integers(min_value=0, max_value=10_000), st.data())
@FAST
def test_jepa_identity_and_range(T, seed, data):
    a = data.draw(st.integers(min_value=1, max_value=T - 1))
    b = data.draw(st.integers(min_value=a, max_value=T - 1))
    if (a, b) == (1, T - 1):
        b = T - 2 if T - 2 >= a else b
    if (a, b) == (1, T - 1):
        return  # T = 3, a = 1, b = 2: the context is zero; covered by the bad-input test
    h = torch.randn(3, T, 5, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)
    c, p = L.jepa_vectors(h, a, b)
    assert torch.allclose(c + p, h[:, T - 1] - h[:, 0], atol=1e-12)
    loss = L.jepa_loss(h, a, b, reduce=False)
    assert bool(((loss >= 0) & (loss <= 2)).all())
    assert torch.allclose(L.jepa_loss(h * 3.5, a, b, reduce=False), loss, atol=1e-12)


def test_jepa_loss_attains_0_and_2():
    v = torch.randn(4, dtype=torch.float64)
    h = torch.zeros(1, 6, 4, dtype=torch.float64)
    h[:, 2:] = v
    h[:, 5] = 2 * v
    assert L.jepa_loss(h, 2, 2).item() == pytest.approx(0.0, abs=1e-15)
    h[:, 5] = 0
    assert L.jepa_loss(h, 2, 2).item() == pytest.approx(2.0, abs=1e-15)


# ---------------------------------------------------------------- bad input
BAD = {
    "empty": lambda: L.phi_resolvent_penalty(torch.empty(0)),
    "nan": lambda: L.phi_resolvent_penalty(torch.tensor([1.0, float("nan")])),
    "inf": lambda: L.PhiResolventRegularizer()(torch.tensor([[float("inf"), 1.0]])),
    "phi zero": lambda: L.PhiResolventRegularizer(phi=0),
    "lambda negative": lambda: L.PhiResolventRegularizer(lambda_reg=-1.0),
    "d zero": lambda: L.PhiResolventRegularizer(d=0.0),
    "bad axis": lambda: L.phi_resolvent_penalty(torch.ones(3), dims=(1,)),
    "negative k2": lambda: L.resolvent_damping(torch.tensor([-1.0])),
    "vdi not normalised": lambda: L.vdi(torch.tensor([[0.2, 0.2]])),
    "vdi negative": lambda: L.vdi(torch.tensor([[1.2, -0.2]])),
    "vdi empty": lambda: L.vdi(torch.empty(0, 3)),
    "vdi nan": lambda: L.vdi(torch.tensor([[float("nan"), 1.0]])),
    "vdi 1-D": lambda: L.vdi(torch.tensor([0.5, 0.5])),
    "vdi causal leak": lambda: L.vdi(torch.full((2, 2), 0.5), causal=True),
    "vdi bad h_max": lambda: L.vdi(torch.full((2, 2), 0.5), h_max="rows"),
    "uniform causal t=1": lambda: L.uniform_causal_vdi(1),
    "cosine zero": lambda: L.cosine(torch.zeros(3), torch.ones(3)),
    "jepa zero context": lambda: L.jepa_loss(torch.randn(1, 6, 3), 1, 5),
    "jepa bad span": lambda: L.jepa_loss(torch.randn(1, 6, 3), 4, 2),
    "jepa 1-D": lambda: L.jepa_loss(torch.randn(6), 1, 2),
    "phinta width": lambda: L.phinta_rank(-3),
    "phinta rank": lambda: L.PhiNTA(8, rank=-1),
    "phinta shape": lambda: L.PhiNTA(8)(torch.randn(2, 7)),
    "ut loops": lambda: L.UniversalLoop(torch.nn.Identity(), loops=0),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_raises_one_clear_error(name):
    with pytest.raises(InputError) as info:
        BAD[name]()
    msg = str(info.value)
    assert msg and "\n" not in msg


# ---------------------------------------------------------------- the published sketch (R3)
def test_published_sketch_embedded_copy_and_extraction():
    from torchcheck.models import published_sketch as P

    code, source = P.load_sketch()
    assert hashlib.sha256(code.encode()).hexdigest() == P.EMBEDDED_SHA256
    assert "DIFFERS" not in source
    assert P.BROKEN in code and code.count("\u00a0") > 0
    with pytest.raises(ValueError):
        P.extract("no sketch here")


def test_layer_checks_pass_at_small_size():
    from torchcheck.checks.layers import CHECKS

    ctx = RunContext(device=torch.device("cpu"), size="small", progress=False)
    ids = [c.id for c in CHECKS]
    assert "layers-published-sketch" in ids and len(ids) == len(set(ids))
    assert all(i.startswith("layers-") for i in ids)
    results = {c.id: run_check(c, ctx) for c in CHECKS}
    failed = {i: r.error for i, r in results.items() if not r.passed}
    assert not failed, failed
    sketch = results["layers-published-sketch"].measured
    assert sketch["runs_as_written"] is False
    assert sketch["after_repair_error"] == "NameError: name 'dataloader' is not defined"
