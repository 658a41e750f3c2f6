"""Output formats of a scan besides text and JSON: SARIF 2.1.0 and GitHub workflow annotations.

SARIF (``--format sarif``): one run of the tool ``pynum scan`` with one rule, ``wrong-digits``;
every literal judged wrong is a result of level ``error`` at its file, line and columns, with
the correctly rounded replacement as a fix; a suppressed one (``pynum: ignore``) carries an
``inSource`` suppression.  Validated against the OASIS 2.1.0 schema in tests/test_scan_formats.py.

GitHub (``--format github``): one ``::error file=...,line=...,col=...,endColumn=...,title=...::``
line per wrong literal (the workflow-command syntax; ``%``, CR, LF, ``,`` and ``:`` escaped),
then the summary as a ``::notice::``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

RULE_ID = "wrong-digits"
INFORMATION_URI = "https://github.com/phi-claims/phi-claims"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _message(m: dict[str, Any]) -> str:
    return f"{m['literal']} is meant as {m['constant']} ({m['symbol']}), {m['summary']}"


def _wrong(res: dict[str, Any], suppressed: bool = False) -> Iterator[tuple[str, dict[str, Any]]]:
    for f in res["files"]:
        for m in f["matches"]:
            if m["verdict"] == "wrong" and (suppressed or not m["suppressed"]):
                yield f["path"], m


def _uri(path: str) -> str:
    return path.replace("\\", "/")


def to_sarif(res: dict[str, Any], version: str) -> dict[str, Any]:
    """The SARIF 2.1.0 log of a scan record."""
    results = []
    for path, m in _wrong(res, suppressed=True):
        region = {"startLine": m["line"], "startColumn": m["col"], "endColumn": m["col"] + len(m["literal"])}
        location = {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}, "region": region}}
        r: dict[str, Any] = {
            "ruleId": RULE_ID,
            "level": "error",
            "message": {"text": _message(m)},
            "locations": [location],
            "properties": {"constant": m["constant"], "wrong_from": m["wrong_from"], "evidence": m["evidence"]},
        }
        if m["kind"] == "decimal":
            r["fixes"] = [
                {
                    "description": {"text": f"correctly rounded to {m['significant']} digits"},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": _uri(path)},
                            "replacements": [
                                {
                                    "deletedRegion": region,
                                    "insertedContent": {"text": m.get("fix") or m["correctly_rounded"]},
                                }
                            ],
                        }
                    ],
                }
            ]
        if m["suppressed"]:
            r["suppressions"] = [{"kind": "inSource", "justification": "pynum: ignore"}]
        results.append(r)
    rule = {
        "id": RULE_ID,
        "name": "WrongDigitsOfAConstant",
        "shortDescription": {"text": "A literal meant as a mathematical constant has a wrong digit"},
        "fullDescription": {
            "text": "A decimal literal named as, or agreeing in many digits with, a constant "
            "of the scan's table (pi, e, ln 2, Euler's gamma, the golden ratio, ...) has a "
            "digit that its type keeps and the true value does not have."
        },
        "defaultConfiguration": {"level": "error"},
        "helpUri": INFORMATION_URI,
    }
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pynum scan",
                        "version": version,
                        "informationUri": INFORMATION_URI,
                        "rules": [rule],
                    }
                },
                "results": results,
                "properties": {
                    "files_scanned": res["files_scanned"],
                    "bytes_scanned": res["bytes_scanned"],
                    "matches": res["summary"]["matches"],
                    "suppressed": res["summary"]["suppressed"],
                },
            }
        ],
    }


def format_sarif(res: dict[str, Any], version: str) -> str:
    return json.dumps(to_sarif(res, version), indent=2, ensure_ascii=False)


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def format_github(res: dict[str, Any]) -> str:
    """Workflow annotation lines, one per wrong literal, and a notice with the summary."""
    lines = []
    for path, m in _wrong(res):
        props = (
            f"file={_escape_property(path)},line={m['line']},col={m['col']},"
            f"endColumn={m['col'] + len(m['literal'])},title={_escape_property('pynum scan: ' + m['constant'])}"
        )
        lines.append(f"::error {props}::{_escape_data(_message(m))}")
    s = res["summary"]
    lines.append(
        f"::notice title=pynum scan::{res['files_scanned']} files, {s['matches']} matches, "
        f"{s['wrong']} wrong, {s['suppressed']} suppressed"
    )
    return "\n".join(lines)
