"""Resolve the ledger's numbers and render its prose: nothing derived is typed, all is computed.

A number is an expression the engines evaluate (``expr``), a certified enclosure of a registered
constant (``enclosure``), a pointer into a committed JSON record (``record``), or a formula in
words (``text``). ``{key}`` placeholders in readings and corrections are replaced when shown.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from functools import cache
from typing import Any

import mpmath
import sympy
from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations

from .. import resources
from .model import PLACEHOLDER, Claim, LedgerError, Number  # noqa: F401 (PLACEHOLDER re-exported)

_TRANSFORMS = standard_transformations + (convert_xor,)
GUARD_DIGITS = 15


def audited_theorems() -> frozenset[str]:
    """``File.name`` of every theorem pinned in ``statements.lock.json``: the statements
    ``make prove`` compares with the compiled library (``python -m pynum audit``)."""
    import importlib.resources

    try:
        text = importlib.resources.files(__package__).joinpath("statements.lock.json").read_text()
    except FileNotFoundError:
        raise LedgerError(
            "statements.lock.json is missing from pynum.ledger: run 'python -m pynum audit "
            "--update-lock' in the checkout"
        ) from None
    data = json.loads(text)
    return frozenset(name.partition(".")[2] for name in data.get("theorems", data))


@cache
def read_record(path: str) -> Any:
    """The parsed JSON of a committed record (``results/NAME.json``), through ``pynum.resources``."""
    if not path.startswith(f"{resources.RESULTS}/"):
        raise LedgerError(f"record {path} is not under {resources.RESULTS}/")
    try:
        file = resources.record_path(path)
    except resources.MissingData:
        raise LedgerError(f"record {path} is not committed") from None
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise LedgerError(f"record {path} is not valid JSON: {exc}") from None


def resolve_pointer(doc: Any, pointer: str) -> Any:
    """RFC 6901 JSON pointer lookup (``/a/0/b``; ``~1`` is ``/``, ``~0`` is ``~``), extended so
    that a step ``field=value`` into a list selects its one object whose ``field`` is ``value``
    (``/results/id=layers-jepa/passed``), which survives a record whose list is reordered."""
    if pointer in ("", "/"):
        return doc
    if not pointer.startswith("/"):
        raise ValueError(f"JSON pointer {pointer!r} must start with '/'")
    for part in pointer[1:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(doc, list) and "=" in part:
            field, _, want = part.partition("=")
            hits = [item for item in doc if isinstance(item, dict) and str(item.get(field)) == want]
            if len(hits) != 1:
                raise KeyError(f"no single item with {field} = {want!r} at {pointer!r}")
            doc = hits[0]
        elif isinstance(doc, list):
            if not part.isdigit() or int(part) >= len(doc):
                raise KeyError(f"no item {part!r} at {pointer!r}")
            doc = doc[int(part)]
        elif isinstance(doc, dict):
            if part not in doc:
                raise KeyError(f"no field {part!r} at {pointer!r}")
            doc = doc[part]
        else:
            raise KeyError(f"{pointer!r} goes below a scalar")
    return doc


def record_value(ref: str) -> Any:
    """The value at ``path#/pointer`` in a committed record."""
    path, sep, pointer = ref.partition("#")
    if not sep:
        raise ValueError(f"record reference {ref!r} lacks '#/pointer'")
    return resolve_pointer(read_record(path), pointer)


def expand_pointer(doc: Any, pointer: str) -> list[str]:
    """The concrete pointers a pointer with ``*`` steps covers: ``*`` stands for every item of a
    list or every field of an object (``/quickstart/inits/*/max_abs_sum_minus_1``)."""
    if "*" not in pointer.split("/"):
        resolve_pointer(doc, pointer)
        return [pointer]
    head, _, tail = pointer.partition("/*")
    node = resolve_pointer(doc, head)
    if isinstance(node, list):
        keys = [str(i) for i in range(len(node))]
    elif isinstance(node, dict):
        keys = [k.replace("~", "~0").replace("/", "~1") for k in node]
    else:
        raise KeyError(f"'*' at {pointer!r} goes below a scalar")
    if not keys:
        raise KeyError(f"'*' at {pointer!r} covers nothing")
    return [p for k in keys for p in expand_pointer(doc, f"{head}/{k}{tail}")]


def record_refs(n: Number) -> list[str]:
    """Every concrete ``path#/pointer`` the number covers (its pointers with ``*`` expanded)."""
    refs = []
    for ref in n.records:
        path, sep, pointer = ref.partition("#")
        if not sep:
            raise ValueError(f"record reference {ref!r} lacks '#/pointer'")
        refs += [f"{path}#{p}" for p in expand_pointer(read_record(path), pointer)]
    return refs


def _reduced(values: list[Any], how: str) -> float:
    nums = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if len(nums) != len(values):
        raise TypeError(f"reduce {how!r} needs numbers, got {values!r}")
    return REDUCERS[how](nums)


REDUCERS: dict[str, Callable[[list[float]], float]] = {
    "max": max,
    "min": min,
    "mean": lambda xs: sum(xs) / len(xs),
    "spread": lambda xs: max(xs) - min(xs),
    "std": statistics.stdev,
    "max_abs": lambda xs: max(abs(x) for x in xs),
}


