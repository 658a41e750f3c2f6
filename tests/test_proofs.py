"""The proof audit: forbidden keywords, axiom whitelist, the tree and closure judgements, the locks,
and the record make prove writes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pynum.audit import assumptions, build, coqchk, lock, project, proofs, source

ROOT = Path(__file__).resolve().parent.parent
PROOFS_JSON = ROOT / "build" / "proofs.json"


def test_comments_and_strings_are_ignored_but_code_is_not(tmp_path):
    (tmp_path / "A.v").write_text(
        '(* Admitted (* nested Axiom *) still comment *)\nDefinition s := "admit".\n'
        "Lemma x : True.\nProof. admit. Admitted.\n"
    )
    hits = source.forbidden_in_coq(tmp_path)
    assert hits == ["A.v:4: admit", "A.v:4: Admitted"]


def test_every_forbidden_keyword_is_caught(tmp_path):
    for i, word in enumerate(source.FORBIDDEN_COQ):
        (tmp_path / f"F{i}.v").write_text(f"{word} foo : False.\n")
    assert len(source.forbidden_in_coq(tmp_path)) == len(source.FORBIDDEN_COQ)


def test_lean_sorry_is_caught_outside_comments(tmp_path):
    (tmp_path / "A.lean").write_text("-- sorry in a comment\n/- axiom -/\ntheorem t : True := sorry\n")
    assert source.forbidden_in_lean(tmp_path) == ["A.lean:3: sorry"]


def test_project_sources_have_no_forbidden_keyword():
    assert source.forbidden_in_coq() == []
    assert source.forbidden_in_lean() == []


@pytest.mark.parametrize(
    "axiom,ok",
    [
        ("ClassicalDedekindReals.sig_forall_dec", True),
        ("FunctionalExtensionality.functional_extensionality_dep", True),
        ("Uint63.add_spec", True),
        ("PrimInt63.int", True),
        ("Phi.Enclosures.my_axiom", False),
        ("Classical_Prop.proof_irrelevance_is_not_listed", False),
    ],
)
def test_axiom_whitelist(axiom, ok):
    assert proofs.whitelisted(axiom) is ok


def test_parse_assumptions():
    out = "Axioms:\nClassicalDedekindReals.sig_forall_dec\n  : forall P : nat -> Prop, P 0\nPrimInt63.int : Set\n"
    assert assumptions.parse_assumptions(out) == ["ClassicalDedekindReals.sig_forall_dec", "PrimInt63.int"]
    assert assumptions.parse_assumptions("Closed under the global context\n") == []


def test_named_theorems_exist_in_the_coq_sources():
    sources = {p.stem: p.read_text() for p in (ROOT / "coq").glob("*.v")}
    for n in project.named_theorems():
        assert n.file in sources, n.qualified
        pat = rf"\b(Theorem|Lemma|Corollary|Proposition|Fact|Remark|Example)\s+{re.escape(n.name)}\b"
        assert re.search(pat, sources[n.file]), f"{n.qualified} is not stated in coq/{n.file}.v"


def test_proofs_json_from_make_prove():
    """``make test`` runs ``make prove`` first; its record must show a clean audit of this tree."""
    assert PROOFS_JSON.exists(), "run 'make prove' first (make test does)"
    data = json.loads(PROOFS_JSON.read_text())
    # The record is of this tree: an earlier run's record (after a failed build) is stale.
    assert data["sources_sha256"] == project.source_hashes(), "build/proofs.json is stale: run 'make prove'"
    assert data["ok"], data["problems"]
    listed = {p.stem for p in project.coq_files()}
    assert data["build"]["ok"] and set(data["build"]["vo_sha256"]) == listed and data["reused"] == []
    assert data["coqchk"]["ok"] and not data["coqchk"]["disallowed"] and not data["coqchk"]["unsafe"]
    assert set(data["coqchk"]["checked"]) == {f"Phi.{m}" for m in listed}
    assert {m.split(".")[0] for m in data["coqchk"]["admitted"]} <= set(build.LIBRARY_ROOTS)
    assert data["typing_flags"] == [] and data["admitted_count"] == 0
    coq = [t for t in data["theorems"] if t["prover"] == "coq"]
    named = {n.qualified for n in project.named_theorems()}
    assert {t["theorem"] for t in coq} == named
    assert all(t["checked"] and not t["non_whitelisted"] for t in coq)
    assert all(t["non_vacuous"] in (True, "no premises") for t in coq)
    pinned = lock.read(lock.LOCK)
    assert (
        sum(t["non_vacuous"] is True for t in coq)
        == data["statements"]["with_premises"]
        == pinned["counts"]["with_premises"]
        > 0
    )
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


def test_the_locks_match_the_ledger_and_the_cited_theorems():
    """Both locks are of this tree's citations and verdicts (regenerate: pynum audit --update-lock)."""
    from pynum.ledger.loader import claim_links_unvalidated

    pinned = lock.read(lock.LOCK)
    assert set(pinned["theorems"]) == {n.qualified for n in project.named_theorems()}
    assert pinned["counts"]["theorems"] == len(pinned["theorems"])
    assert set(pinned["definitions"]) == {d for t in pinned["theorems"].values() for d in t["definitions"]}
    assert (
        lock.compare_ledger(
            lock.read(lock.LEDGER_LOCK), lock.ledger_snapshot(claim_links_unvalidated()), lock.LEDGER_LOCK
        )
        == []
    )


