"""The locks: what the cited theorems mean and what the ledger says of them, pinned on purpose.

``pynum/ledger/statements.lock.json`` holds, for every cited theorem, its statement as printed in
the fixed context of ``pynum.audit.statements`` (all notations off, names fully qualified), its
premises by sort and the project definitions its statement depends on (closed over their bodies);
the printed body of each such definition; and the counts (theorems, theorems with premises,
definitions). ``pynum/ledger/ledger.lock.json`` holds each claim's verdict and the theorems it
cites. Any difference fails the audit, naming the theorem, definition or claim with a diff, until
``python -m pynum audit --update-lock`` rewrites both locks and prints what changed.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

from .project import LEDGER

LOCK = LEDGER / "statements.lock.json"
LEDGER_LOCK = LEDGER / "ledger.lock.json"
FORMAT = 2
_FULL = re.compile(r"(?<![\w.'])([A-Za-z_][\w']*(?:\.[A-Za-z_][\w']*)+)")


def closure(text: str, definitions: dict[str, str]) -> list[str]:
    """The project definitions ``text`` names, and those their printed bodies name, transitively."""
    seen: set[str] = set()
    todo = [t for t in _FULL.findall(text) if t in definitions]
    while todo:
        d = todo.pop()
        if d not in seen:
            seen.add(d)
            todo += [t for t in _FULL.findall(definitions[d]) if t in definitions and t not in seen]
    return sorted(seen)


def snapshot(facts: dict[str, Any], definitions: dict[str, str], context: str) -> dict[str, Any]:
    """The statements lock's content for the inspected theorems (``TheoremFacts`` by full name)."""
    theorems, used = {}, set()
    for n, f in sorted(facts.items()):
        deps = closure(f.statement, definitions)
        used |= set(deps)
        theorems[n] = {"statement": f.statement, "premises": dict(f.premises), "definitions": deps}
    return {
        "format": FORMAT,
        "context": context,
        "counts": {
            "theorems": len(theorems),
            "with_premises": sum(1 for t in theorems.values() if sum(t["premises"].values())),
            "definitions": len(used),
        },
        "theorems": theorems,
        "definitions": {d: definitions[d] for d in sorted(used)},
    }


def ledger_snapshot(links: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The ledger lock's content: each claim's verdict and cited theorems (``claim_links``)."""
    counts: dict[str, int] = {}
    for c in links.values():
        counts[c["verdict"]] = counts.get(c["verdict"], 0) + 1
    return {"format": 1, "counts": dict(sorted(counts.items())), "claims": dict(sorted(links.items()))}


def read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text()) if path.exists() else {}


def write(data: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n")


def _diff(old: str, new: str) -> str:
    return "\n".join(difflib.unified_diff(old.splitlines(), new.splitlines(), "pinned", "compiled", lineterm=""))


def compare(pinned: dict[str, Any], now: dict[str, Any], path: Path) -> list[str]:
    """One line (with a diff where text differs) per difference between the statements lock and
    the compiled library."""
    if not pinned:
        return [f"no statement lock at {path}: run 'python -m pynum audit --update-lock' and commit it"]
    if pinned.get("format") != FORMAT:
        return [
            f"{path.name} is of format {pinned.get('format')!r}, not {FORMAT}: run 'python -m pynum audit "
            f"--update-lock' and review the change"
        ]
    out = []
    old_t, new_t = pinned.get("theorems", {}), now["theorems"]
    for n in sorted(set(new_t) - set(old_t)):
        out.append(f"{n} is cited but not pinned in {path.name} (review it, then --update-lock)")
    for n in sorted(set(old_t) - set(new_t)):
        out.append(f"{n} is pinned but no longer cited (--update-lock)")
    for n in sorted(set(old_t) & set(new_t)):
        a, b = old_t[n], new_t[n]
        if a["statement"] != b["statement"]:
            out.append(
                f"{n}: statement differs from the pinned one (review the ledger entry, then "
                f"--update-lock):\n{_diff(a['statement'], b['statement'])}"
            )
        if a["premises"] != b["premises"]:
            out.append(f"{n}: premises by sort changed from {a['premises']} to {b['premises']}")
        for d in sorted(set(b["definitions"]) - set(a["definitions"])):
            out.append(f"{n}: its statement now depends on the definition {d}, not pinned for it")
        for d in sorted(set(a["definitions"]) - set(b["definitions"])):
            out.append(f"{n}: its statement no longer depends on the definition {d}")
    old_d, new_d = pinned.get("definitions", {}), now["definitions"]
    for d in sorted(set(old_d) & set(new_d)):
        if old_d[d] != new_d[d]:
            users = sorted(n for n, t in new_t.items() if d in t["definitions"])
            out.append(
                f"definition {d} changed (cited statements using it: {', '.join(users)}):\n{_diff(old_d[d], new_d[d])}"
            )
    for key, what in (
        ("with_premises", "theorems with premises"),
        ("theorems", "cited theorems"),
        ("definitions", "pinned definitions"),
    ):
        a, b = pinned.get("counts", {}).get(key), now["counts"][key]
        if a != b:
            out.append(f"the number of {what} changed from {a} to {b}")
    return out


def compare_ledger(pinned: dict[str, Any], now: dict[str, Any], path: Path) -> list[str]:
    """One line per claim whose verdict or cited theorems differ from the ledger lock."""
    if not pinned:
        return [f"no ledger lock at {path}: run 'python -m pynum audit --update-lock' and commit it"]
    out = []
    old, new = pinned.get("claims", {}), now["claims"]
    out += [f"claim {c} is in the ledger but not in {path.name}" for c in sorted(set(new) - set(old))]
    out += [f"claim {c} is in {path.name} but no longer in the ledger" for c in sorted(set(old) - set(new))]
    for c in sorted(set(old) & set(new)):
        for key in ("verdict", "coq", "lean"):
            if old[c].get(key) != new[c].get(key):
                out.append(
                    f"claim {c}: {key} changed from {old[c].get(key)} to {new[c].get(key)} "
                    f"(not in {path.name}: review, then --update-lock)"
                )
    return out
