"""``pynum certify``: the expression language, domain errors, digits, enclosures, Coq certificates."""

from __future__ import annotations

import json
import shutil
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pynum.certify import coqgen as certcoq
from pynum.certify import language as exprlang
from pynum.certify import numerics as certnum
from pynum.certify.command import run_certify
from pynum.cli import main as cli_main
from pynum.constants import expr
from pynum.constants.registry import REGISTRY

HAVE_COQ = shutil.which("coqc") is not None
needs_coq = pytest.mark.skipif(not HAVE_COQ, reason="coqc not installed")


def cli(capsys, *args: str) -> tuple[int, str, str]:
    rc = cli_main(list(args))
    out = capsys.readouterr()
    return rc, out.out, out.err


@pytest.mark.parametrize(
    "text,col,words",
    [
        ("(1 + 2", 7, "expected ')'"),
        ("1 +* 2", 4, "unexpected '*'"),
        ("2 $ 3", 3, "'$'"),
        ("phi + golden", 7, "unknown name 'golden'"),
        ("ln", 1, "needs an argument"),
        ("phi ^ phi", 7, "rational powers"),
        ("1 2", 3, "unexpected '2'"),
        ("phi ^ 5000", 5, "up to 1000"),
    ],
)
def test_malformed_input_names_the_column(text, col, words):
    with pytest.raises(exprlang.ExprError) as e:
        exprlang.parse(text)
    assert e.value.col == col and words in str(e.value)


@pytest.mark.parametrize(
    "text,message",
    [
        ("ln (1 - phi)", "ln of a non-positive value"),
        ("ln 0", "ln of a non-positive value"),
        ("1 / (phi ^ 2 - phi - 1)", "division by zero"),
        ("sqrt (2 - sqrt 5)", "sqrt of a negative value"),
        ("(1 - phi) ^ (1/3)", "rational power of a non-positive value"),
        ("(Tstar - Tstar) ^ -2", "division by zero"),
        ("phi ^ 2 - phi - 1", "exactly 0"),
        ("ln (phi - 1 / lambda_star + 1)", None),
    ],
)
def test_domain_errors_are_found_before_coq(text, message):
    node = exprlang.parse(text)
    if message is None:  # ln 1 = 0 is allowed; the value 0 is not
        with pytest.raises(exprlang.ExprError, match="exactly 0"):
            certnum.check_domain(node)
        return
    with pytest.raises(exprlang.ExprError, match=message):
        certnum.check_domain(node)


@pytest.mark.parametrize(
    "args,words",
    [
        (["ln (1 - phi)"], "ln of a non-positive value at column 1"),
        (["(phi"], "at column 5"),
        (["phi", "--digits", "0"], "--digits"),
        (["phi", "--published", "1.6x"], "plain decimal"),
        (["phi", "--name", "phi"], "--name"),
        (["phi", "--out", "/etc/hostname"], "not a folder"),
        (["phi", "--name", "Definition"], "--name"),
        (["phi", "--name", "9x"], "--name"),
        (["phi", "--digits", "320000"], "working-precision cap"),
        (["phi < < 2"], "side is empty"),
        (["phi^2 = 1 +"], "at column 12"),
        ([], "give an expression"),
        (["--verify", "/nonexistent/x.json"], "not found"),
    ],
)
def test_bad_input_is_one_line_exit_2(capsys, args, words):
    rc, out, err = cli(capsys, "certify", *args)
    assert rc == 2 and out == "" and len(err.strip().splitlines()) == 1 and words in err


@pytest.mark.parametrize("c", REGISTRY, ids=[c.name for c in REGISTRY])
def test_python_and_coq_names_give_the_registry_value(c):
    want = expr.digits_mpmath(c.name, 30)
    for text in (c.name, c.coq_name, f"({c.definition})"):
        assert certnum.value_digits(exprlang.parse(text), 30)["value"] == want, text


