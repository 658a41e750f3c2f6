"""The audit's kernel-side checks on scratch projects: disabled checks, hypotheses, notations and
definitions cited as theorems, weakened statements, premises that cannot hold (any sort)."""

from __future__ import annotations

import shutil

import pytest
from test_audit_escapes import CLEAN, HEADER, LIB, audit, problems, project

pytestmark = pytest.mark.skipif(
    shutil.which("coqc") is None or shutil.which("coqchk") is None,
    reason="coqc/coqchk not installed (make setup installs them)",
)
LOOP = "Fixpoint loop (n : nat) : False := loop n.\n"
POS = "Theorem pos_square : forall x : R, 0 < x -> 0 < x * x.\n"


@pytest.mark.parametrize(
    "text, expect",
    [
        (
            HEADER + "Unset Guard Checking.\n" + LOOP + POS + "Proof. intros. destruct (loop 0). Qed.\n",
            "Unset Guard Checking (typing flag: guard checking)",
        ),
        (HEADER + "#[bypass_check(guard)]\n" + LOOP + POS + "Proof. intros. destruct (loop 0). Qed.\n", "bypass_check"),
        (
            HEADER
            + "Unset Positivity Checking.\nInductive bad := mk : (bad -> False) -> bad.\n"
            + POS
            + "Proof. intros. nra. Qed.\n",
            "typing flag: positivity checking",
        ),
        (
            HEADER
            + "Unset Universe Checking.\nDefinition U := Type.\nDefinition u : U := U.\n"
            + POS
            + "Proof. intros. nra. Qed.\n",
            "typing flag: universe checking",
        ),
    ],
)
def test_a_disabled_kernel_check_fails_by_its_flag(tmp_path, text, expect):
    result = audit(project(tmp_path, {"Cited.v": text}), ledger=None)
    assert not result["ok"]
    assert expect in problems(result)
    assert result["coqchk"]["unsafe"] or "Unset Universe" in text or "positivity" in expect


def test_a_hypothesis_in_a_file_named_like_a_library_module_fails(tmp_path):
    text = HEADER + "Hypothesis cheat : False.\n" + POS + "Proof. destruct cheat. Qed.\n"
    result = audit(project(tmp_path, {"Float64.v": text}), names=[("Float64", "pos_square")], ledger=None)
    assert not result["ok"]
    assert f"{LIB}.Float64.cheat" in result["coqchk"]["disallowed"]


def test_a_section_hypothesis_becomes_a_premise_that_must_be_satisfiable(tmp_path):
    text = (
        HEADER + "Section S.\nHypothesis cheat : False.\nTheorem one_is_two : 1 = 2.\n"
        "Proof. destruct cheat. Qed.\nEnd S.\n"
    )
    result = audit(project(tmp_path, {"Cited.v": text}), names=[("Cited", "one_is_two")], ledger=None)
    assert "has 1 Prop-sorted premise(s) but no one_is_two_premises_satisfiable" in problems(result)


def test_an_sprop_premise_cannot_be_discharged(tmp_path):
    text = (
        HEADER + "Inductive sE : SProp := .\nTheorem one_is_two : forall e : sE, 1 = 2.\nProof. intros []. Qed.\n"
        "Lemma one_is_two_premises_satisfiable : True.\nProof. exact I. Qed.\n"
    )
    result = audit(project(tmp_path, {"Cited.v": text}), names=[("Cited", "one_is_two")], ledger=None)
    assert "does not discharge its premises (1 SProp-sorted premise(s)" in problems(result)


def test_a_premise_lemma_about_other_premises_fails(tmp_path):
    wrong = CLEAN.replace(
        "exists x : R, 0 < x.\nProof. exists 1. lra. Qed.", "exists x : R, x = x.\nProof. exists 1. reflexivity. Qed."
    )
    result = audit(project(tmp_path, {"Cited.v": wrong}), ledger=None)
    assert "does not discharge its premises (1 Prop-sorted premise(s)" in problems(result)


def test_data_binders_no_premise_fixes_are_filled_by_inhabitants(tmp_path):
    text = HEADER + (
        "Theorem free_data : forall (f : nat -> R) (l : list R) (x : R), 0 < x -> 0 < x + 0 * f 0%nat.\n"
        "Proof. intros. lra. Qed.\n"
        "Lemma free_data_premises_satisfiable : exists x : R, 0 < x.\nProof. exists 1. lra. Qed.\n"
    )
    result = audit(project(tmp_path, {"Cited.v": text}), names=[("Cited", "free_data")], ledger=None, update=True)
    assert result["ok"], result["problems"]
    assert result["theorems"][0]["premises"] == {"Prop": 1, "Type": 0, "SProp": 0}


def test_a_weakened_statement_fails_against_the_lock(tmp_path):
    first = audit(project(tmp_path / "a", {"Cited.v": CLEAN}), update=True, ledger=None)
    assert first["ok"], first["problems"]
    weak = CLEAN.replace("0 < sq x", "0 <= sq x")
    result = audit(project(tmp_path / "b", {"Cited.v": weak}), lock=tmp_path / "a" / "lock.json", ledger=None)
    assert "Scratch.Cited.pos_square: statement differs from the pinned one" in problems(result)
    assert "Coq.Reals.Rdefinitions.Rle" in problems(result)


@pytest.mark.parametrize(
    "extra, name, expect",
    [
        ("Lemma other : 1 = 1.\nProof. reflexivity. Qed.\n", "absent", "could not be inspected"),
        ("Notation pos_alias := pos_square.\n", "pos_alias", "not a theorem"),
        (
            "Definition pos_claim : Prop := forall x : R, 0 < x -> 0 < x * x.\n",
            "pos_claim",
            "is not a proof of a proposition",
        ),
    ],
)
def test_a_cited_name_that_is_not_a_theorem_fails(tmp_path, extra, name, expect):
    result = audit(project(tmp_path, {"Cited.v": CLEAN + extra}), names=[("Cited", name)], ledger=None)
    assert not result["ok"] and expect in problems(result)


def test_a_file_not_in_the_project_fails(tmp_path):
    coq = project(tmp_path, {"Cited.v": CLEAN, "Stray.v": HEADER}, listed=["Cited.v"])
    result = audit(coq, ledger=None)
    assert "coq/Stray.v: not listed in _CoqProject" in problems(result)


def test_a_definition_hidden_by_a_module_signature_is_named_not_fatal(tmp_path):
    text = CLEAN + "Module Type T.\nEnd T.\nModule M : T.\nDefinition secret := 2%nat.\nEnd M.\n"
    result = audit(project(tmp_path, {"Cited.v": text}), ledger=None, update=True)
    assert result["ok"], result["problems"]
    assert f"{LIB}.Cited.M.secret" in result["statements"]["unprintable"]
