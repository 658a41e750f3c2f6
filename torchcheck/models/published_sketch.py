"""Claim R3: run the published phi-resolvent PyTorch sketch (seed 003) and record what happens.

The sketch is taken from the seed text (the lines between "PyTorch Code Sketch (Ready to Use)"
and "Expected Impact:"), or, where the seeds are not on disk, from the verbatim copy below,
whose SHA-256 is checked.  Each stage runs in a fresh Python subprocess:

1. as written (the page indents with non-breaking spaces, U+00A0);
2. with U+00A0 replaced by ordinary spaces (what a reader re-typing it gets);
3. additionally with the one syntax slip repaired: ``d=1.0/device=...`` -> ``d=1.0, device=...``;
   the whole sketch, usage loop included;
4. the repaired class alone, probed on CPU (and CUDA when present) inputs next to the
   project's ``torchcheck.models.layers.phi_resolvent_penalty`` with the sketch's phi = 1.618034.

``python -m torchcheck.models.published_sketch [--out FILE]`` prints (and writes) the JSON record.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

SEED_NAME = "003_8262c55e15140847.txt"
START_MARK = "PyTorch Code Sketch (Ready to Use)"
END_MARK = "Expected Impact:"
BROKEN = "d=1.0/device=torch.device('cpu')"
REPAIRED = "d=1.0, device=torch.device('cpu')"
REPO = Path(__file__).resolve().parents[2]

# The sketch exactly as seeds/003 prints it, one string per line (U+00A0 kept).
EMBEDDED_SKETCH_LINES: tuple[str, ...] = (
    "",
    "import torch",
    "",
    "import torch.nn as nn",
    "",
    "",
    "class PhiResolventRegularizer(nn.Module):",
    "",
    '\xa0 \xa0 """',
    "",
    "\xa0 \xa0 TOTU \u0e2f\u2022-resolvent regularizer: damps high-frequency (noisy) modes",
    "",
    "\xa0 \xa0 while preserving coherent low-k (golden-ratio scaled) components.",
    "",
    '\xa0 \xa0 """',
    "",
    "\xa0 \xa0 def __init__(self, phi=1.618034, lambda_reg=1e-4):",
    "",
    "\xa0 \xa0 \xa0 \xa0 super().__init__()",
    "",
    "\xa0 \xa0 \xa0 \xa0 self.phi = phi",
    "",
    "\xa0 \xa0 \xa0 \xa0 self.lambda_reg = lambda_reg",
    "",
    "",
    "\xa0 \xa0 def forward(self, x):",
    "",
    "\xa0 \xa0 \xa0 \xa0 # x is typically gradients or activations (batch, channels, ...)",
    "",
    "\xa0 \xa0 \xa0 \xa0 # Compute power spectrum in frequency domain",
    "",
    "\xa0 \xa0 \xa0 \xa0 x_fft = torch.fft.fft2(x) if x.dim() > 2 else torch.fft.fft(x)",
    "",
    "\xa0 \xa0 \xa0 \xa0 k2 = torch.fft.fftfreq(x.shape[-1], d=1.0/device=torch.device('cpu'))**2",
    "",
    "\xa0 \xa0 \xa0 \xa0 if x.dim() > 2:",
    "",
    "\xa0 \xa0 \xa0 \xa0 \xa0 \xa0 k2 = k2.unsqueeze(0).unsqueeze(0)\xa0 # broadcast",
    "",
    "\xa0\xa0 \xa0 \xa0 \xa0",
    "",
    "\xa0 \xa0 \xa0 \xa0 # \u0e2f\u2022-resolvent damping: 1 / (1 + \u0e2f\u2022 k\xb2)",
    "",
    "\xa0 \xa0 \xa0 \xa0 resolvent = 1.0 / (1.0 + self.phi * k2)",
    "",
    "\xa0\xa0 \xa0 \xa0 \xa0",
    "",
    "\xa0 \xa0 \xa0 \xa0 # Apply filter and compute energy of damped high-k modes",
    "",
    "\xa0 \xa0 \xa0 \xa0 filtered = x_fft * resolvent",
    "",
    "\xa0 \xa0 \xa0 \xa0 high_k_energy = torch.mean(torch.abs(x_fft - filtered)**2)",
    "",
    "\xa0\xa0 \xa0 \xa0 \xa0",
    "",
    "\xa0 \xa0 \xa0 \xa0 return self.lambda_reg * high_k_energy",
    "",
    "",
    "# Usage example in training loop",
    "",
    "regularizer = PhiResolventRegularizer(lambda_reg=1e-4)",
    "",
    "",
    "for batch in dataloader:",
    "",
    "\xa0 \xa0 optimizer.zero_grad()",
    "",
    "\xa0 \xa0 loss = model_loss(output, target)",
    "",
    "\xa0\xa0 \xa0",
    "",
    "\xa0 \xa0 # Add \u0e2f\u2022-resolvent regularization on gradients or activations",
    "",
    "\xa0 \xa0 reg_loss = regularizer(gradients)\xa0 # or on activations",
    "",
    "\xa0 \xa0 total_loss = loss + reg_loss",
    "",
    "\xa0\xa0 \xa0",
    "",
    "\xa0 \xa0 total_loss.backward()",
    "",
    "\xa0 \xa0 optimizer.step()",
    "",
)
EMBEDDED_SHA256 = "498378178ffd508afd0917346b44c9d6bd9c30c7831f7af7d51a93c6e5ed451c"