def test_extended_language_agrees_with_known_closed_forms():
    pairs = [
        ("atan 1 * 4", "pi"),
        ("exp (ln 7)", "7"),
        ("phi ^ -3 / 2", "alpha_phi"),
        ("8 ^ (2/3)", "4"),
        ("sin (pi / 6) * 2", "1"),
        ("cos 0 + 0.25", "5/4"),
        ("phi ** 2 - phi", "1"),
        ("2 * φ - 1", "sqrt 5"),
        ("2 ^ 3 ^ 2", "512"),
        ("- 2 ^ 2", "-4"),
        ("1e-3 * 1000", "1"),
    ]
    for a, b in pairs:
        va = certnum.value_digits(exprlang.parse(a), 25)
        assert va["engines_agree"], a
        assert va["value"] == certnum.value_digits(exprlang.parse(b), 25)["value"], (a, b)


def _tree():
    leaf = st.integers(-9, 9).map(lambda n: (str(n) if n >= 0 else f"({n})", Fraction(n)))

    def combine(children):
        def op(pair, o):
            (ta, va), (tb, vb) = pair
            if o == "/" and vb == 0:
                return (ta, va)
            v = {"+": va + vb, "-": va - vb, "*": va * vb, "/": va / vb if vb else va}[o]
            return (f"({ta} {o} {tb})", v)

        return st.builds(op, st.tuples(children, children), st.sampled_from("+-*/"))

    return st.recursive(leaf, combine, max_leaves=8)


@settings(max_examples=60, deadline=None)
@given(t=_tree(), n=st.integers(1, 40))
def test_digits_of_rational_expressions_are_exact(t, n):
    text, value = t
    assume(value != 0)
    with localcontext() as ctx:
        ctx.prec = 200
        d = Decimal(value.numerator) / Decimal(value.denominator)
        want = format(d.quantize(Decimal(1).scaleb(d.adjusted() - n + 1), rounding=ROUND_HALF_EVEN), "f")
    assert certnum.digits_arb(exprlang.parse(text), n) == want


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 40),
    which=st.sampled_from(
        ["phi / ln (3 * phi)", "2 * pi / phi ^ 2", "- m_phi", "exp (sin 1) / 1000", "tau_global * 10 ^ 7"]
    ),
)
def test_enclosure_contains_the_value_at_relative_width_10_to_minus_n(n, which):
    node = exprlang.parse(which)
    lo, hi = certnum.enclosure(certnum.reference(node, n + 12), n)
    assert certnum.inside(node, lo, hi)
    v = Decimal(certnum.reference(node, n + 12))
    assert (Decimal(hi) - Decimal(lo)) / abs(v) <= Decimal(10) ** -n


def test_schedule_starts_near_the_known_precisions():
    assert 70 <= certcoq.i_prec_schedule(15)[0] <= 80
    assert 115 <= certcoq.i_prec_schedule(30)[0] <= 130
    assert certcoq.i_prec_schedule(40)[-1] <= certcoq.I_PREC_LIMIT


def test_more_than_40_digits_gives_the_value_and_says_not_certified(capsys):
    rc, out, err = cli(capsys, "certify", "phi", "--digits", "60")
    assert rc == 2 and expr.digits_mpmath("PHI", 60) in out and "not certified" in err


def test_without_coqc_the_numeric_part_runs(monkeypatch, tmp_path):
    monkeypatch.setattr(certcoq, "coqc_path", lambda: None)
    rec = run_certify("phi / ln (3 * phi)", 15, ["1.0241861576172697"], out_dir=tmp_path)
    assert rec["certificate"].startswith("skipped: coqc not found") and not rec["certified"]
    assert rec["value"] == expr.digits_mpmath("T_STAR3", 15)
    assert rec["published"][0]["verdict"] == "float64 faithful"
    assert list(tmp_path.iterdir()) == []


def test_published_values_get_every_verdict():
    rec = run_certify("T_STAR3", 41, ["1.024186157", "1.02418616", "1.0241861576172697", "1.0241871", "-1.0241862"])
    got = [(p["verdict"], p["wrong_from"], p["right_digits"]) for p in rec["published"]]
    assert got == [
        ("truncated", None, None),
        ("correctly rounded", None, None),
        ("float64 faithful", None, None),
        ("wrong", 7, "61"),
        ("wrong", 1, None),
    ]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    if not HAVE_COQ:
        pytest.skip("coqc not installed")
    out = tmp_path_factory.mktemp("cert")
    rec = run_certify("phi / ln (3 * phi)", 15, ["1.024186157"], name="Tstar3_check", out_dir=out)
    return rec, out


