"""Values a Python module computes at import from literals: ``TAU_GLOBAL = 1 / M_PHI``.

Only module-level assignments to one name are folded (the module is cut down to those statements
before it is parsed, which keeps a scan fast; a right-hand side may run on over up to
MAX_CONTINUATION lines inside brackets); their right-hand sides may use
numbers, names folded earlier, ``+ - * / // % **``, unary minus and ``math`` functions and
constants (``math.sqrt``, ``math.log``, ``math.pi``, ``from math import sqrt`` ...).  Each is
evaluated in float64 exactly as Python would; anything else leaves the name unknown.  The file
is parsed, never executed.
"""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_MATH_FUNCS: dict[str, Callable[..., float]] = {
    n: getattr(math, n) for n in ("sqrt", "log", "log2", "log10", "exp", "sin", "cos", "tan", "atan", "pow")
}
_MATH_CONSTS = {"pi": math.pi, "e": math.e, "tau": math.tau}
_BINOPS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}


@dataclass(frozen=True)
class Folded:
    """name: the assigned identifier; value: the float64 it holds; source: the right-hand side as
    written; line, col: where the right-hand side starts (1-based); trivial: the right-hand side
    is a bare number or a bare name (a literal the text scan sees, or an alias)."""

    name: str
    value: float
    source: str
    line: int
    col: int
    trivial: bool


class _Unknown(Exception):
    pass


def _eval(node: ast.AST, env: dict[str, float], math_names: dict[str, Any]) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in env:
            return env[node.id]
        if node.id in math_names and not callable(math_names[node.id]):
            return math_names[node.id]
        raise _Unknown
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "math":
        if node.attr in _MATH_CONSTS:
            return _MATH_CONSTS[node.attr]
        raise _Unknown
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        v = _eval(node.operand, env, math_names)
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        a, b = _eval(node.left, env, math_names), _eval(node.right, env, math_names)
        if isinstance(node.op, ast.Pow) and isinstance(b, (int, float)) and abs(b) > 64:
            raise _Unknown
        return _BINOPS[type(node.op)](a, b)
    if isinstance(node, ast.Call) and not node.keywords:
        f = node.func
        fn = None
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "math":
            fn = _MATH_FUNCS.get(f.attr)
        elif isinstance(f, ast.Name) and callable(math_names.get(f.id)):
            fn = math_names[f.id]
        elif isinstance(f, ast.Name) and f.id == "float" and len(node.args) == 1:
            fn = float
        if fn is None:
            raise _Unknown
        return fn(*[_eval(a, env, math_names) for a in node.args])
    raise _Unknown


def _assignments(body: list[ast.stmt]) -> list[tuple[str, ast.expr]]:
    out = []
    for st in body:
        if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name):
            out.append((st.targets[0].id, st.value))
        elif isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name) and st.value is not None:
            out.append((st.target.id, st.value))
        elif isinstance(st, ast.ClassDef):
            out += _assignments(st.body)
    return out


def _segment(lines: list[str], node: ast.expr) -> str:
    """The source text of ``node`` (offsets are UTF-8 byte offsets, as ast gives them)."""
    end_line, end_col = node.end_lineno or node.lineno, node.end_col_offset or 0
    rows = [ln.encode() for ln in lines[node.lineno - 1 : end_line]]
    if not rows:
        return ""
    if len(rows) == 1:
        return rows[0][node.col_offset : end_col].decode(errors="replace")
    rows[0], rows[-1] = rows[0][node.col_offset :], rows[-1][:end_col]
    return b"\n".join(rows).decode(errors="replace")


_TOP = re.compile(r"(?m)^(?:[A-Za-z_]\w*[ \t]*(?::[^=\n]*)?=(?!=)|from[ \t]+math[ \t]+import\b)[^\n]*$")
_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"))


def _complete(text: str) -> bool:
    return not (
        text.rstrip().endswith(("\\", ","))
        or '"""' in text
        or "'''" in text
        or any(text.count(a) != text.count(b) for a, b in _PAIRS)
    )