def seed_candidates() -> list[Path]:
    """Where the seed text may be: $PHI_SEEDS_DIR, the repository, or the shared folder."""
    dirs: list[str | Path] = [os.environ.get("PHI_SEEDS_DIR", "")]
    dirs += [REPO / "seeds", REPO / "shared" / "seeds", REPO.parent / "shared" / "seeds"]
    return [Path(d) / SEED_NAME for d in dirs if str(d)]


def extract(text: str) -> str:
    """The sketch: the lines strictly between the start and end markers of the seed text."""
    lines = text.split("\n")
    try:
        i = next(k for k, line in enumerate(lines) if line.strip() == START_MARK)
        j = next(k for k, line in enumerate(lines) if k > i and line.startswith(END_MARK))
    except StopIteration:
        raise ValueError("seed text has no PyTorch sketch between the expected markers") from None
    return "\n".join(lines[i + 1 : j])


def load_sketch() -> tuple[str, str]:
    """(code, where it came from); the seed file when found, else the checked embedded copy."""
    embedded = "\n".join(EMBEDDED_SKETCH_LINES)
    if hashlib.sha256(embedded.encode()).hexdigest() != EMBEDDED_SHA256:
        raise RuntimeError("embedded sketch copy does not match its SHA-256")
    for path in seed_candidates():
        if path.is_file():
            code = extract(path.read_text(encoding="utf-8"))
            same = code == embedded
            return code, f"{path} ({'identical to' if same else 'DIFFERS from'} the embedded copy)"
    return embedded, f"embedded verbatim copy of seeds/{SEED_NAME} (sha256 {EMBEDDED_SHA256[:16]})"


def _run_python(code: str, name: str, args: tuple[str, ...] = (), timeout: float = 180.0) -> dict:
    """Run ``code`` as a script in a fresh interpreter; return the outcome in one dict."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / name
        script.write_text(code, encoding="utf-8")
        env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        proc = subprocess.run(
            [sys.executable, str(script), *args], cwd=tmp, env=env, capture_output=True, text=True, timeout=timeout
        )
    err_lines = [line for line in proc.stderr.strip().splitlines() if line.strip()]
    last = err_lines[-1] if err_lines else ""
    out: dict[str, Any] = {
        "returncode": proc.returncode,
        "ran_cleanly": proc.returncode == 0,
        "error_type": last.split(":", 1)[0] if proc.returncode else "",
        "error": last[:300] if proc.returncode else "",
    }
    for line in err_lines:
        s = line.strip()
        if s.startswith('File "') and name in s and ", line " in s:
            out["error_line"] = int(s.split(", line ")[1].split(",")[0])
    if out.get("error_line"):
        out["error_source"] = code.split("\n")[out["error_line"] - 1].strip()[:200]
    if proc.returncode == 0:
        out["stdout"] = proc.stdout.strip()[-4000:]
    return out


def class_only(code: str) -> str:
    """The sketch up to its usage example (the imports and the class)."""
    cut = code.find("# Usage example")
    return code if cut < 0 else code[:cut]


PROBE = r"""
import json, math, sys
import torch
ns = {}
exec(compile(open(sys.argv[1], encoding="utf-8").read(), "sketch_class.py", "exec"), ns)
Reg = ns["PhiResolventRegularizer"]
from torchcheck.models.layers import phi_resolvent_penalty
PHI, LAM = 1.618034, 1e-4
out = {}
def probe(name, fn):
    try:
        out[name] = dict(ok=True, **fn())
    except Exception as exc:
        out[name] = dict(ok=False, error=(type(exc).__name__ + ": " + str(exc)).splitlines()[0][:300])
