"""The Lean 4 mirror in lean/: registry twins exist, no escape hatches, the build configuration is
consistent, and a Python mirror of the Lean definitions checks their intended meaning.

Nothing here compiles Lean: ``make prove`` runs ``lake build`` when a toolchain exists. These tests
check what can be checked without one: that the registry and the sources agree, and that the
definitions and statements written in Lean, read back from the source text and evaluated in
Python, mean what their comments say (the golden ring multiplies like the reals a + b*phi, the
rounding predicate rounds, the Euler statements hold on random integers and rationals).
"""

from __future__ import annotations

import functools
import re
from fractions import Fraction
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NamedTuple

import mpmath
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pynum.ledger import BY_ID
from pynum.ledger.lean_twins import LEAN_NAMESPACE, LEAN_ROOT, LEAN_TWINS, lean_theorems

ROOT = Path(__file__).resolve().parent.parent
LEAN_DIR = ROOT / LEAN_ROOT
FORBIDDEN = re.compile(r"sorry|admit|axiom|native_decide|implemented_by|unsafe|skipKernelTC", re.I)
MPMATH_DPS = 60
mpmath.mp.dps = MPMATH_DPS
SQRT5 = mpmath.sqrt(5)
PHI = (1 + SQRT5) / 2


# --------------------------------------------------------------------------- reading the sources


class LeanTheorem(NamedTuple):
    name: str  # fully qualified
    file: Path
    doc: str  # the doc comment right above it ('' if none)
    signature: str  # text after the name up to the first ':='


def lean_files() -> list[Path]:
    return sorted(LEAN_DIR.rglob("*.lean"))


def parse_theorems() -> dict[str, LeanTheorem]:
    """Every `theorem` in lean/, keyed by its namespace-qualified name."""
    found: dict[str, LeanTheorem] = {}
    for path in lean_files():
        text = path.read_text()
        stack: list[str] = []
        doc = ""
        lines = text.splitlines(keepends=True)
        i = 0
        while i < len(lines):
            line = lines[i]
            stripped = line.strip()
            if stripped.startswith("/--"):
                block = [line]
                while "-/" not in block[-1] and i + 1 < len(lines):
                    i += 1
                    block.append(lines[i])
                doc = "".join(block)
            elif m := re.match(r"namespace\s+(\S+)", stripped):
                stack.append(m.group(1))
            elif m := re.match(r"end\s+(\S+)", stripped):
                assert stack and stack[-1] == m.group(1), f"{path}: unbalanced 'end {m.group(1)}'"
                stack.pop()
            elif m := re.match(r"theorem\s+(\S+)", stripped):
                rest = "".join(lines[i:])
                body = rest[len(line) - len(line.lstrip()) :]
                signature = body[len("theorem ") + len(m.group(1)) :].split(":=", 1)[0]
                name = ".".join(stack + [m.group(1)])
                assert name not in found, f"duplicate theorem {name}"
                found[name] = LeanTheorem(name, path, doc, signature)
                doc = ""
            elif stripped and not stripped.startswith("--"):
                if re.match(r"(def|abbrev|structure|instance|inductive)\b", stripped):
                    doc = ""
            i += 1
        assert not stack, f"{path}: namespace {stack[-1]} is never closed"
    return found


THEOREMS = parse_theorems()


def split_args(text: str) -> list[str]:
    """Split a Lean application's arguments at top level: `(a + b) 1 (-x)` -> [a + b, 1, -x]."""
    args, i, text = [], 0, text.strip()
    while i < len(text):
        if text[i].isspace():
            i += 1
        elif text[i] == "(":
            depth, j = 0, i
            while True:
                depth += {"(": 1, ")": -1}.get(text[j], 0)
                if depth == 0:
                    break
                j += 1
            args.append(text[i + 1 : j].strip())
            i = j + 1
        else:
            j = i
            while j < len(text) and not text[j].isspace():
                j += 1
            args.append(text[i:j])
            i = j
    return args


def def_body(path: Path, header: str) -> str:
    """The body of the Lean definition starting with `header`, up to the next blank line."""
    text = path.read_text()
    start = text.index(header)
    body = text[start + len(header) :].split("\n\n", 1)[0]
    return " ".join(body.split())


