"""``pynum scan``: find mathematical constants typed into text and code, and judge their digits.

table: the quantities looked for; scanner: literals, matching and the record; fold: values a
Python module computes from literals.
"""