def record_number(n: Number) -> Any:
    """The value a record number shows: the single value its one pointer names, or the reduction
    (``max``, ``min``, ``mean``, ``spread``, ``std`` (the sample standard deviation), ``max_abs``)
    over every value its pointers cover
    (a value that is a list contributes each item)."""
    values = []
    for ref in record_refs(n):
        v = record_value(ref)
        values += v if isinstance(v, list) and n.reduce else [v]
    if n.scale:
        factor = float(evaluate(n.scale, 17))
        values = [[x * factor for x in v] if isinstance(v, list) else v * factor for v in values]
    if not n.reduce:
        if len(values) != 1:
            raise ValueError(f"{len(values)} values and no 'reduce' to combine them")
        return values[0]
    return _reduced(values, n.reduce)


@cache
def parse(text: str) -> sympy.Expr:
    """An expression in the registry's language, with registered constants expanded."""
    from pynum.constants import expr as engines
    from pynum.constants.registry import REGISTRY

    names = {c.coq_name: engines.sympy_expr(c.name) for c in REGISTRY}
    names.update({"sqrt": sympy.sqrt, "ln": sympy.log, "exp": sympy.exp})
    try:
        parsed = parse_expr(text, local_dict=names, transformations=_TRANSFORMS)
    except (SyntaxError, TypeError, sympy.SympifyError) as exc:
        raise ValueError(f"expression {text!r} does not parse: {exc}") from None
    if parsed.free_symbols:
        raise ValueError(f"expression {text!r} names unknown symbols {sorted(map(str, parsed.free_symbols))}")
    return parsed


@cache
def evaluate(text: str, digits: int) -> mpmath.mpf:
    """mpmath value of an expression with guard digits (SymPy's own ``evalf`` as the engine)."""
    value = parse(text).evalf(digits + GUARD_DIGITS)
    if not value.is_real or not value.is_finite:
        raise ValueError(f"expression {text!r} is not a finite real number")
    with mpmath.workdps(digits + GUARD_DIGITS):
        return mpmath.mpf(str(value))


def format_significant(x: mpmath.mpf, digits: int) -> str:
    """``x`` correctly rounded to ``digits`` significant digits, in positional notation."""
    with mpmath.workdps(digits + GUARD_DIGITS):
        text = mpmath.nstr(x, digits, strip_zeros=False, min_fixed=-mpmath.inf, max_fixed=mpmath.inf)
    return text[:-1] if text.endswith(".") else text


def _enclosure(ref: str) -> tuple[str, str]:
    from pynum.constants.registry import BY_NAME

    name, _, index = ref.partition(":")
    if name not in BY_NAME:
        raise KeyError(f"enclosure {ref!r}: no registered constant {name}")
    encs = BY_NAME[name].enclosures
    i = int(index or 0)
    if not 0 <= i < len(encs):
        raise KeyError(f"enclosure {ref!r}: {name} has {len(encs)} enclosures")
    return encs[i].lo, encs[i].hi


def _format_item(value: Any, spec: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return format(value, spec) if spec else repr(value)


def number_text(n: Number) -> str:
    """The number as shown: computed, read from its record, or its formula in words."""
    if n.expr:
        return format_significant(evaluate(n.expr, n.digits), n.digits)
    if n.enclosure:
        lo, hi = _enclosure(n.enclosure)
        return f"[{lo}, {hi}]"
    if n.record:
        value = record_number(n)
        if isinstance(value, list):
            return ", ".join(_format_item(v, n.format) for v in value)
        return _format_item(value, n.format)
    return n.text


def check_number(n: Number) -> None:
    """Raise if the number cannot be resolved (bad expression, pointer or format)."""
    if n.expr:
        parse(n.expr)
    elif n.enclosure:
        _enclosure(n.enclosure)
    elif n.record:
        value = record_number(n)
        for v in value if isinstance(value, list) else [value]:
            _format_item(v, n.format)


def render_text(text: str, claim: Claim) -> str:
    """``text`` with every ``{key}`` replaced by the claim's number ``key``."""
    return PLACEHOLDER.sub(lambda m: number_text(claim.evidence.numbers[m.group(1)]), text)


def reading(claim: Claim) -> str:
    """The claim's precise reading, numbers resolved."""
    return render_text(claim.reading, claim)


def correction(claim: Claim) -> str:
    """The claim's correction (empty when none), numbers resolved."""
    return render_text(claim.correction, claim)


def objection(claim: Claim) -> dict[str, Any] | None:
    """The objection considered (raised, answer, decided_by), numbers resolved; None when none."""
    o = claim.objection
    if o is None:
        return None
    return {
        "raised": render_text(o.raised, claim),
        "answer": render_text(o.answer, claim),
        "decided_by": list(o.decided_by),
    }


def numbers(claim: Claim) -> dict[str, dict[str, str]]:
    """Each quoted number: label, resolved value, and where it comes from."""
    return {
        k: {"label": n.label, "value": number_text(n), "kind": n.kind, "source": n.source}
        for k, n in claim.evidence.numbers.items()
    }


def claim_json(claim: Claim) -> dict[str, Any]:
    """The claim as ``pynum ledger --json`` shows it: prose rendered, numbers resolved."""
    ev = claim.evidence
    return {
        "id": claim.id,
        "source": claim.source,
        "published": claim.published,
        "verdict": claim.verdict,
        "scope": claim.scope,
        "summary": claim.summary,
        "finding": claim.finding,
        "reading": reading(claim),
        "correction": correction(claim),
        "objection": objection(claim),
        "evidence": {
            "coq": list(ev.coq),
            "lean": [list(p) for p in ev.lean],
            "checks": list(ev.checks),
            "records": list(ev.records),
            "numbers": numbers(claim),
        },
    }