def py_expr(lean: str) -> str:
    """A Lean Int/Prop expression in the fragment used here, as Python."""
    out = lean.strip().replace("≤", "<=").replace("∧", " and ").replace("∨", " or ").replace("¬", " not ")
    out = re.sub(r"(?<![<>=!:])=(?!=)", "==", out)
    if "↔" in out:
        left, right = out.split("↔")
        out = f"(({left}) == ({right}))"
    return out


@functools.cache
def compiled(lean: str):
    return compile(py_expr(lean), "<lean>", "eval")


def evaluate(lean: str, env: dict) -> Any:
    return eval(compiled(lean), {"__builtins__": {}}, env)  # noqa: S307 - fixed source text


# --------------------------------------------------------------------------- registry and sources


def test_every_registered_lean_theorem_exists_in_lean_sources():
    missing = [name for name in lean_theorems() if name not in THEOREMS]
    assert not missing, f"registered in lean_twins but no `theorem` in lean/: {missing}"
    for name in lean_theorems():
        assert name.startswith(LEAN_NAMESPACE + "."), name
        assert f"theorem {name.rsplit('.', 1)[1]}" in THEOREMS[name].file.read_text()


def test_registered_claim_ids_are_ledger_claims():
    assert set(LEAN_TWINS) <= set(BY_ID), set(LEAN_TWINS) - set(BY_ID)
    assert all(twins for twins in LEAN_TWINS.values())


@pytest.mark.parametrize(
    "claim_id,lean,coq", [(cid, lean, coq) for cid, twins in LEAN_TWINS.items() for lean, coq in twins]
)
def test_lean_theorem_comment_names_its_claim_and_coq_twin(claim_id, lean, coq):
    doc = THEOREMS[lean].doc
    assert doc, f"{lean} has no doc comment"
    assert re.search(rf"\b{claim_id}:", doc), f"{lean}: doc comment lacks the claim ID {claim_id}"
    assert f"Coq twin: {coq}" in " ".join(doc.split()), f"{lean}: doc comment lacks 'Coq twin: {coq}'"


def test_every_lean_theorem_is_a_registered_twin_or_a_helper():
    registered = {lean: (cid, coq) for cid, twins in LEAN_TWINS.items() for lean, coq in twins}
    for name, thm in THEOREMS.items():
        assert thm.doc, f"{name} has no doc comment"
        twins = re.findall(r"Coq twin:\s*(\S+?)\.?\s*(?:-/|$)", " ".join(thm.doc.split()))
        if name in registered:
            continue
        assert not twins, f"{name} names a Coq twin but is not in pynum/ledger/lean_twins.py"
        assert thm.doc.lstrip("/- ").startswith("Helper"), f"{name}: neither a twin nor a helper"


@pytest.mark.parametrize("coq", sorted({coq for twins in LEAN_TWINS.values() for _, coq in twins}))
def test_coq_twin_is_a_theorem_of_the_coq_development(coq):
    file, name = coq.split(".")
    path = ROOT / "coq" / f"{file}.v"
    assert path.exists(), f"no coq/{file}.v"
    text = path.read_text()
    if "Placeholder" in text:
        pytest.skip(f"coq/{file}.v is still a placeholder; {name} not yet written")
    assert re.search(rf"\b(Theorem|Lemma|Corollary|Proposition|Fact|Remark)\s+{name}\b", text), (
        f"coq/{file}.v has no theorem {name}"
    )


def test_no_escape_hatches_in_lean_sources():
    for path in lean_files() + [ROOT / "lakefile.lean"]:
        text = path.read_text()
        hit = FORBIDDEN.search(text)
        assert hit is None, f"{path.relative_to(ROOT)}: forbidden '{hit.group(0)}'"


def test_forbidden_pattern_catches_what_it_must():
    for bad in ("by sorry", "axiom foo : False", "by native_decide", "admit", "Sorry"):
        assert FORBIDDEN.search(bad)
    assert FORBIDDEN.search("theorem x : 1 = 1 := by decide") is None


