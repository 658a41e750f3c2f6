"""The proof audit: forbidden keywords, axiom whitelist, and the record make prove writes."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pynum import proofs

ROOT = Path(__file__).resolve().parent.parent
PROOFS_JSON = ROOT / "build" / "proofs.json"


def test_comments_and_strings_are_ignored_but_code_is_not(tmp_path):
    (tmp_path / "A.v").write_text(
        '(* Admitted (* nested Axiom *) still comment *)\nDefinition s := "admit".\n'
        "Lemma x : True.\nProof. admit. Admitted.\n")
    hits = proofs.forbidden_in_coq(tmp_path)
    assert hits == ["A.v:4: admit", "A.v:4: Admitted"]


def test_every_forbidden_keyword_is_caught(tmp_path):
    for i, word in enumerate(proofs.FORBIDDEN_COQ):
        (tmp_path / f"F{i}.v").write_text(f"{word} foo : False.\n")
    assert len(proofs.forbidden_in_coq(tmp_path)) == len(proofs.FORBIDDEN_COQ)


def test_lean_sorry_is_caught_outside_comments(tmp_path):
    (tmp_path / "A.lean").write_text("-- sorry in a comment\n/- axiom -/\ntheorem t : True := sorry\n")
    assert proofs.forbidden_in_lean(tmp_path) == ["A.lean:3: sorry"]


def test_project_sources_have_no_forbidden_keyword():
    assert proofs.forbidden_in_coq() == []
    assert proofs.forbidden_in_lean() == []


@pytest.mark.parametrize("axiom,ok", [
    ("ClassicalDedekindReals.sig_forall_dec", True),
    ("FunctionalExtensionality.functional_extensionality_dep", True),
    ("Uint63.add_spec", True),
    ("PrimInt63.int", True),
    ("Phi.Enclosures.my_axiom", False),
    ("Classical_Prop.proof_irrelevance_is_not_listed", False),
])
def test_axiom_whitelist(axiom, ok):
    assert proofs.whitelisted(axiom) is ok


def test_parse_assumptions():
    out = ("Axioms:\nClassicalDedekindReals.sig_forall_dec\n  : forall P : nat -> Prop, P 0\n"
           "PrimInt63.int : Set\n")
    assert proofs.parse_assumptions(out) == ["ClassicalDedekindReals.sig_forall_dec", "PrimInt63.int"]
    assert proofs.parse_assumptions("Closed under the global context\n") == []


def test_named_theorems_exist_in_the_coq_sources():
    sources = {p.stem: p.read_text() for p in (ROOT / "coq").glob("*.v")}
    for n in proofs.named_theorems():
        assert n.file in sources, n.qualified
        pat = rf"\b(Theorem|Lemma|Corollary|Proposition|Fact|Remark|Example)\s+{re.escape(n.name)}\b"
        assert re.search(pat, sources[n.file]), f"{n.qualified} is not stated in coq/{n.file}.v"


def test_proofs_json_from_make_prove():
    """``make test`` runs ``make prove`` first; its record must show a clean audit."""
    assert PROOFS_JSON.exists(), "run 'make prove' first (make test does)"
    data = json.loads(PROOFS_JSON.read_text())
    # The record is of this tree: an earlier run's record (after a failed build) is stale.
    assert data["sources_sha256"] == proofs.source_hashes(), "build/proofs.json is stale: run 'make prove'"
    assert data["ok"], data["problems"]
    assert data["coqchk"]["ok"] and not data["coqchk"]["disallowed"] and not data["coqchk"]["unsafe"]
    assert set(data["coqchk"]["modules"]) == {p.stem for p in proofs.coq_files()}
    assert data["admitted_count"] == 0
    coq = [t for t in data["theorems"] if t["prover"] == "coq"]
    named = {n.qualified for n in proofs.named_theorems()}
    assert {t["theorem"] for t in coq} == named
    assert all(t["checked"] and not t["non_whitelisted"] for t in coq)
    assert all(t["non_vacuous"] in (True, "no premises") for t in coq)
    assert sum(t["non_vacuous"] is True for t in coq) == data["statements"]["with_premises"] > 0
    pa = data["print_assumptions"]
    assert pa["of"] == len(coq) and pa["theorems"] == sum(b["theorems"] for b in data["bundles"]) > 0
    walked = {t["theorem"] for t in coq if t["axioms_from"].startswith("Print Assumptions")}
    assert len(walked) == pa["theorems"]
    # every theorem not walked lies in a module that loads a costly library, and no other
    assert {t["file"][4:-2] for t in coq if t["theorem"] not in walked} == set(pa["left_to_coqchk"])
    assert all(proofs.whitelisted(a) for a in pa["axioms"])
    lean = [t for t in data["theorems"] if t["prover"] == "lean"]
    if not data["lean"]["checked"]:
        assert all(not t["checked"] for t in lean)


def test_print_assumptions_over_every_cited_theorem_stays_within_coqchks_allowed_axioms():
    """make prove leaves the theorems of modules that load Interval or Coquelicot to coqchk's
    listing; here Print Assumptions walks all of them (one bundle, ~17 s) as a second account."""
    import shutil

    if shutil.which("coqc") is None:
        pytest.skip("coqc not installed (make setup installs it)")
    data = json.loads(PROOFS_JSON.read_text())
    allowed = frozenset(a for a in data["coqchk"]["axioms"] if a not in data["coqchk"]["disallowed"])
    bundle = proofs.run_bundle(proofs.named_theorems(), ROOT / "build" / "audit", 99, ROOT / "coq", proofs.LIBRARY)
    assert bundle["ok"], bundle["error"]
    assert bundle["theorems"] == len(proofs.named_theorems())
    assert bundle["axioms"] and all(proofs.whitelisted(a, allowed) for a in bundle["axioms"])
    # the walk reaches the classical axiom and Interval's float specifications, as coqchk says
    assert "Classical_Prop.classic" in bundle["axioms"] and any(a.startswith("FloatAxioms.") for a in bundle["axioms"])


def test_required_libraries_follow_project_requires(tmp_path):
    (tmp_path / "A.v").write_text('(* From Interval Require Import Tactic. *)\nFrom Coq Require Import Reals.\n')
    (tmp_path / "B.v").write_text("From Interval Require Import Tactic.\nFrom Lib Require Import A.\n")
    (tmp_path / "C.v").write_text("Require Import Lib.B.\nRequire Export Coquelicot.Coquelicot.\n")
    libs = proofs.required_libraries(tmp_path, "Lib", ["A", "B", "C"])
    assert libs == {"A": {"Coq"}, "B": {"Coq", "Interval"}, "C": {"Coq", "Interval", "Coquelicot"}}


def test_split_bundles_covers_every_theorem_once():
    names = proofs.named_theorems()
    for jobs in (1, 2, 3):
        groups = proofs.split_bundles(names, jobs)
        flat = [n.qualified for g in groups for n in g]
        assert sorted(flat) == sorted(n.qualified for n in names) and len(groups) == jobs


def test_make_prove_without_coq_says_how_to_install(tmp_path):
    """With no coqc on PATH, the Makefile's guard prints the install command and exits 2."""
    import os
    import shutil
    import subprocess

    bindir = tmp_path / "bin"
    bindir.mkdir()
    for tool in ("make", "bash", "sh"):
        os.symlink(shutil.which(tool), bindir / tool)
    out = subprocess.run(["make", "-s", "require-coq"], cwd=ROOT, capture_output=True, text=True,
                         env={"PATH": str(bindir)})
    assert out.returncode == 2
    assert "coqc not found" in out.stderr and "apt-get install -y coq libcoq-coquelicot libcoq-interval" in out.stderr
