"""``pynum scan`` with the whole table: standard constants in many literal syntaxes, evidence rules,
the false positives of real code, suppression, --fix, bad input, the project's own tree."""

from __future__ import annotations

import json
import subprocess
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal, localcontext
from pathlib import Path

import mpmath
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pynum.cli import main as cli_main
from pynum.scan import table
from pynum.scan.judge import CHANCE_PER_LITERAL, chance, typed_digits
from pynum.scan.literals import find_literals, language
from pynum.scan.record import run_scan
from pynum.scan.scanner import Matcher, scan_text

ROOT = Path(__file__).resolve().parent.parent
FULL = Matcher()
# (file name, line template, binary bits of the literal's type or None for decimal text)
SYNTAXES = (
    ("notes.md", "{name} = {lit}", None),
    ("mod.py", "{name} = {lit}", 53),
    ("mod.py", "{name}: float = {lit}_0", None),  # not a literal: '_0' glued on is an identifier tail
    ("lib.h", "#define {name} {lit}", 53),
    ("lib.c", "static const float {name} = {lit}f;", 24),
    ("lib.cpp", "constexpr long double {name} = {lit}L;", 64),
    ("mod.f90", "real(8), parameter :: {name} = {lit}d0", 53),
    ("mod.f90", "real(16), parameter :: {name} = {lit}_16", 113),
    ("mod.f90", "real(dp), parameter :: {name} = {lit}_dp", 53),
    ("shader.glsl", "const float {name} = {lit};", 24),
    ("shader.glsl", "const double {name} = {lit}lf;", 53),
    ("consts.jl", "const {name} = {lit}", 53),
    ("consts.jl", "const {name} = {lit}f0", 24),
    ("consts.r", "{name} <- {lit}", 53),
    ("consts.js", "export const {name} = {lit};", 53),
)
LIVE_SYNTAXES = [s for s in SYNTAXES if "_0" not in s[1]]


def ident(q: table.Quantity) -> str:
    """A hint of ``q`` that is an identifier (what code names it)."""
    return next(h for h in q.hints if h.replace("_", "").isalnum() and not h[0].isdigit()).upper()


def rounded(q: table.Quantity, n: int, mode: str = ROUND_HALF_EVEN) -> str:
    ref = Decimal(table.digits(q.name, n + 10))
    with localcontext() as ctx:
        ctx.prec = n + 20
        return format(ref.quantize(Decimal(1).scaleb(ref.adjusted() - n + 1), rounding=mode), "f").lstrip("-")


def scan_as(path: str, text: str, matcher: Matcher = FULL) -> list[dict]:
    return scan_text(text, matcher, python=path.endswith(".py"), lang=language(path))


def test_every_entry_agrees_with_mpmath_to_60_digits():
    mpmath.mp.dps = 80
    for q in table.TABLE:
        mine = Decimal(table.digits(q.name, 60))
        other = Decimal(mpmath.nstr(sympy.lambdify([], table.sympy_value(q.name), "mpmath")(), 70))
        assert abs(mine - other) <= abs(other) * Decimal(10) ** -59, q.name


def test_the_issues_shipped_defects_are_found():
    cases = [
        ("lib.h", "#define M_PI 3.141592653587979\n", "PI", 13),
        ("mod.f90", "real(16), parameter :: Pi = 3.14159265358979323846264338372795028841971694_16\n", "PI", 29),
        ("lib.c", "double euler = 0.5772156649051328606;\n", "EULER_GAMMA", 12),
        ("k.py", "LN2 = 0.6931471805599435\n", "LN_2", 15),
    ]
    for path, text, name, k in cases:
        rows = scan_as(path, text)
        assert [(r["constant"], r["verdict"], r["wrong_from"]) for r in rows] == [(name, "wrong", k)], text


