"""What the audit reads in the Coq and Lean sources, before anything is compiled.

The source scan refuses, outside comments and strings: ``Admitted``, ``admit``, ``give_up``,
``Axiom``, ``Parameter``, ``Conjecture``, and every command that changes the kernel's typing
flags or brings in unchecked code (``FLAG_SWITCHES``, ``UNCHECKED_CODE``), unless its flag is in
``ALLOWED_FLAGS`` (empty: none is allowed). Lean: ``sorry``, ``axiom``, ``native_decide``, ``admit``.
"""

from __future__ import annotations

import re
from pathlib import Path

from .project import COQ, LEAN, LIBRARY

FORBIDDEN_COQ = ("Admitted", "admit", "give_up", "Axiom", "Axioms", "Parameter", "Parameters", "Conjecture")
# Commands that change a typing flag of the kernel, by the flag they change.
FLAG_SWITCHES = (
    (r"\b(Unset|Set)\s+Guard\s+Checking\b", "guard checking"),
    (r"\b(Unset|Set)\s+Positivity\s+Checking\b", "positivity checking"),
    (r"\b(Unset|Set)\s+Universe\s+Checking\b", "universe checking"),
    (r"\bbypass_check\b", "bypass_check (guard, positivity or universe checking)"),
    (r"\b(Set|Unset)\s+Definitional\s+UIP\b", "definitional UIP"),
    (r"\b(Set|Unset)\s+Cumulative\s+StrictProp\b", "cumulative StrictProp"),
    (r"\b(Set|Unset)\s+Allow\s+StrictProp\b", "StrictProp allowed"),
    (r"\bTyping\s+Flags\b", "the kernel's typing flags"),
)
# Typing flags a project may change (none); a change to any other fails the audit by its name.
ALLOWED_FLAGS: frozenset[str] = frozenset()
UNCHECKED_CODE = (
    (r"\bDeclare\s+ML\s+Module\b", "an OCaml plugin loaded by the project"),
    (r"\bExtract\b", "an extraction directive"),
    (r"\bRegister\b", "a Register directive"),
    (r"\bPrimitive\b", "a primitive declared by the project"),
    (r"\bAdd\s+(Rec\s+)?(ML\s+)?LoadPath\b", "a load path added by the project"),
    (r"(?m)^\s*Load\b", "a file loaded outside _CoqProject"),
)
FORBIDDEN_LEAN = ("sorry", "axiom", "native_decide", "admit")
_REQUIRE = re.compile(
    r"(?:\bFrom\s+([\w.']+)\s+)?\bRequire\s+(?:(?:Import|Export)\s+)?((?:[\w.']+\s+)*?[\w.']+)\s*\.(?=\s|$)"
)


def strip_coq_comments(text: str) -> str:
    """Coq source with (nested) comments and string literals blanked, newlines kept.

    As in Coq's lexer, a string inside a comment is lexed as a string: a ``*)`` inside it does
    not close the comment. A doubled quote ``""`` inside a string is an escaped quote.
    """
    out, depth, i, in_string = [], 0, 0, False
    blank = lambda ch: "\n" if ch == "\n" else " "  # noqa: E731
    while i < len(text):
        two = text[i : i + 2]
        if in_string:
            if two == '""':
                out.append("  ")
                i += 2
                continue
            if text[i] == '"':
                in_string = False
            out.append(blank(text[i]))
            i += 1
        elif text[i] == '"':
            in_string = True
            out.append(" ")
            i += 1
        elif two == "(*":
            depth += 1
            out.append("  ")
            i += 2
        elif two == "*)" and depth:
            depth -= 1
            out.append("  ")
            i += 2
        else:
            out.append(blank(text[i]) if depth else text[i])
            i += 1
    return "".join(out)


def strip_lean_comments(text: str) -> str:
    """Lean source with ``--`` line comments and (nested) ``/- -/`` block comments removed."""
    text = re.sub(r"/-.*?-/", " ", text, flags=re.S)
    return re.sub(r"--[^\n]*", "", text)


def coq_sources(coq_dir: Path = COQ) -> list[Path]:
    """Every ``.v`` file under ``coq_dir``, subfolders included."""
    return sorted(coq_dir.rglob("*.v"))


