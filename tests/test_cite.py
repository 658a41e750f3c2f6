"""Citations: BibTeX that BibTeX and LaTeX compile, CFF that the CFF 1.2.0 schema accepts, and every
piece of a claim's evidence listed, for every constant, every claim and a certificate."""

from __future__ import annotations

import json
import re
import shutil
import string
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pynum
from pynum.cli import main as cli_main
from pynum.constants import cite as ccite
from pynum.constants.registry import BY_NAME
from pynum.ledger import LEDGER
from pynum.ledger import cite as lcite
from pynum.ledger.model import Claim, Evidence

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CFF_SCHEMA = DATA / "cff-1.2.0-schema.json"
CORPORATE = "The phi-claims developers"
URL = "https://example.org/phi-claims.git"  # a stand-in address for the tests only
CLAIM_IDS = [c.id for c in LEDGER]
CONSTANTS = sorted(BY_NAME)
HAVE_TEX = shutil.which("bibtex") and shutil.which("pdflatex")
needs_tex = pytest.mark.skipif(
    not HAVE_TEX, reason="bibtex/pdflatex not installed (make setup-apt installs texlive-latex-base)"
)

# Every character TeX or BibTeX reads as markup in running text.
SPECIALS = set("\\{}_^&%#$~")
# What an escaped text may contain besides plain characters: a control symbol (\_ \& ...), a control
# word followed by an empty group (\textasciicircum{}), one math symbol (\ensuremath{\varphi}), a
# super- or subscript character (\textsuperscript{2}), or an empty group breaking a ligature.
ESCAPES = re.compile(
    r"\\[_&%#$]|\\[A-Za-z]+\{\}|\\ensuremath\{(?:\\[A-Za-z]+|\\\||-)\}"
    r"|\\text(?:super|sub)script\{[0-9A-Za-z-]\}|\{\}"
)
# Characters outside ASCII the escaping spells as commands, and some LaTeX's UTF-8 input typesets.
NON_ASCII = "φλεαβτμρκηΦΩ≤≥≠≈−×·‖∞→∈∑√±∂∇∀∃⟨⟩²³ᵀ⁻₁₂–—…‘’“”"
LATIN = "éèüöäßñç"


def unescaped_markup(text: str) -> set[str]:
    """The markup characters of ``text`` that are not part of an escape."""
    return set(ESCAPES.sub("", text)) & SPECIALS


def bib_fields(entry: str) -> dict[str, str]:
    """A strict parse of one ``@misc{key, name = {value}, ...}`` entry: braces must balance
    within every value, each field is ``name = {...},`` and nothing else may appear."""
    m = re.fullmatch(r"@misc\{([A-Za-z0-9_:.-]+),\n(.*)\}\n?", entry, re.S)
    assert m, f"not one @misc entry: {entry[:80]!r}"
    body, fields, i = m.group(2), {}, 0
    while i < len(body):
        f = re.compile(r"\s*([a-z]+)\s*=\s*\{").match(body, i)
        assert f, f"bad field at {body[i : i + 40]!r}"
        depth, j = 1, f.end()
        while depth:
            assert j < len(body), f"unbalanced braces in {f.group(1)}"
            depth += {"{": 1, "}": -1}.get(body[j], 0)
            j += 1
        assert f.group(1) not in fields, f"field {f.group(1)} twice"
        fields[f.group(1)] = body[f.end() : j - 1]
        sep = re.compile(r",\s*").match(body, j)
        assert sep, f"no comma after {f.group(1)}"
        i = sep.end()
    return fields


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> Path:
    """A real certificate whose expression and name carry ^, _ and *."""
    lib = ROOT / "coq" / "Constants.vo"
    if not shutil.which("coqc") or not lib.is_file():
        pytest.skip("coqc or the compiled Coq library is missing (make coq)")
    out = tmp_path_factory.mktemp("cert")
    assert cli_main(["certify", "phi^3 / ln(2*phi)", "--name", "tstar_cubed_check", "--out", str(out)]) == 0
    return out / "tstar_cubed_check.json"


def cite_certificate(path: Path, fmt: str, capsys) -> str:
    capsys.readouterr()
    assert cli_main(["cite", str(path), "--format", fmt]) == 0
    return capsys.readouterr().out


def every_bibtex(certificate: Path, capsys) -> dict[str, str]:
    entries = {f"constant {n}": ccite.cite_constant(n, "bibtex") for n in CONSTANTS}
    entries |= {f"claim {c}": lcite.cite_claim(c, "bibtex") for c in CLAIM_IDS}
    entries["certificate"] = cite_certificate(certificate, "bibtex", capsys)
    printable = "".join(chr(i) for i in range(32, 127)) + NON_ASCII + LATIN
    entries["every ASCII character and more"] = ccite.bibtex_entry(
        "ascii", printable, printable + " -- `` '' !` ?` ,,", ccite.project_citation(), {"evidence": printable}
    )
    return entries


