"""The audit cannot be fooled: each known way to slip an unchecked or changed statement past
``make prove`` fails the audit it runs (``pynum.audit.proofs.audit``), with a message naming it.

Each case writes a small scratch project (``coq/`` with ``_CoqProject`` and sources; nothing
compiled) and audits it as ``make prove`` does: the tree vetted, the listed sources compiled afresh
in ``build/prove/coq``, coqchk over the closure, the statement batch, the locks.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from pynum.audit import proofs
from pynum.audit.project import Named
from pynum.audit.summary import summary

LIB = "Scratch"
HEADER = "From Coq Require Import Reals Lra.\nOpen Scope R_scope.\n"
CLEAN = (
    HEADER
    + """
Definition sq (x : R) := x * x.
(* A cited theorem with a premise, and the lemma showing its premise can hold. *)
Theorem pos_square : forall x : R, 0 < x -> 0 < sq x.
Proof. intros x Hx. unfold sq. nra. Qed.
Lemma pos_square_premises_satisfiable : exists x : R, 0 < x.
Proof. exists 1. lra. Qed.
"""
)
CITED = [("Cited", "pos_square")]
W6 = {"W6": {"verdict": "refuted", "coq": ["Cited.pos_square"], "lean": []}}

pytestmark = pytest.mark.skipif(
    shutil.which("coqc") is None or shutil.which("coqchk") is None,
    reason="coqc/coqchk not installed (make setup installs them)",
)


def project(tmp: Path, files: dict[str, str | bytes], listed: list[str] | None = None) -> Path:
    """A scratch project: ``files`` under ``tmp/coq``; ``_CoqProject`` lists ``listed`` (default:
    every ``.v`` file given)."""
    coq = tmp / "coq"
    coq.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (coq / name).parent.mkdir(parents=True, exist_ok=True)
        (coq / name).write_bytes(text if isinstance(text, bytes) else text.encode())
    order = listed if listed is not None else [n for n in files if n.endswith(".v")]
    (coq / "_CoqProject").write_text(f"-R . {LIB}\n" + "\n".join(order) + "\n")
    return coq


def audit(coq: Path, names=CITED, lock: Path | None = None, update: bool = False, ledger=W6) -> dict:
    cited = [Named(f, n, ("W6",), library=LIB) for f, n in names]
    return proofs.audit(
        coq_dir=coq,
        library=LIB,
        names=cited,
        lock=lock or coq.parent / "lock.json",
        update_lock=update,
        with_lean=False,
        ledger=ledger,
        ledger_lock=(lock or coq.parent / "lock.json").with_name("ledger.lock.json"),
    )


def problems(result: dict) -> str:
    return "\n".join(result["problems"])


def compiled(tmp: Path, name: str, text: str) -> bytes:
    """The ``.vo`` coqc makes of ``text`` as module ``name`` of the scratch library, built apart."""
    d = tmp / "elsewhere"
    d.mkdir(exist_ok=True)
    (d / f"{name}.v").write_text(text)
    proc = subprocess.run(["coqc", "-q", "-R", ".", LIB, f"{name}.v"], cwd=d, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return (d / f"{name}.vo").read_bytes()


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """A clean project audited once with --update-lock (the locks pinned), then its lock paths."""
    tmp = tmp_path_factory.mktemp("clean")
    coq = project(tmp, {"Cited.v": CLEAN})
    first = audit(coq, update=True)
    assert first["ok"], first["problems"]
    return coq, first


def pinned(clean, tmp: Path, files: dict, **kw) -> dict:
    """Audit ``files`` against the clean project's locks."""
    tmp.mkdir(parents=True, exist_ok=True)
    lock = tmp / "lock.json"
    shutil.copy(clean[0].parent / "lock.json", lock)
    shutil.copy(clean[0].parent / "ledger.lock.json", tmp / "ledger.lock.json")
    return audit(project(tmp, files), lock=lock, **kw)


def test_a_clean_project_passes_and_says_nothing_was_reused(clean):
    coq, first = clean
    again = audit(coq)
    assert again["ok"], again["problems"]
    assert again["coqchk"]["checked"] == [f"{LIB}.Cited"] and again["statements"]["non_vacuous"] == 1
    assert again["reused"] == [] and again["build"]["vo_sha256"].keys() == {"Cited"}
    assert any(r.endswith("prove") for r in again["removed_from_earlier_runs"])
    lines = "\n".join(summary(again))
    assert "1 project modules re-checked" in lines and "reused from earlier runs: nothing" in lines
    lock = json.loads((coq.parent / "lock.json").read_text())
    assert lock["counts"] == {"theorems": 1, "with_premises": 1, "definitions": 1}
    assert lock["theorems"][f"{LIB}.Cited.pos_square"]["definitions"] == [f"{LIB}.Cited.sq"]
    assert "Coq.Reals.Rdefinitions.RbaseSymbolsImpl.Rlt" in lock["theorems"][f"{LIB}.Cited.pos_square"]["statement"]


