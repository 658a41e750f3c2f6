"""The equilibrium Coq statements (E1-E11), cross-checked numerically, and their ledger entries.

The Coq files prove the statements; these tests recompute what they state with exact or
high-precision arithmetic, independently of the proofs, so that a statement and the numbers quoted
in the ledger cannot drift apart.
"""

from __future__ import annotations

import itertools
import re
from fractions import Fraction as Q
from pathlib import Path

import mpmath as mp
from hypothesis import given, settings
from hypothesis import strategies as st

from pynum.ledger import BY_ID

ROOT = Path(__file__).resolve().parent.parent
COQ = ROOT / "coq"
FILES = ("EulerStability", "Contraction", "RelaxationIdentities")
E_IDS = tuple(f"E{i}" for i in range(1, 12))
MPMATH_DPS = 40
mp.mp.dps = MPMATH_DPS

small = st.fractions(min_value=-8, max_value=8, max_denominator=64)
pos = st.fractions(min_value=Q(1, 64), max_value=8, max_denominator=64)


# --- the ledger cites what the Coq files state ------------------------------------------------------


def test_ledger_cites_only_theorems_stated_in_the_equilibrium_files():
    sources = {f: (COQ / f"{f}.v").read_text() for f in FILES}
    cited = 0
    for cid in E_IDS:
        for q in BY_ID[cid].evidence.coq:
            f, name = q.split(".")
            assert f in sources, q
            assert re.search(rf"\b(Theorem|Lemma|Corollary)\s+{re.escape(name)}\b", sources[f]), q
            cited += 1
    assert cited >= 50


def test_no_admitted_and_claim_ids_tag_the_theorems():
    for f in FILES:
        text = (COQ / f"{f}.v").read_text()
        assert not re.search(r"\b(Admitted|admit|Axiom|Parameter|Conjecture)\b", text), f
    tags = "".join((COQ / f"{f}.v").read_text() for f in FILES)
    for cid in E_IDS:
        assert re.search(rf"\(\*\*[^*]*\b{cid}\b", tags), cid
    # the names the Lean twins refer to
    assert re.search(r"Theorem euler_multiplier_lt_1_iff\b", (COQ / "EulerStability.v").read_text())
    assert re.search(r"Theorem nudged_jacobian_eq_transpose\b", (COQ / "RelaxationIdentities.v").read_text())


def test_verdicts():
    for cid in ("E1", "E2", "E3", "E4", "E5", "E6", "E7"):
        assert BY_ID[cid].verdict == "proved", cid
    for cid in ("E8", "E9", "E10", "E11"):
        c = BY_ID[cid]
        assert c.verdict == "refuted", cid
        named = re.findall(r"((?:EulerStability|Contraction|RelaxationIdentities)\.\w+)", c.correction)
        assert named and set(named) <= set(c.evidence.coq), cid


# --- E1, E2: the multipliers ----------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(e=pos, a=small, b=small)
def test_explicit_multiplier_iff(e, a, b):
    assert ((1 + e * a) ** 2 + (e * b) ** 2 < 1) == (e * (a * a + b * b) < -2 * a)
    if a < 0:
        assert ((1 + e * a) ** 2 + (e * b) ** 2 < 1) == (e < -2 * a / (a * a + b * b))
    else:
        assert (1 + e * a) ** 2 + (e * b) ** 2 >= 1


@settings(max_examples=300, deadline=None)
@given(h=pos, a=small, b=small)
def test_backward_multiplier_iff(h, a, b):
    d2 = (1 - h * a) ** 2 + (h * b) ** 2  # |1 - h mu|^2
    contracts = d2 != 0 and 1 / d2 < 1
    assert contracts == (2 * a < h * (a * a + b * b))
    if a < 0:
        assert contracts