_NAME = re.compile(r"[A-Za-z_]\w*")
MAX_CONTINUATION = 20  # lines a bracketed right-hand side may run on


def _statement(source: str, m: re.Match[str]) -> str | None:
    """The assignment starting at ``m``, continued over lines until its brackets close (or None)."""
    text = m.group(0)
    end = m.end()
    for _ in range(MAX_CONTINUATION):
        if _complete(text):
            return text
        if text.rstrip().endswith("\\") or '"""' in text or "'''" in text or end >= len(source):
            return None
        nxt = source.find("\n", end + 1)
        nxt = len(source) if nxt < 0 else nxt
        text, end = text + source[end:nxt], nxt
    return None


def top_level_lines(source: str, worth: tuple[str, ...] | None = None) -> str:
    """The module's top-level assignments (and ``from math import``), at their line numbers.

    With ``worth`` (words): only the assignments on lines holding one of them and, found by name,
    those defining what they
    use (a long module is not read statement by statement).
    """
    found: dict[int, str] = {}
    if worth is None:
        heads = [m.start() for m in _TOP.finditer(source)]
    else:
        heads_set = set()
        for word in worth:
            i = source.find(word)
            while i >= 0:
                heads_set.add(source.rfind("\n", 0, i) + 1)
                end = source.find("\n", i)
                i = source.find(word, end) if end >= 0 else -1
        heads = sorted(heads_set)
    for start in heads:
        m = _TOP.match(source, start)
        text = _statement(source, m) if m else None
        if text is not None:
            found[start] = text
    if worth is not None:
        for m in re.finditer(r"(?m)^from[ \t]+math[ \t]+import\b[^\n]*$", source):
            found[m.start()] = m.group(0)
        todo: list[str] = list(found.values())
        seen: set[str] = set()
        while todo:
            for name in set(_NAME.findall(todo.pop().partition("=")[2])) - seen:
                seen.add(name)
                for d in re.finditer(rf"(?m)^{name}[ \t]*(?::[^=\n]*)?=(?!=)", source):
                    top = _TOP.match(source, d.start())
                    text = _statement(source, top) if top else None
                    if d.start() not in found and text is not None:
                        found[d.start()] = text
                        todo.append(text)
    out, line, last = [], 1, 0
    for start in sorted(found):
        line += source.count("\n", last, start)
        last = start
        out.append((line, found[start]))
    rows, at = [], 1
    for n, text in out:
        if n < at:
            continue  # inside the previous statement
        rows.append("\n" * (n - at) + text)
        at = n + text.count("\n")
    return "".join(rows)


def fold(source: str, worth: tuple[str, ...] | None = None) -> list[Folded]:
    """Every foldable single-name top-level assignment of a module, in order (with ``worth``: those
    on lines holding one of its words, and what they use)."""
    source = top_level_lines(source, worth)
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    math_names: dict[str, Any] = {}
    for st in tree.body:
        if isinstance(st, ast.ImportFrom) and st.module == "math":
            for a in st.names:
                obj = _MATH_FUNCS.get(a.name, _MATH_CONSTS.get(a.name))
                if obj is not None:
                    math_names[a.asname or a.name] = obj
    env: dict[str, float] = {}
    out = []
    lines = source.splitlines()
    for name, value in _assignments(tree.body):
        try:
            v = _eval(value, env, math_names)
        except (_Unknown, ArithmeticError, ValueError, TypeError):
            env.pop(name, None)
            continue
        if isinstance(v, complex) or not math.isfinite(v):
            env.pop(name, None)
            continue
        env[name] = float(v)
        trivial = isinstance(value, (ast.Constant, ast.Name)) or (
            isinstance(value, ast.UnaryOp) and isinstance(value.operand, ast.Constant)
        )
        seg = "" if trivial else _segment(lines, value)
        out.append(Folded(name, float(v), " ".join(seg.split()), value.lineno, value.col_offset + 1, trivial))
    return out
