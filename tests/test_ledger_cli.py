"""``pynum ledger``: one claim by ID, a closed pipe, lines wrapped for a terminal."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from pynum.cli import main
from pynum.ledger import BY_ID, LEDGER, render, text

ROOT = Path(__file__).resolve().parent.parent


def _pynum(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pynum", *args], cwd=ROOT, capture_output=True, text=True, timeout=300, env=env
    )


def test_one_claim_by_id_shows_it_in_full(capsys):
    assert main(["ledger", "w7"]) == 0
    out = capsys.readouterr().out
    c = BY_ID["W7"]
    assert out.startswith("W7 refuted: ")
    flat = " ".join(out.split())
    for part in (c.finding, render.reading(c), render.objection(c)["raised"], render.objection(c)["answer"]):
        assert " ".join(part.split()) in flat
    assert "objection considered:" in out and "decided by:" in out
    assert "W8 " not in out.splitlines()[0]


def test_one_claim_as_json(capsys):
    assert main(["ledger", "V3", "--json"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["id"] == "V3" and row["verdict"] == "not-checkable" and row["objection"]["decided_by"]


def test_an_unknown_id_is_one_line_and_exit_2():
    out = _pynum("ledger", "W99")
    assert out.returncode == 2
    assert out.stdout == "" and len(out.stderr.strip().splitlines()) == 1
    assert "unknown claim 'W99'" in out.stderr and "Traceback" not in out.stderr


class _ClosedPipe(io.TextIOBase):
    """A stdout whose reader has gone away, as after ``| head -1``."""

    def write(self, s: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_exits_0(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(["ledger"]) == 0


def test_ledger_into_head_exits_0():
    out = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"'{sys.executable}' -m pynum ledger | head -1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0 and out.stderr == ""
    assert out.stdout.startswith("W1 ")


def test_lines_are_wrapped_to_100_columns_when_not_a_terminal():
    out = _pynum("ledger")
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert len(lines) > 2 * len(LEDGER)
    # a longer line is a single word that cannot be broken (a path or a theorem name)
    for line in lines:
        assert len(line) <= text.DEFAULT_WIDTH or len(line.split()[-1]) > text.DEFAULT_WIDTH // 3, line
    assert max(len(line) for line in lines) <= text.DEFAULT_WIDTH + 10
    # wrapping keeps every word of every reading
    flat = " ".join(out.stdout.split())
    for c in LEDGER:
        assert " ".join(render.reading(c).split()) in flat, c.id


def test_wrapping_follows_the_width():
    c = BY_ID["E8"]
    for width in (60, 100, 160):
        lines = text.claim_detail(c, width)
        assert all(len(line) <= width or max(map(len, line.split())) > width // 2 for line in lines), width
    assert len(text.claim_detail(c, 60)) > len(text.claim_detail(c, 160))
