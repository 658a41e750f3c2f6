"""The ledger's numeric claims settled by ``pynum certify --claims``: the committed record, its
proofs, and the hand-written theorems the ledger cites stating the same relations."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from pynum.certify import batch, coqgen
from pynum.certify.relations import split_relation, statement

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "results" / "certify" / "ledger-claims.toml"
RECORD = ROOT / "results" / "certify" / "ledger-claims.json"
needs_library = pytest.mark.skipif(
    shutil.which("coqc") is None or not (ROOT / "coq" / "Sunflowers.vo").exists(),
    reason="coqc or the compiled library (make coq) missing",
)


def record() -> dict:
    return json.loads(RECORD.read_text())


def test_record_matches_the_claims_file():
    claims = batch.load_claims(CLAIMS)
    rows = {r["id"]: r for r in record()["claims"]}
    assert [c["id"] for c in claims] == list(rows)
    for c in claims:
        assert rows[c["id"]]["relation"] == c["relation"]
    required = {
        "S1",
        "S2_eq",
        "S2_cube",
        "S2_digits",
        "S3",
        "S4_eq",
        "S4_digits",
        "S8_eq",
        "S8_digits",
        "W1_digits",
        "W2_digits",
        "W3_digits",
        "W4_digits",
        "W5_digits",
    }
    assert all(rows[i]["verdict"] == "proved" for i in required)


def test_every_proved_claim_has_its_file_and_hash():
    for r in record()["claims"]:
        if r["verdict"] != "proved":
            assert r["reason"]
            continue
        v = RECORD.parent / r["file"]
        assert coqgen.sha256(v) == r["sha256"], r["id"]
        assert r["coq_statement"] in v.read_text()
        assert r["coqc"] and "coqc" in r["seconds"]


def test_statements_are_the_language_s_reading():
    for r in record()["claims"]:
        rel = split_relation(r["relation"])
        links = [statement(rel.parts[i], rel.ops[i], rel.parts[i + 1]) for i in range(len(rel.ops))]
        assert [ln["coq"] for ln in r["links"]] == links


@needs_library
def test_cited_hand_written_theorems_state_the_same_relations(tmp_path):
    """Coq checks each cited theorem at the type certify generated: the statements are convertible
    (S3's Int_part ... = 4%Z is mapped by IZR, the language's reading of round)."""
    lines = [
        "From Coq Require Import Reals.",
        "From Phi Require Import PhiBasics Constants AlphaPhi Sunflowers.",
        "Open Scope R_scope.",
    ]
    cited = [r for r in record()["claims"] if r.get("cites")]
    assert len(cited) >= 10
    for r in cited:
        stmt = " /\\ ".join(f"({ln['coq']})" for ln in r["links"]) if len(r["links"]) > 1 else r["links"][0]["coq"]
        thm = r["cites"]
        term = f"(f_equal IZR {thm})" if "Int_part" in stmt and "round" in r["relation"] else thm
        lines.append(f"Check ({term} : {stmt}).")
    f = tmp_path / "Same.v"
    f.write_text("\n".join(lines) + "\n")
    run = subprocess.run(
        ["coqc", "-R", str(ROOT / "coq"), "Phi", f.name], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
