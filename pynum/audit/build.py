"""The hermetic build behind ``make prove``: the listed sources, and nothing else, compiled afresh.

1. ``vet_tree``: every file under ``coq/`` must be ``_CoqProject`` or a ``.v`` file it lists
   (and git tracks, in a git checkout). Anything else fails by name: a compiled file (``.vo``,
   ``.vos``, ``.vok``, ``.glob``, ...), an unlisted ``.v``, a makefile fragment
   (``CoqMakefile.local``, ...), a link. A listed module named like a module of the installed
   libraries (``Reals.v``) fails too: a short ``Require`` could load either.
2. ``fresh_tree``: the listed files and ``_CoqProject`` are copied into an emptied build folder.
3. ``compile_tree``: ``coqc`` with fixed flags (``COQC_FLAGS``, the one ``-R . <library>`` mapping,
   the warning flags of ``_CoqProject``) on every module in dependency order (``coqdep``), two at a
   time, with ``COQPATH``, ``COQLIB`` and the like removed from the environment; no makefile, so
   no user fragment. Afterwards the tree must hold only what ``coqc`` writes for a listed module.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .project import coq_files, module_name

COQC_FLAGS = ("-q",)
# Environment variables through which coqc or coqchk would read code from elsewhere.
UNSAFE_ENV = ("COQPATH", "COQLIB", "COQCORELIB", "COQNATIVELIB", "COQBIN", "OCAMLPATH", "COQRC", "COQ_XML")
# What coqc writes beside a compiled X.v (the .aux file is hidden: .X.aux).
OUTPUTS = (".vo", ".vos", ".vok", ".glob")
# The proof caches of lia, nia and nra, written at the root of the tree while it compiles (their
# certificates are re-checked by the kernel).
TREE_CACHES = (".lia.cache", ".nia.cache", ".nra.cache")
# The installed libraries: module names under ``coqc -where`` (theories/ is Coq.*).
LIBRARY_ROOTS = ("Coq", "Coquelicot", "Interval", "Flocq", "mathcomp", "Bignums", "Ltac2")


def clean_env() -> dict[str, str]:
    """The environment for coqc, coqdep and coqchk: ours without ``UNSAFE_ENV``."""
    return {k: v for k, v in os.environ.items() if k not in UNSAFE_ENV}


@cache
def installed_modules() -> dict[str, Path]:
    """Full name -> ``.vo`` path of every module of the installed libraries (``LIBRARY_ROOTS``)."""
    where = Path(subprocess.run(["coqc", "-where"], capture_output=True, text=True, env=clean_env()).stdout.strip())
    out = {}
    for root in LIBRARY_ROOTS:
        base = where / "theories" if root == "Coq" else where / "user-contrib" / root
        for vo in sorted(base.rglob("*.vo")):
            out[".".join((root,) + vo.relative_to(base).with_suffix("").parts)] = vo
    return out


def tracked_files(coq_dir: Path) -> set[Path] | None:
    """The files git tracks under ``coq_dir``; None outside a git work tree."""
    proc = subprocess.run(["git", "ls-files", "-z", "--", "."], cwd=coq_dir, capture_output=True)
    if proc.returncode != 0:
        return None
    return {(coq_dir / f).resolve() for f in proc.stdout.decode().split("\0") if f}


def _what(path: Path) -> str:
    name = path.name
    if path.is_symlink():
        return "a symbolic link"
    if path.suffix in OUTPUTS or name.endswith(".aux") or path.suffix in (".cmxs", ".cmo", ".cmx", ".o"):
        return "a compiled file (make prove compiles only the listed sources; 'make clean' removes it)"
    if name.startswith(("CoqMakefile", "Makefile")) or name.endswith((".mk", ".d")) or "makefile" in name.lower():
        return "a makefile fragment (make prove runs no makefile of the project)"
    if path.suffix == ".v":
        return "not listed in _CoqProject (never built nor audited)"
    return "not a listed source"


def vet_tree(coq_dir: Path, library: str) -> list[str]:
    """One problem per file under ``coq_dir`` that is not a listed (tracked) source, per listed
    source that is missing or untracked, and per module named like an installed one."""
    project = coq_dir / "_CoqProject"
    if not project.is_file():
        return [f"{coq_dir.name}/_CoqProject is missing"]
    listed = coq_files(project)
    wanted = {p.resolve() for p in listed} | {project.resolve()}
    problems = []
    for path in sorted(coq_dir.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            continue
        if path.resolve() not in wanted or path.is_symlink():
            problems.append(f"{coq_dir.name}/{path.relative_to(coq_dir)}: {_what(path)}")
    tracked = tracked_files(coq_dir)
    for path in listed:
        rel = os.path.relpath(path, coq_dir)
        if not path.resolve().is_relative_to(coq_dir.resolve()) or rel.startswith(".."):
            problems.append(f"_CoqProject lists {rel}, outside {coq_dir.name}/")
        elif not path.is_file():
            problems.append(f"{coq_dir.name}/{rel} is listed in _CoqProject but missing")
        elif tracked is not None and path.resolve() not in tracked:
            problems.append(f"{coq_dir.name}/{rel} is listed but not tracked by git ('git add' it)")
    by_last: dict[str, list[str]] = {}
    for full in installed_modules():
        by_last.setdefault(full.rpartition(".")[2], []).append(full)
    seen: dict[str, str] = {}
    for path in listed:
        if not path.resolve().is_relative_to(coq_dir.resolve()):
            continue
        mod = module_name(path, coq_dir)
        last = mod.rpartition(".")[2]
        if last in by_last or last in LIBRARY_ROOTS:
            problems.append(
                f"{coq_dir.name}/{os.path.relpath(path, coq_dir)}: module {library}.{mod} is named like "
                f"the library module {(by_last.get(last) or [last])[0]} (a short Require could load either)"
            )
        if last in seen:
            problems.append(
                f"{coq_dir.name}/{os.path.relpath(path, coq_dir)}: module name {last} is used twice "
                f"({library}.{seen[last]}, {library}.{mod})"
            )
        seen[last] = mod
    return problems


def fresh_tree(coq_dir: Path, dest: Path) -> list[str]:
    """Empty ``dest``, copy ``_CoqProject`` and the listed sources into it; their module names."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copyfile(coq_dir / "_CoqProject", dest / "_CoqProject")
    modules = []
    for path in coq_files(coq_dir / "_CoqProject"):
        target = dest / path.relative_to(coq_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        modules.append(module_name(path, coq_dir))
    return modules


def warning_args(project: Path) -> list[str]:
    """The ``-w`` flags of ``_CoqProject`` (``-arg -w -arg X``), the only options it may carry."""
    text = " ".join(ln.strip() for ln in project.read_text().splitlines() if not ln.strip().endswith(".v"))
    return [a for w in re.findall(r"-arg\s+-w\s+-arg\s+(\S+)", text) for a in ("-w", w)]


@dataclass
class BuildResult:
    """A hermetic build: ``ok`` when every module compiled and the tree holds nothing else.

    seconds: wall time of the whole build; per_module: coqc's wall time per module;
    vo_sha256: sha256 of each compiled module, as built in this run."""

    ok: bool
    tree: Path
    modules: list[str]
    seconds: float = 0.0
    per_module: dict[str, float] = field(default_factory=dict)
    vo_sha256: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def dependencies(tree: Path, modules: list[str], library: str) -> dict[str, set[str]]:
    """Module -> the project modules it requires, as ``coqdep`` reads them in the build tree."""
    files = [m.replace(".", "/") + ".v" for m in modules]
    proc = subprocess.run(
        ["coqdep", "-R", ".", library, *files], cwd=tree, capture_output=True, text=True, env=clean_env()
    )
    vo_of = {m.replace(".", "/") + ".vo": m for m in modules}
    deps: dict[str, set[str]] = {m: set() for m in modules}
    for line in proc.stdout.splitlines():
        target, _, rest = line.partition(":")
        first = target.split()[0] if target.split() else ""
        if first in vo_of:
            deps[vo_of[first]] |= {vo_of[d.removeprefix("./")] for d in rest.split() if d.removeprefix("./") in vo_of}
    return deps


def compile_tree(
    tree: Path,
    modules: list[str],
    library: str,
    jobs: int = 2,
    on_done: Callable[[set[str]], None] | None = None,
    deps: dict[str, set[str]] | None = None,
) -> BuildResult:
    """Compile every module of ``tree`` with ``coqc`` in dependency order, ``jobs`` at a time;
    ``on_done`` is told the set of modules compiled so far after each one succeeds."""
    t0 = time.perf_counter()
    res = BuildResult(True, tree, modules)
    deps = deps if deps is not None else dependencies(tree, modules, library)
    args = ["coqc", *COQC_FLAGS, "-R", ".", library, *warning_args(tree / "_CoqProject")]
    env = clean_env()
    urgency = critical_paths(tree, modules, deps)

    def one(m: str) -> tuple[str, subprocess.CompletedProcess, float]:
        s = time.perf_counter()
        proc = subprocess.run(args + [m.replace(".", "/") + ".v"], cwd=tree, capture_output=True, text=True, env=env)
        return m, proc, time.perf_counter() - s

    done: set[str] = set()
    failed: set[str] = set()
    running: dict = {}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        while len(done) + len(failed) < len(modules):
            ready = sorted(
                (m for m in modules if m not in done and m not in failed and m not in running and deps[m] <= done),
                key=lambda m: -urgency[m],
            )
            blocked = [
                m for m in modules if m not in done and m not in failed and m not in running and deps[m] & failed
            ]
            for m in blocked:
                failed.add(m)
                res.problems.append(f"coqc: {m} not compiled: it requires {', '.join(sorted(deps[m] & failed))}")
            for m in ready[: max(0, jobs - len(running))]:
                running[m] = pool.submit(one, m)
            if not running:
                break
            finished, _ = wait(running.values(), return_when=FIRST_COMPLETED)
            for fut in finished:
                m, proc, secs = fut.result()
                del running[m]
                res.per_module[m] = round(secs, 2)
                if proc.returncode == 0:
                    done.add(m)
                    if on_done is not None and not failed:
                        on_done(set(done))
                else:
                    failed.add(m)
                    tail = " | ".join((proc.stdout + proc.stderr).strip().splitlines()[-4:])
                    res.problems.append(f"coqc failed on {m.replace('.', '/')}.v: {tail}")
    res.problems += [f"coqc: {m} not compiled (a dependency cycle?)" for m in modules if m not in done | failed]
    res.problems += stray_outputs(tree, modules)
    for m in modules:
        vo = tree / (m.replace(".", "/") + ".vo")
        if vo.exists():
            res.vo_sha256[m] = hashlib.sha256(vo.read_bytes()).hexdigest()
    res.ok = not res.problems
    res.seconds = round(time.perf_counter() - t0, 2)
    return res


def cost_estimate(path: Path) -> int:
    """A module's compile cost, in source bytes: its size, a fixed start-up, and a surcharge per
    call of a costly decision procedure (interval, nra, nia, psatz)."""
    text = path.read_text() if path.exists() else ""
    return 4000 + len(text) + 1500 * len(re.findall(r"\b(interval|interval_intro|nra|nia|psatz)\b", text))


def critical_paths(tree: Path, modules: list[str], deps: dict[str, set[str]]) -> dict[str, int]:
    """For each module, the estimated cost (``cost_estimate``) of the longest chain of modules that
    wait for it, itself included: the build starts the most urgent ready module first."""
    size = {m: cost_estimate(tree.joinpath(*m.split(".")).with_suffix(".v")) for m in modules}
    users: dict[str, set[str]] = {m: set() for m in modules}
    for m, ds in deps.items():
        for d in ds:
            users.setdefault(d, set()).add(m)
    out: dict[str, int] = {}

    def tail(m: str, seen: frozenset[str] = frozenset()) -> int:
        if m not in out:
            out[m] = size.get(m, 0) + max((tail(u, seen | {m}) for u in users[m] if u not in seen), default=0)
        return out[m]

    return {m: tail(m) for m in modules}


def stray_outputs(tree: Path, modules: list[str]) -> list[str]:
    """Files in the build tree that are neither a copied source nor what coqc writes for one."""
    expected = {"_CoqProject", *TREE_CACHES}
    for m in modules:
        stem = m.replace(".", "/")
        expected |= {stem + ".v"} | {stem + ext for ext in OUTPUTS}
        parent, _, last = stem.rpartition("/")
        expected.add((parent + "/" if parent else "") + f".{last}.aux")
    found = {str(p.relative_to(tree)) for p in tree.rglob("*") if not p.is_dir()}
    return [f"the build tree holds {f}, which no listed module's compilation writes" for f in sorted(found - expected)]