def test_a_source_less_compiled_module_in_a_subfolder_fails_by_name(tmp_path):
    evil = compiled(tmp_path, "Evil", "Lemma one_is_two : 1 = 1.\nProof. reflexivity. Qed.\n")
    coq = project(tmp_path, {"Cited.v": "Require Scratch.sub.Evil.\n" + CLEAN, "sub/Evil.vo": evil}, listed=["Cited.v"])
    result = audit(coq)
    assert not result["ok"]
    assert "coq/sub/Evil.vo: a compiled file" in problems(result)
    assert "coqc failed on Cited.v" in problems(result)  # it is not in the build tree: never loaded


def test_a_byte_edited_or_foreign_compiled_module_is_refused_and_never_read(clean, tmp_path):
    foreign = compiled(tmp_path, "Cited", HEADER + "Theorem pos_square : True.\nProof. exact I. Qed.\n")
    edited = bytearray(foreign)
    edited[-40] ^= 0xFF
    for name, blob in (("Cited.vo", bytes(edited)), ("Cited.vos", b""), ("Cited.glob", b"F")):
        result = pinned(clean, tmp_path / name, {"Cited.v": CLEAN, name: blob})
        assert not result["ok"]
        assert f"coq/{name}: a compiled file" in problems(result)
        # the audit compiled its own from the source: the statement is the pinned one, not True
        assert "statement differs" not in problems(result)
        assert result["build"]["vo_sha256"]["Cited"] != __import__("hashlib").sha256(blob).hexdigest()


def test_a_vo_newer_than_its_source_but_built_from_another_is_refused(clean, tmp_path):
    import os
    import time

    other = compiled(tmp_path, "Cited", HEADER + "Theorem pos_square : True.\nProof. exact I. Qed.\n")
    coq = project(tmp_path, {"Cited.v": CLEAN, "Cited.vo": other})
    later = time.time() + 60
    os.utime(coq / "Cited.vo", (later, later))
    result = audit(coq, lock=clean[0].parent / "lock.json")
    assert "coq/Cited.vo: a compiled file" in problems(result)


def test_a_makefile_fragment_is_refused(tmp_path):
    coq = project(tmp_path, {"Cited.v": CLEAN, "CoqMakefile.local": "COQC = true\n", "Makefile.conf": ""})
    result = audit(coq)
    assert "coq/CoqMakefile.local: a makefile fragment" in problems(result)
    assert "coq/Makefile.conf: a makefile fragment" in problems(result)


def test_a_module_shadowing_reals_with_a_printing_only_notation_is_refused(clean, tmp_path):
    shadow = (
        "From Coq Require Export Reals.\nOpen Scope R_scope.\nDefinition sq (x : R) := x * x.\n"
        "Notation \"'forall' x : 'R' , 0 < x -> 0 < 'sq' x\" := True (at level 200, only printing).\n"
    )
    cited = (
        "Require Import Reals.\nTheorem pos_square : True.\nProof. exact I. Qed.\n"
        "Lemma pos_square_premises_satisfiable : True.\nProof. exact I. Qed.\n"
    )
    result = pinned(clean, tmp_path, {"Reals.v": shadow, "Cited.v": cited})
    assert not result["ok"]
    assert "coq/Reals.v: module Scratch.Reals is named like the library module Coq.Reals.Reals" in problems(result)
    assert "Scratch.Cited.pos_square: statement differs from the pinned one" in problems(result)
    assert "+True" in problems(result)


def test_a_changed_definition_body_fails_with_its_name_and_a_diff(clean, tmp_path):
    changed = CLEAN.replace("Definition sq (x : R) := x * x.", "Definition sq (x : R) := x * x + 0.").replace(
        "unfold sq. nra.", "unfold sq. rewrite Rplus_0_r. nra."
    )
    result = pinned(clean, tmp_path, {"Cited.v": changed})
    assert not result["ok"]
    text = problems(result)
    assert "definition Scratch.Cited.sq changed (cited statements using it: Scratch.Cited.pos_square)" in text
    assert "Coq.Reals.Rdefinitions.RbaseSymbolsImpl.Rplus" in text and "\n+" in text
    assert "statement differs" not in text  # the statement prints the same: only the pin of sq sees it


