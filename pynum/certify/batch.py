"""``pynum certify --claims FILE.toml``: settle a list of claims, one JSON record for all.

Each ``[[claim]]`` has ``id``, ``relation`` (certify's relation language) and optionally
``published`` (printed values, judged digit by digit against ``value``, an expression that
defaults to the relation's first side) and ``cites`` (the hand-written Coq theorem that states
the same relation; tests/test_certify_claims.py checks that it does).  The record (schema
``pynum-claims/1``) holds every verdict with its certificate (Coq statement, file, SHA-256,
coqc's version, seconds); the ``.v`` files sit beside it.
"""

from __future__ import annotations

import json
import re
import time
import tomllib
from pathlib import Path
from typing import Any

from . import coqgen
from .language import parse
from .relations import require_relation, split_relation
from .settle import settle

SCHEMA = "pynum-claims/1"
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def load_claims(path: Path) -> list[dict[str, Any]]:
    """The claims of FILE.toml, validated (ValueError names the first problem)."""
    if not path.is_file():
        raise ValueError(f"claims file not found: {path}")
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"{path} is not valid TOML: {e}") from None
    claims = data.get("claim")
    if not isinstance(claims, list) or not claims:
        raise ValueError(f"{path} has no [[claim]] entries")
    seen: set[str] = set()
    for c in claims:
        cid = c.get("id")
        if not isinstance(cid, str) or not _ID.fullmatch(cid) or cid in seen:
            raise ValueError(f"{path}: every claim needs a unique id (letters, digits, _), got {cid!r}")
        seen.add(cid)
        if not isinstance(c.get("relation"), str):
            raise ValueError(f"{path}: claim {cid} has no relation")
        unknown = set(c) - {"id", "relation", "published", "value", "cites", "note"}
        if unknown:
            raise ValueError(f"{path}: claim {cid} has unknown keys {sorted(unknown)}")
        if split_relation(c["relation"]) is None:
            raise ValueError(f"{path}: claim {cid}: {c['relation']!r} is not a relation")
    return claims


def coq_name(cid: str) -> str:
    return "claim_" + cid.lower()


def settle_all(path: Path, out_dir: Path) -> dict[str, Any]:
    """Settle every claim of FILE.toml; write out_dir/NAME.v files and return the record."""
    from .numerics import judge_all

    claims = load_claims(path)
    out_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    rows = []
    for c in claims:
        rec = settle(c["relation"], coq_name(c["id"]), out_dir)
        rec.pop("record", None)
        (out_dir / f"{rec['name']}.json").unlink(missing_ok=True)
        row: dict[str, Any] = {"id": c["id"], **rec}
        if c.get("cites"):
            row["cites"] = c["cites"]
        if c.get("published"):
            value = c.get("value") or require_relation(c["relation"]).sources[0]
            row["published"] = [
                {k: p[k] for k in ("published", "verdict", "summary")}
                for p in judge_all(parse(value), list(c["published"]))
            ]
            row["published_of"] = value
        rows.append(row)
    counts = {v: sum(r["verdict"] == v for r in rows) for v in ("proved", "refuted", "undecided")}
    return {
        "schema": SCHEMA,
        "claims_file": path.name,
        "coqc": coqgen.coqc_version() if coqgen.coqc_path() else None,
        "counts": counts,
        "seconds": round(time.perf_counter() - t0, 3),
        "claims": rows,
    }


def write(record: dict[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(record, indent=2) + "\n")
    return path


def format_text(record: dict[str, Any]) -> str:
    lines = [
        f"{r['id']:<6} {r['verdict']:<9} {r['relation']}"
        + (f"  [{r['reason']}]" if r["verdict"] == "undecided" else "")
        + "".join(f"\n{'':16}published {p['published']}: {p['summary']}" for p in r.get("published", []))
        for r in record["claims"]
    ]
    c = record["counts"]
    lines.append(f"{c['proved']} proved, {c['refuted']} refuted, {c['undecided']} undecided ({record['seconds']} s)")
    return "\n".join(lines)


def exit_code(record: dict[str, Any]) -> int:
    """1 when a claim is refuted or a published value is wrong, 3 when one is undecided, else 0."""
    wrong = any(p["verdict"] == "wrong" for r in record["claims"] for p in r.get("published", []))
    if record["counts"]["refuted"] or wrong:
        return 1
    return 3 if record["counts"]["undecided"] else 0


def verify(record: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Re-check every settled claim of a pynum-claims/1 record (hash, statement, compile, decision)."""
    from .settle import verify as verify_one

    results = {}
    for row in record["claims"]:
        if row.get("file"):
            results[row["id"]] = verify_one(row, folder)["checks"]
    ok = bool(results) and all(c["ok"] for c in results.values())
    return {
        "record": {"relation": f"{record['claims_file']}: {len(results)} certificates"},
        "checks": {**{k: c["ok"] for k, c in results.items()}, "ok": ok},
    }
