"""Objections considered, seed quotes, readings named on the first screen, and record numbers that
are the quantity their sentence states (issue: the ledger read as a sceptical referee would)."""

from __future__ import annotations

import copy
import dataclasses
import re
from pathlib import Path

import pytest

from pynum.ledger import BY_ID, LEDGER, SOURCES, LedgerError, loader, render
from pynum.ledger.model import READ_WORD
from pynum.ledger.quotes import missing_quotes, seed_quotes

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def _load_with(monkeypatch, data: str, edit) -> None:
    """Load the ledger with ``edit(text)`` applied to data file ``data``."""
    import tomllib
    from importlib import resources

    real = loader._read_toml

    def patched(name: str):
        if name != data:
            return real(name)
        return tomllib.loads(edit(resources.files("pynum.ledger").joinpath(name).read_text()))

    monkeypatch.setattr(loader, "_read_toml", patched)
    loader.load.cache_clear()
    try:
        loader.load()
    finally:
        loader.load.cache_clear()


def _objection_block(claim_id: str, data: str) -> str:
    from importlib import resources

    text = resources.files("pynum.ledger").joinpath(data).read_text()
    block = text.split(f'id = "{claim_id}"', 1)[1].split("\n[[claim]]\n", 1)[0]
    return block[block.index("[claim.objection]") :].split("\n\n", 1)[0].rstrip("\n")


# --- every verdict holds its objection --------------------------------------------------------------


def test_every_claim_holds_an_objection_with_what_decides_it():
    for c in LEDGER:
        o = c.objection
        assert o is not None and o.raised.strip() and o.answer.strip() and o.decided_by, c.id
        rendered = render.objection(c)
        assert not render.PLACEHOLDER.search(rendered["raised"] + rendered["answer"]), c.id


def test_loader_refuses_an_entry_without_an_objection(monkeypatch):
    block = _objection_block("W10", "watkins.toml")
    with pytest.raises(LedgerError, match="W10: needs an objection"):
        _load_with(monkeypatch, "watkins.toml", lambda t: t.replace(block, "", 1))


def test_loader_refuses_an_objection_decided_by_nothing_or_by_what_does_not_resolve(monkeypatch):
    block = _objection_block("E8", "equilibrium.toml")
    emptied = re.sub(r"decided_by = \[(.|\n)*?\]", "decided_by = []", block)
    with pytest.raises(LedgerError, match="decided_by"):
        _load_with(monkeypatch, "equilibrium.toml", lambda t: t.replace(block, emptied, 1))
    bogus = block.replace('"RelaxationIdentities.normalised_penalty_average"', '"RelaxationIdentities.no_such_theorem"')
    assert bogus != block
    with pytest.raises(LedgerError, match="neither an audited Coq theorem"):
        _load_with(monkeypatch, "equilibrium.toml", lambda t: t.replace(block, bogus, 1))
    w = _objection_block("W10", "watkins.toml")
    broken = w.replace("#/conservation/unprojected_step_max_abs_sum_minus_1", "#/conservation/no_such_field")
    assert broken != w
    with pytest.raises(LedgerError, match="no field"):
        _load_with(monkeypatch, "watkins.toml", lambda t: t.replace(w, broken, 1))


def test_objection_placeholders_must_name_numbers(monkeypatch):
    block = _objection_block("V3", "vdi.toml")
    with pytest.raises(LedgerError, match="objection.answer: placeholder"):
        _load_with(
            monkeypatch,
            "vdi.toml",
            lambda t: t.replace(block, block.replace("{seed_table_mean}", "{no_such_number}"), 1),
        )


# --- seed quotes ----------------------------------------------------------------------------------


def test_every_seed_quote_is_verbatim_in_its_seed():
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not found at {SEEDS}")
    checked = 0
    for s in SOURCES:
        text = (SEEDS / s.seed).read_text(encoding="utf-8")
        for c in s.claims:
            assert missing_quotes(c, text) == [], c.id
            checked += len(seed_quotes(c))
    assert checked >= 40


