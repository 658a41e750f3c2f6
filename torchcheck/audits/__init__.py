"""Audits of published packages (``torchcheck audit NAME``); each exposes ``main(argv) -> int``."""
