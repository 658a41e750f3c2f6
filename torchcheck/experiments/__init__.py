"""The re-run experiments (``torchcheck experiment NAME``); each exposes ``main(argv) -> int``."""