def test_lean_sources_import_only_the_library_itself():
    for path in lean_files():
        for module in re.findall(r"^import\s+(\S+)", path.read_text(), re.M):
            assert module.startswith(LEAN_NAMESPACE + "."), f"{path.name} imports {module}"
            target = LEAN_DIR / (module.replace(".", "/") + ".lean")
            assert target.exists(), f"{path.name}: import {module} has no file {target}"


def test_toolchain_and_lakefile_are_consistent():
    toolchain = (ROOT / "lean-toolchain").read_text().strip()
    assert re.fullmatch(r"leanprover/lean4:v4\.(\d+)\.(\d+)", toolchain), toolchain
    assert int(re.fullmatch(r"leanprover/lean4:v4\.(\d+)\.\d+", toolchain).group(1)) >= 9
    lakefile = (ROOT / "lakefile.lean").read_text()
    assert "import Lake" in lakefile and "require" not in lakefile  # core only, offline
    assert re.search(rf"lean_lib\s+{LEAN_NAMESPACE}\b", lakefile)
    assert re.search(rf'srcDir\s*:=\s*"{LEAN_ROOT}"', lakefile)
    assert f"`{LEAN_NAMESPACE}" in lakefile
    root = LEAN_DIR / f"{LEAN_NAMESPACE}.lean"
    assert root.exists()
    imported = set(re.findall(r"^import\s+(\S+)", root.read_text(), re.M))
    modules = {f"{LEAN_NAMESPACE}." + p.stem for p in (LEAN_DIR / LEAN_NAMESPACE).glob("*.lean")}
    assert modules and modules == imported, f"root imports {imported}, files {modules}"
    assert ".lake/" in (ROOT / ".gitignore").read_text()


# --------------------------------------------------------------------------- the golden ring mirror

GOLDEN = LEAN_DIR / LEAN_NAMESPACE / "Golden.lean"
FIB = LEAN_DIR / LEAN_NAMESPACE / "Fibonacci.lean"
ROUNDING = LEAN_DIR / LEAN_NAMESPACE / "Rounding.lean"


class G(NamedTuple):
    """a + b*phi, the Python twin of the Lean structure `Golden`."""

    a: int
    b: int


@functools.cache
def _golden_args(header: str, path: Path) -> tuple[str, ...]:
    body = def_body(path, header)
    assert body.startswith("Golden.mk "), body
    args = split_args(body[len("Golden.mk ") :])
    assert len(args) == 2, args
    return tuple(args)


def _golden_value(header: str, path: Path = GOLDEN, **env) -> G:
    args = _golden_args(header, path)
    ns = {k: (SimpleNamespace(a=v.a, b=v.b) if isinstance(v, G) else v) for k, v in env.items()}
    return G(*(int(evaluate(arg, ns)) for arg in args))


def g_add(x: G, y: G) -> G:
    return _golden_value("def add (x y : Golden) : Golden :=", x=x, y=y)


def g_sub(x: G, y: G) -> G:
    return _golden_value("def sub (x y : Golden) : Golden :=", x=x, y=y)


def g_mul(x: G, y: G) -> G:
    return _golden_value("def mul (x y : Golden) : Golden :=", x=x, y=y)


def g_smul(c: int, x: G) -> G:
    return _golden_value("def smul (c : Int) (x : Golden) : Golden :=", c=c, x=x)


def g_of_int(n: int) -> G:
    return _golden_value("def ofInt (n : Int) : Golden :=", n=n)


ONE = _golden_value("def one : Golden :=")
PHI_G = _golden_value("def phi : Golden :=")
PHI_INV_G = _golden_value("def phiInv : Golden :=")
PSI_G = _golden_value("def psi : Golden :=", path=FIB)


def g_pow(x: G, n: int) -> G:
    """pow x 0 = one, pow x (n+1) = mul (pow x n) x, as in Golden.lean."""
    out = ONE
    for _ in range(n):
        out = g_mul(out, x)
    return out


def value(x: G) -> mpmath.mpf:
    return x.a + x.b * PHI


