"""Independent re-check of the compiled project with ``coqchk``, Coq's second kernel.

``coqchk -o -R <tree> Phi -norec Phi.<Module> ...`` re-checks, from the ``.vo`` files of the
hermetic build tree, each listed module; its trace says which libraries it re-checked and every
file it loaded. The closure is then judged (``judge_closure``): every module of the project's
namespace that any run loaded, listed or not, must have been re-checked by one of the runs, and
every other file loaded must be a module of the installed libraries (Coq, Coquelicot, Interval,
Flocq, mathcomp, ...), which are admitted by name. (Admitting the libraries with ``-admit`` and
re-checking recursively gives the same verdict at six times the cost here: 17 s against 3 s.) Its context summary (the axioms by full name; constants relying on type-in-type,
unsafe (co)fixpoints or assumed positivity; an impredicative Set) is judged against an allow-list
of exact full names. coqchk's summary has no line for definitional UIP: the statement batch asks
Print Assumptions about every project inductive type for that flag.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

# The classical axioms of Coq's real numbers (Coq.Reals), exact full names.
STANDARD_AXIOMS = frozenset(
    {
        "Coq.Reals.ClassicalDedekindReals.sig_forall_dec",
        "Coq.Reals.ClassicalDedekindReals.sig_not_dec",
        "Coq.Logic.FunctionalExtensionality.functional_extensionality_dep",
        "Coq.Logic.Classical_Prop.classic",
        "Coq.Logic.PropExtensionality.propositional_extensionality",
    }
)
# Primitive 63-bit integers and floats (declared with ``Primitive``) and their specifications,
# on which Interval's reflection relies: every name directly in these standard-library modules.
PRIMITIVE_MODULES = frozenset(
    {
        "Coq.Floats.PrimFloat",
        "Coq.Floats.FloatAxioms",
        "Coq.Numbers.Cyclic.Int63.PrimInt63",
        "Coq.Numbers.Cyclic.Int63.Uint63",
    }
)
# Not axioms: fields of sealed modules (``Module M : SIG``) in the installed libraries. coqchk
# with -norec does not open the sealed implementation, so it lists the signature's fields.
# Each module below is implemented in its library's source (e.g. Coq.Reals.Rdefinitions,
# ``Module RbaseSymbolsImpl : RbaseSymbolsSig``; mathcomp's bigop.v, ``Module BigOp : BigOpSig``).
SEALED_MODULES = frozenset(
    {
        "Coq.Reals.Rdefinitions.RbaseSymbolsImpl",  # Rdefinitions.v: Module RbaseSymbolsImpl : RbaseSymbolsSig
        "Coq.Reals.Rdefinitions.RinvImpl",  # Rdefinitions.v: Module RinvImpl : RinvSig
        "Coq.ssr.ssrunder.Under_rel",  # ssrunder.v: Module Export Under_rel : UNDER_REL
        "mathcomp.ssreflect.bigop.BigOp",  # bigop.v: Module BigOp : BigOpSig
        "mathcomp.ssreflect.finfun.FinfunDef",  # finfun.v: Module FinfunDef : FinfunDefSig
        "mathcomp.ssreflect.fintype.CardDef",  # fintype.v: Module CardDef : CardDefSig
        "mathcomp.ssreflect.fintype.SubsetDef",  # fintype.v: Module Export SubsetDef : SubsetDefSig
        "mathcomp.ssreflect.fintype.Finite.EnumDef",  # fintype.v: Module EnumDef : EnumSig (in Finite)
        "mathcomp.ssreflect.tuple.FinTuple",  # tuple.v: Module FinTuple : FinTupleSig
    }
)
UNSAFE_SECTIONS = ("type-in-type", "unsafe (co)fixpoints", "positivity is assumed")
_FULL_NAME = re.compile(r"^[A-Za-z_][\w']*(\.[A-Za-z_][\w']*)+$")


def allowed(name: str) -> bool:
    """Whether an axiom coqchk lists (by full name) is on the allow-list."""
    module = name.rpartition(".")[0]
    if name in STANDARD_AXIOMS or module in SEALED_MODULES:
        return True
    # Primitive modules: the name itself, or one field of a sub-module (FloatAxioms.Leibniz.x).
    return module in PRIMITIVE_MODULES or module.rpartition(".")[0] in PRIMITIVE_MODULES


@dataclass
class CoqchkResult:
    """The parsed context summary of one coqchk run.

    ok:       coqchk exited 0, its summary was found and nothing in it is disallowed;
    axioms:   every axiom listed, by full name; ``disallowed`` those off the allow-list;
    unsafe:   non-empty unsafe-feature sections (``section: names``);
    problems: one line per reason the run fails;
    checked:  the libraries it re-checked, by full name; loaded: every .vo file it read.
    """

    ok: bool
    version: str
    modules: list[str]
    axioms: list[str] = field(default_factory=list)
    disallowed: list[str] = field(default_factory=list)
    unsafe: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    checked: list[str] = field(default_factory=list)  # libraries coqchk re-checked ("Checking library")
    loaded: list[str] = field(default_factory=list)  # .vo files it loaded


def parse_summary(text: str) -> tuple[list[str], list[str], list[str]]:
    """(axioms, unsafe sections, malformed lines) from coqchk's ``CONTEXT SUMMARY``."""
    if "CONTEXT SUMMARY" not in text:
        return [], [], ["coqchk printed no context summary"]
    body = text.split("CONTEXT SUMMARY", 1)[1]
    axioms: list[str] = []
    unsafe: list[str] = []
    malformed: list[str] = []
    section = ""
    for raw in body.splitlines():
        line = raw.strip()
        if not line or set(line) <= {"="}:
            continue
        if line.startswith("* "):
            section, _, rest = line[2:].partition(":")
            rest = rest.strip()
            if section.startswith("Constants/Inductives") or section.startswith("Inductives whose"):
                if rest and rest != "<none>":
                    unsafe.append(f"{section}: {rest}")
            elif section == "Theory" and rest != "Set is predicative":
                unsafe.append(f"Theory: {rest}")
            continue
        if section == "Axioms":
            (axioms if _FULL_NAME.match(line) else malformed).append(line)
        elif section.startswith("Constants/Inductives") or section.startswith("Inductives whose"):
            unsafe.append(f"{section}: {line}")
    return axioms, unsafe, [f"unrecognised coqchk line: {m}" for m in malformed]


