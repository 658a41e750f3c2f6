"""The report: verdicts first, one badge per claim, figures drawn from records only, rendered in
headless Chromium (screenshots of the first screen and the whole page kept in build/report/)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html import escape as esc
from pathlib import Path

import pytest

from pynum.constants import expr, step_rates
from pynum.ledger import LEDGER, SOURCES
from pynum.report.build import OUT, ROOT, make_figures, write_report
from pynum.report.claims import FINDING, SHORT, sources
from pynum.report.records import RecordError, euler_runs, load_records, measured

RESULTS = ROOT / "results"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
WIDTH = 1280


@pytest.fixture(scope="module")
def report():
    return write_report(OUT)


@pytest.fixture(scope="module")
def chromium():
    exe = shutil.which("chromium")
    assert exe, "chromium not found: 'make setup' installs Debian's chromium"
    return exe


def _chromium(exe: str, tmp: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [exe, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}", *args], capture_output=True, text=True, timeout=180
    )


def test_every_claim_has_a_short_form_and_a_finding_and_a_source():
    ids = [c.id for c in LEDGER]
    assert sorted(SHORT) == sorted(ids) and sorted(FINDING) == sorted(ids)
    assert [c.id for s in sources() for c in s.claims] == ids
    by_id = {c.id: c for c in LEDGER}
    for i in ids:  # a finding may quote the published claim's numbers, never a derived one
        for number in re.findall(r"\d+\.\d{3,}", FINDING[i]):
            assert number in by_id[i].published, (i, number)


def test_html_is_self_contained_and_inlines_every_figure(report):
    text = report["html"].read_text()
    assert not re.search(r"""(src|href)=["']https?://""", text)
    assert not re.search(r"""<(link|script)[^>]+(src|href)=""", text)
    figs = re.findall(r'<figure id="([\w-]+)"', text)
    assert text.count("data:image/png;base64,") == len(figs) >= 7


def test_summary_comes_first_with_one_badge_per_claim(report):
    text = report["html"].read_text()
    assert text.index('id="summary"') < text.index('id="figures"') < text.index("<details")
    rows = re.findall(r'<tr class="claim-row" data-claim="(\w+)">(.*?)</tr>', text, re.S)
    assert [r[0] for r in rows] == [c.id for c in LEDGER]
    by_id = {c.id: c for c in LEDGER}
    for cid, row in rows:
        badges = re.findall(r'<span class="badge v-([\w-]+)">', row)
        assert badges == [by_id[cid].verdict], cid
        assert f'href="#claim-{cid}"' in row
    for c in LEDGER:
        assert text.count(f'<details class="claim" id="claim-{c.id}">') == 1


def test_corrections_are_set_apart(report):
    text = report["html"].read_text()
    for c in LEDGER:
        block = text.split(f'id="claim-{c.id}">', 1)[1].split("</details>", 1)[0]
        assert ('<aside class="correction">' in block) == bool(c.correction), c.id


def test_each_figure_is_referenced_by_the_claims_it_illustrates(report):
    text = report["html"].read_text()
    for fid, claims in re.findall(r'<figure id="([\w-]+)" data-claims="([\w ]+)"', text):
        for cid in claims.split():
            block = text.split(f'id="claim-{cid}">', 1)[1].split("</details>", 1)[0]
            assert f'href="#{fid}"' in block, (fid, cid)
        alt = re.search(rf'<figure id="{fid}"[^>]*><img alt="([^"]+)"', text).group(1)
        assert len(alt) > 80, fid


def test_evidence_files_are_linked(report):
    text = report["html"].read_text()
    for path in ("coq/PhiBasics.v", "coq/Enclosures.v", "results/watkins-audit.json"):
        assert f'<a href="../../{path}">{path}</a>' in text
        assert (ROOT / path).exists()


def test_markdown_has_every_claim_and_constant(report):
    md = report["markdown"].read_text()
    for c in LEDGER:
        assert f"| {c.id} |" in md and f"### {c.id}: {c.verdict}" in md
    assert "| T_STAR | 1.37780183147339976861679026082 |" in md


def test_sources_are_named_by_their_public_reference_not_a_file_outside_the_repository(report):
    html, md = report["html"].read_text(), report["markdown"].read_text()
    for src in SOURCES:
        assert src.reference and esc(src.reference) in html and f"({src.reference})" in md
    assert "seeds/" not in html and "seeds/" not in md


