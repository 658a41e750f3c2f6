"""What a cited theorem says, pinned; and that what it assumes can hold.

One Coq batch over the compiled library (one ``coqc``; a second for any lemma it could not run):

1. For every cited theorem: ``Locate`` (it must be a constant, not a notation), its statement as
   Coq prints it (``Check``), and its premises (the leading products whose domain is a Prop,
   found by an Ltac walk), and whether ``<name>_premises_satisfiable`` exists.
2. Non-vacuity: for every cited theorem with premises, its companion lemma
   ``<name>_premises_satisfiable : exists x1 .. xn, H1 /\\ .. /\\ Hk`` is opened into witnesses and
   hypotheses, and the theorem is applied to them: every Prop premise must be closed by one of
   the lemma's hypotheses (backtracking over the choices; a conjunction premise from its split
   parts), data binders becoming evars that unification fills. A theorem whose premises
   no witnesses satisfy proves nothing and fails the audit.

Statements are pinned in ``pynum/ledger/statements.lock.json`` ({full name: {statement, sha256}});
a cited statement that differs from its pin fails the audit with a diff until the lock is
rewritten on purpose (``python -m pynum audit --update-lock``) and the ledger entry reviewed.
"""
from __future__ import annotations

import difflib
import hashlib
import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

LOCK = Path(__file__).resolve().parent / "ledger" / "statements.lock.json"
LEMMA_SUFFIX = "_premises_satisfiable"

_LTAC = r"""
Ltac audit_show_premises H :=
  repeat (lazymatch type of H with
    | forall _ : ?A, _ =>
        let s := type of A in
        lazymatch s with Prop => idtac "@@premise" | _ => idtac end;
        let e := fresh "audit_e" in evar (e : A); specialize (H e); subst e
    end).
Ltac audit_is_proof H :=
  let t := type of H in let s := type of t in
  lazymatch s with Prop => idtac "@@proof" | _ => idtac "@@not-a-proof" end.
Ltac audit_discharge H :=
  lazymatch type of H with
  | forall _ : ?A, _ =>
      let s := type of A in
      lazymatch s with
      | Prop => first [ match goal with p : _ |- _ => specialize (H p); audit_discharge H end
                      | specialize (H ltac:(repeat split; eassumption)); audit_discharge H ]
      | _ => let e := fresh "audit_e" in evar (e : A); specialize (H e); subst e; audit_discharge H
      end
  | _ => idtac
  end.
Ltac audit_no_premise_left H := lazymatch type of H with
  | forall _ : ?A, _ => let s := type of A in lazymatch s with Prop => fail | _ => idtac end
  | _ => idtac end.
Ltac audit_open L :=
  pose proof L as audit_lemma;
  repeat match type of audit_lemma with ex _ => destruct audit_lemma as [? audit_lemma] end;
  repeat match type of audit_lemma with _ /\ _ => destruct audit_lemma as [? audit_lemma] end.
"""


@dataclass
class TheoremFacts:
    """What Coq says of one cited theorem (full name ``Lib.File.name``)."""

    name: str
    kind: str = ""            # Locate's first word: "Constant", "Notation", ... ("" if unknown)
    statement: str = ""       # as Coq prints it, whitespace normalised
    premises: int = 0         # leading Prop-sorted products
    has_lemma: bool = False   # <name>_premises_satisfiable exists
    non_vacuous: bool | None = None  # None: no premises, nothing to show
    proof: bool = False       # its type is a proposition (a theorem, not a definition of a term or a Prop)


@dataclass
class StatementsResult:
    facts: dict[str, TheoremFacts] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    riders: dict[str, str] = field(default_factory=dict)  # tag -> stdout of commands run in batch 1
    seconds: float = 0.0


def _header(library: str, modules: list[str]) -> str:
    return (f"From {library} Require {' '.join(modules)}.\nRequire Import Reals.\nOpen Scope R_scope.\n"
            "Set Printing Width 100000.\n" + _LTAC)


