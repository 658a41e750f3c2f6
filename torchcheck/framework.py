"""The check framework: a check is a named function of a run context returning measurements.

torch is imported inside the functions that use it, so the command line can load this module
(``InputError``, ``SIZES``, ``write_record``) without it.
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import torch

SIZES = ("small", "full")


class InputError(ValueError):
    """Bad input to a layer or a check: reported as one line, never a traceback."""


def on_terminal() -> bool:
    """Whether stderr is a terminal: progress bars only there, never in a redirected log."""
    import sys

    return sys.stderr.isatty()


@dataclass
class RunContext:
    """Where and how big a run is.

    size "small" is what CI runs on CPU; "full" is the realistic GPU size.
    """

    device: torch.device
    size: str = "small"
    seed: int = 1597
    progress: bool = True

    @property
    def full(self) -> bool:
        return self.size == "full"

    def pick(self, small: Any, full: Any) -> Any:
        """``full`` at full size, else ``small``."""
        return full if self.full else small

    def bar(self, iterable: Iterable, desc: str, total: int | None = None) -> Iterable:
        """A progress bar (tqdm, on stderr) when progress is on and stderr is a terminal."""
        if not (self.progress and on_terminal()):
            return iterable
        from tqdm import tqdm

        return tqdm(iterable, desc=desc, total=total, leave=False)

    def sync(self) -> None:
        if self.device.type == "cuda":
            import torch

            torch.cuda.synchronize(self.device)


@dataclass(frozen=True)
class Check:
    """A check settles part of one or more claims; ``fn`` returns a dict with ``passed``.

    Which claims a check backs is written once, in the claims ledger (each claim's ``checks``);
    ``claims`` reads it from there.
    """

    id: str
    description: str
    fn: Callable[[RunContext], dict[str, Any]]

    @property
    def claims(self) -> tuple[str, ...]:
        from pynum.ledger import claims_citing_check

        return claims_citing_check(self.id)


@dataclass
class CheckResult:
    id: str
    claims: tuple[str, ...]
    description: str
    passed: bool
    seconds: float
    measured: dict[str, Any] = field(default_factory=dict)
    error: str = ""


def expect_input_errors(cases: dict[str, Callable[[], Any]]) -> tuple[dict[str, str], bool]:
    """Call each bad-input case; record its one-line InputError message (or that it was accepted).

    ``ok`` is True when every case raised an InputError with a non-empty, single-line message.
    """
    out: dict[str, str] = {}
    ok = True
    for name, fn in cases.items():
        try:
            fn()
        except InputError as exc:
            msg = str(exc)
            out[name] = msg
            ok = ok and bool(msg) and "\n" not in msg
        else:
            out[name] = "accepted (no InputError)"
            ok = False
    return out, ok


def write_record(record: dict[str, Any], path: str | Path, indent: int = 2) -> None:
    """Write a JSON record and say where, on stderr; a missing folder is an InputError (not created)."""
    import json
    import sys
    import time

    path = Path(path)
    if not path.parent.is_dir():
        raise InputError(f"folder {str(path.parent)!r} does not exist (it is not created)")
    # when the record was made (UTC): the report takes a check's status from the newest record
    record.setdefault("created", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    path.write_text(json.dumps(record, indent=indent, default=str) + "\n")
    print(f"wrote {path}", file=sys.stderr)


def device_name(device: torch.device) -> str:
    """Human-readable name of the device a run used."""
    if device.type == "cuda":
        import torch

        return torch.cuda.get_device_name(device)
    return f"CPU ({platform.processor() or platform.machine()})"


def run_check(check: Check, ctx: RunContext) -> CheckResult:
    """Run one check; an InputError or failed assertion becomes a failed result, not a crash."""
    import torch

    torch.manual_seed(ctx.seed)
    t0 = time.perf_counter()
    try:
        measured = check.fn(ctx)
        ctx.sync()
        passed = bool(measured.pop("passed"))
        err = ""
    except (InputError, AssertionError) as exc:
        measured, passed, err = {}, False, f"{type(exc).__name__}: {exc}"
    return CheckResult(
        check.id, check.claims, check.description, passed, round(time.perf_counter() - t0, 4), measured, err
    )
