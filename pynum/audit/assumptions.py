"""``Print Assumptions`` over bundles of cited theorems, read strictly from stdout."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path
from typing import Any

from .project import Named


def bundle_commands(names: list[Named], library: str, index: int = 0) -> str:
    """One ``Print Assumptions`` over a tuple of the given theorems (one traversal), for a Coq
    file that has loaded their modules."""
    bundle = ",\n  ".join(f"@{library}.{n.file}.{n.name}" for n in names)
    return f"Definition audit_bundle_{index} := (\n  {bundle}).\nPrint Assumptions audit_bundle_{index}.\n"


def _audit_source(names: list[Named], library: str, index: int = 0) -> str:
    files = sorted({n.file for n in names})
    return f"Require {' '.join(f'{library}.{f}' for f in files)}.\n" + bundle_commands(names, library, index)


def split_bundles(names: list[Named], jobs: int) -> list[list[Named]]:
    """``jobs`` bundles of about equal cost: theorems dealt round-robin in file order, so each
    bundle gets its share of the costly interval proofs."""
    jobs = max(1, min(jobs, len(names)))
    bundles: list[list[Named]] = [[] for _ in range(jobs)]
    for i, n in enumerate(sorted(names, key=lambda n: (n.file, n.name))):
        bundles[i % jobs].append(n)
    return bundles


class AssumptionsError(ValueError):
    """``Print Assumptions`` printed something the audit does not recognise."""


_AXIOM_LINE = re.compile(r"^([A-Za-z_][\w.']*) : ")
_AXIOM_NAME_ALONE = re.compile(r"^([A-Za-z_][\w.']*)$")
# Print Assumptions' lines for an object checked under a changed typing flag, by that flag.
FLAG_LINES = (
    (re.compile(r"^(\S+) relies on definitional UIP\.$"), "definitional UIP"),
    (re.compile(r"^(\S+) is assumed to be guarded\.$"), "guard checking"),
    (re.compile(r"^(\S+) is assumed to be positive\.$"), "positivity checking"),
    (re.compile(r"^(\S+) relies on an unsafe hierarchy\.$"), "universe checking"),
)


def flags_used(stdout: str) -> list[tuple[str, str]]:
    """``(object, typing flag)`` for each line of ``Print Assumptions`` output saying that an
    object was checked under a changed typing flag (definitional UIP, no guard, ...)."""
    found = []
    for line in stdout.splitlines():
        for pat, flag in FLAG_LINES:
            m = pat.match(line.strip())
            if m:
                found.append((m.group(1), flag))
    return found


def parse_assumptions(stdout: str) -> list[str]:
    """Axiom names from ``Print Assumptions`` (its stdout only; warnings go to stderr).

    Accepted: exactly ``Closed under the global context``, or an ``Axioms:`` section whose
    unindented lines are ``name : type`` (or ``name`` with its type on indented lines below).
    Anything else (``X is assumed to be guarded.``, ``... relies on an unsafe hierarchy.``,
    positivity or UIP notes) raises ``AssumptionsError``.
    """
    lines = [ln for ln in stdout.splitlines() if ln.strip()]
    if [ln.strip() for ln in lines] == ["Closed under the global context"]:
        return []
    if not lines or lines[0].strip() != "Axioms:":
        raise AssumptionsError(f"unrecognised Print Assumptions output: {lines[:1]}")
    names = []
    for line in lines[1:]:
        if line[0].isspace():
            continue  # the continuation of a type
        m = _AXIOM_LINE.match(line) or _AXIOM_NAME_ALONE.match(line)
        if not m:
            raise AssumptionsError(f"unrecognised Print Assumptions line: {line.strip()}")
        names.append(m.group(1))
    return sorted(set(names))


def judge_bundle(theorems: int, ok: bool, stdout: str, error: str, seconds: float) -> dict[str, Any]:
    """A bundle's record: ``ok`` only when coqc succeeded and its stdout parses strictly;
    ``flags`` names each object Print Assumptions says was checked under a changed typing flag."""
    result = {"theorems": theorems, "ok": ok, "axioms": [], "flags": [], "error": error, "seconds": seconds}
    if ok:
        result["flags"] = [f"{obj}: {flag}" for obj, flag in flags_used(stdout)]
        rest = "\n".join(ln for ln in stdout.splitlines() if not any(p.match(ln.strip()) for p, _ in FLAG_LINES))
        try:
            result["axioms"] = parse_assumptions(rest) if rest.strip() or not result["flags"] else []
        except AssumptionsError as exc:
            result["ok"], result["error"] = False, str(exc)
    return result


def run_bundle(names: list[Named], workdir: Path, index: int, coq_dir: Path, library: str) -> dict[str, Any]:
    """One bundle in its own ``coqc`` process."""
    src = workdir / f"Audit{index}.v"
    src.write_text(_audit_source(names, library, index))
    t0 = time.perf_counter()
    from .build import COQC_FLAGS, clean_env

    proc = subprocess.run(
        ["coqc", *COQC_FLAGS, "-R", str(coq_dir), library, str(src)],
        capture_output=True,
        text=True,
        env=clean_env(),
        cwd=workdir,
    )
    error = "" if proc.returncode == 0 else " | ".join((proc.stdout + proc.stderr).strip().splitlines()[-3:])
    return judge_bundle(len(names), proc.returncode == 0, proc.stdout, error, round(time.perf_counter() - t0, 2))