def _mark(tag: str) -> str:
    return f'Goal True. idtac "@@{tag}". Abort.\n'


def _coqc(coq_dir: Path, library: str, workdir: Path, name: str, source: str) -> subprocess.CompletedProcess:
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / f"{name}.v"
    path.write_text(source)
    return subprocess.run(["coqc", "-R", str(coq_dir), library, str(path)], capture_output=True, text=True,
                          cwd=workdir)


def _sections(stdout: str) -> dict[str, str]:
    out, current = {}, None
    for line in stdout.splitlines():
        m = re.match(r"^@@(begin|end) (\S+)$", line)
        if m:
            current = m.group(2) if m.group(1) == "begin" else None
            out.setdefault(m.group(2), "")
        elif current is not None:
            out[current] += line + "\n"
    return out


def _parse_facts(name: str, text: str) -> TheoremFacts:
    facts = TheoremFacts(name)
    lines = text.splitlines()
    facts.premises = sum(1 for ln in lines if ln.strip() == "@@premise")
    facts.proof = any(ln.strip() == "@@proof" for ln in lines)
    locs = [ln for ln in lines if ln.startswith(("Constant ", "Notation ", "Inductive ", "Constructor ",
                                                 "Ltac ", "Module ", "Syntactic ", "No object"))]
    facts.kind = locs[0].split()[0] if locs else ""
    facts.has_lemma = any(ln.startswith("Constant ") and f"{name}{LEMMA_SUFFIX}" in ln for ln in locs[1:])
    m = re.search(r"^\s+: (.*)$", text, re.M)
    facts.statement = " ".join(m.group(1).split()) if m else ""
    return facts


def _non_vacuity(n: str) -> str:
    return (f"Goal True. audit_open @{n}{LEMMA_SUFFIX}. pose proof @{n} as audit_thm. "
            f"tryif (audit_discharge audit_thm; audit_no_premise_left audit_thm) then idtac \"@@ok {n}\" "
            f"else idtac \"@@vacuous {n}\". Abort.\n")


def lemmas_in_sources(coq_dir: Path, library: str, names: list[str]) -> list[str]:
    """The cited theorems whose ``<name>_premises_satisfiable`` is stated at the top level of the
    theorem's own file (comments and strings blanked): their non-vacuity check can ride in the
    first batch. The others, if Coq finds a lemma for them, get a second batch."""
    from .proofs import strip_coq_comments

    found, texts = [], {}
    for n in names:
        parts = n.split(".")
        if parts[0] != library or len(parts) < 3:
            continue
        path = coq_dir.joinpath(*parts[1:-1]).with_suffix(".v")
        if path not in texts:
            texts[path] = strip_coq_comments(path.read_text()) if path.exists() else ""
        stated = rf"(?m)^(Lemma|Theorem|Fact|Remark|Corollary|Proposition)\s+{re.escape(parts[-1] + LEMMA_SUFFIX)}\b"
        if re.search(stated, texts[path]):
            found.append(n)
    return found