# --- E3: the exact contraction condition ---------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(c=small, e=pos, L=st.fractions(min_value=0, max_value=8, max_denominator=64))
def test_rho_condition_is_exact(c, e, L):
    rho = abs(1 - e * (1 + c)) + e * L
    assert (rho < 1) == (L < 1 + c and e * (1 + c + L) < 2)
    # the worst L-Lipschitz part G(z) = s L z attains rho on R
    s = 1 if 1 - e * (1 + c) >= 0 else -1
    assert abs(1 - e * (1 + c) + e * s * L) == rho


def test_geometric_bound_on_a_scalar_contraction():
    c, e, L = 1.0, 0.1, 1.5
    rho = abs(1 - e * (1 + c)) + e * L
    G = lambda z: L * mp.sin(z)  # L-Lipschitz
    phi = lambda z: z + e * (0.3 - (1 + c) * z + G(z))
    zs = mp.findroot(lambda z: phi(z) - z, 0.2)
    z = mp.mpf(3)
    for t in range(60):
        assert abs(z - zs) <= rho**t * 3.2
        z = phi(z)


# --- E4: the scalar closed form and its k-derivative ------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(e=st.floats(0.01, 0.5), k=st.floats(0.1, 5.0), T=st.integers(1, 30))
def test_scalar_closed_form_and_k_derivative(e, k, T):
    e, k, zs, z0 = mp.mpf(e), mp.mpf(k), mp.mpf("0.3"), mp.mpf("1.7")

    def zT(kk):
        z = z0
        for _ in range(T):
            z = z + e * (-kk * (z - zs))
        return z

    assert mp.almosteq(zT(k) - zs, (1 - e * k) ** T * (z0 - zs), 1e-30)
    L = lambda z: (z - 2) ** 2
    d = mp.diff(lambda kk: L(zT(kk)), k)
    assert mp.almosteq(d, 2 * (zT(k) - 2) * (-e * T * (1 - e * k) ** (T - 1) * (z0 - zs)), 1e-20)


def test_deadbeat_step_kills_the_k_derivative():
    e, k, T = mp.mpf("0.1"), mp.mpf(10), 3  # eps k = 1, T >= 2

    def zT(kk):
        z = mp.mpf(2)
        for _ in range(T):
            z = z - e * kk * z
        return z

    assert abs(mp.diff(lambda kk: (zT(kk) - 5) ** 2, k)) < mp.mpf(10) ** -25


# --- E5, E6 -----------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.lists(st.fractions(-5, 5, max_denominator=16), min_size=9, max_size=9))
def test_nudged_jacobian_is_the_transpose(xs):
    J = [xs[0:3], xs[3:6], xs[6:9]]
    for i, j in itertools.product(range(3), repeat=2):
        assert J[i][j] - 2 * ((J[i][j] - J[j][i]) / 2) == J[j][i]


@settings(max_examples=40, deadline=None)
@given(
    xs=st.lists(st.fractions(-1, 1, max_denominator=8), min_size=6, max_size=6),
    beta=st.fractions(Q(1, 100), 3, max_denominator=100),
    T=st.integers(0, 8),
)
def test_adjoint_error_is_a_matrix_power_and_radius_free(xs, beta, T):
    M = [[xs[0], xs[1]], [xs[2], xs[3]]]
    l, e = [xs[4], xs[5]], Q(1, 10)
    mv = lambda A, v: [A[0][0] * v[0] + A[0][1] * v[1], A[1][0] * v[0] + A[1][1] * v[1]]
    det = (1 - M[0][0]) * (1 - M[1][1]) - M[0][1] * M[1][0]
    if det == 0:
        return
    # a* solves (I - M) a* = e l
    astar = [
        ((1 - M[1][1]) * e * l[0] + M[0][1] * e * l[1]) / det,
        (M[1][0] * e * l[0] + (1 - M[0][0]) * e * l[1]) / det,
    ]
    a, dm, dp = [Q(0), Q(0)], [Q(0), Q(0)], [Q(0), Q(0)]
    err = [-astar[0], -astar[1]]
    for _ in range(T):
        a = [x + e * y for x, y in zip(mv(M, a), l)]
        dm = [x + e * beta * y for x, y in zip(mv(M, dm), l)]
        dp = [x - e * beta * y for x, y in zip(mv(M, dp), l)]
        err = mv(M, err)
    assert [x - y for x, y in zip(a, astar)] == err
    assert [(x - y) / (2 * beta) for x, y in zip(dm, dp)] == a


