"""What every command line of the project shares: one-line errors, validated options, clean exits.

- ``Parser``: argparse whose usage errors are one line on stderr and exit status 2.
- Option types (``type=`` of ``add_argument``): ``positive_int``, ``nonnegative_int``,
  ``positive_float``, ``int_range(lo, hi)``, ``float_range(lo, hi)``, ``output_file``,
  ``output_dir``, ``existing_file``. Each refuses a bad value with one line naming what is valid;
  ``output_file``/``output_dir`` refuse a missing parent folder rather than create it.
- ``require(module, extra)``: import an optional dependency or fail with one line naming the extra.
- ``run_main(main, argv)``: the entry point wrapper: user errors (``UsageError`` and the project's
  one-line errors) print ``error: ...`` and exit 2, a closed stdout pipe exits quietly with 0.

Importing this module is cheap (no numerics, no torch), so ``--help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import math
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import NoReturn

DIST = "phi-claims"
# Exit status of bad input, of a missing optional dependency, of a command needing the checkout.
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad input or an unmet precondition: reported as one line, exit status 2."""


class MissingDependency(UsageError):
    """An optional dependency is not installed; the message names the extra that provides it."""


class HelpFormatter(argparse.HelpFormatter):
    """Help that adds "(default: X)" to options with a meaningful default (not None, False or [])."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        default = action.default
        if (
            action.option_strings
            and default not in (None, False, [], argparse.SUPPRESS)
            and "%(default)" not in text
            and "default" not in text
        ):
            text += " (default: %(default)s)"
        return text


class Parser(argparse.ArgumentParser):
    """argparse with usage errors as one line and exit status 2; help shows defaults."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be an integer, got {text!r}") from None


def _float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, got {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be a finite number, got {text!r}")
    return value


def int_range(lo: int, hi: int | None = None) -> Callable[[str], int]:
    """An option type accepting integers lo <= n (<= hi when given)."""

    def parse(text: str) -> int:
        value = integer(text)
        if value < lo or (hi is not None and value > hi):
            span = f"from {lo:,} to {hi:,}" if hi is not None else f"at least {lo:,}"
            raise argparse.ArgumentTypeError(f"must be an integer {span}, got {text!r}")
        return value

    parse.__name__ = "integer"
    return parse


def float_range(
    lo: float, hi: float | None = None, *, lo_open: bool = False, hi_open: bool = False
) -> Callable[[str], float]:
    """An option type accepting finite numbers lo <= x <= hi (strict at an open end; no upper
    bound when hi is None)."""

    def parse(text: str) -> float:
        value = _float(text)
        below = value < lo or (lo_open and value == lo)
        above = hi is not None and (value > hi or (hi_open and value == hi))
        if below or above:
            low = f"greater than {lo:g}" if lo_open else f"at least {lo:g}"
            span = low if hi is None else f"{low} and {'less than' if hi_open else 'at most'} {hi:g}"
            raise argparse.ArgumentTypeError(f"must be a number {span}, got {text!r}")
        return value

    parse.__name__ = "number"
    return parse


positive_int = int_range(1)
nonnegative_int = int_range(0)
positive_float = float_range(0.0, lo_open=True)


def output_file(text: str) -> Path:
    """A file to write: its folder must exist (it is not created) and it must not be a folder."""
    path = Path(text).expanduser()
    if not text or path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a folder, not a file to write")
    parent = path.parent
    if not parent.is_dir():
        raise argparse.ArgumentTypeError(f"folder {str(parent)!r} does not exist (it is not created)")
    if not os.access(parent, os.W_OK):
        raise argparse.ArgumentTypeError(f"folder {str(parent)!r} is not writable")
    return path


def output_dir(text: str) -> Path:
    """A folder to write into: created if missing, but its parent folder must exist."""
    path = Path(text).expanduser()
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} exists and is not a folder")
    if not path.exists() and not path.parent.is_dir():
        raise argparse.ArgumentTypeError(f"folder {str(path.parent)!r} does not exist (it is not created)")
    return path


def existing_file(text: str) -> Path:
    """A file to read: it must exist."""
    path = Path(text).expanduser()
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"no such file: {text!r}")
    return path


def require(module: str, extra: str, what: str = "") -> ModuleType:
    """Import optional ``module`` or raise MissingDependency naming ``pip install 'phi-claims[extra]'``."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] != module.split(".")[0]:
            raise
        need = f"{what} needs {module}" if what else f"{module} is not installed"
        raise MissingDependency(f"{need}: pip install '{DIST}[{extra}]'") from None


def names_list(names: Iterable[str]) -> str:
    """``a, b, c`` for help texts and error messages."""
    return ", ".join(names)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail on a closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _caught(user_errors: tuple[type[BaseException], ...]) -> tuple[type[BaseException], ...]:
    """The exceptions that are a user's mistake: one line and exit status 2."""
    from .resources import MissingData, NeedsCheckout

    return (UsageError, MissingData, NeedsCheckout, *user_errors)


def run_main(
    main: Callable[[list[str] | None], int],
    argv: list[str] | None = None,
    user_errors: tuple[type[BaseException], ...] = (),
) -> int:
    """Run ``main(argv)`` and return its exit status: one-line errors with status 2 for
    ``UsageError``, the project's missing-data and needs-checkout errors and ``user_errors``; a
    reader that closed the pipe ends it quietly; argparse's exits become the returned status."""
    try:
        code = main(argv)
        sys.stdout.flush()
        return int(code or 0)
    except SystemExit as exc:  # argparse: --help (0) or a usage error already printed (2)
        _quiet_flush()
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except BrokenPipeError:  # the reader had what it wanted (``| head``): not a failure
        _quiet_stdout()
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except _caught(user_errors) as exc:
        _quiet_flush()
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _quiet_flush() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
