"""Independent re-check of the compiled Coq library with ``coqchk``, Coq's second kernel.

``coqchk -silent -o -R . Phi -norec Phi.<Module> ...`` (run from ``coq/``) re-checks every
project module from its ``.vo`` file and prints a context summary: the axioms everything rests
on (by full name) and the constants relying on type-in-type, on unsafe (co)fixpoints or on
assumed positivity. The installed libraries (the standard library, Coquelicot, Interval,
mathcomp) are trusted as installed (``-norec`` re-checks only the project's modules). coqchk
exits 0 even when axioms are present, so its summary is parsed here and judged against an
allow-list of exact full names.
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
    problems: one line per reason the run fails.
    """

    ok: bool
    version: str
    modules: list[str]
    axioms: list[str] = field(default_factory=list)
    disallowed: list[str] = field(default_factory=list)
    unsafe: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def parse_summary(text: str) -> tuple[list[str], list[str], list[str]]:
    """(axioms, unsafe sections, malformed lines) from coqchk's ``CONTEXT SUMMARY``."""
    if "CONTEXT SUMMARY" not in text:
        return [], [], ["coqchk printed no context summary"]
    body = text.split("CONTEXT SUMMARY", 1)[1]
    axioms, unsafe, malformed = [], [], []
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


def check(coq_dir: Path, library: str, modules: list[str]) -> CoqchkResult:
    """Re-check ``library.<module>`` for each module (logical names) from ``coq_dir``."""
    if shutil.which("coqchk") is None:
        return CoqchkResult(False, "", modules, problems=["coqchk not found (it comes with Debian's coq package)"])
    args = ["coqchk", "-silent", "-o", "-R", ".", library]
    for m in modules:
        args += ["-norec", f"{library}.{m}"]
    t0 = time.perf_counter()
    proc = subprocess.run(args, cwd=coq_dir, capture_output=True, text=True)
    out = proc.stdout + "\n" + proc.stderr
    axioms, unsafe, problems = parse_summary(out)
    if proc.returncode != 0:
        tail = " | ".join(out.strip().splitlines()[-3:])
        problems.insert(0, f"coqchk failed to check the modules: {tail}")
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
    )


def merge(runs: list[CoqchkResult]) -> CoqchkResult:
    """Several coqchk runs over disjoint groups of modules as one: every module of every group
    re-checked; axioms and unsafe features are the union."""
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
    )
