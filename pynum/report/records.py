"""The committed records the report reads (results/*.json), loaded strictly.

A record that does not parse, or lacks a field a figure or a status needs, is an error that
names the file and the field: the report never skips it or draws something else instead.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class RecordError(ValueError):
    """A committed record that cannot be read, or lacks a field the report needs."""


@dataclass(frozen=True)
class Record:
    """One JSON record: ``name`` is its path relative to the repository root (results/X.json)."""

    name: str
    data: Any

    def get(self, *path: str | int) -> Any:
        """The value at ``path`` (keys and list indices); RecordError naming the file if absent."""
        node = self.data
        for i, key in enumerate(path):
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                where = "/".join(str(k) for k in path[: i + 1])
                raise RecordError(f"{self.name}: missing field {where}") from None
        return node

    def has(self, *path: str | int) -> bool:
        """Whether ``path`` exists in the record."""
        try:
            self.get(*path)
        except RecordError:
            return False
        return True

    @property
    def kind(self) -> str:
        """What produced the record: its ``kind``, ``experiment`` or ``package`` field,
        ``torchcheck`` for a ``torchcheck run`` record (a list of check results), or ``scan`` for a
        ``pynum scan --json`` record (schema ``pynum-scan/N``)."""
        if not isinstance(self.data, dict):
            raise RecordError(f"{self.name}: a record is a JSON object, found {type(self.data).__name__}")
        for key in ("kind", "experiment", "package"):
            if isinstance(self.data.get(key), str):
                return self.data[key]
        if isinstance(self.data.get("results"), list):
            return "torchcheck"
        if str(self.data.get("schema", "")).startswith("pynum-scan/"):
            return "scan"
        raise RecordError(
            f"{self.name}: no 'kind', 'experiment', 'package' or scan 'schema' field and no check results"
        )


def load_records(results_dir: Path) -> dict[str, Record]:
    """Every results/*.json under ``results_dir``, by path relative to the repository root."""
    out: dict[str, Record] = {}
    for path in sorted(results_dir.glob("*.json")):
        name = f"{results_dir.name}/{path.name}"
        try:
            data = json.loads(path.read_text())
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            raise RecordError(f"{name}: not valid JSON ({err})") from None
        rec = Record(name, data)
        _ = rec.kind  # a record of no known kind is an error now, not a blank section later
        out[name] = rec
    return out


@dataclass(frozen=True)
class CheckStatus:
    """A torch check's result in the newest record that holds it.

    passed: the check's verdict; record: the file; created: the record's creation time
    (empty for records made before records carried one).
    """

    check: str
    passed: bool
    record: str
    created: str


def check_statuses(records: dict[str, Record]) -> dict[str, CheckStatus]:
    """Each check ID's status from the newest record holding it.

    Newest: the latest ``created`` time; records without one rank below those with one, then
    by file name.
    """
    ranked = sorted(
        (r for r in records.values() if r.kind == "torchcheck"), key=lambda r: (str(r.data.get("created", "")), r.name)
    )
    out: dict[str, CheckStatus] = {}
    for rec in ranked:
        for i in range(len(rec.get("results"))):
            cid = rec.get("results", i, "id")
            out[cid] = CheckStatus(
                cid, bool(rec.get("results", i, "passed")), rec.name, str(rec.data.get("created", ""))
            )
    return out


def measured(records: dict[str, Record], check_id: str) -> tuple[Record, dict[str, Any]]:
    """The ``measured`` dict of ``check_id`` in the newest torchcheck record that has it."""
    status = check_statuses(records).get(check_id)
    if status is None:
        raise RecordError(f"no record under results/ holds check {check_id!r}")
    rec = records[status.record]
    for i, res in enumerate(rec.get("results")):
        if res.get("id") == check_id:
            return rec, rec.get("results", i, "measured")
    raise RecordError(f"{rec.name}: check {check_id!r} vanished")  # unreachable: statuses come from here


@dataclass(frozen=True)
class EulerRun:
    """An explicit-Euler run of the E1 check and the eigenvalue that decides it.

    factor: eps / eps_crit; deciding_z: eps * mu for the eigenvalue with the largest
    |1 + eps mu| (so |1 + deciding_z| is the spectral radius of I + eps J); converged: the run's
    measured outcome.
    """

    run: str
    factor: float
    deciding_z: tuple[float, float]
    abs_multiplier: float
    converged: bool


RHO_TOL = 1e-12  # relative: |1 + z| of the sample taken as deciding vs the recorded spectral radius


def euler_runs(rec: Record, m: dict[str, Any]) -> list[EulerRun]:
    """The deciding eigenvalue of each Euler run of ``equilibrium-spectrum-dense``.

    Records with ``euler_runs`` give it directly. Older records give the 150 eigenvalues nearest
    the circle per run (``stability_samples``) and the spectral radius ``rho_M_at_F_eps_crit``: the
    deciding one is the sample with the largest |1 + z|, accepted only if that equals the recorded
    spectral radius (else the record does not contain it, an error).
    """
    if "euler_runs" in m:
        return [
            EulerRun(
                r["run"],
                float(r["eps_over_eps_crit"]),
                tuple(r["deciding_z"]),
                float(r["deciding_abs_multiplier"]),
                bool(r["converged"]),
            )
            for r in m["euler_runs"]
        ]
    if "stability_samples" not in m:
        raise RecordError(f"{rec.name}: equilibrium-spectrum-dense has neither euler_runs nor stability_samples")
    out = []
    for tag in sorted({s["run"] for s in m["stability_samples"]}):
        factor = float(tag.split("_")[1])
        zs = [s["z"] for s in m["stability_samples"] if s["run"] == tag]
        z = max(zs, key=lambda v: abs(complex(1 + v[0], v[1])))
        radius = abs(complex(1 + z[0], z[1]))
        key = f"rho_M_at_{factor}_eps_crit"
        recorded = float(m.get(key, math.nan))
        if not abs(radius - recorded) <= RHO_TOL * recorded:
            raise RecordError(
                f"{rec.name}: the deciding eigenvalue of {tag} is not among the recorded "
                f"samples (largest |1 + eps mu| {radius} vs {key} = {recorded}); "
                "re-run 'torchcheck run --device cuda' to record euler_runs"
            )
        outcome = m.get(f"{tag}_outcome")
        if outcome is None:
            raise RecordError(f"{rec.name}: missing field {tag}_outcome")
        out.append(EulerRun(tag, factor, (z[0], z[1]), radius, outcome == "converged"))
    return out