@needs_coq
def test_certificate_states_and_proves_the_enclosure(certificate):
    rec, out = certificate
    assert rec["certified"] and rec["engines_agree"] and rec["coqc"] == certcoq.coqc_version()
    v = (out / "Tstar3_check.v").read_text()
    assert rec["theorem_text"] in v and "Admitted" not in v and "interval with (i_prec" in v
    assert rec["enclosure"]["lo"] == "1.024186157617269" and rec["enclosure"]["hi"] == "1.024186157617270"
    saved = json.loads((out / "Tstar3_check.json").read_text())
    assert saved["sha256"] == certcoq.sha256(out / "Tstar3_check.v")


@needs_coq
def test_verify_accepts_the_certificate_and_rejects_a_changed_file(certificate, capsys, tmp_path):
    rec, out = certificate
    rc, text, _ = cli(capsys, "certify", "--verify", str(out / "Tstar3_check.json"))
    assert rc == 0 and "verified" in text
    for f in ("Tstar3_check.v", "Tstar3_check.json"):
        shutil.copy(out / f, tmp_path / f)
    v = tmp_path / "Tstar3_check.v"
    v.write_text(v.read_text().replace("1.024186157617270.", "1.024186157617269."))  # a false bound
    res = certcoq.verify(tmp_path / "Tstar3_check.json")
    assert not res["checks"]["ok"] and not res["checks"]["sha256_matches"] and not res["checks"]["compiled"]


@needs_coq
def test_interval_failure_is_reported_not_hidden(tmp_path, monkeypatch):
    monkeypatch.setattr(certcoq, "i_prec_schedule", lambda digits: [20])
    rec = run_certify("phi / ln (3 * phi)", 15, out_dir=tmp_path)
    assert not rec["certified"] and "interval failed" in rec["certificate"]


@needs_coq
def test_cite_works_on_a_certificate(certificate, capsys):
    rec, out = certificate
    rc, text, _ = cli(capsys, "cite", str(out / "Tstar3_check.json"))
    assert rc == 0 and "Tstar3_check_enclosure" in text and rec["sha256"] in text
    rc, text, _ = cli(capsys, "cite", str(out / "Tstar3_check.json"), "--format", "bibtex")
    assert rc == 0 and text.startswith("@misc{")


# --- relations (issue 20) and a new user's first hour (issue 25, items 6-10) ---

import mpmath  # noqa: E402
from hypothesis import HealthCheck  # noqa: E402

from pynum.certify.relations import decide_link, require_relation  # noqa: E402


def _link(text: str):
    rel = require_relation(text)
    return decide_link(rel.parts[0], rel.ops[0], rel.parts[1])


@pytest.mark.parametrize(
    "text,verdict,method",
    [
        ("pi^4 + pi^5 = exp 6", "refuted", "interval"),
        ("pi^4 + pi^5 < exp 6", "proved", "interval"),
        ("phi^2 + phi^-2 = 3", "proved", "exact"),
        ("phi^2 + phi^-2 != 3", "refuted", "exact"),
        ("phi^2 + phi^-2 < 3", "refuted", "exact"),
        ("phi^2 + phi^-2 <= 3", "proved", "exact"),
        ("sqrt 2 + sqrt 3 = sqrt (5 + 2 * sqrt 6)", "proved", "exact"),
        ("atan 1 = pi / 4", "proved", "atan_1"),
        ("round (phi ^ 3) = 4", "proved", ""),
        ("floor (-0.5) = -1", "proved", ""),
        ("ceil (-0.5) = 0", "proved", ""),
        ("round (5/2) = 3", "proved", ""),
        ("round (-5/2) = -2", "proved", ""),
    ],
)
def test_relation_verdicts_without_coq(text, verdict, method):
    link = _link(text)
    assert link.verdict == verdict and method in link.method, (text, link)


def test_transcendental_agreement_is_undecided_with_digits():
    link = _link("sin pi = 0")
    assert link.verdict == "undecided" and "not" in link.reason and link.agree_digits and link.agree_digits > 100


