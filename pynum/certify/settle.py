"""Settle a relation: verdict, generated Coq file, coqc, and the certificate record.

Verdicts: ``proved`` (Coq proves the relation as stated), ``refuted`` (Coq proves its negation
``~ (...)``), ``undecided`` (with the reason: not separated at the precision limit, a
transcendental agreement, or a generated proof that coqc rejected).  A chain ``a < b < c`` is
the conjunction of its links; it is refuted by any refuted link.  The record (schema
``pynum-relation/1``, ``NAME.json`` beside ``NAME.v``) holds the verdict, the Coq statement,
the file's SHA-256, coqc's version and the seconds spent; ``--verify`` recompiles and compares.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import coqgen, relations
from .language import constants_used
from .relations import Link, Relation, decide_link, require_relation

SCHEMA = "pynum-relation/1"
EXIT = {"proved": 0, "refuted": 1, "undecided": 3}


def default_name(text: str) -> str:
    return "rel_" + hashlib.sha256(text.encode()).hexdigest()[:10]


def verdict_of(links: list[Link]) -> tuple[str, int | None]:
    """The chain's verdict and the index of the refuted link (if any)."""
    for i, ln in enumerate(links):
        if ln.verdict == "refuted":
            return "refuted", i
    return ("proved" if all(ln.verdict == "proved" for ln in links) else "undecided"), None


def coq_text(name: str, rel: Relation, links: list[Link], verdict: str, bad: int | None) -> tuple[str, str]:
    """(file text, statement of the main lemma)."""
    whole = " /\\ ".join(f"({ln.coq_statement})" for ln in links) if len(links) > 1 else links[0].coq_statement
    main = whole if verdict == "proved" else f"~ ({whole})"
    uses = any(constants_used(p) for p in rel.parts)
    comment = rel.text.replace("(*", "( *").replace("*)", "* )")
    lines = [
        coqgen.HEADER,
        f"(** {verdict}: {comment} *)",
        "From Coq Require Import Reals Lra.",
        "From Interval Require Import Tactic.",
    ]
    if uses:
        lines.append("From Phi Require Import PhiBasics Constants.")
    lines += ["Open Scope R_scope.", ""]
    if verdict == "proved":
        wanted: Sequence[int] = range(len(links))
    elif bad is not None:
        wanted = [bad]
    else:
        raise ValueError(f"a {verdict} chain has no proof to write")
    for i in wanted:
        ln = links[i]
        stmt = ln.coq_statement if verdict == "proved" else f"~ ({ln.coq_statement})"
        lines += [f"Lemma {name}_{i + 1} : {stmt}.", "Proof.", *("  " + t for t in ln.tactics), "Qed.", ""]
    proofs = " ".join(f"pose proof {name}_{i + 1}." for i in wanted)
    lines += [f"Lemma {name} : {main}.", f"Proof. {proofs} tauto. Qed.", ""]
    return "\n".join(lines), f"Lemma {name} : {main}."