@settings(max_examples=150, deadline=None)
@given(q=st.sampled_from(table.TABLE), syntax=st.sampled_from(LIVE_SYNTAXES), n=st.integers(5, 30), data=st.data())
def test_a_wrong_digit_of_a_named_constant_is_found_in_every_syntax(q, syntax, n, data):
    path, template, bits = syntax
    if bits is not None:
        n = min(n, typed_digits(bits) - 1)  # digits the type keeps
    good = rounded(q, n, ROUND_DOWN)  # every digit agrees with the expansion
    positions = [i for i, c in enumerate(good) if c.isdigit()]
    first = next(i for i, c in enumerate(good) if c in "123456789")
    positions = [i for i in positions if i > first]
    k_index = data.draw(st.sampled_from(positions[2:]))  # a digit from the 4th significant one on
    old = good[k_index]
    new = data.draw(st.sampled_from([d for d in "0123456789" if d != old]))
    bad = good[:k_index] + new + good[k_index + 1 :]
    assume(bad != rounded(q, n))
    rows = scan_as(path, template.format(name=ident(q), lit=bad) + "\n")
    assert len(rows) == 1 and rows[0]["constant"] == q.name, (template, bad, rows)
    k = positions.index(k_index) + 2  # significant digit number of the change
    assert rows[0]["verdict"] == "wrong" and rows[0]["wrong_from"] == k, (template, bad, rows[0])


@settings(max_examples=150, deadline=None)
@given(
    q=st.sampled_from(table.TABLE),
    syntax=st.sampled_from(LIVE_SYNTAXES),
    n=st.integers(5, 40),
    form=st.sampled_from(("rounded", "truncated", "repr")),
)
def test_right_literals_pass_in_every_syntax(q, syntax, n, form):
    path, template, _ = syntax
    ref = table.digits(q.name, n + 10).lstrip("-")
    if form == "rounded":
        lit = rounded(q, n)
        # (a carry through several digits, 2.4000 for 2.39996..., is read as a plain number)
        assume(
            lit.replace(".", "").lstrip("0")[: n - 1] == rounded(q, n, ROUND_DOWN).replace(".", "").lstrip("0")[: n - 1]
        )
    elif form == "truncated":
        mant = ref.replace(".", "")
        lead = len(mant) - len(mant.lstrip("0"))
        point = ref.index(".") if "." in ref else len(ref)
        lit = ref[: point + 1 + max(0, lead + n - point)] if "." in ref else ref
    else:
        lit = repr(float(ref))
    assume("e" not in lit and lit.replace(".", "").strip("0"))
    rows = scan_as(path, template.format(name=ident(q), lit=lit) + "\n")
    assert rows and all(r["verdict"] != "wrong" for r in rows), (template, lit, rows)


@settings(max_examples=200, deadline=None)
@given(x=st.floats(1e-6, 1e6, allow_nan=False), places=st.integers(1, 17))
def test_ordinary_numbers_are_never_wrong(x, places):
    for path in ("m.py", "m.c", "m.md", "m.f90"):
        rows = scan_as(path, f"value = {x:.{places}f}  # measured\n")
        assert all(r["verdict"] != "wrong" for r in rows), rows


def test_near_misses_need_a_name_or_beyond_chance_agreement():
    assert scan_as("t.py", "assert f(x) == 3.1415926531\n") == []  # 10 digits agree, no name
    rows = scan_as("t.py", "assert f(x) == 3.1415926535891\n")  # 13 agree: chance negligible
    assert rows[0]["verdict"] == "wrong" and rows[0]["evidence"] == "digits"
    assert rows[0]["chance"] == chance(13, len(FULL.quantities)) < CHANCE_PER_LITERAL
    rows = scan_as("t.py", "assert f(x) == 3.14159265358979111\n")  # 4 ulps off pi's double: computed
    assert rows[0]["verdict"] == "float64 computed"
    assert scan_as("t.py", "PI = 3.1415926531\n")[0]["verdict"] == "wrong"


def test_only_phi_keeps_the_golden_ratio_table():
    phi = Matcher(table.select(("phi",)))
    assert scan_as("a.py", "M_PI = 3.141592653587979\n", phi) == []
    assert scan_as("a.py", "M_PHI = 4.2104143547\n", phi)[0]["verdict"] == "wrong"
    with pytest.raises(ValueError, match="unknown family"):
        table.select(("golden",))


def test_the_false_positives_of_real_code_are_not_wrong(tmp_path):
    (tmp_path / "iris.csv").write_text("5.1,3.5,1.4\n2.399999999999999911e+00,4.2104897e+00,1.0\n")
    (tmp_path / "test_x.py").write_text(
        "assert_allclose(f(0.3), 0.7257913526447274)\nassert_allclose(g(2), 1.37789689539747)\n"
    )
    (tmp_path / "docs.py").write_text(
        '"""\n    >>> fp.sinpi(-0.7)\n    -0.80901699437494750611\n'
        "    >>> fibonacci(101)/fibonacci(100)\n"
        "    1.6180339887498948482045868343656381177203091798057\n"
        '"""\n'
    )
    rec = run_scan([str(tmp_path)])
    assert rec["summary"]["wrong"] == 0, [m for f in rec["files"] for m in f["matches"]]


