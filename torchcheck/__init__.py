"""Reference torch layers and the checks that hold them to the proved bounds.

Imports pynum (for certified constants); pynum never imports torch or torchcheck.
"""
