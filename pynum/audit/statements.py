"""What a cited theorem means, pinned; and that what it assumes can hold.

One Coq batch over the hermetic build tree, in a fixed context: ``Require Coq.Reals.Reals``
(the standard library by its full path) and ``Require`` of every project module, nothing
imported, ``Set Printing All`` (no notation, every implicit argument and coercion shown). In it:

1. For every cited theorem: ``Locate`` (it must be a constant, not a notation), its statement as
   printed there (``Check``), whether its type is a proposition, and its premises: every leading
   product whose domain is a Prop or an SProp, or a Type that no closed term of ``audit_inhabit``
   inhabits (``forall e : Empty_set`` is a premise; ``forall x : R`` is not).
2. ``Print`` of every project definition (read from the ``.glob`` files coqc wrote): the pinned
   meaning of the names a statement uses (``pynum.audit.lock`` closes over them).
3. ``Print Assumptions`` of every project inductive type, for the typing flags coqchk's summary
   does not report (definitional UIP).
4. Non-vacuity: for every cited theorem with premises, its companion lemma
   ``<name>_premises_satisfiable : exists x1 .. xn, H1 /\\ .. /\\ Hk`` is opened into witnesses and
   hypotheses and the theorem is applied to them: every Prop premise closed by a hypothesis
   (backtracking; a conjunction from its split parts), every data binder an evar that unification
   or ``audit_inhabit`` must fill, every SProp premise by a hypothesis. Otherwise it fails.

Printed names are made fully qualified (``qualify``): a name is resolved against the project's
modules and the installed libraries' modules (unambiguous in this context, where no project module
is named like a library module).
"""

from __future__ import annotations

import re
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .tactics import NO_PREMISE_LEFT, PREMISE_TACTICS

LEMMA_SUFFIX = "_premises_satisfiable"
PARTS = 2
FIXED_CONTEXT = "Require Coq.Reals.Reals.\n"
INHABIT_DEPTH = 4
# .glob kinds of the objects whose printed meaning is pinned (proofs are not: their statements are).
DEFINITION_KINDS = frozenset(
    {
        "def",
        "ind",
        "rec",
        "coind",
        "variant",
        "constr",
        "proj",
        "class",
        "inst",
        "coe",
        "canonstruc",
        "fix",
        "cofix",
        "meth",
        "abbrev",
        "syndef",
    }
)
INDUCTIVE_KINDS = frozenset({"ind", "rec", "coind", "variant", "class"})


@dataclass
class TheoremFacts:
    """What Coq says of one cited theorem (full name ``Lib.File.name``)."""

    name: str
    kind: str = ""  # Locate's first word: "Constant", "Notation", ... ("" if unknown)
    statement: str = ""  # printed in the fixed context, all notations off, names fully qualified
    premises: dict[str, int] = field(default_factory=dict)  # by sort: {"Prop": 2, "Type": 1, "SProp": 0}
    has_lemma: bool = False  # <name>_premises_satisfiable exists
    non_vacuous: bool | None = None  # None: no premises, nothing to show
    proof: bool = False  # its type is a proposition (a theorem, not a definition of a term or a Prop)

    @property
    def premise_count(self) -> int:
        return sum(self.premises.values())


@dataclass
class StatementsResult:
    facts: dict[str, TheoremFacts] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)  # full name -> printed (names fully qualified)
    flags: list[str] = field(default_factory=list)  # "object: typing flag" of project inductives
    unprintable: list[str] = field(default_factory=list)  # project objects Print cannot reach by full name
    problems: list[str] = field(default_factory=list)
    riders: dict[str, str] = field(default_factory=dict)  # tag -> stdout of commands run in the batch
    seconds: float = 0.0


def header(library: str, modules: list[str]) -> str:
    """The fixed context: the standard library by full path, every project module, nothing imported."""
    return (
        FIXED_CONTEXT + f"Require {' '.join(f'{library}.{m}' for m in modules)}.\n"
        "Set Printing All.\nSet Printing Width 100000.\n" + PREMISE_TACTICS
    )