def test_inline_suppression_is_honoured_and_counted(tmp_path, capsys):
    f = tmp_path / "c.h"
    f.write_text("#define M_PI 3.141592653587979  // pynum: ignore\n#define M_E 2.718281828459045\n")
    assert cli_main(["scan", str(f)]) == 0
    out = capsys.readouterr().out
    assert "1 suppressed" in out and "0 wrong" in out
    f.write_text("#define M_PI 3.141592653587979\n")
    assert cli_main(["scan", str(f)]) == 1


def test_fix_rewrites_only_wrong_literals_and_the_result_scans_clean(tmp_path, capsys):
    src = (
        "#define M_PI 3.141592653587979\nconst float PI_F = 3.14195f;\nstatic double e = 2.718281828459045;\n"
        "real(16), parameter :: Pi = 3.14159265358979323846264338372795028841971694_16\n"
    )
    f = tmp_path / "k.f90"
    c = tmp_path / "k.c"
    c.write_text(src.split("real")[0])
    f.write_text("real(16), parameter :: Pi = 3.14159265358979323846264338372795028841971694_16\n")
    assert cli_main(["scan", str(c), "--diff"]) == 1
    diff = capsys.readouterr().out
    assert "-#define M_PI 3.141592653587979" in diff and "+#define M_PI 3.141592653589793" in diff
    assert c.read_text() == src.split("real")[0]  # --diff writes nothing
    assert cli_main(["scan", str(c), str(f), "--fix"]) == 0
    capsys.readouterr()
    text = c.read_text()
    assert text == (
        "#define M_PI 3.141592653589793\nconst float PI_F = 3.14159f;\nstatic double e = 2.718281828459045;\n"
    )
    assert f.read_text() == ("real(16), parameter :: Pi = 3.14159265358979323846264338327950288419716940_16\n")
    assert cli_main(["scan", str(c), str(f)]) == 0


def test_bad_input_is_one_line_exit_2(tmp_path, capsys):
    assert cli_main(["scan", ""]) == 2
    err = capsys.readouterr().err.strip()
    assert "empty path" in err and "\n" not in err
    (tmp_path / "a.md").write_text("pi = 3.14159\n")
    assert cli_main(["scan", str(tmp_path), "--out", "/nonexistent/x.txt"]) == 2
    err = capsys.readouterr().err.strip()
    assert "does not exist" in err and "\n" not in err and "Traceback" not in err


def test_folder_walks_scan_csv_tsv_and_extensionless_files_and_count_skips(tmp_path):
    (tmp_path / "consts.csv").write_text("name,value\nM_PI,3.141592653587979\n")
    (tmp_path / "consts.tsv").write_text("name\tvalue\nEULER\t0.5772156649051328606\n")
    (tmp_path / "NOTES").write_text("pi = 3.141592653587979\n")
    (tmp_path / "img.png").write_bytes(b"\x89PNG 3.141592653587979")
    (tmp_path / "blob").write_bytes(b"\0\0 pi = 3.141592653587979")
    rec = run_scan([str(tmp_path)], root=str(tmp_path))
    wrong = sorted((f["path"], m["constant"]) for f in rec["files"] for m in f["matches"] if m["verdict"] == "wrong")
    assert wrong == [("NOTES", "PI"), ("consts.csv", "PI"), ("consts.tsv", "EULER_GAMMA")]
    assert rec["skipped"] == {"binary (NUL bytes)": 1, "binary (by name)": 1}
    assert {s["path"] for s in rec["skipped_files"]} == {"blob", "img.png"}


def test_interval_bounds_are_not_values_and_the_results_scan_clean(capsys):
    rows = scan_as("r.json", '"enclosure": [4.210414239849683, 4.210414239849684]\n')
    assert [(r["bound"], r["verdict"]) for r in rows] == [("lower", "lower bound"), ("upper", "upper bound")]
    rows = scan_as("r.v", "(* alpha_phi lies in [0.1180335, 0.1180345), so it rounds to 0.118034. *)\n")
    assert all(r["verdict"] != "wrong" for r in rows)
    assert cli_main(["scan", str(ROOT / "results")]) == 0