def both(x):
    return dict(sketch=float(Reg()(x)), project=float(phi_resolvent_penalty(x, phi=PHI, lambda_reg=LAM)))
g = torch.Generator().manual_seed(0)
x2 = torch.randn(8, 64, generator=g, dtype=torch.float64)
x4 = torch.randn(2, 3, 16, 16, generator=g, dtype=torch.float64)
h = torch.arange(16, dtype=torch.float64)
xh = torch.cos(math.pi * h).view(1, 1, 16, 1).expand(2, 3, 16, 16).contiguous()
probe("cpu_batch_of_1d_signals_float64", lambda: both(x2))
probe("cpu_batch_of_1d_signals_float32", lambda: both(x2.float()))
probe("cpu_4d_random", lambda: both(x4))
def nyq():
    d = both(xh)
    d["exact"] = LAM * (1 - 1 / (1 + PHI / 4)) ** 2 * 256.0
    return d
probe("cpu_4d_nyquist_along_H_only", nyq)
if torch.cuda.is_available():
    probe("cuda_batch_of_1d_signals", lambda: both(x2.cuda()))
    probe("cuda_4d_random", lambda: both(x4.cuda()))
x2g = x2.clone().requires_grad_(True)
def grad_probe():
    Reg()(x2g).backward()
    return dict(grad_finite=bool(torch.isfinite(x2g.grad).all()))
probe("cpu_backward", grad_probe)
print(json.dumps(out))
"""


def run_all() -> dict:
    """Every stage, and a summary of what the sketch does and whether the project's layer
    does what it intended."""
    code, source = load_sketch()
    nbsp_fixed = code.replace("\u00a0", " ")
    repaired = nbsp_fixed.replace(BROKEN, REPAIRED)
    stages = {
        "as_written": _run_python(code, "sketch_as_written.py"),
        "nbsp_replaced": _run_python(nbsp_fixed, "sketch_nbsp_replaced.py"),
        "nbsp_replaced_and_syntax_repaired": _run_python(repaired, "sketch_repaired.py"),
    }
    with tempfile.TemporaryDirectory() as tmp:
        cls = Path(tmp) / "sketch_class.py"
        cls.write_text(class_only(repaired), encoding="utf-8")
        probe_run = _run_python(PROBE, "probe_sketch.py", (str(cls),))
    probes = json.loads(probe_run["stdout"].splitlines()[-1]) if probe_run["ran_cleanly"] else {}
    summary = summarise(stages, probes)
    return {
        "claim": "R3",
        "source": source,
        "sha256": hashlib.sha256(code.encode()).hexdigest(),
        "nbsp_count": code.count("\u00a0"),
        "repair": {"from": BROKEN, "to": REPAIRED},
        "stages": stages,
        "probe_run": {k: v for k, v in probe_run.items() if k != "stdout"},
        "probes": probes,
        "summary": summary,
    }


def _rel(a: float, b: float) -> float:
    return abs(a - b) / max(abs(a), abs(b), 1e-300)


def summarise(stages: dict, probes: dict) -> dict:
    s = {
        "runs_as_written": stages["as_written"]["ran_cleanly"],
        "as_written_error": stages["as_written"]["error"],
        "after_nbsp_error": stages["nbsp_replaced"]["error"],
        "after_repair_error": stages["nbsp_replaced_and_syntax_repaired"]["error"],
    }
    p1 = probes.get("cpu_batch_of_1d_signals_float64", {})
    if p1.get("ok"):
        s["repaired_1d_matches_project_rel_diff"] = _rel(p1["sketch"], p1["project"])
    pn = probes.get("cpu_4d_nyquist_along_H_only", {})
    if pn.get("ok"):
        s["repaired_4d_H_nyquist_sketch_penalty"] = pn["sketch"]
        s["repaired_4d_H_nyquist_project_penalty"] = pn["project"]
        s["repaired_4d_H_nyquist_exact"] = pn["exact"]
        s["project_4d_H_nyquist_rel_error"] = _rel(pn["project"], pn["exact"])
    pc = probes.get("cuda_batch_of_1d_signals")
    if pc is not None:
        s["repaired_on_cuda_input"] = "runs" if pc.get("ok") else pc.get("error", "")
    return s


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m torchcheck.models.published_sketch", description=__doc__.split("\n")[0]
    )
    ap.add_argument("--out", help="write the JSON record here")
    args = ap.parse_args(argv)
    rec = run_all()
    text = json.dumps(rec, indent=1)
    print(text)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
