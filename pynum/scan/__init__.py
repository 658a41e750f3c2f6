"""``pynum scan``: find mathematical constants typed into text and code, and judge their digits.

table: the quantities looked for (golden-ratio family and standard constants, with their names);
literals: decimal literals of many languages and the precision of their types; scanner: matching
literals to the table; judge: the evidence a literal needs and the verdict rules beyond
pynum/constants/verdict.py; walk: the files read and skipped; record: a whole scan and its JSON
record; fold: values a Python module computes from literals; formats: SARIF and GitHub
annotations; fix: ``--fix``/``--diff``; command: the command line; corpus: the precision record
on the wheels of large scientific packages.
"""
