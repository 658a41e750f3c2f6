"""Throughput of the reference layers: phi-resolvent regularizer (forward + backward), VDI of
attention maps, JEPA loss.  Prints one line per case: shape, device, milliseconds per call,
and the regularizer's overhead relative to one linear layer of the same width.

    python bench/bench_layers.py [--device cpu|cuda] [--repeat N]
"""

from __future__ import annotations

import argparse
import time

import torch

from torchcheck.models import layers as L


def timed(fn, device, repeat: int) -> float:
    fn()
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    t0 = time.perf_counter()
    for _ in range(repeat):
        fn()
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return 1000 * (time.perf_counter() - t0) / repeat


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    dev = torch.device(args.device)
    big = dev.type == "cuda"
    reg = L.PhiResolventRegularizer()
    cases = [(1024, 1024), (64, 16, 64, 64)] if not big else [(8192, 2048), (256, 64, 128, 128)]
    for shape in cases:
        x = torch.randn(shape, device=dev, requires_grad=True)

        def step():
            x.grad = None
            reg(x).backward()

        ms = timed(step, dev, args.repeat)
        lin = torch.nn.Linear(shape[-1], shape[-1]).to(dev)

        def lin_step():
            lin.zero_grad(set_to_none=True)
            lin(x.detach()).sum().backward()

        ms_lin = timed(lin_step, dev, args.repeat)
        print(
            f"resolvent fwd+bwd {shape} on {dev}: {ms:.3f} ms/call "
            f"({ms / ms_lin:.2f}x a Linear({shape[-1]}, {shape[-1]}) fwd+bwd at {ms_lin:.3f} ms)"
        )
    B, H, T = (64, 4, 128) if not big else (512, 8, 512)
    A = torch.softmax(torch.randn(B, H, T, T, device=dev), -1)
    ms = timed(lambda: L.vdi(A), dev, args.repeat)
    print(f"vdi {(B, H, T, T)} on {dev}: {ms:.3f} ms/call ({B * H * T / ms / 1e3:.1f} M rows/s)")
    h = torch.randn(B, T, 256, device=dev)
    ms = timed(lambda: L.jepa_loss(h, 3, T // 2), dev, args.repeat)
    print(f"jepa loss {(B, T, 256)} on {dev}: {ms:.3f} ms/call")


if __name__ == "__main__":
    main()
