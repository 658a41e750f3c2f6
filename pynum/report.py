"""``make report``: build/report/index.html (self-contained) and build/report/report.md.

The report gathers the claims ledger, the constants table (cross-check at 30 digits), the
proof audit (build/proofs.json) and the committed torch records (results/*.json), with
plots embedded as PNG data URIs. It runs no torch.
"""
from __future__ import annotations

import base64
import html
import json
import os
import re
import time
from pathlib import Path
from typing import Any

from . import plots
from .check import run_check
from .ledger import LEDGER, render
from .resources import MissingData, checkout_root, data_file, local_path, read_record, record_names

# Where ``write_report`` writes unless told otherwise, relative to the current directory.
DEFAULT_OUT = Path("build") / "report"
# The proof audit that ``make prove`` writes, relative to the checkout.
PROOFS_JSON = Path("build") / "proofs.json"


def load_records() -> dict[str, Any]:
    """Every committed JSON record under results/, by file name."""
    return {name: read_record(name) for name in record_names(".json")}


def load_proofs() -> dict[str, Any] | None:
    """The checkout's build/proofs.json (written by ``make prove``), or None when there is none."""
    root = checkout_root()
    path = root / PROOFS_JSON if root is not None else None
    return json.loads(path.read_text()) if path is not None and path.is_file() else None


def _find(obj: Any, key: str) -> list[Any]:
    """All values stored under ``key`` (or a key ending in ``_key``) anywhere in a JSON tree."""
    found = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == key or k.endswith("_" + key):
                found.append(v)
            found += _find(v, key)
    elif isinstance(obj, list):
        for v in obj:
            found += _find(v, key)
    return found


def make_plots(records: dict[str, Any]) -> dict[str, tuple[str, bytes]]:
    """Plot id -> (caption, PNG bytes)."""
    samples = [s for v in _find(records, "stability_samples") for s in v]
    inits = records.get("watkins-audit.json", {}).get("quickstart", {}).get("inits", {})
    published = {k: v["trajectory"] for k, v in inits.items() if isinstance(v, dict) and "trajectory" in v}
    out = {
        "plot-euler-region": ("Explicit-Euler stability region with the GPU-sampled outcomes"
                              + ("" if samples else " (no sampled outcomes recorded yet)"),
                              plots.euler_stability_region(samples)),
        "plot-simplex": ("Simplex trajectories: published step, gradient and natural-gradient steps",
                         plots.simplex_trajectories(published)),
        "plot-free-energy": ("The free energy along lambda for both sign conventions",
                             plots.free_energy_along_lambda()),
    }
    traces = _find(records, "contraction_trace")
    if traces and isinstance(traces[0], dict):
        t = traces[0]
        out["plot-contraction"] = ("Relaxation error against the proved rho^t bound",
                                   plots.relaxation_residuals(t["errors"], t["rho"] ** t.get("stride", 1),
                                                              t["errors"][0]))
    else:
        out["plot-contraction"] = ("Relaxation error against the proved rho^t bound (illustration: no trace recorded)",
                                   plots.relaxation_residuals([0.5 ** k for k in range(30)], 0.6, 1.0))
    return out


def _evidence(c: Any) -> str:
    ev = c.evidence
    parts = [f"Phi.{t} (coq/{t.split('.')[0]}.v)" for t in ev.coq]
    parts += [f"check {x}" for x in ev.checks] + [f"record {r}" for r in ev.records]
    return "; ".join(parts)


def _numbers(c: Any) -> str:
    return "; ".join(f"{v['label']} = {v['value']}" for v in render.numbers(c).values())


def build_markdown(check: dict[str, Any], proofs: dict[str, Any] | None, records: dict[str, Any]) -> str:
    lines = ["# Verification report", "", f"Generated {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.", ""]
    tally: dict[str, int] = {}
    for c in LEDGER:
        tally[c.verdict] = tally.get(c.verdict, 0) + 1
    lines += ["## Claims ledger", "", ", ".join(f"{n} {v}" for v, n in sorted(tally.items(), key=lambda x: -x[1])), "",
              "| ID | claim as published | verdict | precise reading | evidence | numbers |", "|---|---|---|---|---|---|"]
    for c in LEDGER:
        cells = [c.id, c.published, c.verdict,
                 render.reading(c) + (f" Correction: {render.correction(c)}" if c.correction else ""),
                 _evidence(c), _numbers(c)]
        lines.append("| " + " | ".join(x.replace("|", "\\|").replace("\n", " ") for x in cells) + " |")
    lines += ["", "## Constants", "", "| name | value (30 digits) | enclosure | theorem | published: digits agreeing, verdict |",
              "|---|---|---|---|---|"]
    for r in check["constants"]:
        enc = "; ".join(f"[{e['lo']}, {e['hi']}]" for e in r["enclosures"])
        thm = "; ".join(f"Phi.{e['lemma']}" for e in r["enclosures"])
        pub = "; ".join(f"{p['published']}: {p['agreeing']}/{p['significant']}, {p['verdict']}" for p in r["published"])
        lines.append(f"| {r['name']} | {r['value']} | {enc} | {thm} | {pub or '-'} |")
    lines += ["", "## Proof audit", ""]
    if proofs is None:
        lines.append("build/proofs.json is missing: run `make prove` in a source checkout."
                     if checkout_root() else "The proof audit runs in a source checkout (`make prove`); "
                     "this installed package carries the Coq sources but does not compile them.")
    else:
        coq = [t for t in proofs["theorems"] if t["prover"] == "coq"]
        lean = [t for t in proofs["theorems"] if t["prover"] == "lean"]
        lines += [f"- audit: {'passed' if proofs['ok'] else 'FAILED'}; Admitted in coq/: {proofs['admitted_count']}",
                  f"- Coq theorems named by the registry and ledger: {len(coq)}, checked: {sum(t['checked'] for t in coq)}",
                  f"- axioms (union over the bundle): {', '.join(proofs['bundle']['axioms'][:6])}"
                  f"{' ...' if len(proofs['bundle']['axioms']) > 6 else ''} ({len(proofs['bundle']['axioms'])} in all, all whitelisted: "
                  f"{not any(t.get('non_whitelisted') for t in coq)})",
                  f"- Lean: {proofs['lean']['reason']}; Lean theorems: {len(lean)}, checked: {sum(t['checked'] for t in lean)}"]
        for p in proofs["problems"]:
            lines.append(f"- PROBLEM: {p}")
    lines += ["", "## Torch checks and experiments", ""]
    for name, rec in records.items():
        lines.append(f"### {name}")
        lines.append("")
        dev = rec.get("device") or rec.get("device_name") or "(device not recorded)"
        lines.append(f"device: {dev}; size: {rec.get('size', '-')}; torch: {rec.get('torch', '-')}")
        lines.append("")
        if isinstance(rec.get("results"), list):
            lines += ["| check | claims | passed | seconds | measured |", "|---|---|---|---|---|"]
            for r in rec["results"]:
                meas = {k: v for k, v in r.get("measured", {}).items() if not isinstance(v, (list, dict))}
                meas_s = "; ".join(f"{k} = {v}" for k, v in list(meas.items())[:8])
                lines.append(f"| {r['id']} | {', '.join(r.get('claims', []))} | {r['passed']} | {r.get('seconds', '')} | "
                             f"{meas_s.replace('|', '/')} |")
        else:
            summary = {k: v for k, v in rec.items() if not isinstance(v, (list, dict))}
            lines += [f"- {k}: {v}" for k, v in summary.items()]
            if isinstance(rec.get("findings"), dict):
                lines += [f"- finding {k}: {v}" for k, v in rec["findings"].items()]
        lines.append("")
    return "\n".join(lines) + "\n"


