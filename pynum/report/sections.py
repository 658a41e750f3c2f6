"""The report's reference sections: constants, proof audit, and every record under results/.

Records are rendered by kind: ``torchcheck`` records as a table of checks; every other kind
(experiments, the package audit, ``stability-audit``, ``scan-seeds``, kinds added later)
generically: its scalar fields, then each table-like field (a dict of scalars, a list of flat
dicts), and a one-line note for deeper fields.
"""

from __future__ import annotations

import html
import json
from typing import Any

from .records import Record

META = (
    "kind",
    "experiment",
    "package",
    "device",
    "device_type",
    "torch",
    "python",
    "size",
    "seeds",
    "seed",
    "created",
    "version",
)
MAX_ROWS = 40  # rows of a list-of-dicts table before "... N more"
MAX_COLS = 9


def esc(text: Any) -> str:
    return html.escape(str(text))


def _scalar(v: Any) -> bool:
    return v is None or isinstance(v, (str, int, float, bool))


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.6g}"
    if isinstance(v, list) and all(_scalar(x) for x in v) and len(v) <= 12:
        return ", ".join(_fmt(x) for x in v)
    return str(v)


def _published_badge(p: dict[str, Any]) -> str:
    good = p["verdict"] != "wrong"
    return (
        f'<li><code>{esc(p["published"])}</code> <span class="badge v-{"good" if good else "bad"}">'
        f"{esc(p['verdict'])}</span> {p['agreeing']}/{p['significant']} digits "
        f'<span class="src">({esc(p["source"])}, {esc(p["where"])})</span></li>'
    )


def constants_section(check: dict[str, Any]) -> str:
    """Each constant: 30-digit value, certified enclosures with their theorems, published values judged."""
    rows = []
    for r in check["constants"]:
        enc = "<br>".join(f"[{esc(e['lo'])}, {esc(e['hi'])}]" for e in r["enclosures"])
        thm = "<br>".join(f"<code>Phi.{esc(e['lemma'])}</code>" for e in r["enclosures"])
        pub = "".join(_published_badge(p) for p in r["published"])
        ok = r["engines_agree"] and r["enclosures_ok"]
        rows.append(
            f'<tr><th>{esc(r["name"])}<br><span class="src">{esc(r["symbol"])} = {esc(r["definition"])}</span></th>'
            f'<td><code>{esc(r["value"])}</code><br><span class="src">3 engines '
            f"{'agree, inside every enclosure' if ok else 'DISAGREE or leave an enclosure'}</span></td>"
            f'<td>{enc}</td><td>{thm}</td><td><ul class="pub">{pub or "<li>-</li>"}</ul></td></tr>'
        )
    return (
        '<section id="constants"><h2>Constants</h2><p class="legend">Value to 30 significant digits (mpmath, '
        "SymPy and Arb agree), the Coq enclosures proved by Interval and each published value judged digit "
        'by digit.</p><table class="data consts"><colgroup><col style="width:14%"><col style="width:22%">'
        '<col style="width:20%"><col style="width:17%"><col style="width:27%"></colgroup>'
        "<thead><tr><th>name</th><th>value</th><th>enclosure</th>"
        f"<th>theorem</th><th>published values</th></tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def audit_section(proofs: dict[str, Any] | None) -> str:
    """The proof audit of build/proofs.json in a few lines."""
    if proofs is None:
        return (
            '<section id="audit"><h2>Proof audit</h2><p><b>build/proofs.json is missing</b>: run '
            "<code>make prove</code>; no theorem below is shown as checked.</p></section>"
        )
    coq = [t for t in proofs["theorems"] if t["prover"] == "coq"]
    lean = [t for t in proofs["theorems"] if t["prover"] == "lean"]
    pa = proofs.get("print_assumptions", {})
    chk_axioms = proofs.get("coqchk", {}).get("axioms", [])
    standard = [a for a in chk_axioms if a in proofs["whitelist"]["standard"]]
    sealed = [a for a in chk_axioms if a.rpartition(".")[0] in proofs["whitelist"]["sealed_modules"]]
    items = [
        f"audit {'passed' if proofs['ok'] else 'FAILED'}; Admitted in coq/: {proofs['admitted_count']}",
        f"Coq theorems named by the registry and the ledger: {len(coq)}, checked: {sum(t['checked'] for t in coq)}",
        f"axioms coqchk lists for the whole environment: {', '.join(standard) or 'none'}; "
        f"{len(chk_axioms) - len(standard) - len(sealed)} primitive integer/float specifications used by Interval; "
        f"{len(sealed)} fields of sealed library modules (not axioms); all allowed: "
        f"{not proofs.get('coqchk', {}).get('disallowed') and not any(t.get('non_whitelisted') for t in coq)}",
        (
            f"Print Assumptions over {pa['theorems']} of the {pa['of']} cited theorems: "
            f"{', '.join(pa['axioms']) or 'closed'}; the modules loading {', '.join(pa['costly_libraries'])} "
            f"are covered by coqchk's listing"
        )
        if pa
        else "Print Assumptions: not run by this build",
        "non-vacuity (premises shown satisfiable): "
        + (
            f"{sum(1 for t in coq if t.get('non_vacuous') is True)} of the "
            f"{sum(1 for t in coq if t.get('premises'))} with premises"
            if any("non_vacuous" in t for t in coq)
            else "not audited by this build"
        ),
        (
            f"coqchk ({proofs['coqchk']['version']}): {len(proofs['coqchk']['modules'])} modules re-checked, "
            f"axioms outside the allow-list: {len(proofs['coqchk']['disallowed'])}, "
            f"unsafe features: {len(proofs['coqchk']['unsafe'])}"
        )
        if "coqchk" in proofs
        else "coqchk: not run by this build",
        (f"cited statements pinned in {proofs['statements']['lock']}") if "statements" in proofs else "",
        f"Lean: {proofs['lean']['reason']}; Lean twins: {len(lean)}, checked: {sum(t['checked'] for t in lean)}",
    ]
    items += [f"PROBLEM: {p}" for p in proofs["problems"]]
    return (
        '<section id="audit"><h2>Proof audit</h2><ul>'
        + "".join(f"<li>{esc(i)}</li>" for i in items)
        + "</ul></section>"
    )


def _table(rows: list[dict[str, Any]]) -> str:
    cols: list[str] = []
    for r in rows:
        cols += [k for k, v in r.items() if k not in cols and (_scalar(v) or isinstance(v, list))]
    cols = cols[:MAX_COLS]
    head = "".join(f"<th>{esc(c)}</th>" for c in cols)
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(_fmt(r.get(c, '')))}</td>" for c in cols) + "</tr>" for r in rows[:MAX_ROWS]
    )
    more = f'<p class="src">... {len(rows) - MAX_ROWS} more rows in the file</p>' if len(rows) > MAX_ROWS else ""
    return f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}'


