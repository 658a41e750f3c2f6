"""The audit cannot be fooled: each known way to slip an unchecked statement past it fails it.

Each case builds a small scratch Coq project (a copy of coq/PhiBasics.v plus one injected file),
compiles it with coqc and runs the project's audit on it (coqchk, Print Assumptions, the
statement lock and the non-vacuity check), asserting that it fails and names the escape.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pynum import proofs

ROOT = Path(__file__).resolve().parent.parent
LIB = "Scratch"
HEADER = "From Coq Require Import Reals Lra.\nOpen Scope R_scope.\n"
CLEAN = HEADER + """
(* A cited theorem with a premise, and the lemma showing its premise can hold. *)
Theorem pos_square : forall x : R, 0 < x -> 0 < x * x.
Proof. intros x Hx. nra. Qed.
Lemma pos_square_premises_satisfiable : exists x : R, 0 < x.
Proof. exists 1. lra. Qed.
"""

pytestmark = pytest.mark.skipif(shutil.which("coqc") is None or shutil.which("coqchk") is None,
                                reason="coqc/coqchk not installed (make setup installs them)")


def build(tmp: Path, files: dict[str, str], listed: list[str] | None = None) -> Path:
    """A scratch project: PhiBasics.v and ``files``; ``_CoqProject`` lists ``listed`` (default all)."""
    coq = tmp / "coq"
    coq.mkdir(parents=True)
    shutil.copy(ROOT / "coq" / "PhiBasics.v", coq / "PhiBasics.v")
    for name, text in files.items():
        (coq / name).parent.mkdir(parents=True, exist_ok=True)
        (coq / name).write_text(text)
    order = ["PhiBasics.v"] + (listed if listed is not None else list(files))
    (coq / "_CoqProject").write_text(f"-R . {LIB}\n" + "\n".join(order) + "\n")
    for name in ["PhiBasics.v"] + [n for n in files if n.endswith(".v")]:
        proc = subprocess.run(["coqc", "-R", ".", LIB, name], cwd=coq, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
    return coq


def run_audit(coq: Path, names: list[tuple[str, str]], lock: Path | None = None, update: bool = False) -> dict:
    cited = [proofs.Named(f, n, ("X1",)) for f, n in names]
    return proofs.audit(coq_dir=coq, library=LIB, names=cited, lock=lock or coq.parent / "lock.json",
                        update_lock=update, with_lean=False)


def problems(result: dict) -> str:
    return "\n".join(result["problems"])


@pytest.fixture(scope="module")
def clean_project(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("clean")
    coq = build(tmp, {"Cited.v": CLEAN})
    first = run_audit(coq, [("Cited", "pos_square")], update=True)
    return coq, first


def test_a_clean_scratch_project_passes(clean_project):
    coq, first = clean_project
    assert first["ok"], first["problems"]
    again = run_audit(coq, [("Cited", "pos_square")])
    assert again["ok"], again["problems"]
    assert again["coqchk"]["ok"] and again["statements"]["non_vacuous"] == 1


@pytest.mark.parametrize("name, text, expect", [
    ("guard", HEADER + "Unset Guard Checking.\nFixpoint loop (n : nat) : False := loop n.\n"
     "Theorem pos_square : forall x : R, 0 < x -> 0 < x * x.\nProof. intros. destruct (loop 0). Qed.\n",
     "disabled kernel check"),
    ("bypass", HEADER + "#[bypass_check(guard)]\nFixpoint loop (n : nat) : False := loop n.\n"
     "Theorem pos_square : forall x : R, 0 < x -> 0 < x * x.\nProof. intros. destruct (loop 0). Qed.\n",
     "bypass_check"),
    ("positivity", HEADER + "Unset Positivity Checking.\nInductive bad := mk : (bad -> False) -> bad.\n"
     "Theorem pos_square : forall x : R, 0 < x -> 0 < x * x.\nProof. intros. nra. Qed.\n",
     "disabled kernel check"),
    ("universes", HEADER + "Unset Universe Checking.\nDefinition U := Type.\nDefinition u : U := U.\n"
     "Theorem pos_square : forall x : R, 0 < x -> 0 < x * x.\nProof. intros. nra. Qed.\n",
     "disabled kernel check"),
])
def test_a_disabled_kernel_check_fails_the_audit(tmp_path, name, text, expect):
    coq = build(tmp_path, {"Cited.v": text})
    result = run_audit(coq, [("Cited", "pos_square")])
    assert not result["ok"]
    assert expect in problems(result)


def test_a_hypothesis_in_a_file_named_like_a_library_module_fails(tmp_path):
    text = HEADER + "Hypothesis cheat : False.\nTheorem pos_square : forall x : R, 0 < x -> 0 < x * x.\n" \
                    "Proof. destruct cheat. Qed.\n"
    coq = build(tmp_path, {"Float64.v": text})
    result = run_audit(coq, [("Float64", "pos_square")])
    assert not result["ok"]
    assert f"{LIB}.Float64.cheat" in result["coqchk"]["disallowed"]


def test_a_section_hypothesis_becomes_a_premise_that_must_be_satisfiable(tmp_path):
    text = HEADER + "Section S.\nHypothesis cheat : False.\nTheorem one_is_two : 1 = 2.\n" \
                    "Proof. destruct cheat. Qed.\nEnd S.\n"
    coq = build(tmp_path, {"Cited.v": text})
    result = run_audit(coq, [("Cited", "one_is_two")])
    assert not result["ok"]
    assert "one_is_two_premises_satisfiable" in problems(result)


def test_a_premise_lemma_about_other_premises_fails(tmp_path):
    wrong = CLEAN.replace("exists x : R, 0 < x.\nProof. exists 1. lra. Qed.", "exists x : R, x = x.\nProof. exists 1. reflexivity. Qed.")
    coq = build(tmp_path, {"Cited.v": wrong})
    result = run_audit(coq, [("Cited", "pos_square")], update=False)
    assert "does not discharge its premises" in problems(result)


def test_a_weakened_statement_fails_against_the_lock(clean_project, tmp_path):
    coq, _ = clean_project
    lock = coq.parent / "lock.json"
    weak = build(tmp_path, {"Cited.v": CLEAN.replace("0 < x * x", "0 <= x * x")})
    result = run_audit(weak, [("Cited", "pos_square")], lock=lock)
    assert not result["ok"]
    assert "statement differs from the pinned one" in problems(result)
    assert "+forall x : R, 0 < x -> 0 <= x * x" in problems(result)


def test_a_removed_cited_theorem_fails(tmp_path):
    coq = build(tmp_path, {"Cited.v": HEADER + "Lemma other : 1 = 1.\nProof. reflexivity. Qed.\n"})
    result = run_audit(coq, [("Cited", "pos_square")])
    assert not result["ok"]


def test_a_cited_notation_is_not_a_theorem(tmp_path):
    text = CLEAN + "Notation pos_alias := pos_square.\n"
    coq = build(tmp_path, {"Cited.v": text})
    result = run_audit(coq, [("Cited", "pos_alias")])
    assert "not a theorem" in problems(result)


def test_a_cited_definition_that_is_not_a_proof_fails(tmp_path):
    text = CLEAN + "Definition pos_claim : Prop := forall x : R, 0 < x -> 0 < x * x.\n"
    coq = build(tmp_path, {"Cited.v": text})
    result = run_audit(coq, [("Cited", "pos_claim")])
    assert "is not a proof of a proposition" in problems(result)


def test_a_file_not_in_the_project_fails(tmp_path):
    coq = build(tmp_path, {"Cited.v": CLEAN, "Stray.v": HEADER}, listed=["Cited.v"])
    result = run_audit(coq, [("Cited", "pos_square")])
    assert "Stray.v is not listed in _CoqProject" in problems(result)


def test_the_source_scan_reads_subfolders_and_strings_inside_comments(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "Deep.v").write_text("Axiom cheat : False.\n")
    (tmp_path / "A.v").write_text('(* a string "*)" inside a comment does not close it *)\n'
                                  "Lemma t : False.\nProof. Admitted.\n"
                                  '(* here the comment hides "*)" Admitted *)\n')
    hits = proofs.forbidden_in_coq(tmp_path)
    assert "sub/Deep.v:1: Axiom" in hits
    assert "A.v:3: Admitted" in hits and not any(h.startswith("A.v:4") for h in hits)


def test_loads_primitives_and_extra_project_options_are_refused(tmp_path):
    (tmp_path / "A.v").write_text("Load Evil.\nAdd LoadPath \"/tmp\" as X.\nPrimitive cheat := #int63_add.\nUnset Typing Flags.\n")
    hits = "\n".join(proofs.forbidden_in_coq(tmp_path))
    for what in ("a file loaded outside _CoqProject", "a load path added", "a primitive declared",
                 "typing flags"):
        assert what in hits
    project = tmp_path / "_CoqProject"
    project.write_text("-R . Phi\n-arg -w -arg -deprecated-syntactic-definition\nA.v\n")
    assert proofs.project_option_problems(project) == []
    project.write_text("-R . Phi\n-Q /elsewhere Coq\n-arg -type-in-type\nA.v\n")
    assert len(proofs.project_option_problems(project)) == 2


def test_print_assumptions_is_read_from_stdout_and_strictly():
    ok = "Axioms:\nClassicalDedekindReals.sig_forall_dec\n  : forall P : nat -> Prop, P 0\nPrimInt63.int : Set\n"
    assert proofs.parse_assumptions(ok) == ["ClassicalDedekindReals.sig_forall_dec", "PrimInt63.int"]
    assert proofs.parse_assumptions("Closed under the global context\n") == []
    for bad in ("Axioms:\nloop is assumed to be guarded.\n",
                "Axioms:\nfoo : False\nbad relies on an unsafe hierarchy.\n",
                "Warning: Closed under the global context\nAxioms:\ncheat : False\nextra words here\n"):
        with pytest.raises(proofs.AssumptionsError):
            proofs.parse_assumptions(bad)


@pytest.mark.parametrize("axiom, ok", [
    ("ClassicalDedekindReals.sig_forall_dec", True),
    ("Uint63.add_spec", True),
    ("Float64.cheat", False),
    ("Phi.Float64.cheat", False),
])
def test_short_names_must_be_the_tail_of_an_allowed_full_name(axiom, ok):
    allowed = frozenset({"Coq.Reals.ClassicalDedekindReals.sig_forall_dec", "Coq.Numbers.Cyclic.Int63.Uint63.add_spec"})
    assert proofs.whitelisted(axiom, allowed) is ok


def test_jobs_must_be_positive():
    for jobs in (0, -3):
        with pytest.raises(ValueError):
            proofs.audit(jobs=jobs)
    for jobs in ("0", "-3", "x"):
        proc = subprocess.run([sys.executable, "-m", "pynum", "audit", "--jobs", jobs], cwd=ROOT,
                              capture_output=True, text=True)
        assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) <= 2