def forbidden_in_coq(coq_dir: Path = COQ, files: list[Path] | None = None) -> list[str]:
    """``file:line: word`` for each forbidden keyword, typing-flag change (``(typing flag: ...)``)
    or way to bring in unchecked code, in ``files`` (default: every ``.v`` under ``coq_dir``)."""
    pat = re.compile(r"\b(" + "|".join(FORBIDDEN_COQ) + r")\b")
    switches = [(s, f"typing flag: {w}") for s, w in FLAG_SWITCHES if w not in ALLOWED_FLAGS] + list(UNCHECKED_CODE)
    hits = []
    for path in files if files is not None else coq_sources(coq_dir):
        code = strip_coq_comments(path.read_text())
        rel = path.relative_to(coq_dir)
        for no, line in enumerate(code.splitlines(), 1):
            for m in pat.finditer(line):
                hits.append(f"{rel}:{no}: {m.group(1)}")
        for switch, what in switches:
            for m in re.finditer(switch, code):
                no = code.count("\n", 0, m.start()) + 1
                hits.append(f"{rel}:{no}: {' '.join(m.group(0).split())} ({what})")
    return hits


def requires(path: Path) -> list[tuple[str, str]]:
    """``(From prefix or "", required name)`` for each module a Coq source ``Require``s (comments
    and strings blanked): ``From Interval Require Import Tactic`` gives ``("Interval", "Tactic")``."""
    code = strip_coq_comments(path.read_text()) if path.exists() else ""
    return [(frm, name) for frm, names in _REQUIRE.findall(code) for name in names.split()]


def project_option_problems(project: Path, library: str = LIBRARY) -> list[str]:
    """``_CoqProject`` options other than the one ``-R . <library>`` mapping and warning flags
    (another mapping or an ``-arg`` could bring in or alter code the audit does not see)."""
    problems, mappings = [], 0
    for line in project.read_text().splitlines():
        opt = line.strip()
        if not opt or opt.endswith(".v") or opt.startswith("#"):
            continue
        if opt == f"-R . {library}":
            mappings += 1
        elif not re.fullmatch(r"(-arg\s+-w\s+-arg\s+[-+]?[\w,-]+\s*)+", opt):
            problems.append(f"{project.name}: option not allowed: {opt}")
    if mappings != 1:
        problems.append(f"{project.name}: needs exactly one '-R . {library}' mapping")
    return problems


def required_libraries(coq_dir: Path, library: str, modules: list[str]) -> dict[str, frozenset[str]]:
    """For each project module (logical name), the outside libraries it ``Require``s, itself or
    through the project modules it requires (by the first component of their logical names:
    ``From Interval Require Import Tactic`` gives ``Interval``).

    Read from the sources with comments and strings blanked; it decides only how the kernel checks
    are grouped and which theorems Print Assumptions walks, never whether a module is checked."""
    direct: dict[str, tuple[set[str], set[str]]] = {}
    for m in modules:
        path = coq_dir.joinpath(*m.split(".")).with_suffix(".v")
        outside, inside = set(), set()
        for frm, name in requires(path):
            full = f"{frm}.{name}" if frm else name
            head, _, rest = full.partition(".")
            if head == library and rest:
                inside.add(rest)
            elif not frm and full in modules:
                inside.add(full)
            else:
                outside.add(head)
        direct[m] = (outside, inside)
    closed: dict[str, frozenset[str]] = {}

    def close(m: str, seen: frozenset[str] = frozenset()) -> frozenset[str]:
        if m not in closed:
            outside, inside = direct.get(m, (set(), set()))
            libs = set(outside)
            for dep in inside - seen - {m}:
                libs |= close(dep, seen | {m})
            closed[m] = frozenset(libs)
        return closed[m]

    return {m: close(m) for m in modules}


def forbidden_in_lean(lean_dir: Path = LEAN) -> list[str]:
    """``file:line: word`` for each forbidden keyword in the Lean sources."""
    pat = re.compile(r"\b(" + "|".join(FORBIDDEN_LEAN) + r")\b")
    hits = []
    for path in sorted(lean_dir.rglob("*.lean")) if lean_dir.exists() else []:
        for no, line in enumerate(strip_lean_comments(path.read_text()).splitlines(), 1):
            for m in pat.finditer(line):
                hits.append(f"{path.name}:{no}: {m.group(1)}")
    return hits
