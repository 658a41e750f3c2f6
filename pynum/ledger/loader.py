"""Load the claims ledger from its data files and validate every link in it.

``ledger.toml`` holds the verdict rules and the ordered list of source documents; each source's
data file (``watkins.toml``, ...) holds its claims. Loading fails with a ``LedgerError`` naming the
file, the claim and the field on: an unknown or missing field, a duplicate ID, a placeholder
``{key}`` with no number, a number with no or two sources, an expression that does not parse,
a record pointer into a record the claim does not list or that does not resolve, a Coq theorem
that is not in the audited library, a verdict without its objection considered (``objection``:
raised, answer, decided_by) or whose deciding evidence does not resolve, a ``pynum-check`` of an unregistered constant, or a numeral
with three or more significant digits typed into the prose (see ``typed_numerals``).
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from . import render
from .model import (
    CLAIM_ID,
    NUMBER_KEY,
    PLACEHOLDER,
    SEED_QUOTE,
    Claim,
    Evidence,
    LedgerError,
    Number,
    Objection,
    Source,
)

INDEX = "ledger.toml"
_CLAIM_FIELDS = {
    "id",
    "published",
    "verdict",
    "reading",
    "correction",
    "coq",
    "lean",
    "checks",
    "records",
    "numbers",
    "inputs",
    "summary",
    "finding",
    "objection",
    "scope",
}
_NUMBER_FIELDS = {"label", "expr", "enclosure", "record", "text", "digits", "format", "reduce", "scale"}
_OBJECTION_FIELDS = {"raised", "answer", "decided_by"}
_NUMBER_SOURCES = ("expr", "enclosure", "record", "text")
CHECK_ID = re.compile(r"^(pynum-check:[A-Z0-9_]+|[a-z0-9]+(-[a-z0-9]+)+)$")
THEOREM_REF = re.compile(r"^[A-Z][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_']*$")
# A numeral as prose writes it: 0.5259, 1,000,000, 1e-3, 19750 (not digits inside names).
NUMERAL = re.compile(r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e-?\d+)?(?![\w])")
MAX_UNDECLARED_SIGNIFICANT = 2
# The typed-numeral lint runs at every load (tests switch it off to reach other errors first).
STRICT_NUMERALS = True


def _read_toml(name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LedgerError(f"ledger data file {name} is missing from the pynum.ledger package") from None
    except tomllib.TOMLDecodeError as exc:
        raise LedgerError(f"{name}: not valid TOML: {exc}") from None


def significant_digits(numeral: str) -> int:
    """How many significant digits a numeral carries (``0.0501`` -> 3, ``1,000`` -> 4)."""
    mantissa = numeral.split("e")[0].replace(",", "").replace(".", "").lstrip("0")
    return len(mantissa)


def typed_numerals(claim: Claim) -> list[str]:
    """Numerals of 3+ significant digits typed into the claim's prose that are neither in the
    claim as published, nor inside a seed quote ``"..."``, nor declared as given ``inputs``:
    derived numbers must be placeholders."""
    allowed = set(NUMERAL.findall(claim.published)) | set(claim.inputs)
    texts = [claim.reading, claim.correction, claim.finding]
    if claim.objection is not None:
        texts += [claim.objection.raised, claim.objection.answer]
    for n in claim.evidence.numbers.values():
        texts += [n.label, n.text]
    found = []
    for text in texts:
        for tok in NUMERAL.findall(SEED_QUOTE.sub(" ", PLACEHOLDER.sub(" ", text))):
            if significant_digits(tok) > MAX_UNDECLARED_SIGNIFICANT and tok not in allowed:
                found.append(tok)
    return found


def _strings(where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LedgerError(f"{where}: expected a list of strings")
    return tuple(value)


def _number(where: str, key: str, raw: Any) -> Number:
    if not NUMBER_KEY.match(key):
        raise LedgerError(f"{where}: number key {key!r} is not lower_snake_case")
    if not isinstance(raw, dict):
        raise LedgerError(f"{where}.{key}: expected a table")
    unknown = set(raw) - _NUMBER_FIELDS
    if unknown:
        raise LedgerError(f"{where}.{key}: unknown fields {sorted(unknown)}")
    sources = [s for s in _NUMBER_SOURCES if raw.get(s)]
    if len(sources) != 1:
        raise LedgerError(f"{where}.{key}: needs exactly one of {_NUMBER_SOURCES}, has {sources}")
    if not isinstance(raw.get("label"), str) or not raw["label"]:
        raise LedgerError(f"{where}.{key}: needs a label")
    digits = raw.get("digits", 16)
    if not isinstance(digits, int) or not 1 <= digits <= 60:
        raise LedgerError(f"{where}.{key}: digits must be an integer from 1 to 60")
    reduce = raw.get("reduce", "")
    if reduce and (reduce not in render.REDUCERS or not raw.get("record")):
        raise LedgerError(f"{where}.{key}: reduce {reduce!r} needs a record and one of {sorted(render.REDUCERS)}")
    if raw.get("scale") and not raw.get("record"):
        raise LedgerError(f"{where}.{key}: scale applies to record numbers only")
    return Number(
        key=key,
        label=raw["label"],
        expr=raw.get("expr", ""),
        enclosure=raw.get("enclosure", ""),
        record=raw.get("record", ""),
        text=raw.get("text", ""),
        digits=digits,
        format=raw.get("format", ""),
        reduce=reduce,
        scale=raw.get("scale", ""),
    )


def _objection(where: str, raw: Any) -> Objection:
    if not isinstance(raw, dict):
        raise LedgerError(
            f"{where}: needs an objection table (raised, answer, decided_by): the strongest "
            f"objection a reader wanting the claim true would raise, and what decides it"
        )
    unknown = set(raw) - _OBJECTION_FIELDS
    if unknown:
        raise LedgerError(f"{where}.objection: unknown fields {sorted(unknown)}")
    for req in ("raised", "answer"):
        if not isinstance(raw.get(req), str) or not raw[req].strip():
            raise LedgerError(f"{where}.objection: field {req!r} is required and must be a non-empty string")
    decided = _strings(f"{where}.objection.decided_by", raw.get("decided_by", []))
    if not decided:
        raise LedgerError(
            f"{where}.objection.decided_by: name what decides it (a theorem File.name, a record "
            f'pointer results/X.json#/..., or a seed quote "...")'
        )
    return Objection(raised=raw["raised"], answer=raw["answer"], decided_by=decided)


def _claim(data: str, raw: dict[str, Any]) -> Claim:
    cid = raw.get("id", "?")
    where = f"{data}: {cid}"
    unknown = set(raw) - _CLAIM_FIELDS
    if unknown:
        raise LedgerError(f"{where}: unknown fields {sorted(unknown)}")
    for req in ("id", "published", "verdict"):
        if not isinstance(raw.get(req), str):
            raise LedgerError(f"{where}: field {req!r} is required and must be a string")
    lean = raw.get("lean", [])
    if not all(isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in lean):
        raise LedgerError(f"{where}.lean: expected [Lean name, Coq twin] pairs")
    numbers = {k: _number(f"{where}.numbers", k, v) for k, v in raw.get("numbers", {}).items()}
    evidence = Evidence(
        coq=_strings(f"{where}.coq", raw.get("coq", [])),
        lean=tuple((a, b) for a, b in lean),
        checks=_strings(f"{where}.checks", raw.get("checks", [])),
        records=_strings(f"{where}.records", raw.get("records", [])),
        numbers=numbers,
    )
    objection = _objection(where, raw.get("objection")) if raw.get("verdict") != "open" else None
    try:
        return Claim(
            id=cid,
            published=raw["published"],
            verdict=raw["verdict"],
            reading=raw.get("reading", ""),
            correction=raw.get("correction", ""),
            evidence=evidence,
            source=data,
            inputs=_strings(f"{where}.inputs", raw.get("inputs", [])),
            summary=raw.get("summary", ""),
            finding=raw.get("finding", ""),
            objection=objection,
            scope=raw.get("scope", "as-published"),
        )
    except LedgerError as exc:
        raise LedgerError(f"{data}: {exc}") from None


def validate_links(claim: Claim, theorems: frozenset[str], constants: frozenset[str]) -> None:
    """Every link of one claim resolves; raises ``LedgerError`` naming the first that does not."""
    where = f"{claim.source}: {claim.id}"
    for ref in claim.evidence.coq + tuple(coq for _, coq in claim.evidence.lean):
        if not THEOREM_REF.match(ref):
            raise LedgerError(f"{where}: Coq theorem {ref!r} is not of the form File.name")
        if ref not in theorems:
            raise LedgerError(f"{where}: Coq theorem {ref} is not in the audited library (statements.lock.json)")
    for check in claim.evidence.checks:
        if not CHECK_ID.match(check):
            raise LedgerError(f"{where}: check id {check!r} is malformed")
        if check.startswith("pynum-check:") and check.split(":", 1)[1] not in constants:
            raise LedgerError(f"{where}: {check} names no registered constant")
    for rec in claim.evidence.records:
        render.read_record(rec)  # raises when missing or malformed
    texts = [(claim.reading, "reading"), (claim.correction, "correction")]
    if claim.objection is not None:
        texts += [(claim.objection.raised, "objection.raised"), (claim.objection.answer, "objection.answer")]
    for text, field in texts:
        for key in PLACEHOLDER.findall(text):
            if key not in claim.evidence.numbers:
                raise LedgerError(f"{where}.{field}: placeholder {{{key}}} names no number")
    for n in claim.evidence.numbers.values():
        for ref in n.records:
            if ref.partition("#")[0] not in claim.evidence.records:
                raise LedgerError(
                    f"{where}.numbers.{n.key}: record {ref.partition('#')[0]} is not among the claim's records"
                )
        try:
            render.check_number(n)
        except (ValueError, KeyError, TypeError) as exc:
            raise LedgerError(f"{where}.numbers.{n.key}: {exc}") from None
    if claim.objection is not None:
        for ref in claim.objection.decided_by:
            if ref.startswith('"'):
                if len(ref) < 3 or not ref.endswith('"'):
                    raise LedgerError(f"{where}.objection.decided_by: seed quote {ref!r} is not closed")
            elif "#" in ref:
                if ref.partition("#")[0] not in claim.evidence.records:
                    raise LedgerError(
                        f"{where}.objection.decided_by: record {ref.partition('#')[0]} is not among the claim's records"
                    )
                try:
                    render.record_value(ref)
                except (ValueError, KeyError) as exc:
                    raise LedgerError(f"{where}.objection.decided_by: {exc}") from None
            elif ref not in theorems:
                raise LedgerError(
                    f"{where}.objection.decided_by: {ref!r} is neither an audited Coq theorem "
                    f"(File.name), a record pointer nor a seed quote"
                )
    typed = typed_numerals(claim)
    if typed and STRICT_NUMERALS:
        raise LedgerError(
            f"{where}: derived numerals typed into the prose {typed}; write them as "
            f"numbers (expr/enclosure/record) and refer to them as {{key}}"
        )


@lru_cache(maxsize=1)
def load() -> tuple[Source, ...]:
    """The sources, each with its validated claims, in ledger order."""
    from pynum.constants.registry import REGISTRY

    index = _read_toml(INDEX)
    theorems = render.audited_theorems()
    constants = frozenset(c.name for c in REGISTRY)
    sources, seen = [], set()
    for entry in index.get("source", []):
        data = entry["data"]
        raw = _read_toml(data)
        meta = raw.get("source", {})
        claims = tuple(_claim(data, c) for c in raw.get("claim", []))
        for c in claims:
            if c.id in seen:
                raise LedgerError(f"{data}: claim {c.id} appears twice in the ledger")
            if not c.id.startswith(entry["key"]):
                raise LedgerError(f"{data}: claim {c.id} does not belong to source {entry['key']}")
            seen.add(c.id)
            validate_links(c, theorems, constants)
        if not meta.get("reference"):
            raise LedgerError(f"{data}: [source] has no reference (how a reader finds the document publicly)")
        sources.append(
            Source(
                key=entry["key"],
                seed=meta.get("seed", ""),
                title=meta.get("title", ""),
                data=data,
                reference=meta["reference"],
                claims=claims,
            )
        )
    return tuple(sources)


def cited_theorems_unvalidated() -> dict[str, tuple[str, ...]]:
    """``File.name`` -> citing claim IDs (Coq evidence and Lean twins), read from the raw data
    without validating links: what ``pynum audit --update-lock`` pins."""
    out: dict[str, list[str]] = {}
    for entry in _read_toml(INDEX).get("source", []):
        for c in _read_toml(entry["data"]).get("claim", []):
            for ref in list(c.get("coq", [])) + [pair[1] for pair in c.get("lean", [])]:
                bucket = out.setdefault(ref, [])
                if c["id"] not in bucket:
                    bucket.append(c["id"])
    return {k: tuple(v) for k, v in out.items()}


def lean_twins_unvalidated() -> dict[str, tuple[tuple[str, str], ...]]:
    """Claim ID -> (Lean name, Coq twin) pairs, read from the raw data without validating links."""
    out = {}
    for entry in _read_toml(INDEX).get("source", []):
        for c in _read_toml(entry["data"]).get("claim", []):
            if c.get("lean"):
                out[c["id"]] = tuple((a, b) for a, b in c["lean"])
    return out


def claim_links_unvalidated() -> dict[str, dict[str, Any]]:
    """Claim ID -> {verdict, coq (theorems cited), lean ([Lean name, Coq twin] pairs)}, read from the
    raw data without validating links: what the ledger lock (``pynum audit``) pins."""
    out = {}
    for entry in _read_toml(INDEX).get("source", []):
        for c in _read_toml(entry["data"]).get("claim", []):
            out[c["id"]] = {
                "verdict": c.get("verdict"),
                "coq": list(c.get("coq", [])),
                "lean": [list(pair) for pair in c.get("lean", [])],
            }
    return out


def verdict_rules() -> dict[str, str]:
    """What each verdict means, as the ledger's index states it."""
    return dict(_read_toml(INDEX)["verdicts"])


__all__ = ["load", "verdict_rules", "typed_numerals", "significant_digits", "validate_links", "CLAIM_ID"]