# --- E8: the sign average ------------------------------------------------------------------------------


def _avg(n, f):
    vs = list(itertools.product((1, -1), repeat=n))
    return sum(f(v) for v in vs) / Q(len(vs))


@settings(max_examples=40, deadline=None)
@given(m=st.integers(1, 3), n=st.integers(1, 5), data=st.data())
def test_hutchinson_sign_average(m, n, data):
    J = [[data.draw(st.fractions(-4, 4, max_denominator=8)) for _ in range(n)] for _ in range(m)]
    sq = lambda v: sum(sum(J[i][j] * v[j] for j in range(n)) ** 2 for i in range(m))
    frob = sum(x * x for row in J for x in row)
    assert _avg(n, sq) == frob
    assert _avg(n, lambda v: sq(v) / sum(x * x for x in v)) == frob / n


def test_normalised_penalty_witness():
    I2 = lambda v: v[0] ** 2 + v[1] ** 2
    assert _avg(2, lambda v: Q(I2(v)) / (v[0] ** 2 + v[1] ** 2)) == 1


# --- E9, E10, E11: the witnesses ----------------------------------------------------------------------


def test_flip_witnesses():
    z = Q(3)
    for t in range(6):
        assert z == (-1) ** t * 3
        z = z + Q(1, 10) * (-20 * z)
    g = lambda z: z + mp.mpf("0.1") * (-25 * z + z**3)
    s5 = mp.sqrt(5)
    assert mp.almosteq(g(s5), -s5) and mp.almosteq(g(-s5), s5)
    assert abs(mp.diff(g, s5)) < mp.mpf(10) ** -30
    assert mp.almosteq(mp.diff(g, 0), mp.mpf("-1.5"))
    z = s5 + mp.mpf("0.05")  # attracted to the 2-cycle
    for _ in range(40):
        z = g(g(z))
    assert mp.almosteq(z, s5, 1e-30)


def test_fixed_point_does_not_depend_on_the_step():
    z01, z001 = Q(1), Q(1)
    for t in range(30):
        assert abs(z01) == 2**t and z001 == Q(7, 10) ** t
        z01 = z01 + Q(1, 10) * (-30 * z01)
        z001 = z001 + Q(1, 100) * (-30 * z001)
    assert 0 + Q(1, 10) * (-30 * 0) == 0


@settings(max_examples=300, deadline=None)
@given(
    c=st.fractions(0, 3, max_denominator=16),
    Lf=st.fractions(0, Q(99, 100), max_denominator=100),
    r=st.fractions(0, 1, max_denominator=32),
    th=st.floats(0, 6.283),
)
def test_eps_crit_disc_bound(c, Lf, r, th):
    c, L = mp.mpf(c.numerator) / c.denominator, mp.mpf((Lf * (1 + c)).numerator) / (Lf * (1 + c)).denominator
    a = -(1 + c) + L * float(r) * mp.cos(th)
    b = L * float(r) * mp.sin(th)
    eps_crit = -2 * a / (a * a + b * b)
    assert a < 0 and eps_crit >= 2 / (1 + c + L) - mp.mpf(10) ** -12


def test_eps_crit_families_tend_to_zero():
    assert Q(-2) * -30 / (30**2) == Q(1, 15) < Q(1, 10)
    for d in (Q(1, 10), Q(1, 100), Q(1, 1000)):
        assert 2 * d / (d * d + 1) <= 2 * d