def _kv(d: dict[str, Any]) -> str:
    return (
        '<table class="data"><tbody>'
        + "".join(f"<tr><th>{esc(k)}</th><td>{esc(_fmt(v))}</td></tr>" for k, v in d.items())
        + "</tbody></table>"
    )


def _generic(rec: Record) -> str:
    data = rec.data
    out = []
    scalars = {
        k: v
        for k, v in data.items()
        if k not in META and (_scalar(v) or isinstance(v, list) and all(_scalar(x) for x in v))
    }
    if scalars:
        out.append(_kv(scalars))
    for key, v in data.items():
        if key in META or key in scalars:
            continue
        if (
            isinstance(v, dict)
            and v
            and all(
                _scalar(x) or isinstance(x, list) and len(x) <= 12 and all(_scalar(y) for y in x) for x in v.values()
            )
        ):
            out.append(f"<h4>{esc(key)}</h4>{_kv(v)}")
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            out.append(f"<h4>{esc(key)}</h4>{_table(v)}")
        else:
            size = len(v) if isinstance(v, (dict, list)) else 1
            out.append(
                f'<p class="src"><b>{esc(key)}</b>: nested data ({size} entries), drawn in the figures or kept in the file.</p>'
            )
    return "\n".join(out)


def _torchcheck(rec: Record) -> str:
    rows = []
    for r in rec.get("results"):
        meas = {k: v for k, v in r.get("measured", {}).items() if _scalar(v)}
        shown = "; ".join(f"{k} = {_fmt(v)}" for k, v in list(meas.items())[:5])
        rows.append(
            f"<tr><td><code>{esc(r['id'])}</code></td><td>{esc(', '.join(r.get('claims', [])))}</td>"
            f"<td>{'<span class=mark-ok>passed</span>' if r['passed'] else '<b>FAILED</b>'}</td>"
            f"<td>{esc(r.get('seconds', ''))}</td><td>{esc(shown)}</td></tr>"
        )
    return (
        '<table class="data"><thead><tr><th>check</th><th>claims</th><th>result</th><th>s</th>'
        f"<th>first measured numbers</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def where_label(path: str, line: int, col: int) -> str:
    """Where a literal stands; a seed text (not in the repository) is named by its source's title."""
    from pynum.ledger import SOURCES

    for src in SOURCES:
        if path.endswith("/" + src.seed) or path == src.seed:
            return f"{src.title}, line {line}, column {col}"
    return f"{path}:{line}:{col}"


def _scan_corpus(c: dict[str, Any]) -> str:
    """The corpus block of ``results/scan-corpus.json`` (pynum/scan/corpus.py): precision on others' code."""
    wheels = ", ".join(p["wheel"].split("-")[0] + " " + p["wheel"].split("-")[1] for p in c["packages"])
    rows = "".join(
        f"<tr><td><code>{esc(w['path'])}:{w['line']}</code></td><td><code>{esc(w['literal'])}</code></td>"
        f"<td>{esc(w['constant'])}</td><td>{esc(w['label'])}: {esc(w['why'])}</td></tr>"
        for w in c["wrong"]
    )
    rules = "".join(
        f"<tr><td>{esc(r['rule'])}</td><td>{esc(r['count'])}</td><td>{esc(r['addresses'])}</td></tr>"
        for r in c["rules"]
    )
    return (
        f"<p>Wheels of {esc(wheels)}: {esc(c['megabytes'])} MB, {esc(c['matches'])} literals matched to a "
        f"constant, {esc(len(c['wrong']))} judged wrong ({esc(c['wrong_per_50_mb'])} per 50 MB; target at most "
        f"{esc(c['target_wrong_per_50_mb'])}), {esc(c['false_positives'])} of them false positives (rate "
        f"{esc(c['false_positive_rate'])} over all matches). A wrong literal with no name needs "
        f"{esc(c['chance_digits'])} agreeing digits (chance per literal at most {esc(c['chance_per_literal'])}).</p>"
        + (
            f'<table class="data"><thead><tr><th>where</th><th>literal</th><th>constant</th><th>review</th></tr>'
            f"</thead><tbody>{rows}</tbody></table>"
            if rows
            else ""
        )
        + '<table class="data"><thead><tr><th>rule that keeps a literal from a wrong verdict</th><th>literals</th>'
        f"<th>earlier false positive it answers</th></tr></thead><tbody>{rules}</tbody></table>"
    )


def _scan(rec: Record) -> str:
    """A ``pynum scan`` record: every literal matched to a constant, with its verdict."""
    if rec.has("corpus"):
        return _scan_corpus(rec.get("corpus"))
    summary = rec.get("summary")
    rows = []
    for f in rec.get("files"):
        for m in f["matches"]:
            wrong = m["verdict"] == "wrong"
            rows.append(
                f"<tr><td><code>{esc(where_label(f['path'], m['line'], m['col']))}</code></td>"
                f"<td><code>{esc(m['literal'])}</code></td><td>{esc(m['symbol'])}</td>"
                f"<td>{'<b>' if wrong else ''}{esc(m['summary'])}{'</b>' if wrong else ''}</td></tr>"
            )
    head = (
        f"<p>Command: <code>{esc(rec.get('command'))}</code>. {esc(rec.get('files_scanned'))} files scanned; "
        f"{esc(summary['matches'])} literals matched to a constant, {esc(summary['wrong'])} wrong.</p>"
    )
    return (
        head + '<table class="data"><thead><tr><th>where</th><th>literal</th><th>constant</th>'
        f"<th>verdict</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def records_section(records: dict[str, Record], root: str) -> str:
    """Every record under results/, rendered by its kind."""
    out = ['<section id="records"><h2>Records under results/</h2>']
    for name, rec in records.items():
        meta = {k: rec.data[k] for k in META if k in rec.data and k not in ("kind",)}
        meta_s = "; ".join(f"{k}: {_fmt(v)}" for k, v in meta.items())
        out.append(
            f'<h3 id="rec-{esc(name.split("/")[-1])}"><a href="{root}/{esc(name)}">{esc(name)}</a> '
            f'<span class="seed">kind: {esc(rec.kind)}</span></h3><p class="src">{esc(meta_s)}</p>'
        )
        render = {"torchcheck": _torchcheck, "scan": _scan}.get(rec.kind, _generic)
        out.append(render(rec))
    out.append("</section>")
    return "\n".join(out)


__all__ = ["constants_section", "audit_section", "records_section", "json"]