def test_a_misquoted_seed_is_caught():
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not found at {SEEDS}")
    c = BY_ID["W7"]
    text = (SEEDS / next(s.seed for s in SOURCES if s.key == "W")).read_text(encoding="utf-8")
    assert missing_quotes(c, text) == []
    o = c.objection
    tampered = dataclasses.replace(
        c, objection=dataclasses.replace(o, decided_by=o.decided_by + ('"F(p) = -log(lam) - T*H(p)"',))
    )
    assert missing_quotes(tampered, text) == [("objection.decided_by", "F(p) = -log(lam) - T*H(p)")]


# --- a reading narrower or wider than the words is named on the first screen ---------------------


def test_findings_name_a_reading_that_is_not_the_published_words():
    scoped = [c for c in LEDGER if c.scope != "as-published"]
    assert {"W6", "W8", "W11", "E3", "E8", "R2", "V1"} <= {c.id for c in scoped}
    for c in scoped:
        assert READ_WORD.search(c.finding), c.id


def test_loader_refuses_a_narrower_reading_the_finding_does_not_name(monkeypatch):
    def edit(text: str) -> str:
        old = "Read at the dossier's step eps = 0.1"
        assert old in text
        return text.replace(old, "At the dossier's step eps = 0.1", 1)

    with pytest.raises(LedgerError, match="E3: the verdict rests on a reading narrower"):
        _load_with(monkeypatch, "equilibrium.toml", edit)


# --- a number is the quantity its sentence states ---------------------------------------------------

SUMMARY_WORDS = {"largest": ("max", "max_abs"), "mean": ("mean",), "spread": ("spread",)}


def test_summary_labels_point_at_the_summary_they_name():
    """A number whose label opens with 'largest' is a max over what it covers (a reduce or a record
    field that is itself a maximum); one opening with 'mean' or 'spread' likewise."""
    for c in LEDGER:
        for n in c.evidence.numbers.values():
            if not n.record:
                continue
            for word, reducers in SUMMARY_WORDS.items():
                if n.label.lower().startswith(word) and "per seed" not in n.label:
                    fields = [ref.rsplit("/", 1)[1] for ref in n.records]
                    assert n.reduce in reducers or all(word[:3] in f or "max" in f for f in fields), (c.id, n.key)


def _set(doc, pointer: str, value) -> None:
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.strip("/").split("/")]
    for part in parts[:-1]:
        if isinstance(doc, list) and "=" in part:
            key, _, want = part.partition("=")
            doc = next(item for item in doc if str(item.get(key)) == want)
        else:
            doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    last = parts[-1]
    doc[int(last) if isinstance(doc, list) else last] = value


