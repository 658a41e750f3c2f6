"""The proof audit behind ``make prove``. It fails, naming the reason, on:

1. the source scan (``coq/**/*.v`` outside comments and strings; ``lean/``): ``Admitted``,
   ``admit``, ``give_up``, ``Axiom``, ``Parameter``, ``Conjecture``, soundness switches (``Unset Guard/Positivity/Universe Checking``,
   ``#[bypass_check]``, ``Declare ML Module``, ``Extract``, ``Register``), and any ``.v`` file under
   ``coq/`` not listed in ``coq/_CoqProject``; ``sorry``/``axiom``/``native_decide`` in Lean;
2. coqchk, the second kernel, re-checking every project module (``pynum.coqchk``): an axiom
   off the exact-full-name allow-list, an unsafe feature, a module it cannot check;
3. ``Print Assumptions`` over the cited theorems (stdout only; those of modules that load
   Interval only with ``--all-assumptions``, see ``COSTLY_TO_TRAVERSE``): a line it does not
   recognise (``... is assumed to be guarded``, ``relies on an unsafe hierarchy``), an axiom that
   is not one of coqchk's allowed full names;
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

from .assumptions import AssumptionsError, bundle_commands, judge_bundle, parse_assumptions, run_bundle, split_bundles  # noqa: F401
from .constants.registry import REGISTRY

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
# Print Assumptions re-walks, on every call, each constant a theorem rests on, applying module
# substitutions afresh: through Interval's functor-instantiated library that costs about 6 s per
# module, 17 s for all cited theorems, and about 2 s for those of the modules that load
# Coquelicot, against 7-9 s for coqchk over every module. For the cited theorems of a module that
# loads one of these libraries (itself or through a project module) the audit relies on coqchk's
# listing, which covers every module and the whole environment; ``--all-assumptions`` runs Print
# Assumptions over them too (the test suite does).
COSTLY_TO_TRAVERSE = frozenset({"Interval", "Coquelicot"})
# coqchk loads what a module needs once per process: the modules that load Interval (about 3 s to
# load, 5 s to re-check) get a process of their own, started first; the others share a second.
COQCHK_APART = frozenset({"Interval"})
_REQUIRE = re.compile(r"(?:\bFrom\s+([\w.']+)\s+)?\bRequire\s+(?:(?:Import|Export)\s+)?((?:[\w.']+\s+)*?[\w.']+)\s*\.(?=\s|$)")

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


def required_libraries(coq_dir: Path, library: str, modules: list[str]) -> dict[str, frozenset[str]]:
    """For each project module (logical name), the outside libraries it ``Require``s, itself or
    through the project modules it requires (by the first component of their logical names:
    ``From Interval Require Import Tactic`` gives ``Interval``).

    Read from the sources with comments and strings blanked; it decides only how the kernel checks
    are grouped and which theorems Print Assumptions walks, never whether a module is checked."""
    direct: dict[str, tuple[set[str], set[str]]] = {}
    for m in modules:
        path = coq_dir.joinpath(*m.split(".")).with_suffix(".v")
        code = strip_coq_comments(path.read_text()) if path.exists() else ""
        outside, inside = set(), set()
        for frm, names in _REQUIRE.findall(code):
            for name in names.split():
                full = f"{frm}.{name}" if frm else name
                head, _, rest = full.partition(".")
                if head == library and rest:
                    inside.add(rest)
                elif not frm and full in modules:
                    inside.add(full)
                else:
                    outside.add(head)
        direct[m] = (outside, inside)
    closed: dict[str, frozenset[str]] = {}

    def close(m: str, seen: frozenset[str] = frozenset()) -> frozenset[str]:
        if m not in closed:
            outside, inside = direct.get(m, (set(), set()))
            libs = set(outside)
            for dep in inside - seen - {m}:
                libs |= close(dep, seen | {m})
            closed[m] = frozenset(libs)
        return closed[m]

    return {m: close(m) for m in modules}


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


def _inputs_digest(coq_dir: Path, library: str) -> str:
    """sha256 over everything the kernel checks read: the compiled modules and their sources, the
    Coq version and the audit's own code (computed once per audit; each check's key adds its plan)."""
    import hashlib

    h = hashlib.sha256(library.encode())
    h.update(subprocess.run(["coqc", "--version"], capture_output=True, text=True).stdout.encode())
    here = Path(__file__).resolve().parent  # the audit's own code: a changed check re-runs
    audit_code = [here / f for f in ("proofs.py", "statements.py", "coqchk.py", "assumptions.py")]
    for path in audit_code:
        h.update(path.read_bytes())
    for path in sorted(coq_dir.rglob("*.vo")) + coq_sources(coq_dir):
        h.update(str(path.relative_to(coq_dir)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _kernel_key(inputs: str, plan: list[Any]) -> str:
    """A check's cache key: the inputs' digest and its plan (modules, cited names, bundles)."""
    import hashlib

    return hashlib.sha256(json.dumps([inputs, plan]).encode()).hexdigest()


class _KernelChecks:
    """coqchk, the statement batch and the Print Assumptions bundles, on two lanes (the machine
    has two cores): the costliest coqchk group alone on the first, started before the ledger is
    read; the other coqchk group, then the statement batch (with the first bundle riding in it)
    on the second; further bundles beside them. A passing run over byte-identical compiled
    modules and sources is reused (``build/audit/kernel-cache.json``)."""

    def __init__(self, coq_dir: Path, library: str, chk_groups: list[list[str]], workdir: Path):
        from . import coqchk

        self.coq_dir, self.library, self.workdir = coq_dir, library, workdir
        self.chk_groups = chk_groups
        self.cache_path = workdir / "kernel-cache.json"
        self.cache = json.loads(self.cache_path.read_text()) if self.cache_path.exists() else {}
        self.inputs = _inputs_digest(coq_dir, library)
        self.chk_key = _kernel_key(self.inputs, ["coqchk", chk_groups])
        self.pool = ThreadPoolExecutor(max_workers=4)
        self.chk_reused = self.cache.get("coqchk", {}).get("key") == self.chk_key
        self.first_group = None
        if not self.chk_reused and chk_groups:
            self.first_group = self.pool.submit(coqchk.check, coq_dir, library, chk_groups[-1])

    def run(self, full: list[str], bundles_of: list[list[Named]]):
        """(coqchk result, statements result, bundle records, reused: bool)."""
        from dataclasses import asdict

        from . import coqchk, statements

        key = _kernel_key(self.inputs, ["statements", full, [[n.qualified for n in g] for g in bundles_of]])
        reused = self.cache.get("statements", {}).get("key") == key
        modules = [m for g in self.chk_groups for m in g]
        riders = {"assumptions-0": bundle_commands(bundles_of[0], self.library, 0)} if bundles_of else {}

        def second_lane():
            light = [coqchk.check(self.coq_dir, self.library, g) for g in self.chk_groups[:-1]] \
                if not self.chk_reused else []
            st = statements.inspect(self.coq_dir, self.library, modules, full, self.workdir, riders) \
                if not reused else None
            return light, st

        lane = self.pool.submit(second_lane)
        rest = [] if reused else list(self.pool.map(
            lambda ig: run_bundle(ig[1], self.workdir, ig[0], self.coq_dir, self.library), list(enumerate(bundles_of))[1:]))
        light, st = lane.result()
        self.pool.shutdown()
        if self.chk_reused:
            chk = coqchk.CoqchkResult(**self.cache["coqchk"]["result"])
        else:
            chk = coqchk.merge(light + ([self.first_group.result()] if self.first_group else []))
            if chk.ok:
                self.cache["coqchk"] = {"key": self.chk_key, "result": asdict(chk)}
        if reused:
            data = self.cache["statements"]
            st = statements.StatementsResult({n: statements.TheoremFacts(**f) for n, f in data["facts"].items()}, [])
            bundles = data["bundles"]
        else:
            tag = "assumptions-0"
            first = [judge_bundle(len(bundles_of[0]), tag in st.riders, st.riders.get(tag, ""),
                                  "" if tag in st.riders else "the statement batch failed", st.seconds)]
            bundles = (first if bundles_of else []) + rest
            if not st.problems and all(b["ok"] for b in bundles):
                self.cache["statements"] = {"key": key, "bundles": bundles,
                                            "facts": {n: asdict(f) for n, f in st.facts.items()}}
        self.cache_path.write_text(json.dumps(self.cache))
        return chk, st, bundles, self.chk_reused and reused


def audit(jobs: int = 1, coq_dir: Path = COQ, library: str = LIBRARY, names: list[Named] | None = None,
          lock: Path | None = None, update_lock: bool = False, with_lean: bool = True,
          all_assumptions: bool = False) -> dict[str, Any]:
    """Run the whole audit; ``ok`` is False on any violation (``problems`` says which).

    coqchk re-checks every module (two processes: the modules that load a library of
    ``COQCHK_APART``, started first, and the others). ``Print Assumptions`` runs over ``jobs`` bundles of
    the cited theorems outside those modules, or of all of them with ``all_assumptions``. The
    statement batches run beside them. ``coq_dir``, ``library``, ``names`` and ``lock`` point
    the audit at another Coq project (the tests do).
    """
    from . import coqchk, statements

    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise ValueError(f"jobs must be a positive integer, got {jobs!r}")
    t0 = time.perf_counter()
    coq_dir = coq_dir.resolve()
    lock = lock or statements.LOCK
    modules = [_module_name(p, coq_dir) for p in coq_files(coq_dir / "_CoqProject")]
    requires = required_libraries(coq_dir, library, modules)
    costly = [m for m in modules if requires[m] & COSTLY_TO_TRAVERSE]
    apart = [m for m in modules if requires[m] & COQCHK_APART]
    chk_groups = [g for g in ([m for m in modules if m not in apart], apart) if g]
    workdir = (BUILD if coq_dir == COQ.resolve() else coq_dir.parent / "build") / "audit"
    workdir.mkdir(parents=True, exist_ok=True)
    kernel = _KernelChecks(coq_dir, library, chk_groups, workdir)  # the longest check starts now
    problems: list[str] = []
    coq_hits = forbidden_in_coq(coq_dir)
    problems += [f"forbidden in Coq source: {coq_dir.name}/{h}" for h in coq_hits]
    problems += [f"{coq_dir.name}/{f} is not listed in _CoqProject (never built nor audited)"
                 for f in unlisted_coq_files(coq_dir)]
    problems += project_option_problems(coq_dir / "_CoqProject", library)
    lean_hits = forbidden_in_lean() if with_lean else []
    problems += [f"forbidden in Lean source: {h}" for h in lean_hits]
    names = named_theorems() if names is None else names
    missing_files = sorted({n.file for n in names} - set(modules))
    problems += [f"theorems named in {f}.v, which is not in _CoqProject" for f in missing_files]
    present = [n for n in names if n.file in modules]
    walked = present if all_assumptions else [n for n in present if n.file not in costly]
    groups = split_bundles(walked, jobs) if walked else []
    full = [f"{library}.{n.file}.{n.name}" for n in present]
    chk, st, bundles, cached = kernel.run(full, groups)
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
        ok = (chk.ok and n.file in modules and (b is None or b["ok"]) and facts is not None
              and facts.kind == "Constant" and facts.proof)
        theorems.append({"theorem": q, "file": f"coq/{n.file}.v", "claims": list(n.claims), "prover": "coq",
                         "checked": ok,
                         "axioms_from": "Print Assumptions (its bundle)" if b else "coqchk (the whole environment)",
                         "non_whitelisted": b["bad"] if b else chk.disallowed,
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
        "coqchk": {"ok": chk.ok, "version": chk.version, "seconds": chk.seconds, "groups": chk_groups,
                   "modules": {m: ("checked" if chk.ok else "FAILED") for m in modules},
                   "axioms": chk.axioms, "disallowed": chk.disallowed, "unsafe": chk.unsafe},
        "print_assumptions": {
            "theorems": len(walked), "of": len(present), "bundles": len(bundles), "axioms": axioms,
            "seconds": max((b["seconds"] for b in bundles), default=0.0),
            "left_to_coqchk": sorted({n.file for n in present} - {n.file for n in walked}),
            "costly_libraries": sorted(COSTLY_TO_TRAVERSE)},
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