def test_sides_differing_in_the_15th_digit_are_separated():
    link = _link("phi = 1.618033988749894")  # phi = 1.6180339887498948...
    assert link.verdict == "refuted" and link.sign == 1


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=st.integers(-6, 6), b=st.integers(-4, 4).filter(lambda b: b != 0), k=st.integers(2, 5), e=st.integers(8, 30))
def test_random_identities_and_near_misses(a, b, k, e):
    """(a + b sqrt 5)^k = p + q sqrt 5 (computed by SymPy here) is proved; a side moved by 10^-e is
    refuted in the direction mpmath gives at 100 digits."""
    import sympy

    p, q = (
        sympy.expand((a + b * sympy.sqrt(5)) ** k).as_coeff_add()[0],
        sympy.expand((a + b * sympy.sqrt(5)) ** k).coeff(sympy.sqrt(5)),
    )
    lhs, rhs = f"({a} + ({b}) * sqrt 5) ^ {k}", f"{p} + ({q}) * sqrt 5"
    assert _link(f"{lhs} = {rhs}").verdict == "proved"
    near = _link(f"{lhs} = {rhs} + 10 ^ -{e}")
    assert near.verdict == "refuted"
    with mpmath.workdps(100):
        want = mpmath.sign((a + b * mpmath.sqrt(5)) ** k - (p + q * mpmath.sqrt(5) + mpmath.mpf(10) ** -e))
    assert near.sign == int(want)


@pytest.mark.parametrize(
    "outer",
    ["sqrt (11 + 6 * sqrt 2) = 3 + sqrt 2", "sqrt (7 - 4 * sqrt 3) = 2 - sqrt 3", "sqrt (7 - 4 * sqrt 3) = sqrt 3 - 2"],
)
def test_denesting(outer):
    link = _link(outer)
    assert link.verdict == ("refuted" if outer.endswith("sqrt 3 - 2") else "proved")


@needs_coq
def test_relation_cli_exit_codes_and_verify(capsys, tmp_path):
    out = str(tmp_path / "made" / "here")
    rc, text, _ = cli(capsys, "certify", "pi^4 + pi^5 = exp 6", "--out", out, "--name", "nope")
    assert rc == 1 and "REFUTED" in text and "~ (((PI ^ 4) + (PI ^ 5)) = (exp 6))" in text
    rc, text, _ = cli(capsys, "certify", "sqrt 2 + sqrt 3 = sqrt (5 + 2 * sqrt 6)", "--out", out, "--name", "yes")
    assert rc == 0 and "PROVED" in text
    rc, text, _ = cli(capsys, "certify", "--verify", out + "/yes.json")
    assert rc == 0 and "verified" in text
    rc, text, _ = cli(capsys, "certify", "sin pi = 0", "--out", out)
    assert rc == 3 and "agreement is not proof" in text


def test_verify_refuses_a_relation_record_whose_relation_has_no_operator(capsys, tmp_path):
    rec = {"schema": "pynum-relation/1", "file": "x.v", "sha256": "0", "coq_statement": "x", "verdict": "proved"}
    (tmp_path / "rel.json").write_text(json.dumps({**rec, "relation": "phi + 1"}))
    rc, out, err = cli(capsys, "certify", "--verify", str(tmp_path / "rel.json"))
    assert rc == 2 and out == "" and len(err.strip().splitlines()) == 1 and "not a relation" in err


def test_check_digits_past_python_s_str_limit(capsys):
    rc, text, _ = cli(capsys, "check", "--digits", "5000")
    assert rc == 0


@needs_coq
@pytest.mark.parametrize(
    "source,exact",
    [("0.1", "1/10"), ("1/10", "1/10"), ("0.04", "1/25"), ("sqrt 2 * sqrt 2", "2"), ("cos(1)^2 + sin(1)^2", "1")],
)
def test_exact_values_on_a_bound_certify(tmp_path, source, exact):
    rec = run_certify(source, 15, out_dir=tmp_path)
    assert rec["certified"] and rec["exact"] == exact, rec["certificate"]


@needs_coq
def test_verify_compares_the_recorded_value(capsys, tmp_path):
    run_certify("sqrt 2", 15, name="s2", out_dir=tmp_path)
    cert = tmp_path / "s2.json"
    assert cli(capsys, "certify", "--verify", str(cert))[0] == 0
    data = json.loads(cert.read_text())
    data["value"] = "1.5"
    cert.write_text(json.dumps(data))
    rc, text, _ = cli(capsys, "certify", "--verify", str(cert))
    assert rc == 1 and "value_matches          False" in text