def _mark(tag: str) -> str:
    return f'Goal True. idtac "@@{tag}". Abort.\n'


def _coqc(tree: Path, library: str, workdir: Path, name: str, source: str) -> subprocess.CompletedProcess:
    from .build import COQC_FLAGS, clean_env

    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / f"{name}.v"
    path.write_text(source)
    return subprocess.run(
        ["coqc", *COQC_FLAGS, "-R", str(tree), library, str(path)],
        capture_output=True,
        text=True,
        cwd=workdir,
        env=clean_env(),
    )


def _sections(stdout: str) -> dict[str, str]:
    out: dict[str, str] = {}
    current: str | None = None
    for line in stdout.splitlines():
        m = re.match(r"^@@(begin|end) (\S+)$", line)
        if m:
            current = m.group(2) if m.group(1) == "begin" else None
            out.setdefault(m.group(2), "")
        elif current is not None:
            out[current] += line + "\n"
    return out


def glob_objects(tree: Path, library: str, modules: list[str]) -> dict[str, str]:
    """Full name -> .glob kind of every object the project's modules define (from coqc's .glob)."""
    out = {}
    for m in modules:
        glob = tree.joinpath(*m.split(".")).with_suffix(".glob")
        for line in glob.read_text().splitlines() if glob.exists() else []:
            parts = line.split()
            if len(parts) == 4 and ":" in parts[1] and parts[0] not in ("binder", "mod", "modtype", "sec"):
                kind, _, path, name = parts
                inner = "" if path == "<>" else path + "."
                out[f"{library}.{m}.{inner}{name}"] = kind
    return out


_QUALID = re.compile(r"(?<![\w.'@])@?([A-Za-z_][\w']*(?:\.[A-Za-z_][\w']*)+)")


def qualifier(library: str, modules: list[str], installed: list[str]):
    """A function rewriting printed qualified names to full names: the longest leading part that
    is the suffix of exactly one known module (project or installed) is replaced by its full name."""
    known = [f"{library}.{m}" for m in modules] + list(installed)
    by_suffix: dict[str, set[str]] = {}
    for full in known:
        parts = full.split(".")
        for i in range(len(parts)):
            by_suffix.setdefault(".".join(parts[i:]), set()).add(full)

    def one(m: re.Match) -> str:
        parts = m.group(1).split(".")
        for k in range(len(parts) - 1, 0, -1):
            mods = by_suffix.get(".".join(parts[:k]))
            if mods and len(mods) == 1:
                full = next(iter(mods)) + "." + ".".join(parts[k:])
                return m.group(0).replace(m.group(1), full)
        return m.group(0)

    return lambda text: _QUALID.sub(one, text)


def _parse_facts(name: str, text: str, qualify) -> TheoremFacts:
    facts = TheoremFacts(name)
    lines = text.splitlines()
    for sort in ("Prop", "Type", "SProp"):
        facts.premises[sort] = sum(1 for ln in lines if ln.strip() == f"@@premise {sort}")
    facts.proof = any(ln.strip() == "@@proof" for ln in lines)
    locs = [
        ln
        for ln in lines
        if ln.startswith(
            ("Constant ", "Notation ", "Inductive ", "Constructor ", "Ltac ", "Module ", "Syntactic ", "No object")
        )
    ]
    facts.kind = locs[0].split()[0] if locs else ""
    facts.has_lemma = any(ln.startswith("Constant ") and f"{name}{LEMMA_SUFFIX}" in ln for ln in locs[1:])
    m = re.search(r"^\s+: (.*)$", text, re.M)
    facts.statement = qualify(" ".join(m.group(1).split())) if m else ""
    return facts


def _non_vacuity(n: str) -> str:
    return (
        f"Goal True. audit_open @{n}{LEMMA_SUFFIX}. pose proof @{n} as audit_thm. "
        f"tryif (audit_discharge audit_thm; audit_no_premise_left audit_thm; audit_filled) "
        f'then idtac "@@ok {n}" else idtac "@@vacuous {n}". Abort.\n'
    )


