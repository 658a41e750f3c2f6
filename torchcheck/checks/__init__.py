"""The torch checks, one module per claim family; each exposes ``CHECKS: list[Check]``."""
