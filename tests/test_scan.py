"""``pynum scan``: verdicts on synthetic files, no false positives, the seed texts and both watkins-nn wheels."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pynum.cli import main as cli_main
from pynum.constants import expr
from pynum.constants.published import judge
from pynum.constants.registry import REGISTRY
from pynum.scan import table as phi_table
from pynum.scan.judge import MIN_DIGITS
from pynum.scan.record import run_scan
from pynum.scan.scanner import Matcher, scan_text

ROOT = Path(__file__).resolve().parent.parent
SEEDS = next(
    (
        p
        for p in [Path(os.environ.get("PHI_SEEDS", "")), ROOT / "shared" / "seeds", ROOT.parent / "shared" / "seeds"]
        if str(p) not in ("", ".") and p.is_dir()
    ),
    None,
)
WHEELS = Path(os.environ.get("PHI_WHEELS", ROOT / ".whl"))
RECORD = ROOT / "results" / "scan-seeds.json"
MATCHER = Matcher(phi_table.select(("phi",)))  # the golden-ratio table: --only phi
FULL = Matcher()


def digits(name: str, n: int) -> str:
    return phi_table.digits(name, n + 10)[: n + 10]


def scan(text: str, python: bool = False) -> list[dict]:
    return scan_text(text, MATCHER, python=python)


def one(text: str, python: bool = False) -> dict:
    rows = scan(text, python)
    assert len(rows) == 1, rows
    return rows[0]


def test_every_verdict_on_synthetic_literals():
    cases = {
        "x = 0.618034\n": ("LAM_STAR", "correctly rounded", None, None),
        "t3 = 1.0241861576172695\n": ("T_STAR3", "truncated", None, None),
        "p = 1.6180339887498949\n": ("PHI", "float64 round-trip", None, None),
        "T_STAR3 = 1.0241861576172697\n": ("T_STAR3", "float64 faithful", None, None),
        "M_PHI = 4.2104143547\n": ("M_PHI", "wrong", 8, "2398"),  # pynum: ignore
        "angle = 137.50776405\n": ("GOLDEN_ANGLE_DEG", "correctly rounded", None, None),
        "deg = 137.5077640\n": ("GOLDEN_ANGLE_DEG", "truncated", None, None),
        "r = 2.399963229728\n": ("GOLDEN_ANGLE_RAD", "truncated", None, None),
        "phi = 1.619\n": ("PHI", "wrong", 4, "8"),  # pynum: ignore
    }
    for text, (name, verdict, k, right) in cases.items():
        m = one(text)
        assert (m["constant"], m["verdict"], m["wrong_from"], m["right_digits"]) == (name, verdict, k, right), text
        assert m["line"] == 1 and m["col"] == text.index(m["literal"]) + 1


def test_literal_forms_and_positions():
    text = (
        "/* golden */ const double g = 1.618034f;\n"
        "$\\varphi \\approx 1.61803$ and sqrt 5 = 2.2360679775e0\n"
        '{"phi": 1.6180339887, "tag": "v1.618033"}\n'
    )
    rows = scan(text)
    got = [(r["line"], r["col"], r["literal"], r["constant"]) for r in rows]
    lines = text.splitlines()
    want = [(1, "1.618034", "PHI"), (2, "1.61803", "PHI"), (2, "2.2360679775e0", "SQRT5"), (3, "1.6180339887", "PHI")]
    assert got == [(ln, lines[ln - 1].index(lit) + 1, lit, name) for ln, lit, name in want]


def test_long_digit_string_wrong_in_the_middle():
    good = phi_table.digits("PHI", 120).replace(".", "")[:100]
    bad = good[:39] + str((int(good[39]) + 1) % 10) + good[40:]
    rows = scan(f'PHI_GOOD = "{good}"\nPHI_BAD = "{bad}"\n')
    assert [r["kind"] for r in rows] == ["digit string"] * 2
    assert rows[0]["verdict"] in ("truncated", "correctly rounded") and rows[0]["significant"] == 100
    assert rows[1]["verdict"] == "wrong" and rows[1]["wrong_from"] == 40 and rows[1]["right_digits"] == good[39:]


def test_ordinary_numbers_are_not_constants():
    text = (
        "lr = 0.618  # learning rate\nx = 1.6\nwidth = 2.4000\nscale = 2.95\nrelease 4.0.0 on 192.168.1.1\n"
        "see arXiv:2512.23675\ny = 0.6180\nratio = 1.62\nmomentum = 0.9, eps = 1e-8, wd = 0.01\n"
        "golden = 1.6\nversion = '1.61803.1'\n"
    )
    assert scan(text) == []


def test_a_naming_word_admits_three_digits():
    assert one("golden = 0.618\n")["constant"] == "LAM_STAR"
    assert one("rate m(phi) ~ 4.21\n")["constant"] == "M_PHI"
    assert one("Setting PHI_LR_SCALE = (alpha / 0.04) ~ 2.95\n")["constant"] == "PHI_LR_SCALE"


@settings(max_examples=200, deadline=None)
@given(x=st.floats(1e-6, 1e6, allow_nan=False), places=st.integers(1, 12))
def test_unnamed_literals_match_only_with_five_agreeing_digits(x, places):
    rows = scan(f"value = {x:.{places}f}  # measured\n")
    assert all(
        r["agreeing"] >= MIN_DIGITS or r["verdict"] == "correctly rounded" and r["significant"] >= MIN_DIGITS
        for r in rows
    )


@settings(max_examples=60, deadline=None)
@given(q=st.sampled_from(phi_table.TABLE), n=st.integers(5, 60))
def test_every_table_quantity_rounded_to_n_digits_is_found_correct(q, n):
    from decimal import Decimal, localcontext

    ref = Decimal(phi_table.digits(q.name, n + 10))
    with localcontext() as ctx:
        ctx.prec = n + 20
        lit = format(ref.quantize(Decimal(1).scaleb(ref.adjusted() - n + 1)), "f").lstrip("-")
    truncated = phi_table.digits(q.name, n + 10).lstrip("-").replace(".", "").lstrip("0")[:n]
    assume(lit.replace(".", "").lstrip("0")[: n - 1] == truncated[: n - 1])  # no carry past the last digit
    rows = scan_text(f"v = {lit}\n", FULL)
    assert len(rows) == 1 and rows[0]["verdict"] in ("correctly rounded", "truncated")
    assert Decimal(phi_table.digits(rows[0]["constant"], 40)) == Decimal(phi_table.digits(q.name, 40))


def test_bounds_are_judged_as_bounds():
    rows = scan("Lemma l : 1.618033988749894 <= phi <= 1.618033988749895.\nassert m_phi < 4.210413\n")  # pynum: ignore
    assert [(r["bound"], r["verdict"]) for r in rows] == [
        ("lower", "lower bound"),
        ("upper", "upper bound"),
        ("upper", "wrong"),
    ]
    assert one("since 1/ln(2) ~ 1.443 < phi ~ 1.618, this holds")["bound"] is None


def test_a_generic_word_admits_only_the_last_digit_off():
    assert scan("bound 2/(phi^2 + T* phi^3) = 0.23656...\n") == []
    assert scan("1/(phi^2 + T* phi^3) = 0.118280258880902\n") == []
    assert one("golden = 0.6182\n")["wrong_from"] == 4  # pynum: ignore


def test_python_constants_are_folded():
    src = "import math\nPHI = (1 + math.sqrt(5)) / 2\nM_PHI = 4.2104143547\nTAU_GLOBAL = 1 / M_PHI\nK = PHI * 0\n"  # pynum: ignore
    rows = scan(src, python=True)
    tau = [r for r in rows if r["constant"] == "TAU_GLOBAL"]
    assert len(tau) == 1 and tau[0]["kind"] == "computed" and tau[0]["source"] == "1 / M_PHI"
    assert tau[0]["literal"] == repr(1 / 4.2104143547) and tau[0]["verdict"] == "wrong" and tau[0]["line"] == 4
    phi = [r for r in rows if r["constant"] == "PHI"]
    assert phi[0]["literal"] == repr((1 + 5**0.5) / 2) and phi[0]["verdict"] == "correctly rounded"


def test_cli_exit_status_and_json(tmp_path, capsys):
    (tmp_path / "ok.md").write_text("phi = 1.6180339887\n")
    (tmp_path / "blob.bin").write_bytes(b"\0\x01 1.6180339887 M_PHI = 4.2104143547")  # pynum: ignore
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bad.py").write_text("M_PHI = 4.2104143547\n")  # pynum: ignore
    assert cli_main(["scan", str(tmp_path / "ok.md")]) == 0
    capsys.readouterr()
    assert cli_main(["scan", str(tmp_path), "--json", "--root", str(tmp_path)]) == 1
    rec = json.loads(capsys.readouterr().out)
    assert rec["schema"] == "pynum-scan/2" and rec["files_scanned"] == 2
    assert [f["path"] for f in rec["files"]] == ["ok.md", "sub/bad.py"]
    assert rec["summary"]["wrong"] == 1 and rec["files"][1]["matches"][0]["wrong_from"] == 8
    assert cli_main(["scan", str(tmp_path / "blob.bin")]) == 0  # binary: skipped
    capsys.readouterr()
    assert cli_main(["scan", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "no such file" in err


# --- real files the project did not write -----------------------------------------------------

needs_seeds = pytest.mark.skipif(SEEDS is None, reason="seed texts not found (../shared/seeds or $PHI_SEEDS)")


@pytest.fixture(scope="module")
def seed_scan():
    return run_scan([str(SEEDS)], root=str(SEEDS.parent)) if SEEDS else None


@needs_seeds
@pytest.mark.parametrize("c", [c for c in REGISTRY if c.published], ids=lambda c: c.name)
def test_scan_finds_every_published_value_with_the_registrys_verdict(seed_scan, c):
    files = {f["path"]: f["matches"] for f in seed_scan["files"]}
    for p in c.published:
        want = judge(p.value, expr.digits_mpmath(c.name, 40)).verdict
        hits = [m for m in files[p.seed] if m["literal"] == p.value and m["constant"] == c.name]
        assert hits and all(m["verdict"] == want for m in hits), (p.value, p.seed)


@needs_seeds
def test_committed_seed_record_is_what_the_scan_gives(seed_scan):
    rec = json.loads(RECORD.read_text())
    assert rec["schema"] == "pynum-scan/2" and rec["command"].startswith("python -m pynum scan")
    for key in ("files", "summary", "constants", "files_scanned"):
        assert rec[key] == seed_scan[key], key


def test_committed_seed_record_has_no_wrong_literal_and_names_each_registered_value():
    rec = json.loads(RECORD.read_text())
    found = {(m["literal"], m["constant"]) for f in rec["files"] for m in f["matches"]}
    assert all((p.value, c.name) in found for c in REGISTRY for p in c.published)
    assert rec["summary"]["wrong"] == 0


def _wheel(version: str) -> Path:
    path = WHEELS / f"watkins_nn-{version}-py3-none-any.whl"
    if not path.is_file():
        pytest.skip(f"{path.name} not found in {WHEELS} (make wheels)")
    return path


def test_watkins_nn_011_is_clean(capsys):
    path = _wheel("0.1.1")
    res = run_scan([str(path)])
    assert res["summary"]["wrong"] == 0 and res["summary"]["matches"] >= 15
    assert cli_main(["scan", str(path)]) == 0


def test_watkins_nn_400_ships_wrong_m_phi_and_tau(capsys):
    path = _wheel("4.0.0")
    res = run_scan([str(path)])
    wrong = [
        (f["path"].rsplit(".whl/", 1)[1], m["constant"], m["literal"], m["wrong_from"])
        for f in res["files"]
        for m in f["matches"]
        if m["verdict"] == "wrong"
    ]
    assert wrong == [
        ("watkins_nn/constants.py", "M_PHI", "4.2104143547", 8),  # pynum: ignore
        ("watkins_nn/constants.py", "TAU_GLOBAL", "0.23750631547313633", 8),
    ]  # pynum: ignore
    assert cli_main(["scan", str(path)]) == 1