def _link_files(text: str, out_dir: Path) -> str:
    """Turn repository paths (coq/X.v, results/X.json) into links, relative to ``out_dir``, to the
    files in the checkout or the installed package; a path that is in neither stays plain text."""

    def link(m: re.Match) -> str:
        try:
            target = local_path(data_file(m.group(1)))
        except MissingData:
            return m.group(1)
        if target is None:
            return m.group(1)
        href = Path(os.path.relpath(target.resolve(), out_dir.resolve())).as_posix()
        return f'<a href="{html.escape(href)}">{m.group(1)}</a>'

    return re.sub(r"\b((?:coq|results)/[\w.-]+\.(?:v|json|txt))", link, text)


def _md_table_to_html(md: str, out_dir: Path) -> str:
    """A tiny Markdown-to-HTML converter for the report's own headings, lists and tables."""
    out, in_table, in_list = [], False, False
    for line in md.splitlines():
        if line.startswith("|"):
            cells = [_link_files(html.escape(c.strip().replace("\\|", "|")), out_dir) for c in line.strip("|").split(" | ")]
            if set(line.replace("|", "").strip()) <= {"-"}:
                continue
            if not in_table:
                out.append("<table><tr>" + "".join(f"<th>{c}</th>" for c in cells) + "</tr>")
                in_table = True
            else:
                out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
            continue
        if in_table:
            out.append("</table>")
            in_table = False
        if line.startswith("- "):
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{html.escape(line[2:])}</li>")
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            text = line.lstrip("#").strip()
            anchor = text.lower().replace(" ", "-").replace(".", "-")
            out.append(f'<h{level} id="{html.escape(anchor)}">{html.escape(text)}</h{level}>')
        elif line.strip():
            out.append(f"<p>{html.escape(line)}</p>")
    if in_table:
        out.append("</table>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


CSS = """body{font-family:sans-serif;margin:2em;max-width:1400px}table{border-collapse:collapse;font-size:12px}
td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top}th{background:#eee}
figure{display:inline-block;margin:1em}figcaption{font-size:12px;max-width:520px}"""


# Marks each image once the browser has decoded it, so a headless browser can confirm the plots render.
ONLOAD = ("<script>window.addEventListener('load',function(){document.querySelectorAll('img').forEach("
          "function(i){i.setAttribute('data-rendered',i.naturalWidth>0?'yes':'no')})})</script>")


def build_html(md: str, figures: dict[str, tuple[str, bytes]], out_dir: Path) -> str:
    figs = "\n".join(
        f'<figure id="{pid}"><img alt="{html.escape(cap)}" src="data:image/png;base64,'
        f'{base64.b64encode(png).decode()}"><figcaption>{html.escape(cap)}</figcaption></figure>'
        for pid, (cap, png) in figures.items())
    body = _md_table_to_html(md, out_dir)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Verification report</title>"
            f"<style>{CSS}</style></head><body>{body}<h2 id='plots'>Plots</h2>{figs}{ONLOAD}</body></html>\n")


def write_report(out_dir: Path | None = None) -> dict[str, Path]:
    """Write report.md, index.html and the PNG plots into ``out_dir`` (default ./build/report,
    created); return their paths."""
    out_dir = DEFAULT_OUT if out_dir is None else out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    records = load_records()
    proofs = load_proofs()
    check = run_check(30)
    md = build_markdown(check, proofs, records)
    figures = make_plots(records)
    paths = {"markdown": out_dir / "report.md", "html": out_dir / "index.html"}
    for pid, (_cap, png) in figures.items():
        (out_dir / f"{pid}.png").write_bytes(png)
        md += f"\n![{pid}]({pid}.png)\n"
    paths["markdown"].write_text(md)
    paths["html"].write_text(build_html(md.split("\n![")[0], figures, out_dir))
    return paths