def test_chromium_renders_and_keeps_screenshots(report, chromium, tmp_path):
    url = report["html"].resolve().as_uri()
    dom = _chromium(chromium, tmp_path / "a", "--dump-dom", url).stdout
    figs = re.findall(r'<figure id="([\w-]+)"[^>]*><img [^>]*data-rendered="(\w+)"', dom)
    assert figs and all(state == "yes" for _, state in figs), figs
    height = int(re.search(r'data-height="(\d+)"', dom).group(1))
    shots = {"first-screen.png": (WIDTH, 900), "full-page.png": (WIDTH, min(height, 16000))}
    for name, (w, h) in shots.items():
        shot = report["html"].parent / name
        shot.unlink(missing_ok=True)
        _chromium(chromium, tmp_path / name, f"--screenshot={shot}", f"--window-size={w},{h}", url)
        assert shot.exists() and shot.stat().st_size > 20_000, name


def test_no_record_no_figure(tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    shutil.copy(RESULTS / "experiment-vdi.json", results)
    ids = [f.fid for f in make_figures(load_records(results))]
    assert ids == ["fig-v2-vdi", "fig-w7-functional"]  # W7 is drawn from closed forms only


def test_malformed_record_is_an_error_naming_the_file(tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    (results / "broken.json").write_text("{not json")
    with pytest.raises(RecordError, match="results/broken.json"):
        load_records(results)
    (results / "broken.json").unlink()
    rec = json.loads((RESULTS / "experiment-vdi.json").read_text())
    del rec["trajectory"]["vdi_allowed"]
    (results / "experiment-vdi.json").write_text(json.dumps(rec))
    with pytest.raises(RecordError, match=r"results/experiment-vdi.json: missing field trajectory/vdi_allowed"):
        make_figures(load_records(results))


def test_report_writes_into_any_folder_with_working_links(tmp_path):
    out = tmp_path / "elsewhere" / "report"
    paths = write_report(out)
    text = paths["html"].read_text()
    href = re.search(r'<a href="([^"]+/coq/PhiBasics.v)">', text).group(1)
    assert (out / href).resolve() == (ROOT / "coq" / "PhiBasics.v").resolve()
    assert sorted(p.name for p in out.glob("*.png")) == sorted(
        f + ".png" for f in re.findall(r'<figure id="([\w-]+)"', text)
    )


def test_deciding_eigenvalue_decides_each_euler_run():
    """The E1 figure's coloured point is the eigenvalue with the largest |1 + eps mu| of each run,
    and a run converged exactly when that multiplier is below 1 (picture and theorem agree)."""
    rec, m = measured(load_records(RESULTS), "equilibrium-spectrum-dense")
    runs = euler_runs(rec, m)
    assert {r.run for r in runs} == {"euler_0.9", "euler_1.1"}
    for r in runs:
        assert r.abs_multiplier == pytest.approx(m[f"rho_M_at_{r.factor}_eps_crit"], rel=1e-12)
        assert (r.abs_multiplier < 1) == r.converged


def test_step_rates_match_the_measured_multipliers():
    """The W6/W8 figure's lines (pynum.constants.step_rates) agree with the multipliers the GPU measured."""
    records = load_records(RESULTS)
    tau = 1 / expr.sympy_expr("M_PHI")
    plain, fisher, euclid, fisher_full = step_rates.steps()
    for step, cid, key in (
        (plain, "simplex-reduced-plain-minus", "measured_multiplier_median"),
        (fisher, "simplex-reduced-fisher-minus", "measured_multiplier_median"),
    ):
        _, m = measured(records, cid)
        assert float(step_rates.multiplier(step.rates["line"], tau)) == pytest.approx(m[key], abs=1e-6)
    _, m = measured(records, "simplex-full-euclid-minus")
    assert float(step_rates.multiplier(euclid.rates["kappa-eta mode"], tau)) == pytest.approx(
        float(m["proved_asym_multiplier"]), abs=1e-12
    )
    _, m = measured(records, "simplex-full-fisher-minus")
    assert float(step_rates.multiplier(fisher_full.rates["kappa-eta mode"], tau)) == pytest.approx(
        float(m["proved_asym_multiplier"]), abs=1e-12
    )


def _pdf_pages(exe: str, tmp: Path, html_path: Path) -> int:
    pdf = tmp / (html_path.stem + ".pdf")
    _chromium(exe, tmp / ("p-" + html_path.stem), "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html_path.as_uri())
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def test_printing_expands_every_claim(report, chromium, tmp_path):
    """Printed, the page shows every claim's details: it prints to more pages than the same page
    with its print rules (CSS and the beforeprint handler) taken out."""
    text = report["html"].read_text()
    stripped = text.replace("details::details-content{content-visibility:visible;display:block}", "")
    stripped = stripped.replace("d.open=true})});", "})});")
    assert stripped != text
    bare = tmp_path / "bare.html"
    bare.write_text(stripped)
    assert _pdf_pages(chromium, tmp_path, report["html"]) > _pdf_pages(chromium, tmp_path, bare) + 5


@pytest.mark.parametrize(
    "record",
    [
        {
            "kind": "stability-audit",
            "model": "block",
            "eps": 0.1,
            "verdict": "unstable",
            "modes": [{"mu_re": -0.5, "mu_im": 1.0, "multiplier": 1.02}],
        },
        {
            "kind": "scan-seeds",
            "files": 5,
            "findings": [{"file": "seeds/000.txt", "line": 3, "literal": "1.618", "verdict": "truncated"}],
        },
    ],
)
def test_records_of_other_kinds_are_rendered_generically(record):
    from pynum.report.records import Record
    from pynum.report.sections import records_section

    html = records_section({"results/x.json": Record("results/x.json", record)}, "../..")
    assert f"kind: {record['kind']}" in html
    for key, value in record.items():
        if isinstance(value, list):
            assert f"<h4>{key}</h4>" in html and "<table" in html


def test_report_command_names_a_malformed_record_and_exits_2(tmp_path, monkeypatch, capsys):
    import pynum.report.build
    from pynum.cli import main

    (tmp_path / "bad.json").write_text('{"kind": "scan-seeds", ')
    monkeypatch.setattr(pynum.report.build, "RESULTS", tmp_path)
    assert main(["report"]) == 2
    err = capsys.readouterr().err.strip()
    assert "bad.json: not valid JSON" in err and "\n" not in err


def test_the_scan_of_the_seed_texts_lists_every_match(report):
    """The committed scan record is rendered as a table with one row per matched literal."""
    scan = json.loads((ROOT / "results" / "scan-seeds.json").read_text())
    text = report["html"].read_text()
    assert "kind: scan" in text
    from pynum.report.sections import where_label

    titles = {src.seed: src.title for src in SOURCES}
    for f in scan["files"]:
        for m in f["matches"]:
            label = where_label(f["path"], m["line"], m["col"])
            assert esc(label) in text
            seed = f["path"].rsplit("/", 1)[-1]
            if seed in titles:  # a seed text is named by its source, never by a file outside the repository
                assert label == f"{titles[seed]}, line {m['line']}, column {m['col']}"


def test_each_claim_shows_the_objection_considered_and_what_decides_it(report):
    import html as html_lib

    from pynum.ledger import render

    text = report["html"].read_text()
    md = report["markdown"].read_text()
    for c in LEDGER:
        block = text.split(f'id="claim-{c.id}">', 1)[1].split("</details>", 1)[0]
        aside = block.split('<aside class="objection">', 1)[1].split("</aside>", 1)[0]
        plain = html_lib.unescape(re.sub(r"<[^>]+>", "", aside))
        o = render.objection(c)
        assert o["raised"] in plain and o["answer"] in plain, c.id
        for ref in o["decided_by"]:
            shown = ref.strip('"') if ref.startswith('"') else ref.partition("#")[2] or f"Phi.{ref}"
            assert shown in plain, (c.id, ref)
        assert f"Answer: {o['answer']}" in md, c.id
    # a reading other than the published words is named on the first screen and in the details
    rows = dict(re.findall(r'<tr class="claim-row" data-claim="(\w+)">(.*?)</tr>', text, re.S))
    for c in LEDGER:
        if c.scope != "as-published":
            finding = rows[c.id].split('<td class="finding">', 1)[1]
            assert re.search(r"\bRead\b|\breading\b", finding), c.id
            assert f'data-scope="{c.scope}"' in text.split(f'id="claim-{c.id}">', 1)[1].split("</details>", 1)[0]
