"""The installed package answers like the checkout: a wheel built here, in a fresh venv, run elsewhere.

The wheel is built without network (``--no-build-isolation``, with the setuptools of the
development environment) from a copy of the sources, installed without its dependencies into a new
venv, and that venv sees the development environment's third-party packages through a path file
(not the development install of phi-claims itself). Each command then runs from an empty temporary
folder and must print what the same command prints in the checkout.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Not copied into the build: version control, environments, build outputs, compiled Coq.
IGNORED = (
    ".git",
    ".venv",
    "build",
    "*.egg-info",
    ".lake",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    "*.vo",
    "*.vok",
    "*.vos",
    "*.glob",
    ".*.aux",
    "*.cache",
    "CoqMakefile*",
    ".whl",
    ".gl",
)


def _run(
    cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 300
) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed; returns its bin folder."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(*IGNORED))
    try:
        import setuptools  # noqa: F401
    except ModuleNotFoundError:
        pytest.fail("setuptools is not installed: 'make setup' installs it with the [dev] extra")
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            str(tmp / "dist"),
            str(src),
        ],
        cwd=tmp,
    )
    wheel = next((tmp / "dist").glob("phi_claims-*.whl"))
    _run([sys.executable, "-m", "venv", "--without-pip", str(tmp / "venv")], cwd=tmp)
    python = tmp / "venv" / "bin" / "python"
    _run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        cwd=tmp,
    )
    site = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp).stdout.strip()
    )
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "phi_claims_test_deps.pth").write_text("\n".join(sorted(deps)) + "\n")
    return tmp / "venv" / "bin"


@pytest.fixture()
def elsewhere(tmp_path) -> tuple[Path, dict[str, str]]:
    """An empty working folder and an environment without PYTHONPATH."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    return tmp_path, env


def installed(venv: Path, elsewhere, *args: str) -> str:
    cwd, env = elsewhere
    return _run([str(venv / args[0]), *args[1:]], cwd=cwd, env=env).stdout


def in_checkout(*args: str) -> str:
    return _run([sys.executable, "-m", *args], cwd=ROOT).stdout


def test_the_installed_package_is_not_the_checkout(venv, elsewhere):
    out = installed(
        venv,
        elsewhere,
        "python",
        "-c",
        "import pynum, pynum.resources as r; print(pynum.__file__); print(r.checkout_root())",
    )
    where, root = out.splitlines()
    assert Path(where).is_relative_to(venv.parent) and root == "None"


def test_it_ships_the_records_citation_coq_sources_and_ledger(venv, elsewhere):
    code = (
        "from pynum import resources as r; from importlib.resources import files\n"
        "print(r.record_names()); print(sorted(p.name for p in (r.data_root() / 'coq').iterdir()))\n"
        "print(sorted(p.name for p in files('pynum.ledger').iterdir() if p.name.endswith('.toml')))"
    )
    records, coq, ledger = installed(venv, elsewhere, "python", "-c", code).splitlines()
    assert eval(records) == sorted(p.name for p in (ROOT / "results").glob("*.json"))
    assert set(eval(coq)) >= {p.name for p in (ROOT / "coq").glob("*.v")} | {"_CoqProject"}
    assert eval(ledger) == sorted(p.name for p in (ROOT / "pynum" / "ledger").glob("*.toml"))


def test_value(venv, elsewhere):
    assert installed(venv, elsewhere, "pynum", "value", "T_STAR", "--digits", "40") == in_checkout(
        "pynum", "value", "T_STAR", "--digits", "40"
    )


def test_version(venv, elsewhere):
    version = installed(
        venv, elsewhere, "python", "-c", "from importlib.metadata import version; print(version('phi-claims'))"
    ).strip()
    assert version == _cff_fields()[2]
    for prog in ("pynum", "torchcheck"):
        assert installed(venv, elsewhere, prog, "--version") == f"{prog} {version}\n"


def _cff_fields() -> tuple[str, str, str]:
    text = (ROOT / "CITATION.cff").read_text()

    def field(pattern: str) -> str:
        m = re.search(pattern, text, re.M)
        assert m is not None, f"CITATION.cff has no line matching {pattern}"
        return m.group(1)

    author = field(r"^authors:\s*\n\s*-\s*name:\s*\"([^\"]+)\"")
    version = field(r"^version:\s*\"?([^\"\n]+)")
    year = field(r"^date-released:\s*\"?(\d{4})")
    return author, year, version


@pytest.mark.parametrize("fmt", ["text", "bibtex", "cff"])
@pytest.mark.parametrize("what", [["T_STAR"], ["--claim", "W6"]])
def test_cite(venv, elsewhere, fmt, what):
    out = installed(venv, elsewhere, "pynum", "cite", *what, "--format", fmt)
    assert out == in_checkout("pynum", "cite", *what, "--format", fmt)
    author, year, version = _cff_fields()
    if fmt == "bibtex":
        for field, value in (
            ("author", "{{" + author + "}}"),
            ("year", "{" + year + "}"),
            ("version", "{" + version + "}"),
        ):
            assert re.search(rf"^  {field} += {re.escape(value)},$", out, re.M), field
    elif fmt == "cff":
        assert f'  - name: "{author}"' in out and f'version: "{version}"' in out
        assert re.search(rf'^date-released: "{year}-\d\d-\d\d"$', out, re.M)
    else:
        assert re.search(rf"cite as +{re.escape(author)}, .*version {re.escape(version)}, {year}-", out)


def test_ledger_json(venv, elsewhere):
    assert json.loads(installed(venv, elsewhere, "pynum", "ledger", "--json")) == json.loads(
        in_checkout("pynum", "ledger", "--json")
    )


def test_check(venv, elsewhere):
    wheel = json.loads(installed(venv, elsewhere, "pynum", "check", "--digits", "30", "--json"))
    here = json.loads(in_checkout("pynum", "check", "--digits", "30", "--json"))

    def untimed(rows):  # each constant's timing differs run to run
        return [{k: v for k, v in r.items() if k != "seconds"} for r in rows]

    assert wheel["ok"] and untimed(wheel["constants"]) == untimed(here["constants"])


def test_commands_that_need_the_checkout_say_so(venv, elsewhere):
    cwd, env = elsewhere
    for args in (["audit"], ["coqgen", "--check"]):
        proc = subprocess.run([str(venv / "pynum"), *args], cwd=cwd, env=env, capture_output=True, text=True)
        assert proc.returncode == 2 and proc.stdout == ""
        assert len(proc.stderr.strip().splitlines()) == 1 and "source checkout" in proc.stderr


def test_torchcheck_script_answers_help(venv, elsewhere):
    assert "watkins-nn" in installed(venv, elsewhere, "torchcheck", "audit", "--help")