@needs_coq
def test_wrong_published_value_exits_1(capsys, tmp_path):
    rc, text, _ = cli(capsys, "certify", "phi", "--published", "1.7", "--out", str(tmp_path / "new"))
    assert rc == 1 and "wrong" in text and (tmp_path / "new").is_dir()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=st.integers(-5, 5), b=st.integers(-3, 3).filter(lambda b: b != 0), c=st.sampled_from([2, 3, 5, 6, 7]))
def test_random_denestings(a, b, c):
    """sqrt (a^2 + b^2 c + 2ab sqrt c) = a + b sqrt c holds exactly when a + b sqrt c >= 0 (mpmath decides
    the sign at 60 digits); otherwise it is refuted, never proved."""
    text = f"sqrt ({a * a + b * b * c} + ({2 * a * b}) * sqrt {c}) = {a} + ({b}) * sqrt {c}"
    with mpmath.workdps(60):
        positive = a + b * mpmath.sqrt(c) > 0
    assert _link(text).verdict == ("proved" if positive else "refuted")


@needs_coq
def test_claims_batch_record_and_verify(capsys, tmp_path):
    claims = tmp_path / "mine.toml"
    claims.write_text(
        '[[claim]]\nid = "A"\nrelation = "round (phi ^ 3) = 4"\n\n'
        '[[claim]]\nid = "B"\nrelation = "pi < 3.1415"\npublished = ["3.1416"]\nvalue = "pi"\n'
    )
    rc, text, _ = cli(capsys, "certify", "--claims", str(claims), "--out", str(tmp_path / "out"))
    assert rc == 1 and "1 proved, 1 refuted" in text
    rec = json.loads((tmp_path / "out" / "mine.json").read_text())
    a, b = rec["claims"]
    assert a["verdict"] == "proved" and "tech_up" in a["links"][0]["method"]
    assert b["verdict"] == "refuted" and b["coq_statement"].startswith("Lemma claim_b : ~")
    assert all(k in a for k in ("sha256", "coqc", "seconds", "coq_statement"))
    assert b["published"][0]["verdict"] == "correctly rounded"
    rc, text, _ = cli(capsys, "certify", "--verify", str(tmp_path / "out" / "mine.json"))
    assert rc == 0 and "verified" in text
    (tmp_path / "out" / a["file"]).write_text((tmp_path / "out" / a["file"]).read_text() + "\n")
    assert cli(capsys, "certify", "--verify", str(tmp_path / "out" / "mine.json"))[0] == 1


@pytest.mark.parametrize(
    "bad,words",
    [
        ('[[claim]]\nid = "A"\n', "no relation"),
        ('[[claim]]\nid = "A"\nrelation = "phi"\n', "not a relation"),
        ("x = [", "not valid TOML"),
    ],
)
def test_claims_file_errors_are_one_line(capsys, tmp_path, bad, words):
    f = tmp_path / "bad.toml"
    f.write_text(bad)
    rc, out, err = cli(capsys, "certify", "--claims", str(f))
    assert rc == 2 and len(err.strip().splitlines()) == 1 and words in err


@needs_coq
@settings(
    max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(a=st.integers(-4, 4), b=st.integers(1, 3), k=st.integers(2, 4), e=st.integers(10, 25))
def test_random_identities_compile(tmp_path, a, b, k, e):
    """The whole path, coqc included: (a + b sqrt 5)^k = its expansion is proved by a compiled lemma, the
    same with one side moved by 10^-e is refuted by a compiled negation."""
    import sympy

    from pynum.certify.settle import settle

    x = sympy.expand((a + b * sympy.sqrt(5)) ** k)
    lhs, rhs = f"({a} + {b} * sqrt 5) ^ {k}", f"{x.coeff(sympy.sqrt(5), 0)} + ({x.coeff(sympy.sqrt(5))}) * sqrt 5"
    assert settle(f"{lhs} = {rhs}", "t", tmp_path)["verdict"] == "proved"
    near = settle(f"{lhs} = {rhs} - 10 ^ -{e}", "n", tmp_path)
    assert near["verdict"] == "refuted" and near["coq_statement"].startswith("Lemma n : ~")