def version() -> str:
    """``coqchk --version``'s first line."""
    proc = subprocess.run(["coqchk", "--version"], capture_output=True, text=True)
    return (proc.stdout or proc.stderr).strip().splitlines()[0] if proc.returncode == 0 else "unknown"


_CHECKING = re.compile(r"^Checking library: (\S+)$", re.M)
_INTERN = re.compile(r"^\[intern (\S+) \.\.\.", re.M)


def check(tree: Path, library: str, modules: list[str]) -> CoqchkResult:
    """Re-check ``library.<module>`` for each module from the build ``tree`` (``-norec``: what
    they load is read, not re-checked; ``judge_closure`` then requires every project module read
    by any run to be re-checked by one, and every other file read to be an installed library's)."""
    from .build import clean_env

    if shutil.which("coqchk") is None:
        return CoqchkResult(False, "", modules, problems=["coqchk not found (it comes with Debian's coq package)"])
    args = ["coqchk", "-o", "-R", ".", library]
    for m in modules:
        args += ["-norec", f"{library}.{m}"]
    t0 = time.perf_counter()
    proc = subprocess.run(args, cwd=tree, capture_output=True, text=True, env=clean_env())
    out = proc.stdout + "\n" + proc.stderr
    axioms, unsafe, problems = parse_summary(out)
    if proc.returncode != 0:
        tail = " | ".join(out.strip().splitlines()[-3:])
        problems.insert(0, f"coqchk failed to check the modules: {tail}")
    checked = _CHECKING.findall(out)
    loaded = _INTERN.findall(out)
    disallowed = sorted(a for a in axioms if not allowed(a))
    problems += [f"coqchk: axiom outside the allow-list: {a}" for a in disallowed]
    problems += [f"coqchk: unsafe feature: {u}" for u in unsafe]
    return CoqchkResult(
        ok=not problems,
        version=version(),
        modules=modules,
        axioms=sorted(axioms),
        disallowed=disallowed,
        unsafe=unsafe,
        problems=problems,
        seconds=round(time.perf_counter() - t0, 2),
        checked=checked,
        loaded=loaded,
    )


def judge_closure(runs: list[CoqchkResult], tree: Path, library: str) -> tuple[list[str], list[str]]:
    """(problems, library modules admitted) of what the coqchk runs covered: every project module
    any of them loaded must have been re-checked by one of them, and every other file loaded must
    be a module of the installed libraries (``build.LIBRARY_ROOTS``), admitted by its name."""
    from .build import installed_modules

    checked = {m for r in runs for m in r.checked}
    by_path = {p.resolve(): name for name, p in installed_modules().items()}
    tree = tree.resolve()
    problems, admitted = [], []
    for path in sorted({p for r in runs for p in r.loaded}):
        p = Path(path).resolve()
        if p.is_relative_to(tree):
            full = ".".join((library,) + p.relative_to(tree).with_suffix("").parts)
            if full not in checked:
                problems.append(f"coqchk loaded {full} from the build tree without re-checking it")
        elif p in by_path:
            admitted.append(by_path[p])
        else:
            problems.append(f"coqchk loaded {path}, neither a module of the build tree nor of an installed library")
    return problems, sorted(admitted)


def merge(runs: list[CoqchkResult]) -> CoqchkResult:
    """Several coqchk runs as one: axioms, unsafe features, checked and loaded files are the union."""
    if not runs:
        return CoqchkResult(False, "", [], problems=["coqchk: no module to check"])
    return CoqchkResult(
        ok=all(r.ok for r in runs),
        version=runs[0].version,
        modules=[m for r in runs for m in r.modules],
        axioms=sorted({a for r in runs for a in r.axioms}),
        disallowed=sorted({a for r in runs for a in r.disallowed}),
        unsafe=sorted({u for r in runs for u in r.unsafe}),
        problems=[p for r in runs for p in r.problems],
        seconds=max(r.seconds for r in runs),
        checked=sorted({m for r in runs for m in r.checked}),
        loaded=sorted({p for r in runs for p in r.loaded}),
    )
