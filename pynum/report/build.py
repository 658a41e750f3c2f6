"""``make report``: index.html (self-contained) and report.md in an output folder.

The report reads the claims ledger, ``pynum check`` at 30 digits, the proof audit
(build/proofs.json) and the committed records (results/*.json), and draws its figures from those
records only: a figure whose record is absent is not drawn, and a record that is malformed or
lacks a field a figure needs is an error naming the file. It runs no torch.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from pynum import resources
from pynum.constants.check import run_check
from pynum.ledger import LEDGER, VERDICTS, render

from .claims import FINDING, SHORT, sources
from .figures import equilibrium as feq
from .figures import experiments as fex
from .figures import watkins as fw
from .figures.common import Figure
from .page import ReportData, check_status, page, theorem_status
from .records import Record, RecordError, check_statuses, load_records

# The checkout, or the installed package's data folder (results/, coq/ and CITATION.cff).
ROOT = Path(str(resources.data_root()))
OUT = ROOT / "build" / "report"
RESULTS = ROOT / "results"
PROOFS_JSON = ROOT / "build" / "proofs.json"


def make_figures(records: dict[str, Record]) -> tuple[Figure, ...]:
    """Every figure whose records are present (in reading order: experiments, Watkins, equilibrium)."""
    checks = check_statuses(records)
    plan: list[tuple[bool, Callable[[], Figure]]] = [
        (fex.VDI in records, lambda: fex.vdi_figure(records[fex.VDI])),
        (fex.ENERGY in records, lambda: fex.energy_figure(records[fex.ENERGY])),
        (fw.AUDIT in records, lambda: fw.simplex_figure(records[fw.AUDIT])),
        (
            {"simplex-reduced-plain-minus", "simplex-reduced-fisher-minus"} <= set(checks),
            lambda: fw.multipliers_figure(records),
        ),
        (True, fw.free_energy_figure),
        ("equilibrium-spectrum-dense" in checks, lambda: feq.euler_figure(records)),
        ("equilibrium-eps-crit-family" in checks, lambda: feq.eps_crit_figure(records)),
        ("equilibrium-contraction" in checks, lambda: feq.contraction_figure(records)),
    ]
    return tuple(make() for present, make in plan if present)


def build_markdown(data: ReportData) -> str:
    """The same report as Markdown: verdicts, one row per claim, then each claim's reading."""
    tally = ", ".join(
        f"{sum(c.verdict == v for c in LEDGER)} {v}" for v in VERDICTS if any(c.verdict == v for c in LEDGER)
    )
    lines = ["# Verification report", "", f"Generated {data.generated}.", "", "## Verdicts", "", tally, ""]
    for src in sources():
        lines += [f"### {src.title} ({src.reference})", "", "| ID | claim | verdict | finding |", "|---|---|---|---|"]
        lines += [f"| {c.id} | {SHORT[c.id]} | **{c.verdict}** | {FINDING[c.id]} |" for c in src.claims]
        lines.append("")
    lines += ["## Claims in detail", ""]
    for c in LEDGER:
        lines += [f"### {c.id}: {c.verdict}", "", f"As published: {c.published}", ""]
        if c.reading:
            lines += [f"Precise reading: {render.reading(c)}", ""]
        if c.correction:
            lines += [f"> **Correction.** {render.correction(c)}", ""]
        o = render.objection(c)
        if o:
            lines += [
                f"Strongest objection considered: {o['raised']}",
                "",
                f"Answer: {o['answer']}",
                "",
                f"Decided by: {'; '.join(o['decided_by'])}",
                "",
            ]
        for t in c.evidence.coq:
            checked, nv = theorem_status(data, t)
            lines.append(f"- theorem Phi.{t}: {'checked' if checked else 'NOT checked'}; {nv}")
        for x in c.evidence.checks:
            passed, where = check_status(data, x)
            lines.append(
                f"- check {x}: {'passed' if passed else 'FAILED' if passed is False else 'no result'} ({where})"
            )
        lines += [f"- record {r}" for r in c.evidence.records]
        lines += [f"- {n['label']} = {n['value']} ({n['source']})" for n in render.numbers(c).values()]
        lines.append("")
    lines += [
        "## Constants",
        "",
        "| name | value (30 digits) | enclosure | theorem | published: digits agreeing, verdict |",
        "|---|---|---|---|---|",
    ]
    for r in data.check["constants"]:
        enc = "; ".join(f"[{e['lo']}, {e['hi']}]" for e in r["enclosures"])
        thm = "; ".join(f"Phi.{e['lemma']}" for e in r["enclosures"])
        pub = "; ".join(f"{p['published']}: {p['agreeing']}/{p['significant']}, {p['verdict']}" for p in r["published"])
        lines.append(f"| {r['name']} | {r['value']} | {enc} | {thm} | {pub or '-'} |")
    lines += ["", "## Proof audit", ""]
    if data.proofs is None:
        lines.append("build/proofs.json is missing: run `make prove`.")
    else:
        coq = [t for t in data.proofs["theorems"] if t["prover"] == "coq"]
        lines.append(
            f"audit {'passed' if data.proofs['ok'] else 'FAILED'}; Coq theorems checked: "
            f"{sum(t['checked'] for t in coq)}/{len(coq)}; Admitted: {data.proofs['admitted_count']}"
        )
    lines += ["", "## Figures", ""]
    lines += [f"![{f.alt}]({f.fid}.png)\n\n*{f.title}* (claims {', '.join(f.claims)})\n" for f in data.figures]
    return "\n".join(lines) + "\n"


def gather(out_dir: Path, results_dir: Path | None = None, proofs_json: Path | None = None) -> ReportData:
    """Read everything the report shows (results/ and build/proofs.json unless given); figures
    drawn, nothing written."""
    records = load_records(results_dir or RESULTS)
    proofs_json = proofs_json or PROOFS_JSON
    proofs = json.loads(proofs_json.read_text()) if proofs_json.exists() else None
    return ReportData(
        check=run_check(30),
        proofs=proofs,
        records=records,
        statuses=check_statuses(records),
        figures=make_figures(records),
        root_href=Path(os.path.relpath(ROOT, out_dir.resolve())).as_posix(),
        generated=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    )


def write_report(out_dir: Path | None = None) -> dict[str, Path]:
    """Write index.html, report.md and one PNG per figure into ``out_dir``; return the paths."""
    out_dir = Path.cwd() / "build" / "report" if out_dir is None else Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    data = gather(out_dir)
    for f in data.figures:
        (out_dir / f"{f.fid}.png").write_bytes(f.png)
    paths = {"markdown": out_dir / "report.md", "html": out_dir / "index.html"}
    paths["markdown"].write_text(build_markdown(data))
    paths["html"].write_text(page(data))
    return paths


__all__ = ["write_report", "make_figures", "gather", "build_markdown", "RecordError"]
