"""The claims ledger covers CLAIMS.md exactly and every verdict is backed."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pynum.ledger import BY_ID, LEDGER, VERDICTS, Claim, Evidence
from pynum.registry import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
CLAIMS_MD = next((p for p in (ROOT / "shared" / "CLAIMS.md", ROOT.parent / "shared" / "CLAIMS.md")
                  if p.exists()), None)


def published_claims() -> dict[str, str]:
    assert CLAIMS_MD is not None, "CLAIMS.md not found in shared/ beside or inside the checkout"
    rows = re.findall(r"^\| ([A-Z]\d+) \| (.*) \|$", CLAIMS_MD.read_text(), re.M)
    return dict(rows)


def test_ledger_ids_are_exactly_the_claims_ids():
    assert [c.id for c in LEDGER] == list(published_claims())


def test_published_text_is_verbatim():
    pub = published_claims()
    for c in LEDGER:
        assert c.published == pub[c.id], c.id


def test_verdicts_are_valid_and_backed():
    for c in LEDGER:
        assert c.verdict in VERDICTS
        if c.verdict != "open":
            assert c.reading, f"{c.id} has a verdict but no precise reading"
        for rec in c.evidence.records:
            assert (ROOT / rec).exists(), f"{c.id}: record {rec} is not committed"


def test_model_rejects_unbacked_verdicts():
    with pytest.raises(ValueError):
        Claim("X1", "p", "proved", "r")
    with pytest.raises(ValueError):
        Claim("X1", "p", "refuted", "r", Evidence(coq=("A.b",)))
    with pytest.raises(ValueError):
        Claim("X1", "p", "reproduced", "r")
    with pytest.raises(ValueError):
        Claim("X1", "p", "maybe")


def test_pipeline_claims_are_settled():
    for cid in ("W1", "W2", "W3", "W4", "S1", "S2", "S3", "S6"):
        assert BY_ID[cid].verdict == "proved", cid


def test_constant_claims_reference_their_enclosures():
    for c in REGISTRY:
        for cid in c.claims:
            claim = BY_ID[cid]
            if claim.verdict == "proved" and cid in ("W1", "W2", "W3", "W4", "S2"):
                assert f"Enclosures.{c.enclosure.lemma}" in claim.evidence.coq


def test_ledger_command_json():
    out = subprocess.run([sys.executable, "-m", "pynum", "ledger", "--json"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0
    rows = json.loads(out.stdout)["claims"]
    assert len(rows) == len(LEDGER) and {r["id"] for r in rows} == set(BY_ID)


def test_readme_tally_matches_the_ledger():
    from collections import Counter

    text = " ".join((ROOT / "README.md").read_text().split())
    m = re.search(r"At this commit: (\d+) claims proved, (\d+) refuted .*?, (\d+) not reproduced .*?, "
                  r"(\d+) not checkable", text)
    assert m, "README.md lost its tally of verdicts"
    tally = Counter(c.verdict for c in LEDGER)
    assert [int(g) for g in m.groups()] == [tally["proved"], tally["refuted"], tally["not-reproduced"],
                                           tally["not-checkable"]]
    assert tally["open"] == 0 and tally["reproduced"] == 0