def _moved(value, reduce: str = ""):
    """A value the number's reduction cannot leave unchanged when it replaces one covered field
    (far below everything for a minimum, far above for the others)."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return type(value)(-1_000_000 if reduce == "min" or (value < 0 and reduce != "max") else 1_000_000)
    if isinstance(value, list):
        return [_moved(v, reduce) for v in value]
    return f"{value}-changed"


def _render_with(monkeypatch, path: str, doc) -> None:
    real = render.read_record
    monkeypatch.setattr(render, "read_record", lambda p: doc if p == path else real(p))


def test_every_record_number_moves_with_every_field_it_covers(monkeypatch):
    """Render each record number from a record with one covered field changed: the number moves.
    A max over a mode, a seed or an init that the pointer left out would not."""
    cases = 0
    for c in LEDGER:
        for n in c.evidence.numbers.values():
            if not n.record:
                continue
            before = render.number_text(n)
            for ref in render.record_refs(n):
                path, _, pointer = ref.partition("#")
                doc = copy.deepcopy(render.read_record(path))
                _set(doc, pointer, _moved(render.resolve_pointer(doc, pointer), n.reduce))
                with monkeypatch.context() as m:
                    _render_with(m, path, doc)
                    assert render.number_text(n) != before, (c.id, n.key, ref)
                cases += 1
    assert cases > 60


@pytest.mark.parametrize(
    "claim_id, key, pointers",
    [
        (
            "W10",
            "layer_sum_error",
            [
                "/quickstart/inits/uniform/max_abs_sum_minus_1",
                "/quickstart/inits/golden/max_abs_sum_minus_1",
                "/quickstart/inits/random/max_abs_sum_minus_1",
                "/quickstart/random_starts/max_abs_sum_minus_1",
            ],
        ),
        (
            "W6",
            "euclid_full_deviation",
            [
                "/results/id=simplex-full-euclid-minus/measured/measured_sym_max_deviation",
                "/results/id=simplex-full-euclid-minus/measured/measured_asym_max_deviation",
            ],
        ),
        (
            "W6",
            "fisher_full_deviation",
            [
                "/results/id=simplex-full-fisher-minus/measured/measured_sym_max_deviation",
                "/results/id=simplex-full-fisher-minus/measured/measured_asym_max_deviation",
            ],
        ),
        (
            "W8",
            "fisher_full_deviation",
            [
                "/results/id=simplex-full-fisher-minus/measured/measured_sym_max_deviation",
                "/results/id=simplex-full-fisher-minus/measured/measured_asym_max_deviation",
            ],
        ),
        (
            "V3",
            "head01_change",
            [
                "/compensation/trained/per_omega/0.5/delta_per_head/3/1",
                "/compensation/trained/per_omega/1.5/delta_per_head/0/1",
            ],
        ),
    ],
)
def test_a_largest_deviation_sentence_follows_every_field_it_summarises(monkeypatch, claim_id, key, pointers):
    """The rendered sentence (reading or objection) shows the new maximum when any one field rises."""
    c = BY_ID[claim_id]
    n = c.evidence.numbers[key]
    path = n.records[0].partition("#")[0]
    text_before = render.reading(c)
    for pointer in pointers:
        doc = copy.deepcopy(render.read_record(path))
        _set(doc, pointer, 0.5)
        with monkeypatch.context() as m:
            _render_with(m, path, doc)
            shown = render.number_text(n)
            assert shown == format(0.5, n.format), (key, pointer)
            if "{" + key + "}" in c.reading:
                assert render.reading(c) != text_before


def test_a_mean_over_the_responding_heads_is_three_halves_of_the_three_head_score(monkeypatch):
    c = BY_ID["V3"]
    path = "results/experiment-vdi.json"
    doc = copy.deepcopy(render.read_record(path))
    doc["compensation"]["trained"]["per_seed"] = [0.02, 0.04, 0.06, 0.08, 0.10]
    _render_with(monkeypatch, path, doc)
    assert render.number_text(c.evidence.numbers["comp_responsive_per_seed"]) == "0.030, 0.060, 0.090, 0.120, 0.150"


@pytest.mark.parametrize(
    "claim_id, key, summary_field",
    [
        ("V2", "vdi_spread", "final_vdi_keys_spread"),
        ("V2", "vdi_gap", "final_vdi_keys_max_abs_diff_from_published"),
        ("V3", "comp_trained_mean", "compensation_trained_mean"),
        ("V3", "comp_trained_std", "compensation_trained_std"),
        ("V3", "comp_init_mean", "compensation_init_mean"),
        ("V3", "comp_init_std", "compensation_init_std"),
    ],
)
def test_the_ledger_expression_over_the_seeds_agrees_with_the_record_summary(claim_id, key, summary_field):
    """The ledger computes each summary from the per-seed fields it covers; the record's own
    summary field, written by the experiment, agrees with it."""
    n = BY_ID[claim_id].evidence.numbers[key]
    assert n.reduce
    ours = render.record_number(n)
    theirs = render.read_record("results/experiment-vdi.json")["numbers"][summary_field]
    assert ours == pytest.approx(theirs, rel=1e-12, abs=1e-15)
