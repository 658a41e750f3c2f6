"""What ``pynum audit`` (``make prove``) prints: one line per part, each saying what it did and
what it reused (nothing: every part runs afresh)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def summary(result: dict[str, Any]) -> list[str]:
    """The lines ``pynum audit`` prints for an audit ``result`` (problems go to stderr apart)."""
    coq = [t for t in result["theorems"] if t["prover"] == "coq"]
    b, chk, st, pa = result["build"], result["coqchk"], result["statements"], result["print_assumptions"]
    removed = [Path(r).name for r in result["removed_from_earlier_runs"]]
    reused = ", ".join(result["reused"]) or "nothing"
    lines = [
        f"build: {len(b['vo_sha256'])}/{len(b['per_module'])} modules compiled afresh from the listed sources "
        f"in {b['seconds']} s (coqc {' '.join(b['flags'])}); reused from earlier runs: {reused}"
        + (f" (build/{', build/'.join(removed)} removed unread)" if removed else "")
    ]
    lines.append(
        f"coqchk ({chk['version'] or 'not run'}): {len(chk['checked'])} project modules re-checked in "
        f"{chk['seconds']} s, {len(chk['admitted'])} installed library modules admitted by name; "
        f"{len(chk['axioms'])} axioms listed, outside the allow-list: {len(chk['disallowed'])}; "
        f"unsafe features: {len(chk['unsafe'])}; typing flags changed: {len(result['typing_flags'])}"
    )
    left = (
        f"; the others' modules load {', '.join(pa['costly_libraries'])}: coqchk's listing covers them"
        if pa["left_to_coqchk"]
        else ""
    )
    lines.append(
        f"Coq: {sum(t['checked'] for t in coq)}/{len(coq)} cited theorems checked; Print Assumptions over "
        f"{pa['theorems']} of them in {pa['bundles']} bundle(s) ({pa['seconds']} s){left}; "
        f"Admitted in coq/: {result['admitted_count']}"
    )
    compared = st["lock"] + (f" and {st['ledger_lock']}" if st["ledger_lock"] else "")
    lines.append(
        f"statements: {'locks rewritten' if st['updated'] else 'compared with ' + compared}; "
        f"{st['definitions']} definitions pinned; {st['non_vacuous']}/{st['with_premises']} theorems "
        f"with premises shown non-vacuous ({st['seconds']} s)"
    )
    lines += [f"lock change: {c}" for c in st["changes"]]
    if st["updated"] and not st["changes"]:
        lines.append("lock change: none")
    lines.append(f"Lean: {result['lean']['reason']}")
    return lines
