"""``pynum scan --format sarif|github``: SARIF 2.1.0 valid against the OASIS schema, workflow annotations."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from pynum.cli import main as cli_main

SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"  # OASIS SARIF TC, Apache-2.0
SOURCE = (
    "#define M_PI 3.141592653587979\n#define M_E 2.718281828459045\n"
    "double ln2 = 0.6931471805599435;  // pynum: ignore\n"
)


def test_sarif_validates_and_names_every_wrong_literal(tmp_path, capsys):
    f = tmp_path / "consts.h"
    f.write_text(SOURCE)
    assert cli_main(["scan", str(f), "--format", "sarif", "--root", str(tmp_path)]) == 1
    log = json.loads(capsys.readouterr().out)
    jsonschema.validate(log, json.loads(SCHEMA.read_text()))
    results = log["runs"][0]["results"]
    assert [(r["locations"][0]["physicalLocation"]["region"]["startLine"], "suppressions" in r) for r in results] == [
        (1, False),
        (3, True),
    ]
    first = results[0]
    assert first["ruleId"] == "wrong-digits" and first["properties"]["wrong_from"] == 13
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (14, 14 + len("3.141592653587979"))
    fix = first["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"]
    assert fix == "3.141592653589793"


def test_github_annotations(tmp_path, capsys):
    f = tmp_path / "consts.h"
    f.write_text(SOURCE)
    assert cli_main(["scan", str(f), "--format", "github"]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith(
        f"::error file={f},line=1,col=14,endColumn=31,title=pynum scan%3A PI::"
    )
    assert lines[1].startswith("::notice title=pynum scan::1 files") and "1 wrong, 1 suppressed" in lines[1]


def test_pre_commit_hook_runs_the_scan():
    hooks = (Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text()
    assert "id: pynum-scan" in hooks and "entry: pynum scan" in hooks and "language: python" in hooks