def _failed_print(text: str, stderr: str, name: str) -> str | None:
    """The object whose ``Print`` (or ``Print Assumptions``) line coqc's error points at, if any."""
    m = re.search(rf'{name}\.v", line (\d+)', stderr)
    lines = text.splitlines()
    if not m or int(m.group(1)) > len(lines):
        return None
    hit = re.fullmatch(r"Print (?:Assumptions )?(\S+)\.", lines[int(m.group(1)) - 1].strip())
    return hit.group(1) if hit else None


def lemmas_in_sources(tree: Path, library: str, names: list[str]) -> list[str]:
    """The cited theorems whose ``<name>_premises_satisfiable`` is stated at the top level of the
    theorem's own file (comments and strings blanked): their non-vacuity check can ride in the
    first batch. The others, if Coq finds a lemma for them, get a second batch."""
    from .source import strip_coq_comments

    found, texts = [], {}
    for n in names:
        parts = n.split(".")
        if parts[0] != library or len(parts) < 3:
            continue
        path = tree.joinpath(*parts[1:-1]).with_suffix(".v")
        if path not in texts:
            texts[path] = strip_coq_comments(path.read_text()) if path.exists() else ""
        stated = rf"(?m)^(Lemma|Theorem|Fact|Remark|Corollary|Proposition)\s+{re.escape(parts[-1] + LEMMA_SUFFIX)}\b"
        if re.search(stated, texts[path]):
            found.append(n)
    return found


def _run_part(
    tree: Path,
    library: str,
    workdir: Path,
    name: str,
    head: str,
    names: list[str],
    defs: list[str],
    inds: list[str],
    riders: dict[str, str],
    early: list[str],
) -> dict:
    """One coqc process over a share of the batch. An object Coq cannot print by its full name
    (hidden by a module signature) is dropped and named; should the early non-vacuity checks make
    it fail, it runs again without them, so that the failure is the inspection's own."""
    out: dict = {"unprintable": [], "problems": []}
    body = "".join(
        _mark(f"begin {n}") + f"Locate {n}.\nLocate {n}{LEMMA_SUFFIX}.\nCheck @{n}.\n"
        f"Goal True. pose proof @{n} as audit_thm. audit_is_proof audit_thm. audit_show_premises audit_thm. "
        f"Abort.\n" + _mark(f"end {n}")
        for n in names
    )
    while True:
        text = (
            head
            + body
            + "".join(_mark(f"begin def:{d}") + f"Print {d}.\n" + _mark(f"end def:{d}") for d in defs)
            + "".join(_mark(f"begin flags:{d}") + f"Print Assumptions {d}.\n" + _mark(f"end flags:{d}") for d in inds)
            + "".join(_mark(f"begin {tag}") + cmds + _mark(f"end {tag}") for tag, cmds in riders.items())
            + "".join(map(_non_vacuity, early))
        )
        proc = _coqc(tree, library, workdir, name, text)
        culprit = _failed_print(text, proc.stderr, name) if proc.returncode else None
        if culprit in defs or culprit in inds:
            out["unprintable"].append(culprit)
            if culprit in inds:
                out["problems"].append(
                    f"{culprit}: a project inductive type that Print Assumptions cannot reach by "
                    f"its full name (its typing flags cannot be read)"
                )
            defs, inds = [d for d in defs if d != culprit], [d for d in inds if d != culprit]
        elif proc.returncode and early:
            early = []
        else:
            return out | {"proc": proc, "defs": defs, "inds": inds, "early": early}


