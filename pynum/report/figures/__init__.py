"""The report's figures, one module per claim family, drawn from committed records or closed forms."""
