"""The claims ledger is data that is checked: every link resolves, nothing derived is typed.

The loader is exercised on mutated copies of the real data (a broken theorem name, record
pointer, placeholder, expression, a typed derived number...), each of which must fail to load.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from pynum.constants.registry import REGISTRY
from pynum.ledger import BY_ID, LEDGER, SOURCES, VERDICTS, Claim, Evidence, LedgerError, loader, render

ROOT = Path(__file__).resolve().parent.parent
CLAIMS_MD = Path(os.environ.get("PHI_SHARED", ROOT.parent / "shared")) / "CLAIMS.md"
NEWEST_GPU_RECORD = "results/torchcheck-cuda.json"


def test_ledger_lists_forty_claims_in_source_order():
    assert len(LEDGER) == 40
    assert [s.key for s in SOURCES] == ["W", "S", "E", "R", "V"]
    for s in SOURCES:
        assert s.seed and s.title and all(c.id.startswith(s.key) for c in s.claims)
    assert len(BY_ID) == len(LEDGER)


def test_ledger_matches_the_claims_list_it_was_made_from():
    if not CLAIMS_MD.exists():
        pytest.skip(f"CLAIMS.md not found at {CLAIMS_MD} (set PHI_SHARED to compare)")
    rows = dict(re.findall(r"^\| ([A-Z]\d+) \| (.*) \|$", CLAIMS_MD.read_text(), re.M))
    assert [c.id for c in LEDGER] == list(rows)
    for c in LEDGER:
        assert c.published == rows[c.id], c.id


def test_verdict_rules_are_in_the_project_data():
    rules = loader.verdict_rules()
    assert set(rules) == set(VERDICTS) and all(rules.values())


def test_model_rejects_unbacked_verdicts():
    with pytest.raises(LedgerError):
        Claim("X1", "p", "proved", "r")
    with pytest.raises(LedgerError):
        Claim("X1", "p", "refuted", "r", Evidence(coq=("A.b",)))
    with pytest.raises(LedgerError):
        Claim("X1", "p", "reproduced", "r")
    with pytest.raises(LedgerError):
        Claim("X1", "p", "maybe")
    with pytest.raises(LedgerError):
        Claim("X1", "p", "proved", "", Evidence(coq=("A.b",)))


def test_no_derived_number_is_typed_into_the_prose():
    typed = {c.id: loader.typed_numerals(c) for c in LEDGER}
    assert {k: v for k, v in typed.items() if v} == {}


def test_every_placeholder_renders_and_no_brace_is_left():
    for c in LEDGER:
        for text in (render.reading(c), render.correction(c)):
            assert not render.PLACEHOLDER.search(text), c.id


def _walk(doc, parts):
    """Every value at a pointer's parts, ``*`` fanning out (written apart from the renderer)."""
    if not parts:
        return [doc]
    part, rest = parts[0], parts[1:]
    if part == "*":
        items = doc if isinstance(doc, list) else list(doc.values())
        return [v for item in items for v in _walk(item, rest)]
    if isinstance(doc, list) and "=" in part:
        key, _, want = part.partition("=")
        return _walk(next(item for item in doc if str(item.get(key)) == want), rest)
    return _walk(doc[int(part)] if isinstance(doc, list) else doc[part], rest)


def test_every_record_number_matches_its_record():
    reducers = {
        "max": max,
        "min": min,
        "mean": statistics.fmean,
        "spread": lambda xs: max(xs) - min(xs),
        "max_abs": lambda xs: max(map(abs, xs)),
        "std": statistics.stdev,
    }
    for c in LEDGER:
        for n in c.evidence.numbers.values():
            if not n.record:
                continue
            values = []
            for ref in n.record.split(";"):
                path, _, pointer = ref.strip().partition("#")
                doc = json.loads((ROOT / path).read_text())
                values += _walk(doc, pointer.strip("/").split("/"))
            factor = float(render.evaluate(n.scale, 17)) if n.scale else 1
            shown = render.number_text(n)
            if n.reduce:
                flat = [x for v in values for x in (v if isinstance(v, list) else [v])]
                expected = [reducers[n.reduce]([x * factor for x in flat])]
            else:
                assert len(values) == 1, (c.id, n.key)
                items = values[0] if isinstance(values[0], list) else [values[0]]
                expected = [v * factor for v in items] if n.scale else items
            expected = [format(v, n.format) if n.format else str(v) for v in expected]
            assert shown == ", ".join(expected), (c.id, n.key)


def test_expression_numbers_agree_with_the_registry_engines():
    """A number that is a registered constant renders the cross-check's digits."""
    from pynum.constants import expr as engines

    by_coq = {c.coq_name: c for c in REGISTRY}
    for c in LEDGER:
        for n in c.evidence.numbers.values():
            if n.expr in by_coq:
                const = by_coq[n.expr]
                independent = engines.eval_mpmath(const.name, n.digits + 5)
                assert render.number_text(n) == render.format_significant(independent, n.digits), (c.id, n.key)


def test_cited_torch_checks_exist_and_have_a_result_in_the_newest_record():
    pytest.importorskip("torch", reason="torch not installed: the check registry needs it")
    from torchcheck.suites import all_checks

    ids = {c.id for c in all_checks()}
    recorded = {r["id"] for r in json.loads((ROOT / NEWEST_GPU_RECORD).read_text())["results"]}
    for c in LEDGER:
        for check in c.evidence.checks:
            if not check.startswith("pynum-check:"):
                assert check in ids, f"{c.id} cites unknown check {check}"
                assert check in recorded, f"{c.id}: {check} has no result in {NEWEST_GPU_RECORD}"
                assert NEWEST_GPU_RECORD in c.evidence.records, f"{c.id} cites {check} but not its record"


