"""The report renders in headless Chromium with every claim ID and every plot."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pynum.ledger import LEDGER
from pynum.report import write_report

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "report"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def report():
    return write_report(OUT)


@pytest.fixture(scope="module")
def chromium():
    exe = shutil.which("chromium")
    assert exe, "chromium not found: 'make setup' installs Debian's chromium"
    return exe


def _chromium(exe: str, tmp: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}", *args],
                          capture_output=True, text=True, timeout=120)


def test_markdown_has_every_claim_and_constant(report):
    md = report["markdown"].read_text()
    for c in LEDGER:
        assert f"| {c.id} |" in md
    assert "| T_STAR | 1.37780183147339976861679026082 |" in md
    assert "## Proof audit" in md


def test_html_is_self_contained(report):
    text = report["html"].read_text()
    assert not re.search(r"""(src|href)=["']https?://""", text)
    assert text.count("data:image/png;base64,") == 4


def test_chromium_renders_every_claim_and_plot(report, chromium, tmp_path):
    url = report["html"].resolve().as_uri()
    dom = _chromium(chromium, tmp_path / "a", "--dump-dom", url).stdout
    text = re.sub(r"<[^>]+>", " ", dom)
    for c in LEDGER:
        assert re.search(rf"\b{c.id}\b", text), c.id
    for pid in ("plot-euler-region", "plot-simplex", "plot-free-energy", "plot-contraction"):
        m = re.search(rf'<figure id="{pid}"><img [^>]*data-rendered="(\w+)"', dom)
        assert m and m.group(1) == "yes", f"{pid} did not render"
    shot = OUT / "screenshot.png"
    _chromium(chromium, tmp_path / "b", f"--screenshot={shot}", "--window-size=1400,2400", url)
    assert shot.exists() and shot.stat().st_size > 10_000


def test_evidence_files_are_linked(report):
    text = report["html"].read_text()
    for path in ("coq/PhiBasics.v", "coq/Enclosures.v", "results/watkins-audit.json"):
        assert f'<a href="../../{path}">{path}</a>' in text
        assert (ROOT / path).exists()


def test_links_resolve_from_any_output_folder(tmp_path):
    """Written elsewhere, the report still links to the checkout's files, relative to itself."""
    out = tmp_path / "elsewhere"
    text = write_report(out)["html"].read_text()
    hrefs = re.findall(r'<a href="([^"]+)">((?:coq|results)/[^<]+)</a>', text)
    assert {name for _h, name in hrefs} >= {"coq/PhiBasics.v", "results/watkins-audit.json"}
    for href, name in hrefs:
        assert (out / href).resolve() == (ROOT / name).resolve(), name
