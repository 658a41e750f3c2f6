"""The objects under test: the simplex dynamics (W1-W9), the equilibrium transformer block
(E1-E11), the phi-resolvent, VDI and sunflower layers, and the published regularizer sketch."""