def test_check_claims_are_derived_from_the_ledger():
    pytest.importorskip("torch", reason="torch not installed: the check registry needs it")
    from torchcheck.suites import all_checks

    for check in all_checks():
        assert check.claims == tuple(c.id for c in LEDGER if check.id in c.evidence.checks)


def test_pynum_checks_name_registered_constants():
    names = {c.name for c in REGISTRY}
    cited = {x.split(":", 1)[1] for c in LEDGER for x in c.evidence.checks if x.startswith("pynum-check:")}
    assert cited and cited <= names


def test_ledger_command_json():
    out = subprocess.run([sys.executable, "-m", "pynum", "ledger", "--json"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)["claims"]
    assert [r["id"] for r in rows] == [c.id for c in LEDGER]
    assert not any(render.PLACEHOLDER.search(r["reading"] + r["correction"]) for r in rows)


def test_readme_tally_matches_the_ledger():
    text = " ".join((ROOT / "README.md").read_text().split())
    m = re.search(
        r"At this commit: (\d+) claims proved, (\d+) refuted .*?, (\d+) reproduced .*?, "
        r"(\d+) not reproduced .*?, (\d+) not checkable",
        text,
    )
    assert m, "README.md lost its tally of verdicts"
    tally = Counter(c.verdict for c in LEDGER)
    assert [int(g) for g in m.groups()] == [
        tally["proved"],
        tally["refuted"],
        tally["reproduced"],
        tally["not-reproduced"],
        tally["not-checkable"],
    ]
    assert tally["open"] == 0


# --- the loader rejects broken data -------------------------------------------------------------


def _load_with(monkeypatch, data: str, edit, strict: bool = False) -> None:
    """Load the ledger with ``edit(text)`` applied to data file ``data``."""
    real = loader._read_toml

    def patched(name: str):
        if name != data:
            return real(name)
        import tomllib
        from importlib import resources

        text = resources.files("pynum.ledger").joinpath(name).read_text()
        return tomllib.loads(edit(text))

    monkeypatch.setattr(loader, "_read_toml", patched)
    monkeypatch.setattr(loader, "STRICT_NUMERALS", strict)
    loader.load.cache_clear()
    try:
        loader.load()
    finally:
        loader.load.cache_clear()


def _sub_once(old: str, new: str):
    def edit(text: str) -> str:
        assert old in text, f"fixture text {old!r} not in the data"
        return text.replace(old, new, 1)

    return edit


@pytest.mark.parametrize(
    "data, old, new, message",
    [
        (
            "watkins.toml",
            '"PhiBasics.phi_sq_eq_phi_add_one"',
            '"PhiBasics.phi_sq_eq_phi_add_two"',
            "not in the audited library",
        ),
        ("watkins.toml", 'verdict = "proved"', 'verdict = "plausible"', "verdict"),
        ("watkins.toml", 'id = "W1"', 'id = "W2"', "appears twice"),
        ("watkins.toml", 'checks = ["pynum-check:PHI"]', 'checks = ["pynum-check:PSI"]', "names no registered"),
        (
            "watkins.toml",
            'records = ["results/certify/ledger-claims.json"]',
            'records = ["results/nowhere.json"]',
            "not committed",
        ),
        (
            "watkins.toml",
            'records = ["results/certify/ledger-claims.json"]',
            'records = ["results/../x.json"]',
            "not committed",
        ),
        ("watkins.toml", 'verdict = "proved"', 'verdict = "proved"\nfavourite = true', "unknown fields"),
        ("vdi.toml", 'reading = """\\\n', 'reading = """\\\n{no_such_number} ', "names no number"),
        ("resolvent.toml", "\nreference = ", "\nunreferenced = ", "has no reference"),
    ],
)
def test_loader_rejects_broken_links(monkeypatch, data, old, new, message):
    with pytest.raises(LedgerError, match=message):
        _load_with(monkeypatch, data, _sub_once(old, new))


def test_loader_rejects_a_typed_derived_number(monkeypatch):
    with pytest.raises(LedgerError, match="typed into the prose"):
        _load_with(
            monkeypatch, "equilibrium.toml", _sub_once('reading = """\\\n', 'reading = """\\\n0.52597 '), strict=True
        )


def test_loader_rejects_a_record_pointer_that_does_not_resolve(monkeypatch):
    record_numbers = [(c, n) for c in LEDGER for n in c.evidence.numbers.values() if n.record]
    assert record_numbers, "the ledger quotes no record"
    claim, n = record_numbers[0]
    with pytest.raises(LedgerError, match="no field|no item"):
        _load_with(monkeypatch, claim.source, _sub_once(n.record, n.record + "_missing"))


def test_loader_rejects_a_bad_expression(monkeypatch):
    expr_numbers = [(c, n) for c in LEDGER for n in c.evidence.numbers.values() if n.expr]
    assert expr_numbers, "the ledger quotes no expression"
    claim, n = expr_numbers[0]
    with pytest.raises(LedgerError, match="unknown symbols|does not parse"):
        _load_with(monkeypatch, claim.source, _sub_once(f'expr = "{n.expr}"', 'expr = "phii + 1"'))