def inspect(
    tree: Path, library: str, modules: list[str], names: list[str], workdir: Path, riders: dict[str, str] | None = None
) -> StatementsResult:
    """The batch over ``names`` (full names) in the build ``tree``; problems name each failing
    theorem. ``riders`` ({tag: Coq commands}) run in the same process; the result's ``riders``
    holds what each printed on stdout."""
    from .build import installed_modules

    t0 = time.perf_counter()
    res = StatementsResult()
    qualify = qualifier(library, modules, sorted(installed_modules()))
    objects = glob_objects(tree, library, modules)
    head = header(library, modules) + NO_PREMISE_LEFT
    defs = sorted(o for o, k in objects.items() if k in DEFINITION_KINDS)
    inds = sorted(o for o, k in objects.items() if k in INDUCTIVE_KINDS)
    early = set(lemmas_in_sources(tree, library, names))
    # Two coqc processes side by side (the machine has two cores), each with a share of the work;
    # the Print Assumptions riders and the inductive types go to the second.
    parts = [
        (names[i::PARTS], defs[i::PARTS], inds if i == PARTS - 1 else [], riders if i == PARTS - 1 else {})
        for i in range(PARTS)
    ]
    with ThreadPoolExecutor(max_workers=PARTS) as pool:
        runs = list(
            pool.map(
                lambda ip: _run_part(
                    tree,
                    library,
                    workdir,
                    f"AuditStatements{ip[0]}",
                    head,
                    ip[1][0],
                    ip[1][1],
                    ip[1][2],
                    ip[1][3],
                    [n for n in ip[1][0] if n in early],
                ),
                enumerate(parts),
            )
        )
    failed = [r for r in runs if r["proc"].returncode != 0]
    for r in runs:
        res.unprintable += r["unprintable"]
        res.problems += r["problems"]
    if failed:
        tail = " | ".join(failed[0]["proc"].stderr.strip().splitlines()[-4:])
        res.problems.append(f"cited theorems could not be inspected (a name is missing or not a theorem): {tail}")
        res.seconds = round(time.perf_counter() - t0, 2)
        return res
    stdout = "".join(r["proc"].stdout for r in runs)
    early = {n for r in runs for n in r["early"]}
    defs = [d for r in runs for d in r["defs"]]
    inds = [d for r in runs for d in r["inds"]]
    sections = _sections(stdout)
    res.riders = {tag: sections.get(tag, "") for tag in riders or {}}
    res.definitions = {
        d: qualify("\n".join(ln.rstrip() for ln in sections.get(f"def:{d}", "").strip().splitlines())) for d in defs
    }
    from .assumptions import flags_used

    res.unprintable = sorted(res.unprintable)
    res.flags = [f"{qualify(obj)}: {flag}" for d in inds for obj, flag in flags_used(sections.get(f"flags:{d}", ""))]
    for n in names:
        res.facts[n] = f = _parse_facts(n, sections.get(n, ""), qualify)
        if f.kind != "Constant":
            res.problems.append(f"{n} is cited but is a {f.kind or 'unknown object'}, not a theorem")
        elif not f.proof:
            res.problems.append(f"{n} is cited but is not a proof of a proposition (its type is not a Prop)")
        elif f.premise_count and not f.has_lemma:
            res.problems.append(f"{n} has {_premises(f)} but no {n.rpartition('.')[2]}{LEMMA_SUFFIX}")
    needing = [n for n in names if res.facts[n].premise_count and res.facts[n].has_lemma]
    ok = set(re.findall(r"^@@ok (\S+)$", stdout, re.M)) & early
    late = [n for n in needing if n not in early]
    if late:
        proc = _coqc(tree, library, workdir, "AuditNonVacuity", head + "".join(map(_non_vacuity, late)))
        if proc.returncode != 0:
            tail = " | ".join(proc.stderr.strip().splitlines()[-4:])
            res.problems.append(f"the non-vacuity batch failed: {tail}")
        ok |= set(re.findall(r"^@@ok (\S+)$", proc.stdout, re.M)) & set(late)
    if needing:
        for n in needing:
            res.facts[n].non_vacuous = n in ok
            if n not in ok:
                res.problems.append(
                    f"{n}: its lemma {n.rpartition('.')[2]}{LEMMA_SUFFIX} does not discharge "
                    f"its premises ({_premises(res.facts[n])}; the theorem is not shown non-vacuous)"
                )
    res.seconds = round(time.perf_counter() - t0, 2)
    return res


def _premises(f: TheoremFacts) -> str:
    return ", ".join(f"{k} {s}-sorted premise(s)" for s, k in f.premises.items() if k)
