"""The proof audit behind ``make prove``; trusts nothing from an earlier run. It fails, naming
the reason, on:

1. the tree (``pynum.audit.build.vet_tree``): any file under ``coq/`` that is not ``_CoqProject`` or
   a listed, tracked ``.v`` file (a compiled file, an unlisted source, a makefile fragment), a
   module named like an installed library module; and the source scan (``pynum.audit.source``):
   ``Admitted``, ``Axiom``, ..., a changed typing flag, unchecked code; ``sorry`` and the like in Lean;
2. the hermetic build: the listed sources copied into an emptied ``build/prove/coq`` and compiled
   there with ``coqc`` and fixed flags; every compiled file the audit reads is built in this run;
3. coqchk over the closure of the project's namespace in that tree (``pynum.audit.coqchk``), the
   installed libraries admitted by name: an axiom off the exact-full-name allow-list, an unsafe
   feature, a project module loaded but not re-checked, a file loaded from elsewhere;
4. ``Print Assumptions`` over the cited theorems (those of modules that load Interval or
   Coquelicot only with ``--all-assumptions``, see ``COSTLY_TO_TRAVERSE``) and over every project
   inductive type: an unrecognised line, an axiom coqchk did not allow, a changed typing flag
   (definitional UIP) not in ``source.ALLOWED_FLAGS``;
5. the cited theorems (``pynum.audit.statements``) and the locks (``pynum.audit.lock``): a name that
   is not a theorem, a statement, premise or definition that differs from the statements lock, a
   theorem with premises of any sort that its ``<name>_premises_satisfiable`` lemma does not
   discharge, a verdict or citation that differs from the ledger lock;
6. Lean: ``lake build`` when ``lake`` is on PATH; otherwise Lean theorems are unchecked.

Writes ``build/proofs.json`` with the sha256 of every file under ``coq/``, of the ledger's data and
locks, and of every module compiled, so a record from an earlier tree is recognised as stale.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from . import build, coqchk, statements
from . import lock as locks
from .assumptions import bundle_commands, judge_bundle, run_bundle, split_bundles
from .project import BUILD, COQ, LIBRARY, ROOT, Named, coq_files, named_theorems, source_hashes
from .source import ALLOWED_FLAGS, forbidden_in_coq, forbidden_in_lean, project_option_problems, required_libraries

# Print Assumptions re-walks, on every call, each constant a theorem rests on, applying module
# substitutions afresh: through Interval's functor-instantiated library that costs about 6 s per
# module. For the cited theorems of a module that loads one of these libraries the audit relies on
# coqchk's listing, which covers the whole environment; ``--all-assumptions`` walks them too.
COSTLY_TO_TRAVERSE = frozenset({"Interval", "Coquelicot"})
# The modules that load Interval get coqchk processes of their own (two).
COQCHK_APART = frozenset({"Interval"})
# What an earlier run may have left under build/ that no command reads any more.
STALE = ("audit", "prove")


def whitelisted(axiom: str, allowed_full_names: frozenset[str] | None = None) -> bool:
    """Whether an axiom ``Print Assumptions`` prints (a partly qualified name) is allowed.

    With ``allowed_full_names`` (the allowed axioms coqchk listed by full name), the axiom must be
    the tail of one of them. Without, it must be the tail of an allowed standard axiom, or lie in
    (the tail of) an allowed primitive or sealed module path of ``pynum.audit.coqchk``.
    """
    if allowed_full_names is not None:
        return any(full.endswith("." + axiom) for full in allowed_full_names)
    module = axiom.rpartition(".")[0]
    return (
        any(full.endswith("." + axiom) for full in coqchk.STANDARD_AXIOMS)
        or bool(module)
        and any(m.endswith("." + module) for m in coqchk.PRIMITIVE_MODULES | coqchk.SEALED_MODULES)
    )


def lean_status() -> dict[str, Any]:
    """Run ``lake build`` if a toolchain is on PATH; otherwise report Lean as skipped."""
    if not (ROOT / "lakefile.lean").exists():
        return {"checked": False, "reason": "no lakefile.lean in the repository"}
    lake = shutil.which("lake")
    if lake is None:
        return {
            "checked": False,
            "reason": "skipped: no Lean 4 toolchain ('lake' is not on PATH); install elan to check lean/",
        }
    proc = subprocess.run([lake, "build"], cwd=ROOT, capture_output=True, text=True)
    return {
        "checked": proc.returncode == 0,
        "reason": "lake build " + ("passed" if proc.returncode == 0 else "FAILED"),
        "output": (proc.stdout + proc.stderr)[-4000:],
        "failed": proc.returncode != 0,
    }


def chk_groups(
    tree: Path, modules: list[str], requires: dict[str, frozenset[str]], deps: dict[str, set[str]]
) -> list[list[str]]:
    """The coqchk processes, each started as soon as its modules are compiled: the modules that
    load none of ``COQCHK_APART``; those that do but finish early; and the one that finishes last
    (the end of the longest chain of requires, by ``build.cost_estimate``), so that only its check waits for
    the end of the build."""
    size = {m: build.cost_estimate(tree.joinpath(*m.split(".")).with_suffix(".v")) for m in modules}
    depth: dict[str, int] = {}

    def chain(m: str, seen: frozenset[str] = frozenset()) -> int:
        if m not in depth:
            depth[m] = size[m] + max((chain(d, seen | {m}) for d in deps.get(m, ()) if d not in seen), default=0)
        return depth[m]

    apart = [m for m in modules if requires[m] & COQCHK_APART]
    last = max(apart, key=chain) if apart else None
    groups = [[m for m in modules if m not in apart], [m for m in apart if m != last], [last] if last else []]
    return [g for g in groups if g]


class EarlyChecks:
    """coqchk over each group of modules, started as soon as the build has compiled the group
    (beside the modules still compiling; the build's last modules leave a core idle)."""

    def __init__(self, tree: Path, library: str, groups: list[list[str]]):
        self.tree, self.library, self.groups = tree, library, groups
        self.pool = ThreadPoolExecutor(max_workers=max(1, len(groups)))
        self.futures: dict[int, Any] = {}

    def on_done(self, done: set[str]) -> None:
        for i, g in enumerate(self.groups):
            if i not in self.futures and set(g) <= done:
                self.futures[i] = self.pool.submit(coqchk.check, self.tree, self.library, g)

    def results(self) -> list[coqchk.CoqchkResult]:
        self.on_done({m for g in self.groups for m in g})
        runs = [self.futures[i].result() for i in sorted(self.futures)]
        self.pool.shutdown()
        return runs


def _kernel_checks(
    tree: Path,
    library: str,
    modules: list[str],
    early: EarlyChecks,
    full: list[str],
    groups: list[list[Named]],
    workdir: Path,
):
    """The statement batch (the first Print Assumptions bundle riding in it) and further bundles,
    beside the coqchk processes already started. Returns (coqchk runs, statements result, bundles)."""
    riders = {"assumptions-0": bundle_commands(groups[0], library, 0)} if groups else {}
    with ThreadPoolExecutor(max_workers=1 + max(0, len(groups) - 1)) as pool:
        lane = pool.submit(statements.inspect, tree, library, modules, full, workdir, riders)
        more = list(pool.map(lambda ig: run_bundle(ig[1], workdir, ig[0], tree, library), list(enumerate(groups))[1:]))
        st = lane.result()
    runs = early.results()
    bundles = []
    if groups:
        tag = "assumptions-0"
        bundles.append(
            judge_bundle(
                len(groups[0]),
                tag in st.riders,
                st.riders.get(tag, ""),
                "" if tag in st.riders else "the statement batch failed",
                st.seconds,
            )
        )
    return runs, st, bundles + more


def _fresh(root: Path) -> list[str]:
    """Remove what an earlier run left under ``root`` (never read); the paths removed."""
    removed = []
    for name in STALE:
        if (root / name).exists():
            shutil.rmtree(root / name)
            removed.append(str(root / name))
    return removed


def audit(
    jobs: int = 1,
    coq_dir: Path = COQ,
    library: str = LIBRARY,
    names: list[Named] | None = None,
    lock: Path | None = None,
    update_lock: bool = False,
    with_lean: bool = True,
    all_assumptions: bool = False,
    ledger: dict[str, Any] | None = None,
    ledger_lock: Path | None = None,
) -> dict[str, Any]:
    """Run the whole audit; ``ok`` is False on any violation (``problems`` says which).

    ``coq_dir``, ``library``, ``names``, ``lock``, ``ledger`` (claim -> {verdict, coq, lean}) and
    ``ledger_lock`` point the audit at another Coq project (the tests do); the ledger lock is
    checked when ``ledger`` is given or the project's own tree is audited. ``jobs`` bundles of
    Print Assumptions run beside the other checks.
    """
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise ValueError(f"jobs must be a positive integer, got {jobs!r}")
    t0 = time.perf_counter()
    coq_dir = coq_dir.resolve()
    own = coq_dir == COQ.resolve()
    lock = lock or locks.LOCK
    if own and ledger is None:
        from ..ledger.loader import claim_links_unvalidated

        ledger = claim_links_unvalidated()
    ledger_lock = ledger_lock or (locks.LEDGER_LOCK if own else coq_dir.parent / "ledger.lock.json")
    root = BUILD if own else coq_dir.parent / "build"
    removed = _fresh(root)
    tree, workdir = root / "prove" / "coq", root / "prove" / "audit"
    problems = build.vet_tree(coq_dir, library)
    coq_hits = forbidden_in_coq(coq_dir)
    problems += [f"forbidden in Coq source: {coq_dir.name}/{h}" for h in coq_hits]
    problems += project_option_problems(coq_dir / "_CoqProject", library)
    lean_hits = forbidden_in_lean() if with_lean else []
    problems += [f"forbidden in Lean source: {h}" for h in lean_hits]
    listed = (
        [p for p in coq_files(coq_dir / "_CoqProject") if p.is_file()] if (coq_dir / "_CoqProject").is_file() else []
    )
    modules = build.fresh_tree(coq_dir, tree) if listed else []
    requires = required_libraries(tree, library, modules)
    deps = build.dependencies(tree, modules, library) if modules else {}
    early = EarlyChecks(tree, library, chk_groups(tree, modules, requires, deps))
    built = (
        build.compile_tree(tree, modules, library, on_done=early.on_done, deps=deps)
        if modules
        else build.BuildResult(False, tree, [])
    )
    problems += built.problems
    names = named_theorems() if names is None else names
    problems += [
        f"theorems named in {f}.v, which is not in _CoqProject" for f in sorted({n.file for n in names} - set(modules))
    ]
    present = [n for n in names if n.file in modules]
    costly = {m for m in modules if requires[m] & COSTLY_TO_TRAVERSE}
    walked = present if all_assumptions else [n for n in present if n.file not in costly]
    groups = split_bundles(walked, jobs) if walked else []
    full = [n.qualified for n in present]
    if built.ok:
        runs, st, bundles = _kernel_checks(tree, library, modules, early, full, groups, workdir)
    else:
        runs, st, bundles = [], statements.StatementsResult(), []
        early.pool.shutdown(cancel_futures=True)
        problems.append("the hermetic build failed: no kernel check was run")
    chk = coqchk.merge(runs)
    problems += chk.problems if built.ok else []
    closure_problems, admitted = coqchk.judge_closure(runs, tree, library)
    problems += closure_problems
    if built.ok:
        problems += [f"coqchk did not re-check {library}.{m}" for m in modules if f"{library}.{m}" not in chk.checked]
    allowed = frozenset(a for a in chk.axioms if coqchk.allowed(a))
    where: dict[str, dict[str, Any]] = {}
    for group, bundle in zip(groups, bundles):
        if not bundle["ok"]:
            problems.append(f"Print Assumptions failed on a bundle: {bundle['error']}")
        bundle["bad"] = [a for a in bundle["axioms"] if not whitelisted(a, allowed)]
        problems += [f"Print Assumptions: axiom not among coqchk's allowed axioms: {a}" for a in bundle["bad"]]
        where.update({n.qualified: bundle for n in group})
    flags = sorted(set(st.flags) | {f for b in bundles for f in b.get("flags", [])})
    problems += [f"typing flag not allowed: {f}" for f in flags if f.rpartition(": ")[2] not in ALLOWED_FLAGS]
    problems += st.problems
    changes: list[str] = []
    now = locks.snapshot(st.facts, st.definitions, statements.FIXED_CONTEXT.strip()) if st.facts else None
    ledger_now = locks.ledger_snapshot(ledger) if ledger is not None else None
    if update_lock and now and not st.problems:
        changes += locks.compare(locks.read(lock), now, lock)
        locks.write(now, lock)
    elif now:
        problems += locks.compare(locks.read(lock), now, lock)
    if ledger_now is not None and update_lock and (now and not st.problems):
        changes += locks.compare_ledger(locks.read(ledger_lock), ledger_now, ledger_lock)
        locks.write(ledger_now, ledger_lock)
    elif ledger_now is not None:
        problems += locks.compare_ledger(locks.read(ledger_lock), ledger_now, ledger_lock)
    theorems = []
    for n in names:
        b, facts = where.get(n.qualified), st.facts.get(n.qualified)
        ok = (
            chk.ok
            and built.ok
            and n.file in modules
            and (b is None or b["ok"])
            and facts is not None
            and facts.kind == "Constant"
            and facts.proof
        )
        theorems.append(
            {
                "theorem": n.qualified,
                "file": f"coq/{n.file.replace('.', '/')}.v",
                "claims": list(n.claims),
                "prover": "coq",
                "checked": ok,
                "axioms_from": "Print Assumptions (its bundle)" if b else "coqchk (the whole environment)",
                "non_whitelisted": b["bad"] if b else chk.disallowed,
                "premises": facts.premises if facts else None,
                "non_vacuous": facts.non_vacuous if facts and facts.premise_count else "no premises",
            }
        )
    lean = lean_status() if with_lean else {"checked": False, "reason": "not asked"}
    if lean.get("failed"):
        problems.append("lake build failed")
    if with_lean:
        from ..ledger.loader import lean_twins_unvalidated

        for claim_id, twins in lean_twins_unvalidated().items():
            for lean_name, coq in twins:
                theorems.append(
                    {
                        "theorem": lean_name,
                        "file": "lean/",
                        "claims": [claim_id],
                        "prover": "lean",
                        "coq_twin": f"{library}.{coq}",
                        "checked": bool(lean["checked"]),
                    }
                )
    return {
        "ok": not problems,
        "problems": problems,
        "coq_files": [str(p.relative_to(coq_dir.parent)) for p in listed],
        "admitted_count": sum(1 for h in coq_hits if h.endswith("Admitted")),
        "whitelist": {
            "standard": sorted(coqchk.STANDARD_AXIOMS),
            "primitive_modules": sorted(coqchk.PRIMITIVE_MODULES),
            "sealed_modules": sorted(coqchk.SEALED_MODULES),
            "typing_flags": sorted(ALLOWED_FLAGS),
        },
        "reused": [],
        "removed_from_earlier_runs": removed,
        "build": {
            "ok": built.ok,
            "tree": str(tree),
            "flags": list(build.COQC_FLAGS),
            "seconds": built.seconds,
            "per_module": built.per_module,
            "vo_sha256": built.vo_sha256,
        },
        "coqchk": {
            "ok": chk.ok and built.ok,
            "version": chk.version,
            "seconds": chk.seconds,
            "groups": [r.modules for r in runs],
            "checked": chk.checked,
            "admitted": admitted,
            "modules": {m: ("checked" if f"{library}.{m}" in chk.checked else "FAILED") for m in modules},
            "axioms": chk.axioms,
            "disallowed": chk.disallowed,
            "unsafe": chk.unsafe,
        },
        "typing_flags": flags,
        "print_assumptions": {
            "theorems": len(walked),
            "of": len(present),
            "bundles": len(bundles),
            "axioms": sorted({a for b in bundles for a in b["axioms"]}),
            "seconds": max((b["seconds"] for b in bundles), default=0.0),
            "left_to_coqchk": sorted({n.file for n in present} - {n.file for n in walked}),
            "costly_libraries": sorted(COSTLY_TO_TRAVERSE),
        },
        "bundles": [{k: v for k, v in b.items() if k != "bad"} for b in bundles],
        "statements": {
            "lock": _rel(lock),
            "ledger_lock": _rel(ledger_lock) if ledger is not None else None,
            "updated": bool(update_lock and now and not st.problems),
            "changes": changes,
            "seconds": st.seconds,
            "definitions": len(now["definitions"]) if now else 0,
            "unprintable": st.unprintable,
            "non_vacuous": sum(1 for f in st.facts.values() if f.non_vacuous),
            "with_premises": sum(1 for f in st.facts.values() if f.premise_count),
        },
        "lean": {k: v for k, v in lean.items() if k != "failed"},
        "theorems": theorems,
        "sources_sha256": source_hashes(coq_dir),
        "seconds": round(time.perf_counter() - t0, 2),
    }


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def write_report(result: dict[str, Any]) -> Path:
    """Write ``build/proofs.json``."""
    BUILD.mkdir(exist_ok=True)
    path = BUILD / "proofs.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    return path