def test_print_assumptions_over_every_cited_theorem_stays_within_coqchks_allowed_axioms():
    """make prove leaves the theorems of modules that load Interval or Coquelicot to coqchk's
    listing; here Print Assumptions walks all of them (one bundle) over make prove's build tree."""
    import shutil

    if shutil.which("coqc") is None:
        pytest.skip("coqc not installed (make setup installs it)")
    data = json.loads(PROOFS_JSON.read_text())
    tree = Path(data["build"]["tree"])
    allowed = frozenset(a for a in data["coqchk"]["axioms"] if a not in data["coqchk"]["disallowed"])
    work = ROOT / "build" / "prove" / "audit"
    bundle = assumptions.run_bundle(project.named_theorems(), work, 99, tree, project.LIBRARY)
    assert bundle["ok"], bundle["error"]
    assert bundle["theorems"] == len(project.named_theorems()) and bundle["flags"] == []
    assert bundle["axioms"] and all(proofs.whitelisted(a, allowed) for a in bundle["axioms"])
    # the walk reaches the classical axiom and Interval's float specifications, as coqchk says
    assert "Classical_Prop.classic" in bundle["axioms"] and any(a.startswith("FloatAxioms.") for a in bundle["axioms"])


def test_typing_flag_lines_of_print_assumptions_are_named():
    out = "Axioms:\nU.seq relies on definitional UIP.\nloop is assumed to be guarded.\nClassical_Prop.classic : forall P : Prop, P\n"
    assert assumptions.flags_used(out) == [("U.seq", "definitional UIP"), ("loop", "guard checking")]
    record = assumptions.judge_bundle(1, True, out, "", 0.1)
    assert record["ok"] and record["axioms"] == ["Classical_Prop.classic"]
    assert record["flags"] == ["U.seq: definitional UIP", "loop: guard checking"]


def test_the_tree_is_vetted_by_name(tmp_path):
    coq = tmp_path / "coq"
    (coq / "sub").mkdir(parents=True)
    (coq / "_CoqProject").write_text("-R . Phi\nA.v\nReals.v\nsub/A.v\nGone.v\n")
    for f in ("A.v", "Reals.v", "sub/A.v", "B.v", "A.vo", ".A.aux", "CoqMakefile.local", "notes.txt"):
        (coq / f).write_text("")
    (coq / "L.v").symlink_to(coq / "A.v")
    found = "\n".join(build.vet_tree(coq, "Phi"))
    for expect in (
        "coq/A.vo: a compiled file",
        "coq/.A.aux: a compiled file",
        "coq/B.v: not listed",
        "coq/CoqMakefile.local: a makefile fragment",
        "coq/notes.txt: not a listed source",
        "coq/L.v: a symbolic link",
        "coq/Gone.v is listed in _CoqProject but missing",
        "module Phi.Reals is named like the library module Coq.Reals.Reals",
        "module name A is used twice",
    ):
        assert expect in found
    assert "coq/A.v:" not in found and "coq/_CoqProject" not in found


def test_a_listed_source_git_does_not_track_fails(tmp_path):
    import subprocess

    coq = tmp_path / "coq"
    coq.mkdir()
    (coq / "_CoqProject").write_text("-R . Phi\nA.v\nB.v\n")
    (coq / "A.v").write_text("")
    (coq / "B.v").write_text("")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "coq/_CoqProject", "coq/A.v"], cwd=tmp_path, check=True)
    assert build.vet_tree(coq, "Phi") == ["coq/B.v is listed but not tracked by git ('git add' it)"]


def test_the_closure_is_judged_from_what_coqchk_loaded(tmp_path):
    lib = next(iter(build.installed_modules().values()))
    run = coqchk.CoqchkResult(
        True,
        "v",
        ["A"],
        checked=["Phi.A"],
        loaded=[str(tmp_path / "A.vo"), str(tmp_path / "sub" / "B.vo"), str(lib), "/tmp/x/Evil.vo"],
    )
    found, admitted = coqchk.judge_closure([run], tmp_path, "Phi")
    assert found == [
        "coqchk loaded Phi.sub.B from the build tree without re-checking it",
        "coqchk loaded /tmp/x/Evil.vo, neither a module of the build tree nor of an installed library",
    ]
    assert admitted == [next(iter(build.installed_modules()))]


def test_printed_names_are_fully_qualified():
    q = __import__("pynum.audit.statements", fromlist=["qualifier"]).qualifier(
        "Phi", ["Constants", "Sub.Deep"], ["Coq.Reals.Rdefinitions", "Coq.Numbers.BinNums"]
    )
    assert (
        q("@eq Rdefinitions.RbaseSymbolsImpl.R Constants.alpha_phi (Deep.f BinNums.xH) x.y")
        == "@eq Coq.Reals.Rdefinitions.RbaseSymbolsImpl.R Phi.Constants.alpha_phi (Phi.Sub.Deep.f Coq.Numbers.BinNums.xH) x.y"
    )


