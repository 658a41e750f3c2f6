"""The proof audit behind ``make prove``.

1. No ``Admitted``/``admit``/``Axiom``/``Parameter``/``Conjecture`` in ``coq/`` (outside
   comments and strings), no ``sorry``/``axiom``/``native_decide`` in ``lean/``.
2. Every theorem the registry or the ledger names exists in the compiled library, and
   ``Print Assumptions`` over bundles of them (two by default, one per core; ``--jobs 1`` for a
   single bundle) shows only whitelisted axioms.
3. Lean: ``lake build`` when ``lake`` is on PATH; otherwise Lean theorems are unchecked.
Writes ``build/proofs.json``.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .registry import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
COQ = ROOT / "coq"
LEAN = ROOT / "lean"
BUILD = ROOT / "build"
LIBRARY = "Phi"

FORBIDDEN_COQ = ("Admitted", "admit", "Axiom", "Axioms", "Parameter", "Parameters", "Conjecture")
FORBIDDEN_LEAN = ("sorry", "axiom", "native_decide", "admit")

# Axioms a theorem may rest on: the classical reals of Coq's standard library, and the
# specifications of primitive 63-bit integers (and floats) that Interval's reflection uses.
WHITELIST_EXACT = (
    "ClassicalDedekindReals.sig_forall_dec",
    "ClassicalDedekindReals.sig_not_dec",
    "FunctionalExtensionality.functional_extensionality_dep",
    "Classical_Prop.classic",
    "PropExtensionality.propositional_extensionality",
)
WHITELIST_PREFIXES = ("Uint63.", "PrimInt63.", "PrimFloat.", "FloatAxioms.", "FloatOps.", "Float64.")


def whitelisted(axiom: str) -> bool:
    """Whether an axiom printed by ``Print Assumptions`` is allowed."""
    return axiom in WHITELIST_EXACT or axiom.startswith(WHITELIST_PREFIXES)


def strip_coq_comments(text: str) -> str:
    """Coq source with (nested) comments and string literals blanked, newlines kept."""
    out, depth, i, in_string = [], 0, 0, False
    while i < len(text):
        two = text[i:i + 2]
        if in_string:
            if text[i] == '"':
                in_string = False
            out.append("\n" if text[i] == "\n" else " ")
            i += 1
        elif two == "(*":
            depth += 1
            out.append("  ")
            i += 2
        elif two == "*)" and depth:
            depth -= 1
            out.append("  ")
            i += 2
        elif depth:
            out.append("\n" if text[i] == "\n" else " ")
            i += 1
        elif text[i] == '"':
            in_string = True
            out.append(" ")
            i += 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def strip_lean_comments(text: str) -> str:
    """Lean source with ``--`` line comments and (nested) ``/- -/`` block comments removed."""
    text = re.sub(r"/-.*?-/", " ", text, flags=re.S)
    return re.sub(r"--[^\n]*", "", text)


def coq_files() -> list[Path]:
    """The ``.v`` files listed in ``coq/_CoqProject``, in build order."""
    names = [ln.strip() for ln in (COQ / "_CoqProject").read_text().splitlines()]
    return [COQ / n for n in names if n.endswith(".v")]


def forbidden_in_coq(coq_dir: Path = COQ) -> list[str]:
    """``file:line: word`` for each forbidden keyword in the Coq sources."""
    pat = re.compile(r"\b(" + "|".join(FORBIDDEN_COQ) + r")\b")
    hits = []
    for path in sorted(coq_dir.glob("*.v")):
        for no, line in enumerate(strip_coq_comments(path.read_text()).splitlines(), 1):
            for m in pat.finditer(line):
                hits.append(f"{path.name}:{no}: {m.group(1)}")
    return hits


def forbidden_in_lean(lean_dir: Path = LEAN) -> list[str]:
    """``file:line: word`` for each forbidden keyword in the Lean sources."""
    pat = re.compile(r"\b(" + "|".join(FORBIDDEN_LEAN) + r")\b")
    hits = []
    for path in sorted(lean_dir.rglob("*.lean")) if lean_dir.exists() else []:
        for no, line in enumerate(strip_lean_comments(path.read_text()).splitlines(), 1):
            for m in pat.finditer(line):
                hits.append(f"{path.name}:{no}: {m.group(1)}")
    return hits


@dataclass(frozen=True)
class Named:
    """A theorem the registry or the ledger names, with the claims it backs."""

    file: str
    name: str
    claims: tuple[str, ...]

    @property
    def qualified(self) -> str:
        return f"{LIBRARY}.{self.file}.{self.name}"


def named_theorems() -> list[Named]:
    """Every Coq theorem named by the registry (enclosures) or the ledger (evidence, Lean twins)."""
    from .ledger import LEAN_TWINS, LEDGER

    claims: dict[tuple[str, str], list[str]] = {}

    def add(ref: str, claim_ids: tuple[str, ...]) -> None:
        file, _, name = ref.partition(".")
        if not name:
            raise ValueError(f"theorem reference {ref!r} is not of the form File.name")
        bucket = claims.setdefault((file, name), [])
        bucket.extend(c for c in claim_ids if c not in bucket)

    for c in REGISTRY:
        for e in c.enclosures:
            add(f"Enclosures.{e.lemma}", c.claims)
    for claim in LEDGER:
        for ref in claim.evidence.coq:
            add(ref, (claim.id,))
    for claim_id, twins in LEAN_TWINS.items():
        for _lean, coq in twins:
            add(coq, (claim_id,))
    return [Named(f, n, tuple(cs)) for (f, n), cs in claims.items()]


def _audit_source(names: list[Named]) -> str:
    """One ``Print Assumptions`` over a tuple of the given theorems (one traversal)."""
    files = sorted({n.file for n in names})
    bundle = ",\n  ".join(f"@{n.qualified}" for n in names)
    return (f"From {LIBRARY} Require {' '.join(files)}.\n"
            f"Definition audit_bundle := (\n  {bundle}).\n"
            "Print Assumptions audit_bundle.\n")


def split_bundles(names: list[Named], jobs: int) -> list[list[Named]]:
    """``jobs`` bundles of about equal cost: theorems dealt round-robin in file order, so each
    bundle gets its share of the costly interval proofs."""
    jobs = max(1, min(jobs, len(names)))
    bundles: list[list[Named]] = [[] for _ in range(jobs)]
    for i, n in enumerate(sorted(names, key=lambda n: (n.file, n.name))):
        bundles[i % jobs].append(n)
    return bundles


def parse_assumptions(output: str) -> list[str]:
    """Axiom names from the output of ``Print Assumptions``."""
    if "Closed under the global context" in output:
        return []
    names, in_axioms = [], False
    for line in output.splitlines():
        if line.strip() == "Axioms:":
            in_axioms = True
            continue
        if in_axioms and line and not line[0].isspace():
            m = re.match(r"^([\w.']+)(\s*:|\s*$)", line)
            if m:
                names.append(m.group(1))
    return sorted(set(names))


def _run_bundle(names: list[Named], workdir: Path, index: int = 0) -> dict[str, Any]:
    src = workdir / f"Audit{index}.v"
    src.write_text(_audit_source(names))
    t0 = time.perf_counter()
    proc = subprocess.run(["coqc", "-R", str(COQ), LIBRARY, str(src)], capture_output=True, text=True)
    out = proc.stdout + proc.stderr
    return {"theorems": len(names), "ok": proc.returncode == 0, "output": out,
            "axioms": parse_assumptions(out) if proc.returncode == 0 else [],
            "seconds": round(time.perf_counter() - t0, 2)}


def lean_status() -> dict[str, Any]:
    """Run ``lake build`` if a toolchain is on PATH; otherwise report Lean as skipped."""
    if not (ROOT / "lakefile.lean").exists():
        return {"checked": False, "reason": "no lakefile.lean in the repository"}
    lake = shutil.which("lake")
    if lake is None:
        return {"checked": False,
                "reason": "skipped: no Lean 4 toolchain ('lake' is not on PATH); install elan to check lean/"}
    proc = subprocess.run([lake, "build"], cwd=ROOT, capture_output=True, text=True)
    return {"checked": proc.returncode == 0, "reason": "lake build " + ("passed" if proc.returncode == 0 else "FAILED"),
            "output": (proc.stdout + proc.stderr)[-4000:], "failed": proc.returncode != 0}


def audit(jobs: int = 2) -> dict[str, Any]:
    """Run the whole audit; ``ok`` is False on any violation.

    The named theorems go into ``jobs`` bundles (one ``Print Assumptions`` each, run in
    parallel: each call re-traverses Interval's library, about 10 s); ``jobs=1`` is a single
    bundle of every theorem.
    """
    from .ledger import LEAN_TWINS

    t0 = time.perf_counter()
    problems: list[str] = []
    coq_hits = forbidden_in_coq()
    lean_hits = forbidden_in_lean()
    problems += [f"forbidden in Coq source: coq/{h}" for h in coq_hits]
    problems += [f"forbidden in Lean source: {h}" for h in lean_hits]
    names = named_theorems()
    known = {p.stem for p in coq_files()}
    missing_files = sorted({n.file for n in names} - known)
    problems += [f"theorems named in {f}.v, which is not in coq/_CoqProject" for f in missing_files]
    present = [n for n in names if n.file in known]
    workdir = BUILD / "audit"
    workdir.mkdir(parents=True, exist_ok=True)
    groups = split_bundles(present, jobs)
    with ThreadPoolExecutor(max_workers=len(groups)) as pool:
        bundles = list(pool.map(lambda ig: _run_bundle(ig[1], workdir, ig[0]), enumerate(groups)))
    where: dict[str, dict[str, Any]] = {}
    for group, bundle in zip(groups, bundles):
        if not bundle["ok"]:
            problems.append("an audit bundle did not compile (a named theorem is missing or a file is not built): "
                            + " | ".join(bundle["output"].strip().splitlines()[-3:]))
        bundle["bad"] = [a for a in bundle["axioms"] if not whitelisted(a)]
        problems += [f"non-whitelisted axiom: {a}" for a in bundle["bad"]]
        where.update({n.qualified: bundle for n in group})
    theorems = []
    for n in names:
        b = where.get(n.qualified)
        ok = bool(b and b["ok"])
        theorems.append({"theorem": n.qualified, "file": f"coq/{n.file}.v", "claims": list(n.claims),
                         "prover": "coq", "checked": ok, "axioms_of_bundle": b["axioms"] if ok else [],
                         "non_whitelisted": b["bad"] if b else []})
    axioms = sorted({a for b in bundles for a in b["axioms"]})
    lean = lean_status()
    if lean.get("failed"):
        problems.append("lake build failed")
    for claim_id, twins in LEAN_TWINS.items():
        for lean_name, coq in twins:
            theorems.append({"theorem": lean_name, "file": "lean/", "claims": [claim_id], "prover": "lean",
                             "coq_twin": f"{LIBRARY}.{coq}", "checked": bool(lean["checked"])})
    return {
        "ok": not problems, "problems": problems,
        "coq_files": [str(p.relative_to(ROOT)) for p in coq_files()],
        "admitted_count": sum(1 for h in coq_hits if h.endswith("Admitted")),
        "whitelist": {"exact": list(WHITELIST_EXACT), "prefixes": list(WHITELIST_PREFIXES)},
        "bundle": {"theorems": len(present), "bundles": len(bundles), "axioms": axioms,
                   "seconds": max(b["seconds"] for b in bundles)},
        "bundles": [{k: v for k, v in b.items() if k not in ("output", "bad")} for b in bundles],
        "lean": {k: v for k, v in lean.items() if k != "failed"},
        "theorems": theorems,
        "seconds": round(time.perf_counter() - t0, 2),
    }


def write_report(result: dict[str, Any]) -> Path:
    """Write ``build/proofs.json``."""
    BUILD.mkdir(exist_ok=True)
    path = BUILD / "proofs.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    return path
