"""The README's five-minute tour shows what the commands print: each ``$ python -m pynum ...`` line
with output under it is run, and every output line shown must be a line the command prints, in
order, with the exit status the comment states."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tour() -> list[tuple[str, list[str]]]:
    """(command line, output lines shown) for every shell line of the tour's code blocks."""
    text = (ROOT / "README.md").read_text()
    m = re.search(r"^## Five minutes\n(.*?)(?=^## )", text, re.M | re.S)
    assert m, "README.md has no '## Five minutes' section"
    steps: list[tuple[str, list[str]]] = []
    for block in re.findall(r"^```\n(.*?)^```", m.group(1), re.M | re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif steps:
                steps[-1][1].append(line)
    return steps


STEPS = _tour()


def test_the_tour_shows_proving_refuting_and_scanning():
    commands = [c for c, _ in STEPS]
    assert any("pynum certify" in c and "exit 1" not in c for c in commands)
    assert any("pynum certify" in c and "exit 1" in c for c in commands)
    assert any("pynum scan" in c for c in commands) and any("torchcheck stability" in c for c in commands)


@pytest.mark.parametrize("i", [i for i, (c, out) in enumerate(STEPS) if c.startswith("python -m pynum") and out])
def test_the_tour_output_is_what_the_command_prints(i, tmp_path):
    (tmp_path / "src").mkdir()
    for command, _ in STEPS[:i]:  # the tour's earlier shell steps that make its inputs
        if command.startswith("printf "):
            subprocess.run(command, shell=True, cwd=tmp_path, check=True)
    command, shown = STEPS[i]
    line = command.split("#")[0].strip().replace("python", sys.executable, 1)
    extra = " --out build-certify" if " certify " in line else ""
    run = subprocess.run(
        line + extra,
        shell=True,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)},
    )
    want = int(m.group(1)) if (m := re.search(r"#\s*exit (\d)", command)) else 0
    assert run.returncode == want, (command, run.returncode, run.stderr[-500:])
    printed = run.stdout.splitlines()
    pos = 0
    for expected in shown:
        assert expected in printed[pos:], f"{command!r} does not print {expected!r}:\n{run.stdout}"
        pos = printed.index(expected, pos) + 1