# --- LaTeX escaping -------------------------------------------------------------------------------


@given(st.text(alphabet=string.printable + NON_ASCII + LATIN))
def test_escaped_text_has_no_markup_left_and_loses_no_character(text):
    out = ccite.latex_escape(text)
    assert not unescaped_markup(out)
    assert "\n" not in out and all(lig not in out for lig in ("--", "``", "''", "!`", "?`", ",,"))
    # one unit of output (a character or an escape; {} only breaks a ligature) per character of the text
    units = [u for u in re.findall(ESCAPES.pattern + "|.", out, re.S) if u != "{}"]
    flat = " ".join(text.split())
    assert len(units) == len(flat)
    for unit, ch in zip(units, flat):
        if ch in "_&%#$":
            assert unit == "\\" + ch
        elif ch in SPECIALS or ch in "<>|" or ch in NON_ASCII:
            assert ESCAPES.fullmatch(unit) and unit != "{}", (ch, unit)
        else:
            assert unit == ch


def test_bibtex_fields_are_escaped_and_notes_are_a_sentence(certificate, capsys):
    for what, entry in every_bibtex(certificate, capsys).items():
        fields = bib_fields(entry)
        assert fields["author"] == "{" + CORPORATE + "}", what  # author = {{...}}: one corporate name
        for name in ("title", "note", "howpublished", "evidence"):
            if name in fields:
                inner = fields[name][1:-1] if name == "title" else fields[name]
                assert not unescaped_markup(inner), (what, name)
        if what.startswith("claim"):
            note = fields["note"]
            plain = re.sub(r"\\[A-Za-z]+(\{\})?|\\", "", note)  # the sentence as read, escapes undone
            assert len(plain) <= 300 and note.endswith(".") and not re.search(r"\. [A-Z]", note), (what, note)


def test_the_published_sample_entries_are_escaped():
    w7 = bib_fields(lcite.cite_claim("W7", "bibtex"))
    assert r"Phi.WatkinsFreeEnergy.Fplus\_golden\_unique\_global\_min\_iff\_Tstar\_false" in w7["evidence"]
    lam = bib_fields(ccite.cite_constant("LAMBDA_M", "bibtex"))
    assert "^" not in lam["title"] and r"\textasciicircum{}" in lam["title"]


def _latex(workdir: Path, style: str, bib: str) -> str:
    """Compile a document citing every entry of ``bib`` with ``style``; the .bbl text."""
    (workdir / "refs.bib").write_text(bib, encoding="utf-8")
    (workdir / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage{url}\n\\tracinglostchars=3\n"
        "\\begin{document}\n\\nocite{*}\n\\bibliographystyle{" + style + "}\n"
        "\\bibliography{refs}\n\\end{document}\n"
    )
    latex = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    for cmd in (latex, ["bibtex", "doc"], latex):
        run = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, f"{' '.join(cmd)} failed:\n{run.stdout[-3000:]}"
    blg = (workdir / "doc.blg").read_text()
    assert "Warning--" not in blg and "error message" not in blg, blg
    log = (workdir / "doc.log").read_text(errors="replace")
    for bad in ("Missing character", "Undefined control sequence", "Unicode character", "Warning: Citation"):
        assert bad not in log, bad
    return (workdir / "doc.bbl").read_text()


@needs_tex
def test_every_bibtex_entry_compiles_with_bibtex_and_latex(certificate, capsys, tmp_path):
    entries = every_bibtex(certificate, capsys)
    bib = "\n\n".join(entries.values()) + "\n"
    bbl = _latex(tmp_path, "plain", bib)
    assert bbl.count("\\bibitem") == len(entries)
    # the custom style typesets every field, and the authors as BibTeX parses them
    shutil.copy(DATA / "every-field.bst", tmp_path / "every-field.bst")
    bbl = _latex(tmp_path, "every-field", bib)
    assert bbl.count("\\bibitem") == len(entries)
    assert bbl.count("Last names: {" + CORPORATE + "};") == len(entries)
    assert r"tstar\_cubed\_check\_enclosure" in bbl and r"phi\textasciicircum{}3" in bbl


# --- CFF ------------------------------------------------------------------------------------------


