"""The proof audit behind ``make prove``. It fails, naming the reason, on:

1. the source scan (``coq/**/*.v`` outside comments and strings; ``lean/``): ``Admitted``,
   ``admit``, ``give_up``, ``Axiom``, ``Parameter``, ``Conjecture``, soundness switches (``Unset Guard/Positivity/Universe Checking``,
   ``#[bypass_check]``, ``Declare ML Module``, ``Extract``, ``Register``), and any ``.v`` file under
   ``coq/`` not listed in ``coq/_CoqProject``; ``sorry``/``axiom``/``native_decide`` in Lean;
2. coqchk, the second kernel, re-checking every project module (``pynum.coqchk``): an axiom
   off the exact-full-name allow-list, an unsafe feature, a module it cannot check;
3. ``Print Assumptions`` over every cited theorem (stdout only): a line it does not recognise
   (``... is assumed to be guarded``, ``relies on an unsafe hierarchy``), an axiom that is not one
   of coqchk's allowed full names;
4. the cited theorems themselves (``pynum.statements``): a name that is not a theorem, a
   statement that differs from the one pinned in ``pynum/ledger/statements.lock.json``, a
   theorem with premises and no ``<name>_premises_satisfiable`` lemma that discharges them;
5. Lean: ``lake build`` when ``lake`` is on PATH; otherwise Lean theorems are unchecked.

Writes ``build/proofs.json`` with the sha256 of every Coq source, ``_CoqProject`` and ledger data
file it audited, so a record from an earlier tree is recognised as stale.
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

from .assumptions import AssumptionsError, parse_assumptions, run_bundle, split_bundles  # noqa: F401
from .registry import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
COQ = ROOT / "coq"
LEAN = ROOT / "lean"
BUILD = ROOT / "build"
LIBRARY = "Phi"

FORBIDDEN_COQ = ("Admitted", "admit", "give_up", "Axiom", "Axioms", "Parameter", "Parameters", "Conjecture")
# Switches and commands that turn a kernel check off or bring in unchecked code (on one line).
SOUNDNESS_SWITCHES = (
    (r"\bUnset\s+(Guard|Positivity|Universe)\s+Checking\b", "a disabled kernel check"),
    (r"\bbypass_check\b", "a bypass_check attribute"),
    (r"\bDeclare\s+ML\s+Module\b", "an OCaml plugin loaded by the project"),
    (r"\bExtract\b", "an extraction directive"),
    (r"\bRegister\b", "a Register directive"),
    (r"\bPrimitive\b", "a primitive declared by the project"),
    (r"\bTyping\s+Flags\b", "a change to the kernel's typing flags"),
    (r"\bAdd\s+(Rec\s+)?(ML\s+)?LoadPath\b", "a load path added by the project"),
    (r"(?m)^\s*Load\b", "a file loaded outside _CoqProject"),
)
FORBIDDEN_LEAN = ("sorry", "axiom", "native_decide", "admit")

def whitelisted(axiom: str, allowed_full_names: frozenset[str] | None = None) -> bool:
    """Whether an axiom ``Print Assumptions`` prints (a partly qualified name) is allowed.

    With ``allowed_full_names`` (the allowed axioms coqchk listed by full name), the axiom must be
    the tail of one of them. Without, it must be the tail of an allowed standard axiom, or lie in
    (the tail of) an allowed primitive or sealed module path of ``pynum.coqchk``.
    """
    from .coqchk import PRIMITIVE_MODULES, SEALED_MODULES, STANDARD_AXIOMS

    if allowed_full_names is not None:
        return any(full.endswith("." + axiom) for full in allowed_full_names)
    module = axiom.rpartition(".")[0]
    return any(full.endswith("." + axiom) for full in STANDARD_AXIOMS) or bool(module) and any(
        m.endswith("." + module) for m in PRIMITIVE_MODULES | SEALED_MODULES)


def strip_coq_comments(text: str) -> str:
    """Coq source with (nested) comments and string literals blanked, newlines kept.

    As in Coq's lexer, a string inside a comment is lexed as a string: a ``*)`` inside it does
    not close the comment. A doubled quote ``""`` inside a string is an escaped quote.
    """
    out, depth, i, in_string = [], 0, 0, False
    blank = lambda ch: "\n" if ch == "\n" else " "  # noqa: E731
    while i < len(text):
        two = text[i:i + 2]
        if in_string:
            if two == '""':
                out.append("  ")
                i += 2
                continue
            if text[i] == '"':
                in_string = False
            out.append(blank(text[i]))
            i += 1
        elif text[i] == '"':
            in_string = True
            out.append(" ")
            i += 1
        elif two == "(*":
            depth += 1
            out.append("  ")
            i += 2
        elif two == "*)" and depth:
            depth -= 1
            out.append("  ")
            i += 2
        else:
            out.append(blank(text[i]) if depth else text[i])
            i += 1
    return "".join(out)


def strip_lean_comments(text: str) -> str:
    """Lean source with ``--`` line comments and (nested) ``/- -/`` block comments removed."""
    text = re.sub(r"/-.*?-/", " ", text, flags=re.S)
    return re.sub(r"--[^\n]*", "", text)


def coq_files(project: Path = COQ / "_CoqProject") -> list[Path]:
    """The ``.v`` files listed in a ``_CoqProject``, in build order."""
    names = [ln.strip() for ln in project.read_text().splitlines()]
    return [project.parent / n for n in names if n.endswith(".v")]


def coq_sources(coq_dir: Path = COQ) -> list[Path]:
    """Every ``.v`` file under ``coq_dir``, subfolders included."""
    return sorted(coq_dir.rglob("*.v"))


def forbidden_in_coq(coq_dir: Path = COQ) -> list[str]:
    """``file:line: word`` for each forbidden keyword or soundness switch in any ``.v`` file."""
    pat = re.compile(r"\b(" + "|".join(FORBIDDEN_COQ) + r")\b")
    hits = []
    for path in coq_sources(coq_dir):
        code = strip_coq_comments(path.read_text())
        rel = path.relative_to(coq_dir)
        for no, line in enumerate(code.splitlines(), 1):
            for m in pat.finditer(line):
                hits.append(f"{rel}:{no}: {m.group(1)}")
        for switch, what in SOUNDNESS_SWITCHES:
            for m in re.finditer(switch, code):
                no = code.count("\n", 0, m.start()) + 1
                hits.append(f"{rel}:{no}: {' '.join(m.group(0).split())} ({what})")
    return hits


def project_option_problems(project: Path, library: str = LIBRARY) -> list[str]:
    """``_CoqProject`` options other than the one ``-R . <library>`` mapping and warning flags
    (another mapping or an ``-arg`` could bring in or alter code the audit does not see)."""
    problems, mappings = [], 0
    for line in project.read_text().splitlines():
        opt = line.strip()
        if not opt or opt.endswith(".v") or opt.startswith("#"):
            continue
        if opt == f"-R . {library}":
            mappings += 1
        elif not re.fullmatch(r"(-arg\s+-w\s+-arg\s+[-+]?[\w,-]+\s*)+", opt):
            problems.append(f"{project.name}: option not allowed: {opt}")
    if mappings != 1:
        problems.append(f"{project.name}: needs exactly one '-R . {library}' mapping")
    return problems


def unlisted_coq_files(coq_dir: Path = COQ, project: Path | None = None) -> list[str]:
    """``.v`` files under ``coq_dir`` that ``_CoqProject`` does not list (never built, never
    audited, yet ``Require``-able)."""
    listed = {p.resolve() for p in coq_files(project or coq_dir / "_CoqProject")}
    return [str(p.relative_to(coq_dir)) for p in coq_sources(coq_dir) if p.resolve() not in listed]


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
    """Every Coq theorem named by the registry (enclosures) or the ledger (evidence, Lean twins),
    read from the ledger's raw data (so a newly cited theorem can be pinned before the ledger,
    which checks every citation against the pins, loads)."""
    from .ledger.loader import cited_theorems_unvalidated

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
    for ref, claim_ids in cited_theorems_unvalidated().items():
        add(ref, claim_ids)
    return [Named(f, n, tuple(cs)) for (f, n), cs in claims.items()]


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


def source_hashes(coq_dir: Path = COQ) -> dict[str, str]:
    """sha256 of every Coq source, ``_CoqProject`` and ledger data file the audit covers."""
    import hashlib

    files = coq_sources(coq_dir) + [coq_dir / "_CoqProject"]
    ledger = Path(__file__).resolve().parent / "ledger"
    files += sorted(ledger.glob("*.toml")) + sorted(ledger.glob("*.lock.json"))
    return {str(f.relative_to(ROOT) if f.is_relative_to(ROOT) else f): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in files if f.exists()}


def _module_name(path: Path, coq_dir: Path) -> str:
    return ".".join(path.relative_to(coq_dir).with_suffix("").parts)


def _kernel_key(coq_dir: Path, library: str, modules: list[str], full: list[str], jobs: int) -> str:
    """sha256 over everything the kernel checks read: the compiled modules and their sources, the
    cited names, the bundle plan, the Coq version and the audit's own code."""
    import hashlib

    h = hashlib.sha256(json.dumps([library, modules, full, jobs]).encode())
    h.update(subprocess.run(["coqc", "--version"], capture_output=True, text=True).stdout.encode())
    here = Path(__file__).resolve().parent  # the audit's own code: a changed check re-runs
    audit_code = [here / f for f in ("proofs.py", "statements.py", "coqchk.py", "assumptions.py")]
    for path in audit_code:
        h.update(path.read_bytes())
    for path in sorted(coq_dir.rglob("*.vo")) + coq_sources(coq_dir):
        h.update(str(path.relative_to(coq_dir)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _kernel_checks(coq_dir, library, modules, groups, full, workdir):
    """coqchk, the statement batches and the Print Assumptions bundles, run side by side; an
    earlier passing run over byte-identical compiled modules and sources is reused."""
    from dataclasses import asdict

    from . import coqchk, statements

    key = _kernel_key(coq_dir, library, modules, full, len(groups))
    cache = workdir / "kernel-cache.json"
    if cache.exists():
        data = json.loads(cache.read_text())
        if data.get("key") == key:
            facts = {n: statements.TheoremFacts(**f) for n, f in data["facts"].items()}
            return (coqchk.CoqchkResult(**data["coqchk"]), statements.StatementsResult(facts, []),
                    data["bundles"], True)
    with ThreadPoolExecutor(max_workers=len(groups) + 2) as pool:
        chk_f = pool.submit(coqchk.check, coq_dir, library, modules)
        st_f = pool.submit(statements.inspect, coq_dir, library, modules, full, workdir)
        bundles = list(pool.map(lambda ig: run_bundle(ig[1], workdir, ig[0], coq_dir, library), enumerate(groups)))
        chk, st = chk_f.result(), st_f.result()
    if chk.ok and not st.problems and all(b["ok"] for b in bundles):
        cache.write_text(json.dumps({"key": key, "coqchk": asdict(chk), "bundles": bundles,
                                     "facts": {n: asdict(f) for n, f in st.facts.items()}}))
    return chk, st, bundles, False


def audit(jobs: int = 1, coq_dir: Path = COQ, library: str = LIBRARY, names: list[Named] | None = None,
          lock: Path | None = None, update_lock: bool = False, with_lean: bool = True) -> dict[str, Any]:
    """Run the whole audit; ``ok`` is False on any violation (``problems`` says which).

    ``Print Assumptions`` runs over ``jobs`` bundles of the cited theorems (each re-traverses
    Interval's library); coqchk and the statement batches run beside them. ``coq_dir``,
    ``library``, ``names`` and ``lock`` point the audit at another Coq project (the tests do).
    """
    from . import coqchk, statements

    if not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a positive integer, got {jobs!r}")
    t0 = time.perf_counter()
    coq_dir = coq_dir.resolve()
    lock = lock or statements.LOCK
    problems: list[str] = []
    coq_hits = forbidden_in_coq(coq_dir)
    problems += [f"forbidden in Coq source: {coq_dir.name}/{h}" for h in coq_hits]
    problems += [f"{coq_dir.name}/{f} is not listed in _CoqProject (never built nor audited)"
                 for f in unlisted_coq_files(coq_dir)]
    problems += project_option_problems(coq_dir / "_CoqProject", library)
    lean_hits = forbidden_in_lean() if with_lean else []
    problems += [f"forbidden in Lean source: {h}" for h in lean_hits]
    names = named_theorems() if names is None else names
    modules = [_module_name(p, coq_dir) for p in coq_files(coq_dir / "_CoqProject")]
    missing_files = sorted({n.file for n in names} - set(modules))
    problems += [f"theorems named in {f}.v, which is not in _CoqProject" for f in missing_files]
    present = [n for n in names if n.file in modules]
    workdir = (BUILD if coq_dir == COQ.resolve() else coq_dir.parent / "build") / "audit"
    workdir.mkdir(parents=True, exist_ok=True)
    groups = split_bundles(present, jobs) if present else []
    full = [f"{library}.{n.file}.{n.name}" for n in present]
    chk, st, bundles, cached = _kernel_checks(coq_dir, library, modules, groups, full, workdir)
    problems += chk.problems
    allowed = frozenset(a for a in chk.axioms if coqchk.allowed(a))
    where: dict[str, dict[str, Any]] = {}
    for group, bundle in zip(groups, bundles):
        if not bundle["ok"]:
            problems.append(f"Print Assumptions failed on a bundle: {bundle['error']}")
        bundle["bad"] = [a for a in bundle["axioms"] if not whitelisted(a, allowed)]
        problems += [f"Print Assumptions: axiom not among coqchk's allowed axioms: {a}" for a in bundle["bad"]]
        where.update({f"{library}.{n.file}.{n.name}": bundle for n in group})
    problems += st.problems
    if update_lock and st.facts and not st.problems:
        statements.write_lock(st.facts, lock)
    elif st.facts:
        problems += statements.compare_with_lock(st.facts, lock)
    theorems = []
    for n in names:
        q = f"{library}.{n.file}.{n.name}"
        b, facts = where.get(q), st.facts.get(q)
        ok = bool(b and b["ok"]) and facts is not None and facts.kind == "Constant"
        theorems.append({"theorem": q, "file": f"coq/{n.file}.v", "claims": list(n.claims), "prover": "coq",
                         "checked": ok, "axioms_of_bundle": b["axioms"] if ok else [],
                         "non_whitelisted": b["bad"] if b else [],
                         "premises": facts.premises if facts else None,
                         "non_vacuous": facts.non_vacuous if facts and facts.premises else "no premises",
                         "statement_sha256": statements.digest(facts.statement) if facts else ""})
    lean = lean_status() if with_lean else {"checked": False, "reason": "not asked"}
    if lean.get("failed"):
        problems.append("lake build failed")
    if with_lean:
        from .ledger.loader import lean_twins_unvalidated

        for claim_id, twins in lean_twins_unvalidated().items():
            for lean_name, coq in twins:
                theorems.append({"theorem": lean_name, "file": "lean/", "claims": [claim_id], "prover": "lean",
                                 "coq_twin": f"{library}.{coq}", "checked": bool(lean["checked"])})
    axioms = sorted({a for b in bundles for a in b["axioms"]})
    return {
        "ok": not problems, "problems": problems,
        "coq_files": [str(p.relative_to(coq_dir.parent)) for p in coq_files(coq_dir / "_CoqProject")],
        "admitted_count": sum(1 for h in coq_hits if h.endswith("Admitted")),
        "whitelist": {"standard": sorted(coqchk.STANDARD_AXIOMS), "primitive_modules": sorted(coqchk.PRIMITIVE_MODULES),
                      "sealed_modules": sorted(coqchk.SEALED_MODULES)},
        "kernel_checks_reused": cached,
        "coqchk": {"ok": chk.ok, "version": chk.version, "seconds": chk.seconds,
                   "modules": {m: ("checked" if chk.ok else "FAILED") for m in modules},
                   "axioms": chk.axioms, "disallowed": chk.disallowed, "unsafe": chk.unsafe},
        "bundle": {"theorems": len(present), "bundles": len(bundles), "axioms": axioms,
                   "seconds": max((b["seconds"] for b in bundles), default=0.0)},
        "bundles": [{k: v for k, v in b.items() if k != "bad"} for b in bundles],
        "statements": {"lock": str(lock.relative_to(ROOT)) if lock.is_relative_to(ROOT) else str(lock),
                       "updated": bool(update_lock and st.facts and not st.problems),
                       "non_vacuous": sum(1 for f in st.facts.values() if f.non_vacuous),
                       "with_premises": sum(1 for f in st.facts.values() if f.premises)},
        "lean": {k: v for k, v in lean.items() if k != "failed"},
        "theorems": theorems,
        "sources_sha256": source_hashes(coq_dir),
        "seconds": round(time.perf_counter() - t0, 2),
    }


def write_report(result: dict[str, Any]) -> Path:
    """Write ``build/proofs.json``."""
    BUILD.mkdir(exist_ok=True)
    path = BUILD / "proofs.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    return path
