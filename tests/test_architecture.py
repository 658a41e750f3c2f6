"""The package map in README.md's "Architecture" section is the code's: every subpackage listed
exists, every existing one is listed, each imports only what its row allows, no import cycles,
no module over the size limit, and proofs and numbers never import torch."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("pynum", "torchcheck")
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    """Every module of the project's packages, by dotted name (``pkg/__init__.py`` is ``pkg``)."""
    out = {}
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
            out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Dotted names a module imports (anywhere in it, lazy imports included), resolved."""
    is_pkg = path.name == "__init__.py"
    package = name if is_pkg else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            found.add(mod)
            found.update(f"{mod}.{a.name}" for a in node.names if f"{mod}.{a.name}" in MODULES)
    return found


IMPORTS = {name: _imports(name, path) for name, path in MODULES.items()}


def _architecture_rows() -> dict[str, tuple[str, ...]]:
    """README's Architecture table: package -> the packages it may import."""
    text = (ROOT / "README.md").read_text()
    m = re.search(r"^## Architecture\n(.*?)(?=^## )", text, re.M | re.S)
    assert m, "README.md has no '## Architecture' section"
    rows = {}
    for line in m.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            allowed = tuple(re.findall(r"`([\w.]+)`", cells[2]))
            rows[cells[0].strip("`")] = allowed
    assert rows, "the Architecture section has no package rows"
    return rows


ROWS = _architecture_rows()


def _owner(module: str) -> str:
    """The row a module belongs to: its deepest listed package (a top-level module: its package)."""
    best = ""
    for pkg in ROWS:
        if (module == pkg or module.startswith(pkg + ".")) and len(pkg) > len(best):
            best = pkg
    return best


def test_every_subpackage_is_in_the_map_and_every_listed_one_exists():
    subpackages = {n for n, p in MODULES.items() if p.name == "__init__.py"}
    assert set(ROWS) == subpackages, (
        f"listed but missing: {sorted(set(ROWS) - subpackages)}; "
        f"existing but not listed: {sorted(subpackages - set(ROWS))}"
    )


def test_the_wheel_ships_every_subpackage():
    listed = re.search(r"^packages = \[(.*?)\]", (ROOT / "pyproject.toml").read_text(), re.M | re.S)
    assert listed
    shipped = set(re.findall(r'"([\w.]+)"', listed.group(1)))
    missing = sorted(n for n, p in MODULES.items() if p.name == "__init__.py" and n not in shipped)
    assert not missing, f"pyproject.toml's packages lack {missing}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_each_module_imports_only_what_its_package_may(module):
    owner = _owner(module)
    allowed = (owner, *ROWS[owner])
    bad = sorted(
        imp
        for imp in IMPORTS[module]
        if imp.split(".")[0] in PACKAGES
        and not any(imp == a or imp.startswith(a + ".") for a in allowed)
        # a package's __init__ may be imported by its subpackages (pynum.__version__)
        and not (imp in ROWS and owner.startswith(imp + "."))
    )
    assert not bad, f"{module} ({owner}) imports {bad}; README allows {allowed}"


def test_numbers_and_proofs_never_import_torch():
    bad = sorted(
        m
        for m in MODULES
        if m.startswith("pynum") and any(i == "torch" or i.startswith(("torch.", "torchcheck")) for i in IMPORTS[m])
    )
    assert not bad, f"pynum modules importing torch or torchcheck: {bad}"


def test_no_import_cycles():
    graph = {m: {i for i in IMPORTS[m] if i in MODULES and i != m} for m in MODULES}
    # a package's __init__ importing its own submodules lazily is a parent-child edge, not a cycle
    for m in graph:
        graph[m] = {i for i in graph[m] if not (i.startswith(m + ".") and MODULES[m].name == "__init__.py")}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt) :] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert not cycles, f"import cycles: {cycles[:5]}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_over_the_size_limit(module):
    n = len(MODULES[module].read_text().splitlines())
    assert n <= MAX_LINES, f"{MODULES[module].relative_to(ROOT)} has {n} lines (limit {MAX_LINES})"
