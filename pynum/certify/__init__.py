"""``pynum certify``: settle a numeric claim (an expression's digits, or a relation between
expressions) with a Coq certificate.

Modules: :mod:`.language` (the expression and relation language: parser, domain checks, SymPy
and Coq terms), :mod:`.numerics` (Arb and mpmath engines, digits, enclosures),
:mod:`.coqgen` (Coq files for enclosures, coqc, certificates and their check),
:mod:`.relations` (relations and chains: proved, refuted or undecided), :mod:`.exact`
(exact algebraic identities: SymPy decides, a generated Coq script proves),
:mod:`.batch` (``--claims FILE.toml``) and :mod:`.command` (the command line).
"""
