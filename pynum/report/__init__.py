"""The verification report: the page, its sections, the committed records it reads, its figures."""