def settle(
    text: str, name: str | None = None, out_dir: Path | None = None, rel: Relation | None = None
) -> dict[str, Any]:
    """Decide, generate, compile; the record (written as NAME.json when a proof compiled)."""
    t0 = time.perf_counter()
    rel = rel or require_relation(text)
    name = name or default_name(text)
    links = [decide_link(rel.parts[i], rel.ops[i], rel.parts[i + 1]) for i in range(len(rel.ops))]
    verdict, bad = verdict_of(links)
    rec: dict[str, Any] = {
        "schema": SCHEMA,
        "relation": rel.text,
        "name": name,
        "verdict": verdict,
        "links": [
            {
                "relation": f"{rel.sources[i]} {ln.op} {rel.sources[i + 1]}",
                "coq": ln.coq_statement,
                "verdict": ln.verdict,
                "method": ln.method,
                "reason": ln.reason,
                "digits_agreeing": ln.agree_digits,
            }
            for i, ln in enumerate(links)
        ],
        "seconds": {"decide": round(time.perf_counter() - t0, 3)},
    }
    if verdict == "undecided":
        rec["reason"] = "; ".join(ln.reason for ln in links if ln.verdict == "undecided")
        return rec
    if coqgen.coqc_path() is None:
        rec.update(verdict="undecided", reason="coqc not found: no proof could be checked (make setup-apt)")
        return rec
    out = out_dir if out_dir is not None else Path("build") / "certify"
    out.mkdir(parents=True, exist_ok=True)
    gen_s, coq_s, scale = 0.0, 0.0, 1
    path = out / f"{name}.v"
    while True:
        t1 = time.perf_counter()
        body, main = coq_text(name, rel, links, verdict, bad)
        path.write_text(body)
        gen_s += time.perf_counter() - t1
        ok, msg, secs = coqgen.compile_v(path)
        coq_s += secs
        interval_links = [ln for ln in links if ln.method.startswith("interval")]
        if ok or not interval_links or max(ln.bits for ln in interval_links) * 2 > relations.I_PREC_LIMIT:
            break
        scale *= 2  # interval's precision raised, up to relations.I_PREC_LIMIT
        links = [decide_link(rel.parts[i], rel.ops[i], rel.parts[i + 1], scale) for i in range(len(rel.ops))]
    rec["seconds"].update(generate=round(gen_s, 3), coqc=round(coq_s, 3))
    rec.update(
        theorem=name,
        coq_statement=main,
        file=path.name,
        sha256=coqgen.sha256(path),
        coqc=coqgen.coqc_version(),
        coqc_command=f"coqc -R {coqgen.COQ_LIB} Phi {path.name}",
    )
    if not ok:
        rec.update(
            verdict="undecided",
            decided_numerically=verdict,
            reason=f"the generated Coq proof did not compile ({msg}); nothing is claimed",
        )
        return rec
    rec["record"] = str(out / f"{name}.json")
    (out / f"{name}.json").write_text(json.dumps(rec, indent=2) + "\n")
    return rec


def verify(rec: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Re-check a relation record: hash, statement in the file, a fresh compile, a fresh decision."""
    vfile = folder / rec["file"]
    checks: dict[str, Any] = {"file": str(vfile), "file_present": vfile.is_file()}
    checks["sha256_matches"] = checks["file_present"] and coqgen.sha256(vfile) == rec["sha256"]
    checks["theorem_in_file"] = checks["file_present"] and rec["coq_statement"] in vfile.read_text()
    rel = require_relation(rec["relation"])
    again = [decide_link(rel.parts[i], rel.ops[i], rel.parts[i + 1]) for i in range(len(rel.ops))]
    checks["verdict_matches"] = verdict_of(again)[0] == rec["verdict"]
    if coqgen.coqc_path() is None or not checks["file_present"]:
        checks["compiled"] = None if checks["file_present"] else False
    else:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / vfile.name
            shutil.copyfile(vfile, copy)
            ok, msg, secs = coqgen.compile_v(copy)
        checks.update(compiled=ok, coqc=coqgen.coqc_version(), coqc_seconds=round(secs, 3))
        if not ok:
            checks["coqc_message"] = msg
    checks["ok"] = all(checks[k] for k in ("sha256_matches", "theorem_in_file", "verdict_matches", "compiled"))
    return {"record": rec, "checks": checks}


def format_text(rec: dict[str, Any]) -> str:
    lines = [f"{rec['relation']}: {rec['verdict'].upper()}"]
    for ln in rec["links"]:
        lines.append(f"  {ln['relation']:<30} {ln['verdict']:<9} {ln['method'] or ln['reason']}")
    if rec.get("coq_statement"):
        lines += [
            f"  theorem      {rec['coq_statement']}",
            f"  file         {rec['file']}  (sha256 {rec['sha256'][:16]}...)",
            f"  coqc         {rec['coqc']}",
        ]
        if rec.get("record"):
            lines.append(f"  certificate  {rec['record']}")
    if rec["verdict"] == "undecided":
        lines.append(f"  undecided    {rec.get('reason', '')}")
        lines.append(
            f"  to go further: sides closer than {relations.MAX_BITS} bits (relations.MAX_BITS) stay"
            " undecided; an equality of transcendental values needs an exact form the generator"
            " proves (algebraic, atan 1, sin x ^ 2 + cos x ^ 2)"
        )
    lines.append("  seconds      " + ", ".join(f"{k} {v}" for k, v in rec["seconds"].items()))
    return "\n".join(lines)