def test_a_forged_cache_and_stale_build_are_removed_unread(tmp_path):
    cheat = (
        HEADER + "Hypothesis cheat : False.\nTheorem pos_square : forall x : R, 0 < x -> 0 < x * x.\n"
        "Proof. destruct cheat. Qed.\nLemma pos_square_premises_satisfiable : exists x : R, 0 < x.\n"
        "Proof. exists 1. lra. Qed.\n"
    )
    coq = project(tmp_path, {"Float64.v": cheat})
    stale = tmp_path / "build"
    (stale / "audit").mkdir(parents=True)
    forged = {"coqchk": {"key": "0" * 64, "result": {"ok": True, "version": "forged", "modules": ["Float64"]}}}
    (stale / "audit" / "kernel-cache.json").write_text(json.dumps(forged))
    (stale / "prove" / "coq").mkdir(parents=True)
    (stale / "prove" / "coq" / "Float64.vo").write_bytes(b"forged")
    result = audit(coq, names=[("Float64", "pos_square")], ledger=None)
    assert not result["ok"]
    assert f"{LIB}.Float64.cheat" in result["coqchk"]["disallowed"]
    assert result["reused"] == [] and not (stale / "audit").exists()
    assert {Path(r).name for r in result["removed_from_earlier_runs"]} == {"audit", "prove"}


def test_definitional_uip_in_a_module_that_loads_interval_is_reported_and_refused(tmp_path):
    uip = (
        "From Interval Require Import Tactic.\nSet Definitional UIP.\n"
        "Inductive seq {A} (a : A) : A -> SProp := srefl : seq a a.\n"
        "Theorem uses_uip : forall (e : seq 0 0), 1 = 1.\nProof. reflexivity. Qed.\n"
    )
    coq = project(tmp_path, {"Uip.v": uip})
    result = audit(coq, names=[("Uip", "uses_uip")], ledger=None)
    assert not result["ok"]
    assert "Uip.v:2: Set Definitional UIP (typing flag: definitional UIP)" in problems(result)
    # the kernel's own account, though Print Assumptions skips the modules that load Interval
    assert "typing flag not allowed: Scratch.Uip.seq: definitional UIP" in problems(result)
    assert result["print_assumptions"]["left_to_coqchk"] == ["Uip"]


@pytest.mark.parametrize(
    "lemma, expect",
    [
        ("", "has 1 Type-sorted premise(s) but no vacuous_premises_satisfiable"),
        (
            "Lemma vacuous_premises_satisfiable : exists x : R, x = x.\nProof. exists 0. reflexivity. Qed.\n",
            "does not discharge its premises (1 Type-sorted premise(s)",
        ),
    ],
)
def test_a_type_sorted_empty_premise_fails(tmp_path, lemma, expect):
    text = HEADER + "Theorem vacuous : forall e : Empty_set, 1 = 2.\nProof. intros []. Qed.\n" + lemma
    result = audit(project(tmp_path, {"Cited.v": text}), names=[("Cited", "vacuous")], ledger=None)
    assert not result["ok"]
    assert expect in problems(result)


def test_a_theorem_losing_its_premise_is_a_lock_change(clean, tmp_path):
    weaker = CLEAN.replace("forall x : R, 0 < x -> 0 < sq x", "forall x : R, 0 <= sq x").replace(
        "intros x Hx. unfold sq. nra.", "intros x. unfold sq. nra."
    )
    result = pinned(clean, tmp_path, {"Cited.v": weaker})
    text = problems(result)
    assert "premises by sort changed from {'Prop': 1, 'Type': 0, 'SProp': 0} to {'Prop': 0" in text
    assert "the number of theorems with premises changed from 1 to 0" in text


def test_a_verdict_flip_fails_until_the_lock_is_updated_and_the_update_says_what_changed(clean, tmp_path):
    flipped = {"W6": dict(W6["W6"], verdict="proved")}
    result = pinned(clean, tmp_path, {"Cited.v": CLEAN}, ledger=flipped)
    assert not result["ok"]
    assert "claim W6: verdict changed from refuted to proved" in problems(result)
    updated = pinned(clean, tmp_path / "u", {"Cited.v": CLEAN}, ledger=flipped, update=True)
    assert updated["ok"] and any(
        "claim W6: verdict changed from refuted to proved" in c for c in updated["statements"]["changes"]
    )
    relinked = {"W6": dict(W6["W6"], coq=[])}
    assert "claim W6: coq changed from ['Cited.pos_square'] to []" in problems(
        pinned(clean, tmp_path / "r", {"Cited.v": CLEAN}, ledger=relinked)
    )