def test_mirror_reads_the_lean_definitions():
    text = GOLDEN.read_text()
    assert "| 0 => one" in text and "| n + 1 => mul (pow x n) x" in text
    assert (ONE, PHI_G, PHI_INV_G, PSI_G) == (G(1, 0), G(0, 1), G(-1, 1), G(1, -1))
    assert g_mul(G(2, 3), G(5, 7)) == G(2 * 5 + 3 * 7, 2 * 7 + 3 * 5 + 3 * 7)


def test_constants_mean_phi_its_inverse_and_psi():
    assert mpmath.almosteq(value(PHI_G), mpmath.mpf("1.6180339887498948482045868343656"), 1e-30)
    assert mpmath.almosteq(value(PHI_INV_G), 1 / PHI, 1e-50)
    assert mpmath.almosteq(value(PSI_G), (1 - SQRT5) / 2, 1e-50)
    assert value(ONE) == 1
    assert not mpmath.almosteq(value(G(-1, 2)), 1 / PHI, 1e-10)  # the check can fail


INTS = st.integers(min_value=-(10**6), max_value=10**6)
GOLDENS = st.builds(G, INTS, INTS)


@settings(max_examples=150, deadline=None)
@given(GOLDENS, GOLDENS, INTS)
def test_ring_operations_are_those_of_the_reals(x, y, c):
    scale = 1 + abs(value(x)) * abs(value(y)) + abs(value(x)) + abs(value(y))
    assert abs(value(g_mul(x, y)) - value(x) * value(y)) <= mpmath.mpf(10) ** -40 * scale
    assert abs(value(g_add(x, y)) - (value(x) + value(y))) <= mpmath.mpf(10) ** -40 * scale
    assert abs(value(g_sub(x, y)) - (value(x) - value(y))) <= mpmath.mpf(10) ** -40 * scale
    assert abs(value(g_smul(c, x)) - c * value(x)) <= mpmath.mpf(10) ** -40 * scale * (1 + abs(c))
    assert g_mul(x, y) == g_mul(y, x)
    assert g_of_int(c) == G(c, 0)


@settings(max_examples=60, deadline=None)
@given(st.builds(G, st.integers(-50, 50), st.integers(-50, 50)), st.integers(0, 12))
def test_pow_is_the_real_power(x, n):
    v = value(x)
    assert abs(value(g_pow(x, n)) - v**n) <= mpmath.mpf(10) ** -35 * (1 + abs(v)) ** n


def test_decided_identities_hold_in_the_mirror():
    """The statements Lean closes by `decide`, evaluated with the same definitions."""
    assert g_pow(PHI_G, 2) == g_add(PHI_G, ONE)  # W1
    assert g_mul(PHI_G, PHI_INV_G) == ONE  # W4
    assert g_mul(PHI_G, g_sub(PHI_G, ONE)) == ONE  # W4
    assert g_pow(PHI_INV_G, 2) == G(2, -1)
    assert g_add(g_pow(PHI_G, 2), g_pow(PHI_INV_G, 2)) == g_of_int(3)  # S1
    assert g_pow(PHI_G, 3) == G(1, 2)  # S3
    assert g_pow(PHI_INV_G, 3) == g_sub(g_smul(2, PHI_G), g_of_int(3))  # S2
    alpha_twice = g_pow(PHI_INV_G, 3)
    assert alpha_twice == G(-3, 2)
    assert g_mul(alpha_twice, g_pow(PHI_G, 3)) == ONE  # S2
    assert f"{float(value(alpha_twice) / 2):.6f}" == "0.118034"  # published
    assert mpmath.almosteq(value(alpha_twice) / 2, (SQRT5 - 2) / 2, 1e-50)
    assert mpmath.almosteq(value(G(1, 2)), 2 + SQRT5, 1e-50)
    assert g_pow(PHI_G, 2) != g_add(PHI_G, g_of_int(2))  # can fail


def test_phi_has_exactly_one_inverse_among_small_elements():
    inverses = [G(a, b) for a in range(-20, 21) for b in range(-20, 21) if g_mul(PHI_G, G(a, b)) == ONE]
    assert inverses == [g_sub(PHI_G, ONE)]


# --------------------------------------------------------------------------- Fibonacci and Lucas