def test_required_libraries_follow_project_requires(tmp_path):
    (tmp_path / "A.v").write_text("(* From Interval Require Import Tactic. *)\nFrom Coq Require Import Reals.\n")
    (tmp_path / "B.v").write_text("From Interval Require Import Tactic.\nFrom Lib Require Import A.\n")
    (tmp_path / "C.v").write_text("Require Import Lib.B.\nRequire Export Coquelicot.Coquelicot.\n")
    libs = source.required_libraries(tmp_path, "Lib", ["A", "B", "C"])
    assert libs == {"A": {"Coq"}, "B": {"Coq", "Interval"}, "C": {"Coq", "Interval", "Coquelicot"}}


def test_split_bundles_covers_every_theorem_once():
    names = project.named_theorems()
    for jobs in (1, 2, 3):
        groups = assumptions.split_bundles(names, jobs)
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
    out = subprocess.run(
        ["make", "-s", "require-coq"], cwd=ROOT, capture_output=True, text=True, env={"PATH": str(bindir)}
    )
    assert out.returncode == 2
    assert "coqc not found" in out.stderr and "apt-get install -y coq libcoq-coquelicot libcoq-interval" in out.stderr


def test_the_source_scan_reads_subfolders_and_strings_inside_comments(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "Deep.v").write_text("Axiom cheat : False.\n")
    (tmp_path / "A.v").write_text(
        '(* a string "*)" inside a comment does not close it *)\n'
        "Lemma t : False.\nProof. Admitted.\n"
        '(* here the comment hides "*)" Admitted *)\n'
    )
    hits = source.forbidden_in_coq(tmp_path)
    assert "sub/Deep.v:1: Axiom" in hits
    assert "A.v:3: Admitted" in hits and not any(h.startswith("A.v:4") for h in hits)


def test_loads_primitives_flags_and_extra_project_options_are_refused(tmp_path):
    (tmp_path / "A.v").write_text(
        'Load Evil.\nAdd LoadPath "/tmp" as X.\nPrimitive cheat := #int63_add.\n'
        "Unset Typing Flags.\nLocal Set\n  Definitional (* c *) UIP.\nSet Cumulative StrictProp.\n"
    )
    hits = "\n".join(source.forbidden_in_coq(tmp_path))
    for what in (
        "a file loaded outside _CoqProject",
        "a load path added",
        "a primitive declared",
        "typing flag: the kernel's typing flags",
        "A.v:5: Set Definitional UIP (typing flag: definitional UIP)",
        "typing flag: cumulative StrictProp",
    ):
        assert what in hits
    project_file = tmp_path / "_CoqProject"
    project_file.write_text("-R . Phi\n-arg -w -arg -deprecated-syntactic-definition\nA.v\n")
    assert source.project_option_problems(project_file) == []
    assert build.warning_args(project_file) == ["-w", "-deprecated-syntactic-definition"]
    project_file.write_text("-R . Phi\n-Q /elsewhere Coq\n-arg -type-in-type\nA.v\n")
    assert len(source.project_option_problems(project_file)) == 2


def test_print_assumptions_is_read_from_stdout_and_strictly():
    ok = "Axioms:\nClassicalDedekindReals.sig_forall_dec\n  : forall P : nat -> Prop, P 0\nPrimInt63.int : Set\n"
    assert assumptions.parse_assumptions(ok) == ["ClassicalDedekindReals.sig_forall_dec", "PrimInt63.int"]
    assert assumptions.parse_assumptions("Closed under the global context\n") == []
    for bad in (
        "Axioms:\nloop is assumed to be guarded.\n",
        "Axioms:\nfoo : False\nbad relies on an unsafe hierarchy.\n",
        "Warning: Closed under the global context\nAxioms:\ncheat : False\nextra words here\n",
    ):
        with pytest.raises(assumptions.AssumptionsError):
            assumptions.parse_assumptions(bad)


@pytest.mark.parametrize(
    "axiom, ok",
    [
        ("ClassicalDedekindReals.sig_forall_dec", True),
        ("Uint63.add_spec", True),
        ("Float64.cheat", False),
        ("Phi.Float64.cheat", False),
    ],
)
def test_short_names_must_be_the_tail_of_an_allowed_full_name(axiom, ok):
    allowed = frozenset({"Coq.Reals.ClassicalDedekindReals.sig_forall_dec", "Coq.Numbers.Cyclic.Int63.Uint63.add_spec"})
    assert proofs.whitelisted(axiom, allowed) is ok


def test_jobs_must_be_positive():
    import subprocess
    import sys

    for jobs in (0, -3):
        with pytest.raises(ValueError):
            proofs.audit(jobs=jobs)
    for jobs in ("0", "-3", "x"):
        proc = subprocess.run(
            [sys.executable, "-m", "pynum", "audit", "--jobs", jobs], cwd=ROOT, capture_output=True, text=True
        )
        assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) <= 2
