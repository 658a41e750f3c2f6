"""The proof audit: the hermetic build, coqchk over the project's closure, Print Assumptions,
the pinned statements, definitions and ledger (``python -m pynum audit``; ``make prove``)."""