def fib(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def lucas(n: int) -> int:
    a, b = 2, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def test_fib_and_lucas_definitions_are_the_ones_mirrored():
    text = FIB.read_text()
    assert "| n + 2 => fib n + fib (n + 1)" in text and "| 0 => 0" in text and "| 1 => 1" in text
    assert "| n + 2 => lucas n + lucas (n + 1)" in text and "| 0 => 2" in text


def test_fibonacci_seeds_match_the_published_list():
    published = [int(v) for v in re.findall(r"\d{4,5}", BY_ID["S6"].published)]
    assert published == [1597, 2584, 4181, 6765, 10946]
    assert [fib(n) for n in range(17, 22)] == published
    stated = THEOREMS["PhiLean.fib_17_to_21"].signature
    assert [int(v) for v in re.findall(r"= (\d+)", stated)] == published
    assert [int(v) for v in re.findall(r"fib (\d+) =", stated)] == list(range(17, 22))


def test_powers_of_phi_and_psi_and_the_lucas_identity():
    for n in range(0, 90):
        assert g_pow(PHI_G, n + 1) == G(fib(n), fib(n + 1))
        assert g_pow(PSI_G, n + 1) == G(fib(n + 2), -fib(n + 1))
        assert g_add(g_pow(PHI_G, n), g_pow(PSI_G, n)) == g_of_int(lucas(n))
        assert lucas(n + 1) == fib(n) + fib(n + 2)
    for n in range(1, 40):
        assert mpmath.almosteq(PHI**n, fib(n) * PHI + fib(n - 1), 1e-40)
        assert mpmath.almosteq(PHI**n + ((1 - SQRT5) / 2) ** n, lucas(n), 1e-40)


# --------------------------------------------------------------------------- rounding through squares


@functools.cache
def _prop_def(header: str) -> tuple[list[str], str]:
    m = re.search(rf"def {header} \(([^)]*)\) : Prop :=\s*(.+?)\n\n", ROUNDING.read_text(), re.S)
    assert m, header
    names = m.group(1).split(":")[0].split()
    return names, " ".join(m.group(2).split())


def le_sqrt(c: int, m: int) -> bool:
    names, body = _prop_def("LeSqrt")
    return bool(evaluate(body, dict(zip(names, (c, m)))))


def sqrt_lt(m: int, c: int) -> bool:
    names, body = _prop_def("SqrtLt")
    return bool(evaluate(body, dict(zip(names, (m, c)))))


@functools.cache
def _rounds_to_parts() -> tuple[tuple[str, ...], ...]:
    m = re.search(r"def RoundsTo \(x : Golden\) \(n : Int\) : Prop :=\s*(.+?)\n\n", ROUNDING.read_text(), re.S)
    assert m
    return tuple(tuple(split_args(part)) for part in " ".join(m.group(1).split()).split("∧"))


def rounds_to(x: G, n: int) -> bool:
    env = {"x": SimpleNamespace(a=x.a, b=x.b), "n": n}
    result = True
    for fn, *args in _rounds_to_parts():
        vals = [int(evaluate(arg, env)) for arg in args]
        result = result and {"LeSqrt": le_sqrt, "SqrtLt": sqrt_lt}[fn](*vals)
    return result


def test_le_sqrt_and_sqrt_lt_mean_comparisons_with_the_root():
    for m in range(0, 120):
        root = mpmath.sqrt(m)
        for c in range(-15, 16):
            assert le_sqrt(c, m) == (c <= root)
            assert sqrt_lt(m, c) == (root < c)


@settings(max_examples=200, deadline=None)
@given(st.integers(-(10**5), 10**5), st.integers(0, 10**5))
def test_rounds_to_is_round_half_up(a, b):
    x = G(a, b)
    n0 = int(mpmath.floor(value(x) + mpmath.mpf(1) / 2))
    assert rounds_to(x, n0)
    assert not rounds_to(x, n0 - 1) and not rounds_to(x, n0 + 1)


def test_phi_cube_rounds_to_4_and_only_to_4():
    cube = g_pow(PHI_G, 3)
    assert [n for n in range(-20, 30) if rounds_to(cube, n)] == [4]
    assert round(float(value(cube))) == 4
    assert le_sqrt(3, 20) and sqrt_lt(20, 5)  # 2.25 <= 5 < 6.25
    assert not sqrt_lt(20, 4)  # 4 < sqrt 20: the bound is not loose


# --------------------------------------------------------------------------- Euler statements


def statement(name: str) -> tuple[list[str], list[str], str]:
    """(integer variables, hypotheses, conclusion) of an Int-only Lean theorem."""
    sig = THEOREMS[f"{LEAN_NAMESPACE}.{name}"].signature
    variables, hyps, i = [], [], 0
    while True:
        while sig[i].isspace():
            i += 1
        if sig[i] not in "({":
            break
        close = {"(": ")", "{": "}"}[sig[i]]
        j = sig.index(close, i)
        names, typ = sig[i + 1 : j].split(":", 1)
        if typ.strip() == "Int":
            variables += names.split()
        else:
            hyps.append(typ.strip())
        i = j + 1
    assert sig[i] == ":", sig
    return variables, hyps, " ".join(sig[i + 1 :].split())


INT_THEOREMS = [
    "sq_add",
    "mul_self_mul_self",
    "int_mul_self_nonneg",
    "mul_neg_iff_of_pos",
    "mul_pos_iff_of_pos",
    "euler_identity",
    "euler_scaled",
    "euler_multiplier_lt_one_iff",
    "euler_multiplier_lt_one_iff_rat",
    "euler_unstable_if_re_nonneg",
    "backward_euler_contracts_iff",
    "backward_euler_stable_re_neg",
    "rho_lt_one_iff_scaled",
    "rho_lt_one_iff_rat",
]
CONTRACTION = LEAN_DIR / LEAN_NAMESPACE / "Contraction.lean"


@functools.cache
def _iabs_parts() -> tuple[str, str, str]:
    body = def_body(CONTRACTION, "def iabs (z : Int) : Int :=")
    m = re.fullmatch(r"if (.+) then (.+) else (.+)", body)
    assert m, body
    cond, then, other = m.groups()
    return cond, then, other


def iabs(z: int) -> int:
    """The Lean `iabs`, evaluated from its definition's text."""
    cond, then, other = _iabs_parts()
    return evaluate(then if evaluate(cond, {"z": z}) else other, {"z": z})


def test_iabs_is_the_absolute_value():
    assert [iabs(z) for z in range(-5, 6)] == [abs(z) for z in range(-5, 6)]


@pytest.mark.parametrize("name", INT_THEOREMS)
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_int_statements_hold_on_random_integers(name, data):
    variables, hyps, concl = statement(name)
    ranges = {v: (-60, 60) for v in variables}
    for h in hyps:  # sign hypotheses become ranges, the rest are assumed
        if m := re.fullmatch(r"0 < (\w+)", h):
            ranges[m.group(1)] = (1, 60)
        elif m := re.fullmatch(r"0 ≤ (\w+)", h):
            ranges[m.group(1)] = (0, 60)
        elif m := re.fullmatch(r"(\w+) < 0", h):
            ranges[m.group(1)] = (-60, -1)
    env = {v: data.draw(st.integers(*ranges[v]), label=v) for v in variables}
    env["iabs"] = iabs
    assume(all(evaluate(h, env) for h in hyps))
    assert evaluate(concl, env) is True


def test_int_statement_evaluation_can_fail():
    assert evaluate("(1 + e * a) * (1 + e * a) < 1 ↔ e < 0", {"e": 1, "a": 0}) is True
    assert evaluate("e * (a * a) < -2 * a ↔ e < 0", {"e": 1, "a": -1}) is False


@settings(max_examples=150, deadline=None)
@given(
    st.fractions(min_value=Fraction(1, 1000), max_value=10),
    st.fractions(min_value=-10, max_value=10),
    st.fractions(min_value=-10, max_value=10),
)
def test_euler_iff_is_the_stability_of_the_multiplier(eps, a, b):
    """|1 + eps*mu| < 1 for mu = a + ib iff eps (a^2 + b^2) < -2a, exactly over the rationals,
    and the scaled integer statement (common denominators) says the same."""
    stable = (1 + eps * a) ** 2 + (eps * b) ** 2 < 1
    assert stable == (eps * (a * a + b * b) < -2 * a)
    if a * a + b * b > 0:
        assert stable == (a < 0 and eps < -2 * a / (a * a + b * b))
    r = a.denominator * b.denominator
    p, q, x, y = eps.numerator, eps.denominator, int(a * r), int(b * r)
    _, _, concl = statement("euler_multiplier_lt_one_iff_rat")
    left, right = concl.split("↔")
    env = {"p": p, "q": q, "r": r, "x": x, "y": y}
    assert evaluate(left, env) == stable and evaluate(right, env) == stable
    mu = complex(float(a), float(b))
    if abs(abs(1 + float(eps) * mu) - 1) > 1e-9:
        assert (abs(1 + float(eps) * mu) < 1) == stable
    if a >= 0:
        assert not stable
    # backward Euler with step h = eps: |1/(1 - h mu)| < 1 iff 2a < h (a^2 + b^2)
    contracts = (1 - eps * a) ** 2 + (eps * b) ** 2 > 1
    _, _, concl = statement("backward_euler_contracts_iff")
    left, right = concl.split("↔")
    assert contracts == (2 * a < eps * (a * a + b * b))
    if a < 0:
        assert contracts
    if eps.denominator == 1 and r == 1:  # the Lean statement is over the integers
        env = {"h": eps.numerator, "a": int(a), "b": int(b)}
        assert evaluate(left, env) == contracts == evaluate(right, env)
    if abs(abs(1 - float(eps) * mu) - 1) > 1e-9:
        assert (abs(1 / (1 - float(eps) * mu)) < 1) == contracts


@settings(max_examples=150, deadline=None)
@given(
    st.fractions(min_value=Fraction(1, 100), max_value=5),
    st.fractions(min_value=-3, max_value=3),
    st.fractions(min_value=0, max_value=5),
)
def test_rho_iff_is_the_contraction_condition(eps, c, lip):
    """rho = |1 - eps (1 + c)| + eps L < 1 iff L < 1 + c and eps (1 + c + L) < 2, exactly over the
    rationals, and the scaled integer statement (common denominators) says the same."""
    rho = abs(1 - eps * (1 + c)) + eps * lip
    condition = lip < 1 + c and eps * (1 + c + lip) < 2
    assert (rho < 1) == condition
    r = (1 + c).denominator * lip.denominator
    env = {"p": eps.numerator, "q": eps.denominator, "r": r, "K": int((1 + c) * r), "M": int(lip * r), "iabs": iabs}
    _, _, concl = statement("rho_lt_one_iff_rat")
    left, right = concl.split("↔")
    assert evaluate(left, env) == (rho < 1) and evaluate(right, env) == condition


# --------------------------------------------------------------------------- the nudged Jacobian


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 7), st.integers(0, 2**32 - 1))
def test_nudged_jacobian_identity_on_integer_matrices(n, seed):
    rng = np.random.default_rng(seed)
    J = rng.integers(-1000, 1000, size=(n, n))
    two_a = J - J.T  # 2A, with A = (J - J^T)/2
    assert np.array_equal(J - two_a, J.T)
    A = np.array([[Fraction(int(v), 2) for v in row] for row in two_a], dtype=object)
    assert np.array_equal(J - 2 * A, J.T)
    if n > 1 and not np.array_equal(J, J.T):
        assert not np.array_equal(J - A, J.T)  # the factor 2 matters


def test_matrix_definitions_are_the_ones_mirrored():
    text = (LEAN_DIR / LEAN_NAMESPACE / "Matrix.lean").read_text()
    assert "fun i j => M j i" in text and "fun i j => M i j - N i j" in text
    assert "fun i j => c * M i j" in text


# --------------------------------------------------------------------------- never checked unless built


def test_lean_is_unchecked_without_a_toolchain(monkeypatch):
    """Without `lake` on PATH the audit reports Lean as skipped, never as checked."""
    from pynum.audit import proofs

    monkeypatch.setattr(proofs.shutil, "which", lambda name: None)
    status = proofs.lean_status()
    assert status["checked"] is False
    assert "skipped" in status["reason"] and "lake" in status["reason"]