def _validate_cff(text: str) -> dict:
    yaml = pytest.importorskip("yaml", reason="PyYAML not installed (the dev extra has it)")
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema not installed (the dev extra has it)")
    doc = yaml.safe_load(text)
    schema = json.loads(CFF_SCHEMA.read_text())
    v = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = [f"{'/'.join(map(str, e.path)) or '(top)'}: {e.message}" for e in v.iter_errors(doc)]
    assert not errors, errors
    return doc


def test_every_cff_the_project_writes_follows_the_cff_1_2_0_schema(certificate, capsys):
    docs = {"CITATION.cff": (ROOT / "CITATION.cff").read_text()}
    docs |= {f"constant {n}": ccite.cite_constant(n, "cff") for n in CONSTANTS}
    docs |= {f"claim {c}": lcite.cite_claim(c, "cff") for c in CLAIM_IDS}
    docs["certificate"] = cite_certificate(certificate, "cff", capsys)
    for what, text in docs.items():
        doc = _validate_cff(text)
        assert doc["authors"] == [{"name": CORPORATE}], what


def test_citation_cff_states_the_package_version():
    assert ccite.project_citation()["version"] == pynum.__version__


# --- the project's address and authors, wherever CITATION.cff gives them ---------------------------

CFF_WITH_URL = f"""cff-version: 1.2.0
message: "Cite it."
title: "phi-claims: a title"
version: "0.1.0"
date-released: "2026-11-22"
repository-code: "{URL}"
authors:
  - name: "A & B Lab"
  - given-names: "Ada"
    family-names: "Lovelace"
"""


def test_the_repository_address_and_every_author_reach_every_format(certificate, capsys, monkeypatch):
    monkeypatch.setattr(ccite, "citation_text", lambda: CFF_WITH_URL)
    outputs = {}
    for fmt in ccite.FORMATS:
        outputs[f"constant {fmt}"] = ccite.cite_constant("T_STAR", fmt)
        outputs[f"claim {fmt}"] = lcite.cite_claim("W7", fmt)
        outputs[f"certificate {fmt}"] = cite_certificate(certificate, fmt, capsys)
    for what, text in outputs.items():
        assert URL in text, what
        if what.endswith("bibtex"):
            fields = bib_fields(text)
            assert fields["url"] == URL and fields["author"] == r"{A \& B Lab} and Lovelace, Ada", what
        if what.endswith("cff"):
            doc = _validate_cff(text)
            assert doc["repository-code"] == URL, what
            assert doc["authors"] == [{"name": "A & B Lab"}, {"given-names": "Ada", "family-names": "Lovelace"}]
        if what.endswith("text"):
            assert "A & B Lab and Ada Lovelace" in text, what


# --- a claim's evidence, whole --------------------------------------------------------------------


@pytest.mark.parametrize("claim_id", CLAIM_IDS)
def test_every_claim_citation_lists_all_its_evidence(claim_id):
    c = next(x for x in LEDGER if x.id == claim_id)
    items = [f"Phi.{t}" for t in c.evidence.coq] + [x.removeprefix("pynum-check:") for x in c.evidence.checks]
    items += list(c.evidence.records)
    text = lcite.cite_claim(claim_id)
    bib = bib_fields(lcite.cite_claim(claim_id, "bibtex"))["evidence"]
    cff = _validate_cff(lcite.cite_claim(claim_id, "cff"))["abstract"]
    for item in items:
        assert item in text and ccite.latex_escape(item) in bib and item in cff, (claim_id, item)


def test_records_and_gpu_checks_that_decided_a_claim_are_cited():
    for claim_id, record in (("V2", "results/experiment-vdi.json"), ("R4", "results/experiment-resolvent-energy.json")):
        assert re.search(rf"^  records +{re.escape(record)} ", lcite.cite_claim(claim_id), re.M), claim_id
    gpu = json.loads((ROOT / "results" / "torchcheck-cuda.json").read_text())
    passed = {r["id"] for r in gpu["results"] if r["passed"]}
    w7 = lcite.cite_claim("W7")
    checks = next(c for c in LEDGER if c.id == "W7").evidence.checks
    assert checks and set(checks) <= passed
    for check in checks:
        assert f"torchcheck {check} (passed on {gpu['device']}, results/torchcheck-cuda.json)" in w7


def test_a_check_without_a_recorded_result_is_said_to_have_none():
    claim = Claim(
        id="X1",
        published="p",
        verdict="open",
        evidence=Evidence(checks=("simplex-modulus",), records=("results/experiment-vdi.json",)),
    )
    ev = lcite.evidence(claim)
    assert ev.checks == ("torchcheck simplex-modulus (no result in the claim's records)",)
