"""The report page: the verdicts first, then the figures, then each claim's details.

``page(data)`` returns one self-contained HTML document (inline CSS, images as data URIs, no
network). Sections: the summary (verdict counts, one row per claim grouped by source document,
each linking to its details), the figures, the claims' collapsible details (reading, correction
set apart, the strongest objection considered with its answer and what decides it, evidence with
audit and check status, numbers), the constants, the proof audit and
the records (``report_sections``).
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass
from typing import Any

from pynum.ledger import LEDGER, VERDICTS, Claim, render

from .claims import FINDING, SHORT, sources
from .figures.common import Figure
from .records import CheckStatus, Record
from .sections import audit_section, constants_section, records_section
from .style import CSS, SCRIPT


@dataclass(frozen=True)
class ReportData:
    """Everything a page shows.

    check: ``pynum check`` at 30 digits; proofs: build/proofs.json (None if absent);
    records: results/*.json; statuses: each torch check's status in its newest record;
    figures: the drawn figures; root_href: the repository root relative to the page (links to
    coq/ and results/); generated: the build time.
    """

    check: dict[str, Any]
    proofs: dict[str, Any] | None
    records: dict[str, Record]
    statuses: dict[str, CheckStatus]
    figures: tuple[Figure, ...]
    root_href: str
    generated: str


def esc(text: Any) -> str:
    return html.escape(str(text))


def badge(verdict: str) -> str:
    return f'<span class="badge v-{esc(verdict)}">{esc(verdict)}</span>'


def link_files(text: str, root: str) -> str:
    """Escaped text with repository paths (coq/X.v, results/X.json) turned into links."""
    return re.sub(r"\b((?:coq|results)/[\w.-]+\.(?:v|json|txt))", rf'<a href="{root}/\1">\1</a>', esc(text))


def theorem_status(data: ReportData, name: str) -> tuple[bool | None, str]:
    """(checked, non-vacuity) of ``Phi.name`` per build/proofs.json (None: not in the audit)."""
    if data.proofs is None:
        return None, "no build/proofs.json"
    for t in data.proofs["theorems"]:
        if t["theorem"] == f"Phi.{name}":
            nv = t.get("non_vacuous", t.get("premises_satisfiable"))
            if nv is None:
                nv_text = "not audited by this build"
            elif nv is True:
                nv_text = "premises satisfiable (proved)"
            elif nv is False:
                nv_text = "VACUOUS: premises not shown satisfiable"
            else:
                nv_text = str(nv)
            return bool(t["checked"]), nv_text
    return None, "not in build/proofs.json"


def check_status(data: ReportData, check_id: str) -> tuple[bool | None, str]:
    """(passed, where) for a torch check or a ``pynum-check:NAME`` constant."""
    if check_id.startswith("pynum-check:"):
        name = check_id.split(":", 1)[1]
        for r in data.check["constants"]:
            if r["name"] == name:
                return bool(r["engines_agree"] and r["enclosures_ok"]), "pynum check, 30 digits, this build"
        return None, "not a registered constant"
    s = data.statuses.get(check_id)
    if s is None:
        return None, "in no record under results/"
    return s.passed, s.record + (f" ({s.created})" if s.created else "")


def _mark(ok: bool | None) -> str:
    if ok is None:
        return '<span class="mark unknown" title="no status">?</span>'
    return '<span class="mark ok">&#10003;</span>' if ok else '<span class="mark bad">&#10007;</span>'


def audit_line(data: ReportData, c: Claim) -> str:
    """The claim's evidence status in a few words: theorems checked, checks passed."""
    parts = []
    if c.evidence.coq:
        st = [theorem_status(data, t)[0] for t in c.evidence.coq]
        ok = sum(1 for s in st if s)
        parts.append(f"{_mark(ok == len(st))} {ok}/{len(st)} theorems checked")
    if c.evidence.checks:
        st = [check_status(data, x)[0] for x in c.evidence.checks]
        ok = sum(1 for s in st if s)
        parts.append(f"{_mark(ok == len(st))} {ok}/{len(st)} checks passed")
    if c.evidence.records:
        parts.append(f"{len(c.evidence.records)} record{'s' * (len(c.evidence.records) > 1)}")
    return " &middot; ".join(parts) or "no machine evidence"


def summary(data: ReportData) -> str:
    """Verdict counts, then one row per claim grouped by source document."""
    tally = {v: sum(c.verdict == v for c in LEDGER) for v in VERDICTS}
    counts = "".join(f"<li>{badge(v)} <b>{n}</b></li>" for v, n in tally.items() if n)
    out = [
        f'<section id="summary"><h2>What is true here: {len(LEDGER)} claims</h2>',
        f'<ul class="tally">{counts}</ul>',
        '<p class="legend">proved / refuted: a machine-checked Coq theorem states the claim or its negation; '
        "reproduced / not-reproduced: the project re-ran the experiment (evidence, not proof); "
        "not-checkable: nothing to check, with the reason. Click an ID for the reading, evidence and numbers.</p>",
    ]
    for src in sources():
        out.append(
            f'<h3 class="source">{esc(src.title[:1].upper() + src.title[1:])} <span class="seed">{esc(src.reference)}</span></h3>'
            '<table class="claims"><tbody>'
        )
        for c in src.claims:
            out.append(
                f'<tr class="claim-row" data-claim="{c.id}"><th scope="row"><a href="#claim-{c.id}">{c.id}</a></th>'
                f'<td class="short">{esc(SHORT[c.id])}</td><td class="verdict">{badge(c.verdict)}</td>'
                f'<td class="finding">{esc(FINDING[c.id])}</td></tr>'
            )
        out.append("</tbody></table>")
    out.append("</section>")
    return "\n".join(out)


def figure_html(f: Figure, root: str) -> str:
    src = base64.b64encode(f.png).decode()
    links = ", ".join(f'<a href="#claim-{c}">{c}</a>' for c in f.claims)
    recs = "; ".join(f.sources) or "closed forms only (no record)"
    return (
        f'<figure id="{f.fid}" data-claims="{" ".join(f.claims)}"><img alt="{esc(f.alt)}" '
        f'src="data:image/png;base64,{src}"><figcaption><b>{esc(f.title)}.</b> {esc(f.alt)} '
        f'<span class="src">Claims: {links}. Drawn from: {link_files(recs, root)}.</span>'
        f"</figcaption></figure>"
    )


SCOPE_NOTE = {
    "narrower": " (narrower than the published words)",
    "wider": " (wider than the published words)",
    "precision": " (a precise choice among the published words' senses)",
}


def decided_by_html(ref: str, root: str) -> str:
    """One thing that decides an objection: a theorem (linked to its file), a record field (linked
    to the record) or a seed quote."""
    if ref.startswith('"'):
        return f'<q class="seed">{esc(ref.strip(chr(34)))}</q> (the source)'
    if "#" in ref:
        path, _, pointer = ref.partition("#")
        return f"{link_files(path, root)}<code>#{esc(pointer)}</code>"
    f = ref.split(".")[0]
    return f'<code>Phi.{esc(ref)}</code> (<a href="{root}/coq/{esc(f)}.v">coq/{esc(f)}.v</a>)'


def objection_html(c: Claim, root: str) -> str:
    """The strongest objection to the verdict, its answer, and what decides it (empty when none)."""
    o = render.objection(c)
    if o is None:
        return ""
    decided = "; ".join(decided_by_html(d, root) for d in o["decided_by"])
    return (
        f'<aside class="objection"><p><b>Strongest objection considered:</b> {link_files(o["raised"], root)}</p>'
        f"<p><b>Answer:</b> {link_files(o['answer'], root)}</p>"
        f'<p class="src"><b>Decided by:</b> {decided}</p></aside>'
    )


def claim_details(data: ReportData, c: Claim) -> str:
    """One collapsible claim: summary line, then reading, correction, evidence, numbers, figures."""
    root = data.root_href
    ev = c.evidence
    rows = []
    for t in ev.coq:
        checked, nv = theorem_status(data, t)
        f = t.split(".")[0]
        rows.append(
            f"<tr><td>theorem</td><td><code>Phi.{esc(t)}</code> "
            f'(<a href="{root}/coq/{esc(f)}.v">coq/{esc(f)}.v</a>)</td>'
            f"<td>{_mark(checked)} {'checked' if checked else 'NOT checked' if checked is False else 'unknown'}"
            f"; {esc(nv)}</td></tr>"
        )
    for x in ev.checks:
        passed, where = check_status(data, x)
        word = "passed" if passed else "FAILED" if passed is False else "no result"
        rows.append(
            f"<tr><td>check</td><td><code>{esc(x)}</code></td><td>{_mark(passed)} {word}; "
            f"{link_files(where, root)}</td></tr>"
        )
    for r in ev.records:
        rows.append(f"<tr><td>record</td><td>{link_files(r, root)}</td><td>committed</td></tr>")
    nums = "".join(
        f"<tr><th>{esc(n['label'])}</th><td><code>{esc(n['value'])}</code></td>"
        f"<td class='src'>{esc(n['kind'])}: {link_files(n['source'], root)}</td></tr>"
        for n in render.numbers(c).values()
    )
    figs = [f for f in data.figures if c.id in f.claims]
    fig_links = ", ".join(f'<a href="#{f.fid}">{esc(f.title)}</a>' for f in figs)
    parts = [
        f'<details class="claim" id="claim-{c.id}"><summary><b>{c.id}</b> {badge(c.verdict)} '
        f'{esc(SHORT[c.id])} <span class="status">{audit_line(data, c)}</span></summary>',
        f'<div class="body"><p class="published"><b>As published:</b> {esc(c.published)}</p>',
        f"<p><b>Finding:</b> {esc(FINDING[c.id])}</p>",
    ]
    if c.reading:
        scope = SCOPE_NOTE.get(c.scope, "")
        parts.append(
            f'<p class="reading" data-scope="{esc(c.scope)}"><b>Precise reading{scope}.</b> '
            f"{link_files(render.reading(c), root)}</p>"
        )
    if c.correction:
        parts.append(
            f'<aside class="correction"><b>Correction (the nearest true statement):</b> '
            f"{link_files(render.correction(c), root)}</aside>"
        )
    if c.objection is not None:
        parts.append(objection_html(c, root))
    if rows:
        parts.append(
            '<table class="evidence"><thead><tr><th>kind</th><th>evidence</th><th>status</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    if nums:
        parts.append(
            f'<table class="numbers"><caption>Numbers (resolved now from their expression or record)</caption><tbody>{nums}</tbody></table>'
        )
    if figs:
        parts.append(f'<p class="figs"><b>Figures:</b> {fig_links}</p>')
    parts.append('<p class="back"><a href="#summary">back to the summary</a></p></div></details>')
    return "\n".join(parts)


def page(data: ReportData) -> str:
    """The whole report as one HTML document."""
    toc = (
        '<nav><a href="#summary">Verdicts</a> <a href="#figures">Figures</a> <a href="#claims">Claims in detail</a> '
        '<a href="#constants">Constants</a> <a href="#audit">Proof audit</a> <a href="#records">Records</a></nav>'
    )
    figs = "\n".join(figure_html(f, data.root_href) for f in data.figures)
    claims = "\n".join(claim_details(data, c) for c in LEDGER)
    body = [
        f"<header><h1>phi-claims: which golden-ratio claims are true</h1>{toc}"
        f'<p class="generated">Generated {esc(data.generated)} from the ledger, build/proofs.json and the '
        f"records under results/.</p></header>",
        summary(data),
        f'<section id="figures"><h2>Results drawn</h2>{figs}</section>',
        '<section id="claims"><h2>Claims in detail</h2><p><button type="button" id="expand-all">'
        f"Expand all</button></p>{claims}</section>",
        constants_section(data.check),
        audit_section(data.proofs),
        records_section(data.records, data.root_href),
    ]
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>phi-claims verification report</title><style>{CSS}</style></head><body>"
        + "\n".join(body)
        + SCRIPT
        + "</body></html>\n"
    )
