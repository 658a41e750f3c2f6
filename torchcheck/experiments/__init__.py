"""The re-run experiments (``torchcheck experiment NAME``); each exposes ``main(argv) -> int``."""

from __future__ import annotations

from pynum.cliutil import Parser, output_file


def experiment_parser(name: str, description: str, sizes: tuple[str, ...]) -> Parser:
    """The options every experiment takes: ``--device``, ``--size`` and ``--out``."""
    ap = Parser(prog=f"torchcheck experiment {name}", description=description)
    ap.add_argument("--device", choices=("cpu", "cuda"), default="cpu", help="where the models train")
    ap.add_argument(
        "--size", choices=sizes, default=None, help="small (CPU smoke, default on CPU) or full (GPU, default on CUDA)"
    )
    ap.add_argument(
        "--out", type=output_file, metavar="FILE", help="write the JSON record to FILE (its folder must exist)"
    )
    return ap