def inspect(coq_dir: Path, library: str, modules: list[str], names: list[str], workdir: Path,
            riders: dict[str, str] | None = None) -> StatementsResult:
    """The batches over ``names`` (full names); problems name each failing theorem.

    The first batch inspects every name, runs the non-vacuity check of the lemmas found in the
    sources (``lemmas_in_sources``) and the ``riders`` ({tag: Coq commands}; the result's
    ``riders`` holds what each printed on stdout). Should it fail with those checks in it, it is
    run again without them, so that the failure is the inspection's own. A second batch checks any
    lemma Coq found that the first did not run."""
    import time

    t0 = time.perf_counter()
    res = StatementsResult()
    head = _header(library, modules)
    for n in names:
        head += (_mark(f"begin {n}") + f"Locate {n}.\nLocate {n}{LEMMA_SUFFIX}.\nCheck @{n}.\n"
                 f"Goal True. pose proof @{n} as audit_thm. audit_is_proof audit_thm. audit_show_premises audit_thm. Abort.\n"
                 + _mark(f"end {n}"))
    ride = "".join(_mark(f"begin {tag}") + commands + _mark(f"end {tag}") for tag, commands in (riders or {}).items())
    early = lemmas_in_sources(coq_dir, library, names)
    proc = _coqc(coq_dir, library, workdir, "AuditStatements", head + "".join(map(_non_vacuity, early)) + ride)
    if proc.returncode != 0 and early:
        early = []
        proc = _coqc(coq_dir, library, workdir, "AuditStatements", head + ride)
    res.seconds = round(time.perf_counter() - t0, 2)
    if proc.returncode != 0:
        tail = " | ".join(proc.stderr.strip().splitlines()[-4:])
        res.problems.append(f"cited theorems could not be inspected (a name is missing or not a theorem): {tail}")
        return res
    sections = _sections(proc.stdout)
    res.riders = {tag: sections.get(tag, "") for tag in riders or {}}
    for n in names:
        res.facts[n] = f = _parse_facts(n, sections.get(n, ""))
        if f.kind != "Constant":
            res.problems.append(f"{n} is cited but is a {f.kind or 'unknown object'}, not a theorem")
        elif not f.proof:
            res.problems.append(f"{n} is cited but is not a proof of a proposition (its type is not a Prop)")
        elif f.premises and not f.has_lemma:
            res.problems.append(f"{n} has {f.premises} premise(s) but no {n.rpartition('.')[2]}{LEMMA_SUFFIX}")
    needing = [n for n in names if res.facts[n].premises and res.facts[n].has_lemma]
    ok = set(re.findall(r"^@@ok (\S+)$", proc.stdout, re.M))
    late = [n for n in needing if n not in early]
    if late:
        proc = _coqc(coq_dir, library, workdir, "AuditNonVacuity", _header(library, modules)
                     + "".join(map(_non_vacuity, late)))
        if proc.returncode != 0:
            tail = " | ".join(proc.stderr.strip().splitlines()[-4:])
            res.problems.append(f"the non-vacuity batch failed: {tail}")
        ok |= set(re.findall(r"^@@ok (\S+)$", proc.stdout, re.M)) & set(late)
    for n in needing:
        res.facts[n].non_vacuous = n in ok
        if n not in ok:
            res.problems.append(f"{n}: its lemma {n.rpartition('.')[2]}{LEMMA_SUFFIX} does not discharge "
                                f"its premises (the theorem is not shown non-vacuous)")
    return res


def digest(statement: str) -> str:
    return hashlib.sha256(statement.encode()).hexdigest()


def read_lock(path: Path = LOCK) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    return json.loads(path.read_text())


def write_lock(facts: dict[str, TheoremFacts], path: Path = LOCK) -> None:
    data = {n: {"statement": f.statement, "sha256": digest(f.statement)} for n, f in sorted(facts.items())}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def compare_with_lock(facts: dict[str, TheoremFacts], path: Path = LOCK) -> list[str]:
    """One problem per cited theorem whose statement is not the pinned one (with a diff)."""
    lock = read_lock(path)
    problems = []
    if not lock:
        return [f"no statement lock at {path}: run 'python -m pynum audit --update-lock' and commit it"]
    for n, f in sorted(facts.items()):
        pinned = lock.get(n)
        if pinned is None:
            problems.append(f"{n} is cited but not pinned in {path.name} (review it, then --update-lock)")
        elif pinned["statement"] != f.statement or pinned["sha256"] != digest(pinned["statement"]):
            diff = "\n".join(difflib.unified_diff([pinned["statement"]], [f.statement], "pinned", "compiled",
                                                  lineterm=""))
            problems.append(f"{n}: statement differs from the pinned one (review the ledger entry, then "
                            f"--update-lock):\n{diff}")
    problems += [f"{n} is pinned but no longer cited (--update-lock)" for n in sorted(set(lock) - set(facts))]
    return problems
