"""The one engine behind every spectral and fixed-point computation in torchcheck.

``fixed_point`` (the fixed-point finder), ``krylov`` (the restarted Arnoldi on Jacobian-vector
products), ``spectrum`` (dense Jacobians and their spectra), ``eps_crit`` (eps_crit from
eigenvalues, and exactly at Krylov scale), ``stability`` (the audit) and ``stability_cli`` (its
command line). The E1-E11 checks and ``torchcheck stability`` both use these.
"""