def test_the_tracked_tree_scans_clean():
    try:
        files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    rec = run_scan([str(ROOT / f) for f in files if (ROOT / f).is_file()])
    assert rec["summary"]["wrong"] == 0, [
        (f["path"], m["literal"])
        for f in rec["files"]
        for m in f["matches"]
        if m["verdict"] == "wrong" and not m["suppressed"]
    ]


def test_scan_and_the_package_audit_count_wrong_digits_alike():
    from torchcheck.audits.watkins_constants import compare_constant

    lit = 0.23750631547313633
    row = scan_as("c.py", f"TAU_GLOBAL = {lit!r}\n")[0]
    assert row["wrong_from"] == compare_constant("TAU_GLOBAL", lit)["first_wrong_digit"] == 8


def test_literal_syntaxes_and_types():
    lits = {(lit.text, lit.bits) for lit in find_literals("a = 1.25e3f; b = 2.25L; c = 3.125_5; .618", "code")}
    assert lits == {("1.25e3", 24), ("2.25", 64), ("3.125_5", 53), (".618", 53)}
    lits = {(lit.text, lit.bits) for lit in find_literals("x = 1.25d0 + 2.25_16 + 3.75e0 + 4.75_dp", "fortran")}
    assert lits == {("1.25d0", 53), ("2.25", 113), ("3.75e0", 24), ("4.75", 53)}
    assert {(x.text, x.bits) for x in find_literals("y = 1.25f0 and mpf('3.14159')", "code")} == {
        ("1.25f0", 24),
        ("3.14159", None),
    }


def test_corpus_record_meets_its_target():
    rec = json.loads((ROOT / "results" / "scan-corpus.json").read_text())
    c = rec["corpus"]
    assert {p["wheel"].split("-")[0] for p in c["packages"]} == {"numpy", "scipy", "mpmath", "sympy"}
    assert c["megabytes"] > 50 and c["matches"] == sum(len(f["matches"]) for f in rec["files"])
    assert all(w["label"] in ("true defect", "false positive") and w["why"] for w in c["wrong"])
    assert c["wrong_per_50_mb"] <= c["target_wrong_per_50_mb"]
    assert c["false_positives"] == 0


def test_the_report_renders_the_corpus_record():
    from pynum.report.records import load_records
    from pynum.report.sections import esc, records_section

    recs = load_records(ROOT / "results")
    html = records_section({k: v for k, v in recs.items() if k.endswith("scan-corpus.json")}, "..")
    c = recs["results/scan-corpus.json"].get("corpus")
    assert f"{c['matches']} literals matched to a constant, {len(c['wrong'])} judged wrong" in html
    assert all(esc(r["rule"]) in html and f"<td>{r['count']}</td>" in html for r in c["rules"])


def test_corpus_record_is_what_the_scan_gives():
    from pynum.scan.corpus import CORPUS, build

    wheels = sorted(w for n, v in CORPUS for w in (ROOT / ".whl" / "corpus").glob(f"{n}-{v}-*.whl"))
    if len(wheels) != len(CORPUS):
        pytest.skip("corpus wheels not downloaded (make scan-corpus)")
    committed = json.loads((ROOT / "results" / "scan-corpus.json").read_text())
    fresh = build(wheels, committed["command"])
    for rec in (committed, fresh):
        rec["corpus"].pop("seconds_cpu")
    assert fresh["corpus"] == committed["corpus"] and fresh["summary"] == committed["summary"]
    assert fresh["files"] == committed["files"]


def test_the_whole_table_keeps_the_golden_ratio_verdicts_on_watkins_nn():
    wheels = sorted((ROOT / ".whl").glob("watkins_nn-*.whl"))
    if not wheels:
        pytest.skip("watkins-nn wheels not downloaded (make wheels)")

    def verdicts(rec: dict) -> dict:
        return {
            (f["path"], m["line"], m["col"]): (m["constant"], m["verdict"])
            for f in rec["files"]
            for m in f["matches"]
            if table.BY_NAME[m["constant"]].family == "phi"
        }

    for w in wheels:
        full, phi = verdicts(run_scan([str(w)])), verdicts(run_scan([str(w)], only=("phi",)))
        assert full.keys() == phi.keys(), w.name
        changed = {k: (phi[k], full[k]) for k in full if full[k] != phi[k]}
        # Only a bound across an inequality whose other side names a standard constant is read as a
        # value: '1/phi ~ 0.618 < ln(2)' bounds ln 2, not 1/phi.
        assert all(a[0] == b[0] and a[1].endswith("bound") and b[1] != "wrong" for a, b in changed.values()), changed
