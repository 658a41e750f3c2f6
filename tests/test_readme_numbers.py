"""Every long numeral in the README is a value the project computes or records.

A numeral of five or more significant digits in README.md must be a correct truncation or a
correct rounding of a registered constant, of a number the ledger resolves, or of a number in a
committed record under ``results/``, or a value a source published (as the ledger and the registry
quote it), or an input on a worked example's command line: the README quotes, it never invents.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import mpmath

from pynum.constants import expr as engines
from pynum.constants.registry import REGISTRY
from pynum.ledger import LEDGER, loader, render

ROOT = Path(__file__).resolve().parent.parent
MIN_SIGNIFICANT = 5
NUMERAL = re.compile(r"(?<![\w.])-?\d+\.\d+(?:e-?\d+)?(?![\w])")
DIGITS = 40


def _leaves(doc, kinds: tuple[type, ...]):
    """Every leaf of a JSON document that is an instance of ``kinds`` (booleans excluded)."""
    if isinstance(doc, dict):
        for v in doc.values():
            yield from _leaves(v, kinds)
    elif isinstance(doc, list):
        for v in doc:
            yield from _leaves(v, kinds)
    elif isinstance(doc, kinds) and not isinstance(doc, bool):
        yield doc


@lru_cache(maxsize=1)
def known_values() -> list[mpmath.mpf]:
    """Registered constants, the constants ``pynum scan`` looks for, the ledger's numbers, and every
    number in the committed records."""
    from pynum.scan import table

    mpmath.mp.dps = DIGITS + 10
    values = [engines.eval_mpmath(c.name, DIGITS) for c in REGISTRY]
    values += [mpmath.mpf(table.digits(q.name, DIGITS)) for q in table.TABLE]
    for c in LEDGER:
        for n in c.evidence.numbers.values():
            if n.expr:
                values.append(render.evaluate(n.expr, DIGITS))
    for path in sorted((ROOT / "results").glob("*.json")):
        values += [mpmath.mpf(repr(float(v))) for v in _leaves(json.loads(path.read_text()), (int, float))]
    return values


@lru_cache(maxsize=1)
def quoted_literals() -> frozenset[str]:
    """Numerals as sources printed them: claims as published, published values, record strings."""
    texts = [c.published for c in LEDGER] + [p.value for c in REGISTRY for p in c.published]
    for path in sorted((ROOT / "results").glob("*.json")):
        texts += list(_leaves(json.loads(path.read_text()), (str,)))
    return frozenset(tok for t in texts for tok in NUMERAL.findall(t))


def _matches(numeral: str, value: mpmath.mpf) -> bool:
    """``numeral`` is ``value`` truncated or correctly rounded at its last digit."""
    x = mpmath.mpf(numeral)
    decimals = len(numeral.split("e")[0].partition(".")[2])
    exp = int(numeral.split("e")[1]) if "e" in numeral else 0
    ulp = mpmath.mpf(10) ** (exp - decimals)
    return abs(value - x) <= ulp * 1.0000001


def test_every_long_readme_numeral_is_computed_or_recorded():
    text = (ROOT / "README.md").read_text()
    # A worked example's command line gives its inputs (a wrong value to judge, say).
    inputs = {tok for line in text.splitlines() if line.startswith("$ ") for tok in NUMERAL.findall(line)}
    unknown = []
    for m in NUMERAL.finditer(text):
        tok = m.group(0)
        if loader.significant_digits(tok.lstrip("-")) < MIN_SIGNIFICANT:
            continue
        if tok not in inputs and tok not in quoted_literals() and not any(_matches(tok, v) for v in known_values()):
            unknown.append(tok)
    assert unknown == []
