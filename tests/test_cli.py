"""The command lines: documented options, refused bad values, one-line errors, quiet closed pipes."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from pynum import cli as pynum_cli
from pynum import cliutil, resources
from pynum.constants.registry import BY_NAME
from torchcheck import cli as torch_cli
from torchcheck.suites import AUDITS, EXPERIMENTS

ROOT = Path(__file__).resolve().parent.parent


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _module_parsers() -> dict[str, argparse.ArgumentParser]:
    """Every parser: pynum's and torchcheck's subcommands, and each audit's and experiment's own."""
    out = {f"pynum {k}": p for k, p in _subparsers(pynum_cli.build_parser()).items()}
    out |= {f"torchcheck {k}": p for k, p in _subparsers(torch_cli.build_parser()).items()}
    return out


@pytest.mark.parametrize("name", sorted(_module_parsers()))
def test_every_option_is_described(name):
    parser = _module_parsers()[name]
    assert parser.description, f"{name} has no description"
    for action in parser._actions:
        if action.dest != "help":
            assert action.help, f"{name}: {action.option_strings or action.dest} has no help"


def test_help_lists_the_valid_names():
    text = {k: p.format_help() for k, p in _module_parsers().items()}
    assert all(n in text["pynum value"] and n in text["pynum cite"] for n in BY_NAME)
    from pynum.ledger import SOURCES

    ranges = ", ".join(f"{s.claims[0].id}..{s.claims[-1].id}" for s in SOURCES)
    assert pynum_cli._claim_ids() == ranges and ranges in " ".join(text["pynum cite"].split())
    assert all(n in text["torchcheck audit"] for n in AUDITS)
    assert all(n in text["torchcheck experiment"] for n in EXPERIMENTS)


@pytest.mark.parametrize(
    "argv",
    [
        ["audit", "--jobs", "0"],
        ["audit", "--jobs", "-3"],
        ["audit", "--jobs", "two"],
        ["check", "--digits", "0"],
        ["value", "PHI", "--digits", "1e3"],
        ["report", "--out", "/nonexistent-folder/report"],
    ],
)
def test_pynum_refuses_bad_options_in_one_line(argv, capsys):
    assert pynum_cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: argument") and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["experiment", "vdi", "--time-budget", "-1"],
        ["experiment", "vdi", "--time-budget", "nan"],
        ["experiment", "vdi", "--max-steps", "0"],
        ["experiment", "resolvent-energy", "--ref-steps", "-10"],
        ["audit", "watkins-nn", "--random-starts", "0"],
        ["run", "--out", "/nonexistent-folder/x.json"],
        ["experiment", "vdi", "--out", "/nonexistent-folder/x.json"],
        ["audit", "nope"],
    ],
)
def test_torchcheck_refuses_bad_options_in_one_line(argv, capsys):
    assert torch_cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1
    assert not Path("/nonexistent-folder").exists()


def test_output_file_does_not_create_folders(tmp_path):
    with pytest.raises(argparse.ArgumentTypeError, match="does not exist"):
        cliutil.output_file(str(tmp_path / "missing" / "x.json"))
    assert not (tmp_path / "missing").exists()
    assert cliutil.output_file(str(tmp_path / "x.json")) == tmp_path / "x.json"
    with pytest.raises(argparse.ArgumentTypeError, match="folder"):
        cliutil.output_file(str(tmp_path))


def test_a_missing_extra_is_named_in_one_line(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "torch", None)  # import torch now fails
    assert torch_cli.main(["run"]) == 2
    assert capsys.readouterr().err.strip() == ("error: torchcheck run needs torch: pip install 'phi-claims[torch]'")
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    assert pynum_cli.main(["report", "--out", "unused"]) == 2
    assert "pip install 'phi-claims[report]'" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["audit"], ["coqgen", "--check"]])
def test_checkout_commands_outside_a_checkout_say_so(argv, monkeypatch, capsys):
    monkeypatch.setattr(resources, "checkout_root", lambda: None)
    assert pynum_cli.main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "source checkout" in err


def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_torchcheck_help_does_not_import_torch():
    out = _python(
        "import sys\nfrom torchcheck.cli import main\ncode = main(['--help'])\n"
        "print('TORCH' if 'torch' in sys.modules else 'NO-TORCH', code)"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[-1] == "NO-TORCH 0"


def test_pynum_help_does_not_import_the_engines():
    out = _python(
        "import sys\nfrom pynum.cli import main\nmain(['cite', '--help'])\n"
        "print(sorted(m for m in ('sympy', 'mpmath', 'torch') if m in sys.modules))"
    )
    assert out.stdout.splitlines()[-1] == "[]", out.stderr


def test_a_closed_pipe_ends_quietly():
    proc = subprocess.Popen(
        [sys.executable, "-m", "pynum", "ledger", "--json"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    proc.stdout.close()  # the reader goes away before the output comes, as `| head` may
    err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert err == "" and proc.returncode in (0, 1)


def test_pytest_config_leaves_the_tally_on():
    import tomllib

    addopts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"].get("addopts", "")
    assert "-q" not in addopts.split(), "make test passes -q; a second one hides the tally"


@pytest.mark.parametrize("prog,main", [("pynum", pynum_cli.main), ("torchcheck", torch_cli.main)])
def test_version_is_the_installed_packages(prog, main, capsys):
    from importlib.metadata import version

    import pynum

    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"{prog} {version('phi-claims')}\n"
    assert version("phi-claims") == pynum.__version__
